import { CALLBACK_DATA_LIMIT, encodeInput } from '../flows/buttons.js';
import type { FlowCatalog } from '../flows/catalog.js';
import { buttonsOf } from '../flows/checks.js';
import type { Clock } from '../shared/clock.js';
import { evaluationForm, type FormTranslate, formWording } from './form.js';
import { type SurveyRun, takesAnswersAt } from './model.js';
import { newRunCode } from './run-code.js';
import type { SurveyAttendees } from './run-ports.js';
import type { RunCounts, SurveyRunStore } from './run-store.js';
import type { Surveys } from './surveys.js';

/** How long after sending the reminder goes unless the organiser says otherwise. */
export const DEFAULT_REMIND_AFTER_MINUTES = 120;
/** A reminder at most a week after sending. */
export const MAX_REMIND_AFTER_MINUTES = 7 * 24 * 60;
/** What a run's button carries before the flow's answer: `s:` (the prefix), the run's code and `|`. */
export const RUN_BUTTON_PREFIX_BYTES = Buffer.byteLength('s:XXXXXX|');

export interface RunOpening {
  flowId: string;
  /** An event (id or join code): its checked-in participants receive it at the programme's evaluation slot. */
  event?: string;
  closesAt?: Date;
  /** Minutes after sending for the one reminder; null: none. */
  remindAfter?: number | null;
}

/** Why a run cannot be opened as asked: each said by the caller in its own words (the command line's, a page's language). */
export type RunProblem =
  | { code: 'unknown_form'; form: string }
  | { code: 'not_survey'; form: string; kind: string }
  | { code: 'button_too_long'; button: string; room: number }
  | { code: 'unknown_event'; event: string }
  | { code: 'closes_passed'; at: Date }
  | { code: 'closes_before_slot'; at: Date; slot: Date }
  | { code: 'remind_range'; minutes: number; max: number }
  | { code: 'remind_needs_event' };

export type Opened = { kind: 'opened'; run: SurveyRun; eventName: string | null } | { kind: 'invalid'; problems: RunProblem[] };

export interface RunSummary {
  run: SurveyRun;
  open: boolean;
  counts: RunCounts;
}

export type Closing = 'closed' | 'already_closed' | 'not_found';

/** What organisers do with runs (the CLI, and later the web side): open, list with counts only, close. */
export interface SurveyRuns {
  open(input: RunOpening): Promise<Opened>;
  /** Newest first; of one event (id or join code) when given. */
  list(event?: string): Promise<RunSummary[] | undefined>;
  get(id: string): Promise<SurveyRun | undefined>;
  /** One run with its counts, as `list` gives each. */
  summary(id: string): Promise<RunSummary | undefined>;
  /** Closes at once: responses in progress are left unfinished with their answers kept. */
  close(id: string): Promise<Closing>;
}

/** Why a form cannot be run in the chat, if it cannot: not a survey, or a button too long to carry the run's code. */
function formProblems(catalog: FlowCatalog, flowId: string): RunProblem[] {
  const compiled = catalog.get(flowId);
  if (!compiled) return [{ code: 'unknown_form', form: flowId }];
  if (compiled.flow.kind !== 'survey') return [{ code: 'not_survey', form: flowId, kind: compiled.flow.kind }];
  const room = CALLBACK_DATA_LIMIT - RUN_BUTTON_PREFIX_BYTES;
  const tooLong = compiled.flow.steps.flatMap((step) => buttonsOf(step).map(({ input }) => encodeInput(input))).filter((data) => Buffer.byteLength(data) > room);
  return tooLong.map((button) => ({ code: 'button_too_long', button, room }));
}

export function createSurveyRuns(deps: {
  surveys: Pick<Surveys, 'openRun'>;
  store: SurveyRunStore;
  catalog: FlowCatalog;
  attendees: SurveyAttendees;
  clock: Clock;
  /** Ura's texts, for the form's wording today, kept with the run. */
  translate: FormTranslate;
}): SurveyRuns {
  const { surveys, store, catalog, attendees, clock } = deps;
  /** Open: taking answers now, or waiting for its opening. */
  const summaryOf = async (run: SurveyRun, now: Date): Promise<RunSummary> => ({
    run,
    open: takesAnswersAt(run, now) || (run.opensAt !== null && run.opensAt > now),
    counts: await store.counts(run.id),
  });
  return {
    async open(input) {
      const now = clock.now();
      const problems = formProblems(catalog, input.flowId);
      const event = input.event === undefined ? undefined : await attendees.event(input.event);
      if (input.event !== undefined && !event) problems.push({ code: 'unknown_event', event: input.event });
      if (input.closesAt && input.closesAt <= now) problems.push({ code: 'closes_passed', at: input.closesAt });
      const sendAt = event?.evaluation?.at ?? null;
      if (input.closesAt && sendAt && input.closesAt <= sendAt) problems.push({ code: 'closes_before_slot', at: input.closesAt, slot: sendAt });
      const remindAfter = input.remindAfter === undefined ? (event ? DEFAULT_REMIND_AFTER_MINUTES : null) : input.remindAfter;
      if (remindAfter !== null && (!Number.isInteger(remindAfter) || remindAfter < 1 || remindAfter > MAX_REMIND_AFTER_MINUTES))
        problems.push({ code: 'remind_range', minutes: remindAfter, max: MAX_REMIND_AFTER_MINUTES });
      if (remindAfter !== null && !event) problems.push({ code: 'remind_needs_event' });
      const compiled = catalog.get(input.flowId);
      if (problems.length > 0 || !compiled) return { kind: 'invalid', problems };
      const run = await surveys.openRun({
        flowId: input.flowId,
        kind: event ? 'event' : 'standalone',
        scope: event?.id ?? null,
        closesAt: input.closesAt ?? null,
        code: newRunCode(),
        sendAt,
        remindAfter,
        wording: formWording(evaluationForm(compiled, deps.translate)),
      });
      return { kind: 'opened', run, eventName: event ? event.name(event.languages[0] ?? 'sq') : null };
    },

    async list(ref) {
      const event = ref === undefined ? undefined : await attendees.event(ref);
      if (ref !== undefined && !event) return undefined;
      const now = clock.now();
      const runs = await store.runs(event?.id);
      return Promise.all(runs.map((run) => summaryOf(run, now)));
    },

    get: (id) => store.run(id),

    async summary(id) {
      const run = await store.run(id);
      return run && summaryOf(run, clock.now());
    },

    async close(id) {
      const run = await store.run(id);
      if (!run) return 'not_found';
      return (await store.close(run.id, clock.now())) ? 'closed' : 'already_closed';
    },
  };
}
