import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_LIMIT } from '../../src/flows/buttons.js';
import { decodeEventsButton } from '../../src/transport/telegram/events-buttons.js';
import { decodeVoteButton, isVoteData, voteButton, type VotePress } from '../../src/transport/telegram/events-vote-buttons.js';

const CODE = 'K7M3PQ';
const REF = '0ff23ef5a612';

/** Every participation button, with what it must read back as. */
const WRITTEN: [string, VotePress][] = [
  [voteButton.vote(CODE, REF, 0), { kind: 'vote', code: CODE, ref: REF, choice: 0 }],
  [voteButton.vote(CODE, REF, 4), { kind: 'vote', code: CODE, ref: REF, choice: 4 }],
  [voteButton.poll(CODE, REF, 'open'), { kind: 'poll_action', code: CODE, ref: REF, action: 'open' }],
  [voteButton.poll(CODE, REF, 'close'), { kind: 'poll_action', code: CODE, ref: REF, action: 'close' }],
  [voteButton.poll(CODE, REF, 'show'), { kind: 'poll_action', code: CODE, ref: REF, action: 'show' }],
  [voteButton.group(CODE, 'start'), { kind: 'group_action', code: CODE, action: 'start' }],
  [voteButton.group(CODE, 'vote'), { kind: 'group_action', code: CODE, action: 'vote' }],
  [voteButton.group(CODE, 'close'), { kind: 'group_action', code: CODE, action: 'close' }],
  [voteButton.group(CODE, 'show'), { kind: 'group_action', code: CODE, action: 'show' }],
  [voteButton.group(CODE, 'topics'), { kind: 'group_action', code: CODE, action: 'topics' }],
  [voteButton.dot(CODE, REF, '+'), { kind: 'dot', code: CODE, ref: REF, change: '+' }],
  [voteButton.dot(CODE, REF, '-'), { kind: 'dot', code: CODE, ref: REF, change: '-' }],
  [voteButton.topic(CODE, REF, 'join'), { kind: 'topic', code: CODE, ref: REF, action: 'join' }],
  [voteButton.topic(CODE, REF, 'leave'), { kind: 'topic', code: CODE, ref: REF, action: 'leave' }],
];

describe('the participation buttons', () => {
  it.each(WRITTEN)('%s reads back as written, fits Telegram, and is no registration or desk button', (data, press) => {
    expect(decodeVoteButton(data)).toEqual(press);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
    expect(isVoteData(data)).toBe(true);
    expect(decodeEventsButton(data)).toBeUndefined();
  });

  it.each([
    `e:vp|${CODE}|${REF}|10`,
    `e:vp|${CODE}|${REF}|-1`,
    `e:vp|${CODE}|${REF}`,
    `e:vp|${CODE}|${REF}|1|2`,
    `e:vp|K7M3P0|${REF}|1`,
    `e:vp|${CODE}|ZZZZ|1`,
    `e:vf|${CODE}|${REF}|x`,
    `e:vg|${CODE}`,
    `e:vg|${CODE}|s|s`,
    `e:vd|${CODE}|${REF}|*`,
    `e:vt|${CODE}|${REF}|x`,
    `e:vt|${CODE}|${REF}|j|${'x'.repeat(60)}`,
  ])('%s (old, forged or cut) reads as nothing', (data) => {
    expect(decodeVoteButton(data)).toBeUndefined();
  });

  it("leaves every other button of the events area, and other areas', to their codecs", () => {
    for (const data of [`e:v|${CODE}|o`, `e:p|${CODE}|2`, `e:l|${CODE}|sq`, `h:c|q1|yes`, `vp|${CODE}|${REF}|1`]) {
      expect(isVoteData(data)).toBe(false);
      expect(decodeVoteButton(data)).toBeUndefined();
    }
  });
});
