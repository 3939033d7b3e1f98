import { type SeatingPlan, seatingMetrics } from '../seating/index.js';
import type { CafeSeat } from './model.js';

/** The seats a plan gives, from round `fromRound` on. */
export function seatsOf(plan: Pick<SeatingPlan, 'rounds'>, ids: { sessionId: string; eventId: string }, fromRound: number): CafeSeat[] {
  return plan.rounds
    .filter((round) => round.round >= fromRound)
    .flatMap((round) => round.tables.flatMap((table) => table.members.map((participantId) => ({ ...ids, round: round.round, participantId, table: table.table, host: participantId === table.host }))));
}

/** The stored seats read back as the planner's plan (with its metrics, which replanning reads). */
export function planOf(seats: readonly CafeSeat[], orgTypeOf: ReadonlyMap<string, string>): SeatingPlan {
  const rounds = new Map<number, Map<number, { table: number; host: string; members: string[] }>>();
  for (const seat of seats) {
    const tables = rounds.get(seat.round) ?? new Map();
    rounds.set(seat.round, tables);
    const table = tables.get(seat.table) ?? { table: seat.table, host: '', members: [] };
    tables.set(seat.table, table);
    // The host first, as the planner writes a table.
    if (seat.host) {
      table.host = seat.participantId;
      table.members.unshift(seat.participantId);
    } else table.members.push(seat.participantId);
  }
  const planned = [...rounds.entries()].sort(([a], [b]) => a - b).map(([round, tables]) => ({ round, tables: [...tables.values()].sort((a, b) => a.table - b.table) }));
  return { rounds: planned, metrics: seatingMetrics(planned, orgTypeOf, []) };
}
