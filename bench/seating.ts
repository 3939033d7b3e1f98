// Benchmark `seating`: the World Café planner on three rooms (the 2006 conference's 132
// people at tables of 4 for 3 rounds, 300 at tables of 5 for 5 rounds, 1,000 at tables
// of 5 for 5 rounds), beside a random assignment in the same run: hosts at their tables,
// travellers shuffled into the tables each round with the same table sizes. One unit of
// work is one plan; each measured run plans with its own seed (run 1 seed 1, ...), so
// the quality columns show the spread over seeds as well.
import { performance } from 'node:perf_hooks';
import { planSeating, seatingMetrics, type SeatingPerson, type SeatingRound, tablesFor } from '../src/events/index.js';
import { conference2006 } from '../test/support/conference-2006.js';
import { CheckFailed, registerBenchmark, seededRandom, type BenchCase } from './harness.js';

interface Room {
  name: string;
  people: number;
  tableSize: number;
  rounds: number;
}

const ROOMS: Room[] = [
  { name: '132 people, tables of 4, 3 rounds', people: 132, tableSize: 4, rounds: 3 },
  { name: '300 people, tables of 5, 5 rounds', people: 300, tableSize: 5, rounds: 5 },
  { name: '1,000 people, tables of 5, 5 rounds', people: 1000, tableSize: 5, rounds: 5 },
];

/** The 2006 participants (their organisation types and regions), repeated to the room's size; one host per table, spread through the list. */
function peopleOf(room: Room): SeatingPerson[] {
  const present = conference2006().present;
  const tables = tablesFor(room.people, room.tableSize);
  const every = room.people / tables;
  return Array.from({ length: room.people }, (_, i) => {
    const model = present[i % present.length]!;
    return { id: `p${i + 1}`, name: model.name, orgType: model.orgType, region: model.region, host: Math.floor(i / every) !== Math.floor((i - 1) / every) || i === 0 };
  });
}

/** Hosts stay, travellers shuffled each round into balanced tables: what drawing lots would give. */
function randomRounds(people: readonly SeatingPerson[], room: Room, seed: number): SeatingRound[] {
  const random = seededRandom(seed);
  const hosts = people.filter((person) => person.host).map((person) => person.id);
  const travellers = people.filter((person) => !person.host).map((person) => person.id);
  const tables = hosts.length;
  return Array.from({ length: room.rounds }, (_, round) => {
    const order = [...travellers];
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    return { round: round + 1, tables: hosts.map((host, table) => ({ table: table + 1, host, members: [host, ...order.filter((_, at) => at % tables === table)] })) };
  });
}

function roomCase(room: Room, method: 'planner' | 'random'): BenchCase {
  return {
    name: `${room.people}-${method}`,
    row: room.name,
    column: method,
    async setup() {
      const people = peopleOf(room);
      const orgTypes = new Map(people.map((person) => [person.id, person.orgType]));
      let seed = 0;
      return {
        async run(plans) {
          let last = { repeatedPairs: 0, maxMeetings: 0, uniqueContacts: { min: 0, mean: 0 }, returns: 0, orgTypeSpread: { min: 0, mean: 0 } };
          seed += 1;
          const began = performance.now();
          for (let i = 0; i < plans; i++) {
            last = method === 'planner' ? planSeating({ people, tableSize: room.tableSize, rounds: room.rounds, seed }).metrics : seatingMetrics(randomRounds(people, room, seed), orgTypes);
          }
          const ms = (performance.now() - began) / plans;
          if (method === 'planner' && room.people === 132 && (last.repeatedPairs > 0 || last.returns > 0))
            throw new CheckFailed(`the 2006 room has ${last.repeatedPairs} repeated pairs and ${last.returns} returns`);
          return {
            ms,
            repeatedPairs: last.repeatedPairs,
            maxMeetings: last.maxMeetings,
            meanContacts: last.uniqueContacts.mean,
            minContacts: last.uniqueContacts.min,
            returns: last.returns,
            orgTypes: last.orgTypeSpread.mean,
          };
        },
        async teardown() {},
      };
    },
  };
}

registerBenchmark({
  name: 'seating',
  description: 'World Café seating plans: the planner beside a random assignment, time and quality',
  defaults: { updates: 1, runs: 5, warmup: 1 },
  metrics: [
    { key: 'ms', label: 'time per plan', unit: 'ms', better: 'lower', digits: 1 },
    { key: 'repeatedPairs', label: 'pairs meeting more than once', unit: 'pairs', better: 'lower', digits: 0 },
    { key: 'maxMeetings', label: 'most meetings of a pair', unit: 'rounds', better: 'lower', digits: 0 },
    { key: 'meanContacts', label: 'different people met, mean per person', unit: 'people', better: 'higher', digits: 2 },
    { key: 'minContacts', label: 'different people met, fewest of anyone', unit: 'people', better: 'higher', digits: 0 },
    { key: 'returns', label: 'travellers back at a table', unit: 'times', better: 'lower', digits: 0 },
    { key: 'orgTypes', label: 'organisation types at a table, mean', unit: 'types', better: 'higher', digits: 2 },
  ],
  async plan() {
    return {
      cases: ROOMS.flatMap((room) => [roomCase(room, 'planner'), roomCase(room, 'random')]),
      parameters: { rooms: ROOMS },
      notes: [
        'one unit of work is one plan; each measured run uses the next seed; the random assignment is timed with its metrics, the planner with its own',
        'people: the 2006 participants (organisation types and regions) repeated to the room size; one host per table',
      ],
    };
  },
});
