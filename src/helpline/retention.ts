import type { Clock } from '../shared/clock.js';
import { DELETABLE_FOR_MS } from './message-log.js';

export interface RetentionResult {
  /** Conversations deleted, having been counted. */
  conversations: number;
  /** Contacts left with nothing, deleted. */
  contacts: number;
  /** Message ids too old to delete from Telegram any more. */
  messages: number;
  /** Chat sessions unchanged for the whole retention period. */
  sessions: number;
  /** Messages of cases closed for the whole retention period. */
  transcripts: number;
  /** Outbox messages delivered or given up more than 48 hours ago. */
  deliveries: number;
}

export interface RetentionStore {
  /**
   * In one transaction: adds every conversation last touched before `cutoff` that
   * never reached a person to the anonymous counts, deletes it, deletes contacts
   * left with nothing and sessions idle since `cutoff`, and forgets message ids
   * older than `messagesBefore`.
   */
  purge(cutoff: Date, messagesBefore: Date): Promise<RetentionResult>;
}

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Deletes what Ura no longer needs, keeping only anonymous counts. Idempotent. */
export function createRetention(deps: { store: RetentionStore; clock: Clock; days: number }) {
  return {
    run(): Promise<RetentionResult> {
      const now = deps.clock.now().getTime();
      return deps.store.purge(new Date(now - deps.days * DAY_MS), new Date(now - DELETABLE_FOR_MS));
    },
  };
}
