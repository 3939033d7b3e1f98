import type { Resource } from 'i18next';

/**
 * Words and phrases that mean danger now, in every language Ura speaks, from
 * locales/<language>/urgent.json: `phrases.<meaning>` holds alternatives
 * separated by "|". Matching ignores case, accents and diacritics (people often
 * type "ndihme" for "ndihmë" on a foreign keyboard) and needs whole words.
 */
export interface UrgentWords {
  /** The meaning of the first urgent phrase found in the text, if any. */
  detect(text: string): string | undefined;
}

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’`]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();

export function createUrgentWords(resources: Resource): UrgentWords {
  const phrases: { meaning: string; folded: string }[] = [];
  for (const language of Object.keys(resources)) {
    const table = resources[language]?.urgent;
    const entries = typeof table === 'object' && table !== null ? Reflect.get(table, 'phrases') : undefined;
    if (typeof entries !== 'object' || entries === null) continue;
    for (const [meaning, value] of Object.entries(entries)) {
      if (typeof value !== 'string') continue;
      for (const phrase of value.split('|').map(fold).filter(Boolean)) phrases.push({ meaning, folded: phrase });
    }
  }
  return {
    detect(text) {
      const folded = ` ${fold(text)} `;
      return phrases.find((phrase) => folded.includes(` ${phrase.folded} `))?.meaning;
    },
  };
}
