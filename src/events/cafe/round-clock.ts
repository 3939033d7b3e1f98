import { type CafeRound, WARNING_MS } from './model.js';

/** What a facilitator does to a round, and what the tick does when a deadline comes. */
export type RoundAction = { kind: 'start'; minutes: number } | { kind: 'pause' } | { kind: 'resume' } | { kind: 'extend'; minutes: number } | { kind: 'end' } | { kind: 'warn' };

/** What participants are told of a change: the round's start, the warning, the end. */
export type Announcement = 'start' | 'warn' | 'end';

export type RoundStep = { ok: true; round: CafeRound; announce?: Announcement } | { ok: false; reason: 'ended' | 'not_started' | 'started' | 'not_running' | 'not_paused' | 'not_due' };

const at = (ms: number) => new Date(ms);

/** The warning's time for an end: two minutes before it, or none when less is left (the end comes first). */
function warnFor(endsAt: number, now: number): Date | null {
  const warnAt = endsAt - WARNING_MS;
  return warnAt > now ? at(warnAt) : null;
}

/**
 * The one table of a round's transitions, pure: time is passed in, the new state comes
 * back (its version one up) with what to announce. The caller stores it only if the
 * round is still at the version it read, so a press and a tick, or two processes,
 * never both act.
 */
export function stepRound(round: CafeRound, action: RoundAction, now: Date): RoundStep {
  const t = now.getTime();
  const next = (changes: Partial<CafeRound>, announce?: Announcement): RoundStep => ({ ok: true, round: { ...round, ...changes, version: round.version + 1 }, ...(announce ? { announce } : {}) });
  if (round.status === 'ended') return { ok: false, reason: 'ended' };
  switch (action.kind) {
    case 'start': {
      if (round.status !== 'planned') return { ok: false, reason: 'started' };
      const endsAt = t + action.minutes * 60_000;
      return next({ status: 'running', startedAt: now, endsAt: at(endsAt), warnAt: warnFor(endsAt, t), warnedAt: null, remainingMs: null }, 'start');
    }
    case 'pause': {
      if (round.status !== 'running' || round.endsAt === null) return { ok: false, reason: round.status === 'planned' ? 'not_started' : 'not_running' };
      return next({ status: 'paused', remainingMs: Math.max(0, round.endsAt.getTime() - t), endsAt: null, warnAt: null });
    }
    case 'resume': {
      if (round.status !== 'paused') return { ok: false, reason: round.status === 'planned' ? 'not_started' : 'not_paused' };
      const endsAt = t + (round.remainingMs ?? 0);
      const warnAt = warnFor(endsAt, t);
      // A round resumed with more than two minutes left warns again; one resumed with less keeps the warning it had.
      return next({ status: 'running', endsAt: at(endsAt), warnAt, warnedAt: warnAt ? null : round.warnedAt, remainingMs: null });
    }
    case 'extend': {
      const added = action.minutes * 60_000;
      if (round.status === 'paused') return next({ remainingMs: (round.remainingMs ?? 0) + added });
      if (round.status !== 'running' || round.endsAt === null) return { ok: false, reason: 'not_started' };
      const endsAt = round.endsAt.getTime() + added;
      const warnAt = warnFor(endsAt, t);
      return next({ endsAt: at(endsAt), warnAt, warnedAt: warnAt ? null : round.warnedAt });
    }
    case 'end': {
      if (round.status === 'planned') return { ok: false, reason: 'not_started' };
      return next({ status: 'ended', endedAt: now, endsAt: round.endsAt && round.endsAt.getTime() < t ? round.endsAt : now, warnAt: null, remainingMs: null }, 'end');
    }
    case 'warn': {
      if (round.status !== 'running' || round.warnAt === null || round.warnedAt !== null || round.warnAt.getTime() > t) return { ok: false, reason: 'not_due' };
      return next({ warnedAt: now }, 'warn');
    }
  }
}

/** What the tick has to do with a round now: end it, warn, or nothing. */
export function dueAction(round: CafeRound, now: Date): RoundAction | undefined {
  if (round.status !== 'running') return undefined;
  if (round.endsAt !== null && round.endsAt.getTime() <= now.getTime()) return { kind: 'end' };
  if (round.warnAt !== null && round.warnedAt === null && round.warnAt.getTime() <= now.getTime()) return { kind: 'warn' };
  return undefined;
}

/** What is left of a round at `now`, for the projector's timer and the facilitator's desk. */
export function remainingMs(round: CafeRound, now: Date): number | null {
  if (round.status === 'paused') return round.remainingMs;
  if (round.status === 'running' && round.endsAt) return Math.max(0, round.endsAt.getTime() - now.getTime());
  return null;
}
