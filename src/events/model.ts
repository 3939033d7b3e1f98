// The kinds of organisation an invitation list sorts people by, and where invitees come from.
export { INVITE_REGIONS, type InviteRegion, ORG_TYPES, type OrgType } from '../shared/organisations.js';
import type { InviteRegion, OrgType } from '../shared/organisations.js';

/** The events area's name on the outbox: its chats are keyed apart from the helpline's. */
export const EVENTS_AREA = 'events';

export const SESSION_KINDS = ['plenary', 'world_cafe', 'group_work', 'open_space', 'poll', 'evaluation'] as const;
export type SessionKind = (typeof SESSION_KINDS)[number];

/** What forms the groups of a group-work session. */
export const GROUP_ATTRIBUTES = ['region', 'org_type'] as const;
export type GroupAttribute = (typeof GROUP_ATTRIBUTES)[number];

/** An open event takes registrations in the chat; a closed one answers old buttons and links with a clear "closed". */
export const EVENT_STATUSES = ['open', 'closed'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** How a day's presence was recorded: the entrance code typed in the chat, an organiser, the paper sign-in sheet. */
export const ATTENDANCE_SOURCES = ['chat_code', 'organiser', 'sheet'] as const;
export type AttendanceSource = (typeof ATTENDANCE_SOURCES)[number];

/** How a participant came in: registered in the chat, added by an organiser, added from a sign-in sheet. */
export const PARTICIPANT_SOURCES = ['chat', 'organiser', 'sheet'] as const;
export type ParticipantSource = (typeof PARTICIPANT_SOURCES)[number];

/** A text in each of several languages, by language code: `{ sq: '...', en: '...' }`. */
export type Texts = Readonly<Record<string, string>>;

export interface EventRecord {
  id: string;
  /** Six characters of JOIN_CODE_ALPHABET; the deep link is `ev_<joinCode>`. */
  joinCode: string;
  names: Texts;
  /** The first day, YYYY-MM-DD, in the event's time zone. */
  startsOn: string;
  days: number;
  venue: string | null;
  /** IANA time zone of the venue. */
  timezone: string;
  /** The languages the event runs in; the first is its main language and always has a name. */
  languages: string[];
  status: EventStatus;
  templateId: string | null;
  createdAt: Date;
  /** The projector page's code (`/e/<publicCode>`, see public-code.ts); null for an event made before there was one, until it is first asked for. */
  publicCode: string | null;
  /** The projector shows first names at tables (true) or table numbers only (false). */
  namesShown: boolean;
}

interface SessionBase {
  id: string;
  eventId: string;
  /** Order within the programme, from 0. */
  position: number;
  /** 1 = the event's first day. */
  day: number;
  /** HH.MM, as Albanian programmes write times (08.30). */
  start: string;
  end: string | null;
  title: Texts;
}

/** One item of a programme; World Café and group work carry what runs them. */
export type EventSession =
  | (SessionBase & { kind: 'plenary' | 'open_space' | 'poll' | 'evaluation' })
  | (SessionBase & { kind: 'world_cafe'; rounds: number; roundMinutes: number /** One question per round. */; questions: Texts[] })
  | (SessionBase & { kind: 'group_work'; groupBy: GroupAttribute });

/** An organisation on an event's lists, recognised by `nameKey` (see normalise.ts). Its type is the organisation's, for all its people. */
export interface Organisation {
  id: string;
  eventId: string;
  name: string;
  nameKey: string;
  orgType: OrgType;
}

export interface Invitee {
  id: string;
  eventId: string;
  name: string;
  nameKey: string;
  organisationId: string;
  region: InviteRegion;
  contact: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Someone taking part: registered in the chat (from the list: `inviteeId`; or as a
 * walk-in with their own name, organisation and region), or added by an organiser or
 * from a sign-in sheet (then no Telegram key). Not a help-seeker: `telegramKey` is a
 * keyed hash with the participant purpose, `chatCipher` the sealed chat address. When
 * the participant deletes their data, the name, key and chat address go and the row
 * stays, marked deleted, with the organisation and region the profile counts.
 */
export interface Participant {
  id: string;
  eventId: string;
  inviteeId: string | null;
  name: string | null;
  organisationId: string | null;
  region: InviteRegion | null;
  telegramKey: string | null;
  chatCipher: string | null;
  language: string;
  source: ParticipantSource;
  registeredAt: Date;
  leftAt: Date | null;
  deletedAt: Date | null;
}

/** Who registers in the chat without being on the invitation list. */
export interface WalkIn {
  name: string;
  organisation: string;
  /** Used only for an organisation not yet on the event's lists: a known one keeps its type. */
  orgType: OrgType;
  region: InviteRegion;
}

/** A walk-in's correction: one field, or another organisation (with its type when it is new). */
export interface WalkInChange {
  name?: string;
  organisation?: string;
  orgType?: OrgType;
  region?: InviteRegion;
}

/** A person was there on a day: one row per person and day, the first record kept. */
export interface Attendance {
  id: string;
  eventId: string;
  /** `i:<invitee id>` or `p:<participant id>` (see personKeyOf). */
  personKey: string;
  inviteeId: string | null;
  participantId: string | null;
  day: number;
  source: AttendanceSource;
  at: Date;
}

/** The attendance key of an invitee, whether or not they registered in the chat. */
export const inviteeKey = (inviteeId: string): string => `i:${inviteeId}`;

/**
 * The attendance key of a participant: one person, however they are known. By their
 * invitation when they have one (so that the sheet and the chat record the same person
 * once a day), otherwise as the participant they registered as.
 */
export const personKeyOf = (participant: Pick<Participant, 'id' | 'inviteeId'>): string => (participant.inviteeId !== null ? inviteeKey(participant.inviteeId) : `p:${participant.id}`);
