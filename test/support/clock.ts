import type { Clock } from '../../src/shared/clock.js';

export interface FakeClock extends Clock {
  advance(ms: number): void;
  set(at: Date | string): void;
}

/** A clock that moves only when the test says so. */
export function fakeClock(start: Date | string = '2026-03-01T09:00:00.000Z'): FakeClock {
  let now = new Date(start).getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => void (now += ms),
    set: (at) => void (now = new Date(at).getTime()),
  };
}
