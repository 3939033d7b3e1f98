import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { shortRef } from '../../src/events/index.js';
import { cafeEvent } from '../support/cafe.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { eventsBot, type EventsHarness } from '../support/events-bot.js';
import { emptyTables } from '../support/events-chat.js';

// The codebook over the harvest, and what the projector reads of a café: the round and
// its timer, the tables with first names only, the themes with their counts.

const MINUTE = 60_000;

describe.each(PROVIDERS_UNDER_TEST)("the café's codebook and board on $name", ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  let h: EventsHarness;

  beforeEach(async () => {
    if (skip) return;
    await emptyTables(database);
    h = await eventsBot({ database });
  });
  afterEach(async () => h?.dispose());

  /** Eight people: three tables (one a round, so that nobody comes back to a table). Round 1 played, every host sent a point; round 2 running for five minutes. */
  async function harvested() {
    const cafe = await cafeEvent(h, 8);
    const { event, session, people } = cafe;
    await h.areas.cafe.plan(event.id, session.id);
    await h.areas.cafe.control(event.id, session.id, 1, { kind: 'start' });
    h.clock.advance(20 * MINUTE);
    await h.areas.cafe.tick();
    const hosts = (await h.areas.cafe.seats(session.id)).filter((seat) => seat.round === 1 && seat.host).sort((a, b) => a.table - b.table);
    const points = ['Shelters close when funding stops', 'No shared database of cases'];
    for (const [index, seat] of hosts.entries()) {
      const host = people.find((person) => person.id === seat.participantId)!;
      h.clock.advance(1000);
      await h.areas.cafe.note(host.telegramId, { text: points[index] ?? 'more' }, false, 'en');
    }
    await h.areas.cafe.control(event.id, session.id, 2, { kind: 'start' });
    h.clock.advance(5 * MINUTE);
    return { ...cafe, hosts };
  }

  it.skipIf(skip)('suggests themes from keywords, codes what a facilitator confirms, and counts it', async () => {
    const { event } = await harvested();
    expect(await h.areas.themes.add(event.id, { code: 'shelter', labels: { sq: 'Strehimi', en: 'Shelter' }, definitions: { en: 'Places victims can stay' }, keywords: ['shelter'] })).toMatchObject({
      kind: 'added',
    });
    await h.areas.themes.add(event.id, { code: 'data', labels: { sq: 'Të dhënat', en: 'Data' }, keywords: ['database'] });
    expect(await h.areas.themes.add(event.id, { code: 'data', labels: { en: 'Again' } })).toEqual({ kind: 'taken' });
    expect(await h.areas.themes.add(event.id, { code: 'bad code', labels: { en: 'x' } })).toMatchObject({ kind: 'invalid' });
    const suggestions = await h.areas.themes.suggestions(event.id);
    expect(suggestions.map((s) => [s.note.text, s.themes.map((theme) => theme.code)])).toEqual([
      ['Shelters close when funding stops', ['shelter']],
      ['No shared database of cases', ['data']],
    ]);
    // Nothing counts until a facilitator confirms.
    expect((await h.areas.themes.counts(event.id)).map((count) => count.notes)).toEqual([0, 0]);
    const first = suggestions[0]!.note;
    expect(await h.areas.themes.confirm(event.id, shortRef(first.id), 'shelter', 'op-1')).toMatchObject({ kind: 'coded' });
    expect(await h.areas.themes.confirm(event.id, shortRef(first.id), 'shelter', 'op-1')).toMatchObject({ kind: 'already' });
    expect(await h.areas.themes.confirm(event.id, shortRef(first.id), 'trafficking', 'op-1')).toEqual({ kind: 'no_theme' });
    expect(await h.areas.themes.confirm(event.id, '000000000000', 'shelter', 'op-1')).toEqual({ kind: 'no_note' });
    const counts = await h.areas.themes.counts(event.id);
    expect(counts.map((count) => [count.theme.code, count.notes, count.tables, count.noteIds])).toEqual([
      ['shelter', 1, 1, [first.id]],
      ['data', 0, 0, []],
    ]);
    expect((await h.areas.themes.suggestions(event.id)).map((s) => s.note.text)).toEqual(['No shared database of cases']);
  });

  it.skipIf(skip)('shows the projector the round under way, its timer, the tables by first name and the themes', async () => {
    const { event, session, people } = await harvested();
    await h.areas.themes.add(event.id, { code: 'shelter', labels: { sq: 'Strehimi', en: 'Shelter' }, keywords: ['shelter'] });
    const [suggestion] = await h.areas.themes.suggestions(event.id);
    await h.areas.themes.confirm(event.id, shortRef(suggestion!.note.id), 'shelter', 'op-1');
    const board = await h.areas.cafeBoard(event.id);
    expect(board.round).toEqual({
      session: session.id,
      number: 2,
      of: 3,
      question: session.questions[1],
      status: 'running',
      endsAt: new Date(h.clock.now().getTime() + 15 * MINUTE).toISOString(),
      remainingMs: 15 * MINUTE,
    });
    const seats = (await h.areas.cafe.seats(session.id)).filter((seat) => seat.round === 2);
    expect(board.tables.map((table) => table.table)).toEqual([1, 2, 3]);
    const firstNameOf = (id: string) => people.find((person) => person.id === id)!.name.split(' ')[0];
    for (const table of board.tables) {
      const at = seats.filter((seat) => seat.table === table.table);
      expect(table.host).toBe(firstNameOf(at.find((seat) => seat.host)!.participantId));
      expect([...table.members].sort()).toEqual(at.map((seat) => firstNameOf(seat.participantId)).sort());
    }
    // First names only: no surname reaches the projector.
    expect(JSON.stringify(board)).not.toContain('Surname');
    expect(board.themes).toEqual([{ label: { sq: 'Strehimi', en: 'Shelter' }, notes: 1, tables: 1 }]);
    await h.areas.cafe.control(event.id, session.id, 2, { kind: 'pause' });
    h.clock.advance(10 * MINUTE);
    expect((await h.areas.cafeBoard(event.id)).round).toMatchObject({ status: 'paused', endsAt: null, remainingMs: 15 * MINUTE });
  });

  it.skipIf(skip)('shows an empty board for an event whose café has not begun', async () => {
    const { event } = await cafeEvent(h, 3);
    expect(await h.areas.cafeBoard(event.id)).toEqual({ tables: [], themes: [] });
  });
});
