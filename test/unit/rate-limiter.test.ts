import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/transport/telegram/rate-limiter.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 5, 1, 9, 0, seconds));

describe('the rate limit of menus and flows', () => {
  it('warns once per window, and lets a person who kept trying through as soon as the window has room', () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000 });
    expect([0, 0, 0].map((second) => limiter.hit('k', at(second)))).toEqual(['ok', 'ok', 'ok']);
    // Still trying every ten seconds: told once, then refused quietly.
    expect([10, 20, 30, 40, 50].map((second) => limiter.hit('k', at(second)))).toEqual(['warn', 'blocked', 'blocked', 'blocked', 'blocked']);
    // A minute after the first three, there is room again, however often they tried.
    expect(limiter.hit('k', at(61))).toBe('ok');
    expect([62, 62].map((second) => limiter.hit('k', at(second)))).toEqual(['ok', 'ok']);
    // Over the limit again within a minute of the warning: refused quietly, not told twice.
    expect([63, 64].map((second) => limiter.hit('k', at(second)))).toEqual(['blocked', 'blocked']);
    // Long after the warning, a new flood is told again, once.
    expect([123, 123, 123, 124].map((second) => limiter.hit('k', at(second)))).toEqual(['ok', 'ok', 'ok', 'warn']);
  });

  it('tells a steady flood to slow down once a minute, not at every freed slot', () => {
    const limiter = createRateLimiter({ limit: 20, windowMs: 60_000 });
    const verdicts: string[] = [];
    // Two messages a second for three minutes.
    for (let half = 0; half < 360; half++) verdicts.push(limiter.hit('k', new Date(Date.UTC(2026, 5, 1, 9) + half * 500)));
    expect(verdicts.filter((verdict) => verdict === 'warn')).toHaveLength(3);
    expect(verdicts.filter((verdict) => verdict === 'ok')).toHaveLength(60);
  });

  it('counts each person apart', () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000 });
    expect(limiter.hit('a', at(0))).toBe('ok');
    expect(limiter.hit('b', at(0))).toBe('ok');
    expect(limiter.hit('a', at(1))).toBe('warn');
  });

  it('counts an update handled again after an outage once, so the retries do not use up the person’s limit', () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000 });
    // The database was away: update 1 was tried 30 times within the minute.
    for (let attempt = 0; attempt < 30; attempt++) expect(limiter.hit('person', at(attempt), 1)).toBe('ok');
    expect(limiter.hit('person', at(31), 2)).toBe('ok');
    expect(limiter.hit('person', at(32), 3)).toBe('ok');
    expect(limiter.hit('person', at(33), 4)).toBe('warn');
    expect(limiter.hit('person', at(34), 5)).toBe('blocked');
  });
});
