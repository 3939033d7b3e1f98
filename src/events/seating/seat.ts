import { Board, type Problem, weightsFor } from './board.js';
import { designOffsets, designTable, nearOffsets } from './design.js';
import type { SeatingPair, SeatingPerson, SeatingRound } from './model.js';
import { below, type Random, shuffle } from './random.js';
import { polish, relabel, repair } from './search.js';

/** Everything the planner decided before seating: who hosts which table, how many rounds, what is played. */
export interface Seating {
  /** Everyone to seat in the rounds to plan. */
  people: readonly SeatingPerson[];
  /** The host of each table (index 0 is table 1), each one of `people`. */
  hosts: readonly string[];
  rounds: number;
  /** The first rounds, kept as they are. */
  played: readonly SeatingRound[];
  tableSize: number;
  forbiddenPairs: readonly SeatingPair[];
  random: Random;
}

const kindsOf = (values: readonly string[]) => {
  const kinds = new Map<string, number>();
  return { indexes: Int32Array.from(values, (value) => kinds.get(value) ?? kinds.set(value, kinds.size).get(value)!), count: Math.max(kinds.size, 1) };
};

function problemOf(seating: Seating): { problem: Problem; ids: string[]; index: ReadonlyMap<string, number> } {
  const ids = seating.people.map((person) => person.id);
  const index = new Map(ids.map((id, at) => [id, at]));
  for (const round of seating.played) for (const table of round.tables) for (const id of table.members) if (!index.has(id)) index.set(id, ids.push(id) - 1);
  const orgs = kindsOf(ids.map((_, at) => seating.people[at]?.orgType ?? ''));
  const regions = kindsOf(ids.map((_, at) => seating.people[at]?.region ?? ''));
  const host = new Uint8Array(ids.length);
  for (const id of seating.hosts) host[index.get(id)!] = 1;
  const forbidden: number[][] = ids.map(() => []);
  for (const [a, b] of seating.forbiddenPairs) {
    const ia = index.get(a);
    const ib = index.get(b);
    if (ia === undefined || ib === undefined || ia === ib) continue;
    forbidden[ia]!.push(ib);
    forbidden[ib]!.push(ia);
  }
  const playedTables = Math.max(0, ...seating.played.flatMap((round) => round.tables.map((table) => table.table)));
  const problem: Problem = {
    people: ids.length,
    tables: Math.max(seating.hosts.length, playedTables),
    open: seating.hosts.length,
    rounds: seating.rounds,
    first: seating.played.length,
    host,
    org: orgs.indexes,
    region: regions.indexes,
    orgKinds: orgs.count,
    regionKinds: regions.count,
    forbidden,
  };
  return { problem, ids, index };
}

/** The travellers on the modular design (design.ts): an exact one where it exists, else the nearest, which still sends nobody back to a table. */
function seatByDesign(board: Board, travellers: readonly number[]): void {
  const { open: tables, rounds } = board.problem;
  const seats = Math.ceil(travellers.length / tables);
  const offsets = designOffsets(tables, seats, rounds) ?? nearOffsets(tables, seats, rounds);
  // Empty seats all in the last seat of the first tables: each table then misses at most one traveller a round.
  const empty = tables * seats - travellers.length;
  let next = 0;
  for (let seat = 0; seat < seats; seat++) {
    for (let table = 0; table < tables; table++) {
      if (seat === seats - 1 && table < empty) continue;
      const person = travellers[next++]!;
      for (let round = 0; round < rounds; round++) board.place(round, person, designTable(offsets, tables, table, seat, round));
    }
  }
}

/** Round by round, each traveller (in random order) to the cheapest table with a free seat; sizes balanced. */
function seatGreedily(board: Board, travellers: readonly number[], hostCount: number, random: Random): void {
  const { open: tables, rounds, first } = board.problem;
  const everyone = travellers.length + hostCount;
  const base = Math.floor(everyone / tables);
  const larger = everyone % tables;
  for (let round = first; round < rounds; round++) {
    const free = Array.from({ length: tables }, (_, table) => base + ((table + round * larger) % tables < larger ? 1 : 0) - board.members(round, table).length);
    for (const person of shuffle([...travellers], random)) {
      const offset = below(random, tables);
      let best = -1;
      let bestCost = Number.POSITIVE_INFINITY;
      for (let step = 0; step < tables; step++) {
        const table = (offset + step) % tables;
        if (free[table]! <= 0) continue;
        const cost = board.placeCost(round, person, table);
        if (cost < bestCost) [best, bestCost] = [table, cost];
      }
      board.place(round, person, best);
      free[best]! -= 1;
    }
  }
}

/** The rounds of a plan: the played ones as they were, then the planned ones. */
export function seat(seating: Seating): SeatingRound[] {
  const { problem, ids, index } = problemOf(seating);
  const { random } = seating;
  let board = new Board(problem, weightsFor(seating.tableSize));
  seating.played.forEach((round, at) => {
    for (const table of round.tables) for (const id of table.members) board.place(at, index.get(id)!, table.table - 1);
  });
  const hostIndexes = seating.hosts.map((id) => index.get(id)!);
  for (let round = problem.first; round < problem.rounds; round++) hostIndexes.forEach((person, table) => board.place(round, person, table));
  const travellers = shuffle(
    seating.people.map((person) => index.get(person.id)!).filter((person) => !problem.host[person]),
    random,
  );
  // A fresh plan starts from the design; rounds after played ones (whose travellers already walked other paths) greedily.
  if (problem.first === 0) {
    seatByDesign(board, travellers);
    relabel(board, travellers, random);
  } else {
    seatGreedily(board, travellers, hostIndexes.length, random);
  }
  board = repair(board, travellers, random);
  polish(board, travellers, random);
  const planned: SeatingRound[] = [];
  for (let round = problem.first; round < problem.rounds; round++) {
    planned.push({
      round: round + 1,
      tables: hostIndexes.map((host, table) => ({
        table: table + 1,
        host: ids[host]!,
        members: [host, ...[...board.members(round, table)].filter((person) => person !== host).sort((a, b) => a - b)].map((person) => ids[person]!),
      })),
    });
  }
  return [...seating.played.map((round) => structuredClone(round)), ...planned];
}
