import { type Attendance, type Invitee, inviteeKey, type InviteRegion, type Organisation, type OrgType, type Participant, personKeyOf } from './model.js';
import type { ProfilePerson } from './profile.js';

/** Everything stored about an event's people, as the stores return it. */
export interface EventLists {
  organisations: readonly Organisation[];
  invitees: readonly Invitee[];
  participants: readonly Participant[];
  attendance: readonly Attendance[];
}

/** One person of an event, as the organisers see them: invited, registered, present on which days. */
export interface RosterEntry {
  /** `i:<invitee id>` or `p:<participant id>`, as attendance rows name them. */
  personKey: string;
  /** None for a walk-in who deleted their data. */
  name: string | null;
  organisationId: string;
  organisation: string;
  orgType: OrgType;
  region: InviteRegion;
  inviteeId: string | null;
  /** Their registration (in the chat, or added by an organiser or a sheet), if any and not deleted. */
  participantId: string | null;
  registeredAt: Date | null;
  leftAt: Date | null;
  /** The days they were recorded present, in order. */
  days: number[];
  /** When Ura first recorded them present (the entrance code, an organiser, a sheet's import), if it did. */
  firstPresentAt: Date | null;
}

/** Invitees first (in list order), then walk-ins (in the order they registered). Pure. */
export function buildRoster(lists: EventLists): RosterEntry[] {
  const organisations = new Map(lists.organisations.map((organisation) => [organisation.id, organisation]));
  const days = new Map<string, number[]>();
  const firstAt = new Map<string, Date>();
  for (const row of lists.attendance) {
    days.set(
      row.personKey,
      [...(days.get(row.personKey) ?? []), row.day].sort((a, b) => a - b),
    );
    const earlier = firstAt.get(row.personKey);
    if (!earlier || row.at < earlier) firstAt.set(row.personKey, row.at);
  }
  const registrations = new Map(lists.participants.flatMap((participant) => (participant.inviteeId !== null && participant.deletedAt === null ? [[participant.inviteeId, participant]] : [])));
  const entries: RosterEntry[] = [];
  for (const invitee of lists.invitees) {
    const organisation = organisations.get(invitee.organisationId);
    if (!organisation) continue;
    const registration = registrations.get(invitee.id);
    const personKey = inviteeKey(invitee.id);
    entries.push({
      personKey,
      name: invitee.name,
      organisationId: organisation.id,
      organisation: organisation.name,
      orgType: organisation.orgType,
      region: invitee.region,
      inviteeId: invitee.id,
      participantId: registration?.id ?? null,
      registeredAt: registration?.registeredAt ?? null,
      leftAt: registration?.leftAt ?? null,
      days: days.get(personKey) ?? [],
      firstPresentAt: firstAt.get(personKey) ?? null,
    });
  }
  for (const participant of lists.participants) {
    const organisation = participant.organisationId === null ? undefined : organisations.get(participant.organisationId);
    if (participant.inviteeId !== null || !organisation || participant.region === null) continue;
    const personKey = personKeyOf(participant);
    const deleted = participant.deletedAt !== null;
    entries.push({
      personKey,
      name: participant.name,
      organisationId: organisation.id,
      organisation: organisation.name,
      orgType: organisation.orgType,
      region: participant.region,
      inviteeId: null,
      participantId: deleted ? null : participant.id,
      registeredAt: deleted ? null : participant.registeredAt,
      leftAt: participant.leftAt,
      days: days.get(personKey) ?? [],
      firstPresentAt: firstAt.get(personKey) ?? null,
    });
  }
  return entries;
}

/** The people the profile counts: everyone invited, and everyone recorded present on at least one day. */
export function profilePeople(lists: EventLists): { invited: ProfilePerson[]; attended: ProfilePerson[] } {
  const organisations = new Map(lists.organisations.map((organisation) => [organisation.id, organisation]));
  // An organisation is one by its key (it is stored once per event, so its id would do as well).
  const person = (entry: RosterEntry): ProfilePerson => ({
    key: entry.personKey,
    organisationKey: organisations.get(entry.organisationId)?.nameKey ?? entry.organisationId,
    orgType: entry.orgType,
    region: entry.region,
  });
  const roster = buildRoster(lists);
  return { invited: roster.filter((entry) => entry.inviteeId !== null).map(person), attended: roster.filter((entry) => entry.days.length > 0).map(person) };
}
