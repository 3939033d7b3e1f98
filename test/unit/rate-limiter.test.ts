import { describe, expect, it } from 'vitest';
import { createRateLimiter } from '../../src/transport/telegram/rate-limiter.js';

describe('the rate limit on a person’s updates', () => {
  it('counts an update handled again after an outage once, so the retries do not use up the person’s limit', () => {
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000 });
    const at = (seconds: number) => new Date(Date.UTC(2026, 5, 1, 9, 0, seconds));
    // The database was away: update 1 was tried 30 times within the minute.
    for (let attempt = 0; attempt < 30; attempt++) expect(limiter.hit('person', at(attempt), 1)).toBe('ok');
    expect(limiter.hit('person', at(31), 2)).toBe('ok');
    expect(limiter.hit('person', at(32), 3)).toBe('ok');
    expect(limiter.hit('person', at(33), 4)).toBe('warn');
    expect(limiter.hit('person', at(34), 5)).toBe('blocked');
  });
});
