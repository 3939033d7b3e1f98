/**
 * The modular design for World Café rounds, where one exists: tables numbered 0..T-1
 * (the integers mod T), the host of table t sits at t in every round, and the traveller
 * in seat j of table g in the first round sits at table g + k·d_j (mod T) in round k
 * (k = 0, 1, ...). With d_0 = 0 standing for the hosts, two people of seats i and j
 * meet in rounds k and k' only if (k − k')·(d_i − d_j) ≡ 0 (mod T); the same seat
 * never meets itself. So when every difference of {0, d_1, ..., d_s} has an order of
 * at least R in Z_T (it is not a multiple of T for any multiplier 1..R−1), nobody
 * meets anybody twice and no traveller returns to a table (a traveller against the
 * host is the difference d_j − 0). This is a resolvable design found by a short
 * search over the offsets, the construction used for Kirkman-style schedules and for
 * round-robin tournaments; for 132 people at 33 tables of 4 in 3 rounds,
 * {0, 1, 2, 3} already works.
 */

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** How many steps of `step` it takes to come back to 0 in Z_modulus. */
const orderOf = (step: number, modulus: number): number => modulus / gcd(((step % modulus) + modulus) % modulus, modulus);

/** Nodes the offset search may visit before it gives up: enough for any room, a few milliseconds at most. */
const SEARCH_LIMIT = 200_000;

/** Offsets 0 = d_0 < d_1 < ... < d_seats, every difference of order at least `rounds` mod `tables`; undefined when none is found. */
export function designOffsets(tables: number, seats: number, rounds: number): number[] | undefined {
  if (rounds > tables) return undefined;
  const chosen = [0];
  let visited = 0;
  const extend = (from: number): boolean => {
    if (chosen.length === seats + 1) return true;
    for (let candidate = from; candidate < tables; candidate++) {
      if (++visited > SEARCH_LIMIT) return false;
      if (!chosen.every((offset) => orderOf(candidate - offset, tables) >= rounds)) continue;
      chosen.push(candidate);
      if (extend(candidate + 1)) return true;
      chosen.pop();
    }
    return false;
  };
  return extend(1) ? chosen : undefined;
}

/**
 * Offsets for a room where no exact design exists (too few tables for the seats and
 * rounds): each traveller's own step still has an order of at least `rounds`, so no
 * traveller comes back to a table and no traveller meets a host twice; the steps are
 * chosen one by one to clash with as few chosen ones as possible, repeats of a step
 * allowed. Travellers of clashing seats meet again; the local search then spreads them.
 */
export function nearOffsets(tables: number, seats: number, rounds: number): number[] {
  const steps = Array.from({ length: tables - 1 }, (_, at) => at + 1).filter((step) => orderOf(step, tables) >= rounds);
  const chosen = [0];
  const clashes = (candidate: number) => chosen.slice(1).filter((offset) => orderOf(candidate - offset, tables) < rounds).length;
  while (chosen.length < seats + 1) {
    let best = steps[0] ?? 1;
    for (const step of steps) if (clashes(step) < clashes(best)) best = step;
    chosen.push(best);
  }
  return chosen;
}

/** The table (0-based) of the traveller of seat `seat` (0-based, after the host) starting at `table`, in round `round` (0-based). */
export const designTable = (offsets: readonly number[], tables: number, table: number, seat: number, round: number): number => (table + round * offsets[seat + 1]!) % tables;
