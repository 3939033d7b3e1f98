import type { FlowInput } from './engine.js';

/**
 * How a flow's answers travel on buttons, as text: `c|step|code` choose, `t|step|code`
 * tick, `d|step` done, `s|step` prefer not to say, `n|step` not applicable, `b` back,
 * under the prefix of the area that runs the flow (`h:c|step|code` in the helpline).
 * It lives with the flows so that their checks can prove every button of a flow fits
 * and reads back, without knowing which transport or area carries it.
 */

/** Telegram carries at most this many bytes of callback data. */
export const CALLBACK_DATA_LIMIT = 64;

/** The longest step id or answer code a button can carry and still be read back. */
export const BUTTON_TOKEN_LIMIT = 40;
const TOKEN = new RegExp(`^[a-z0-9_]{1,${BUTTON_TOKEN_LIMIT}}$`);
/** Whether a step id or answer code, written on a button, is read back when pressed. */
export const isButtonToken = (value: string): boolean => TOKEN.test(value);

/**
 * Every area writes its buttons under its own prefix, one letter and a colon (`h:` the
 * helpline's), so that each area reads only its own and two areas never mistake each
 * other's buttons. Data without a prefix was written before areas had one.
 */
const AREA = /^[a-z]$/;
const PREFIXED = /^([a-z]):(.*)$/s;

/** Data under an area's prefix. */
export function underArea(area: string, data: string): string {
  if (!AREA.test(area)) throw new Error(`an area's button prefix is one letter, not "${area}"`);
  return `${area}:${data}`;
}

/** The area a button's data names and the data after its prefix; undefined for data without a prefix. */
export function areaOf(data: string): { area: string; data: string } | undefined {
  const match = PREFIXED.exec(data);
  return match?.[1] === undefined || match[2] === undefined ? undefined : { area: match[1], data: match[2] };
}

/** What the prefix adds to every button: the same for every area, so a flow fits under any of them. */
export const AREA_PREFIX_BYTES = Buffer.byteLength(underArea('a', ''));

/** A flow answer as a button of the area running the flow. */
export const encodeAnswer = (area: string, input: FlowInput): string => underArea(area, encodeInput(input));

/** The flow answer a button of this area carries; undefined for anything else (another area's, unprefixed, forged). */
export function decodeAnswer(area: string, data: string): FlowInput | undefined {
  const prefixed = areaOf(data);
  return prefixed?.area === area ? decodeInput(prefixed.data) : undefined;
}

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
