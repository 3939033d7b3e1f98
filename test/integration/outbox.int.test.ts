import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../src/delivery/model.js';
import { createOutbox, type Delivery } from '../../src/delivery/outbox.js';
import { createIdentityProtector } from '../../src/shared/crypto.js';
import { createLogger } from '../../src/shared/logger.js';
import { createMessageLogRepository } from '../../src/storage/helpline-repositories.js';
import { createOutboxRepository } from '../../src/storage/outbox-repository.js';
import { fakeClock } from '../support/clock.js';
import { testConfig } from '../support/config.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';

const identity = createIdentityProtector(testConfig().secrets);

describe.each(PROVIDERS_UNDER_TEST)('the outbox on $name', ({ open, skip }) => {
  const test = suiteDatabase({ open, skip });
  beforeEach(async () => {
    if (!skip) await test.db.prisma.outboxMessage.deleteMany();
  });

  /** An outbox whose Telegram answers from a script, one answer per call (or per text, for calls made at once), then "ok". */
  function setUp(script: Delivery[] = [], byText: Record<string, Delivery[]> = {}, sent: { method: string; chat: unknown; text: unknown }[] = []) {
    const clock = fakeClock('2026-06-01T09:00:00Z');
    const blocked: OutboxRow[] = [];
    const gone = new Set<string>();
    const outbox = createOutbox({
      store: createOutboxRepository(test.db.prisma),
      identity,
      messages: createMessageLogRepository(test.db.prisma),
      clock,
      logger: createLogger('silent'),
      onBlocked: async (row) => void blocked.push(row),
      mayReach: async (row) => !gone.has(row.contactId ?? ''),
      call: async (method, payload) => {
        const answer = byText[String(payload.text)]?.shift() ?? script.shift() ?? { ok: true, messageId: 500 + sent.length };
        if (answer.ok) sent.push({ method, chat: payload.chat_id, text: payload.text });
        return answer;
      },
    });
    const message = (chatId: number, text: string, extra: { contactId?: string; caseId?: string } = {}) => ({
      chatId, method: 'sendMessage' as const, payload: { text }, dedupeKey: `${chatId}:${text}`, ...extra,
    });
    return { clock, outbox, sent, blocked, message, gone };
  }

  it.skipIf(skip)('sends each chat its messages in order, once, with chat ids sealed at rest', async () => {
    const { outbox, sent, message } = setUp();
    await outbox.enqueue([message(1, 'a1'), message(2, 'b1'), message(1, 'a2'), message(1, 'a3')]);
    await outbox.enqueue([message(1, 'a1')]);
    const rows = await test.db.prisma.outboxMessage.findMany();
    expect(rows).toHaveLength(4);
    expect(JSON.stringify(rows)).not.toMatch(/"chatCipher":"1"/);
    expect(await outbox.drain()).toBe(4);
    expect(sent.filter((entry) => entry.chat === 1).map((entry) => entry.text)).toEqual(['a1', 'a2', 'a3']);
    expect(await outbox.drain()).toBe(0);
  });

  it.skipIf(skip)('stores overlapping batches from two writers at once without losing or doubling a message', async () => {
    const { outbox, message } = setUp();
    const batch = (texts: string[]) => outbox.enqueue(texts.map((text) => message(1, text)));
    await Promise.all([batch(['a1', 'a2', 'a3']), batch(['a2', 'a3', 'a4']), batch(['a1', 'a4', 'a5'])]);
    expect((await test.db.prisma.outboxMessage.findMany()).map((row) => row.dedupeKey).sort()).toEqual(['1:a1', '1:a2', '1:a3', '1:a4', '1:a5']);
  });

  it.skipIf(skip)('sends each message once when two processes drain the same outbox at once, each chat still in order', async () => {
    // Both processes report to one log, in the order Telegram received the messages.
    const sent: { method: string; chat: unknown; text: unknown }[] = [];
    const first = setUp([], {}, sent);
    const second = setUp([], {}, sent);
    const texts = Array.from({ length: 5 }, (_, chat) => Array.from({ length: 10 }, (_, n) => first.message(chat + 1, `c${chat + 1}-${n}`))).flat();
    await first.outbox.enqueue(texts);
    await Promise.all([first.outbox.drain(), second.outbox.drain(), first.outbox.drain(), second.outbox.drain()]);
    expect(sent).toHaveLength(50);
    expect(new Set(sent.map((entry) => entry.text)).size).toBe(50);
    for (let chat = 1; chat <= 5; chat++) {
      const order = sent.filter((entry) => entry.chat === chat).map((entry) => Number(String(entry.text).split('-')[1]));
      expect(order).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
  });

  it.skipIf(skip)('waits as long as Telegram asks after a 429, holding that chat back and not the others', async () => {
    const { clock, outbox, sent, message } = setUp([], { a1: [{ ok: false, code: 429, description: 'Too Many Requests: retry after 7', retryAfter: 7 }] });
    await outbox.enqueue([message(1, 'a1'), message(1, 'a2'), message(2, 'b1')]);
    await outbox.drain();
    expect(sent.map((entry) => entry.text)).toEqual(['b1']);
    clock.advance(6_999);
    await outbox.drain();
    expect(sent.map((entry) => entry.text)).toEqual(['b1']);
    clock.advance(1);
    await outbox.drain();
    expect(sent.map((entry) => entry.text)).toEqual(['b1', 'a1', 'a2']);
  });

  it.skipIf(skip)('retries server errors and lost connections with growing pauses', async () => {
    const { clock, outbox, sent, message } = setUp([
      { ok: false, code: 502, description: 'Bad Gateway' },
      { ok: false, code: 0, description: 'connection refused' },
    ]);
    await outbox.enqueue([message(1, 'a1')]);
    await outbox.drain();
    clock.advance(2_000);
    await outbox.drain();
    expect(sent).toEqual([]);
    clock.advance(3_999);
    await outbox.drain();
    expect(sent).toEqual([]);
    clock.advance(1);
    await outbox.drain();
    expect(sent.map((entry) => entry.text)).toEqual(['a1']);
    expect(await test.db.prisma.outboxMessage.findFirstOrThrow()).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it.skipIf(skip)('gives up on a 403 at once and reports the case, then goes on with the chat', async () => {
    const { outbox, sent, blocked, message } = setUp([{ ok: false, code: 403, description: 'Forbidden: bot was blocked by the user' }]);
    await outbox.enqueue([message(1, 'a1', { contactId: 'c-1', caseId: 'case-1' }), message(1, 'a2', { contactId: 'c-1', caseId: 'case-1' })]);
    await outbox.drain();
    expect(blocked.map((row) => row.caseId)).toEqual(['case-1']);
    expect(await test.db.prisma.outboxMessage.findFirstOrThrow({ where: { dedupeKey: '1:a1' } })).toMatchObject({ status: 'failed', error: expect.stringMatching(/^403/) });
    expect(sent.map((entry) => entry.text)).toEqual(['a2']);
  });

  it.skipIf(skip)('never sends a person a message once they left, deletes it, and goes on with the chat', async () => {
    const { outbox, sent, message, gone } = setUp();
    await outbox.enqueue([message(1, 'before', { contactId: 'c-1', caseId: 'case-1' }), message(2, 'to an operator')]);
    gone.add('c-1');
    await outbox.enqueue([message(1, 'after', { contactId: 'c-2', caseId: 'case-2' })]);
    await outbox.drain();
    expect(sent.map((entry) => entry.text).sort()).toEqual(['after', 'to an operator']);
    expect(await test.db.prisma.outboxMessage.count({ where: { contactId: 'c-1' } })).toBe(0);
  });

  it.skipIf(skip)('logs the ids of messages it delivers to a person, so that a quick exit can delete them', async () => {
    const { outbox, message } = setUp();
    await outbox.enqueue([message(1, 'a1', { contactId: 'c-9' })]);
    await outbox.drain();
    expect(await createMessageLogRepository(test.db.prisma).since('c-9', new Date(0))).toEqual([500]);
  });
});
