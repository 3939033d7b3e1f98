import { Api } from 'grammy';
import { describe, expect, it } from 'vitest';
import { recordingSent } from '../../src/transport/telegram/chat-log.js';

const CHAT = 70_301;

/** An API whose calls Telegram answers with `answer(method)`, logging ids sent to CHAT. */
function apiLogging(answer: (method: string) => unknown) {
  const logged: number[] = [];
  const api = new Api('123:TEST', { apiRoot: 'http://127.0.0.1:9' });
  api.config.use(async (_prev, method) => ({ ok: true, result: answer(method) }) as never);
  api.config.use(recordingSent(CHAT, async (ids) => void logged.push(...ids)));
  return { api, logged };
}

describe("the log of messages Ura puts in a help-seeker's chat", () => {
  it('logs a message, an album and a copy sent to the chat', async () => {
    let next = 500;
    const { api, logged } = apiLogging((method) =>
      method === 'sendMediaGroup' ? [{ message_id: next++ }, { message_id: next++ }] : { message_id: next++, date: 0, chat: { id: CHAT, type: 'private' } },
    );
    await api.sendMessage(CHAT, 'hello');
    await api.sendMediaGroup(CHAT, [
      { type: 'photo', media: 'file-id' },
      { type: 'photo', media: 'file-id-2' },
    ]);
    await api.copyMessage(CHAT, 1, 7);
    expect(logged).toEqual([500, 501, 502, 503]);
  });

  it('logs nothing sent to another chat, nor a call that puts no message in it', async () => {
    const { api, logged } = apiLogging(() => ({ message_id: 9 }));
    await api.sendMessage(CHAT + 1, 'elsewhere');
    await api.deleteMessages(CHAT, [1, 2]);
    await api.editMessageText(CHAT, 3, 'changed');
    expect(logged).toEqual([]);
  });
});
