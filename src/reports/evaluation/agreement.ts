import type { Agreement } from './model.js';

/**
 * Coders' agreement on open answers: Cohen's kappa between two coders over the answers
 * both coded. Each theme is a yes/no decision per answer (applied or not), so each theme
 * gives a 2x2 table; "overall" pools the decisions of every theme on every answer into one
 * table (themes x answers decisions) and computes one kappa from it, rather than averaging
 * the themes' kappas: a rare theme then weighs as much as the decisions it took, and the
 * overall figure stays defined when one theme's kappa is not.
 *
 * Kappa is undefined when chance agreement is certain (p_e = 1): both coders applied a theme
 * to every answer, or neither applied it to any. Agreement is then 100% but says nothing
 * beyond chance, and kappa is null (shown as "not defined", never as 0 or 1).
 */

/** One coder's themes for one answer (an open item of one response). */
export interface CoderDecision {
  item: string;
  /** The answer's short reference (never a participant). */
  answer: string;
  coder: string;
  themes: readonly string[];
}

/** Counts of one 2x2 table: a both applied, b only the first coder, c only the second, d neither. */
export interface AgreementTable {
  a: number;
  b: number;
  c: number;
  d: number;
}

const round = (value: number, places: number) => Math.round(value * 10 ** places) / 10 ** places;

/** Cohen's kappa of a 2x2 table, to three decimals; null with no decision or when p_e = 1. */
export function kappa({ a, b, c, d }: AgreementTable): number | null {
  const n = a + b + c + d;
  if (n === 0) return null;
  const observed = (a + d) / n;
  const chance = ((a + b) / n) * ((a + c) / n) + ((c + d) / n) * ((b + d) / n);
  if (chance >= 1) return null;
  return round((observed - chance) / (1 - chance), 3);
}

/** Share of decisions both coders made alike, in percent to one decimal (0 with no decision). */
export const agreementPct = ({ a, b, c, d }: AgreementTable): number => {
  const n = a + b + c + d;
  return n === 0 ? 0 : round(((a + d) / n) * 100, 1);
};

const key = (decision: { item: string; answer: string }) => `${decision.item}\u0000${decision.answer}`;

/** The two coders who coded the most answers in common (then by name): those agreement compares. */
function pairOf(decisions: readonly CoderDecision[]): [string, string] | undefined {
  const coders = [...new Set(decisions.map((decision) => decision.coder))].sort();
  const answersOf = new Map(coders.map((coder) => [coder, new Set(decisions.filter((decision) => decision.coder === coder).map(key))]));
  let best: { pair: [string, string]; shared: number } | undefined;
  for (const [index, first] of coders.entries())
    for (const second of coders.slice(index + 1)) {
      const mine = answersOf.get(first) ?? new Set<string>();
      const shared = [...(answersOf.get(second) ?? [])].filter((answer) => mine.has(answer)).length;
      if (!best || shared > best.shared) best = { pair: [first, second], shared };
    }
  return best && best.shared > 0 ? best.pair : undefined;
}

/**
 * Agreement between the two coders who coded the most answers in common, over those
 * answers; null when no two coders coded a same answer (one coder, or none yet).
 * `themes` are the codebook's codes, in its order. Disagreements on answers in `resolved`
 * (keys `item` and `answer`) are settled and left out of the list; kappa still compares
 * what the coders chose.
 */
export function agreementOf(input: { themes: readonly string[]; decisions: readonly CoderDecision[]; resolved?: readonly { item: string; answer: string }[] }): Agreement | null {
  const pair = pairOf(input.decisions);
  if (!pair) return null;
  const [first, second] = pair;
  const byCoder = (coder: string) => new Map(input.decisions.filter((decision) => decision.coder === coder).map((decision) => [key(decision), decision]));
  const firsts = byCoder(first);
  const seconds = byCoder(second);
  const shared = [...firsts.values()].flatMap((decision) => {
    const other = seconds.get(key(decision));
    return other ? [{ item: decision.item, answer: decision.answer, first: new Set(decision.themes), second: new Set(other.themes) }] : [];
  });
  const settled = new Set((input.resolved ?? []).map(key));
  const pooled: AgreementTable = { a: 0, b: 0, c: 0, d: 0 };
  const tables = new Map(input.themes.map((theme): [string, AgreementTable] => [theme, { a: 0, b: 0, c: 0, d: 0 }]));
  const disagreements: Agreement['disagreements'] = [];
  // Answer by answer (in the order of the decisions), so that the list reads one answer at a time.
  for (const answer of shared)
    for (const [theme, table] of tables) {
      const one = answer.first.has(theme);
      const two = answer.second.has(theme);
      const cell = one && two ? 'a' : one ? 'b' : two ? 'c' : 'd';
      table[cell] += 1;
      pooled[cell] += 1;
      if (one !== two && !settled.has(key(answer))) disagreements.push({ item: answer.item, answer: answer.answer, theme, codedBy: one ? first : second });
    }
  const themes = [...tables].map(([theme, table]) => ({ theme, kappa: kappa(table), agreementPct: agreementPct(table) }));
  return { coders: [first, second], answers: shared.length, overall: kappa(pooled), themes, disagreements };
}
