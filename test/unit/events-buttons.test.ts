import { describe, expect, it } from 'vitest';
import { CALLBACK_DATA_LIMIT } from '../../src/flows/buttons.js';
import { decodeConsoleButton } from '../../src/transport/telegram/console-buttons.js';
import { decodeEventsButton, eventsButton, type EventsPress, isEventsData } from '../../src/transport/telegram/events-buttons.js';
import { decodeHelplineButton, isHelplineData } from '../../src/transport/telegram/helpline-buttons.js';
import { decodeInvitationButton } from '../../src/transport/telegram/invitation-buttons.js';

const CODE = 'K7M3PQ';
const REF = '0ff23ef5a612';

/** Every button the events area writes, with what it must read back as. */
const WRITTEN: [string, EventsPress][] = [
  [eventsButton.language(CODE, 'sq'), { kind: 'step', code: CODE, input: { kind: 'language', language: 'sq' } }],
  [eventsButton.path(CODE, 'list'), { kind: 'step', code: CODE, input: { kind: 'path', path: 'list' } }],
  [eventsButton.path(CODE, 'walk_in'), { kind: 'step', code: CODE, input: { kind: 'path', path: 'walk_in' } }],
  [eventsButton.letter(CODE, 'B'), { kind: 'step', code: CODE, input: { kind: 'letter', letter: 'B' } }],
  [eventsButton.letter(CODE, 'Ç'), { kind: 'step', code: CODE, input: { kind: 'letter', letter: 'Ç' } }],
  [eventsButton.letter(CODE, '#'), { kind: 'step', code: CODE, input: { kind: 'letter', letter: '#' } }],
  [eventsButton.back(CODE), { kind: 'step', code: CODE, input: { kind: 'back' } }],
  [eventsButton.page(CODE, 19), { kind: 'step', code: CODE, input: { kind: 'page', page: 19 } }],
  [eventsButton.organisation(CODE, REF), { kind: 'step', code: CODE, input: { kind: 'organisation', ref: REF } }],
  [eventsButton.person(CODE, REF), { kind: 'step', code: CODE, input: { kind: 'person', ref: REF } }],
  [eventsButton.orgType(CODE, 'international'), { kind: 'step', code: CODE, input: { kind: 'org_type', orgType: 'international' } }],
  [eventsButton.region(CODE, 'gjirokaster'), { kind: 'step', code: CODE, input: { kind: 'region', region: 'gjirokaster' } }],
  [eventsButton.region(CODE, 'international'), { kind: 'step', code: CODE, input: { kind: 'region', region: 'international' } }],
  [eventsButton.card(CODE), { kind: 'card', code: CODE }],
  [eventsButton.correct(CODE), { kind: 'correct', code: CODE }],
  [eventsButton.correct(CODE, 'org_type'), { kind: 'correct', code: CODE, field: 'org_type' }],
  [eventsButton.correct(CODE, 'invitation'), { kind: 'correct', code: CODE, field: 'invitation' }],
  [eventsButton.correct(CODE, 'cancel'), { kind: 'correct', code: CODE, field: 'cancel' }],
  [eventsButton.checkIn(CODE), { kind: 'check_in', code: CODE }],
  [eventsButton.leave(CODE, 'ask'), { kind: 'leave', code: CODE }],
  [eventsButton.leave(CODE, 'yes'), { kind: 'leave', code: CODE, confirmed: true }],
  [eventsButton.erase(CODE, 'no'), { kind: 'erase', code: CODE, confirmed: false }],
  [eventsButton.erase(CODE, 'yes'), { kind: 'erase', code: CODE, confirmed: true }],
  [eventsButton.desk(CODE, { kind: 'overview' }), { kind: 'desk', code: CODE, view: { kind: 'overview' } }],
  [eventsButton.desk(CODE, { kind: 'programme' }), { kind: 'desk', code: CODE, view: { kind: 'programme' } }],
  [eventsButton.desk(CODE, { kind: 'people', page: 3 }), { kind: 'desk', code: CODE, view: { kind: 'people', page: 3 } }],
  [eventsButton.desk(CODE, { kind: 'check_in', page: 0 }), { kind: 'desk', code: CODE, view: { kind: 'check_in', page: 0 } }],
  [eventsButton.desk(CODE, { kind: 'profile', by: 'region' }), { kind: 'desk', code: CODE, view: { kind: 'profile', by: 'region' } }],
  [eventsButton.confirm(CODE, REF, 12), { kind: 'confirm', code: CODE, ref: REF, page: 12 }],
];

describe("the events area's buttons", () => {
  it.each(WRITTEN)('read %s back as written', (data, press) => {
    expect(data.startsWith('e:')).toBe(true);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);
    expect(isEventsData(data)).toBe(true);
    expect(decodeEventsButton(data)).toEqual(press);
  });

  it('are no other area’s, and no other area’s buttons are theirs', () => {
    for (const [data] of WRITTEN) {
      expect(isHelplineData(data)).toBe(false);
      expect(decodeHelplineButton(data)).toEqual({ kind: 'unknown' });
      expect(decodeConsoleButton(data)).toBeUndefined();
      expect(decodeInvitationButton(data)).toBeUndefined();
    }
    for (const data of ['h:x', 'x', 'o:take|K7-4QF', 'i:no', 'l|sq', 'h:l|sq', 'E:m|K7M3PQ']) {
      expect(isEventsData(data)).toBe(false);
      expect(decodeEventsButton(data)).toBeUndefined();
    }
  });

  it.each([
    'e:',
    'e:x',
    'e:m',
    'e:m|',
    'e:m|k7m3pq',
    'e:m|K7M3P0',
    'e:m|K7M3PQ|extra',
    'e:l|K7M3PQ|english',
    'e:l|K7M3PQ',
    'e:w|K7M3PQ|x',
    'e:a|K7M3PQ|b',
    'e:a|K7M3PQ|BCD',
    'e:p|K7M3PQ|-1',
    'e:p|K7M3PQ|01',
    'e:p|K7M3PQ|99999',
    'e:o|K7M3PQ|0ff23ef5a61',
    'e:o|K7M3PQ|0FF23EF5A612',
    'e:n|K7M3PQ|0ff23ef5a612|1',
    'e:t|K7M3PQ|cult',
    'e:r|K7M3PQ|kosovo',
    'e:c|K7M3PQ|password',
    'e:q|K7M3PQ|maybe',
    'e:q|K7M3PQ',
    'e:d|K7M3PQ|yes|yes',
    'e:v|K7M3PQ|z',
    'e:v|K7M3PQ|o|1',
    'e:v|K7M3PQ|r',
    'e:v|K7M3PQ|f|age',
    'e:y|K7M3PQ|0ff23ef5a612',
    'e:y|K7M3PQ|nothex000000|0',
    `e:m|K7M3PQ${'|'.repeat(60)}`,
  ])('read the forged or outdated %s as nothing: the area says so and changes nothing', (data) => {
    expect(isEventsData(data)).toBe(true);
    expect(decodeEventsButton(data)).toBeUndefined();
  });
});
