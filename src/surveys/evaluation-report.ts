import { computeEvaluation } from '../reports/evaluation/compute.js';
import { INVITE_REGIONS, ORG_TYPES } from '../shared/organisations.js';
import type { Agreement, EvaluationForm, EvaluationReport, OpenItemCoding, PreviousEdition, ProfileSection, ReportResponse } from '../reports/evaluation/model.js';
import type { FormWording, ResponseStatus, SurveyRun, SurveyStore } from './model.js';
import type { SurveyCoding } from './coding/coding.js';
import { reportResponseOf } from './report-response.js';

/**
 * What an evaluation report is about: an event (its latest run of the form, its
 * checked-in participants and profile), one run, or answers read from a file.
 */
export type EvaluationSubject =
  | { kind: 'event'; id: string; name: Readonly<Record<string, string>>; checkedIn: number; profile: ProfileSection | null }
  | { kind: 'run'; run: SurveyRun }
  | { kind: 'file'; name: string; responses: readonly ReportResponse[] };

/** The coders' work on a run's open answers: theme counts, quotes, agreement between two coders, and the codebook's theme labels. */
export type CodingOf = (
  runIds: readonly string[],
  form: EvaluationForm,
) => Promise<{ open: readonly OpenItemCoding[]; agreement: Agreement | null; labels: Readonly<Record<string, Readonly<Record<string, string>>>> }>;

/** The report, and the labels of the themes its open answers were coded with (by theme code, then language). */
export interface EvaluationReportOf {
  report: EvaluationReport;
  themes: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** How the questions were worded when its runs asked them (the newest run's); null when no run kept it. */
  wording: FormWording | null;
}

export interface EvaluationReportInput {
  form: EvaluationForm;
  subject: EvaluationSubject;
  /** Overrides the checked-in count as the response rate's denominator (`--participants`). */
  participants?: number | null;
  previous?: PreviousEdition | null;
}

/**
 * Every response that holds answers counts: completed ones and those left unfinished
 * (their answers are kept: an item answered is an answer). One still in progress is
 * left out until it ends, so that a report does not change under a respondent's hands.
 */
const COUNTED: readonly ResponseStatus[] = ['completed', 'abandoned'];

export async function evaluationReport(deps: { store: Pick<SurveyStore, 'scopedRuns' | 'responses'>; coding?: CodingOf }, input: EvaluationReportInput): Promise<EvaluationReportOf> {
  const { form, subject } = input;
  // An event's every run of the form: answers in the chat and on paper may have gone to different runs.
  const runs = subject.kind === 'run' ? [subject.run] : subject.kind === 'event' ? await deps.store.scopedRuns(form.id, subject.id) : [];
  const stored = (await Promise.all(runs.flatMap((run) => COUNTED.map((status) => deps.store.responses(run.id, status))))).flat();
  const responses = subject.kind === 'file' ? subject.responses : stored.filter((response) => Object.keys(response.answers).length > 0).map((response) => reportResponseOf(response));
  const coding =
    runs.length > 0 && deps.coding
      ? await deps.coding(
          runs.map((run) => run.id),
          form,
        )
      : { open: [], agreement: null, labels: {} };
  const checkedIn = subject.kind === 'event' ? subject.checkedIn : null;
  const wording = askedWording(runs);
  const report = computeEvaluation({
    form,
    responses,
    scope: subject.kind === 'event' ? { kind: 'event', id: subject.id, name: subject.name } : subject.kind === 'run' ? { kind: 'run', id: subject.run.id } : { kind: 'file', id: subject.name },
    participants: input.participants ?? checkedIn,
    previous: input.previous ?? null,
    coding: coding.open,
    agreement: coding.agreement,
    profile: subject.kind === 'event' ? subject.profile : null,
    wording,
    // Groups in registration's order, as the participant profile lists them.
    groupOrder: { orgType: ORG_TYPES, region: INVITE_REGIONS },
  });
  return { report, themes: coding.labels, wording };
}

/** The wording the newest of the runs (oldest first, as scopedRuns gives them) kept: what an event asked, chat or paper, as its latest run put it. */
const askedWording = (runs: readonly SurveyRun[]): FormWording | null => runs.findLast((run) => run.wording !== null)?.wording ?? null;

/** The coding of open answers as the report reads it: the run's answers, against the form's (or the event's) codebook. */
export const codingForReports =
  (coding: Pick<SurveyCoding, 'summary'>): CodingOf =>
  (runIds, form) =>
    coding.summary({ formId: form.id, runIds });
