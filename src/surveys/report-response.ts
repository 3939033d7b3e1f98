import type { Answer } from '../flows/state.js';
import type { ReportAnswer, ReportResponse } from '../reports/evaluation/model.js';
import type { SurveyResponse } from './model.js';

/** An answer as a report counts it; numbers and consents are not items of a form (see form.ts). */
export function reportAnswer(answer: Answer): ReportAnswer | undefined {
  switch (answer.kind) {
    case 'number':
    case 'consent':
      return undefined;
    default:
      return answer;
  }
}

export const reportAnswers = (answers: Readonly<Record<string, Answer>>): Record<string, ReportAnswer> =>
  Object.fromEntries(
    Object.entries(answers).flatMap(([code, answer]) => {
      const counted = reportAnswer(answer);
      return counted ? [[code, counted]] : [];
    }),
  );

/** A stored response, from chat or paper, as a report reads it: the same answers, its source, the items asked, and who answered where the form keeps it. */
export const reportResponseOf = (response: Pick<SurveyResponse, 'source' | 'answers' | 'asked' | 'profile'>): ReportResponse => ({
  source: response.source,
  answers: reportAnswers(response.answers),
  ...(response.asked ? { asked: response.asked } : {}),
  ...(response.profile ? { profile: response.profile } : {}),
});
