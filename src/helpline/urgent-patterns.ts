/**
 * The small pattern language of locales/<language>/urgent.json, and the folding that lets
 * a pattern written once match the ways people really type it. Pure functions.
 *
 * A pattern is a sequence of word slots separated by spaces; the words must come in that
 * order, next to each other, anywhere in the message:
 *
 *   rrah*          any word that starts with "rrah" (rrahin, rrahën, rrahu)
 *   ma/m'i/më      any one of these words in this place
 *   (kanë/kan)     an optional word
 *   ...            up to four other words in between (also written …)
 *   !zemra         the next word must not be this one (for idioms: "më rreh zemra")
 *
 * Case, accents, apostrophes ("s'më" is "smë") and punctuation never matter. Per language:
 * Albanian folds ë to e, ç and q to c, rr to r and ll to l (people type "me rrahen",
 * "po me qojne"); Greek folds accents and final sigma and is matched in Greek letters and
 * in Latin "greeklish" alike ("με βίασαν" and "me viasan").
 */

/** How many other words `...` may stand for. */
export const GAP_WORDS = 4;

interface Alternative {
  word: string;
  stem: boolean;
}

type Slot = { kind: 'word'; alternatives: Alternative[]; optional: boolean } | { kind: 'gap' } | { kind: 'not'; alternatives: Alternative[] };

export interface Pattern {
  /** The pattern as written in the locale file. */
  source: string;
  slots: Slot[];
}

const APOSTROPHES = /['’‘`´ʼ]/gu;

function basicFold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const GREEK_LETTERS: Record<string, string> = {
  α: 'a',
  β: 'v',
  γ: 'g',
  δ: 'd',
  ε: 'e',
  ζ: 'z',
  η: 'i',
  θ: '8',
  ι: 'i',
  κ: 'k',
  λ: 'l',
  μ: 'm',
  ν: 'n',
  ξ: 'ks',
  ο: 'o',
  π: 'p',
  ρ: 'r',
  σ: 's',
  ς: 's',
  τ: 't',
  υ: 'y',
  φ: 'f',
  χ: 'x',
  ψ: 'ps',
  ω: 'o',
};

// Greeklish has many spellings of one sound; both Greek letters (written as Latin first)
// and Latin ones end in one spelling. The order matters: digraphs before single letters.
const GREEKLISH: [RegExp, string][] = [
  [/th/g, '8'],
  [/ch|kh/g, 'x'],
  [/ph/g, 'f'],
  [/gh/g, 'g'],
  [/dh/g, 'd'],
  [/mp/g, 'b'],
  [/nt/g, 'd'],
  [/gk|gg/g, 'g'],
  [/o[uy]/g, 'u'],
  [/a[yuf]/g, 'av'],
  [/e[yuf]/g, 'ev'],
  [/[eoy]i/g, 'i'],
  [/ai/g, 'e'],
  [/y/g, 'i'],
  [/h/g, 'i'],
  [/w/g, 'o'],
  [/b/g, 'v'],
  [/(\p{L})\1+/gu, '$1'],
];

function foldGreek(text: string): string {
  let latin = [...basicFold(text)].map((letter) => GREEK_LETTERS[letter] ?? letter).join('');
  for (const [from, to] of GREEKLISH) latin = latin.replace(from, to);
  return latin;
}

/** The text as the patterns of `language` see it: words separated by single spaces. */
export function foldFor(language: string, text: string): string {
  if (language === 'el') return foldGreek(text);
  const folded = basicFold(text);
  if (language === 'sq') return folded.replace(/q/g, 'c').replace(/rr/g, 'r').replace(/ll/g, 'l');
  return folded;
}

function alternativesOf(language: string, written: string, source: string): Alternative[] {
  return written.split('/').map((alternative) => {
    const stem = alternative.endsWith('*');
    const word = foldFor(language, stem ? alternative.slice(0, -1) : alternative);
    if (!word || word.includes(' ')) throw new Error(`"${alternative}" in the urgent pattern "${source}" is not one word`);
    return { word, stem };
  });
}

/** Reads one pattern; throws, naming it, if it is not well written. */
export function parsePattern(language: string, source: string): Pattern {
  const slots = source
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((token): Slot => {
      if (token === '...' || token === '…') return { kind: 'gap' };
      if (token.startsWith('!')) return { kind: 'not', alternatives: alternativesOf(language, token.slice(1), source) };
      const optional = /^\(.+\)$/.test(token);
      return { kind: 'word', alternatives: alternativesOf(language, optional ? token.slice(1, -1) : token, source), optional };
    });
  if (!slots.some((slot) => slot.kind === 'word' && !slot.optional)) throw new Error(`the urgent pattern "${source}" needs at least one word that is not optional`);
  return { source, slots };
}

const fits = (alternatives: Alternative[], word: string | undefined) =>
  word !== undefined && alternatives.some((alternative) => (alternative.stem ? word.startsWith(alternative.word) : word === alternative.word));

/** Whether the slots from `slot` on match the words from `at` on. */
function matchesFrom(slots: Slot[], slot: number, words: string[], at: number): boolean {
  const current = slots[slot];
  if (current === undefined) return true;
  switch (current.kind) {
    case 'gap':
      for (let skip = 0; skip <= GAP_WORDS && at + skip <= words.length; skip++) if (matchesFrom(slots, slot + 1, words, at + skip)) return true;
      return false;
    case 'not':
      return !fits(current.alternatives, words[at]) && matchesFrom(slots, slot + 1, words, at);
    case 'word':
      if (fits(current.alternatives, words[at]) && matchesFrom(slots, slot + 1, words, at + 1)) return true;
      return current.optional && matchesFrom(slots, slot + 1, words, at);
  }
}

/**
 * Whether the pattern occurs in the folded words. A match right after a negation
 * ("I'm not in danger", "δεν κινδυνεύω") does not count.
 */
export function occursIn(pattern: Pattern, words: string[], negations: ReadonlySet<string>): boolean {
  for (let at = 0; at < words.length; at++) {
    const before = words[at - 1];
    if (before !== undefined && negations.has(before)) continue;
    if (matchesFrom(pattern.slots, 0, words, at)) return true;
  }
  return false;
}
