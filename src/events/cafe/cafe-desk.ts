import type { Operator, OperatorStore } from '../../staff/operators.js';
import type { Clock } from '../../shared/clock.js';
import { eventDayAt } from '../event-day.js';
import type { Events } from '../events.js';
import type { EventRecord } from '../model.js';
import { byRef } from '../registration.js';
import type { Cafe, ControlAction, RoundRefusal } from './cafe.js';
import type { PlanRefusal } from './cafe-plan.js';
import type { CafeSession } from './cafe-messages.js';
import type { CafeRound } from './model.js';

/** A facilitator's press on the café desk: a session by a short reference, a round by its number. */
export type CafePress = { kind: 'view' } | { kind: 'plan'; session: string } | { kind: 'control'; session: string; round: number; action: ControlAction };

export interface CafeSessionState {
  session: CafeSession;
  rounds: CafeRound[];
  tables: number;
  people: number;
}

export type CafeDeskAnswer =
  | { kind: 'refused'; reason: 'not_organiser' | 'no_cafe' | RoundRefusal | PlanRefusal; language: string }
  | { kind: 'desk'; language: string; event: EventRecord; sessions: CafeSessionState[]; now: Date; planned?: { tables: number; people: number } };

export interface CafeDeskDeps {
  cafe: Cafe;
  events: Pick<Events, 'find' | 'isOrganiser' | 'organisedBy' | 'programme'>;
  staff: Pick<OperatorStore, 'byTelegramId'>;
  clock: Clock;
  languages: readonly string[];
}

/**
 * The facilitators' World Café controls in the bot (/cafe): the event's café sessions,
 * their rounds, and buttons to plan the tables and start, pause, resume, extend and end
 * a round. Only a staff member the event names as organiser gets anything; a
 * participant (or anyone else) is refused before anything is read.
 */
export function createCafeDesk(deps: CafeDeskDeps) {
  const { cafe, events, staff, clock } = deps;
  const languageOf = (member: Operator | undefined, fallback: string) => member?.languages.find((language) => deps.languages.includes(language)) ?? fallback;

  async function desk(event: EventRecord, language: string, planned?: { tables: number; people: number }): Promise<CafeDeskAnswer> {
    const cafes = (await events.programme(event.id)).filter((session): session is CafeSession => session.kind === 'world_cafe');
    if (cafes.length === 0) return { kind: 'refused', reason: 'no_cafe', language };
    const sessions = await Promise.all(
      cafes.map(async (session) => {
        const [rounds, seats] = await Promise.all([cafe.rounds(session.id), cafe.seats(session.id)]);
        const next = rounds.find((round) => round.status !== 'ended') ?? rounds.at(-1);
        const shown = seats.filter((seat) => seat.round === next?.number);
        return { session, rounds, tables: new Set(shown.map((seat) => seat.table)).size, people: shown.length };
      }),
    );
    return { kind: 'desk', language, event, sessions, now: clock.now(), ...(planned ? { planned } : {}) };
  }

  async function organising(telegramId: string, fallback: string, joinCode?: string) {
    const member = await staff.byTelegramId(telegramId);
    const language = languageOf(member, fallback);
    if (!member) return { language };
    if (joinCode === undefined) {
      // The event on today, else the latest one they organise.
      const organised = (await events.organisedBy(member.id)).filter((event) => event.status === 'open');
      return { language, event: organised.find((event) => eventDayAt(event, clock.now()) !== undefined) ?? organised[0] };
    }
    const event = await events.find(joinCode);
    return { language, event: event && event.joinCode === joinCode && (await events.isOrganiser(event.id, member.id)) ? event : undefined };
  }

  return {
    async open(telegramId: string, fallbackLanguage: string): Promise<CafeDeskAnswer> {
      const { language, event } = await organising(telegramId, fallbackLanguage);
      return event ? desk(event, language) : { kind: 'refused', reason: 'not_organiser', language };
    },
    async press(telegramId: string, joinCode: string, press: CafePress, fallbackLanguage: string): Promise<CafeDeskAnswer> {
      const { language, event } = await organising(telegramId, fallbackLanguage, joinCode);
      if (!event) return { kind: 'refused', reason: 'not_organiser', language };
      if (press.kind === 'view') return desk(event, language);
      const session = byRef(
        (await events.programme(event.id)).filter((candidate) => candidate.kind === 'world_cafe'),
        press.session,
      );
      if (!session) return { kind: 'refused', reason: 'not_world_cafe', language };
      if (press.kind === 'plan') {
        const planned = await cafe.plan(event.id, session.id);
        return planned.kind === 'planned' ? desk(event, language, { tables: planned.tables, people: planned.people }) : { kind: 'refused', reason: planned.reason, language };
      }
      const result = await cafe.control(event.id, session.id, press.round, press.action);
      return result.kind === 'done' ? desk(event, language) : { kind: 'refused', reason: result.reason, language };
    },
  };
}

export type CafeDesk = ReturnType<typeof createCafeDesk>;
