import type { BoardAction, BoardControls, ControlOutcome, ControlRefusal } from './board.js';
import type { createCafe, RoundRefusal } from './cafe/cafe.js';
import type { CafeRound } from './cafe/model.js';
import type { Events } from './events.js';
import type { Polls } from './polls/polls.js';

type Cafe = Pick<ReturnType<typeof createCafe>, 'control' | 'plan' | 'rounds'>;

export interface BoardControlsDeps {
  events: Pick<Events, 'find' | 'programme'>;
  cafe: Cafe;
  polls: Pick<Polls, 'find' | 'open' | 'close'>;
}

/** How the café's refusals read on the control view. */
const FROM_ROUND: Record<RoundRefusal, ControlRefusal> = {
  not_world_cafe: 'no_round',
  no_plan: 'no_round',
  ended: 'rounds_over',
  not_started: 'no_round',
  started: 'round_running',
  not_running: 'not_running',
  not_paused: 'not_paused',
  other_running: 'round_running',
  not_next: 'no_round',
  raced: 'changed',
  too_few: 'cannot_seat',
  impossible: 'cannot_seat',
};

const live = (round: CafeRound) => round.status === 'running' || round.status === 'paused';

/**
 * The control view's buttons on the event's own use-cases: the World Café's rounds (the
 * round under way, or the next one to start, in programme order) and the live polls.
 * Each press is the same state change, with its messages in one transaction, as the
 * facilitator's `/cafe` or `/polls` in the bot.
 */
export function createBoardControls(deps: BoardControlsDeps): BoardControls {
  const { events, cafe, polls } = deps;

  /** The World Café session whose rounds are under way, or the first with a round still to play, and its rounds. */
  async function cafeNow(eventId: string): Promise<{ sessionId: string; rounds: CafeRound[] } | undefined> {
    const sessions = (await events.programme(eventId)).filter((session) => session.kind === 'world_cafe');
    let next: { sessionId: string; rounds: CafeRound[] } | undefined;
    for (const session of sessions) {
      const rounds = await cafe.rounds(session.id);
      if (rounds.some(live)) return { sessionId: session.id, rounds };
      if (!next && (rounds.length === 0 || rounds.some((round) => round.status === 'planned'))) next = { sessionId: session.id, rounds };
    }
    return next;
  }

  async function round(eventId: string, action: Exclude<BoardAction, { kind: 'poll_open' | 'poll_close' }>): Promise<ControlOutcome> {
    const now = await cafeNow(eventId);
    if (!now) return { ok: false, reason: 'rounds_over' };
    const running = now.rounds.find(live);
    if (action.kind === 'round_start') {
      if (running) return { ok: false, reason: 'round_running' };
      // A café not seated yet is seated now, with the checked-in participants.
      if (now.rounds.length === 0) {
        const planned = await cafe.plan(eventId, now.sessionId);
        if (planned.kind === 'refused') return { ok: false, reason: planned.reason === 'too_few' || planned.reason === 'impossible' ? 'cannot_seat' : 'no_round' };
      }
      const rounds = now.rounds.length === 0 ? await cafe.rounds(now.sessionId) : now.rounds;
      const next = rounds.filter((candidate) => candidate.status === 'planned').sort((a, b) => a.number - b.number)[0];
      if (!next) return { ok: false, reason: 'rounds_over' };
      return outcome(await cafe.control(eventId, now.sessionId, next.number, { kind: 'start' }));
    }
    if (!running) return { ok: false, reason: 'no_round' };
    const change =
      'minutes' in action
        ? { kind: 'extend' as const, minutes: action.minutes }
        : action.kind === 'round_pause'
          ? { kind: 'pause' as const }
          : action.kind === 'round_resume'
            ? { kind: 'resume' as const }
            : { kind: 'end' as const };
    return outcome(await cafe.control(eventId, now.sessionId, running.number, change));
  }

  const outcome = (result: Awaited<ReturnType<Cafe['control']>>): ControlOutcome => (result.kind === 'done' ? { ok: true } : { ok: false, reason: FROM_ROUND[result.reason] });

  async function poll(eventId: string, action: Extract<BoardAction, { kind: 'poll_open' | 'poll_close' }>): Promise<ControlOutcome> {
    const event = await events.find(eventId);
    const found = event ? await polls.find(event.id, action.pollId) : undefined;
    if (!event || !found || found.eventId !== event.id) return { ok: false, reason: 'no_poll' };
    if (action.kind === 'poll_open') {
      if (found.status !== 'draft') return { ok: false, reason: found.status === 'open' ? 'poll_open' : 'poll_closed' };
      return (await polls.open(event, found)).kind === 'opened' ? { ok: true } : { ok: false, reason: 'changed' };
    }
    if (found.status !== 'open') return { ok: false, reason: found.status === 'closed' ? 'poll_closed' : 'no_poll' };
    return (await polls.close(found)).kind === 'closed' ? { ok: true } : { ok: false, reason: 'changed' };
  }

  return {
    act: (eventId, action) => ('pollId' in action ? poll(eventId, action) : round(eventId, action)),
  };
}
