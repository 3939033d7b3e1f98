import type { DeliveryRules } from '../../delivery/outbox.js';
import type { MessageLog } from '../message-log.js';
import { PURPOSES, type HandoffStore } from './model.js';

/**
 * What the outbox checks and notes for the handoff's messages. A message to a person
 * (its recipient is their contact, its topic their case) is checked again just before
 * it is sent, so that whatever was queued never reaches a person who left; the ids of
 * those that reach them are logged, so that a quick exit deletes them from their chat.
 */
export function handoffDeliveryRules(deps: {
  store: Pick<HandoffStore, 'byId'>;
  messages: Pick<MessageLog, 'record'>;
  /** The person of a case blocked the bot. */
  blocked(caseId: string): Promise<void>;
}): DeliveryRules {
  return {
    purposes: Object.values(PURPOSES),
    mayReach: async (row) => !row.topic || (await deps.store.byId(row.topic))?.leftAt === null,
    onBlocked: async (row) => {
      if (row.topic && row.recipientId) await deps.blocked(row.topic);
    },
    onSent: (row, messageId, at) => (row.recipientId ? deps.messages.record(row.recipientId, [messageId], at) : Promise.resolve()),
  };
}
