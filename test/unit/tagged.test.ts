import { describe, expect, it } from 'vitest';
import { tagged } from '../../src/helpline/handoff/views.js';

const graphemes = (text: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((part) => part.segment);

/** Every part is well-formed text within the limit, carries the tag, and no character is cut in two. */
function expectWholeParts(tag: string, text: string, limit: number) {
  const parts = tagged(tag, text, limit);
  for (const part of parts) {
    expect(part.startsWith(tag)).toBe(true);
    // No lone half of a surrogate pair (what a cut emoji leaves behind).
    expect(part, JSON.stringify(part)).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(part.length).toBeLessThanOrEqual(limit);
  }
  const bodies = parts.map((part) => part.slice(tag.length));
  expect(bodies.join('')).toBe(text);
  // A character split between two parts would show as two broken ones.
  expect(bodies.flatMap(graphemes)).toEqual(graphemes(text));
  return parts;
}

describe('a long message in parts', () => {
  it('keeps a short text in one part', () => {
    expect(tagged('[K7-4QF] ', 'hello', 4096)).toEqual(['[K7-4QF] hello']);
    expect(tagged('[K7-4QF] ', '', 4096)).toEqual(['[K7-4QF] ']);
  });

  it.each([
    ['a plain emoji', '😀'],
    ['a family (joined with zero-width joiners)', '👨‍👩‍👧‍👦'],
    ['a flag', '🇦🇱'],
    ['a skin tone', '👋🏽'],
    ['a letter with a combining mark', 'ë'],
  ])('never cuts %s at the boundary', (_name, character) => {
    const tag = '[K7-4QF] ';
    const limit = 20;
    const room = limit - tag.length;
    // The character straddles the end of the first part, at every offset it can.
    for (let lead = room - character.length; lead <= room; lead++) {
      expectWholeParts(tag, `${'x'.repeat(Math.max(0, lead))}${character}${'y'.repeat(15)}`, limit);
    }
  });

  it("splits a long text full of emoji into valid parts under Telegram's limit", () => {
    const text = 'Më ndihmoni 🇦🇱👨‍👩‍👧‍👦😀 '.repeat(400);
    const parts = expectWholeParts('Arta: ', text, 4096);
    expect(parts.length).toBeGreaterThan(1);
  });
});
