import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createThrottle, TELEGRAM_LIMITS, type Pace, type Turn } from '../../src/delivery/throttle.js';

/** A pace whose time moves only when the throttle waits, or when the test says so. */
function fakePace() {
  let now = 0;
  const pace: Pace & { advance(ms: number): void } = { now: () => now, sleep: async (ms) => void (now += ms), advance: (ms) => void (now += ms) };
  return pace;
}

describe('the outbox’s throttle', () => {
  it('lets no more than the global count through in any stretch of its window, in the order asked', async () => {
    const pace = fakePace();
    const throttle = createThrottle({ ...TELEGRAM_LIMITS, global: { count: 30, ms: 1000 } }, pace);
    const times: number[] = [];
    const order: number[] = [];
    await Promise.all(
      Array.from({ length: 100 }, async (_, n) => {
        const turn = await throttle.turn();
        expect(turn.go).toBe(true);
        times.push(pace.now());
        if (turn.go) turn.answered();
        order.push(n);
      }),
    );
    expect(order).toEqual(Array.from({ length: 100 }, (_, n) => n));
    expect(times.slice(30).every((at, index) => at - (times[index] ?? 0) >= 1000)).toBe(true);
    expect(times.at(-1)).toBe(3000);
  });

  it('waits for nothing without a global limit', async () => {
    const pace = fakePace();
    const throttle = createThrottle({ ...TELEGRAM_LIMITS, global: null }, pace);
    for (let n = 0; n < 1000; n++) expect((await throttle.turn()).go).toBe(true);
    expect(pace.now()).toBe(0);
  });

  it('keeps a group to 20 messages a minute and leaves private chats to Telegram’s own answers by default', () => {
    const throttle = createThrottle(TELEGRAM_LIMITS, fakePace());
    for (let n = 0; n < 20; n++) {
      expect(throttle.chatReadyAt('group', -100, 1_000 + n)).toBe(1_000 + n);
      throttle.chatTake('group', -100, 1_000 + n);
      throttle.chatTake('person', 42, 1_000 + n);
    }
    expect(throttle.chatReadyAt('group', -100, 1_020)).toBe(61_000);
    expect(throttle.chatReadyAt('group', -100, 61_000)).toBe(61_000);
    expect(throttle.chatReadyAt('person', 42, 1_020)).toBe(1_020);
  });

  it('paces a private chat when told to', () => {
    const throttle = createThrottle({ ...TELEGRAM_LIMITS, privateChat: { count: 1, ms: 1000 } }, fakePace());
    throttle.chatTake('person', 42, 5_000);
    expect(throttle.chatReadyAt('person', 42, 5_001)).toBe(6_000);
    expect(throttle.chatReadyAt('someone else', 43, 5_001)).toBe(5_001);
  });

  it('stops everything only when many chats are refused at once, for as long as Telegram asks', async () => {
    const pace = fakePace();
    const throttle = createThrottle(TELEGRAM_LIMITS, pace);
    expect(throttle.tooMany('a', 5_000)).toBe(false);
    pace.advance(1_000);
    // The first refusal is a second old: it no longer counts; one chat twice is one chat.
    expect(throttle.tooMany('b', 5_000)).toBe(false);
    expect(throttle.tooMany('b', 5_000)).toBe(false);
    expect(throttle.tooMany('c', 5_000)).toBe(false);
    expect(throttle.paused()).toBe(false);
    expect(throttle.tooMany('d', 5_000)).toBe(true);
    expect(throttle.paused()).toBe(true);
    expect(await throttle.turn()).toEqual({ go: false, waitMs: 5_000 });
    pace.advance(5_000);
    expect(throttle.paused()).toBe(false);
    expect((await throttle.turn()).go).toBe(true);
  });

  it('counts a message from its answer: one answered late holds its place until a window after the answer', async () => {
    const pace = fakePace();
    const throttle = createThrottle({ ...TELEGRAM_LIMITS, global: { count: 1, ms: 1000 } }, pace);
    const first = go(await throttle.turn());
    pace.advance(300);
    first.answered();
    go(await throttle.turn());
    expect(pace.now()).toBe(1300);
  });

  it('waits for an answer while every place is held by a call under way, however long it takes', async () => {
    const pace = fakePace();
    const throttle = createThrottle({ ...TELEGRAM_LIMITS, global: { count: 1, ms: 1000 } }, pace);
    const first = go(await throttle.turn());
    let second: Turn | undefined;
    const asked = throttle.turn().then((turn) => (second = turn));
    pace.advance(5_000);
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBeUndefined();
    first.answered();
    await asked;
    expect(pace.now()).toBe(6_000);
  });

  it('never lets more than 30 messages arrive in any second, however long each call takes on its way', async () => {
    // Calls of 0 to 400 ms, each arriving anywhere within its call, 50 asked at once as a
    // drain does, each sender asking again once answered: arrivals counted as Telegram counts them.
    const calls = fc.array(fc.record({ latency: fc.integer({ min: 0, max: 400 }), arrivesAfter: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 31, maxLength: 200 });
    await fc.assert(
      fc.asyncProperty(calls, async (script) => {
        const { pace, at, settle } = eventPace();
        const throttle = createThrottle(TELEGRAM_LIMITS, pace);
        const arrivals: number[] = [];
        const queue = [...script];
        const sender = async () => {
          for (let call = queue.shift(); call; call = queue.shift()) {
            const { latency, arrivesAfter } = call;
            const turn = go(await throttle.turn());
            at(pace.now() + arrivesAfter * latency, () => void arrivals.push(pace.now()));
            await new Promise<void>((answered) => at(pace.now() + latency, answered));
            turn.answered();
          }
        };
        const senders = Promise.all(Array.from({ length: 50 }, sender));
        await settle();
        await senders;
        const sorted = arrivals.sort((a, b) => a - b);
        expect(sorted).toHaveLength(script.length);
        expect(sorted.slice(30).every((time, index) => time - (sorted[index] ?? 0) >= 1000)).toBe(true);
        // Still about 30 a second: each second's 30 wait at most for the slowest answer (400 ms) more.
        expect(sorted.at(-1) ?? 0).toBeLessThanOrEqual(Math.floor((script.length - 1) / 30) * 1400 + 400);
      }),
      { numRuns: 40 },
    );
  });
});

function go(turn: Turn): Extract<Turn, { go: true }> {
  if (!turn.go) throw new Error(`expected a turn to send, got a wait of ${turn.waitMs} ms`);
  return turn;
}

/** A pace whose time jumps from one scheduled event to the next: sleeps and the test's own events (arrivals, answers). */
function eventPace() {
  let now = 0;
  const events: { at: number; run: () => void }[] = [];
  const at = (time: number, run: () => void) => void events.push({ at: time, run });
  const pace: Pace = { now: () => now, sleep: (ms) => new Promise<void>((resolve) => at(now + ms, resolve)) };
  /** Runs every event in time order, letting what each one wakes run before the next. */
  async function settle() {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (events.length === 0) return;
      events.sort((a, b) => a.at - b.at);
      const next = events.shift();
      if (!next) return;
      now = Math.max(now, next.at);
      next.run();
    }
  }
  return { pace, at, settle };
}
