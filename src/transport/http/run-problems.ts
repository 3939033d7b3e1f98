import type { Translate } from '../../i18n/index.js';
import type { RunProblem } from '../../surveys/index.js';

/** What a page or the API could not read in a run's request, before the surveys area sees it. */
export type RunRequestProblem = { code: 'closes_unreadable'; value: string } | { code: 'remind_unreadable'; value: string };

/**
 * A run's problem in words (`organiser:runs.problem.<code>`), with its times written by
 * `time` (the page's wall time, or ISO for a script).
 */
export function runProblemWords(problem: RunProblem | RunRequestProblem, t: Translate, time: (at: Date) => string): string {
  const { code, ...values } = problem;
  const said = Object.fromEntries(Object.entries(values).map(([name, value]) => [name, value instanceof Date ? time(value) : String(value)]));
  return t(`runs.problem.${code}`, said);
}
