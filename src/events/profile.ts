import { percent } from '../reports/index.js';
import { INVITE_REGIONS, type InviteRegion, ORG_TYPES, type OrgType } from './model.js';

/**
 * The participant profile of the 2006 report, computed: for each type of organisation
 * (or each region), how many people and organisations were invited and how many took
 * part. Pure: the area gathers the people, this counts them.
 *
 * A *participant* is a person who attended: recorded as present on at least one day
 * (by the entrance code in the chat, by an organiser, or from the sign-in sheet).
 * Registering in the chat without being recorded present does not count. Walk-ins
 * (people not on the invitation list) count as participants of their type and region
 * but not as invited, so a type's "% of invited" can exceed 100.
 */

/** One person, counted once: by whom they are (`key`), their organisation, its type, their region. */
export interface ProfilePerson {
  key: string;
  organisationKey: string;
  orgType: OrgType;
  region: InviteRegion;
}

export const PROFILE_DIMENSIONS = ['org_type', 'region'] as const;
export type ProfileDimension = (typeof PROFILE_DIMENSIONS)[number];

export interface ProfileCounts {
  invitedPersons: number;
  /** Distinct organisations of the invited persons. */
  invitedOrgs: number;
  participants: number;
  /** Distinct organisations of the participants. */
  participatingOrgs: number;
  /** participants ÷ invited persons, in %, one decimal; null with nobody invited. */
  pctOfInvited: number | null;
  /** participants ÷ all participants, in %, one decimal; null with no participant at all. */
  pctOfParticipants: number | null;
}

export type ProfileRow = ({ orgType: OrgType } & ProfileCounts) | ({ region: InviteRegion } & ProfileCounts);

/** As the JSON output prints it: the rows with anyone invited or taking part, in the order of the types (or regions), and the total. */
export interface Profile {
  rows: ProfileRow[];
  total: ProfileCounts;
}

// The reports' one rounding of shares, also offered where the profile is imported from.
export { percent };

const distinct = (people: readonly ProfilePerson[], key: (person: ProfilePerson) => string): number => new Set(people.map(key)).size;

function counts(invited: readonly ProfilePerson[], attended: readonly ProfilePerson[], allParticipants: number): ProfileCounts {
  const invitedPersons = distinct(invited, (person) => person.key);
  const participants = distinct(attended, (person) => person.key);
  return {
    invitedPersons,
    invitedOrgs: distinct(invited, (person) => person.organisationKey),
    participants,
    participatingOrgs: distinct(attended, (person) => person.organisationKey),
    pctOfInvited: percent(participants, invitedPersons),
    pctOfParticipants: percent(participants, allParticipants),
  };
}

/** The profile by type of organisation or by region. A person recorded on several days counts once. */
export function participantProfile(people: { invited: readonly ProfilePerson[]; attended: readonly ProfilePerson[] }, by: ProfileDimension): Profile {
  const allParticipants = distinct(people.attended, (person) => person.key);
  const rows: ProfileRow[] = [];
  const add = <V extends string>(value: V, of: (person: ProfilePerson) => V, row: (counted: ProfileCounts) => ProfileRow) => {
    const counted = counts(
      people.invited.filter((person) => of(person) === value),
      people.attended.filter((person) => of(person) === value),
      allParticipants,
    );
    if (counted.invitedPersons > 0 || counted.participants > 0) rows.push(row(counted));
  };
  if (by === 'org_type')
    for (const orgType of ORG_TYPES)
      add(
        orgType,
        (person) => person.orgType,
        (counted) => ({ orgType, ...counted }),
      );
  else
    for (const region of INVITE_REGIONS)
      add(
        region,
        (person) => person.region,
        (counted) => ({ region, ...counted }),
      );
  return { rows, total: counts(people.invited, people.attended, allParticipants) };
}
