import { describe, expect, it } from 'vitest';
import { createThrottle, TELEGRAM_LIMITS, type Pace } from '../../src/delivery/throttle.js';

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
        expect(await throttle.turn()).toEqual({ go: true });
        times.push(pace.now());
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
    for (let n = 0; n < 1000; n++) await throttle.turn();
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
    expect(await throttle.turn()).toEqual({ go: true });
  });
});
