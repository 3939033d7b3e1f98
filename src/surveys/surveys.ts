import type { FlowCatalog } from '../flows/catalog.js';
import type { FlowInput } from '../flows/engine.js';
import { createFlowRunner, type FlowRunner, type FlowTurn, type NotApplied } from '../flows/runner.js';
import { countedAnswers } from '../flows/state.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { type FormWording, RUN_NOT_SENT, type RespondentProfile, type SurveyKind, type SurveyResponse, type SurveyRun, type SurveyStore, takesAnswersAt } from './model.js';
import type { RespondentKey } from './respondent.js';
import { keepsProfile } from './profile-notice.js';

/** A survey turn adds nothing to the engine's effects. */
export type SurveyTurn = FlowTurn<SurveyResponse, Record<never, never>>;
/** The run takes no answers now (outside its dates, or its flow changed version since it opened). */
export type Closed = { kind: 'closed' };

/** Answering a run's survey, by subject: whoever the area knows (a contact's id, a participant's id). */
export interface SurveyConversations {
  start(subject: string, language: string): Promise<SurveyTurn | Closed>;
  answer(subject: string, input: FlowInput): Promise<SurveyTurn | NotApplied>;
  typed(subject: string, text: string, options?: { urgent?: boolean }): Promise<SurveyTurn | NotApplied>;
  back(subject: string): Promise<SurveyTurn | NotApplied>;
  current(subject: string): Promise<SurveyTurn | undefined>;
  resumable(subject: string): Promise<SurveyResponse | undefined>;
  /** Leaves the response in progress unfinished: it keeps its answers and loses its key. */
  abandon(subject: string): Promise<void>;
}

export interface Surveys {
  /** Opens a run of a survey flow's current version (an event's evaluation: `scope` is the event). */
  openRun(input: {
    flowId: string;
    kind: SurveyKind;
    scope?: string | null;
    opensAt?: Date | null;
    closesAt?: Date | null;
    code?: string | null;
    sendAt?: Date | null;
    remindAfter?: number | null;
    /** The form's wording as the run asks it (see formWording). */
    wording?: FormWording | null;
  }): Promise<SurveyRun>;
  /**
   * Answering a run. On a form that is not anonymous, a response begun here keeps `profile`
   * (the respondent's type of organisation and region); an anonymous form's keeps none.
   */
  on(run: SurveyRun, profile?: RespondentProfile | null): SurveyConversations;
  /** Whether the run's form is not anonymous: its responses keep the respondent's profile. */
  keepsProfile(run: SurveyRun): boolean;
  /** The runs, of these, on which one of these subjects has a response in progress: one read whatever their number. */
  inProgressOn(runs: readonly SurveyRun[], subjects: readonly string[]): Promise<SurveyRun[]>;
  /** Answering the standing run of a flow's current version, made on the first start. */
  standing(flowId: string, kind: SurveyKind): SurveyConversations;
  /** A run's completed responses, oldest first. */
  responses(runId: string): Promise<SurveyResponse[]>;
}

const NONE = {};

export function createSurveys(deps: { catalog: FlowCatalog; store: SurveyStore; respondentKey: RespondentKey; clock: Clock }): Surveys {
  const { catalog, store, respondentKey, clock } = deps;

  const versionOf = (flowId: string): number => {
    const compiled = catalog.get(flowId);
    if (!compiled) throw new Error(`flow ${flowId} is not loaded`);
    return compiled.flow.version;
  };

  function runnerOf(run: SurveyRun, profile: RespondentProfile | null): FlowRunner<string, SurveyResponse, Record<never, never>> {
    const kept = keepsProfile(catalog, run.flowId) ? profile : null;
    return createFlowRunner({
      catalog,
      clock,
      area: {
        store: {
          active: (subject) => store.inProgress(run.id, respondentKey(run.id, subject)),
          create: (response) => store.createResponse(response),
          save: (response) => store.saveResponse(response),
        },
        begin: (subject, base) => ({
          ...base,
          runId: run.id,
          respondentKey: respondentKey(run.id, subject),
          status: 'active',
          answers: {},
          outcome: null,
          source: 'chat',
          paperRef: null,
          asked: null,
          completedAt: null,
          profile: kept,
        }),
        // A completed response keeps its answers and drops its key: it no longer leads to anyone.
        async settle(_subject, response) {
          const ended = response.state.status === 'ended';
          const answers = Object.fromEntries(countedAnswers(response.state));
          return {
            conversation: {
              ...response,
              answers,
              outcome: response.state.outcome,
              status: ended ? 'completed' : 'active',
              respondentKey: ended ? null : response.respondentKey,
              completedAt: ended ? response.updatedAt : null,
            },
            extra: NONE,
          };
        },
        abandoned: (response, now) => ({ ...response, status: 'abandoned', respondentKey: null, updatedAt: now }),
        quiet: NONE,
      },
    });
  }

  const takesAnswers = (run: SurveyRun, now: Date): boolean => takesAnswersAt(run, now) && catalog.get(run.flowId)?.flow.version === run.flowVersion;

  function on(run: SurveyRun, profile: RespondentProfile | null = null): SurveyConversations {
    const runner = runnerOf(run, profile);
    return {
      start: async (subject, language) => (takesAnswers(run, clock.now()) ? runner.start(subject, run.flowId, language) : { kind: 'closed' }),
      answer: (subject, input) => runner.answer(subject, input),
      typed: (subject, text, options) => runner.typed(subject, text, options),
      back: (subject) => runner.back(subject),
      current: (subject) => runner.current(subject),
      resumable: (subject) => runner.resumable(subject),
      abandon: (subject) => runner.abandon(subject),
    };
  }

  /**
   * The standing run of `flowId`'s current version. Runs never change once made, so each
   * process remembers the ones it found; one not made yet is looked up again next time,
   * as another process may make it. A response left in progress on an earlier version's
   * run is not continued (its buttons read as stale); retention abandons it.
   */
  const known = new Map<string, SurveyConversations>();
  async function standingRun(flowId: string, kind: SurveyKind, make: boolean): Promise<SurveyConversations | undefined> {
    const version = versionOf(flowId);
    const name = `${kind}:${flowId}@${version}`;
    const remembered = known.get(name);
    if (remembered) return remembered;
    let run = await store.standingRun(name);
    if (!run && make) {
      const fresh: SurveyRun = { id: newId(), flowId, flowVersion: version, kind, scope: null, standing: name, opensAt: null, closesAt: null, createdAt: clock.now(), ...RUN_NOT_SENT, wording: null };
      run = (await store.createRun(fresh)) ? fresh : await store.standingRun(name);
    }
    if (!run) return undefined;
    const conversations = on(run);
    known.set(name, conversations);
    return conversations;
  }

  return {
    async openRun({ flowId, kind, scope = null, opensAt = null, closesAt = null, code = null, sendAt = null, remindAfter = null, wording = null }) {
      const run: SurveyRun = {
        id: newId(),
        flowId,
        flowVersion: versionOf(flowId),
        kind,
        scope,
        standing: null,
        opensAt,
        closesAt,
        createdAt: clock.now(),
        ...RUN_NOT_SENT,
        code,
        sendAt,
        remindAfter,
        wording,
      };
      // A code drawn twice (one in 887 million): refused by its unique index, never half-made.
      if (!(await store.createRun(run))) throw new Error(`the run's code ${code} is taken; open it again`);
      return run;
    },
    on,
    keepsProfile: (run) => keepsProfile(catalog, run.flowId),
    async inProgressOn(runs, subjects) {
      const found = await store.runsInProgress(runs.flatMap((run) => subjects.map((subject) => ({ runId: run.id, respondentKey: respondentKey(run.id, subject) }))));
      return runs.filter((run) => found.has(run.id));
    },
    standing(flowId, kind) {
      // Made on the first look-up, not only on the first start: a run not yet made would otherwise be
      // looked up in the database on every turn of every conversation that asks (the helpline asks
      // on each one), and an empty run costs one row.
      const find = () => standingRun(flowId, kind, true);
      return {
        async start(subject, language) {
          const run = await standingRun(flowId, kind, true);
          return run ? run.start(subject, language) : { kind: 'closed' };
        },
        answer: async (subject, input) => (await find())?.answer(subject, input) ?? { kind: 'no_conversation' },
        typed: async (subject, text, options) => (await find())?.typed(subject, text, options) ?? { kind: 'no_conversation' },
        back: async (subject) => (await find())?.back(subject) ?? { kind: 'no_conversation' },
        current: async (subject) => (await find())?.current(subject),
        resumable: async (subject) => (await find())?.resumable(subject),
        abandon: async (subject) => (await find())?.abandon(subject),
      };
    },
    responses: (runId) => store.responses(runId, 'completed'),
  };
}
