import { parseJoinCode } from '../../events/index.js';
import { areaOf, underArea } from '../../flows/buttons.js';
import { parseAnswerRef } from '../../surveys/index.js';
import { CALLBACK_PREFIX } from './callback-prefix.js';

/**
 * The buttons of an answer being coded or settled, under the coding prefix `k:`: the
 * event's join code, the answer's reference, the themes ticked so far (a bit per theme of
 * the codebook, in its order, written in base 36), and what the press does. Coding:
 * `t<n>` ticks or unticks the n-th theme, `n` saves "no theme fits", `v` saves the ticked
 * themes, `q` asks for a quote of the answer (the next text the coder sends). Settling two
 * coders' disagreement: `r<n>`, `N` and `R` likewise. The ticks ride on the buttons, so
 * nothing is kept between presses; at most 64 bytes (Telegram's limit).
 */
export type CodingMode = 'code' | 'settle';
export type CodingPress = {
  event: string;
  ref: string;
  ticked: ReadonlySet<number>;
  what: { kind: 'toggle'; theme: number; mode: CodingMode } | { kind: 'none'; mode: CodingMode } | { kind: 'save'; mode: CodingMode } | { kind: 'quote' };
};

const AREA = CALLBACK_PREFIX.coding;
/** More themes than a coder can weigh on one screen, and what a 64-byte button still carries. */
export const MAX_CHAT_THEMES = 40;
const OPS: Record<CodingMode, { toggle: string; none: string; save: string }> = { code: { toggle: 't', none: 'n', save: 'v' }, settle: { toggle: 'r', none: 'N', save: 'R' } };

const maskOf = (ticked: ReadonlySet<number>): string => [...ticked].reduce((mask, index) => mask + (1n << BigInt(index)), 0n).toString(36);

function tickedOf(mask: string): Set<number> | undefined {
  if (!/^[0-9a-z]{1,9}$/.test(mask)) return undefined;
  let value = [...mask].reduce((sum, digit) => sum * 36n + BigInt(Number.parseInt(digit, 36)), 0n);
  const ticked = new Set<number>();
  for (let index = 0; value > 0n; index++, value >>= 1n) if (value & 1n) ticked.add(index);
  return [...ticked].every((index) => index < MAX_CHAT_THEMES) ? ticked : undefined;
}

export const codingButton = (event: string, ref: string, ticked: ReadonlySet<number>, mode: CodingMode = 'code') => {
  const base = `${event}|${ref}|${maskOf(ticked)}`;
  const ops = OPS[mode];
  return {
    toggle: (theme: number) => underArea(AREA, `${base}|${ops.toggle}${theme}`),
    none: underArea(AREA, `${base}|${ops.none}`),
    save: underArea(AREA, `${base}|${ops.save}`),
    quote: underArea(AREA, `${base}|q`),
  };
};

export const isCodingData = (data: string): boolean => areaOf(data)?.area === AREA;

/** What a press does, from its last field; undefined for none. */
function whatOf(field: string): CodingPress['what'] | undefined {
  if (field === 'q') return { kind: 'quote' };
  for (const mode of ['code', 'settle'] as const) {
    const ops = OPS[mode];
    if (field === ops.none) return { kind: 'none', mode };
    if (field === ops.save) return { kind: 'save', mode };
    const theme = new RegExp(`^${ops.toggle}([0-9]{1,2})$`).exec(field)?.[1];
    if (theme !== undefined && Number(theme) < MAX_CHAT_THEMES) return { kind: 'toggle', theme: Number(theme), mode };
  }
  return undefined;
}

/** The press a button's data stands for; undefined for a forged or malformed one. */
export function decodeCodingButton(data: string): CodingPress | undefined {
  const prefixed = areaOf(data);
  if (prefixed?.area !== AREA) return undefined;
  const [code, ref, mask, field, ...rest] = prefixed.data.split('|');
  const event = parseJoinCode(code ?? '');
  const ticked = tickedOf(mask ?? '');
  const what = whatOf(field ?? '');
  if (rest.length > 0 || event === undefined || ref === undefined || !parseAnswerRef(ref) || ticked === undefined || what === undefined) return undefined;
  return { event, ref, ticked, what };
}
