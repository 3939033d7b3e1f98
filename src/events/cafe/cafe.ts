import type { Outbox } from '../../delivery/outbox.js';
import type { Clock } from '../../shared/clock.js';
import type { IdentityProtector } from '../../shared/crypto.js';
import { newId } from '../../shared/ids.js';
import type { EventRecord } from '../model.js';
import type { EventStore } from '../store.js';
import { type CafeSession, roundMessages, type Say } from './cafe-messages.js';
import { peopleOf } from './cafe-people.js';
import { type CafeAsk, type CafeRound, type CafeSeat, type CafeStore, HARVEST_MINUTES } from './model.js';
import { dueAction, type RoundAction, stepRound } from './round-clock.js';
import { createCafePlanning } from './cafe-plan.js';

export interface CafeDeps {
  store: CafeStore;
  events: EventStore;
  outbox: Pick<Outbox, 'prepare' | 'kick'>;
  identity: IdentityProtector;
  clock: Clock;
  say: Say;
  languages: readonly string[];
}

/** Why a facilitator's control was not applied. */
export type RoundRefusal = 'not_world_cafe' | 'no_plan' | 'ended' | 'not_started' | 'started' | 'not_running' | 'not_paused' | 'other_running' | 'not_next' | 'raced' | 'too_few' | 'impossible';
export type ControlResult = { kind: 'done'; round: CafeRound } | { kind: 'refused'; reason: RoundRefusal };
export type ControlAction = Exclude<RoundAction, { kind: 'start' } | { kind: 'warn' }> | { kind: 'start' };

export type NoteResult = { kind: 'noted'; round: number; table: number; language: string } | { kind: 'not_host'; language: string } | { kind: 'none' };

/**
 * A World Café session run live: seating of the checked-in participants per round,
 * rounds with stored deadlines (started, paused, extended and ended by facilitators,
 * warned and ended by the tick), announcements through the outbox in the transaction
 * of the change that causes them, and each table's key points from its host.
 */
export function createCafe(deps: CafeDeps) {
  const { store, events, outbox, clock } = deps;

  const planning = createCafePlanning(deps);
  const { sessionOf, dayOf } = planning;
  const plan = planning.seat;

  /** Applies a step to a round with the messages it causes; false when the round moved on meanwhile. */
  async function apply(event: EventRecord, session: CafeSession, round: CafeRound, action: RoundAction): Promise<ControlResult> {
    const step = stepRound(round, action, clock.now());
    if (!step.ok) return { kind: 'refused', reason: step.reason === 'not_due' ? 'raced' : step.reason };
    const next = step.round;
    const [seats, people] = await Promise.all([store.seats(session.id), peopleOf(events, event, dayOf(event))]);
    const seated = seats.filter((seat) => seat.round === round.number && people.get(seat.participantId)?.present);
    const messages = roundMessages({ event, session, round: next, people, identity: deps.identity, say: deps.say, languages: deps.languages });
    const previous = step.announce === 'start' && round.number > 1 ? (await store.notes(event.id)).filter((note) => note.sessionId === session.id && note.round === round.number - 1) : [];
    const outgoing = step.announce === 'start' ? messages.start(seated, previous) : step.announce === 'warn' ? messages.warn(seated) : step.announce === 'end' ? messages.end(seated) : [];
    const until = new Date(clock.now().getTime() + HARVEST_MINUTES * 60_000);
    const asks: CafeAsk[] =
      step.announce === 'end'
        ? seated.flatMap((seat) => {
            const key = people.get(seat.participantId)?.participant.telegramKey;
            return seat.host && key ? [{ key, participantId: seat.participantId, eventId: event.id, sessionId: session.id, round: round.number, table: seat.table, until }] : [];
          })
        : [];
    const stored = await store.changeRound({ round: next, expectedVersion: round.version, outgoing: outbox.prepare(outgoing), asks });
    if (!stored) return { kind: 'refused', reason: 'raced' };
    if (outgoing.length > 0) outbox.kick();
    return { kind: 'done', round: next };
  }

  /**
   * A table whose host left mid-round gets a new one (a participant still at that table),
   * told at once; the rounds not played are planned again, the new host keeping the table.
   */
  async function repairHosts(round: CafeRound): Promise<boolean> {
    const found = await sessionOf(round.eventId, round.sessionId);
    if (!found) return false;
    const { event, session } = found;
    const [seats, people] = await Promise.all([store.seats(session.id), peopleOf(events, event, dayOf(event))]);
    const current = seats.filter((seat) => seat.round === round.number);
    const changed: CafeSeat[] = [];
    for (const gone of current.filter((seat) => seat.host && !people.get(seat.participantId)?.present)) {
      const heir = current.find((seat) => seat.table === gone.table && !seat.host && people.get(seat.participantId)?.present);
      changed.push({ ...gone, host: false });
      if (heir) changed.push({ ...heir, host: true });
    }
    if (changed.length === 0) return false;
    const next = { ...round, version: round.version + 1 };
    const messages = roundMessages({ event, session, round: next, people, identity: deps.identity, say: deps.say, languages: deps.languages });
    const outgoing = changed.filter((seat) => seat.host).flatMap(messages.newHost);
    if (!(await store.changeRound({ round: next, expectedVersion: round.version, outgoing: outbox.prepare(outgoing), seats: changed }))) return false;
    outbox.kick();
    if (round.number < session.rounds) await plan(event, session);
    return true;
  }

  return {
    plan: planning.plan,

    /** A facilitator's start, pause, resume, extend or end of round `number`. */
    async control(eventId: string, sessionId: string, number: number, action: ControlAction): Promise<ControlResult> {
      const found = await sessionOf(eventId, sessionId);
      if (!found) return { kind: 'refused', reason: 'not_world_cafe' };
      const { event, session } = found;
      const rounds = await store.rounds(session.id);
      const round = rounds.find((candidate) => candidate.number === number);
      if (!round) return { kind: 'refused', reason: 'no_plan' };
      if (action.kind !== 'start') return apply(event, session, round, action);
      if (round.status !== 'planned') return apply(event, session, round, { kind: 'start', minutes: session.roundMinutes });
      if (rounds.some((other) => other.status === 'running' || other.status === 'paused')) return { kind: 'refused', reason: 'other_running' };
      if (rounds.some((other) => other.number < number && other.status !== 'ended')) return { kind: 'refused', reason: 'not_next' };
      // Who came late or left since the plan was made: the round about to start and those after it are seated again.
      const planned = await plan(event, session);
      if (planned.kind === 'refused') return { kind: 'refused', reason: planned.reason === 'too_few' || planned.reason === 'impossible' ? planned.reason : 'raced' };
      return apply(event, session, round, { kind: 'start', minutes: session.roundMinutes });
    },

    /**
     * The events tick: warnings and ends that are due, tables whose host left, asks whose
     * harvest is over. Every
     * change is conditional on the round's version, so a tick run twice, or by two
     * processes, sends each announcement once.
     */
    async tick(): Promise<number> {
      let changes = 0;
      for (const round of await store.dueRounds(clock.now())) {
        const action = dueAction(round, clock.now());
        const found = action ? await sessionOf(round.eventId, round.sessionId) : undefined;
        if (action && found && (await apply(found.event, found.session, round, action)).kind === 'done') changes += 1;
      }
      for (const round of await store.runningRounds()) if (await repairHosts(round)) changes += 1;
      await store.forgetAsks(clock.now());
      return changes;
    },

    /** What a participant sends: a host's key points while their table's harvest is open; `explicit` when they used /notes. */
    async note(telegramId: number | string, content: { text?: string; photoFileId?: string }, explicit: boolean, fallbackLanguage: string): Promise<NoteResult> {
      // One read by primary key: every private message passes here before the helpline's.
      const ask = await store.ask(deps.identity.hashId('participant', telegramId));
      const open = ask && ask.until.getTime() > clock.now().getTime() ? ask : undefined;
      const participant = open ? await events.participant(open.participantId) : undefined;
      if (!open || !participant || participant.deletedAt !== null) {
        if (!explicit) return { kind: 'none' };
        return { kind: 'not_host', language: participant?.language ?? fallbackLanguage };
      }
      const text = content.text?.trim() || null;
      if (!text && !content.photoFileId) return { kind: 'none' };
      await store.addNote({
        id: newId(),
        eventId: open.eventId,
        sessionId: open.sessionId,
        round: open.round,
        table: open.table,
        participantId: open.participantId,
        text,
        photoFileId: content.photoFileId ?? null,
        createdAt: clock.now(),
      });
      return { kind: 'noted', round: open.round, table: open.table, language: participant.language };
    },

    rounds: (sessionId: string) => store.rounds(sessionId),
    seats: (sessionId: string) => store.seats(sessionId),
    run: (sessionId: string) => store.run(sessionId),
  };
}

export type Cafe = ReturnType<typeof createCafe>;
