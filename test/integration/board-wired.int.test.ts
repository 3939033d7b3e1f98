import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cafeEvent } from '../support/cafe.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { eventsBot, type EventsHarness } from '../support/events-bot.js';
import { emptyTables } from '../support/events-chat.js';
import { emptyParticipation } from '../support/events-participation.js';

// The projector's board and its control view's buttons as Ura wires them: the World
// Café's rounds and the live polls, through their own use-cases, on both databases.

const MINUTE = 60_000;

describe.each(PROVIDERS_UNDER_TEST)('the projector board on the café and the polls, on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  let h: EventsHarness;

  beforeEach(async () => {
    if (skip) return;
    await emptyTables(database);
    await emptyParticipation(database);
    h = await eventsBot({ database });
  });
  afterEach(async () => h?.dispose());

  it.skipIf(skip)('starts, pauses, extends and ends rounds and opens and closes a poll from the control view, and the board shows each change', async () => {
    const { event, session } = await cafeEvent(h, 8);
    const { board, boardControls: controls } = h.areas;
    expect(await board.snapshot(event.id)).toMatchObject({ tables: [], polls: [] });
    expect(await controls.act(event.id, { kind: 'round_pause' }, 'op-1')).toEqual({ ok: false, reason: 'no_round' });

    // The first start seats the checked-in participants and starts round 1.
    expect(await controls.act(event.id, { kind: 'round_start' }, 'op-1')).toEqual({ ok: true });
    const started = await board.snapshot(event.id);
    expect(started.round).toMatchObject({
      session: session.id,
      number: 1,
      of: session.rounds,
      status: 'running',
      endsAt: new Date(h.clock.now().getTime() + session.roundMinutes * MINUTE).toISOString(),
    });
    expect(started.tables.reduce((seated, table) => seated + table.seats, 0)).toBe(8);
    expect(await controls.act(event.id, { kind: 'round_start' }, 'op-1')).toEqual({ ok: false, reason: 'round_running' });

    h.clock.advance(5 * MINUTE);
    expect(await controls.act(event.id, { kind: 'round_pause' }, 'op-1')).toEqual({ ok: true });
    expect((await board.snapshot(event.id)).round).toMatchObject({ status: 'paused', endsAt: null, remainingMs: (session.roundMinutes - 5) * MINUTE });
    expect(await controls.act(event.id, { kind: 'round_pause' }, 'op-1')).toEqual({ ok: false, reason: 'not_running' });
    expect(await controls.act(event.id, { kind: 'round_resume' }, 'op-1')).toEqual({ ok: true });
    expect(await controls.act(event.id, { kind: 'round_extend', minutes: 5 }, 'op-1')).toEqual({ ok: true });
    expect((await board.snapshot(event.id)).round?.endsAt).toBe(new Date(h.clock.now().getTime() + session.roundMinutes * MINUTE).toISOString());
    expect(await controls.act(event.id, { kind: 'round_end' }, 'op-1')).toEqual({ ok: true });
    expect((await board.snapshot(event.id)).round).toMatchObject({ number: 1, status: 'ended' });
    expect(await controls.act(event.id, { kind: 'round_start' }, 'op-1')).toEqual({ ok: true });
    expect((await board.snapshot(event.id)).round).toMatchObject({ number: 2, status: 'running' });

    // A poll: a draft is not on the board; opened, it is, with the room checked in; closed, it stays.
    const created = await h.areas.participation.polls.create(event, { kind: 'yes_no', question: { en: 'Should the network meet every quarter?' } });
    if (created.kind !== 'created') throw new Error(JSON.stringify(created));
    const pollId = created.poll.id;
    expect(await controls.act(event.id, { kind: 'poll_close', pollId }, 'op-1')).toEqual({ ok: false, reason: 'no_poll' });
    expect((await board.snapshot(event.id)).polls).toEqual([]);
    expect(await controls.act(event.id, { kind: 'poll_open', pollId }, 'op-1')).toEqual({ ok: true });
    expect(await controls.act(event.id, { kind: 'poll_open', pollId }, 'op-1')).toEqual({ ok: false, reason: 'poll_open' });
    expect((await board.snapshot(event.id)).polls).toMatchObject([{ id: pollId, kind: 'yes_no', status: 'open', voters: 0, checkedIn: 8 }]);
    expect(await controls.act(event.id, { kind: 'poll_close', pollId }, 'op-1')).toEqual({ ok: true });
    expect((await board.snapshot(event.id)).polls).toMatchObject([{ id: pollId, status: 'closed' }]);
    expect(await controls.act(event.id, { kind: 'poll_open', pollId: 'nope' }, 'op-1')).toEqual({ ok: false, reason: 'no_poll' });
  });
});
