import type { Clock } from '../../shared/clock.js';
import { suggestByKeywords } from '../../shared/keywords.js';
import { openAnswersOf, parseAnswerRef } from './answer-ref.js';
import { NO_THEME } from './codebook-file.js';
import type { CodebookScope, CodebookTheme, CodingStore, CodingTarget, OpenAnswer } from './model.js';
import { type CodingSummary, summarise } from './summary.js';

/** At most this many coders code one answer: agreement compares two. */
export const MAX_CODERS = 2;
export const MAX_QUOTE = 500;

type NoAnswer = { kind: 'no_answer' };
type NoCodebook = { kind: 'no_codebook' };
type UnknownThemes = { kind: 'unknown_theme'; codes: string[]; known: string[] };

export type CodebookImported = { kind: 'imported'; themes: number } | { kind: 'in_use'; codes: string[] };
export type NextAnswer = { kind: 'next'; answer: OpenAnswer; themes: CodebookTheme[]; suggested: CodebookTheme[]; left: number } | { kind: 'done' } | NoCodebook;
export type Coded =
  | { kind: 'coded' | 'replaced'; answer: OpenAnswer; themes: string[] }
  | { kind: 'invalid'; problem: string }
  | { kind: 'third_coder'; coders: string[] }
  | NoAnswer
  | NoCodebook
  | UnknownThemes;
export type Resolved = { kind: 'resolved'; answer: OpenAnswer; themes: string[] } | { kind: 'not_double_coded'; coders: number } | { kind: 'agreed' } | NoAnswer | NoCodebook | UnknownThemes;
export type Quoted = { kind: 'quoted' | 'replaced'; answer: OpenAnswer } | { kind: 'invalid'; problem: string } | NoAnswer;

/** Theme codes as a coder lists them ("trust, data"), or "none" for an answer no theme fits. */
export function parseThemeList(text: string): string[] | { problem: string } {
  const codes = [
    ...new Set(
      text
        .split(',')
        .map((code) => code.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
  if (codes.length === 0) return { problem: `name the themes, separated by commas, or "${NO_THEME}" when none applies` };
  if (codes.includes(NO_THEME)) return codes.length === 1 ? [] : { problem: `"${NO_THEME}" cannot be listed with themes` };
  return codes;
}

/** A coder's name as given, or why it cannot be one. */
function coderName(name: string): string | { problem: string } {
  const trimmed = name.trim();
  if (trimmed === '' || trimmed.length > 40 || /\p{Cc}/u.test(trimmed)) return { problem: 'a coder is named by 1 to 40 characters' };
  return trimmed;
}

/**
 * Coding the open answers of a survey form: a codebook per form or event, one or two coders
 * per answer (several themes each, suggested by keywords, always chosen by the coder), the
 * resolution of the two coders' disagreements, quotes anonymised by the coder, and the
 * summary the evaluation report takes.
 */
export function createCoding(deps: { store: CodingStore; clock: Clock }) {
  const { store, clock } = deps;

  /** The codebook that codes an event's answers: the event's own, else the form's. */
  async function codebookFor(formId: string, eventId: string | null): Promise<CodebookTheme[]> {
    const own = eventId === null ? [] : await store.themes({ formId, eventId });
    return own.length > 0 ? own : store.themes({ formId, eventId: null });
  }

  async function answersOf(target: CodingTarget): Promise<OpenAnswer[]> {
    return (await store.responses(target)).flatMap(openAnswersOf);
  }

  /** The answer a reference names, with the form it answers; none when no (or, most unlikely, more than one) answer has it. */
  async function locate(ref: string): Promise<{ answer: OpenAnswer; formId: string } | undefined> {
    const parsed = parseAnswerRef(ref);
    if (!parsed) return undefined;
    const found = (await store.responsesStartingWith(parsed.prefix)).flatMap((response) =>
      openAnswersOf(response)
        .filter((answer) => answer.ref === ref.trim().toLowerCase())
        .map((answer) => ({ answer, formId: response.formId })),
    );
    return found.length === 1 ? found[0] : undefined;
  }

  /** The themes an answer's words suggest (a coder always decides). */
  const suggestedFor = (answer: OpenAnswer, themes: readonly CodebookTheme[]): CodebookTheme[] =>
    suggestByKeywords(
      answer.text,
      themes.map((theme) => ({ theme, keywords: Object.values(theme.keywords).flat() })),
    ).map(({ theme }) => theme);

  /** The codes a codebook lacks, if any. */
  const unknown = (codes: readonly string[], themes: readonly CodebookTheme[]): UnknownThemes | undefined => {
    const missing = codes.filter((code) => !themes.some((theme) => theme.code === code));
    return missing.length > 0 ? { kind: 'unknown_theme', codes: missing, known: themes.map((theme) => theme.code) } : undefined;
  };

  /** The answer a reference names, with the themes given checked against its codebook: what coding and resolving both start from. */
  async function answerToCode(ref: string, codes: readonly string[]): Promise<{ answer: OpenAnswer } | NoAnswer | NoCodebook | UnknownThemes> {
    const located = await locate(ref);
    if (!located) return { kind: 'no_answer' };
    const themes = await codebookFor(located.formId, located.answer.eventId);
    if (themes.length === 0) return { kind: 'no_codebook' };
    return unknown(codes, themes) ?? { answer: located.answer };
  }

  return {
    codebook: (scope: CodebookScope) => store.themes(scope),

    /** Replaces a codebook's themes; refused while a coding or resolution in its scope uses a theme the new one drops. */
    async importCodebook(scope: CodebookScope, themes: readonly CodebookTheme[]): Promise<CodebookImported> {
      const ids = (await store.responses({ formId: scope.formId, ...(scope.eventId === null ? {} : { eventId: scope.eventId }) })).map((response) => response.id);
      const [codings, resolutions] = await Promise.all([store.codings(ids), store.resolutions(ids)]);
      const kept = new Set(themes.map((theme) => theme.code));
      const dropped = [...new Set([...codings, ...resolutions].flatMap((coding) => coding.themes))].filter((code) => !kept.has(code)).sort();
      if (dropped.length > 0) return { kind: 'in_use', codes: dropped };
      await store.replaceThemes(scope, themes);
      return { kind: 'imported', themes: themes.length };
    },

    /** The first answer the coder has not coded and fewer than two coders have, with the themes its words suggest. */
    async next(target: CodingTarget, coder: string): Promise<NextAnswer> {
      const answers = await answersOf(target);
      const codings = await store.codings([...new Set(answers.map((answer) => answer.responseId))]);
      const codersOf = (answer: OpenAnswer) => codings.filter((coding) => coding.responseId === answer.responseId && coding.item === answer.item).map((coding) => coding.coder);
      const open = answers.filter((answer) => {
        const coders = codersOf(answer);
        return !coders.includes(coder.trim()) && coders.length < MAX_CODERS;
      });
      const [answer] = open;
      if (!answer) return { kind: 'done' };
      const themes = await codebookFor(target.formId, answer.eventId);
      if (themes.length === 0) return { kind: 'no_codebook' };
      return { kind: 'next', answer, themes, suggested: suggestedFor(answer, themes), left: open.length };
    },

    /** One answer by its reference, with its codebook's themes, those its words suggest, and the themes this coder gave it before. */
    async answer(
      ref: string,
      coder: string,
    ): Promise<
      | { kind: 'answer'; form: string; answer: OpenAnswer; themes: CodebookTheme[]; suggested: CodebookTheme[]; coded: string[] | null; codings: { coder: string; themes: string[] }[] }
      | NoAnswer
      | NoCodebook
    > {
      const located = await locate(ref);
      if (!located) return { kind: 'no_answer' };
      const { answer } = located;
      const themes = await codebookFor(located.formId, answer.eventId);
      if (themes.length === 0) return { kind: 'no_codebook' };
      const codings = (await store.codings([answer.responseId])).filter((coding) => coding.item === answer.item);
      const own = codings.find((coding) => coding.coder === coder.trim());
      return {
        kind: 'answer',
        form: located.formId,
        answer,
        themes,
        suggested: suggestedFor(answer, themes),
        coded: own ? [...own.themes] : null,
        codings: codings.map((coding) => ({ coder: coding.coder, themes: [...coding.themes] })),
      };
    },

    /** The answers two coders coded differently and nobody settled yet, in the answers' order: what `resolve` is for. */
    async unsettled(target: CodingTarget): Promise<OpenAnswer[]> {
      const answers = await answersOf(target);
      const ids = [...new Set(answers.map((answer) => answer.responseId))];
      const [codings, resolutions] = await Promise.all([store.codings(ids), store.resolutions(ids)]);
      const same = (answer: OpenAnswer) => (entry: { responseId: string; item: string }) => entry.responseId === answer.responseId && entry.item === answer.item;
      return answers.filter((answer) => {
        const two = codings.filter(same(answer)).map((coding) => [...coding.themes].sort().join(','));
        return two.length === MAX_CODERS && two[0] !== two[1] && !resolutions.some(same(answer));
      });
    },

    /** A coder's themes for an answer (an empty list: none applies); coding it again replaces them. */
    async code(ref: string, coder: string, codes: readonly string[]): Promise<Coded> {
      const name = coderName(coder);
      if (typeof name !== 'string') return { kind: 'invalid', ...name };
      const checked = await answerToCode(ref, codes);
      if (!('answer' in checked)) return checked;
      const { answer } = checked;
      const others = (await store.codings([answer.responseId])).filter((coding) => coding.item === answer.item && coding.coder !== name).map((coding) => coding.coder);
      if (others.length >= MAX_CODERS) return { kind: 'third_coder', coders: others };
      const replaced = await store.saveCoding({ responseId: answer.responseId, item: answer.item, coder: name, themes: [...codes], codedAt: clock.now() });
      return { kind: replaced ? 'replaced' : 'coded', answer, themes: [...codes] };
    },

    /** Settles two coders' disagreement on an answer: the themes decided count instead of theirs. */
    async resolve(ref: string, codes: readonly string[]): Promise<Resolved> {
      const checked = await answerToCode(ref, codes);
      if (!('answer' in checked)) return checked;
      const { answer } = checked;
      const codings = (await store.codings([answer.responseId])).filter((coding) => coding.item === answer.item);
      if (codings.length < MAX_CODERS) return { kind: 'not_double_coded', coders: codings.length };
      const [first, second] = codings.map((coding) => [...coding.themes].sort().join(','));
      if (first === second) return { kind: 'agreed' };
      await store.saveResolution({ responseId: answer.responseId, item: answer.item, themes: [...codes], resolvedAt: clock.now() });
      return { kind: 'resolved', answer, themes: [...codes] };
    },

    /** Stores a quote of an answer as the coder edited it (names removed); choosing again replaces it. */
    async quote(ref: string, text: string): Promise<Quoted> {
      const trimmed = text.trim();
      if (trimmed === '' || trimmed.length > MAX_QUOTE) return { kind: 'invalid', problem: `a quote has 1 to ${MAX_QUOTE} characters` };
      const located = await locate(ref);
      if (!located) return { kind: 'no_answer' };
      const replaced = await store.saveQuote({ responseId: located.answer.responseId, item: located.answer.item, text: trimmed, quotedAt: clock.now() });
      return { kind: replaced ? 'replaced' : 'quoted', answer: located.answer };
    },

    /**
     * Theme counts, quotes and agreement over the target's answers, for the evaluation report.
     * The codebook is the event's when the answers come from one event that has its own, else the form's.
     */
    async summary(target: CodingTarget): Promise<CodingSummary> {
      const answers = await answersOf(target);
      const ids = [...new Set(answers.map((answer) => answer.responseId))];
      const events = [...new Set(answers.map((answer) => answer.eventId))];
      const eventId = target.eventId ?? (events.length === 1 ? (events[0] ?? null) : null);
      const [themes, codings, resolutions, quotes] = await Promise.all([codebookFor(target.formId, eventId), store.codings(ids), store.resolutions(ids), store.quotes(ids)]);
      return summarise({ themes, answers, codings, resolutions, quotes });
    },
  };
}

export type SurveyCoding = ReturnType<typeof createCoding>;
