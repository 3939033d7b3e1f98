import type { Clock } from '../shared/clock.js';
import type { Contact } from './contacts.js';
import type { Handoff } from './handoff/handoff.js';
import type { Helpline } from './helpline.js';
import { DELETABLE_FOR_MS, type MessageLog } from './message-log.js';

/** The person's chat as the transport holds it: which messages are on screen now, and how to delete messages from it. */
export interface ChatToClear {
  /** Messages of this moment the log may not have yet (the /exit command, the message with the pressed button). */
  shown: number[];
  /** Deletes what the messenger still lets the bot delete; failures are the transport's to absorb. */
  clear(messageIds: number[]): Promise<void>;
}

/**
 * The quick exit, in its order: contact ends first (a waiting case leaves the queue, a
 * held one ends its chat, nothing more is queued or sent to the person), so that no
 * message from the team lands after the chat was cleared; then every message of the
 * chat that may still be deleted is; then the log of those messages is forgotten and the
 * conversation ends without an outcome. It says nothing.
 */
export function createQuickExit(deps: { handoff: Pick<Handoff, 'personLeft'>; messages: Pick<MessageLog, 'since' | 'forget'>; helpline: Pick<Helpline, 'abandon'>; clock: Clock }) {
  return async (contact: Contact, chat: ChatToClear): Promise<void> => {
    await deps.handoff.personLeft(contact.id);
    const logged = await deps.messages.since(contact.id, new Date(deps.clock.now().getTime() - DELETABLE_FOR_MS));
    await chat.clear([...new Set([...logged, ...chat.shown])]);
    await deps.messages.forget(contact.id);
    await deps.helpline.abandon(contact);
  };
}

export type QuickExit = ReturnType<typeof createQuickExit>;
