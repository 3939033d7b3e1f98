import { suggestByKeywords } from '../../shared/keywords.js';
import type { Texts } from '../model.js';
import type { CafeCoding, CafeNote, CafeTheme } from './model.js';

/** The themes whose keywords a note mentions, for a facilitator to confirm (nothing is coded until one does). */
export const suggestThemes = (text: string, themes: readonly CafeTheme[]): CafeTheme[] => suggestByKeywords(text, themes);

/** A theme's count: the notes coded with it and the tables (a round's table) they came from, with the notes' ids. */
export interface ThemeCount {
  theme: CafeTheme;
  noteIds: string[];
  notes: number;
  tables: number;
}

/** How often each theme was coded, linked back to its notes; the most mentioned first. */
export function themeCounts(themes: readonly CafeTheme[], notes: readonly CafeNote[], codings: readonly CafeCoding[]): ThemeCount[] {
  return themes
    .map((theme) => {
      const ids = new Set(codings.filter((coding) => coding.themeId === theme.id).map((coding) => coding.noteId));
      // In the notes' order (as they were sent), not the order they were coded in.
      const coded = notes.filter((note) => ids.has(note.id));
      const tables = new Set(coded.map((note) => `${note.sessionId}:${note.round}:${note.table}`));
      return { theme, noteIds: coded.map((note) => note.id), notes: coded.length, tables: tables.size };
    })
    .sort((a, b) => b.tables - a.tables || b.notes - a.notes || a.theme.code.localeCompare(b.theme.code));
}

/** A text in a language, else in the first language it has. */
export const textIn = (texts: Texts, language: string, fallback: readonly string[] = []): string =>
  texts[language] ?? fallback.map((other) => texts[other]).find((text) => text !== undefined) ?? Object.values(texts)[0] ?? '';
