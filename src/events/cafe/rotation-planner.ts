import { createHash } from 'node:crypto';
import type { SeatingOptions, SeatingPerson, SeatingPlan, SeatingPlanner } from './seating-port.js';

const order = (seed: number) => (a: SeatingPerson, b: SeatingPerson) =>
  createHash('sha256')
    .update(`${seed}:${a.id}`)
    .digest('hex')
    .localeCompare(createHash('sha256').update(`${seed}:${b.id}`).digest('hex'));

/**
 * A plain constructive rotation, the café's planner until the seating optimiser
 * (src/events/seating.ts) is wired in its place: hosts stay at their tables; travellers
 * stand in rows of one per table, and in round r the traveller in row k, column c sits
 * at table (c + (k + 1) · r) mod T. Two travellers of different rows meet again only
 * when T divides (k₁ − k₂)(r₁ − r₂), so with a prime number of tables nobody meets
 * twice and nobody returns; it neither spreads organisation types nor minimises what
 * repeats otherwise, which the optimiser does.
 */
function rotate(people: readonly SeatingPerson[], options: SeatingOptions, hostOrder: readonly string[]): SeatingPlan {
  const hosts = [
    ...hostOrder.filter((id) => people.some((person) => person.id === id && person.host)),
    ...people.filter((person) => person.host && !hostOrder.includes(person.id)).map((person) => person.id),
  ];
  const travellers = people.filter((person) => !person.host).sort(order(options.seed));
  const tables = Math.max(1, hosts.length, Math.ceil(people.length / options.tableSize));
  return {
    rounds: Array.from({ length: options.rounds }, (_, index) => {
      const round = index + 1;
      const seated = Array.from({ length: tables }, (_, table) => ({ table: table + 1, host: hosts[table] ?? '', members: hosts[table] ? [hosts[table]] : [] }));
      travellers.forEach((person, position) => {
        const row = Math.floor(position / tables);
        seated[(position + (row + 1) * index) % tables]?.members.push(person.id);
      });
      for (const table of seated) if (!table.host) table.host = table.members[0] ?? '';
      return { round, tables: seated.filter((table) => table.members.length > 0) };
    }),
  };
}

export const rotationPlanner: SeatingPlanner = {
  plan: (people, options) => rotate(people, options, []),
  replan(previous, people, playedRounds, options) {
    const kept = previous.rounds.filter((round) => round.round <= playedRounds);
    // Hosts keep the table numbers they had in the round last played.
    const last = kept.at(-1)?.tables ?? [];
    const hostOrder = [...last].sort((a, b) => a.table - b.table).map((table) => table.host);
    const fresh = rotate(people, options, hostOrder).rounds.filter((round) => round.round > playedRounds);
    return { rounds: [...kept, ...fresh] };
  },
};
