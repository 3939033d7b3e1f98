import { z } from 'zod';
import type { Clock } from '../../shared/clock.js';
import { newId } from '../../shared/ids.js';
import { byRef } from '../registration.js';
import { suggestThemes, type ThemeCount, themeCounts } from './codebook.js';
import type { CafeNote, CafeStore, CafeTheme } from './model.js';

const texts = (max: number) => z.record(z.string().regex(/^[a-z]{2}$/, 'a language code of two letters'), z.string().trim().min(1).max(max));

/** A theme as a facilitator writes it. */
export const themeInputSchema = z.object({
  code: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9][a-z0-9_-]{0,29}$/, 'letters a-z, digits, - and _, up to 30'),
  labels: texts(60).refine((value) => Object.keys(value).length > 0, 'at least one language'),
  definitions: texts(300).default({}),
  keywords: z.array(z.string().trim().min(2).max(40)).max(30).default([]),
});
export type ThemeInput = z.input<typeof themeInputSchema>;

export type ThemeAdded = { kind: 'added'; theme: CafeTheme } | { kind: 'invalid'; problems: string[] } | { kind: 'taken' };
export type Coded = { kind: 'coded' | 'already'; note: CafeNote; theme: CafeTheme } | { kind: 'no_note' } | { kind: 'no_theme' };

/** An event's codebook: its themes, suggestions from their keywords, the codes facilitators confirm, the counts. */
export function createThemes(deps: { store: CafeStore; clock: Clock }) {
  const { store, clock } = deps;
  return {
    async add(eventId: string, input: ThemeInput): Promise<ThemeAdded> {
      const parsed = themeInputSchema.safeParse(input);
      if (!parsed.success) return { kind: 'invalid', problems: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'theme'}: ${issue.message}`) };
      const theme: CafeTheme = { id: newId(), eventId, ...parsed.data, createdAt: clock.now() };
      return (await store.addTheme(theme)) ? { kind: 'added', theme } : { kind: 'taken' };
    },
    /** Every theme with the notes and tables coded with it, linked back to the notes. */
    async counts(eventId: string): Promise<ThemeCount[]> {
      const [themes, notes, codings] = await Promise.all([store.themes(eventId), store.notes(eventId), store.codings(eventId)]);
      return themeCounts(themes, notes, codings);
    },
    /** Each note with text and the themes its words suggest that it is not coded with yet. */
    async suggestions(eventId: string): Promise<{ note: CafeNote; themes: CafeTheme[] }[]> {
      const [themes, notes, codings] = await Promise.all([store.themes(eventId), store.notes(eventId), store.codings(eventId)]);
      const coded = new Set(codings.map((coding) => `${coding.noteId}:${coding.themeId}`));
      return notes
        .map((note) => ({ note, themes: suggestThemes(note.text ?? '', themes).filter((theme) => !coded.has(`${note.id}:${theme.id}`)) }))
        .filter((suggestion) => suggestion.themes.length > 0);
    },
    /** A facilitator codes the note `noteRef` (12 hex digits of its id) with theme `code`. */
    async confirm(eventId: string, noteRef: string, code: string, by: string): Promise<Coded> {
      const [themes, notes] = await Promise.all([store.themes(eventId), store.notes(eventId)]);
      const note = byRef(notes, noteRef.trim().toLowerCase());
      if (!note) return { kind: 'no_note' };
      const theme = themes.find((candidate) => candidate.code === code.trim().toLowerCase());
      if (!theme) return { kind: 'no_theme' };
      const added = await store.addCoding({ noteId: note.id, themeId: theme.id, eventId, codedBy: by, codedAt: clock.now() });
      return { kind: added ? 'coded' : 'already', note, theme };
    },
    notes: (eventId: string) => store.notes(eventId),
  };
}

export type Themes = ReturnType<typeof createThemes>;
