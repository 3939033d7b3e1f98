import type { Language } from '../../i18n/index.js';
import { type Html, html } from '../../shared/html.js';

/** Translates a key (with its namespace, e.g. `reports:html.title`) in a language: what `I18n.t` does. */
export type Translator = (language: Language, key: string, vars?: Record<string, string | number>) => string;

/** A text's variables, the same in every language or chosen per language (a name given in each). */
export type Vars = Record<string, string | number> | ((language: Language) => Record<string, string | number>);

/**
 * The words and numbers of one rendering. Texts come in every language of the report,
 * side by side when there are two (CSS lays a `.pair` out in columns, or stacked in a
 * table header); numbers are shown once, formatted as the first language writes them.
 */
export interface ReportText {
  readonly languages: readonly Language[];
  /** A text of the `reports` namespace's `html` part (or any namespace, with `ns:`), in every language. */
  say(key: string, vars?: Vars): Html;
  /** The same text as plain strings joined by " / ": for SVG titles and aria labels, which hold no markup. */
  plain(key: string, vars?: Vars): string;
  /** The form's own words (an item's wording, a point's label), by language. */
  words(byLanguage: Readonly<Record<string, string>> | undefined, fallback: string): Html;
  plainWords(byLanguage: Readonly<Record<string, string>> | undefined, fallback: string): string;
  /** A code's label in a namespace (`events:orgTypes`), or the code itself when there is none. */
  label(prefix: string, code: string): Html;
  plainLabel(prefix: string, code: string): string;
  count(value: number): string;
  decimal(value: number | null, digits: number): string;
  /** A percentage given as a number from 0 to 100, one decimal unless told. */
  percent(value: number | null, digits?: number): string;
  /** A change in percentage points, signed: "+9.0 pp". */
  points(value: number): string;
  /** What an empty cell shows. */
  readonly empty: string;
}

const NAMESPACE = 'reports:html.';
const qualified = (key: string) => (key.includes(':') ? key : NAMESPACE + key);

function pair(texts: readonly { language: Language; text: string }[]): Html {
  if (texts.length === 1) return html`<span lang="${texts[0]!.language}">${texts[0]!.text}</span>`;
  return html`<span class="pair">${texts.map(({ language, text }) => html`<span lang="${language}">${text}</span>`)}</span>`;
}

/** Texts in several languages as one line, each different text once. */
const joined = (texts: readonly { text: string }[]) => [...new Set(texts.map(({ text }) => text))].join(' / ');

export function reportText(languages: readonly Language[], t: Translator): ReportText {
  const first = languages[0]!;
  const formats = new Map<string, Intl.NumberFormat>();
  const format = (options: Intl.NumberFormatOptions) => {
    const key = JSON.stringify(options);
    if (!formats.has(key)) formats.set(key, new Intl.NumberFormat(first, options));
    return formats.get(key)!;
  };
  const integer = format({ maximumFractionDigits: 0 });
  const signed = format({ minimumFractionDigits: 1, maximumFractionDigits: 1, signDisplay: 'exceptZero' });
  const empty = t(first, `${NAMESPACE}empty`);
  const texts = (key: string, vars?: Vars) => languages.map((language) => ({ language, text: t(language, qualified(key), typeof vars === 'function' ? vars(language) : vars) }));
  const own = (byLanguage: Readonly<Record<string, string>> | undefined, fallback: string) =>
    languages.map((language) => ({ language, text: byLanguage?.[language] ?? Object.values(byLanguage ?? {})[0] ?? fallback }));
  const labels = (prefix: string, code: string) => languages.map((language) => ({ language, text: t(language, `${prefix}.${code}`, { defaultValue: code }) }));
  return {
    languages,
    say: (key, vars) => pair(texts(key, vars)),
    plain: (key, vars) => joined(texts(key, vars)),
    words: (byLanguage, fallback) => pair(own(byLanguage, fallback)),
    plainWords: (byLanguage, fallback) => joined(own(byLanguage, fallback)),
    label: (prefix, code) => pair(labels(prefix, code)),
    plainLabel: (prefix, code) => joined(labels(prefix, code)),
    count: (value) => integer.format(value),
    decimal: (value, digits) => (value === null ? empty : format({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value)),
    percent: (value, digits = 1) => (value === null ? empty : format({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value / 100)),
    points: (value) => t(first, `${NAMESPACE}change.points`, { value: signed.format(value) }),
    empty,
  };
}
