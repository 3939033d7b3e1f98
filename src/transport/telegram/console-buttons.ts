import { areaOf, underArea } from '../../flows/buttons.js';
import { CASE_CODE } from '../../helpline/cases.js';
import { CALLBACK_PREFIX } from './callback-prefix.js';

const AREA = CALLBACK_PREFIX.console;
/** How console buttons began before areas had prefixes: case cards in operators' chats still carry it. */
const LEGACY = 'h|';

/** The one way buttons of the console are written: `o:<verb>|<case code>|<argument>`. */
export const consoleButton = {
  take: (code: string) => underArea(AREA, `take|${code}`),
  use: (code: string) => underArea(AREA, `use|${code}`),
  transfer: (code: string, target: string) => underArea(AREA, `tr|${code}|${target}`),
  outcome: (code: string, outcome: string) => underArea(AREA, `out|${code}|${outcome}`),
  referral: (code: string, outcome: string, referral: string) => underArea(AREA, `ref|${code}|${outcome}|${referral}`),
};

export type ConsoleAction =
  | { verb: 'take' | 'use'; code: string }
  | { verb: 'tr'; code: string; target: string }
  | { verb: 'out'; code: string; outcome: string }
  | { verb: 'ref'; code: string; outcome: string; referral: string };

const WORD = /^[a-z0-9_-]{1,40}$/;

/** The data after the console's prefix, or after `h|` for a button written before prefixes. */
function payloadOf(data: string): string | undefined {
  const prefixed = areaOf(data);
  if (prefixed) return prefixed.area === AREA ? prefixed.data : undefined;
  return data.startsWith(LEGACY) ? data.slice(LEGACY.length) : undefined;
}

/** Whether a press is meant for the console (even forged): a stranger who presses one is told nothing. */
export const isConsoleData = (data: string | undefined): boolean => data !== undefined && payloadOf(data) !== undefined;

/** Reads a console button; anything else (forged, or not the console's) is undefined. */
export function decodeConsoleButton(data: string | undefined): ConsoleAction | undefined {
  const payload = data === undefined ? undefined : payloadOf(data);
  if (payload === undefined) return undefined;
  const [verb, code, a, b, ...rest] = payload.split('|');
  if (code === undefined || !CASE_CODE.test(code) || rest.length > 0) return undefined;
  if ((verb === 'take' || verb === 'use') && a === undefined) return { verb, code };
  if (verb === 'tr' && a !== undefined && WORD.test(a) && b === undefined) return { verb, code, target: a };
  if (verb === 'out' && a !== undefined && WORD.test(a) && b === undefined) return { verb, code, outcome: a };
  if (verb === 'ref' && a !== undefined && WORD.test(a) && b !== undefined && WORD.test(b)) return { verb, code, outcome: a, referral: b };
  return undefined;
}
