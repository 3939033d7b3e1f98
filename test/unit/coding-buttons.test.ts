import { describe, expect, it } from 'vitest';
import { codingButton, decodeCodingButton, MAX_CHAT_THEMES } from '../../src/transport/telegram/coding-buttons.js';

describe('the buttons of an answer being coded', () => {
  it('carry the event, the answer, the themes ticked and the press, and read back as pressed', () => {
    const buttons = codingButton('K7M3PQ', '3f2a9c1b-2', new Set([0, 2]));
    expect(buttons.toggle(1)).toBe('k:K7M3PQ|3f2a9c1b-2|5|t1');
    expect(decodeCodingButton(buttons.toggle(1))).toEqual({ event: 'K7M3PQ', ref: '3f2a9c1b-2', ticked: new Set([0, 2]), what: { kind: 'toggle', theme: 1, mode: 'code' } });
    expect(decodeCodingButton(buttons.save)?.what).toEqual({ kind: 'save', mode: 'code' });
    expect(decodeCodingButton(buttons.none)?.what).toEqual({ kind: 'none', mode: 'code' });
    expect(decodeCodingButton(buttons.quote)?.what).toEqual({ kind: 'quote' });
    // Settling two coders' disagreement: the same fields, its own presses.
    const settle = codingButton('K7M3PQ', '3f2a9c1b-2', new Set([1]), 'settle');
    expect(settle.toggle(0)).toBe('k:K7M3PQ|3f2a9c1b-2|2|r0');
    expect(decodeCodingButton(settle.toggle(0))?.what).toEqual({ kind: 'toggle', theme: 0, mode: 'settle' });
    expect(decodeCodingButton(settle.save)?.what).toEqual({ kind: 'save', mode: 'settle' });
    expect(decodeCodingButton(settle.none)?.what).toEqual({ kind: 'none', mode: 'settle' });
    expect(decodeCodingButton(codingButton('K7M3PQ', '3f2a9c1b-2', new Set()).save)?.ticked).toEqual(new Set());
  });

  it("fit Telegram's 64 bytes with every one of the most themes ticked", () => {
    const all = new Set(Array.from({ length: MAX_CHAT_THEMES }, (_, index) => index));
    const button = codingButton('K7M3PQ', '3f2a9c1b-999', all).toggle(MAX_CHAT_THEMES - 1);
    expect(Buffer.byteLength(button)).toBeLessThanOrEqual(64);
    expect(decodeCodingButton(button)?.ticked).toEqual(all);
  });

  it('read a forged, foreign or malformed button as nothing', () => {
    for (const data of [
      'k:',
      'k:K7M3PQ',
      'k:K7M3PQ|3f2a9c1b-2|5',
      'k:K7M3PQ|not-a-ref|5|v',
      'k:K7M3PQ|3f2a9c1b-2|5|t40',
      'k:K7M3PQ|3f2a9c1b-2|5|x',
      'k:K7M3PQ|3f2a9c1b-2|5|v|v',
      'k:K7M3PQ|3f2a9c1b-2|zzzzzzzzz|v',
      's:K7M3PQ|o',
    ])
      expect(decodeCodingButton(data)).toBeUndefined();
  });
});
