import { appointHosts } from './hosts.js';
import { seatingMetrics } from './metrics.js';
import type { SeatingChange, SeatingOptions, SeatingPlan } from './model.js';
import { DEFAULT_SEED } from './planner.js';
import { seededRandom } from './random.js';
import { SeatingError, type SeatingRefusal, seatingRefusals, tablesFor } from './refusals.js';
import { seat } from './seat.js';

/**
 * A plan again after people arrived late or left: the first `playedRounds` rounds stay
 * exactly as they were, the others are planned anew for `people` (who is there now),
 * counting the meetings and table visits of the played rounds. Each table keeps its host
 * while they are there; a table whose host left gets a new one (hosts.ts: a traveller
 * who was at that table in the round just played, so that the conversation goes on).
 * The room keeps its tables while each still has a host and a traveller, and gains tables
 * when more people come than they seat. A person marked as a host when every table has one travels.
 */
export function replanSeating(previous: SeatingPlan, change: SeatingChange, options: SeatingOptions): SeatingPlan {
  const { people, playedRounds } = change;
  const rounds = previous.rounds.length;
  if (!Number.isInteger(playedRounds) || playedRounds < 0 || playedRounds > rounds)
    throw new SeatingError([{ code: 'played_rounds_out_of_range', message: `played rounds must be a whole number from 0 to ${rounds}; it is ${playedRounds}` }]);
  const played = previous.rounds.slice(0, playedRounds);
  const known = new Set([...people.map((person) => person.id), ...played.flatMap((round) => round.tables.flatMap((table) => table.members))]);
  const present = new Set(people.map((person) => person.id));
  const forbiddenPairs = options.forbiddenPairs ?? [];
  const roomTables = previous.rounds[0]?.tables.length ?? 0;
  // The room's tables while each can still seat a host and a traveller; more when the people outgrow them.
  const tables = Math.max(tablesFor(people.length, options.tableSize), Math.min(roomTables, Math.floor(people.length / 2)));
  const refusals: SeatingRefusal[] = seatingRefusals({
    people,
    tableSize: options.tableSize,
    rounds: Math.max(1, rounds - playedRounds),
    tables,
    // A pair with someone who left is kept for the played rounds' metrics, not refused.
    forbiddenPairs: forbiddenPairs.filter((pair) => pair.every((id) => present.has(id) || !known.has(id))),
  }).filter((refusal) => refusal.code !== 'more_hosts_than_tables');
  if (refusals.length > 0) throw new SeatingError(refusals);
  const random = seededRandom(options.seed ?? DEFAULT_SEED);
  const last = previous.rounds.at(-1)?.tables ?? [];
  const kept = Array.from({ length: tables }, (_, table) => {
    const host = last.find((entry) => entry.table === table + 1)?.host;
    return host !== undefined && present.has(host) ? host : undefined;
  });
  const sitting = new Map((played.at(-1)?.tables ?? []).map((table) => [table.table - 1, table.members]));
  const hosts = appointHosts(tables, people, random, kept, sitting);
  const planned = seat({ people, hosts, rounds, played, tableSize: options.tableSize, forbiddenPairs, random });
  const orgTypeOf = new Map(people.map((person) => [person.id, person.orgType]));
  const keptSpread = previous.metrics.orgTypeSpread.tables.filter((row) => row.round <= playedRounds);
  return { rounds: planned, metrics: seatingMetrics(planned, orgTypeOf, forbiddenPairs, keptSpread) };
}
