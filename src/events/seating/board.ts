/**
 * The state the planner searches: who sits at which table in each round, with the
 * counts that make a move's cost known in time proportional to a table's size (how
 * often each pair has met, how often each traveller sat at each table, organisation
 * types and regions per table). People, tables, organisation types and regions are
 * numbered from 0; rounds too (round 1 is 0 here).
 */

/** The seating problem in numbers, as the planner builds it from people and ids. */
export interface Problem {
  people: number;
  /** Tables of every round, played ones included. */
  tables: number;
  /** Tables in use in the rounds to plan (the first ones; fewer when people left). */
  open: number;
  rounds: number;
  /** Rounds before this one are played and never change. */
  first: number;
  /** Per person: 1 for a host in the rounds to plan (never moved), else 0. */
  host: Uint8Array;
  /** Per person: the index of their organisation type and of their region. */
  org: Int32Array;
  region: Int32Array;
  orgKinds: number;
  regionKinds: number;
  /** Per person: the people they must not sit with. */
  forbidden: readonly (readonly number[])[];
}

/**
 * What the search minimises, in this order of priority: a traveller back at a table or
 * a forbidden pair together (never, where avoidable), then pairs meeting again, then
 * people of one organisation type or one region at a table. Each is a count of pairs:
 * a pair that meets m times costs C(m, 2) = m(m − 1)/2, the squared penalty on repeats
 * (a third meeting costs twice the second, a fourth three times), which spreads repeats
 * over pairs rather than letting one pair sit together every round. It is not steeper,
 * such as (m − 1)², because in small rooms some repeats are forced and concentrating
 * them is then better: 30 people at 5 tables of 6 for 5 rounds must repeat (each
 * table's 5 travellers have only 4 other tables to go to), and 5 pairs meeting in every
 * round leave everyone else meeting new people, where (m − 1)² chose 44 pairs meeting
 * two or three times and fewer different people met. The weights keep the priorities
 * apart: one more repeat outweighs any gain in spread a single swap can bring.
 */
export const weightsFor = (tableSize: number) => {
  const region = 1;
  const org = 2;
  const pair = 8 * (org + region) * (tableSize + 1);
  return { region, org, pair, hard: 100 * pair * (tableSize + 1) };
};
export type Weights = ReturnType<typeof weightsFor>;

export class Board {
  /** Per round and person: the table, or -1 when not seated that round. */
  readonly at: Int32Array;
  /** Per round and table: who sits there. */
  readonly seats: number[][];
  readonly meet: Uint8Array;
  readonly visits: Uint8Array;
  readonly orgCount: Int32Array;
  readonly regionCount: Int32Array;
  returns = 0;
  repeats = 0;
  forbiddenTogether = 0;
  orgSame = 0;
  regionSame = 0;

  constructor(
    readonly problem: Problem,
    readonly weights: Weights,
  ) {
    const { people, tables, rounds } = problem;
    this.at = new Int32Array(rounds * people).fill(-1);
    this.seats = Array.from({ length: rounds * tables }, () => []);
    this.meet = new Uint8Array(people * people);
    this.visits = new Uint8Array(people * tables);
    this.orgCount = new Int32Array(rounds * tables * problem.orgKinds);
    this.regionCount = new Int32Array(rounds * tables * problem.regionKinds);
  }

  get cost(): number {
    const w = this.weights;
    return w.hard * (this.returns + this.forbiddenTogether) + w.pair * this.repeats + w.org * this.orgSame + w.region * this.regionSame;
  }

  /** Returns, forbidden pairs and repeats: what a plan should have none of. */
  get conflicts(): number {
    return this.returns + this.forbiddenTogether + this.repeats;
  }

  tableOf(round: number, person: number): number {
    return this.at[round * this.problem.people + person]!;
  }

  members(round: number, table: number): readonly number[] {
    return this.seats[round * this.problem.tables + table]!;
  }

  private forbiddenAt(round: number, person: number, table: number, skip: number): number {
    let count = 0;
    for (const other of this.problem.forbidden[person]!) if (other !== skip && this.tableOf(round, other) === table) count++;
    return count;
  }

  /** What seating `person` at `table` in `round` would add to the cost. */
  placeCost(round: number, person: number, table: number): number {
    const { people, tables, orgKinds, regionKinds } = this.problem;
    let pair = 0;
    for (const other of this.members(round, table)) pair += this.meet[person * people + other]!;
    const back = this.problem.host[person] ? 0 : this.visits[person * tables + table]!;
    const slot = round * tables + table;
    const w = this.weights;
    return (
      w.hard * (back + this.forbiddenAt(round, person, table, -1)) +
      w.pair * pair +
      w.org * this.orgCount[slot * orgKinds + this.problem.org[person]!]! +
      w.region * this.regionCount[slot * regionKinds + this.problem.region[person]!]!
    );
  }

  place(round: number, person: number, table: number): void {
    const { people, tables, orgKinds, regionKinds } = this.problem;
    const list = this.seats[round * tables + table]!;
    for (const other of list) {
      const m = this.meet[person * people + other]!;
      this.repeats += m;
      this.meet[person * people + other] = m + 1;
      this.meet[other * people + person] = m + 1;
    }
    const visit = person * tables + table;
    if (!this.problem.host[person]) this.returns += this.visits[visit]!;
    this.visits[visit] = this.visits[visit]! + 1;
    this.forbiddenTogether += this.forbiddenAt(round, person, table, -1);
    const slot = round * tables + table;
    const orgSlot = slot * orgKinds + this.problem.org[person]!;
    const regionSlot = slot * regionKinds + this.problem.region[person]!;
    this.orgSame += this.orgCount[orgSlot]!;
    this.orgCount[orgSlot] = this.orgCount[orgSlot]! + 1;
    this.regionSame += this.regionCount[regionSlot]!;
    this.regionCount[regionSlot] = this.regionCount[regionSlot]! + 1;
    list.push(person);
    this.at[round * people + person] = table;
  }

  /** The change in cost if travellers `a` and `b`, at different tables in `round`, swapped seats. */
  swapDelta(round: number, a: number, b: number): number {
    const { people, tables, orgKinds, regionKinds, org, region } = this.problem;
    const ta = this.tableOf(round, a);
    const tb = this.tableOf(round, b);
    let pair = 0;
    for (const x of this.members(round, ta)) {
      if (x === a) continue;
      pair += this.meet[b * people + x]! - this.meet[a * people + x]! + 1;
    }
    for (const y of this.members(round, tb)) {
      if (y === b) continue;
      pair += this.meet[a * people + y]! - this.meet[b * people + y]! + 1;
    }
    const va = a * tables;
    const vb = b * tables;
    const back = this.visits[va + tb]! - this.visits[va + ta]! + 1 + this.visits[vb + ta]! - this.visits[vb + tb]! + 1;
    const forbidden = this.forbiddenAt(round, a, tb, b) - this.forbiddenAt(round, a, ta, a) + this.forbiddenAt(round, b, ta, a) - this.forbiddenAt(round, b, tb, b);
    const w = this.weights;
    let spread = 0;
    const slotA = round * tables + ta;
    const slotB = round * tables + tb;
    const oa = org[a]!;
    const ob = org[b]!;
    if (oa !== ob) {
      const c = this.orgCount;
      spread += w.org * (c[slotB * orgKinds + oa]! - c[slotA * orgKinds + oa]! + 1 + c[slotA * orgKinds + ob]! - c[slotB * orgKinds + ob]! + 1);
    }
    const ra = region[a]!;
    const rb = region[b]!;
    if (ra !== rb) {
      const c = this.regionCount;
      spread += w.region * (c[slotB * regionKinds + ra]! - c[slotA * regionKinds + ra]! + 1 + c[slotA * regionKinds + rb]! - c[slotB * regionKinds + rb]! + 1);
    }
    return w.hard * (back + forbidden) + w.pair * pair + spread;
  }

  /** Takes `person` from their table in `round`, the reverse of place(). */
  unplace(round: number, person: number): number {
    const { people, tables, orgKinds, regionKinds } = this.problem;
    const table = this.tableOf(round, person);
    const list = this.seats[round * tables + table]!;
    list.splice(list.indexOf(person), 1);
    this.at[round * people + person] = -1;
    for (const other of list) {
      const m = this.meet[person * people + other]! - 1;
      this.repeats -= m;
      this.meet[person * people + other] = m;
      this.meet[other * people + person] = m;
    }
    const visit = person * tables + table;
    this.visits[visit] = this.visits[visit]! - 1;
    if (!this.problem.host[person]) this.returns -= this.visits[visit]!;
    this.forbiddenTogether -= this.forbiddenAt(round, person, table, -1);
    const slot = round * tables + table;
    const orgSlot = slot * orgKinds + this.problem.org[person]!;
    const regionSlot = slot * regionKinds + this.problem.region[person]!;
    this.orgCount[orgSlot] = this.orgCount[orgSlot]! - 1;
    this.orgSame -= this.orgCount[orgSlot]!;
    this.regionCount[regionSlot] = this.regionCount[regionSlot]! - 1;
    this.regionSame -= this.regionCount[regionSlot]!;
    return table;
  }

  swap(round: number, a: number, b: number): void {
    const ta = this.unplace(round, a);
    const tb = this.unplace(round, b);
    this.place(round, a, tb);
    this.place(round, b, ta);
  }
}
