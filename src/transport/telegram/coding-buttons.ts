import { parseJoinCode } from '../../events/index.js';
import { areaOf, underArea } from '../../flows/buttons.js';
import { parseAnswerRef } from '../../surveys/index.js';
import { CALLBACK_PREFIX } from './callback-prefix.js';

/**
 * The buttons of an answer being coded, under the coding prefix `k:`: the event's join
 * code, the answer's reference, the themes ticked so far (a bit per theme of the codebook,
 * in its order, written in base 36), and what the press does: `t<n>` ticks or unticks the
 * n-th theme, `n` saves "no theme fits", `v` saves the ticked themes, `q` asks for a quote
 * of the answer (the next text the coder sends). The ticks ride on the
 * buttons, so nothing is kept between presses; at most 64 bytes (Telegram's limit).
 */
export type CodingPress = {
  event: string;
  ref: string;
  ticked: ReadonlySet<number>;
  what: { kind: 'toggle'; theme: number } | { kind: 'none' } | { kind: 'save' } | { kind: 'quote' };
};

const AREA = CALLBACK_PREFIX.coding;
/** More themes than a coder can weigh on one screen, and what a 64-byte button still carries. */
export const MAX_CHAT_THEMES = 40;

const maskOf = (ticked: ReadonlySet<number>): string => [...ticked].reduce((mask, index) => mask + (1n << BigInt(index)), 0n).toString(36);

function tickedOf(mask: string): Set<number> | undefined {
  if (!/^[0-9a-z]{1,9}$/.test(mask)) return undefined;
  let value = [...mask].reduce((sum, digit) => sum * 36n + BigInt(Number.parseInt(digit, 36)), 0n);
  const ticked = new Set<number>();
  for (let index = 0; value > 0n; index++, value >>= 1n) if (value & 1n) ticked.add(index);
  return [...ticked].every((index) => index < MAX_CHAT_THEMES) ? ticked : undefined;
}

export const codingButton = (event: string, ref: string, ticked: ReadonlySet<number>) => {
  const base = `${event}|${ref}|${maskOf(ticked)}`;
  return { toggle: (theme: number) => underArea(AREA, `${base}|t${theme}`), none: underArea(AREA, `${base}|n`), save: underArea(AREA, `${base}|v`), quote: underArea(AREA, `${base}|q`) };
};

export const isCodingData = (data: string): boolean => areaOf(data)?.area === AREA;

/** The press a button's data stands for; undefined for a forged or malformed one. */
export function decodeCodingButton(data: string): CodingPress | undefined {
  const prefixed = areaOf(data);
  if (prefixed?.area !== AREA) return undefined;
  const [code, ref, mask, what, ...rest] = prefixed.data.split('|');
  const event = parseJoinCode(code ?? '');
  const ticked = tickedOf(mask ?? '');
  if (rest.length > 0 || event === undefined || ref === undefined || !parseAnswerRef(ref) || ticked === undefined) return undefined;
  if (what === 'n') return { event, ref, ticked, what: { kind: 'none' } };
  if (what === 'v') return { event, ref, ticked, what: { kind: 'save' } };
  if (what === 'q') return { event, ref, ticked, what: { kind: 'quote' } };
  const theme = /^t([0-9]{1,2})$/.exec(what ?? '')?.[1];
  return theme !== undefined && Number(theme) < MAX_CHAT_THEMES ? { event, ref, ticked, what: { kind: 'toggle', theme: Number(theme) } } : undefined;
}
