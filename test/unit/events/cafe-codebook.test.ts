import { describe, expect, it } from 'vitest';
import { type CafeNote, type CafeTheme, suggestThemes, themeCounts, themeInputSchema } from '../../../src/events/index.js';

// The codebook's arithmetic: keyword suggestions for a facilitator to confirm, and theme counts linked back to notes.

const theme = (code: string, keywords: string[]): CafeTheme => ({ id: `t-${code}`, eventId: 'e', code, labels: { en: code }, definitions: {}, keywords, createdAt: new Date(0) });
const note = (id: string, round: number, table: number, text: string): CafeNote => ({
  id,
  eventId: 'e',
  sessionId: 's',
  round,
  table,
  participantId: 'p',
  text,
  photoFileId: null,
  createdAt: new Date(0),
});
const shelter = theme('shelter', ['strehëz', 'safe place']);
const data = theme('data', ['database', 'statistik']);
const trust = theme('trust', ['trust']);

describe('the codebook', () => {
  it('suggests the themes whose keywords a note mentions, whatever the case and the diacritics', () => {
    expect(suggestThemes('Mungojnë STREHEZAT për viktimat', [shelter, data, trust])).toEqual([shelter]);
    expect(suggestThemes('Statistikat nuk përputhen: one database for all', [shelter, data, trust])).toEqual([data]);
    expect(suggestThemes('A Safe   place to stay, and trust between NGOs', [shelter, data, trust])).toEqual([shelter, trust]);
    // A keyword of two words matches them in a row only.
    expect(suggestThemes('a place that is safe', [shelter])).toEqual([]);
    expect(suggestThemes('distrust', [trust])).toEqual([]);
  });

  it('counts the notes and the tables coded with each theme, and links them back', () => {
    const notes = [note('n1', 1, 1, 'a'), note('n2', 1, 1, 'b'), note('n3', 2, 1, 'c'), note('n4', 1, 2, 'd')];
    const coded = (noteId: string, themeId: string) => ({ noteId, themeId, eventId: 'e', codedBy: 'cli', codedAt: new Date(0) });
    const counts = themeCounts([shelter, data, trust], notes, [coded('n1', 't-data'), coded('n2', 't-data'), coded('n3', 't-shelter'), coded('n4', 't-shelter'), coded('n1', 't-shelter')]);
    expect(counts.map((count) => [count.theme.code, count.notes, count.tables, count.noteIds])).toEqual([
      // Table 1 of round 1 and table 1 of round 2 are two tables: the conversation there was another.
      ['shelter', 3, 3, ['n1', 'n3', 'n4']],
      ['data', 2, 1, ['n1', 'n2']],
      ['trust', 0, 0, []],
    ]);
  });

  it('takes a theme only with a usable code and a label', () => {
    expect(themeInputSchema.safeParse({ code: 'Shelter', labels: { sq: 'Strehimi', en: 'Shelter' }, keywords: ['strehë'] }).data).toMatchObject({ code: 'shelter', definitions: {} });
    expect(themeInputSchema.safeParse({ code: 'two words', labels: { en: 'x' } }).success).toBe(false);
    expect(themeInputSchema.safeParse({ code: 'ok', labels: {} }).success).toBe(false);
    expect(themeInputSchema.safeParse({ code: 'ok', labels: { english: 'x' } }).success).toBe(false);
  });
});
