import { percent } from '../percent.js';
import { type SuppressionOptions, suppressDimension } from '../suppression.js';
import { answerTo, scaleAnswer } from './items.js';
import type { Breakdown, EvaluationForm, ReportResponse } from './model.js';

/**
 * Each scale item's top box (of all) by type of organisation and by region, where the
 * form asked who answered. A group's respondents are those who answered the item (N/A
 * included, as the top box of all counts them); groups of fewer than five are hidden,
 * with one more withheld where the item's total would give a hidden one away, and a
 * hidden group's percentage is not shown either. A response without a profile counts
 * in the group "unknown", so that the groups add up to the item's n.
 */

export const BREAKDOWN_DIMENSIONS = ['orgType', 'region'] as const;
export type BreakdownDimension = (typeof BREAKDOWN_DIMENSIONS)[number];

export const UNKNOWN_GROUP = 'unknown';

/** The order groups are listed in: the given keys first (the events area's order of types and regions), then others by name, "unknown" last. */
export type GroupOrder = Partial<Record<BreakdownDimension, readonly string[]>>;

function ordered(keys: Iterable<string>, order: readonly string[] = []): string[] {
  const rank = (key: string) => (key === UNKNOWN_GROUP ? Number.MAX_SAFE_INTEGER : order.includes(key) ? order.indexOf(key) : order.length);
  return [...keys].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export function breakdowns(form: EvaluationForm, responses: readonly ReportResponse[], options: SuppressionOptions & { order?: GroupOrder } = {}): Breakdown[] {
  if (!responses.some((response) => response.profile !== undefined)) return [];
  const scaleItems = form.items.flatMap((item) => (item.kind === 'scale' ? [item] : []));
  return BREAKDOWN_DIMENSIONS.map((by) => ({
    by,
    items: scaleItems.map((item) => {
      const top = item.points.at(-1);
      const groups = new Map<string, { n: number; top: number }>();
      for (const response of responses) {
        const answer = answerTo(response, item.code);
        const counted = answer === undefined ? 'missing' : scaleAnswer(item, answer);
        if (counted === 'missing') continue;
        const key = response.profile?.[by] ?? UNKNOWN_GROUP;
        const group = groups.get(key) ?? { n: 0, top: 0 };
        groups.set(key, { n: group.n + 1, top: group.top + (counted !== 'na' && counted.point === top ? 1 : 0) });
      }
      const keys = ordered(groups.keys(), options.order?.[by]);
      const shown = suppressDimension(
        keys.map((key) => [key, groups.get(key)?.n ?? 0] as const),
        options,
      );
      const rows = shown.map(([key, respondents]) => {
        const group = groups.get(key);
        return { key, respondents, topBoxOfAll: typeof respondents === 'number' && group ? percent(group.top, group.n) : null };
      });
      return { code: item.code, rows };
    }),
  }));
}
