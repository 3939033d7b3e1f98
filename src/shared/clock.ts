/** The one way Ura reads the time, so that tests and benchmarks can control it. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
