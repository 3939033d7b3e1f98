import { describe, expect, it } from 'vitest';
import { createBoard, EventError, firstName } from '../../../src/events/index.js';
import { eventRecord, fakeBoardParts, handsPoll, runningCafe } from '../../support/board.js';

const ENDS_AT = new Date('2026-11-20T10:20:00Z');
const FULL_NAMES = ['Drita Hoxha', 'Ilir Gashi', 'Besa Leka', 'Arta Krasniqi', 'Genti Shehu', 'Mira Dervishi'];
const SURNAMES = FULL_NAMES.map((name) => name.split(' ')[1] ?? '');

describe('the projector board', () => {
  it('shows the round, the tables by first name with the host, the themes and the polls', async () => {
    const { parts } = fakeBoardParts(eventRecord(), runningCafe(ENDS_AT), [handsPoll(8, 4)]);
    const board = await createBoard(parts).snapshot('ev-2026');
    expect(board.event).toEqual({ name: { sq: 'Konferenca kombëtare 2026', en: 'National conference 2026' }, languages: ['sq', 'en'], namesShown: true });
    expect(board.round).toMatchObject({ number: 2, of: 3, status: 'running', endsAt: ENDS_AT.toISOString(), remainingMs: null });
    expect(board.tables).toEqual([
      { table: 1, seats: 3, host: 'Drita', members: ['Drita', 'Ilir', 'Besa'] },
      { table: 2, seats: 3, host: 'Arta', members: ['Arta', 'Genti', 'Mira'] },
    ]);
    expect(board.themes.map((theme) => [theme.label.en, theme.notes, theme.tables])).toEqual([
      ['Cooperation', 7, 2],
      ['Shelter', 3, 1],
    ]);
    expect(board.polls).toEqual([handsPoll(8, 4)]);
    // No surname reaches the page, anywhere in what it receives.
    const sent = JSON.stringify(board);
    for (const surname of SURNAMES) expect(sent).not.toContain(surname);
  });

  it('sends no name at all when the event shows table numbers only: the tables keep their numbers and how many sit there', async () => {
    const { parts } = fakeBoardParts(eventRecord({ namesShown: false }), runningCafe(ENDS_AT), []);
    const board = await createBoard(parts).snapshot('ev-2026');
    expect(board.event.namesShown).toBe(false);
    expect(board.tables).toEqual([
      { table: 1, seats: 3, host: null, members: [] },
      { table: 2, seats: 3, host: null, members: [] },
    ]);
    const sent = JSON.stringify(board);
    for (const name of FULL_NAMES.flatMap((full) => full.split(' '))) expect(sent).not.toContain(name);
  });

  it('keeps only what changes when something happens: a running round has no remaining time, a paused one no end', async () => {
    const cafe = runningCafe(ENDS_AT);
    const running = { ...cafe, round: { ...cafe.round!, remainingMs: 61_000 } };
    const { parts, state } = fakeBoardParts(eventRecord(), running, []);
    const board = createBoard(parts);
    expect((await board.snapshot('ev-2026')).round).toMatchObject({ endsAt: ENDS_AT.toISOString(), remainingMs: null });
    state.cafe = { ...cafe, round: { ...cafe.round!, status: 'paused', remainingMs: 95_000 } };
    expect((await board.snapshot('ev-2026')).round).toMatchObject({ status: 'paused', endsAt: null, remainingMs: 95_000 });
    state.cafe = { ...cafe, round: { ...cafe.round!, status: 'ended', remainingMs: 0 } };
    expect((await board.snapshot('ev-2026')).round).toMatchObject({ status: 'ended', endsAt: null, remainingMs: null });
  });

  it('shows an event without rounds or polls as an empty board, and refuses an unknown event', async () => {
    const board = createBoard({ event: async (id) => (id === 'ev-2026' ? eventRecord() : undefined) });
    const empty = await board.snapshot('ev-2026');
    expect(empty).toEqual({ event: expect.any(Object), tables: [], themes: [], polls: [], groups: [], topics: [] });
    expect('round' in empty).toBe(false);
    await expect(board.snapshot('nope')).rejects.toSatisfy((error) => error instanceof EventError && error.code === 'event_not_found');
  });

  it('shows the group work and the Open Space topics as their part gives them, names of nobody', async () => {
    const groups = [{ values: ['diber', 'kukes'], by: 'region', voters: 7, actions: [{ text: 'A shelter in the north', dots: 12, chosen: true }] }];
    const topics = [{ slot: 1, title: 'A shelter in the north', members: 4, capacity: 6 }];
    const board = createBoard({ event: async () => eventRecord(), work: async () => ({ groups, topics }) });
    expect(await board.snapshot('ev-2026')).toMatchObject({ groups, topics });
  });

  it('takes a first name as the first word, whatever the spacing', () => {
    expect(firstName('  Drita   Hoxha ')).toBe('Drita');
    expect(firstName('Ilir')).toBe('Ilir');
  });
});
