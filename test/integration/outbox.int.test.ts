import { beforeEach, describe, expect, it } from 'vitest';
import type { OutboxRow } from '../../src/delivery/model.js';
import { createOutbox, type Delivery, type OutboxDeps } from '../../src/delivery/outbox.js';
import { createIdentityProtector } from '../../src/shared/crypto.js';
import { createLogger } from '../../src/shared/logger.js';
import { createMessageLogRepository } from '../../src/storage/helpline-repositories.js';
import { createOutboxRepository } from '../../src/storage/outbox-repository.js';
import { fakeClock, type FakeClock } from '../support/clock.js';
import { testConfig } from '../support/config.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';

const identity = createIdentityProtector(testConfig().secrets);

describe.each(PROVIDERS_UNDER_TEST)('the outbox on $name', ({ open, skip }) => {
  const test = suiteDatabase({ open, skip });
  beforeEach(async () => {
    if (!skip) await test.db.prisma.outboxMessage.deleteMany();
  });

  /**
   * An outbox whose Telegram answers from a script, one answer per call (or per text,
   * for calls made at once), then "ok"; an area's rules for the purpose `case`, as the
   * helpline's: recipients who left are not reached, blocks are reported, what reached
   * a recipient is logged.
   */
  function setUp(
    script: Delivery[] = [],
    byText: Record<string, Delivery[]> = {},
    sent: { method: string; chat: unknown; text: unknown; at?: number }[] = [],
    options: Pick<OutboxDeps, 'limits' | 'pace'> & { clock?: FakeClock } = {},
  ) {
    const clock = options.clock ?? fakeClock('2026-06-01T09:00:00Z');
    const blocked: OutboxRow[] = [];
    const gone = new Set<string>();
    const log = createMessageLogRepository(test.db.prisma, test.db.sql);
    const outbox = createOutbox({
      store: createOutboxRepository(test.db.prisma, test.db.sql),
      identity,
      clock,
      logger: createLogger('silent'),
      ...options,
      call: async (method, payload) => {
        const answer = byText[String(payload.text)]?.shift() ?? script.shift() ?? { ok: true, messageId: 500 + sent.length };
        if (answer.ok) sent.push({ method, chat: payload.chat_id, text: payload.text, at: clock.now().getTime() });
        return answer;
      },
    });
    outbox.register({
      area: 'helpline',
      purposes: { case: 'urgent' },
      onBlocked: async (row) => void blocked.push(row),
      mayReach: async (row) => !gone.has(row.recipientId ?? ''),
      onSent: (row, messageId, at) => log.record(row.recipientId ?? '', [messageId], at),
    });
    const message = (chatId: number, text: string, extra: { recipientId?: string; topic?: string; purpose?: string } = {}) => ({
      chatId,
      method: 'sendMessage' as const,
      payload: { text },
      dedupeKey: `${chatId}:${text}`,
      purpose: 'case',
      ...extra,
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

  it.skipIf(skip)('keys one Telegram chat apart for each area, so that the rows cannot tell a participant is also a help-seeker; both are delivered', async () => {
    const { outbox, sent, message } = setUp();
    outbox.register({ area: 'events', purposes: { event_poll: 'normal' } });
    await outbox.enqueue([message(7, 'your case', { recipientId: 'contact-1' }), message(7, 'a poll', { recipientId: 'participant-1', purpose: 'event_poll' })]);
    const rows = await test.db.prisma.outboxMessage.findMany({ orderBy: { purpose: 'asc' } });
    expect(rows.map((row) => row.purpose)).toEqual(['case', 'event_poll']);
    const [helpline, events] = rows;
    expect(helpline?.chatKey).toBe(identity.hashId('chat', 7));
    expect(events?.chatKey).not.toBe(helpline?.chatKey);
    expect(events?.chatKey).not.toBe(identity.hashId('chat', 7));
    expect(events?.chatCipher).not.toBe(helpline?.chatCipher);
    expect(outbox.chatKey(7, 'event_poll')).toBe(events?.chatKey);
    expect(await outbox.drain()).toBe(2);
    expect(sent.map((entry) => entry.text).sort()).toEqual(['a poll', 'your case']);
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
    await outbox.enqueue([message(1, 'a1', { recipientId: 'c-1', topic: 'case-1' }), message(1, 'a2', { recipientId: 'c-1', topic: 'case-1' })]);
    await outbox.drain();
    expect(blocked.map((row) => row.topic)).toEqual(['case-1']);
    expect(await test.db.prisma.outboxMessage.findFirstOrThrow({ where: { dedupeKey: '1:a1' } })).toMatchObject({ status: 'failed', error: expect.stringMatching(/^403/) });
    expect(sent.map((entry) => entry.text)).toEqual(['a2']);
  });

  it.skipIf(skip)('never sends a person a message once they left, deletes it, and goes on with the chat', async () => {
    const { outbox, sent, message, gone } = setUp();
    await outbox.enqueue([message(1, 'before', { recipientId: 'c-1', topic: 'case-1' }), message(2, 'to an operator')]);
    gone.add('c-1');
    await outbox.enqueue([message(1, 'after', { recipientId: 'c-2', topic: 'case-2' })]);
    await outbox.drain();
    expect(sent.map((entry) => entry.text).sort()).toEqual(['after', 'to an operator']);
    expect(await test.db.prisma.outboxMessage.count({ where: { recipientId: 'c-1' } })).toBe(0);
  });

  it.skipIf(skip)('logs the ids of messages it delivers to a person, so that a quick exit can delete them', async () => {
    const { outbox, message } = setUp();
    await outbox.enqueue([message(1, 'a1', { recipientId: 'c-9' })]);
    await outbox.drain();
    expect(await createMessageLogRepository(test.db.prisma, test.db.sql).since('c-9', new Date(0))).toEqual([500]);
  });

  /** A pace on the test's clock: waiting for the global limit moves the clock. */
  const paceOn = (clock: FakeClock) => ({ now: () => clock.now().getTime(), sleep: async (ms: number) => clock.advance(ms) });
  /** At most `count` calls in any stretch of `ms`: the (count)th call after each one comes `ms` or more later. */
  const withinRate = (times: number[], count: number, ms: number) => times.slice(count).every((at, index) => at - (times[index] ?? 0) >= ms);

  it.skipIf(skip)('paces a broadcast to 200 chats under Telegram’s 30 messages a second, and loses none', async () => {
    const clock = fakeClock('2026-06-01T09:00:00Z');
    const sent: { method: string; chat: unknown; text: unknown; at?: number }[] = [];
    const { outbox } = setUp([], {}, sent, { clock, pace: paceOn(clock) });
    outbox.register({ area: 'helpline', purposes: { broadcast: 'bulk' } });
    const chats = Array.from({ length: 200 }, (_, index) => 10_000 + index);
    await outbox.enqueue(chats.map((chatId) => ({ chatId, method: 'sendMessage', payload: { text: `news for ${chatId}` }, dedupeKey: `news:${chatId}`, purpose: 'broadcast', topic: 'event-1' })));
    const started = clock.now().getTime();
    expect(await outbox.drain()).toBe(200);
    expect(new Set(sent.map((entry) => entry.chat)).size).toBe(200);
    const times = sent.map((entry) => entry.at ?? 0);
    expect(withinRate(times, 30, 1000)).toBe(true);
    // 30 at once, then 30 a second: the 200th goes in the seventh second.
    expect((times.at(-1) ?? 0) - started).toBeGreaterThanOrEqual(6000);
    expect(await test.db.prisma.outboxMessage.count({ where: { status: 'sent' } })).toBe(200);
  });

  it.skipIf(skip)('keeps each chat’s order under a configured global limit', async () => {
    const clock = fakeClock('2026-06-01T09:00:00Z');
    const sent: { method: string; chat: unknown; text: unknown; at?: number }[] = [];
    const { outbox, message } = setUp([], {}, sent, { clock, pace: paceOn(clock), limits: { global: { count: 5, ms: 1000 } } });
    // Written in rounds, every chat a message per round, as a programme's announcements would be.
    for (let round = 0; round < 6; round++) await outbox.enqueue(Array.from({ length: 8 }, (_, chat) => message(chat + 1, `c${chat + 1}-${round}`)));
    expect(await outbox.drain()).toBe(48);
    expect(
      withinRate(
        sent.map((entry) => entry.at ?? 0),
        5,
        1000,
      ),
    ).toBe(true);
    for (let chat = 1; chat <= 8; chat++) {
      expect(sent.filter((entry) => entry.chat === chat).map((entry) => String(entry.text).split('-')[1])).toEqual(['0', '1', '2', '3', '4', '5']);
    }
  });

  it.skipIf(skip)('sends a group at most 20 messages a minute, in order, holding back only that group', async () => {
    const { clock, outbox, sent, message } = setUp();
    const group = -100_500;
    await outbox.enqueue(Array.from({ length: 25 }, (_, n) => message(group, `g${n}`)));
    await outbox.enqueue([message(7, 'p1'), message(7, 'p2'), message(7, 'p3')]);
    await outbox.drain();
    expect(sent.filter((entry) => entry.chat === group)).toHaveLength(20);
    expect(sent.filter((entry) => entry.chat === 7)).toHaveLength(3);
    clock.advance(59_999);
    await outbox.drain();
    expect(sent.filter((entry) => entry.chat === group)).toHaveLength(20);
    clock.advance(1);
    await outbox.drain();
    expect(sent.filter((entry) => entry.chat === group).map((entry) => entry.text)).toEqual(Array.from({ length: 25 }, (_, n) => `g${n}`));
  });

  it.skipIf(skip)('stops every chat when Telegram answers 429 for many at once, until its retry_after passes', async () => {
    const clock = fakeClock('2026-06-01T09:00:00Z');
    const flood: Delivery = { ok: false, code: 429, description: 'Too Many Requests: retry after 10', retryAfter: 10 };
    const sent: { method: string; chat: unknown; text: unknown; at?: number }[] = [];
    // Three chats served at once, and all three refused: the bot as a whole is over its limit.
    const { outbox, message } = setUp([flood, flood, flood], {}, sent, { clock, pace: paceOn(clock), limits: { global: { count: 3, ms: 1000 } } });
    await outbox.enqueue(Array.from({ length: 10 }, (_, chat) => message(chat + 1, `m${chat + 1}`)));
    expect(await outbox.drain()).toBe(0);
    // A drain meanwhile (a tick, a new message) sends nothing, to no chat.
    clock.advance(9_000);
    expect(await outbox.drain()).toBe(0);
    expect(sent).toEqual([]);
    clock.advance(1_000);
    expect(await outbox.drain()).toBe(10);
    expect(sent.map((entry) => entry.text).sort()).toEqual(Array.from({ length: 10 }, (_, chat) => `m${chat + 1}`).sort());
  });

  it.skipIf(skip)(
    'sends a case card written behind 1,000 announcements among the first messages, and every announcement after it',
    async () => {
      const clock = fakeClock('2026-06-01T09:00:00Z');
      const sent: { method: string; chat: unknown; text: unknown; at?: number }[] = [];
      const { outbox, message } = setUp([], {}, sent, { clock, pace: paceOn(clock) });
      outbox.register({ area: 'helpline', purposes: { broadcast: 'bulk' } });
      const chats = Array.from({ length: 1000 }, (_, index) => 10_000 + index);
      await outbox.enqueue(chats.map((chatId) => message(chatId, `round 1 for ${chatId}`, { purpose: 'broadcast' })));
      clock.advance(1);
      await outbox.enqueue([message(7, 'case card')]);
      expect(await outbox.drain()).toBe(1001);
      // The first drain round serves 30 chats (the global limit's count): the card is among them.
      expect(sent.findIndex((entry) => entry.text === 'case card')).toBeLessThan(30);
      expect(new Set(sent.map((entry) => entry.chat)).size).toBe(1001);
    },
    120_000,
  );

  it.skipIf(skip)('serves chats by turn, each chat in its own order: a chat with a card waiting goes first, its announcement just before the card', async () => {
    const clock = fakeClock('2026-06-01T09:00:00Z');
    const sent: { method: string; chat: unknown; text: unknown; at?: number }[] = [];
    // One message a second: one chat at a time, in the order the outbox chose.
    const { outbox, message } = setUp([], {}, sent, { clock, pace: paceOn(clock), limits: { global: { count: 1, ms: 1000 } } });
    outbox.register({ area: 'helpline', purposes: { broadcast: 'bulk', reminder: 'normal' } });
    await outbox.enqueue([message(1, 'a: round 1', { purpose: 'broadcast' }), message(2, 'b: round 1', { purpose: 'broadcast' }), message(3, 'c: round 1', { purpose: 'broadcast' })]);
    clock.advance(1);
    await outbox.enqueue([message(4, 'd: starts at 10:00', { purpose: 'reminder' }), message(3, 'c: case card')]);
    expect(await outbox.drain()).toBe(5);
    expect(sent.map((entry) => entry.text)).toEqual(['c: round 1', 'c: case card', 'd: starts at 10:00', 'a: round 1', 'b: round 1']);
  });

  it.skipIf(skip)('lets an announcement give way for a minute, and then go before anything written later: no priority starves', async () => {
    const clock = fakeClock('2026-06-01T09:00:00Z');
    const sent: { method: string; chat: unknown; text: unknown; at?: number }[] = [];
    const { outbox, message } = setUp([], {}, sent, { clock, pace: paceOn(clock), limits: { global: { count: 1, ms: 1000 } } });
    outbox.register({ area: 'helpline', purposes: { broadcast: 'bulk' } });
    await outbox.enqueue([message(1, 'round 1', { purpose: 'broadcast' })]);
    clock.advance(59_999);
    await outbox.enqueue([message(2, 'card within the minute')]);
    clock.advance(2);
    await outbox.enqueue([message(3, 'card after the minute')]);
    expect(await outbox.drain()).toBe(3);
    expect(sent.map((entry) => entry.text)).toEqual(['card within the minute', 'round 1', 'card after the minute']);
  });

  it.skipIf(skip)('finds a chat whose message is due behind more than a page of chats whose turn is earlier but whose message must wait', async () => {
    const { clock, outbox, sent, message } = setUp();
    outbox.register({ area: 'helpline', purposes: { broadcast: 'bulk' } });
    await outbox.enqueue(Array.from({ length: 150 }, (_, chat) => message(chat + 1, `card ${chat + 1}`)));
    // Telegram asked each of them to wait (a 429 stored as a later notBefore).
    await test.db.prisma.outboxMessage.updateMany({ data: { notBefore: new Date(clock.now().getTime() + 60_000) } });
    await outbox.enqueue([message(999, 'round 1', { purpose: 'broadcast' })]);
    expect(await outbox.drain()).toBe(1);
    expect(sent.map((entry) => entry.text)).toEqual(['round 1']);
  });

  it.skipIf(skip)('keeps the turn a message was given when written: a process that drains it serves it by that turn', async () => {
    const clock = fakeClock('2026-06-01T09:00:00Z');
    const writer = setUp([], {}, [], { clock });
    writer.outbox.register({ area: 'helpline', purposes: { broadcast: 'bulk' } });
    await writer.outbox.enqueue([writer.message(1, 'round 1', { purpose: 'broadcast' })]);
    clock.advance(1);
    await writer.outbox.enqueue([writer.message(2, 'case card')]);
    // Another process, whose areas are the same: it serves what is stored, by its stored turn.
    const sent: { method: string; chat: unknown; text: unknown; at?: number }[] = [];
    const drainer = setUp([], {}, sent, { clock, pace: paceOn(clock), limits: { global: { count: 1, ms: 1000 } } });
    drainer.outbox.register({ area: 'helpline', purposes: { broadcast: 'bulk' } });
    expect(await drainer.outbox.drain()).toBe(2);
    expect(sent.map((entry) => entry.text)).toEqual(['case card', 'round 1']);
  });

  it.skipIf(skip)('with no way to Telegram, stores what is written and tries none of it; an outbox with one sends it all', async () => {
    const { outbox: sending, sent, message } = setUp();
    const holding = createOutbox({ store: createOutboxRepository(test.db.prisma, test.db.sql), identity, clock: fakeClock('2026-06-01T09:00:00Z'), logger: createLogger('silent') });
    holding.register({ area: 'helpline', purposes: { case: 'urgent' } });
    await holding.enqueue([message(1, 'a1'), message(2, 'b1')]);
    expect(await holding.drain()).toBe(0);
    holding.kick();
    await holding.idle();
    const rows = await test.db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((row) => ({ status: row.status, attempts: row.attempts, leaseUntil: row.leaseUntil, error: row.error }))).toEqual(
      rows.map(() => ({ status: 'pending', attempts: 0, leaseUntil: null, error: null })),
    );
    expect(await sending.drain()).toBe(2);
    // Two chats are served side by side: which call comes first is not an order anyone keeps.
    expect(sent.map((entry) => entry.text).sort()).toEqual(['a1', 'b1']);
  });

  it.skipIf(skip)('sends another area’s purpose (a reminder) with no case and no contact, under that area’s rules only', async () => {
    const { outbox, sent, blocked, message } = setUp([], { 'starts at 10:00 (31)': [{ ok: false, code: 403, description: 'Forbidden: bot was blocked by the user' }] });
    const refused: OutboxRow[] = [];
    outbox.register({ area: 'helpline', purposes: { reminder: 'normal' }, onBlocked: async (row) => void refused.push(row) });
    await outbox.enqueue([message(31, 'starts at 10:00 (31)', { purpose: 'reminder' }), message(32, 'starts at 10:00 (32)', { purpose: 'reminder' })]);
    await outbox.drain();
    expect(sent.map((entry) => entry.chat)).toEqual([32]);
    expect(refused.map((row) => row.purpose)).toEqual(['reminder']);
    expect(blocked).toEqual([]);
    expect(await test.db.prisma.outboxMessage.findFirstOrThrow({ where: { status: 'sent' } })).toMatchObject({ purpose: 'reminder', topic: null, recipientId: null });
  });

  it.skipIf(skip)('writes no purpose no area registered, and never sends one without its area’s checks', async () => {
    const { outbox, message } = setUp();
    expect(() => outbox.prepare([message(1, 'a1', { purpose: 'survey' })])).toThrow(/survey/);
    expect(() => outbox.register({ area: 'helpline', purposes: { case: 'normal' } })).toThrow(/twice/);
    // Stored by a process whose areas include surveys; drained by one that has none.
    const other = setUp();
    other.outbox.register({ area: 'helpline', purposes: { survey: 'normal' } });
    await other.outbox.enqueue([message(1, 'a1', { purpose: 'survey' }), message(1, 'a2')]);
    const { outbox: drainer, sent } = setUp();
    await drainer.drain();
    expect(sent.map((entry) => entry.text)).toEqual(['a2']);
    expect(await test.db.prisma.outboxMessage.findFirstOrThrow({ where: { purpose: 'survey' } })).toMatchObject({ status: 'failed' });
  });
});
