import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_LIMIT, encodeInput } from '../../src/flows/buttons.js';
import { checkButtons } from '../../src/flows/checks.js';
import { flowSchema } from '../../src/flows/schema.js';
import { FLOW } from './flows/fixtures.js';

/** The fixture flow with its first question renamed `step` and its first answer coded `code`. */
const flowWith = (step: string, code: string) =>
  flowSchema.parse(
    parse(FLOW.replace('next: safe }', `next: ${step} }`).replace('  - id: safe\n', `  - id: ${step}\n`).replace('{ code: yes, label: safe.yes }', `{ code: ${code}, label: safe.yes }`)),
  );

describe("the check that a flow's buttons fit Telegram", () => {
  it('counts the prefix of the area that runs the flow', () => {
    const step = 's'.repeat(20);
    // 63 bytes on its own: it would fit without the prefix, but not with it.
    const tight = flowWith(step, 'c'.repeat(40));
    expect(Buffer.byteLength(encodeInput({ type: 'choose', step, code: 'c'.repeat(40) }))).toBe(CALLBACK_DATA_LIMIT - 1);
    expect(checkButtons(tight)).toEqual([
      expect.objectContaining({ path: 'steps[1].options[0].code', message: expect.stringMatching(/takes 63 bytes; Telegram carries at most 64, 2 of them for the prefix/) }),
    ]);
    // 62 bytes and its prefix: exactly Telegram's 64.
    expect(checkButtons(flowWith(step, 'c'.repeat(39)))).toEqual([]);
  });
});
