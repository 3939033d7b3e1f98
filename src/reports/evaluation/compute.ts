import { percent } from '../percent.js';
import type { SuppressionOptions } from '../suppression.js';
import { breakdowns, type GroupOrder } from './breakdowns.js';
import { choiceItemReport, openItemReport, scaleItemReport } from './items.js';
import type { Agreement, EvaluationForm, EvaluationReport, OpenItemCoding, PreviousEdition, ProfileSection, ReportResponse } from './model.js';
import { compareItem } from './previous.js';

/**
 * The evaluation report computed from the responses: pure, the same numbers for every
 * output. A report on no responses is still a report: its counts are 0 and every share
 * and mean is null (nothing divided by zero).
 */

export interface EvaluationInput {
  form: EvaluationForm;
  responses: readonly ReportResponse[];
  scope: EvaluationReport['scope'];
  /** Who could have answered (the checked-in participants, or a number given): the response rate's denominator. */
  participants?: number | null;
  previous?: PreviousEdition | null;
  /** Theme counts and quotes per open item, from the coding of open answers. */
  coding?: readonly OpenItemCoding[];
  agreement?: Agreement | null;
  /** The event's participant profile, for an event's report. */
  profile?: ProfileSection | null;
  /** How the items were worded when asked, by code and language, where a run kept it; otherwise the form's wording is taken. */
  wording?: Readonly<Record<string, Readonly<Record<string, string>>>> | null;
  /** Small-count suppression of the breakdowns, and the order of their groups. */
  suppression?: SuppressionOptions;
  groupOrder?: GroupOrder;
}

export function computeEvaluation(input: EvaluationInput): EvaluationReport {
  const { form, responses, previous = null } = input;
  const participants = input.participants ?? null;
  // The edges parse what people type; a count that is no count here is a caller's mistake, not a rate to print.
  if (participants !== null && !(Number.isInteger(participants) && participants >= 0)) throw new RangeError(`participants must be a whole number of people, not ${participants}`);
  const items = form.items.flatMap((item) => {
    if (item.kind !== 'scale') return [];
    const report = scaleItemReport(item, responses);
    return [{ ...report, previous: previous === null ? null : compareItem(report, input.wording?.[item.code] ?? item.text, previous) }];
  });
  return {
    form: { id: form.id, version: form.version },
    scope: input.scope,
    responses: responses.length,
    bySource: { chat: responses.filter((response) => response.source === 'chat').length, paper: responses.filter((response) => response.source === 'paper').length },
    participants,
    responseRate: participants === null ? null : percent(responses.length, participants),
    items,
    choices: form.items.flatMap((item) => (item.kind === 'choice' ? [choiceItemReport(item, responses)] : [])),
    open: form.items.flatMap((item) => (item.kind === 'text' ? [openItemReport(item, responses, input.coding ?? [])] : [])),
    breakdowns: breakdowns(form, responses, { ...input.suppression, order: input.groupOrder }),
    profile: input.profile ?? null,
    agreement: input.agreement ?? null,
    previous: previous === null ? null : { kind: previous.kind, id: previous.id },
  };
}
