import { createHash } from 'node:crypto';
import type { CafeSeat } from './model.js';

/** A person as the seating planner sees them. */
export interface SeatingPerson {
  id: string;
  orgType: string;
  region: string;
  host: boolean;
}

/** A seating plan: per round, its tables, each with its host and members (the host among them). */
export interface SeatingPlan {
  rounds: { round: number; tables: { table: number; host: string; members: string[] }[] }[];
}

export interface SeatingOptions {
  tableSize: number;
  rounds: number;
  seed: number;
}

/** The seating planner (src/events/seating.ts): a plan for every round, and a plan whose played rounds stay as they were. */
export interface SeatingPlanner {
  plan(people: readonly SeatingPerson[], options: SeatingOptions): SeatingPlan;
  replan(previous: SeatingPlan, people: readonly SeatingPerson[], playedRounds: number, options: SeatingOptions): SeatingPlan;
}

/** How many tables `people` fill at `tableSize`: every table has at least two people. */
export const tableCount = (people: number, tableSize: number): number => Math.max(1, Math.ceil(people / tableSize));

/** A stable order of ids for a seed: the same seed draws the same hosts. */
const drawOrder = (id: string, seed: number) => createHash('sha256').update(`${seed}:${id}`).digest('hex');

/**
 * The hosts of a plan: those the facilitators marked (present ones, up to one a table),
 * then, for tables still without one, people drawn in an order fixed by the seed.
 */
export function chooseHosts(present: readonly string[], marked: readonly string[], tables: number, seed: number): Set<string> {
  const here = new Set(present);
  const hosts = marked.filter((id) => here.has(id)).slice(0, tables);
  const others = present.filter((id) => !hosts.includes(id)).sort((a, b) => drawOrder(a, seed).localeCompare(drawOrder(b, seed)));
  return new Set([...hosts, ...others.slice(0, Math.max(0, tables - hosts.length))]);
}

/** The seats a plan gives, from round `fromRound` on. */
export function seatsOf(plan: SeatingPlan, ids: { sessionId: string; eventId: string }, fromRound: number): CafeSeat[] {
  return plan.rounds
    .filter((round) => round.round >= fromRound)
    .flatMap((round) => round.tables.flatMap((table) => table.members.map((participantId) => ({ ...ids, round: round.round, participantId, table: table.table, host: participantId === table.host }))));
}

/** The stored seats read back as a plan. */
export function planOf(seats: readonly CafeSeat[]): SeatingPlan {
  const rounds = new Map<number, Map<number, { table: number; host: string; members: string[] }>>();
  for (const seat of seats) {
    const tables = rounds.get(seat.round) ?? new Map();
    rounds.set(seat.round, tables);
    const table = tables.get(seat.table) ?? { table: seat.table, host: '', members: [] };
    tables.set(seat.table, table);
    table.members.push(seat.participantId);
    if (seat.host) table.host = seat.participantId;
  }
  return {
    rounds: [...rounds.entries()].sort(([a], [b]) => a - b).map(([round, tables]) => ({ round, tables: [...tables.values()].sort((a, b) => a.table - b.table) })),
  };
}
