import type { EvaluationForm, FormItem, ReportAnswer, ReportResponse } from '../../src/reports/evaluation/model.js';

// Constructed evaluation data: a form of four-point items and responses built from counts.

export const scaleItem = (code: string, text: Record<string, string> = { sq: `Pyetja ${code}`, en: `Question ${code}` }): FormItem => ({
  code,
  kind: 'scale',
  points: ['1', '2', '3', '4'],
  notApplicable: true,
  text,
  pointLabels: { en: ['not at all', 'a little', 'quite', 'very much'] },
});

export const choiceItem = (code: string, options: string[], multiple = false): FormItem => ({ code, kind: 'choice', multiple, options, text: { en: `Choose ${code}` }, optionLabels: {} });

export const textItem = (code: string): FormItem => ({ code, kind: 'text', text: { en: `Tell us ${code}` } });

export const form = (items: FormItem[]): EvaluationForm => ({ id: 'surveys/event-evaluation', version: 1, title: { sq: 'Vlerësimi', en: 'Evaluation' }, items, anonymous: true });

/** What each of a number of respondents answered to one item: point codes, "na", "skipped" (asked, no answer) or "absent" (no entry at all). */
export type Tally = Partial<Record<'1' | '2' | '3' | '4' | 'na' | 'skipped' | 'absent', number>>;

const answerOf = (key: keyof Tally): ReportAnswer | undefined =>
  key === 'na' ? { kind: 'na' } : key === 'skipped' ? { kind: 'skipped' } : key === 'absent' ? undefined : { kind: 'choice', code: key };

/** The answers to one item, one per respondent, in the order of the tally's keys. */
export function answers(tally: Tally): (ReportAnswer | undefined)[] {
  return Object.entries(tally).flatMap(([key, count]) => Array.from({ length: count ?? 0 }, () => answerOf(key as keyof Tally)));
}

/**
 * Responses whose answers to each item follow the tallies: respondent i gets the i-th
 * answer of every item. All tallies should count the same respondents.
 */
export function responsesFrom(tallies: Record<string, Tally>, extra: Partial<ReportResponse> = {}): ReportResponse[] {
  const columns = Object.entries(tallies).map(([code, tally]) => [code, answers(tally)] as const);
  const people = Math.max(0, ...columns.map(([, list]) => list.length));
  return Array.from({ length: people }, (_, index) => ({
    source: 'chat' as const,
    answers: Object.fromEntries(columns.flatMap(([code, list]) => (list[index] === undefined ? [] : [[code, list[index]]]))),
    ...extra,
  }));
}
