import { percent } from '../percent.js';
import type { ChoiceItemReport, FormItem, OpenItemCoding, OpenItemReport, ReportAnswer, ReportResponse, ScaleItemReport, Share } from './model.js';

/**
 * The arithmetic of one item over the responses. Pure.
 *
 * An item a response was not asked (an older paper form without it, a question the
 * flow's branching skipped) is in no count. An item asked and not answered, or
 * answered with a code the item does not have, is "missing": in neither denominator.
 */

export type ScaleItem = Extract<FormItem, { kind: 'scale' }>;
type ChoiceItem = Extract<FormItem, { kind: 'choice' }>;
type TextItem = Extract<FormItem, { kind: 'text' }>;

/** The item's answer in a response: absent when not asked, `skipped` when asked and not answered. */
export function answerTo(response: ReportResponse, code: string): ReportAnswer | undefined {
  const answer = response.answers[code];
  if (answer !== undefined && answer.kind !== 'skipped') return answer;
  const asked = response.asked === undefined || response.asked.includes(code);
  return asked ? { kind: 'skipped' } : undefined;
}

/** What an answer to a scale item counts as: one of its points, N/A (where the item offers it), or missing. */
export function scaleAnswer(item: ScaleItem, answer: ReportAnswer): { point: string } | 'na' | 'missing' {
  if (answer.kind === 'choice' && item.points.includes(answer.code)) return { point: answer.code };
  return answer.kind === 'na' && item.notApplicable ? 'na' : 'missing';
}

const share = (part: number, n: number, na: number): Share => ({ ofAll: percent(part, n), ofValid: percent(part, n - na) });

/** Sum of positions over count of valid answers, to two decimals, from integers. */
const meanOf = (positionSum: number, valid: number): number | null => (valid === 0 ? null : Math.round((positionSum * 100) / valid) / 100);

export function scaleItemReport(item: ScaleItem, responses: readonly ReportResponse[]): ScaleItemReport {
  const counts: Record<string, number> = Object.fromEntries(item.points.map((point) => [point, 0]));
  let na = 0;
  let missing = 0;
  for (const response of responses) {
    const answer = answerTo(response, item.code);
    if (answer === undefined) continue;
    const counted = scaleAnswer(item, answer);
    if (counted === 'na') na += 1;
    else if (counted === 'missing') missing += 1;
    else counts[counted.point] = (counts[counted.point] ?? 0) + 1;
  }
  const valid = item.points.reduce((sum, point) => sum + (counts[point] ?? 0), 0);
  const n = valid + na;
  const positionSum = item.points.reduce((sum, point, index) => sum + (index + 1) * (counts[point] ?? 0), 0);
  const top = counts[item.points.at(-1) ?? ''] ?? 0;
  const topTwo = item.points.slice(-2).reduce((sum, point) => sum + (counts[point] ?? 0), 0);
  return { code: item.code, n, counts, na, missing, mean: meanOf(positionSum, valid), topBox: share(top, n, na), topTwo: share(topTwo, n, na), previous: null };
}

/** The codes an answer chose, when they are all the item's options (an unknown code makes the answer missing). */
function chosen(item: ChoiceItem, answer: ReportAnswer): string[] | undefined {
  const codes = answer.kind === 'choice' ? [answer.code] : answer.kind === 'choices' && item.multiple ? [...new Set(answer.codes)] : undefined;
  return codes !== undefined && codes.length > 0 && codes.every((code) => item.options.includes(code)) ? codes : undefined;
}

export function choiceItemReport(item: ChoiceItem, responses: readonly ReportResponse[]): ChoiceItemReport {
  const counts: Record<string, number> = Object.fromEntries(item.options.map((option) => [option, 0]));
  let n = 0;
  let missing = 0;
  for (const response of responses) {
    const answer = answerTo(response, item.code);
    if (answer === undefined) continue;
    const codes = chosen(item, answer);
    if (codes === undefined) {
      missing += 1;
      continue;
    }
    n += 1;
    for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
  }
  return { code: item.code, n, missing, counts };
}

/** Respondents who wrote something, with the coders' themes (most mentioned first) and quotes for the item. */
export function openItemReport(item: TextItem, responses: readonly ReportResponse[], coding: readonly OpenItemCoding[]): OpenItemReport {
  const answered = responses.filter((response) => {
    const answer = answerTo(response, item.code);
    return answer?.kind === 'text' && answer.value.trim() !== '';
  }).length;
  const coded = coding.find((entry) => entry.item === item.code);
  const themes = [...(coded?.themes ?? [])].sort((a, b) => b.respondents - a.respondents);
  return { code: item.code, answered, themes, quotes: [...(coded?.quotes ?? [])] };
}
