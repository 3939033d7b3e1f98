import { describe, expect, it } from 'vitest';
import { areaOf, decodeAnswer, encodeAnswer, underArea } from '../../src/flows/buttons.js';
import { CALLBACK_PREFIX } from '../../src/transport/telegram/callback-prefix.js';
import { decodeConsoleButton } from '../../src/transport/telegram/console-buttons.js';
import { writeHandoffButton } from '../../src/transport/telegram/handoff-buttons.js';
import { decodeHelplineButton } from '../../src/transport/telegram/helpline-buttons.js';

describe("areas' button prefixes", () => {
  it('gives every area its own one-letter prefix', () => {
    const prefixes = Object.values(CALLBACK_PREFIX);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const prefix of prefixes) expect(prefix).toMatch(/^[a-z]$/);
  });

  it('refuses a prefix that is not one letter, so every flow button measures the same under any area', () => {
    for (const area of ['', 'hh', 'H', '1', ':']) expect(() => underArea(area, 'x')).toThrow();
  });

  it('reads the area a button names, and data without one as none', () => {
    expect(areaOf('h:c|a|b')).toEqual({ area: 'h', data: 'c|a|b' });
    expect(areaOf('o:')).toEqual({ area: 'o', data: '' });
    for (const data of ['x', 'c|a|b', 'hh:x', ':x', 'H:x']) expect(areaOf(data)).toBeUndefined();
  });

  it('writes a flow answer under the area running the flow, and reads it back only there', () => {
    const input = { type: 'choose', step: 'safety', code: 'danger' } as const;
    expect(encodeAnswer('e', input)).toBe('e:c|safety|danger');
    expect(decodeAnswer('e', 'e:c|safety|danger')).toEqual(input);
    for (const data of ['h:c|safety|danger', 'c|safety|danger', 'e:c|safety', 'e:x']) expect(decodeAnswer('e', data)).toBeUndefined();
  });

  it("writes the handoff's buttons with the codecs of the areas that answer them", () => {
    expect(decodeHelplineButton(writeHandoffButton({ does: 'exit' }))).toEqual({ kind: 'exit' });
    expect(decodeHelplineButton(writeHandoffButton({ does: 'menu' }))).toEqual({ kind: 'menu', item: 'home' });
    expect(decodeHelplineButton(writeHandoffButton({ does: 'feedback' }))).toEqual({ kind: 'feedback' });
    expect(decodeConsoleButton(writeHandoffButton({ does: 'take', code: 'K7-4QF' }))).toEqual({ verb: 'take', code: 'K7-4QF' });
  });
});
