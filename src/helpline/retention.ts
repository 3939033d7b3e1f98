import type { EVENT_ACTIONS } from './handoff/model.js';
import type { Clock } from '../shared/clock.js';
import { DELETABLE_FOR_MS } from './message-log.js';

export interface RetentionResult {
  /** Conversations deleted; those that never reached a person were counted first. */
  conversations: number;
  /** Contacts left with nothing, deleted. */
  contacts: number;
  /** Message ids too old to delete from Telegram any more. */
  messages: number;
  /** Chat sessions unchanged for the whole retention period. */
  sessions: number;
  /** Open cases without activity for the whole retention period, closed as abandoned. */
  abandoned: number;
  /** Cases forgotten (closed for the whole period, or abandoned): only their anonymous statistics remain. */
  cases: number;
  /** Messages of the cases forgotten. */
  transcripts: number;
  /** Outbox messages delivered or given up more than 48 hours ago, or belonging to a forgotten case. */
  deliveries: number;
}

/**
 * The contact a forgotten case points to: none. Real contact ids are random UUIDs,
 * so no person's contact ever has it, and the case no longer leads back to anyone.
 */
export const FORGOTTEN_CONTACT = 'forgotten';

/** The outcome of an open case that Ura closed because nobody used it for the whole retention period. */
export const ABANDONED = 'abandoned';

/**
 * What keeps an open case alive besides messages: what people did with it. Paging
 * and escalation are Ura's own doing and would keep an abandoned case open forever.
 */
export const CASE_ACTIVITY: readonly (typeof EVENT_ACTIONS)[number][] = ['claimed', 'viewed', 'transferred', 'released', 'ended'];

export interface RetentionStore {
  /**
   * In one transaction: closes as abandoned the open cases with no message and no
   * activity since `cutoff`; forgets those and the cases closed before `cutoff`
   * (their transcript, outbox messages, conversation, summary and link to the
   * contact go; the anonymous statistics stay); counts and deletes conversations
   * last touched before `cutoff` that no remembered case needs; deletes contacts
   * left with nothing and idle since `cutoff`, sessions idle since `cutoff`, and
   * message ids older than `messagesBefore`. Then makes the deleted data unreadable
   * in the database files.
   */
  purge(at: { now: Date; cutoff: Date; messagesBefore: Date }): Promise<RetentionResult>;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes what Ura no longer needs, keeping only anonymous counts. Idempotent. */
export function createRetention(deps: { store: RetentionStore; clock: Clock; days: number }) {
  return {
    run(): Promise<RetentionResult> {
      const now = deps.clock.now();
      return deps.store.purge({ now, cutoff: new Date(now.getTime() - deps.days * DAY_MS), messagesBefore: new Date(now.getTime() - DELETABLE_FOR_MS) });
    },
  };
}
