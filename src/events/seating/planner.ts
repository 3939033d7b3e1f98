import { appointHosts } from './hosts.js';
import { seatingMetrics } from './metrics.js';
import type { SeatingInput, SeatingPlan, SeatingRound } from './model.js';
import { seededRandom } from './random.js';
import { SeatingError, seatingRefusals, tablesFor } from './refusals.js';
import { seat } from './seat.js';

/**
 * World Café seating: for each round, who sits at which table.
 *
 * The problem is the social golfer problem (CSPLib problem 10: n people in groups of s
 * for w rounds, no two together twice) with the café's own rules on top: each table's
 * host stays there every round, travellers never come back to a table, organisation
 * types and regions are spread across tables, some pairs must never sit together, and
 * the rounds already played cannot change when people arrive late or leave. No npm
 * package plans this (the registry has tournament brackets and round-robin pairings,
 * nothing for groups with fixed hosts), and the solvers of the literature are
 * constraint programs or Java and Python tools; so it is written here, in three steps:
 *
 * 1. Hosts: the people marked as hosts take the first tables; tables left over take a
 *    traveller as their host (hosts.ts). More hosts than tables is refused (refusals.ts).
 * 2. A start: where a modular resolvable design exists (design.ts: the traveller of seat
 *    j moves d_j tables on each round, the d_j chosen so that nobody meets twice, which
 *    covers rooms like 132 people at 33 tables of 4 for 3 rounds), every traveller walks
 *    one of its paths, and whole paths are then exchanged between travellers to spread
 *    organisation types and regions (search.ts, relabel). Otherwise, and for the rounds
 *    after played ones, a greedy start: round by round, each traveller to the table
 *    where they add the least cost (a greedy start makes the local search much better,
 *    as "An effective greedy heuristic for the Social Golfer Problem" shows).
 * 3. Local search (search.ts): a min-conflicts tabu search on swaps of two travellers in
 *    one round (as in "Scheduling social golfers locally"), with a squared penalty on
 *    repeat meetings (board.ts), then plain descent on the spread.
 *
 * Everything random comes from the seed, and every budget is a count of steps, so one
 * seed gives one plan. The plan carries its metrics (metrics.ts).
 */

export const DEFAULT_SEED = 1;

export function planSeating(input: SeatingInput): SeatingPlan {
  const refusals = seatingRefusals(input);
  if (refusals.length > 0) throw new SeatingError(refusals);
  const random = seededRandom(input.seed ?? DEFAULT_SEED);
  const tables = input.tables ?? tablesFor(input.people.length, input.tableSize);
  const hosts = appointHosts(tables, input.people, random);
  const forbiddenPairs = input.forbiddenPairs ?? [];
  const rounds: SeatingRound[] = seat({ people: input.people, hosts, rounds: input.rounds, played: [], tableSize: input.tableSize, forbiddenPairs, random });
  return { rounds, metrics: seatingMetrics(rounds, new Map(input.people.map((person) => [person.id, person.orgType])), forbiddenPairs) };
}
