import type { Priority } from '../../delivery/model.js';
import type { DeliveryRules } from '../../delivery/outbox.js';
import type { MessageLog } from '../message-log.js';
import { PURPOSES, type HandoffStore } from './model.js';

/**
 * How soon the handoff's messages must go: a case card (someone is waiting for a person,
 * perhaps in danger) and everything about a case (what the operator and the person write
 * to each other, notices, card edits) go before any announcement; a shift notice can wait
 * its turn. (A retired card was written as a card, and keeps the turn it was given then.)
 */
export const HANDOFF_PRIORITIES: Readonly<Record<(typeof PURPOSES)[keyof typeof PURPOSES], Priority>> = {
  [PURPOSES.card]: 'urgent',
  [PURPOSES.case]: 'urgent',
  [PURPOSES.retired]: 'normal',
  [PURPOSES.duty]: 'normal',
};

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
    purposes: HANDOFF_PRIORITIES,
    mayReach: async (row) => !row.topic || (await deps.store.byId(row.topic))?.leftAt === null,
    onBlocked: async (row) => {
      if (row.topic && row.recipientId) await deps.blocked(row.topic);
    },
    onSent: (row, messageId, at) => (row.recipientId ? deps.messages.record(row.recipientId, [messageId], at) : Promise.resolve()),
  };
}
