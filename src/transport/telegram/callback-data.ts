import type { FlowInput } from '../../flows/engine.js';

/**
 * What an inline button means, packed into Telegram's callback data (64 bytes at
 * most): `c|step|code` choose, `t|step|code` tick, `d|step` done, `s|step` prefer
 * not to say, `n|step` not applicable, `b` back, `p` talk to a person, `x` exit.
 * Anything else (an old or forged button) reads as `unknown`.
 */
export type ButtonAction = { kind: 'flow'; input: FlowInput } | { kind: 'person' } | { kind: 'exit' } | { kind: 'unknown' };

export const CALLBACK_DATA_LIMIT = 64;

const TOKEN = /^[a-z0-9_]{1,40}$/;

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

export const PERSON = 'p';
export const EXIT = 'x';

export function decodeButton(data: string | undefined): ButtonAction {
  if (data === PERSON) return { kind: 'person' };
  if (data === EXIT) return { kind: 'exit' };
  if (data === 'b') return { kind: 'flow', input: { type: 'back' } };
  const [tag, step, code, ...rest] = (data ?? '').split('|');
  if (rest.length > 0 || step === undefined || !TOKEN.test(step)) return { kind: 'unknown' };
  if ((tag === 'c' || tag === 't') && code !== undefined && TOKEN.test(code)) {
    return { kind: 'flow', input: { type: tag === 'c' ? 'choose' : 'toggle', step, code } };
  }
  if (code !== undefined) return { kind: 'unknown' };
  if (tag === 'd') return { kind: 'flow', input: { type: 'done', step } };
  if (tag === 's') return { kind: 'flow', input: { type: 'skip', step } };
  if (tag === 'n') return { kind: 'flow', input: { type: 'na', step } };
  return { kind: 'unknown' };
}
