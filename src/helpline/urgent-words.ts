import type { Resource } from 'i18next';
import { foldFor, occursIn, parsePattern, type Pattern } from './urgent-patterns.js';

/**
 * Words that mean danger now, read from locales/<language>/urgent.json and matched only in
 * the person's language (the pattern language is described in urgent-patterns.ts and the
 * README). Each file holds:
 *
 *   "negations": words that cancel a match written right after them ("not", "nuk", "δεν"),
 *   "self_harm": { "<meaning>": "pattern | pattern | ..." }: thoughts of suicide or self-harm,
 *   "danger":    { "<meaning>": "pattern | ..." }: violence, being held, threatened, moved.
 *
 * Words that only ask for help ("help me", "ndihmë") are not urgent: they ask for a person,
 * which every screen offers.
 */
export const URGENT_CATEGORIES = ['self_harm', 'danger'] as const;
export type UrgentCategory = (typeof URGENT_CATEGORIES)[number];

export interface UrgentMatch {
  /** Self-harm is looked for first, so "do ta vras veten" is self-harm and not a threat. */
  category: UrgentCategory;
  /** The entry's name in the locale file, e.g. `passport_taken`. */
  meaning: string;
  /** The pattern that matched, as written in the locale file. */
  pattern: string;
}

export interface UrgentWords {
  /** The first urgent entry of `language` found in the text, if any. */
  detect(text: string, language: string): UrgentMatch | undefined;
}

interface Entry {
  category: UrgentCategory;
  meaning: string;
  pattern: Pattern;
}

interface LanguageWords {
  entries: Entry[];
  negations: Set<string>;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const split = (value: string) =>
  value
    .split('|')
    .map((part) => part.trim())
    .filter(Boolean);

function compile(language: string, table: Record<string, unknown>): LanguageWords {
  const entries: Entry[] = [];
  for (const category of URGENT_CATEGORIES) {
    const group = table[category];
    if (!isRecord(group)) continue;
    for (const [meaning, value] of Object.entries(group)) {
      if (typeof value !== 'string') continue;
      for (const source of split(value)) {
        try {
          entries.push({ category, meaning, pattern: parsePattern(language, source) });
        } catch (error) {
          throw new Error(`locales/${language}/urgent.json, ${category}.${meaning}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
  }
  const negations = typeof table.negations === 'string' ? split(table.negations).map((word) => foldFor(language, word)) : [];
  return { entries, negations: new Set(negations) };
}

/** Compiles every language's urgent words once; throws, naming the entry, on a badly written pattern. */
export function createUrgentWords(resources: Resource): UrgentWords {
  const byLanguage = new Map<string, LanguageWords>();
  for (const language of Object.keys(resources)) {
    const table = resources[language]?.urgent;
    if (isRecord(table)) byLanguage.set(language, compile(language, table));
  }
  return {
    detect(text, language) {
      const words = byLanguage.get(language);
      if (!words) return undefined;
      const folded = foldFor(language, text).split(' ').filter(Boolean);
      const found = words.entries.find((entry) => occursIn(entry.pattern, folded, words.negations));
      return found && { category: found.category, meaning: found.meaning, pattern: found.pattern.source };
    },
  };
}
