import type { Clock } from '../../shared/clock.js';
import { eventDayAt } from '../event-day.js';
import type { CafeBoard } from '../board.js';
import type { EventStore } from '../store.js';
import { firstName, peopleOf } from './cafe-people.js';
import { themeCounts } from './codebook.js';
import type { CafeRound, CafeStore } from './model.js';
import { remainingMs } from './round-clock.js';

const shownOrder = (round: CafeRound) => (round.status === 'running' || round.status === 'paused' ? 2 : round.status === 'ended' ? 1 : 0);

/** The round on the board: the one under way, else the one that ended last, else none (the plan of the first round is shown). */
function current(rounds: readonly CafeRound[]): CafeRound | undefined {
  return [...rounds].sort((a, b) => shownOrder(b) - shownOrder(a) || (b.endedAt?.getTime() ?? 0) - (a.endedAt?.getTime() ?? 0) || a.number - b.number)[0];
}

/** The projector's read of an event's World Café (its CafeBoard part), from the database (so any Ura process serves it). */
export async function cafeBoard(deps: { store: CafeStore; events: EventStore; clock: Clock }, eventId: string): Promise<CafeBoard> {
  const { store, events, clock } = deps;
  const event = await events.event(eventId);
  if (!event) return { tables: [], themes: [] };
  const [rounds, themes, notes, codings] = await Promise.all([store.eventRounds(event.id), store.themes(event.id), store.notes(event.id), store.codings(event.id)]);
  const shownThemes = themeCounts(themes, notes, codings).map((count) => ({ label: count.theme.labels, notes: count.notes, tables: count.tables }));
  const round = current(rounds);
  if (!round) return { tables: [], themes: shownThemes };
  const session = (await events.sessions(event.id)).find((candidate) => candidate.id === round.sessionId);
  const [seats, people] = await Promise.all([store.seats(round.sessionId), peopleOf(events, event, eventDayAt(event, clock.now()))]);
  const tables = new Map<number, { table: number; host: string | null; members: string[] }>();
  for (const seat of seats.filter((candidate) => candidate.round === round.number).sort((a, b) => a.table - b.table || Number(b.host) - Number(a.host))) {
    const name = firstName(people.get(seat.participantId)?.name ?? null);
    const table = tables.get(seat.table) ?? { table: seat.table, host: null, members: [] };
    tables.set(seat.table, table);
    if (name === null) continue;
    table.members.push(name);
    if (seat.host) table.host = name;
  }
  const shown =
    round.status === 'planned' || session?.kind !== 'world_cafe'
      ? undefined
      : {
          session: round.sessionId,
          number: round.number,
          of: session.rounds,
          question: session.questions[round.number - 1] ?? {},
          status: round.status,
          endsAt: round.endsAt?.toISOString() ?? null,
          remainingMs: remainingMs(round, clock.now()),
        };
  return { ...(shown ? { round: shown } : {}), tables: [...tables.values()], themes: shownThemes };
}
