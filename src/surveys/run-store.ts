import type { OutboxRow } from '../delivery/model.js';
import type { SurveyRun } from './model.js';

/**
 * Where a respondent stands on a run, by one-way token: the first question was sent to
 * them (`invited`), they answered one (`started`), or they finished (`completed`).
 */
export const TOKEN_STATUSES = ['invited', 'started', 'completed'] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];

/** What organisers see of a run: counts only, never who. */
export interface RunCounts {
  invited: number;
  started: number;
  completed: number;
}

/** Runs' delivery, closing and tokens (src/storage/survey-run-repository.ts). */
export interface SurveyRunStore {
  run(id: string): Promise<SurveyRun | undefined>;
  runByCode(code: string): Promise<SurveyRun | undefined>;
  /** Runs that are not standing, the newest first; of one scope (an event) when given. */
  runs(scope?: string): Promise<SurveyRun[]>;
  /** Runs neither closed nor past their closing time at `now`. */
  openRuns(now: Date): Promise<SurveyRun[]>;
  /** Runs whose first question is due and not yet sent, whose reminder is due and not yet sent, whose closing time came. */
  due(now: Date): Promise<{ sends: SurveyRun[]; reminders: SurveyRun[]; closings: SurveyRun[] }>;
  /**
   * In one transaction, only if the run was not sent yet and is not closed: marks it sent
   * (with its reminder's time), stores the recipients' tokens as invited (a token already
   * stored keeps its status) and queues the messages. False when another tick did it first.
   */
  markSent(change: { runId: string; at: Date; remindAt: Date | null; tokens: readonly string[]; outgoing: readonly OutboxRow[] }): Promise<boolean>;
  /** Likewise for the one reminder. */
  markReminded(change: { runId: string; at: Date; outgoing: readonly OutboxRow[] }): Promise<boolean>;
  /**
   * In one transaction, only if it is not closed: closes the run at `at`, and every response
   * in progress is left unfinished with its answers kept and its key removed. False when closed already.
   */
  close(runId: string, at: Date): Promise<boolean>;
  tokenStatuses(runId: string, tokens: readonly string[]): Promise<Map<string, TokenStatus>>;
  /** The token is at least `status`: never set back (a completed token stays completed). */
  raiseToken(runId: string, token: string, status: Exclude<TokenStatus, 'invited'>): Promise<void>;
  counts(runId: string): Promise<RunCounts>;
}
