import type { FlowState } from '../../flows/state.js';
import type { EvaluationForm } from '../../reports/evaluation/model.js';
import type { Clock } from '../../shared/clock.js';
import type { Expectation, RowProblem } from '../../shared/expectation.js';
import { newId } from '../../shared/ids.js';
import type { TableFile } from '../../shared/table-file.js';
import { RUN_NOT_SENT, type SurveyResponse, type SurveyRun, type SurveyStore } from '../model.js';
import { formWording } from '../form.js';
import { expecting } from './expected.js';
import { type PaperResponse, RESPONDENT_COLUMN, readPaperFile } from './responses-file.js';

/** Which run the answers go to: a run by id, or the evaluation run of an event (made when it has none). */
export type PaperTarget = { run: string } | { event: string };

export interface PaperImportInput {
  form: EvaluationForm;
  /** The language the paper forms were printed in. */
  language: string;
  file: TableFile;
  target: PaperTarget;
  /** Store the valid rows and report the others, instead of storing nothing. */
  skipInvalid?: boolean;
}

export type PaperImport =
  | { kind: 'no_run'; run: string }
  /** The run collects another form, or another version of it. */
  | { kind: 'other_form'; run: SurveyRun }
  | { kind: 'unreadable'; problem: Expectation }
  | { kind: 'invalid'; problems: RowProblem[]; skippedEmpty: number }
  /** Another import stored some of these respondent ids first: nothing stored. */
  | { kind: 'conflict' }
  | { kind: 'imported'; run: SurveyRun; runCreated: boolean; imported: number; skipped: RowProblem[]; skippedEmpty: number };

/** The engine's record of a finished paper form: every answer given, no end reached in a chat. */
function paperState(form: EvaluationForm, response: PaperResponse, at: Date): FlowState {
  const path = form.items.map((item) => item.code).filter((code) => response.answers[code] !== undefined);
  const stamp = at.toISOString();
  return {
    flowId: form.id,
    flowVersion: form.version,
    status: 'ended',
    current: null,
    path,
    answers: response.answers,
    selection: [],
    outcome: null,
    urgent: false,
    startedAt: stamp,
    updatedAt: stamp,
  };
}

/**
 * Importing paper forms into a run: every cell checked first; any problem and nothing is
 * stored, every problem listed (unless `skipInvalid`: the valid rows are stored and the
 * others listed; a broken header still stores nothing). A respondent id is taken once
 * per run: one imported before is a problem of its row. The rows, and the event's run
 * when it is made for them, are stored in one transaction.
 */
export async function importPaper(deps: { store: SurveyStore; clock: Clock }, input: PaperImportInput): Promise<PaperImport> {
  const { store, clock } = deps;
  const { form } = input;
  const now = clock.now();
  let run: SurveyRun | undefined;
  let runCreated = false;
  if ('run' in input.target) {
    run = await store.run(input.target.run);
    if (!run) return { kind: 'no_run', run: input.target.run };
  } else {
    run = await store.scopedRun(form.id, input.target.event);
    if (!run) {
      run = {
        id: newId(),
        flowId: form.id,
        flowVersion: form.version,
        kind: 'event',
        scope: input.target.event,
        standing: null,
        opensAt: null,
        closesAt: null,
        createdAt: now,
        // Answered on paper: no link, nothing sent in the chat, no reminder.
        ...RUN_NOT_SENT,
        wording: formWording(form),
      };
      runCreated = true;
    }
  }
  if (run.flowId !== form.id || run.flowVersion !== form.version) return { kind: 'other_form', run };

  const read = await readPaperFile(form, input.file);
  if ('problem' in read) return { kind: 'unreadable', problem: read.problem };
  const refs = read.responses.flatMap((response) => response.respondent ?? []);
  const taken = new Set(runCreated ? [] : await store.paperRefsTaken(run.id, refs));
  const problems = [...read.problems];
  const valid: PaperResponse[] = [];
  for (const response of read.responses) {
    if (response.respondent !== null && taken.has(response.respondent))
      problems.push({ row: response.row, column: RESPONDENT_COLUMN, value: response.respondent, expected: expecting('respondent_new') });
    else valid.push(response);
  }
  problems.sort((a, b) => a.row - b.row);
  const headerBroken = problems.some((problem) => problem.row === 1);
  if (problems.length > 0 && (headerBroken || !input.skipInvalid)) return { kind: 'invalid', problems, skippedEmpty: read.skippedEmpty };

  const rows: SurveyResponse[] = valid.map((response) => ({
    id: newId(),
    runId: run.id,
    respondentKey: null,
    flowId: form.id,
    flowVersion: form.version,
    language: input.language,
    state: paperState(form, response, now),
    status: 'completed',
    answers: response.answers,
    outcome: null,
    source: 'paper',
    paperRef: response.respondent,
    asked: response.asked,
    profile: response.profile,
    startedAt: now,
    updatedAt: now,
    completedAt: now,
  }));
  if (rows.length > 0 && !(await store.addPaperResponses(rows, runCreated ? run : undefined))) return { kind: 'conflict' };
  return { kind: 'imported', run, runCreated: runCreated && rows.length > 0, imported: rows.length, skipped: problems, skippedEmpty: read.skippedEmpty };
}
