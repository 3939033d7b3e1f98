/**
 * Small-count suppression for anonymous reports. Counts of people that are small
 * enough to point at someone are not shown (primary suppression); where the total
 * is shown and exactly one count in a dimension is hidden, it could be worked out
 * as the total minus the others, so one more count is withheld (secondary
 * suppression). Pure functions: areas count, this decides what may be shown.
 */

/** Counts from 1 up to, not including, this are suppressed unless a report sets its own threshold. */
export const DEFAULT_THRESHOLD = 5;

/** What a suppressed count is shown as ("<5" at the default threshold), in text, CSV and JSON alike. */
export type Suppressed = `<${number}`;

/** What replaces a count withheld so that a suppressed one cannot be worked out from the total. */
export const WITHHELD = 'x';

/** A count as a report may show it: 0 or at least the threshold as it is, a small one as "<5", or withheld. */
export type Count = number | Suppressed | typeof WITHHELD;

export interface SuppressionOptions {
  /** Counts from 1 to threshold - 1 are suppressed; 0 is shown (that nobody did something gives nobody away). */
  threshold?: number;
}

/** The mark a suppressed count is shown as. */
export const suppressedMark = (threshold = DEFAULT_THRESHOLD): Suppressed => `<${threshold}`;

/** One count, with primary suppression only: for a total, or a count shown on its own. */
export function suppressCount(n: number, { threshold = DEFAULT_THRESHOLD }: SuppressionOptions = {}): Count {
  return n >= 1 && n < threshold ? suppressedMark(threshold) : n;
}

/**
 * The counts of one dimension (values that together make up a total that is shown),
 * in the order given, with primary and secondary suppression. When exactly one count
 * is suppressed, the smallest other non-zero count is withheld too (the first in
 * order among equals), so that neither can be worked out from the total. Two or more
 * suppressed counts already hide each other; when the total itself is suppressed,
 * every count is.
 */
export function suppressDimension<K extends string>(counts: readonly (readonly [K, number])[], options: SuppressionOptions = {}): [K, Count][] {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const shown = counts.map(([key, n]): [K, Count] => [key, suppressCount(n, { threshold })]);
  const suppressed = shown.filter(([, count]) => typeof count === 'string').length;
  const total = counts.reduce((sum, [, n]) => sum + n, 0);
  if (suppressed !== 1 || typeof suppressCount(total, { threshold }) === 'string') return shown;
  // The counts still shown and not 0; a stable sort keeps the first in order among equals.
  const candidates = counts.flatMap(([, n], index) => (n >= threshold ? [{ n, index }] : []));
  const smallest = candidates.sort((a, b) => a.n - b.n)[0];
  return shown.map(([key, count], index): [K, Count] => [key, index === smallest?.index ? WITHHELD : count]);
}
