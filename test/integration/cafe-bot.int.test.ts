import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/events/index.js';
import { type CafePerson, type CafeSessionOf, cafeEvent, cafeText, organiserOf } from '../support/cafe.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { eventsBot, type EventsHarness } from '../support/events-bot.js';
import { emptyTables, participant } from '../support/events-chat.js';
import { command, photo } from '../support/updates.js';

// The World Café in the chat: an organiser runs the rounds from /cafe and its buttons;
// participants get their tables; a host sends the table's key points; old buttons and
// people who do not organise the event are refused. The clock stands on the event's
// first day, 11:00 in Tirana.

const ORGANISER = 9301;
const MINUTE = 60_000;

describe.each(PROVIDERS_UNDER_TEST)('the World Café in the chat on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  let h: EventsHarness;
  let event: EventRecord;
  let session: CafeSessionOf;
  let people: CafePerson[];
  const en = (key: string, vars?: Record<string, string | number>) => cafeText(h, 'en', key, vars);

  beforeEach(async () => {
    if (skip) return;
    await emptyTables(database);
    h = await eventsBot({ database });
    ({ event, session, people } = await cafeEvent(h, 12));
    await organiserOf(h, event, ORGANISER);
  });
  afterEach(async () => h?.dispose());

  /** The organiser opens /cafe, plans the tables and starts round 1; the announcements go out. */
  async function roundOneRunning() {
    const organiser = participant(h, ORGANISER, 'en');
    await organiser.command('cafe');
    await organiser.tap(en('buttons.plan'));
    await organiser.tap(en('buttons.start', { round: 1 }));
    await h.parts.outbox.idle();
    return organiser;
  }
  const seats = async (round: number) => (await h.areas.cafe.seats(session.id)).filter((seat) => seat.round === round);

  it.skipIf(skip)('lets an organiser plan the tables and start, pause, extend, resume and end a round from /cafe', async () => {
    const organiser = participant(h, ORGANISER, 'en');
    await organiser.command('cafe');
    const title = h.i18n.t('en', 'events:templates.annual-conference.world_cafe');
    expect(organiser.last().text).toBe([en('desk.title', { event: 'National Conference' }), '', en('desk.session', { title, rounds: 3, minutes: 20 }), en('desk.no_plan')].join('\n'));
    await organiser.tap(en('buttons.plan'));
    expect(organiser.last().text).toContain(en('desk.planned', { people: 12, tables: 3 }));
    expect(organiser.last().text).toContain(en('desk.round.planned', { round: 1 }));
    await organiser.tap(en('buttons.start', { round: 1 }));
    await h.parts.outbox.idle();
    expect(organiser.last().text).toContain(en('desk.round.running', { round: 1, time: '11:20', minutes: 20 }));
    // Every checked-in participant has their table.
    for (const person of people) expect(h.texts(person.telegramId)).toHaveLength(1);
    h.clock.advance(5 * MINUTE);
    await organiser.tap(en('buttons.pause'));
    expect(organiser.last().text).toContain(en('desk.round.paused', { round: 1, minutes: 15 }));
    await organiser.tap(en('buttons.extend', { minutes: 5 }));
    expect(organiser.last().text).toContain(en('desk.round.paused', { round: 1, minutes: 20 }));
    h.clock.advance(3 * MINUTE);
    await organiser.tap(en('buttons.resume'));
    expect(organiser.last().text).toContain(en('desk.round.running', { round: 1, time: '11:28', minutes: 20 }));
    await organiser.tap(en('buttons.end', { round: 1 }));
    await h.parts.outbox.idle();
    expect(organiser.last().text).toContain(en('desk.round.ended', { round: 1 }));
    expect(organiser.last().buttons.map((button) => button.text)).toContain(en('buttons.start', { round: 2 }));
    for (const person of people) expect(h.texts(person.telegramId)).toContain(en('round.end', { round: 1 }));
  });

  it.skipIf(skip)('tells an organiser pressing an old button that the round has ended, and changes nothing', async () => {
    const organiser = await roundOneRunning();
    const pause = h.button(ORGANISER, en('buttons.pause'));
    await organiser.tap(en('buttons.end', { round: 1 }));
    await h.parts.outbox.idle();
    const sent = h.api.calls.length;
    await organiser.press(pause);
    expect(h.toasts().at(-1)).toBe(en('refused.ended'));
    expect(h.api.calls.slice(sent).filter((call) => call.method === 'sendMessage')).toEqual([]);
    expect((await h.areas.cafe.rounds(session.id))[0]?.status).toBe('ended');
  });

  it.skipIf(skip)("refuses a participant the facilitator's controls, by command and by button", async () => {
    const organiser = await roundOneRunning();
    const end = h.button(ORGANISER, en('buttons.end', { round: 1 }));
    const guest = participant(h, people[0]!.telegramId, 'en');
    await guest.command('cafe');
    expect(guest.last().text).toBe(en('refused.not_organiser'));
    await guest.press(end);
    expect(h.toasts().at(-1)).toBe(en('refused.not_organiser'));
    expect((await h.areas.cafe.rounds(session.id))[0]?.status).toBe('running');
    expect(organiser.last().text).toContain(en('desk.round.running', { round: 1, time: '11:20', minutes: 20 }));
  });

  it.skipIf(skip)("takes a host's key points as text and as a photo after the round, and refuses notes from a participant who does not host", async () => {
    const organiser = await roundOneRunning();
    await organiser.tap(en('buttons.end', { round: 1 }));
    await h.parts.outbox.idle();
    const hostSeat = (await seats(1)).find((seat) => seat.host)!;
    const host = participant(h, people.find((person) => person.id === hostSeat.participantId)!.telegramId, 'en');
    expect(h.texts(host.userId).at(-1)).toBe(en('round.ask', { table: hostSeat.table, round: 1 }));
    await host.say('Victims need a safe place to stay');
    expect(host.last().text).toBe(en('note.saved', { table: hostSeat.table, round: 1 }));
    h.clock.advance(1000);
    await h.handle(photo('AgADpaper', 'the table paper', { userId: host.userId, languageCode: 'en' }));
    expect(host.last().text).toBe(en('note.saved', { table: hostSeat.table, round: 1 }));
    const guestSeat = (await seats(1)).find((seat) => !seat.host)!;
    const guest = participant(h, people.find((person) => person.id === guestSeat.participantId)!.telegramId, 'en');
    await guest.command('notes');
    expect(guest.last().text).toBe(en('note.usage'));
    await h.handle(command('notes', 'Our table thinks otherwise', { userId: guest.userId, languageCode: 'en' }));
    expect(guest.last().text).toBe(en('refused.not_host'));
    // A host's words are the event's: nobody became a help-seeker by sending them.
    expect(await h.db.prisma.contact.count()).toBe(0);
    const notes = await h.areas.themes.notes(event.id);
    expect(notes.map((note) => [note.text, note.photoFileId, note.table])).toEqual([
      ['Victims need a safe place to stay', null, hostSeat.table],
      ['the table paper', 'AgADpaper', hostSeat.table],
    ]);
    // At round 2 the host is given the table's points to summarise for the newcomers.
    await organiser.tap(en('buttons.start', { round: 2 }));
    await h.parts.outbox.idle();
    expect(h.texts(host.userId).at(-1)).toBe(en('round.previous', { table: hostSeat.table, round: 1, points: '• Victims need a safe place to stay\n• the table paper' }));
  });
});
