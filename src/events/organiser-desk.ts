import type { Operator, OperatorStore } from '../staff/operators.js';
import type { Clock } from '../shared/clock.js';
import type { EntranceCode } from './entrance-code.js';
import { eventDayAt } from './event-day.js';
import type { Events } from './events.js';
import type { EventRecord, EventSession } from './model.js';
import type { Profile, ProfileDimension } from './profile.js';
import { byRef, pageCount } from './registration.js';
import type { Paged } from './registration-view.js';
import type { RosterEntry } from './roster.js';

export const DESK_PAGE = 8;
/** The events /event offers, the latest first. */
const EVENTS_SHOWN = 10;

export type DeskView = { kind: 'overview' } | { kind: 'programme' } | { kind: 'people'; page: number } | { kind: 'check_in'; page: number } | { kind: 'profile'; by: ProfileDimension };

/** What the organiser's desk answers: data, written by the transport in the organiser's language. */
export type DeskAnswer =
  /** Not an organiser of this event (or of any): nothing about anyone is shown. */
  | { kind: 'refused'; reason: 'not_organiser'; language: string }
  | { kind: 'refused'; reason: 'closed' | 'not_today' | 'stale'; language: string; event: EventRecord }
  | { kind: 'events'; language: string; events: EventRecord[] }
  | { kind: 'overview'; language: string; event: EventRecord; registered: number; present: number; day: number | undefined; entrance: EntranceCode | undefined }
  | { kind: 'programme'; language: string; event: EventRecord; sessions: EventSession[] }
  | { kind: 'people'; language: string; event: EventRecord; list: Paged<RosterEntry>; total: number }
  | { kind: 'check_in'; language: string; event: EventRecord; day: number; list: Paged<RosterEntry>; confirmed?: { name: string | null; already: boolean } }
  | { kind: 'profile'; language: string; event: EventRecord; by: ProfileDimension; profile: Profile };

/**
 * The organiser's /event in the bot: their events, the programme, the registrations,
 * check-in by confirming a participant, the profile. Only a registered staff member
 * whom the event names as organiser sees any of it; everyone else (a stranger, a
 * participant, a colleague who does not organise it) is refused before anything is
 * read. Buttons name the event by its join code and a person by a short reference.
 */
export interface OrganiserDesk {
  /** `/event`: the events the account organises; with one, its overview straight away. */
  open(telegramId: string, fallbackLanguage: string): Promise<DeskAnswer>;
  view(telegramId: string, joinCode: string, view: DeskView, fallbackLanguage: string): Promise<DeskAnswer>;
  /** Checks in the registered participant `ref` names, for the event's current day, then shows the list again at `page`. */
  confirm(telegramId: string, joinCode: string, ref: string, page: number, fallbackLanguage: string): Promise<DeskAnswer>;
}

export interface OrganiserDeskDeps {
  events: Pick<Events, 'find' | 'isOrganiser' | 'organisedBy' | 'programme' | 'roster' | 'profile' | 'entranceCode' | 'participants'>;
  staff: Pick<OperatorStore, 'byTelegramId'>;
  clock: Clock;
  /** The languages Ura writes. */
  languages: readonly string[];
}

const collator = new Intl.Collator('sq', { numeric: true });
const byName = (a: RosterEntry, b: RosterEntry) => collator.compare(a.name ?? '', b.name ?? '') || collator.compare(a.organisation, b.organisation);

function paged<T>(items: T[], page: number): Paged<T> {
  const pages = pageCount(items.length, DESK_PAGE);
  const shown = Math.min(Math.max(page, 0), pages - 1);
  return { items: items.slice(shown * DESK_PAGE, (shown + 1) * DESK_PAGE), page: shown, pages };
}

/** Registered in the chat (or by an organiser) and not deleted. */
const registeredOf = (roster: RosterEntry[]) => roster.filter((entry) => entry.participantId !== null);

export function createOrganiserDesk(deps: OrganiserDeskDeps): OrganiserDesk {
  const { events, staff, clock } = deps;
  const languageOf = (member: Operator | undefined, fallback: string) => member?.languages.find((language) => deps.languages.includes(language)) ?? fallback;

  /** The staff member and the event, if they organise it; otherwise a refusal that names nothing. */
  async function organising(telegramId: string, joinCode: string, fallback: string): Promise<{ event: EventRecord; language: string } | { refused: DeskAnswer }> {
    const member = await staff.byTelegramId(telegramId);
    const language = languageOf(member, fallback);
    const event = member ? await events.find(joinCode) : undefined;
    if (!member || !event || event.joinCode !== joinCode || !(await events.isOrganiser(event.id, member.id))) return { refused: { kind: 'refused', reason: 'not_organiser', language } };
    return { event, language };
  }

  async function checkInList(event: EventRecord, language: string, page: number, confirmed?: { name: string | null; already: boolean }): Promise<DeskAnswer> {
    if (event.status !== 'open') return { kind: 'refused', reason: 'closed', language, event };
    const day = eventDayAt(event, clock.now());
    if (day === undefined) return { kind: 'refused', reason: 'not_today', language, event };
    const waiting = registeredOf(await events.roster(event.id)).filter((entry) => entry.leftAt === null && !entry.days.includes(day));
    return { kind: 'check_in', language, event, day, list: paged(waiting.sort(byName), page), ...(confirmed ? { confirmed } : {}) };
  }

  async function show(event: EventRecord, language: string, view: DeskView): Promise<DeskAnswer> {
    switch (view.kind) {
      case 'overview': {
        const registered = registeredOf(await events.roster(event.id));
        const day = eventDayAt(event, clock.now());
        const present = day === undefined ? 0 : registered.filter((entry) => entry.days.includes(day)).length;
        const entrance = event.status === 'open' && day !== undefined ? await events.entranceCode(event.id) : undefined;
        return { kind: 'overview', language, event, registered: registered.length, present, day, entrance };
      }
      case 'programme':
        return { kind: 'programme', language, event, sessions: await events.programme(event.id) };
      case 'people': {
        const registered = registeredOf(await events.roster(event.id)).sort(byName);
        return { kind: 'people', language, event, list: paged(registered, view.page), total: registered.length };
      }
      case 'check_in':
        return checkInList(event, language, view.page);
      case 'profile':
        return { kind: 'profile', language, event, by: view.by, profile: await events.profile(event.id, view.by) };
    }
  }

  return {
    async open(telegramId, fallback) {
      const member = await staff.byTelegramId(telegramId);
      const language = languageOf(member, fallback);
      const organised = member ? await events.organisedBy(member.id) : [];
      if (!member || organised.length === 0) return { kind: 'refused', reason: 'not_organiser', language };
      const [only, ...others] = organised;
      return only && others.length === 0 ? show(only, language, { kind: 'overview' }) : { kind: 'events', language, events: organised.slice(0, EVENTS_SHOWN) };
    },

    async view(telegramId, joinCode, view, fallback) {
      const at = await organising(telegramId, joinCode, fallback);
      return 'refused' in at ? at.refused : show(at.event, at.language, view);
    },

    async confirm(telegramId, joinCode, ref, page, fallback) {
      const at = await organising(telegramId, joinCode, fallback);
      if ('refused' in at) return at.refused;
      const { event, language } = at;
      if (event.status !== 'open') return { kind: 'refused', reason: 'closed', language, event };
      const day = eventDayAt(event, clock.now());
      if (day === undefined) return { kind: 'refused', reason: 'not_today', language, event };
      const registered = registeredOf(await events.roster(event.id)).flatMap((entry) => (entry.participantId === null ? [] : [{ ...entry, id: entry.participantId }]));
      const entry = byRef(registered, ref);
      if (!entry) return { kind: 'refused', reason: 'stale', language, event };
      const recorded = await events.participants.checkIn(event, entry.id, day, 'organiser');
      return checkInList(event, language, page, { name: entry.name, already: !recorded });
    },
  };
}
