/** Lower case without diacritics: "Strehëz" and "strehez" are one word to a keyword. */
const plain = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** The words of a text, in plain form. */
const wordsOf = (text: string) =>
  plain(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * The candidates (themes of a codebook) whose keywords a text mentions, in their order, for a
 * person to confirm: a keyword matches a word that starts with it (so "shelter" finds
 * "shelters"), a keyword of several words matches them in a row; case and diacritics are
 * ignored. A suggestion codes nothing by itself.
 */
export function suggestByKeywords<T extends { keywords: readonly string[] }>(text: string, candidates: readonly T[]): T[] {
  const words = wordsOf(text);
  const mentions = (keyword: string) => {
    const parts = wordsOf(keyword);
    if (parts.length === 0) return false;
    return words.some((_, start) => parts.every((part, offset) => words[start + offset]?.startsWith(part) ?? false));
  };
  return candidates.filter((candidate) => candidate.keywords.some(mentions));
}
