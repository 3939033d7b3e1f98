import type { FlowConversation } from '../flows/runner.js';
import type { Answer } from '../flows/state.js';

/**
 * What a run collects: feedback on the helpline's service (offered after a case is
 * closed), an event's evaluation, or a survey of its own.
 */
export const SURVEY_KINDS = ['service_feedback', 'event', 'standalone'] as const;
export type SurveyKind = (typeof SURVEY_KINDS)[number];

/** In progress, completed (the flow reached an end), or left unfinished. */
export const RESPONSE_STATUSES = ['active', 'completed', 'abandoned'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];

/** Answered in a chat, or typed in from a paper form. */
export const RESPONSE_SOURCES = ['chat', 'paper'] as const;
export type ResponseSource = (typeof RESPONSE_SOURCES)[number];

/** One collection of answers to one version of a survey flow: what a report reads, by run. */
export interface SurveyRun {
  id: string;
  flowId: string;
  flowVersion: number;
  kind: SurveyKind;
  /** Opaque: what the run is about (an event's id); none for a standing run. */
  scope: string | null;
  /** Names a standing run, found or created on first use (`service_feedback:surveys/service-feedback@1`); none for others. */
  standing: string | null;
  /** When answers are taken: from, and until (exclusive); none means no limit. */
  opensAt: Date | null;
  closesAt: Date | null;
  createdAt: Date;
  /** What its link or QR code (`sv_<code>`) and its buttons carry; none for a standing run. */
  code: string | null;
  /** When its first question goes to the checked-in participants (an event's evaluation slot); `sentAt` once it went. */
  sendAt: Date | null;
  sentAt: Date | null;
  /** Minutes after sending when the one reminder goes to those who have not finished; none: no reminder. */
  remindAfter: number | null;
  remindAt: Date | null;
  remindedAt: Date | null;
  /** When it was closed, by hand or at `closesAt`: responses in progress were left unfinished then. */
  closedAt: Date | null;
  /** Each item's wording as the run asked it, so that a later edition can tell a reworded question; none when not kept (a standing run). */
  wording: FormWording | null;
}

/** A form's questions as worded when asked: item code, then language, then text. */
export type FormWording = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Who answered, as far as a form that is not anonymous keeps it: a type of organisation and a region, never a name. */
export interface RespondentProfile {
  orgType: string | null;
  region: string | null;
}

/** A run's delivery fields before anything was sent, reminded or closed: a standing run's, a paper run's, a run's as it opens. */
export const RUN_NOT_SENT = { code: null, sendAt: null, sentAt: null, remindAfter: null, remindAt: null, remindedAt: null, closedAt: null } as const;

/** Whether a run takes answers at `now`: not closed, and within its dates. */
export const takesAnswersAt = (run: SurveyRun, now: Date): boolean => run.closedAt === null && (run.opensAt === null || run.opensAt <= now) && (run.closesAt === null || now < run.closesAt);

/**
 * One respondent's answers on a run. It names no person: `respondentKey` is a keyed hash
 * of the subject (a contact, a participant) scoped to the run, kept only while the
 * response is in progress, so that the respondent can continue it (and /delete can find
 * it). Once completed or abandoned the key is removed: nothing leads from the answers
 * back to whoever gave them, so they outlive the helpline's retention and /delete.
 */
export interface SurveyResponse extends FlowConversation {
  runId: string;
  respondentKey: string | null;
  status: ResponseStatus;
  /** The flow's counted answers by step id: codes that pool across languages. */
  answers: Record<string, Answer>;
  /** The outcome of the end reached, once completed. */
  outcome: string | null;
  source: ResponseSource;
  /** A paper form's respondent id as written on it (paper only, optional): a run takes each once. */
  paperRef: string | null;
  /** The item codes the respondent was asked (a paper form may carry fewer); null: all of the form's. */
  asked: string[] | null;
  completedAt: Date | null;
  /** The respondent's type of organisation and region, on a form that is not anonymous; null on an anonymous one. */
  profile: RespondentProfile | null;
}

export interface SurveyStore {
  /** The standing run of that name, if it was made. */
  standingRun(standing: string): Promise<SurveyRun | undefined>;
  /** False when a standing run of the same name exists already (made by another process first). */
  createRun(run: SurveyRun): Promise<boolean>;
  run(id: string): Promise<SurveyRun | undefined>;
  /** The respondent's response in progress on a run. */
  inProgress(runId: string, respondentKey: string): Promise<SurveyResponse | undefined>;
  /** The runs, among pairs of run and respondent key, on which that key has a response in progress: one read for them all. */
  runsInProgress(keys: readonly { runId: string; respondentKey: string }[]): Promise<Set<string>>;
  createResponse(response: SurveyResponse): Promise<void>;
  saveResponse(response: SurveyResponse): Promise<void>;
  /** A run's responses with a status (completed by default), oldest first: what reports read. */
  responses(runId: string, status?: ResponseStatus): Promise<SurveyResponse[]>;
  /** The latest run of a flow about `scope` (an event's id), whatever its version. */
  scopedRun(flowId: string, scope: string): Promise<SurveyRun | undefined>;
  /** Every run of a flow about `scope`, oldest first: an event's evaluation may have a chat run and a paper run. */
  scopedRuns(flowId: string, scope: string): Promise<SurveyRun[]>;
  /** Which of these paper respondent ids a run holds already. */
  paperRefsTaken(runId: string, refs: readonly string[]): Promise<string[]>;
  /**
   * Stores paper responses in one transaction, with their run when it is new; false, and
   * nothing stored, when a respondent id is already on the run (another import got there first).
   */
  addPaperResponses(responses: readonly SurveyResponse[], newRun?: SurveyRun): Promise<boolean>;
}
