import { CALLBACK_DATA_LIMIT, encodeInput } from '../flows/buttons.js';
import type { FlowCatalog } from '../flows/catalog.js';
import { buttonsOf } from '../flows/checks.js';
import type { Clock } from '../shared/clock.js';
import { type FormWording, type SurveyRun, takesAnswersAt } from './model.js';
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

export type Opened = { kind: 'opened'; run: SurveyRun; eventName: string | null } | { kind: 'invalid'; problems: string[] };

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
  /** Closes at once: responses in progress are left unfinished with their answers kept. */
  close(id: string): Promise<Closing>;
}

/** Why a form cannot be run in the chat, if it cannot: not a survey, or a button too long to carry the run's code. */
function formProblems(catalog: FlowCatalog, flowId: string): string[] {
  const compiled = catalog.get(flowId);
  if (!compiled) return [`--form "${flowId}" is no loaded flow; \`ura flows list\` shows them`];
  if (compiled.flow.kind !== 'survey') return [`--form "${flowId}" is a ${compiled.flow.kind} flow, not a survey`];
  const room = CALLBACK_DATA_LIMIT - RUN_BUTTON_PREFIX_BYTES;
  const tooLong = compiled.flow.steps.flatMap((step) => buttonsOf(step).map(({ input }) => encodeInput(input))).filter((data) => Buffer.byteLength(data) > room);
  return tooLong.map((data) => `the form's button "${data}" is longer than the ${room} bytes a run's button leaves for it; shorten its step id or code`);
}

export function createSurveyRuns(deps: {
  surveys: Pick<Surveys, 'openRun'>;
  store: SurveyRunStore;
  catalog: FlowCatalog;
  attendees: SurveyAttendees;
  clock: Clock;
  /** The form's wording today, kept with the run (see formWordings). */
  wordingOf: (flowId: string) => FormWording | null;
}): SurveyRuns {
  const { surveys, store, catalog, attendees, clock } = deps;
  return {
    async open(input) {
      const now = clock.now();
      const problems = formProblems(catalog, input.flowId);
      const event = input.event === undefined ? undefined : await attendees.event(input.event);
      if (input.event !== undefined && !event) problems.push(`--event "${input.event}": no event has that id or join code`);
      if (input.closesAt && input.closesAt <= now) problems.push(`--closes ${input.closesAt.toISOString()} has passed already`);
      const sendAt = event?.evaluation?.at ?? null;
      if (input.closesAt && sendAt && input.closesAt <= sendAt) problems.push(`--closes ${input.closesAt.toISOString()} comes before the evaluation slot (${sendAt.toISOString()})`);
      const remindAfter = input.remindAfter === undefined ? (event ? DEFAULT_REMIND_AFTER_MINUTES : null) : input.remindAfter;
      if (remindAfter !== null && (!Number.isInteger(remindAfter) || remindAfter < 1 || remindAfter > MAX_REMIND_AFTER_MINUTES))
        problems.push(`the reminder must come 1 to ${MAX_REMIND_AFTER_MINUTES} whole minutes after sending, not ${remindAfter}`);
      if (remindAfter !== null && !event) problems.push('a reminder goes only to the participants of an event: give --event, or no reminder');
      if (problems.length > 0) return { kind: 'invalid', problems };
      const run = await surveys.openRun({
        flowId: input.flowId,
        kind: event ? 'event' : 'standalone',
        scope: event?.id ?? null,
        closesAt: input.closesAt ?? null,
        code: newRunCode(),
        sendAt,
        remindAfter,
        wording: deps.wordingOf(input.flowId),
      });
      return { kind: 'opened', run, eventName: event ? event.name(event.languages[0] ?? 'sq') : null };
    },

    async list(ref) {
      const event = ref === undefined ? undefined : await attendees.event(ref);
      if (ref !== undefined && !event) return undefined;
      const now = clock.now();
      const runs = await store.runs(event?.id);
      return Promise.all(runs.map(async (run) => ({ run, open: takesAnswersAt(run, now) || (run.opensAt !== null && run.opensAt > now), counts: await store.counts(run.id) })));
    },

    get: (id) => store.run(id),

    async close(id) {
      const run = await store.run(id);
      if (!run) return 'not_found';
      return (await store.close(run.id, clock.now())) ? 'closed' : 'already_closed';
    },
  };
}
