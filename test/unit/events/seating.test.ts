import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planSeating, replanSeating, SeatingError, type SeatingPerson, type SeatingPlan } from '../../../src/events/index.js';

const ORG_TYPES = ['central_gov', 'local_gov', 'ngo', 'international', 'staff', 'other'];
const REGIONS = ['tirane', 'durres', 'shkoder', 'vlore', 'korce', 'fier', 'national'];

/** `count` people, the first `hosts` of them hosts, organisation types and regions in a fixed mix. */
const peopleOf = (count: number, hosts: number, prefix = 'p'): SeatingPerson[] =>
  Array.from({ length: count }, (_, i) => ({ id: `${prefix}${i}`, name: `Person ${i}`, orgType: ORG_TYPES[(i * 7) % 6]!, region: REGIONS[(i * 5) % 7]!, host: i < hosts }));

/** Rooms the planner must accept: table size, rounds no more than tables, hosts no more than tables. */
const rooms = fc
  .record({ tableSize: fc.integer({ min: 2, max: 6 }), tables: fc.integer({ min: 1, max: 12 }), fill: fc.double({ min: 0, max: 1, noNaN: true }), seed: fc.integer({ min: 0, max: 2 ** 31 }) })
  .chain(({ tableSize, tables, fill, seed }) => {
    const people = Math.max(tables, (tables - 1) * tableSize + 1 + Math.floor(fill * (tableSize - 1)));
    return fc.record({
      tableSize: fc.constant(tableSize),
      people: fc.constant(people),
      seed: fc.constant(seed),
      rounds: fc.integer({ min: 1, max: Math.min(tables, 5) }),
      hosts: fc.integer({ min: 0, max: tables }),
    });
  });

function tablesById(plan: SeatingPlan): Map<string, number[]> {
  const at = new Map<string, number[]>();
  for (const round of plan.rounds) for (const table of round.tables) for (const id of table.members) at.set(id, [...(at.get(id) ?? []), table.table]);
  return at;
}

const hostsOf = (plan: SeatingPlan, round: number) => plan.rounds[round]!.tables.map((table) => table.host);

describe('World Café seating', () => {
  it('seats 132 people with 33 hosts at tables of 4 for 3 rounds with nobody meeting twice and no traveller back at a table', () => {
    const people = peopleOf(132, 33);
    const plan = planSeating({ people, tableSize: 4, rounds: 3 });
    expect(plan.metrics).toMatchObject({ repeatedPairs: 0, maxMeetings: 1, uniqueContacts: { min: 9, mean: 9 }, returns: 0 });
    expect(plan.rounds.map((round) => round.tables.length)).toEqual([33, 33, 33]);
    for (const round of [0, 1, 2]) expect(hostsOf(plan, round)).toEqual(people.slice(0, 33).map((person) => person.id));
    for (const [id, tables] of tablesById(plan)) if (!id.match(/^p([0-9]|[12][0-9]|3[0-2])$/)) expect(new Set(tables).size).toBe(3);
    // Four organisation types at every table where four people sit, from six in the room.
    expect(plan.metrics.orgTypeSpread.min).toBe(4);
  });

  it('respects table sizes, keeps hosts at their tables and seats everyone once a round, for any room it accepts', () => {
    fc.assert(
      fc.property(rooms, ({ tableSize, people: count, seed, rounds, hosts }) => {
        const people = peopleOf(count, hosts);
        const plan = planSeating({ people, tableSize, rounds, seed });
        expect(plan.rounds.map((round) => round.round)).toEqual(Array.from({ length: rounds }, (_, i) => i + 1));
        const firstHosts = hostsOf(plan, 0);
        expect(firstHosts.slice(0, hosts)).toEqual(people.slice(0, hosts).map((person) => person.id));
        const sizes = plan.rounds.flatMap((round) => round.tables.map((table) => table.members.length));
        expect(Math.max(...sizes)).toBeLessThanOrEqual(tableSize);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        for (const round of plan.rounds) {
          expect(round.tables.map((table) => table.host)).toEqual(firstHosts);
          for (const table of round.tables) expect(table.members[0]).toBe(table.host);
          expect(round.tables.flatMap((table) => table.members).sort()).toEqual(people.map((person) => person.id).sort());
        }
        expect(plan.metrics.returns).toBe(0);
      }),
      { numRuns: 150 },
    );
  });

  it('gives the same plan for the same seed, and another for another seed', () => {
    const input = { people: peopleOf(40, 5), tableSize: 4, rounds: 3 };
    expect(planSeating({ ...input, seed: 11 })).toEqual(planSeating({ ...input, seed: 11 }));
    expect(planSeating({ ...input, seed: 11 }).rounds).not.toEqual(planSeating({ ...input, seed: 12 }).rounds);
  });

  it('has no repeated pair where a design is known to exist', () => {
    // Kirkman-style rooms: tables of s at T tables for R rounds where the modular design exists
    // (T prime and at least s and R), and the 16 people, 4 tables, 4 rounds of the complete resolvable design.
    for (const [count, tableSize, rounds] of [
      [132, 4, 3],
      [35, 5, 5],
      [49, 7, 7],
      [44, 4, 11],
      [300, 5, 5],
      [16, 4, 4],
    ] as const) {
      const tables = Math.ceil(count / tableSize);
      const plan = planSeating({ people: peopleOf(count, tables), tableSize, rounds, seed: 3 });
      expect({ count, tableSize, rounds, repeatedPairs: plan.metrics.repeatedPairs, returns: plan.metrics.returns }).toEqual({ count, tableSize, rounds, repeatedPairs: 0, returns: 0 });
    }
  });

  it('keeps pairs that must not sit together apart', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.array(fc.tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 })), { maxLength: 12 }), (seed, pairs) => {
        const people = peopleOf(60, 15);
        const forbiddenPairs = pairs.filter(([a, b]) => a !== b).map(([a, b]) => [`p${a}`, `p${b}`] as const);
        const plan = planSeating({ people, tableSize: 4, rounds: 3, seed, forbiddenPairs });
        expect(plan.metrics.forbiddenTogether).toBe(0);
        for (const round of plan.rounds) for (const table of round.tables) for (const [a, b] of forbiddenPairs) expect(table.members.includes(a) && table.members.includes(b)).toBe(false);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses what cannot be done, saying why', () => {
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        if (error instanceof SeatingError) return error.refusals.map((refusal) => refusal.code);
        throw error;
      }
      return [];
    };
    expect(refused(() => planSeating({ people: peopleOf(12, 5), tableSize: 4, rounds: 2 }))).toEqual(['more_hosts_than_tables']);
    expect(refused(() => planSeating({ people: peopleOf(12, 0), tableSize: 1, rounds: 2 }))).toEqual(['table_size_below_two']);
    expect(refused(() => planSeating({ people: peopleOf(5, 0), tableSize: 4, rounds: 2, tables: 6 }))).toEqual(['fewer_people_than_tables']);
    expect(refused(() => planSeating({ people: peopleOf(12, 0), tableSize: 4, rounds: 4 }))).toEqual(['more_rounds_than_tables']);
    expect(refused(() => planSeating({ people: [...peopleOf(4, 0), ...peopleOf(1, 0)], tableSize: 2, rounds: 1 }))).toEqual(['duplicate_id']);
  });
});

describe('replanning seating', () => {
  const people = peopleOf(60, 15);
  const plan = planSeating({ people, tableSize: 4, rounds: 4, seed: 5 });

  it('leaves played rounds unchanged and seats who is there now in the others', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 }),
        fc.uniqueArray(fc.integer({ min: 15, max: 59 }), { maxLength: 8 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (playedRounds, leaving, arriving, seed) => {
          const now = [...people.filter((_, i) => !leaving.includes(i)), ...peopleOf(arriving, 0, 'late')];
          const forbiddenPairs = [['p20', 'p21'] as const, ['late0', 'p30'] as const].filter((pair) => pair.every((id) => now.some((person) => person.id === id)));
          const replanned = replanSeating(plan, { people: now, playedRounds }, { tableSize: 4, seed, forbiddenPairs });
          expect(replanned.rounds.slice(0, playedRounds)).toEqual(plan.rounds.slice(0, playedRounds));
          expect(replanned.rounds).toHaveLength(4);
          for (const round of replanned.rounds.slice(playedRounds)) {
            expect(round.tables.flatMap((table) => table.members).sort()).toEqual(now.map((person) => person.id).sort());
            for (const table of round.tables) expect(table.members.length).toBeLessThanOrEqual(4);
            for (const table of round.tables) for (const pair of forbiddenPairs) expect(pair.every((id) => table.members.includes(id))).toBe(false);
          }
          expect(replanned.metrics.returns).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('gives a table whose host left a new host, who stays there for the remaining rounds', () => {
    const leaving = plan.rounds[0]!.tables[2]!.host;
    const replanned = replanSeating(plan, { people: people.filter((person) => person.id !== leaving), playedRounds: 1 }, { tableSize: 4, seed: 5 });
    const newHost = replanned.rounds[1]!.tables[2]!.host;
    expect(newHost).not.toBe(leaving);
    // Someone who sat at that table in the round just played takes it over.
    expect(plan.rounds[0]!.tables[2]!.members).toContain(newHost);
    for (const round of replanned.rounds.slice(1)) expect(round.tables[2]!.host).toBe(newHost);
    for (const round of replanned.rounds.slice(1)) expect(round.tables.map((table) => table.host).filter((host, i) => i !== 2)).toEqual(hostsOf(plan, 0).filter((_, i) => i !== 2));
  });

  it('keeps the tables that can still seat a host and a traveller when most people leave', () => {
    const stay = people.filter((person) => ['p0', 'p1', 'p2', 'p20', 'p21', 'p22', 'p23', 'p24', 'p25'].includes(person.id));
    const replanned = replanSeating(plan, { people: stay, playedRounds: 2 }, { tableSize: 4, seed: 5 });
    expect(replanned.rounds.slice(0, 2)).toEqual(plan.rounds.slice(0, 2));
    for (const round of replanned.rounds.slice(2)) {
      expect(round.tables).toHaveLength(4);
      expect(round.tables.slice(0, 3).map((table) => table.host)).toEqual(['p0', 'p1', 'p2']);
      for (const table of round.tables) expect(table.members.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('adds a table when more people come than the tables seat', () => {
    const replanned = replanSeating(plan, { people: [...people, ...peopleOf(3, 0, 'late')], playedRounds: 2 }, { tableSize: 4, seed: 5 });
    expect(replanned.rounds.map((round) => round.tables.length)).toEqual([15, 15, 16, 16]);
    expect(replanned.metrics.returns).toBe(0);
  });
});
