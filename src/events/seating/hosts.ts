import type { SeatingPerson } from './model.js';
import type { Random } from './random.js';
import { shuffle } from './random.js';

/**
 * Who hosts each table. `kept[t]` is a host who stays at table t (undefined: none yet).
 * Tables without one take, in order, the people marked as hosts not yet at a table,
 * then a traveller: one who sat at that table in the last played round when there is
 * one (`sitting`, the table's own conversation goes on), else any, choosing the
 * organisation type least seen among the hosts so far so that hosts are spread too.
 * Hosts marked but left without a table travel.
 */
export function appointHosts(
  tables: number,
  people: readonly SeatingPerson[],
  random: Random,
  kept: readonly (string | undefined)[] = [],
  sitting: ReadonlyMap<number, readonly string[]> = new Map(),
): string[] {
  const hosts: (string | undefined)[] = Array.from({ length: tables }, (_, table) => kept[table]);
  const taken = new Set(hosts.filter((id): id is string => id !== undefined));
  const marked = people.filter((person) => person.host && !taken.has(person.id));
  for (let table = 0; table < tables; table++) {
    if (hosts[table] !== undefined) continue;
    const next = marked.shift();
    if (!next) break;
    hosts[table] = next.id;
    taken.add(next.id);
  }
  const orgOf = new Map(people.map((person) => [person.id, person.orgType]));
  const seen = new Map<string, number>();
  for (const id of taken) seen.set(orgOf.get(id) ?? '', (seen.get(orgOf.get(id) ?? '') ?? 0) + 1);
  const travellers = shuffle(
    people.filter((person) => !taken.has(person.id)),
    random,
  );
  for (let table = 0; table < tables; table++) {
    if (hosts[table] !== undefined) continue;
    const atTable = new Set(sitting.get(table) ?? []);
    const free = travellers.filter((person) => !taken.has(person.id));
    const pool = free.some((person) => atTable.has(person.id)) ? free.filter((person) => atTable.has(person.id)) : free;
    let choice = pool[0]!;
    for (const person of pool) if ((seen.get(person.orgType) ?? 0) < (seen.get(choice.orgType) ?? 0)) choice = person;
    hosts[table] = choice.id;
    taken.add(choice.id);
    seen.set(choice.orgType, (seen.get(choice.orgType) ?? 0) + 1);
  }
  return hosts.map((id) => id ?? '');
}
