import type { Transformer } from 'grammy';
import { SENDING } from './protect-content.js';

/** The ids of the messages a Bot API answer put in a chat: one message, or several (an album, copies). */
function sentIds(result: unknown): number[] {
  const items: unknown[] = Array.isArray(result) ? result : [result];
  return items.flatMap((item) => (typeof item === 'object' && item !== null && 'message_id' in item && typeof item.message_id === 'number' ? [item.message_id] : []));
}

/**
 * Hands `record` the id of every message Ura puts in one chat, whatever sent it (a
 * screen, the slow-down notice, the apology of the error boundary), so that a quick
 * exit deletes it too. Installed on the API of one update of a help-seeker's chat.
 */
export function recordingSent(chatId: number, record: (messageIds: number[]) => Promise<void>): Transformer {
  return async (prev, method, payload, signal) => {
    const response = await prev(method, payload, signal);
    if (response.ok && SENDING.has(method) && Number(Reflect.get(payload, 'chat_id')) === chatId) {
      const ids = sentIds(response.result);
      if (ids.length > 0) await record(ids);
    }
    return response;
  };
}
