import type { SeatingMetrics, SeatingPair, SeatingRound } from './model.js';

type Spread = SeatingMetrics['orgTypeSpread']['tables'][number];

const rounded = (value: number) => Math.round(value * 100) / 100;

/**
 * The quality of a plan, from its rounds alone. `orgTypeOf` gives each person's
 * organisation type; `keptSpread` gives the rows of rounds whose people may no longer
 * be known (a replanned plan keeps its played rounds' rows as they were computed).
 */
export function seatingMetrics(
  rounds: readonly SeatingRound[],
  orgTypeOf: ReadonlyMap<string, string>,
  forbiddenPairs: readonly SeatingPair[] = [],
  keptSpread: readonly Spread[] = [],
): SeatingMetrics {
  const index = new Map<string, number>();
  const indexOf = (id: string) => index.get(id) ?? index.set(id, index.size).get(id)!;
  for (const round of rounds) for (const table of round.tables) for (const id of table.members) indexOf(id);
  const people = index.size;
  const meetings = new Map<number, number>();
  const travels = new Map<string, number>();
  const kept = new Map(keptSpread.map((row) => [`${row.round}:${row.table}`, row]));
  const spread: Spread[] = [];
  let forbiddenTogether = 0;
  for (const round of rounds) {
    const tableOf = new Map<string, number>();
    for (const table of round.tables) {
      const members = table.members.map(indexOf);
      for (let i = 0; i < members.length; i++) {
        for (let j = i + 1; j < members.length; j++) {
          const [a, b] = members[i]! < members[j]! ? [members[i]!, members[j]!] : [members[j]!, members[i]!];
          meetings.set(a * people + b, (meetings.get(a * people + b) ?? 0) + 1);
        }
      }
      for (const id of table.members) {
        tableOf.set(id, table.table);
        if (id !== table.host) travels.set(`${id}\n${table.table}`, (travels.get(`${id}\n${table.table}`) ?? 0) + 1);
      }
      const known = kept.get(`${round.round}:${table.table}`);
      spread.push(known ?? { round: round.round, table: table.table, orgTypes: new Set(table.members.map((id) => orgTypeOf.get(id) ?? `?${id}`)).size, members: table.members.length });
    }
    for (const [a, b] of forbiddenPairs) if (tableOf.has(a) && tableOf.get(a) === tableOf.get(b)) forbiddenTogether++;
  }
  const contacts = new Array<number>(people).fill(0);
  let repeatedPairs = 0;
  let maxMeetings = 0;
  for (const [pair, count] of meetings) {
    contacts[Math.floor(pair / people)]! += 1;
    contacts[pair % people]! += 1;
    if (count > 1) repeatedPairs++;
    maxMeetings = Math.max(maxMeetings, count);
  }
  let returns = 0;
  for (const count of travels.values()) returns += count - 1;
  const orgTypes = spread.map((row) => row.orgTypes);
  return {
    repeatedPairs,
    maxMeetings,
    uniqueContacts: { min: people ? Math.min(...contacts) : 0, mean: people ? rounded(contacts.reduce((sum, n) => sum + n, 0) / people) : 0 },
    returns,
    forbiddenTogether,
    orgTypeSpread: { min: orgTypes.length ? Math.min(...orgTypes) : 0, mean: orgTypes.length ? rounded(orgTypes.reduce((sum, n) => sum + n, 0) / orgTypes.length) : 0, tables: spread },
  };
}
