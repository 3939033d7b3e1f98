import { Api } from 'grammy';
import { describe, expect, it } from 'vitest';
import { claimingFirst, HandledElsewhere, isHandledElsewhere } from '../../src/transport/telegram/claim-first.js';

const CHAT = 70_401;
const UPDATE = 9001;

/** An API answered by `answer`, with claims kept in a set: what happened, in order. */
function claimingApi(answer: (method: string) => { ok: true; result: unknown } | { ok: false; error_code: number; description: string }, claimedBefore = false) {
  const log: string[] = [];
  const claimed = new Set<number>(claimedBefore ? [UPDATE] : []);
  const api = new Api('123:TEST', { apiRoot: 'http://127.0.0.1:9' });
  api.config.use(async (_prev, method) => (log.push(method), answer(method)) as never);
  api.config.use(
    claimingFirst(UPDATE, {
      claim: async (id) => (log.push('claim'), !claimed.has(id) && Boolean(claimed.add(id))),
      release: async (id) => void (log.push('release'), claimed.delete(id)),
    }),
  );
  return { api, log, claimed };
}

const sent = { ok: true as const, result: { message_id: 1, date: 0, chat: { id: CHAT, type: 'private' } } };

describe('recording an update before its first message', () => {
  it('records it once, just before the first message; answering a press, edits and later messages need no record', async () => {
    const { api, log, claimed } = claimingApi(() => sent);
    await api.answerCallbackQuery('q');
    await api.sendMessage(CHAT, 'first');
    await api.editMessageText(CHAT, 1, 'changed');
    await api.sendMessage(CHAT, 'second');
    expect(log).toEqual(['answerCallbackQuery', 'claim', 'sendMessage', 'editMessageText', 'sendMessage']);
    expect(claimed.has(UPDATE)).toBe(true);
  });

  it('says nothing when another try of the update recorded it first', async () => {
    const { api, log } = claimingApi(() => sent, true);
    const refused = api.sendMessage(CHAT, 'first');
    await expect(refused).rejects.toBeInstanceOf(HandledElsewhere);
    await expect(api.sendMessage(CHAT, 'second')).rejects.toBeInstanceOf(HandledElsewhere);
    expect(log).toEqual(['claim']);
    expect(isHandledElsewhere(await refused.catch((error: unknown) => new Error('wrapped', { cause: error })))).toBe(true);
  });

  it('gives the record back when the first message does not go, so the update is handled again', async () => {
    let refuse = true;
    const { api, log, claimed } = claimingApi((method) => (method === 'sendMessage' && refuse ? { ok: false, error_code: 502, description: 'Bad Gateway' } : sent));
    await expect(api.sendMessage(CHAT, 'first')).rejects.toThrow(/Bad Gateway/);
    expect(claimed.has(UPDATE)).toBe(false);
    refuse = false;
    await api.sendMessage(CHAT, 'apology');
    expect(log).toEqual(['claim', 'sendMessage', 'release', 'claim', 'sendMessage']);
    expect(claimed.has(UPDATE)).toBe(true);
  });
});
