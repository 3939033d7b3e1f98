import { agreementOf } from '../../reports/evaluation/agreement.js';
import type { Agreement, OpenItemCoding } from '../../reports/evaluation/model.js';
import type { CodebookTheme, Coding, OpenAnswer, Quote, Resolution, Texts } from './model.js';

/**
 * What the evaluation report takes of the coding (its `coding`, `agreement` and theme labels):
 * theme counts and quotes per open item, the coders' agreement, the codebook's labels by theme code.
 */
export interface CodingSummary {
  open: OpenItemCoding[];
  agreement: Agreement | null;
  labels: Record<string, Texts>;
}

const keyOf = (answer: { responseId: string; item: string }) => `${answer.responseId}\u0000${answer.item}`;

/**
 * The themes an answer counts under. A resolution decides where there is one. Otherwise,
 * coded by two coders: the themes both applied (one coder's alone is a disagreement, not a
 * finding). Coded by one: that coder's themes (with one coder, or where a second coder
 * double-coded only part of the answers). Not coded yet: none, and the answer is not counted.
 */
export function agreedThemes(codings: readonly Coding[], resolution?: Resolution): string[] | undefined {
  if (resolution) return resolution.themes;
  const [first, ...others] = codings;
  if (!first) return undefined;
  return first.themes.filter((theme) => others.every((other) => other.themes.includes(theme)));
}

/**
 * Per open item answered: the respondents with each theme (every theme of the
 * codebook, the most mentioned first), the quotes chosen (in the answers' order); and the
 * agreement of the two coders who coded most answers in common, disagreements named by
 * answer reference.
 */
export function summarise(input: {
  themes: readonly CodebookTheme[];
  answers: readonly OpenAnswer[];
  codings: readonly Coding[];
  resolutions: readonly Resolution[];
  quotes: readonly Quote[];
}): CodingSummary {
  const codingsOf = new Map<string, Coding[]>();
  for (const coding of input.codings) codingsOf.set(keyOf(coding), [...(codingsOf.get(keyOf(coding)) ?? []), coding]);
  const resolutionOf = new Map(input.resolutions.map((resolution) => [keyOf(resolution), resolution]));
  const quoteOf = new Map(input.quotes.map((quote) => [keyOf(quote), quote.text]));
  const order = input.themes.map((theme) => theme.code);
  const items = [...new Set(input.answers.map((answer) => answer.item))].sort();
  const open = items.map((item): OpenItemCoding => {
    const answers = input.answers.filter((answer) => answer.item === item);
    const agreed = answers.map((answer) => agreedThemes(codingsOf.get(keyOf(answer)) ?? [], resolutionOf.get(keyOf(answer))) ?? []);
    const themes = order
      .map((theme) => ({ theme, respondents: new Set(answers.filter((_, index) => agreed[index]?.includes(theme)).map((answer) => answer.responseId)).size }))
      .sort((a, b) => b.respondents - a.respondents || order.indexOf(a.theme) - order.indexOf(b.theme));
    const quotes = answers.flatMap((answer) => quoteOf.get(keyOf(answer)) ?? []);
    return { item, themes, quotes };
  });
  const refOf = new Map(input.answers.map((answer) => [keyOf(answer), answer.ref]));
  // In the answers' order, so that disagreements are listed as the answers come.
  const decisions = input.answers.flatMap((answer) => (codingsOf.get(keyOf(answer)) ?? []).map((coding) => ({ item: answer.item, answer: answer.ref, coder: coding.coder, themes: coding.themes })));
  const resolved = input.resolutions.flatMap((resolution) => {
    const answer = refOf.get(keyOf(resolution));
    return answer ? [{ item: resolution.item, answer }] : [];
  });
  const labels = Object.fromEntries(input.themes.map((theme) => [theme.code, theme.labels]));
  return { open, agreement: agreementOf({ themes: order, decisions, resolved }), labels };
}
