import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HARVEST_MINUTES, WARNING_MS } from '../../src/events/index.js';
import { cafeEvent, cafeText, outboxTo } from '../support/cafe.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { eventsBot, type EventsHarness } from '../support/events-bot.js';
import { emptyTables } from '../support/events-chat.js';

// A World Café's rounds as the area runs them: seated from the checked-in participants,
// announced through the outbox in the transaction that starts, warns or ends a round,
// deadlines kept as rows that the events tick processes. The clock stands on the
// event's first day, 11:00 in Tirana.

const MINUTE = 60_000;

describe.each(PROVIDERS_UNDER_TEST)('World Café rounds on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  let h: EventsHarness;
  const others: EventsHarness[] = [];

  beforeEach(async () => {
    if (skip) return;
    await emptyTables(database);
    h = await eventsBot({ database });
  });
  afterEach(async () => {
    await h?.dispose();
    for (const other of others.splice(0)) await other.dispose();
  });

  /** 20 checked in (tables of four: five tables) and two registered who did not come; round 1 planned. */
  async function planned() {
    const cafe = await cafeEvent(h, 22, { checkedIn: 20, language: (index) => (index % 2 === 0 ? 'en' : 'sq') });
    const plan = await h.areas.cafe.plan(cafe.event.id, cafe.session.id);
    expect(plan).toEqual({ kind: 'planned', fromRound: 1, tables: 5, people: 20 });
    return cafe;
  }
  const seatsOf = async (sessionId: string, round: number) => (await h.areas.cafe.seats(sessionId)).filter((seat) => seat.round === round);

  it.skipIf(skip)('tells every checked-in participant, in their language, their table, its host and the question when a round starts', async () => {
    const { event, session, people } = await planned();
    const started = await h.areas.cafe.control(event.id, session.id, 1, { kind: 'start' });
    expect(started).toMatchObject({ kind: 'done', round: { status: 'running', endsAt: new Date(h.clock.now().getTime() + 20 * MINUTE) } });
    const seats = await seatsOf(session.id, 1);
    expect(seats).toHaveLength(20);
    const guest = seats.find((seat) => !seat.host);
    const host = seats.find((seat) => seat.host && seat.table === guest?.table);
    const person = people.find((candidate) => candidate.id === guest?.participantId);
    const hostName = people.find((candidate) => candidate.id === host?.participantId)?.name;
    const language = people.indexOf(person!) % 2 === 0 ? 'en' : 'sq';
    const question = h.i18n.t(language, 'events:templates.annual-conference.question_success');
    expect(await outboxTo(h, person!.telegramId)).toEqual([
      {
        text: cafeText(h, language, 'round.start', { session: h.i18n.t(language, 'events:templates.annual-conference.world_cafe'), round: 1, of: 3, table: guest!.table, host: hostName!, question }),
        purpose: 'cafe_round',
        status: 'pending',
      },
    ]);
    // Registered but not checked in: not seated, told nothing.
    expect(await outboxTo(h, people[20]!.telegramId)).toEqual([]);
    expect(await outboxTo(h, people[21]!.telegramId)).toEqual([]);
  });

  it.skipIf(skip)('warns two minutes before the end and ends the round on time, once however many ticks run', async () => {
    const { event, session, people } = await planned();
    await h.areas.cafe.control(event.id, session.id, 1, { kind: 'start' });
    const first = people[0]!;
    h.clock.advance(20 * MINUTE - WARNING_MS - 1000);
    expect(await h.areas.cafe.tick()).toBe(0);
    h.clock.advance(1000);
    expect(await h.areas.cafe.tick()).toBe(1);
    expect(await h.areas.cafe.tick()).toBe(0);
    expect((await outboxTo(h, first.telegramId)).map((row) => row.text)).toContain(cafeText(h, 'en', 'round.warning', { round: 1 }));
    h.clock.advance(WARNING_MS);
    // Two processes ticking at the same moment: one ends the round, the other finds it ended.
    const twin = await eventsBot({ database, clock: h.clock });
    others.push(twin);
    const ends = await Promise.all([h.areas.cafe.tick(), twin.areas.cafe.tick(), h.areas.cafe.tick()]);
    expect(ends.reduce((sum, count) => sum + count, 0)).toBe(1);
    const rows = await outboxTo(h, first.telegramId);
    expect(rows.filter((row) => row.text === cafeText(h, 'en', 'round.end', { round: 1 }))).toHaveLength(1);
    expect(rows.filter((row) => row.text === cafeText(h, 'en', 'round.warning', { round: 1 }))).toHaveLength(1);
    expect((await h.areas.cafe.rounds(session.id))[0]).toMatchObject({ status: 'ended', endedAt: h.clock.now() });
  });

  it.skipIf(skip)('keeps the schedule across a restart: a new process ends the round at its stored time', async () => {
    const { event, session, people } = await planned();
    await h.areas.cafe.control(event.id, session.id, 1, { kind: 'start' });
    await h.dispose();
    // The same database, a new process (areas built again), the clock moved on while it was down.
    h = await eventsBot({ database, clock: h.clock });
    h.clock.advance(25 * MINUTE);
    expect(await h.areas.cafe.tick()).toBe(1);
    expect((await h.areas.cafe.rounds(session.id))[0]?.status).toBe('ended');
    const texts = (await outboxTo(h, people[1]!.telegramId)).map((row) => row.text);
    expect(texts).toContain(cafeText(h, 'sq', 'round.end', { round: 1 }));
    // The warning was due while it was down: the end came first, so no late warning follows it.
    expect(texts.filter((text) => text === cafeText(h, 'sq', 'round.warning', { round: 1 }))).toHaveLength(0);
  });

  it.skipIf(skip)('pauses, extends and resumes: the end moves, and a new warning is due before the new end', async () => {
    const { event, session, people } = await planned();
    await h.areas.cafe.control(event.id, session.id, 1, { kind: 'start' });
    h.clock.advance(18 * MINUTE);
    expect(await h.areas.cafe.tick()).toBe(1); // the warning
    const paused = await h.areas.cafe.control(event.id, session.id, 1, { kind: 'pause' });
    expect(paused).toMatchObject({ kind: 'done', round: { status: 'paused', remainingMs: 2 * MINUTE, endsAt: null } });
    h.clock.advance(10 * MINUTE);
    expect(await h.areas.cafe.tick()).toBe(0);
    await h.areas.cafe.control(event.id, session.id, 1, { kind: 'extend', minutes: 5 });
    const resumed = await h.areas.cafe.control(event.id, session.id, 1, { kind: 'resume' });
    expect(resumed).toMatchObject({ kind: 'done', round: { status: 'running', endsAt: new Date(h.clock.now().getTime() + 7 * MINUTE) } });
    h.clock.advance(5 * MINUTE);
    expect(await h.areas.cafe.tick()).toBe(1);
    const warnings = (await outboxTo(h, people[0]!.telegramId)).filter((row) => row.text === cafeText(h, 'en', 'round.warning', { round: 1 }));
    expect(warnings).toHaveLength(2);
    h.clock.advance(2 * MINUTE);
    expect(await h.areas.cafe.tick()).toBe(1);
    expect(await h.areas.cafe.control(event.id, session.id, 1, { kind: 'extend', minutes: 2 })).toEqual({ kind: 'refused', reason: 'ended' });
  });

  it.skipIf(skip)("asks each host for the table's key points at the end, and gives them back at the next round's start", async () => {
    const { event, session, people } = await planned();
    await h.areas.cafe.control(event.id, session.id, 1, { kind: 'start' });
    h.clock.advance(20 * MINUTE);
    await h.areas.cafe.tick();
    const hostSeat = (await seatsOf(session.id, 1)).find((seat) => seat.host)!;
    const host = people.find((person) => person.id === hostSeat.participantId)!;
    const language = people.indexOf(host) % 2 === 0 ? 'en' : 'sq';
    expect((await outboxTo(h, host.telegramId)).map((row) => row.purpose)).toEqual(['cafe_round', 'cafe_round', 'cafe_harvest']);
    const guest = (await seatsOf(session.id, 1)).find((seat) => !seat.host)!;
    const guestPerson = people.find((person) => person.id === guest.participantId)!;
    expect(await h.areas.cafe.note(guestPerson.telegramId, { text: 'Trust takes time' }, false, 'en')).toEqual({ kind: 'none' });
    expect(await h.areas.cafe.note(guestPerson.telegramId, { text: 'Trust takes time' }, true, 'en')).toMatchObject({ kind: 'not_host' });
    expect(await h.areas.cafe.note(host.telegramId, { text: 'Shelters need steady funding' }, false, 'en')).toEqual({ kind: 'noted', round: 1, table: hostSeat.table, language });
    h.clock.advance(1000);
    expect(await h.areas.cafe.note(host.telegramId, { photoFileId: 'AgAD-paper' }, false, 'en')).toMatchObject({ kind: 'noted' });
    // After the harvest window, what the host writes is not taken as notes.
    h.clock.advance(HARVEST_MINUTES * MINUTE);
    expect(await h.areas.cafe.note(host.telegramId, { text: 'late' }, false, 'en')).toEqual({ kind: 'none' });
    // The tick then forgets the asks: no participant's key stays in them.
    await h.areas.cafe.tick();
    expect(await h.db.prisma.cafeAsk.count()).toBe(0);
    expect(await h.areas.cafe.control(event.id, session.id, 2, { kind: 'start' })).toMatchObject({ kind: 'done' });
    const texts = (await outboxTo(h, host.telegramId)).map((row) => row.text);
    expect(texts.at(-1)).toBe(cafeText(h, language, 'round.previous', { table: hostSeat.table, round: 1, points: '• Shelters need steady funding' }));
    expect((await h.areas.themes.notes(event.id)).map((note) => [note.text, note.photoFileId, note.table])).toEqual([
      ['Shelters need steady funding', null, hostSeat.table],
      [null, 'AgAD-paper', hostSeat.table],
    ]);
  });

  it.skipIf(skip)('never sends a queued announcement to a participant who left, and seats nobody who left in later rounds', async () => {
    // Telegram unreachable at first: the start's messages wait in the outbox.
    let reachable = false;
    const delivered: number[] = [];
    await h.dispose();
    h = await eventsBot({
      database,
      clock: h.clock,
      // Telegram's global limit counts in real seconds: the failed first tries must not make the later drain wait on it.
      outboxLimits: { global: null },
      call: async (_method, payload) => {
        if (!reachable) return { ok: false, code: 0, description: 'offline' };
        delivered.push(Number(payload.chat_id));
        return { ok: true, messageId: delivered.length };
      },
    });
    const { event, session, people } = await planned();
    await h.areas.cafe.control(event.id, session.id, 1, { kind: 'start' });
    await h.parts.outbox.idle();
    const leaver = people[3]!;
    await h.events.participants.leave(leaver.id);
    reachable = true;
    h.clock.advance(MINUTE);
    await h.parts.outbox.drain();
    expect(delivered).toHaveLength(19);
    expect(delivered).not.toContain(leaver.telegramId);
    expect(await outboxTo(h, leaver.telegramId)).toEqual([]);
    h.clock.advance(20 * MINUTE);
    await h.areas.cafe.tick();
    await h.areas.cafe.control(event.id, session.id, 2, { kind: 'start' });
    expect((await seatsOf(session.id, 2)).map((seat) => seat.participantId)).not.toContain(leaver.id);
    expect(await seatsOf(session.id, 2)).toHaveLength(19);
  });

  it.skipIf(skip)('gives a table whose host leaves mid-round a new host, tells them, and plans the rounds not played again', async () => {
    const { event, session, people } = await planned();
    await h.areas.cafe.control(event.id, session.id, 1, { kind: 'start' });
    const before = await seatsOf(session.id, 1);
    const gone = before.find((seat) => seat.host)!;
    await h.events.participants.leave(gone.participantId);
    expect(await h.areas.cafe.tick()).toBe(1);
    expect(await h.areas.cafe.tick()).toBe(0);
    const after = await seatsOf(session.id, 1);
    const heir = after.find((seat) => seat.host && seat.table === gone.table)!;
    expect(heir.participantId).not.toBe(gone.participantId);
    // The round being played keeps who sat where; only the host changed.
    expect(after.map(({ participantId, table }) => [participantId, table])).toEqual(before.map(({ participantId, table }) => [participantId, table]));
    const heirPerson = people.find((person) => person.id === heir.participantId)!;
    const language = people.indexOf(heirPerson) % 2 === 0 ? 'en' : 'sq';
    expect((await outboxTo(h, heirPerson.telegramId)).at(-1)?.text).toBe(cafeText(h, language, 'round.new_host', { table: gone.table, round: 1 }));
    const later = await seatsOf(session.id, 2);
    expect(later.map((seat) => seat.participantId)).not.toContain(gone.participantId);
    expect(later.find((seat) => seat.participantId === heir.participantId)).toMatchObject({ host: true, table: gone.table });
  });

  it.skipIf(skip)('refuses what a round cannot do: starting out of order, a second round at once, planning with nobody there', async () => {
    const { event, session } = await planned();
    expect(await h.areas.cafe.control(event.id, session.id, 2, { kind: 'start' })).toEqual({ kind: 'refused', reason: 'not_next' });
    expect(await h.areas.cafe.control(event.id, session.id, 1, { kind: 'pause' })).toEqual({ kind: 'refused', reason: 'not_started' });
    await h.areas.cafe.control(event.id, session.id, 1, { kind: 'start' });
    expect(await h.areas.cafe.control(event.id, session.id, 1, { kind: 'start' })).toEqual({ kind: 'refused', reason: 'started' });
    expect(await h.areas.cafe.control(event.id, session.id, 1, { kind: 'resume' })).toEqual({ kind: 'refused', reason: 'not_paused' });
    const empty = await cafeEvent(h, 1);
    expect(await h.areas.cafe.plan(empty.event.id, empty.session.id)).toEqual({ kind: 'refused', reason: 'too_few' });
  });
});
