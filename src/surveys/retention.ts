import type { Clock } from '../shared/clock.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface SurveyRetentionResult {
  /** Responses left in progress for the helpline's retention period: now abandoned, their key removed. */
  abandoned: number;
  /** Responses deleted after the surveys' own retention period. */
  responses: number;
}

export interface SurveyRetentionStore {
  /**
   * In one transaction: responses in progress untouched since `staleBefore` become
   * abandoned and lose their respondent key; responses of any status untouched since
   * `before` are deleted. Then makes the deleted data unreadable in the database files.
   */
  purge(at: { staleBefore: Date; before: Date }): Promise<SurveyRetentionResult>;
}

/**
 * The surveys' own retention, apart from the helpline's: answers are anonymous once a
 * response ends, so they are kept for `days` (reports compare years). A response still
 * in progress can be linked to its respondent by its key, so it is abandoned (its key
 * removed) after `inProgressDays`, the period after which the helpline forgets a person.
 */
export function createSurveyRetention(deps: { store: SurveyRetentionStore; clock: Clock; days: number; inProgressDays: number }) {
  return {
    run(): Promise<SurveyRetentionResult> {
      const now = deps.clock.now();
      return deps.store.purge({ staleBefore: new Date(now.getTime() - deps.inProgressDays * DAY_MS), before: new Date(now.getTime() - deps.days * DAY_MS) });
    },
  };
}
