/**
 * How names are recognised across the rows of a list, a later list and a sign-in
 * sheet: case and spacing ignored, nothing else. "Qendra  Tjetër Vizion" and
 * "qendra tjetër vizion" are one organisation; "Qendra Tjeter Vizion" (without ë) is
 * another, because guessing is worse than reporting: an unmatched row is shown to the
 * organiser, a wrong match is not. Unicode forms are unified first (NFKC), so that an
 * ë typed as e + ¨ is still an ë.
 */

/** A name as stored: its spacing collapsed to single spaces, its ends trimmed. */
export const cleanName = (text: string): string => text.normalize('NFKC').replace(/\s+/gu, ' ').trim();

/** What recognises a name: cleaned and lower-cased. */
export const nameKey = (text: string): string => cleanName(text).toLowerCase();

/**
 * A code typed in a list (a county, a type of organisation): lower-cased, accents
 * and spacing dropped, spaces and hyphens read as underscores, so that "Korçë" is
 * `korce` and "Local gov" is `local_gov`. Only for values from a closed set: a wrong
 * one still fails validation.
 */
export const codeKey = (text: string): string =>
  cleanName(text)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
