import { describe, expect, it } from 'vitest';
import { decodeEventsButton } from '../../../src/transport/telegram/events-buttons.js';
import { cafeButton, decodeCafeButton, isCafeData } from '../../../src/transport/telegram/events-cafe-buttons.js';

// The café desk's buttons: under the events prefix with their own tag, read back as written, anything else refused.

const CODE = 'K7M3PQ';
const SESSION = '0123456789ab';

describe('the World Café buttons', () => {
  it('read back every press they write, within what Telegram carries', () => {
    const presses = [
      cafeButton.view(CODE),
      cafeButton.plan(CODE, SESSION),
      cafeButton.control(CODE, SESSION, 1, { kind: 'start' }),
      cafeButton.control(CODE, SESSION, 2, { kind: 'pause' }),
      cafeButton.control(CODE, SESSION, 2, { kind: 'resume' }),
      cafeButton.control(CODE, SESSION, 3, { kind: 'end' }),
      cafeButton.control(CODE, SESSION, 3, { kind: 'extend', minutes: 5 }),
    ];
    expect(presses.map(decodeCafeButton)).toEqual([
      { code: CODE, press: { kind: 'view' } },
      { code: CODE, press: { kind: 'plan', session: SESSION } },
      { code: CODE, press: { kind: 'control', session: SESSION, round: 1, action: { kind: 'start' } } },
      { code: CODE, press: { kind: 'control', session: SESSION, round: 2, action: { kind: 'pause' } } },
      { code: CODE, press: { kind: 'control', session: SESSION, round: 2, action: { kind: 'resume' } } },
      { code: CODE, press: { kind: 'control', session: SESSION, round: 3, action: { kind: 'end' } } },
      { code: CODE, press: { kind: 'control', session: SESSION, round: 3, action: { kind: 'extend', minutes: 5 } } },
    ]);
    for (const data of presses) {
      expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
      expect(data.startsWith('e:wc|')).toBe(true);
      // The other events buttons never take them for theirs.
      expect(decodeEventsButton(data)).toBeUndefined();
    }
  });

  it('refuse forged and foreign data', () => {
    for (const data of [
      `e:wc|${CODE}|x|${SESSION}|1|30`,
      `e:wc|${CODE}|s|${SESSION}|0`,
      `e:wc|${CODE}|s|${SESSION}|1|extra`,
      `e:wc|${CODE}|z|${SESSION}|1`,
      `e:wc|k7m3pq|v`,
      `e:wc|${CODE}|n|NOTHEX000000`,
      `e:v|${CODE}|o`,
      `h:wc|${CODE}|v`,
    ]) {
      expect(decodeCafeButton(data)).toBeUndefined();
    }
    expect(isCafeData(`e:v|${CODE}|o`)).toBe(false);
    expect(isCafeData(`e:wc|anything`)).toBe(true);
  });
});
