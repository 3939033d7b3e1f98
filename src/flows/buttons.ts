import type { FlowInput } from './engine.js';

/**
 * How a flow's answers travel on buttons, as text: `c|step|code` choose, `t|step|code`
 * tick, `d|step` done, `s|step` prefer not to say, `n|step` not applicable, `b` back.
 * It lives with the flows so that their checks can prove every button of a flow fits
 * and reads back, without knowing which transport carries it.
 */

/** Telegram carries at most this many bytes of callback data. */
export const CALLBACK_DATA_LIMIT = 64;

/** The longest step id or answer code a button can carry and still be read back. */
export const BUTTON_TOKEN_LIMIT = 40;
const TOKEN = new RegExp(`^[a-z0-9_]{1,${BUTTON_TOKEN_LIMIT}}$`);
/** Whether a step id or answer code, written on a button, is read back when pressed. */
export const isButtonToken = (value: string): boolean => TOKEN.test(value);

export function encodeInput(input: FlowInput): string {
  switch (input.type) {
    case 'choose':
      return `c|${input.step}|${input.code}`;
    case 'toggle':
      return `t|${input.step}|${input.code}`;
    case 'done':
      return `d|${input.step}`;
    case 'skip':
      return `s|${input.step}`;
    case 'na':
      return `n|${input.step}`;
    case 'back':
      return 'b';
    case 'text':
      throw new Error('typed answers are not buttons');
  }
}

/** The flow answer a button carries, or undefined when it is not one (or not one Ura wrote). */
export function decodeInput(data: string): FlowInput | undefined {
  if (data === 'b') return { type: 'back' };
  const [tag, step, code, ...rest] = data.split('|');
  if (rest.length > 0 || step === undefined || !isButtonToken(step)) return undefined;
  if ((tag === 'c' || tag === 't') && code !== undefined && isButtonToken(code)) return { type: tag === 'c' ? 'choose' : 'toggle', step, code };
  if (code !== undefined) return undefined;
  if (tag === 'd') return { type: 'done', step };
  if (tag === 's') return { type: 'skip', step };
  if (tag === 'n') return { type: 'na', step };
  return undefined;
}
