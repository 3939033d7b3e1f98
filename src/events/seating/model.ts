/** A person to seat: a host stays at one table every round, a traveller moves. */
export interface SeatingPerson {
  id: string;
  name: string;
  orgType: string;
  region: string;
  host: boolean;
}

export interface SeatingTable {
  /** 1, 2, ... as the tables are numbered in the room. */
  table: number;
  host: string;
  /** Everyone at the table, the host first. */
  members: string[];
}

export interface SeatingRound {
  /** 1, 2, ... */
  round: number;
  tables: SeatingTable[];
}

/** Two people who must not sit at one table (by id, in either order). */
export type SeatingPair = readonly [string, string];

export interface SeatingOptions {
  /** The most people at a table, the host included. */
  tableSize: number;
  /** The same seed and input give the same plan. */
  seed?: number;
  forbiddenPairs?: readonly SeatingPair[];
}

export interface SeatingInput extends SeatingOptions {
  people: readonly SeatingPerson[];
  rounds: number;
  /** How many tables the room has; by default as few as seat everyone (people ÷ table size, rounded up). */
  tables?: number;
}

export interface SeatingMetrics {
  /** Pairs of people who sit at one table in more than one round (a host and a traveller count). */
  repeatedPairs: number;
  /** The most rounds any two people sit together. */
  maxMeetings: number;
  /** How many different people each person sits with over all the rounds. */
  uniqueContacts: { min: number; mean: number };
  /** Times a traveller sits at a table they sat at before (the plan avoids it: 0 unless impossible). */
  returns: number;
  /** Pairs that must not sit together and do, once per round. */
  forbiddenTogether: number;
  /** Organisation types at each table of each round: how many different ones, among how many people. */
  orgTypeSpread: { min: number; mean: number; tables: { round: number; table: number; orgTypes: number; members: number }[] };
}

export interface SeatingPlan {
  rounds: SeatingRound[];
  metrics: SeatingMetrics;
}

/** What replanning needs to know: who is there now, and how many rounds are already played. */
export interface SeatingChange {
  people: SeatingPerson[];
  playedRounds: number;
}
