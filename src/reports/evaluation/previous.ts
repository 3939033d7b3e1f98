import { rounded } from '../percent.js';
import type { EvaluationReport, PreviousEdition, PreviousItem, ScaleItemReport } from './model.js';

/**
 * Year over year: an item's top box (of all answers, as the earlier editions were
 * published) beside the previous edition's, the change in percentage points, and
 * whether the question was worded differently then (a change of wording can make
 * the two figures answers to different questions).
 */

const normalised = (text: string): string => text.trim().replace(/\s+/g, ' ');

/** True when both wordings are known in a language and differ there (spacing ignored). */
export function wordingDiffers(current: Readonly<Record<string, string>>, previous: Readonly<Record<string, string>> | undefined): boolean {
  if (previous === undefined) return false;
  return Object.entries(previous).some(([language, text]) => current[language] !== undefined && normalised(current[language]) !== normalised(text));
}

/** The comparison for one item, or null when the previous edition has no figure for it. */
export function compareItem(item: ScaleItemReport, text: Readonly<Record<string, string>>, previous: PreviousEdition): PreviousItem | null {
  const earlier = previous.items[item.code];
  if (earlier === undefined || earlier.topBoxOfAll === null) return null;
  const current = item.topBox.ofAll;
  return {
    topBox: { ofAll: earlier.topBoxOfAll },
    deltaPoints: { ofAll: current === null ? null : rounded(current - earlier.topBoxOfAll, 1) },
    wordingChanged: wordingDiffers(text, earlier.text),
  };
}

/**
 * An earlier report in Ura as the previous edition, with the items' wording as its runs
 * asked them (item code, then language). Without a kept wording no change can be seen,
 * and none is flagged: today's form would only be compared with itself.
 */
export function previousFromReport(report: EvaluationReport, wording: Readonly<Record<string, Readonly<Record<string, string>>>> | null): PreviousEdition {
  return {
    kind: 'event',
    id: report.scope.id,
    items: Object.fromEntries(report.items.map((item) => [item.code, { topBoxOfAll: item.topBox.ofAll, ...(wording?.[item.code] ? { text: wording[item.code] } : {}) }])),
  };
}
