import { beforeEach, describe, expect, it } from 'vitest';
import { organiserEvents } from '../../src/compose-organiser-events.js';
import { createBoard, type EventRecord, type Events } from '../../src/events/index.js';
import { runningCafe } from '../support/board.js';
import { fakeClock } from '../support/clock.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { eventsOn } from '../support/events.js';
import { firstBoard } from '../support/projector-access.js';
import { csrfIn, organiserWebHarness } from '../support/organiser-web.js';

const TABLES = ['eventAttendance', 'eventParticipant', 'eventInvitee', 'eventOrganisation', 'eventSession', 'eventOrganiser', 'event'] as const;

describe.each(PROVIDERS_UNDER_TEST)('the projector’s code and setting on the events area, on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  const clock = fakeClock('2026-11-20T07:00:00Z');
  let events: Events;

  beforeEach(async () => {
    if (skip) return;
    for (const table of TABLES) await (database.db.prisma[table] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
    events = eventsOn(database.db.prisma, clock);
  });

  const create = async (name: string): Promise<EventRecord> => {
    const created = await events.create({ names: { sq: name, en: name }, startsOn: '2026-11-20', days: 2, templateId: 'annual-conference' });
    if (created.kind !== 'created') throw new Error(JSON.stringify(created.problems));
    return created.event;
  };

  it.skipIf(skip)('gives every new event its own unguessable code, which opens that event only, and first names by default', async () => {
    const conference = await create('Konferenca');
    const committee = await create('Komiteti');
    for (const event of [conference, committee]) {
      expect(event.publicCode).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(Buffer.from(event.publicCode ?? '', 'base64url')).toHaveLength(16);
      expect(event.namesShown).toBe(true);
    }
    expect(conference.publicCode).not.toBe(committee.publicCode);
    expect((await events.byPublicCode(conference.publicCode ?? ''))?.id).toBe(conference.id);
    expect(await events.projector(conference.id)).toEqual({ publicCode: conference.publicCode, namesShown: true });
    // Neither the join code nor the id, nor a code one character off, opens the board.
    const code = conference.publicCode ?? '';
    const oneOff = `${code.startsWith('A') ? 'B' : 'A'}${code.slice(1)}`;
    for (const other of [conference.joinCode, conference.id, oneOff, '']) expect(await events.byPublicCode(other)).toBeUndefined();
  });

  it.skipIf(skip)('gives an event made before the codes one when first asked (once, however many ask at once), and keeps it', async () => {
    const old = await create('Konferenca 2025');
    await database.db.prisma.event.update({ where: { id: old.id }, data: { publicCode: null } });
    const asked = await Promise.all([events.projector(old.id), events.projector(old.id), events.projector(old.id)]);
    expect(new Set(asked.map((projector) => projector.publicCode)).size).toBe(1);
    const [first] = asked;
    expect(first?.publicCode).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await events.projector(old.id)).toEqual(first);
    expect((await events.byPublicCode(first?.publicCode ?? ''))?.id).toBe(old.id);
  });

  it.skipIf(skip)('shows table numbers only once an organiser says so on the event’s page, and the board then carries no name', async () => {
    const event = await create('Konferenca');
    await events.addOrganiser(event.id, 'staff-5001');
    const web = organiserEvents({ events, botUsername: () => 'ura_test_bot' });
    const board = createBoard({ event: (id) => events.find(id), cafe: async () => runningCafe(new Date('2026-11-20T08:20:00Z')) });
    const h = await organiserWebHarness({ events: web, projector: { events, board, controls: { act: async () => ({ ok: true }) } } });
    try {
      const organiser = h.staff.add('5001', 'organiser');
      const cookie = await h.sessionOf(organiser);
      const page = await (await h.fetch(`/organiser/events/${event.id}`, { headers: { cookie } })).text();
      expect(page).toContain(`href="/e/${event.publicCode}"`);
      expect(page).toContain(`href="/e/${event.publicCode}/control"`);
      expect(JSON.stringify(await firstBoard(await h.fetch(`/e/${event.publicCode}/stream`)))).toContain('Drita');

      const post = (body: string) =>
        h.fetch(`/organiser/events/${event.id}/projector`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
          body: `_csrf=${encodeURIComponent(csrfIn(page))}&${body}`,
        });
      expect((await post('namesShown=maybe')).status).toBe(400);
      expect((await events.projector(event.id)).namesShown).toBe(true);
      const saved = await post('namesShown=false');
      expect(saved.status).toBe(303);
      expect(saved.headers.get('location')).toBe(`/organiser/events/${event.id}`);
      expect(await events.projector(event.id)).toEqual({ publicCode: event.publicCode, namesShown: false });

      // A screen that was watching may get the last board read before the change first; the next read has none.
      const stripped = await firstBoard(await h.fetch(`/e/${event.publicCode}/stream`), (board) => !board.event.namesShown);
      expect(stripped.tables.map((table) => [table.table, table.seats, table.host, table.members])).toEqual([
        [1, 3, null, []],
        [2, 3, null, []],
      ]);
      for (const name of ['Drita', 'Hoxha', 'Ilir', 'Arta']) expect(JSON.stringify(stripped)).not.toContain(name);
    } finally {
      await h.close();
    }
  });
});
