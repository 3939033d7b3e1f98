import type { SeatingInput } from './model.js';

/** Why a seating cannot be planned, by code for the edge to translate, with an English message for the terminal. */
export const SEATING_REFUSALS = [
  'table_size_below_two',
  'rounds_below_one',
  'no_people',
  'duplicate_id',
  'tables_below_one',
  'fewer_people_than_tables',
  'more_people_than_seats',
  'more_hosts_than_tables',
  'more_rounds_than_tables',
  'unknown_pair_member',
  'played_rounds_out_of_range',
] as const;
export type SeatingRefusalCode = (typeof SEATING_REFUSALS)[number];

export interface SeatingRefusal {
  code: SeatingRefusalCode;
  message: string;
}

export class SeatingError extends Error {
  constructor(readonly refusals: SeatingRefusal[]) {
    super(refusals.map((refusal) => refusal.message).join('; '));
    this.name = 'SeatingError';
  }
}

const isWhole = (value: number) => Number.isInteger(value);

/** How many tables a room of `people` needs at `tableSize` a table. */
export const tablesFor = (people: number, tableSize: number): number => Math.ceil(people / tableSize);

/** Every reason the request cannot be met (none: it can). */
export function seatingRefusals(input: SeatingInput): SeatingRefusal[] {
  const refusals: SeatingRefusal[] = [];
  const refuse = (code: SeatingRefusalCode, message: string) => refusals.push({ code, message });
  const { people, tableSize, rounds } = input;
  if (!isWhole(tableSize) || tableSize < 2) refuse('table_size_below_two', `a table seats at least 2 people (a host and a traveller); the table size is ${tableSize}`);
  if (!isWhole(rounds) || rounds < 1) refuse('rounds_below_one', `there must be at least one round; rounds is ${rounds}`);
  if (people.length === 0) refuse('no_people', 'there is nobody to seat');
  const seen = new Set<string>();
  for (const person of people) {
    if (seen.has(person.id)) refuse('duplicate_id', `the id ${JSON.stringify(person.id)} is given to more than one person`);
    seen.add(person.id);
  }
  for (const [a, b] of input.forbiddenPairs ?? []) {
    for (const id of [a, b]) if (!seen.has(id)) refuse('unknown_pair_member', `a pair that must not sit together names ${JSON.stringify(id)}, who is not among the people`);
  }
  if (people.length === 0) return refusals;
  const sized = isWhole(tableSize) && tableSize >= 2;
  const tables = input.tables ?? (sized ? tablesFor(people.length, tableSize) : undefined);
  if (tables === undefined) return refusals;
  if (!isWhole(tables) || tables < 1) return [...refusals, { code: 'tables_below_one', message: `there must be at least one table; tables is ${tables}` }];
  if (people.length < tables) refuse('fewer_people_than_tables', `${people.length} people cannot fill ${tables} tables: every table needs at least its host`);
  if (sized && people.length > tables * tableSize) refuse('more_people_than_seats', `${people.length} people do not fit at ${tables} tables of ${tableSize}`);
  const hosts = people.filter((person) => person.host).length;
  if (hosts > tables) refuse('more_hosts_than_tables', `${hosts} hosts for ${tables} tables: each table has one host, who stays there every round`);
  if (rounds > tables && people.length > tables) refuse('more_rounds_than_tables', `${rounds} rounds at ${tables} tables: a traveller would have to come back to a table (at most ${tables} rounds)`);
  return refusals;
}
