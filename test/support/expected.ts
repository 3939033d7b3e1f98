import { type Expectation, sayExpected } from '../../src/events/index.js';
import { createI18n, type Language } from '../../src/i18n/index.js';

// What an import problem expected, in the words a reader of `language` sees (the real texts).

const i18n = createI18n();

export const say = (expectation: Expectation, language: Language = 'en'): string => sayExpected(expectation, i18n.forLanguage(language, 'events'));

/** Problems with what they expected said in words. */
export const inWords = <P extends { expected: Expectation }>(problems: readonly P[], language: Language = 'en') =>
  problems.map((problem) => ({ ...problem, expected: say(problem.expected, language) }));

/** A table read, or why not in words. */
export const readInWords = <T extends object>(read: T | { problem: Expectation }) => ('problem' in read ? { problem: say(read.problem) } : read);
