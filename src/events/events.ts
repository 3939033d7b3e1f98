import type { Clock } from '../shared/clock.js';
import type { IdentityProtector } from '../shared/crypto.js';
import { newId } from '../shared/ids.js';
import { LANGUAGES } from '../i18n/index.js';
import { type AttendanceImport, importAttendance } from './attendance-import.js';
import { type EntranceCode, entranceCodeAt, type EntranceSigner } from './entrance-code.js';
import { createEventChat, type EventChat } from './event-chat.js';
import { DEFAULT_EVENT_LANGUAGES, eventInputSchema, type EventInput, type InputProblem } from './event-input.js';
import { EventError } from './errors.js';
import { type InviteImport, importInvites } from './invite-import.js';
import { newJoinCode, parseJoinCode } from './join-code.js';
import { newPublicCode, parsePublicCode } from './public-code.js';
import type { EventRecord, EventSession, EventStatus } from './model.js';
import { createParticipants, type Participants } from './participants.js';
import { participantProfile, type Profile, type ProfileDimension } from './profile.js';
import { type EventText, programmeFrom } from './programme.js';
import { buildRoster, type EventLists, profilePeople, type RosterEntry } from './roster.js';
import type { EventStore } from './store.js';
import type { TableFile } from '../shared/table-file.js';
import type { TemplateCatalog } from './templates.js';

export type Creation = { kind: 'created'; event: EventRecord; sessions: EventSession[] } | { kind: 'invalid'; problems: InputProblem[] };

/**
 * The events area's use-cases: what the CLI, the web side and the bot call. An
 * `eventId` may also be the event's join code (EventError `event_not_found` when it is
 * neither), except for the organiser calls, which take the id. Imports are taken for a
 * closed event too: the paper sheet is often typed up after the event.
 */
export interface Events {
  create(input: EventInput): Promise<Creation>;
  /** Every event, the latest first day first. */
  list(): Promise<EventRecord[]>;
  /** By id or by join code (as typed: case, spaces and a dash do not matter). */
  find(ref: string): Promise<EventRecord | undefined>;
  /** Like find, or EventError `event_not_found`. */
  get(ref: string): Promise<EventRecord>;
  programme(eventId: string): Promise<EventSession[]>;
  setStatus(eventId: string, status: EventStatus): Promise<void>;
  importInvites(eventId: string, file: TableFile, options?: { skipInvalid?: boolean }): Promise<InviteImport>;
  /** The sign-in sheet of one day (1 by default). */
  importAttendance(eventId: string, file: TableFile, options?: { day?: number; addUnmatched?: boolean }): Promise<AttendanceImport>;
  profile(eventId: string, by?: ProfileDimension): Promise<Profile>;
  /** Every person of the event with their registration and days present. */
  roster(eventId: string): Promise<RosterEntry[]>;
  organisers(eventId: string): Promise<string[]>;
  addOrganiser(eventId: string, operatorId: string): Promise<boolean>;
  removeOrganiser(eventId: string, operatorId: string): Promise<boolean>;
  isOrganiser(eventId: string, operatorId: string): Promise<boolean>;
  organisedBy(operatorId: string): Promise<EventRecord[]>;
  participants: Participants;
  /** Registration, self-service and check-in in a participant's chat. */
  chat: EventChat;
  /**
   * The entrance code to show at the venue now (the organisers' page, /event): four
   * digits that change every ten minutes; typed into the chat, they check the
   * participant in for the event's current day.
   */
  entranceCode(eventId: string): Promise<EntranceCode>;
  /** The event a projector code opens (`/e/<code>`); undefined for a code that opens none. */
  byPublicCode(code: string): Promise<EventRecord | undefined>;
  /** The projector page's code and setting; an event made before there were codes is given its code now. */
  projector(eventId: string): Promise<Projector>;
  /** First names at tables (true) or table numbers only (false) on the projector page. */
  setNamesShown(eventId: string, namesShown: boolean): Promise<void>;
}

/** How an event's projector page is reached and what it shows of people. */
export interface Projector {
  publicCode: string;
  namesShown: boolean;
}

export interface EventsDeps {
  store: EventStore;
  templates: TemplateCatalog;
  /** A text of the events namespace in a language, to copy a template's texts into an event. */
  text: EventText;
  identity: IdentityProtector;
  clock: Clock;
  /** The time zone of an event created without one (APP_TIMEZONE). */
  timezone: string;
}

/** Draws of a join code before giving up: with 887 million codes, a second draw is already rare. */
const JOIN_CODE_DRAWS = 5;

const problemsOf = (issues: readonly { path: readonly PropertyKey[]; message: string }[]): InputProblem[] =>
  issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));

export function createEvents(deps: EventsDeps): Events {
  const { store, templates, text, clock } = deps;
  const now = () => clock.now();

  async function get(ref: string): Promise<EventRecord> {
    const event = await find(ref);
    if (!event) throw new EventError('event_not_found', `no event has the id or join code ${JSON.stringify(ref)}`);
    return event;
  }
  async function find(ref: string): Promise<EventRecord | undefined> {
    const code = parseJoinCode(ref);
    return (code === undefined ? undefined : await store.eventByJoinCode(code)) ?? store.event(ref.trim());
  }
  const participants = createParticipants({ store, identity: deps.identity, now });
  // The entrance code's key: the server's pepper, under a purpose of its own.
  const sign: EntranceSigner = (message) => deps.identity.hashId('entrance', message);
  const lists = async (eventId: string): Promise<EventLists> => {
    const [organisations, invitees, participants, attendance] = await Promise.all([store.organisations(eventId), store.invitees(eventId), store.participants(eventId), store.attendance(eventId)]);
    return { organisations, invitees, participants, attendance };
  };

  async function create(input: EventInput): Promise<Creation> {
    const parsed = eventInputSchema.safeParse(input);
    if (!parsed.success) return { kind: 'invalid', problems: problemsOf(parsed.error.issues) };
    const { names, startsOn, venue, templateId } = parsed.data;
    const languages = parsed.data.languages ?? [...DEFAULT_EVENT_LANGUAGES];
    const template = templateId ? templates.get(templateId) : undefined;
    if (templateId && !template) {
      return { kind: 'invalid', problems: [{ field: 'templateId', message: `"${templateId}" is not a usable template; known: ${[...templates.templates.keys()].join(', ') || 'none'}` }] };
    }
    const days = parsed.data.days ?? template?.days ?? 1;
    if (template && days < template.days) return { kind: 'invalid', problems: [{ field: 'days', message: `must be at least ${template.days}: the template's programme has ${template.days} days` }] };
    for (let draw = 0; draw < JOIN_CODE_DRAWS; draw++) {
      const event: EventRecord = {
        id: newId(),
        joinCode: newJoinCode(),
        names,
        startsOn,
        days,
        venue: venue ?? null,
        timezone: parsed.data.timezone ?? deps.timezone,
        languages,
        status: 'open',
        templateId: template?.id ?? null,
        createdAt: now(),
        publicCode: newPublicCode(),
        namesShown: true,
      };
      const sessions = template ? programmeFrom(template, event.id, languages, text) : [];
      if (await store.createEvent(event, sessions)) return { kind: 'created', event, sessions };
    }
    throw new Error(`no free join code after ${JOIN_CODE_DRAWS} draws`);
  }

  const dayOf = (event: EventRecord, day: number | undefined): number => {
    const chosen = day ?? 1;
    if (!Number.isInteger(chosen) || chosen < 1 || chosen > event.days) throw new EventError('day_out_of_range', `day ${chosen} is not a day of the event (1 to ${event.days})`);
    return chosen;
  };

  return {
    create,
    list: () => store.events(),
    find,
    get,
    programme: async (eventId) => store.sessions((await get(eventId)).id),
    async setStatus(eventId, status) {
      if (!(await store.setStatus(eventId, status))) throw new EventError('event_not_found', `no event ${eventId}`);
    },
    async importInvites(eventId, file, options = {}) {
      const event = await get(eventId);
      return importInvites(store, event.id, file, options, now());
    },
    async importAttendance(eventId, file, options = {}) {
      const event = await get(eventId);
      return importAttendance(store, event, file, { day: dayOf(event, options.day), ...(options.addUnmatched ? { addUnmatched: true } : {}) }, now());
    },
    async profile(eventId, by = 'org_type') {
      const event = await get(eventId);
      return participantProfile(profilePeople(await lists(event.id)), by);
    },
    roster: async (eventId) => buildRoster(await lists((await get(eventId)).id)),
    organisers: (eventId) => store.organisers(eventId),
    async addOrganiser(eventId, operatorId) {
      const event = await get(eventId);
      return store.addOrganiser(event.id, operatorId, now());
    },
    removeOrganiser: (eventId, operatorId) => store.removeOrganiser(eventId, operatorId),
    isOrganiser: async (eventId, operatorId) => (await store.organisers(eventId)).includes(operatorId),
    organisedBy: (operatorId) => store.organisedBy(operatorId),
    participants,
    chat: createEventChat({ store, participants, identity: deps.identity, clock, languages: LANGUAGES, sign }),
    entranceCode: async (eventId) => entranceCodeAt(sign, (await get(eventId)).id, now()),
    async byPublicCode(code) {
      const parsed = parsePublicCode(code);
      return parsed === undefined ? undefined : store.eventByPublicCode(parsed);
    },
    async projector(eventId) {
      const event = await get(eventId);
      if (event.publicCode !== null) return { publicCode: event.publicCode, namesShown: event.namesShown };
      // Two pages asking at once: one code is kept (a conditional update), and both read it back.
      await store.setPublicCode(event.id, newPublicCode());
      const stored = await get(event.id);
      if (stored.publicCode === null) throw new Error(`event ${event.id} has no projector code after one was given`);
      return { publicCode: stored.publicCode, namesShown: stored.namesShown };
    },
    async setNamesShown(eventId, namesShown) {
      if (!(await store.setNamesShown((await get(eventId)).id, namesShown))) throw new EventError('event_not_found', `no event ${eventId}`);
    },
  };
}
