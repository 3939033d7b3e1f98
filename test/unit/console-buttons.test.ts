import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_LIMIT } from '../../src/flows/buttons.js';
import { consoleButton, decodeConsoleButton, isConsoleData } from '../../src/transport/telegram/console-buttons.js';

const CODE = 'K7-4QF';

describe("the console's buttons", () => {
  it.each([
    [consoleButton.take(CODE), { verb: 'take', code: CODE }],
    [consoleButton.use(CODE), { verb: 'use', code: CODE }],
    [consoleButton.transfer(CODE, 'queue'), { verb: 'tr', code: CODE, target: 'queue' }],
    [consoleButton.outcome(CODE, 'referred'), { verb: 'out', code: CODE, outcome: 'referred' }],
    [consoleButton.referral(CODE, 'not_relevant', 'labour_inspectorate'), { verb: 'ref', code: CODE, outcome: 'not_relevant', referral: 'labour_inspectorate' }],
  ])("round-trips %s under the console's prefix, within Telegram's 64 bytes", (data, action) => {
    expect(data).toMatch(/^o:/);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
    expect(decodeConsoleButton(data)).toEqual(action);
    expect(isConsoleData(data)).toBe(true);
  });

  it('still reads the case cards sent before the prefix (h|take|K7-4QF)', () => {
    expect(decodeConsoleButton(`h|take|${CODE}`)).toEqual({ verb: 'take', code: CODE });
    expect(decodeConsoleButton(`h|ref|${CODE}|referred|shelter`)).toEqual({ verb: 'ref', code: CODE, outcome: 'referred', referral: 'shelter' });
    expect(isConsoleData(`h|take|${CODE}`)).toBe(true);
  });

  it.each([undefined, '', 'o:', 'o:take', `o:take|${CODE.toLowerCase()}`, `o:take|${CODE}|x`, `o:nuke|${CODE}`, `o:out|${CODE}|<b>`, `h:take|${CODE}`, `i:take|${CODE}`, 'x', 'h:x', `take|${CODE}`])(
    'reads %s as no console button',
    (data) => {
      expect(decodeConsoleButton(data)).toBeUndefined();
    },
  );

  it("claims its own presses, forged ones too, and leaves every other area's", () => {
    for (const data of ['o:nuke', 'h|anything']) expect(isConsoleData(data)).toBe(true);
    for (const data of [undefined, 'h:x', 'x', 'l|sq', 'i:no', 'v|no']) expect(isConsoleData(data)).toBe(false);
  });
});
