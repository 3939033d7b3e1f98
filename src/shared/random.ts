/**
 * A seeded generator, so that the same seed gives the same sequence on any machine (a seating plan, a benchmark's script).
 * Mulberry32 (Tommy Ettinger's public-domain 32-bit generator): eight lines, where a
 * library (pure-rand, seedrandom) would be a new runtime dependency for the same eight
 * lines; its quality is ample for shuffling and breaking ties.
 */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
