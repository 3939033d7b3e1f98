import { areaOf, CALLBACK_DATA_LIMIT, underArea } from '../../flows/buttons.js';
import { JOIN_CODE_ALPHABET } from '../../events/index.js';
import { CALLBACK_PREFIX } from './callback-prefix.js';

/**
 * The participation buttons, under the events area's prefix `e:` with tags of their
 * own, all starting with `v` followed by a second letter (the registration and desk
 * tags are one letter, so none is mistaken for another). Each names its event by join
 * code and a record by a short reference (12 hex digits of its id):
 * `vp|K7M3PQ|<poll>|2` a vote for the poll's third option; `vf|K7M3PQ|<poll>|o` (`|c`,
 * `|s`) a facilitator opens, closes or shows the polls; `vg|K7M3PQ|s` (`|v`, `|c`, `|r`, `|t`)
 * a facilitator starts group work, opens its dot vote, closes it, shows its results, makes
 * Open Space topics of the chosen actions;
 * `vd|K7M3PQ|<action>|+` (or `|-`) a dot placed or taken back; `vt|K7M3PQ|<topic>|j` (or
 * `|l`) a topic joined or left. Anything else under these tags reads as undefined.
 */
export type VotePress =
  | { kind: 'vote'; code: string; ref: string; choice: number }
  | { kind: 'poll_action'; code: string; ref: string; action: 'open' | 'close' | 'show' }
  | { kind: 'group_action'; code: string; action: 'start' | 'vote' | 'close' | 'show' | 'topics' }
  | { kind: 'dot'; code: string; ref: string; change: '+' | '-' }
  | { kind: 'topic'; code: string; ref: string; action: 'join' | 'leave' };

const AREA = CALLBACK_PREFIX.events;
const TAGS = ['vp', 'vf', 'vg', 'vd', 'vt'] as const;
const mine = (...parts: (string | number)[]) => underArea(AREA, parts.join('|'));
const CODE = new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`);
const REF = /^[0-9a-f]{12}$/;
const CHOICE = /^[0-9]$/;
const POLL_ACTIONS = [
  ['o', 'open'],
  ['c', 'close'],
  ['s', 'show'],
] as const;
const GROUP_ACTIONS = [
  ['s', 'start'],
  ['v', 'vote'],
  ['c', 'close'],
  ['r', 'show'],
  ['t', 'topics'],
] as const;

type Pairs<L extends string> = readonly (readonly [string, L])[];
const short = <L extends string>(pairs: Pairs<L>, value: L): string => pairs.find(([, name]) => name === value)?.[0] ?? '';
const long = <L extends string>(pairs: Pairs<L>, tag: string | undefined): L | undefined => pairs.find(([letter]) => letter === tag)?.[1];

export const voteButton = {
  vote: (code: string, ref: string, choice: number) => mine('vp', code, ref, choice),
  poll: (code: string, ref: string, action: 'open' | 'close' | 'show') => mine('vf', code, ref, short(POLL_ACTIONS, action)),
  group: (code: string, action: 'start' | 'vote' | 'close' | 'show' | 'topics') => mine('vg', code, short(GROUP_ACTIONS, action)),
  dot: (code: string, ref: string, change: '+' | '-') => mine('vd', code, ref, change),
  topic: (code: string, ref: string, action: 'join' | 'leave') => mine('vt', code, ref, action === 'join' ? 'j' : 'l'),
};

const tagOf = (data: string | undefined): string | undefined => {
  if (data === undefined) return undefined;
  const prefixed = areaOf(data);
  return prefixed?.area === AREA ? prefixed.data.split('|')[0] : undefined;
};

/** Whether a press is one of the participation buttons (whatever follows its tag). */
export const isVoteData = (data: string | undefined): boolean => TAGS.some((tag) => tag === tagOf(data));

/** What a participation button means; undefined for anything not written today (old, forged, another area's). */
export function decodeVoteButton(data: string | undefined): VotePress | undefined {
  if (data === undefined || Buffer.byteLength(data) > CALLBACK_DATA_LIMIT || !isVoteData(data)) return undefined;
  const [tag, code, first, second, ...more] = (areaOf(data)?.data ?? '').split('|');
  if (code === undefined || !CODE.test(code) || more.length > 0) return undefined;
  if (tag === 'vg') {
    const action = second === undefined ? long(GROUP_ACTIONS, first) : undefined;
    return action ? { kind: 'group_action', code, action } : undefined;
  }
  if (first === undefined || !REF.test(first) || second === undefined) return undefined;
  switch (tag) {
    case 'vp':
      return CHOICE.test(second) ? { kind: 'vote', code, ref: first, choice: Number(second) } : undefined;
    case 'vf': {
      const action = long(POLL_ACTIONS, second);
      return action ? { kind: 'poll_action', code, ref: first, action } : undefined;
    }
    case 'vd':
      return second === '+' || second === '-' ? { kind: 'dot', code, ref: first, change: second } : undefined;
    case 'vt':
      return second === 'j' || second === 'l' ? { kind: 'topic', code, ref: first, action: second === 'j' ? 'join' : 'leave' } : undefined;
    default:
      return undefined;
  }
}
