import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type Resource } from 'i18next';
import { packageRoot } from '../shared/paths.js';

/** Languages every locale file must be complete in; Albanian comes first and is the default. */
export const LANGUAGES = ['sq', 'en', 'it', 'el'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'sq';
export const LOCALES_DIR = join(packageRoot, 'locales');

export type Translate = (key: string, vars?: Record<string, string | number>) => string;

export interface I18n {
  readonly languages: readonly Language[];
  t(language: Language, key: string, vars?: Record<string, string | number>): string;
  /** The translation function bound to one language; keys without a namespace (`ns:`) are looked up in `ns`. */
  forLanguage(language: Language, ns?: string): Translate;
}

export const isLanguage = (value: string): value is Language => (LANGUAGES as readonly string[]).includes(value);

/** The language to greet someone in, from the Telegram client's setting; Albanian otherwise. */
export function pickLanguage(languageCode: string | undefined): Language {
  const base = languageCode?.toLowerCase().split(/[-_]/)[0] ?? '';
  return isLanguage(base) ? base : DEFAULT_LANGUAGE;
}

/** Reads locales/<lng>/<namespace>.json for every language that has a folder. */
export function readLocales(dir = LOCALES_DIR): Resource {
  const resources: Resource = {};
  const languages = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name);
  for (const language of languages) {
    resources[language] = {};
    for (const file of readdirSync(join(dir, language)).filter((name) => name.endsWith('.json'))) {
      resources[language][file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, language, file), 'utf8'));
    }
  }
  return resources;
}

export function createI18n(resources: Resource = readLocales()): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    ns: Object.keys(resources[DEFAULT_LANGUAGE] ?? {}),
    defaultNS: 'bot',
    initAsync: false, // resources are in memory: initialise synchronously
    interpolation: { escapeValue: false }, // Telegram text is sent as plain text, not HTML
    returnNull: false,
  });
  const t = (language: Language, key: string, vars?: Record<string, string | number>) => instance.t(key, { lng: language, ...vars });
  // A namespace written in the key itself wins over `ns` (i18next's own rule).
  const forLanguage =
    (language: Language, ns?: string): Translate =>
    (key, vars) =>
      instance.t(key, { lng: language, ...(ns ? { ns } : {}), ...vars });
  return { languages: LANGUAGES, t, forLanguage };
}
