import type { Random } from '../../shared/random.js';

export { type Random, seededRandom } from '../../shared/random.js';

/** A whole number in [0, below). */
export const below = (random: Random, limit: number): number => Math.floor(random() * limit);

/** Fisher–Yates, in place. */
export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = below(random, i + 1);
    const item = items[i]!;
    items[i] = items[j]!;
    items[j] = item;
  }
  return items;
}
