import { areaOf, CALLBACK_DATA_LIMIT, underArea } from '../../flows/buttons.js';
import { type CafePress, type ControlAction, JOIN_CODE_ALPHABET } from '../../events/index.js';
import { CALLBACK_PREFIX } from './callback-prefix.js';

/**
 * The World Café desk's buttons, under the events prefix with a tag of their own, `wc`
 * (the other events buttons use one letter): `wc|K7M3PQ|v` the desk, `wc|K7M3PQ|n|<session>`
 * plan the tables, `wc|K7M3PQ|s|<session>|2` start round 2, `|p|` pause, `|r|` resume, `|e|` end,
 * `wc|K7M3PQ|x|<session>|2|5` add five minutes. A `<session>` is 12 hex digits of its id.
 */
const TAG = 'wc';
const mine = (...parts: (string | number)[]) => underArea(CALLBACK_PREFIX.events, [TAG, ...parts].join('|'));

const CODE = new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`);
const REF = /^[0-9a-f]{12}$/;
const ROUND = /^[1-9]\d?$/;
/** The minutes a round may be extended by at once. */
export const EXTENSIONS = [2, 5] as const;
const ACTIONS = { s: 'start', p: 'pause', r: 'resume', e: 'end' } as const;
type Simple = (typeof ACTIONS)[keyof typeof ACTIONS];
const tagOf = (kind: Simple) => Object.entries(ACTIONS).find(([, action]) => action === kind)?.[0] ?? 's';

export const cafeButton = {
  view: (code: string) => mine(code, 'v'),
  plan: (code: string, session: string) => mine(code, 'n', session),
  control: (code: string, session: string, round: number, action: ControlAction) =>
    action.kind === 'extend' ? mine(code, 'x', session, round, action.minutes) : mine(code, tagOf(action.kind), session, round),
};

/** Whether a press is one of the café's (whatever follows its tag). */
export const isCafeData = (data: string | undefined): boolean => {
  const prefixed = data === undefined ? undefined : areaOf(data);
  return prefixed?.area === CALLBACK_PREFIX.events && prefixed.data.startsWith(`${TAG}|`);
};

/** What a café press means, with its event's join code; undefined for anything not written today. */
export function decodeCafeButton(data: string | undefined): { code: string; press: CafePress } | undefined {
  if (data === undefined || Buffer.byteLength(data) > CALLBACK_DATA_LIMIT || !isCafeData(data)) return undefined;
  const [, code, tag, session, round, minutes, ...more] = (areaOf(data)?.data ?? '').split('|');
  if (code === undefined || !CODE.test(code) || more.length > 0) return undefined;
  if (tag === 'v') return session === undefined ? { code, press: { kind: 'view' } } : undefined;
  if (session === undefined || !REF.test(session)) return undefined;
  if (tag === 'n') return round === undefined ? { code, press: { kind: 'plan', session } } : undefined;
  if (round === undefined || !ROUND.test(round)) return undefined;
  if (tag === 'x') {
    const added = EXTENSIONS.find((candidate) => String(candidate) === minutes);
    return added ? { code, press: { kind: 'control', session, round: Number(round), action: { kind: 'extend', minutes: added } } } : undefined;
  }
  const kind = tag === undefined ? undefined : Object.entries(ACTIONS).find(([short]) => short === tag)?.[1];
  return kind && minutes === undefined ? { code, press: { kind: 'control', session, round: Number(round), action: { kind } } } : undefined;
}
