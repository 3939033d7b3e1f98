import { describe, expect, it } from 'vitest';
import { type CafeRound, dueAction, remainingMs, stepRound, WARNING_MS } from '../../../src/events/index.js';

// A round's transitions, pure: what a facilitator's press or the tick does to a round at a given time.

const MINUTE = 60_000;
const at = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 9, 0) + minutes * MINUTE);
const planned: CafeRound = {
  id: 'r1',
  eventId: 'e',
  sessionId: 's',
  number: 1,
  status: 'planned',
  startedAt: null,
  endsAt: null,
  warnAt: null,
  warnedAt: null,
  remainingMs: null,
  endedAt: null,
  version: 0,
};
const ok = (step: ReturnType<typeof stepRound>): CafeRound => {
  if (!step.ok) throw new Error(step.reason);
  return step.round;
};

describe('a World Café round', () => {
  it('starts with its end and its warning stored, and is announced', () => {
    const step = stepRound(planned, { kind: 'start', minutes: 20 }, at(0));
    expect(step).toMatchObject({ ok: true, announce: 'start', round: { status: 'running', startedAt: at(0), endsAt: at(20), warnAt: at(18), warnedAt: null, version: 1 } });
  });

  it('has no warning when it is two minutes long or shorter: the end comes first', () => {
    expect(ok(stepRound(planned, { kind: 'start', minutes: 2 }, at(0))).warnAt).toBeNull();
  });

  it('is warned once, at its warning time, and ended at its end', () => {
    const running = ok(stepRound(planned, { kind: 'start', minutes: 20 }, at(0)));
    expect(dueAction(running, at(17.9))).toBeUndefined();
    expect(dueAction(running, at(18))).toEqual({ kind: 'warn' });
    const warned = ok(stepRound(running, { kind: 'warn' }, at(18)));
    expect(dueAction(warned, at(19))).toBeUndefined();
    expect(stepRound(warned, { kind: 'warn' }, at(19))).toEqual({ ok: false, reason: 'not_due' });
    expect(dueAction(warned, at(20))).toEqual({ kind: 'end' });
    expect(stepRound(warned, { kind: 'end' }, at(20.5))).toMatchObject({ ok: true, announce: 'end', round: { status: 'ended', endedAt: at(20.5), endsAt: at(20) } });
  });

  it('keeps the time left while paused, and gets it back on resuming', () => {
    const running = ok(stepRound(planned, { kind: 'start', minutes: 20 }, at(0)));
    const paused = ok(stepRound(running, { kind: 'pause' }, at(5)));
    expect(paused).toMatchObject({ status: 'paused', remainingMs: 15 * MINUTE, endsAt: null, warnAt: null });
    expect(dueAction(paused, at(60))).toBeUndefined();
    expect(remainingMs(paused, at(60))).toBe(15 * MINUTE);
    const resumed = ok(stepRound(paused, { kind: 'resume' }, at(30)));
    expect(resumed).toMatchObject({ status: 'running', endsAt: at(45), warnAt: at(43) });
    expect(remainingMs(resumed, at(40))).toBe(5 * MINUTE);
  });

  it('is warned again when an extension puts its end more than two minutes away', () => {
    const warned = ok(stepRound(ok(stepRound(planned, { kind: 'start', minutes: 20 }, at(0))), { kind: 'warn' }, at(18)));
    const extended = ok(stepRound(warned, { kind: 'extend', minutes: 5 }, at(19)));
    expect(extended).toMatchObject({ endsAt: at(25), warnAt: at(23), warnedAt: null });
    const short = ok(stepRound(warned, { kind: 'extend', minutes: 1 }, at(19.5)));
    // Only a minute and a half left: no second warning.
    expect(short).toMatchObject({ endsAt: at(21), warnAt: null, warnedAt: at(18) });
    expect(ok(stepRound(ok(stepRound(warned, { kind: 'pause' }, at(19))), { kind: 'extend', minutes: 2 }, at(19))).remainingMs).toBe(3 * MINUTE);
  });

  it('refuses what does not apply, and everything once ended', () => {
    expect(stepRound(planned, { kind: 'pause' }, at(0))).toEqual({ ok: false, reason: 'not_started' });
    expect(stepRound(planned, { kind: 'end' }, at(0))).toEqual({ ok: false, reason: 'not_started' });
    const running = ok(stepRound(planned, { kind: 'start', minutes: 20 }, at(0)));
    expect(stepRound(running, { kind: 'start', minutes: 20 }, at(1))).toEqual({ ok: false, reason: 'started' });
    expect(stepRound(running, { kind: 'resume' }, at(1))).toEqual({ ok: false, reason: 'not_paused' });
    const ended = ok(stepRound(running, { kind: 'end' }, at(3)));
    for (const action of [{ kind: 'pause' }, { kind: 'resume' }, { kind: 'extend', minutes: 2 }, { kind: 'end' }, { kind: 'warn' }, { kind: 'start', minutes: 20 }] as const) {
      expect(stepRound(ended, action, at(4))).toEqual({ ok: false, reason: 'ended' });
    }
    expect(remainingMs(ended, at(4))).toBeNull();
    expect(WARNING_MS).toBe(2 * MINUTE);
  });
});
