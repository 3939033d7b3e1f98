import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { eventDayAt } from '../event-day.js';
import type { EventRecord } from '../model.js';
import { planSeating, replanSeating, SeatingError, tablesFor } from '../seating/index.js';
import type { EventStore } from '../store.js';
import type { CafeSession } from './cafe-messages.js';
import { peopleOf } from './cafe-people.js';
import { type CafeRound, type CafeStore, DEFAULT_TABLE_SIZE } from './model.js';
import { planOf, seatsOf } from './stored-plan.js';

export type PlanRefusal = 'not_world_cafe' | 'too_few' | 'all_played' | 'raced' | 'impossible';
export type PlanResult = { kind: 'planned'; fromRound: number; tables: number; people: number } | { kind: 'refused'; reason: PlanRefusal };

/** Plan options from the CLI or the desk. */
export interface PlanOptions {
  tableSize?: number;
  seed?: number;
  /** Participant ids the facilitators mark as hosts. */
  hosts?: string[];
}

/** A default seed fixed per session (28 bits: a column of 32-bit integers holds it on both databases). */
const seedOf = (sessionId: string) => Number.parseInt(sessionId.replace(/-/g, '').slice(0, 7), 16) || 1;

/**
 * The seating of a World Café session: the checked-in participants at tables, round by
 * round, by the seating planner (src/events/seating). Planned again before each round
 * starts (people come late, or leave), the played rounds never changing.
 */
export function createCafePlanning(deps: { store: CafeStore; events: EventStore; clock: Clock }) {
  const { store, events, clock } = deps;
  async function sessionOf(eventId: string, sessionId: string): Promise<{ event: EventRecord; session: CafeSession } | undefined> {
    const event = await events.event(eventId);
    const session = event ? (await events.sessions(event.id)).find((candidate) => candidate.id === sessionId) : undefined;
    return event && session?.kind === 'world_cafe' ? { event, session } : undefined;
  }
  const dayOf = (event: EventRecord) => eventDayAt(event, clock.now());
  const played = (rounds: readonly CafeRound[]) => rounds.filter((round) => round.status !== 'planned').reduce((last, round) => Math.max(last, round.number), 0);

  /** Seats the present participants for the rounds not played yet; played rounds stay as they were. */
  async function plan(event: EventRecord, session: CafeSession, options: PlanOptions = {}): Promise<PlanResult> {
    const now = clock.now();
    const before = await store.run(session.id);
    const run = {
      sessionId: session.id,
      eventId: event.id,
      hosts: options.hosts ?? before?.hosts ?? [],
      tableSize: options.tableSize ?? before?.tableSize ?? DEFAULT_TABLE_SIZE,
      seed: options.seed ?? before?.seed ?? seedOf(session.id),
      createdAt: before?.createdAt ?? now,
    };
    const [rounds, seats, people] = await Promise.all([store.rounds(session.id), store.seats(session.id), peopleOf(events, event, dayOf(event))]);
    const playedRounds = played(rounds);
    if (playedRounds >= session.rounds) return { kind: 'refused', reason: 'all_played' };
    const here = [...people.values()].filter((person) => person.present);
    if (here.length < 2) return { kind: 'refused', reason: 'too_few' };
    // A traveller needs a new table every round: a small room gets smaller tables, as many as there are rounds, when it has people enough for them.
    const tables = Math.max(tablesFor(here.length, run.tableSize), Math.min(session.rounds, Math.floor(here.length / 2)));
    // Marked hosts beyond one a table travel; the planner gives every other table a host.
    // A table's host in the round last played stays its host (one who took over mid-round included).
    const lastHosts = seats.filter((seat) => seat.round === playedRounds && seat.host).map((seat) => seat.participantId);
    const marked = new Set([...new Set([...lastHosts, ...run.hosts])].filter((id) => here.some((person) => person.participant.id === id)).slice(0, tables));
    const seating = here.map((person) => ({ id: person.participant.id, name: person.name ?? '', orgType: person.orgType, region: person.region, host: marked.has(person.participant.id) }));
    const options_ = { tableSize: run.tableSize, seed: run.seed };
    let result: ReturnType<typeof planSeating>;
    try {
      result =
        playedRounds === 0
          ? planSeating({ people: seating, rounds: session.rounds, tables, ...options_ })
          : replanSeating(planOf(seats, new Map([...people.values()].map((person) => [person.participant.id, person.orgType]))), { people: seating, playedRounds }, options_);
    } catch (error) {
      if (error instanceof SeatingError) return { kind: 'refused', reason: 'impossible' };
      throw error;
    }
    const known = new Set(rounds.map((round) => round.number));
    const newRounds: CafeRound[] = [];
    for (let number = 1; number <= session.rounds; number++) {
      if (known.has(number)) continue;
      newRounds.push({
        id: newId(),
        eventId: event.id,
        sessionId: session.id,
        number,
        status: 'planned',
        startedAt: null,
        endsAt: null,
        warnAt: null,
        warnedAt: null,
        remainingMs: null,
        endedAt: null,
        version: 0,
      });
    }
    await store.saveRun(run);
    const saved = await store.savePlan(session.id, newRounds, seatsOf(result, { sessionId: session.id, eventId: event.id }, playedRounds + 1), playedRounds + 1);
    const seated = result.rounds.find((round) => round.round === playedRounds + 1)?.tables.length ?? tables;
    return saved ? { kind: 'planned', fromRound: playedRounds + 1, tables: seated, people: here.length } : { kind: 'refused', reason: 'raced' };
  }

  return {
    sessionOf,
    dayOf,
    /** Seats an event's session (the CLI and the desk); a session that is no World Café is refused. */
    plan: async (eventId: string, sessionId: string, options: PlanOptions = {}): Promise<PlanResult> => {
      const found = await sessionOf(eventId, sessionId);
      return found ? plan(found.event, found.session, options) : { kind: 'refused', reason: 'not_world_cafe' };
    },
    seat: plan,
  };
}
