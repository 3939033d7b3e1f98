import { areaOf, CALLBACK_DATA_LIMIT, underArea } from '../../flows/buttons.js';
import { CORRECTIONS, type CorrectionField, type DeskView, INVITE_REGIONS, JOIN_CODE_ALPHABET, ORG_TYPES, PROFILE_DIMENSIONS, type RegistrationInput } from '../../events/index.js';
import { CALLBACK_PREFIX } from './callback-prefix.js';

/**
 * What a button of the events area means, packed under its prefix `e:`. Every button
 * names its event by join code (six characters), so a button of a closed event or of
 * another event is told apart from a button of the chat's current step. Registration:
 * `l|K7M3PQ|sq` language, `w|K7M3PQ|l` (or `|w`) from the list or as a walk-in, `a|K7M3PQ|B`
 * a first letter, `b|K7M3PQ` back to the list, `p|K7M3PQ|2` a page, `o|K7M3PQ|<ref>` an
 * organisation, `n|K7M3PQ|<ref>` a person, `t|K7M3PQ|ngo` a type, `r|K7M3PQ|fier` a region.
 * The participant's own: `m` their data, `c` correct (`c|K7M3PQ|name` a field, `|cancel`), `k`
 * check in, `q` leave and `d` delete (`|ask`, `|yes`, `|no`). The organiser's: `v|K7M3PQ|o`
 * overview, `|g` programme, `|r|0` registrations, `|k|0` check-in list, `|f|org_type` profile;
 * `y|K7M3PQ|<ref>|0` confirms a participant present. A `<ref>` is 12 hex digits of a record's
 * id. Anything else under `e:` (an old form, a forged one) reads as undefined.
 */
export type EventsPress =
  | { kind: 'step'; code: string; input: RegistrationInput }
  | { kind: 'card'; code: string }
  | { kind: 'correct'; code: string; field?: CorrectionField | 'cancel' }
  | { kind: 'check_in'; code: string }
  | { kind: 'leave'; code: string; confirmed?: boolean }
  | { kind: 'erase'; code: string; confirmed?: boolean }
  | { kind: 'desk'; code: string; view: DeskView }
  | { kind: 'confirm'; code: string; ref: string; page: number };

const AREA = CALLBACK_PREFIX.events;
const mine = (...parts: (string | number)[]) => underArea(AREA, parts.join('|'));

const CODE = new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`);
const REF = /^[0-9a-f]{12}$/;
const PAGE = /^(0|[1-9]\d{0,3})$/;
const LANGUAGE = /^[a-z]{2}$/;
/** A first letter as `letterOf` writes it: a capital (one or two characters, as some letters capitalise), or `#`. */
const LETTER = /^(?:\p{Lu}{1,2}|#)$/u;
const DESK_TAGS = { o: 'overview', g: 'programme', r: 'people', k: 'check_in', f: 'profile' } as const;

const oneOf = <T extends string>(values: readonly T[], value: string | undefined): T | undefined => values.find((candidate) => candidate === value);
const answerOf = (value: string | undefined): boolean | undefined | 'bad' => (value === 'ask' ? undefined : value === 'yes' ? true : value === 'no' ? false : 'bad');

/** The events area's buttons, as they are written. */
export const eventsButton = {
  language: (code: string, language: string) => mine('l', code, language),
  path: (code: string, path: 'list' | 'walk_in') => mine('w', code, path === 'list' ? 'l' : 'w'),
  letter: (code: string, letter: string) => mine('a', code, letter),
  back: (code: string) => mine('b', code),
  page: (code: string, page: number) => mine('p', code, page),
  organisation: (code: string, ref: string) => mine('o', code, ref),
  person: (code: string, ref: string) => mine('n', code, ref),
  orgType: (code: string, orgType: string) => mine('t', code, orgType),
  region: (code: string, region: string) => mine('r', code, region),
  card: (code: string) => mine('m', code),
  correct: (code: string, field?: CorrectionField | 'cancel') => (field === undefined ? mine('c', code) : mine('c', code, field)),
  checkIn: (code: string) => mine('k', code),
  leave: (code: string, answer: 'ask' | 'yes' | 'no') => mine('q', code, answer),
  erase: (code: string, answer: 'ask' | 'yes' | 'no') => mine('d', code, answer),
  desk: (code: string, view: DeskView) => {
    switch (view.kind) {
      case 'overview':
        return mine('v', code, 'o');
      case 'programme':
        return mine('v', code, 'g');
      case 'people':
        return mine('v', code, 'r', view.page);
      case 'check_in':
        return mine('v', code, 'k', view.page);
      case 'profile':
        return mine('v', code, 'f', view.by);
    }
  },
  confirm: (code: string, ref: string, page: number) => mine('y', code, ref, page),
};

/** Whether a press is under the events area's prefix (whatever follows it). */
export const isEventsData = (data: string | undefined): boolean => data !== undefined && areaOf(data)?.area === AREA;

function registrationInput(tag: string, value: string | undefined): RegistrationInput | undefined {
  if (value === undefined) return tag === 'b' ? { kind: 'back' } : undefined;
  switch (tag) {
    case 'l':
      return LANGUAGE.test(value) ? { kind: 'language', language: value } : undefined;
    case 'w':
      return value === 'l' ? { kind: 'path', path: 'list' } : value === 'w' ? { kind: 'path', path: 'walk_in' } : undefined;
    case 'a':
      return LETTER.test(value) ? { kind: 'letter', letter: value } : undefined;
    case 'p':
      return PAGE.test(value) ? { kind: 'page', page: Number(value) } : undefined;
    case 'o':
      return REF.test(value) ? { kind: 'organisation', ref: value } : undefined;
    case 'n':
      return REF.test(value) ? { kind: 'person', ref: value } : undefined;
    case 't': {
      const orgType = oneOf(ORG_TYPES, value);
      return orgType ? { kind: 'org_type', orgType } : undefined;
    }
    case 'r': {
      const region = oneOf(INVITE_REGIONS, value);
      return region ? { kind: 'region', region } : undefined;
    }
    default:
      return undefined;
  }
}

function deskView(tag: string | undefined, value: string | undefined): DeskView | undefined {
  const kind = tag === undefined ? undefined : Object.entries(DESK_TAGS).find(([short]) => short === tag)?.[1];
  if (kind === 'overview' || kind === 'programme') return value === undefined ? { kind } : undefined;
  if ((kind === 'people' || kind === 'check_in') && value !== undefined && PAGE.test(value)) return { kind, page: Number(value) };
  const by = oneOf(PROFILE_DIMENSIONS, value);
  return kind === 'profile' && by ? { kind, by } : undefined;
}

function decodeParts(tag: string, code: string, rest: string[]): EventsPress | undefined {
  const [first, second, ...more] = rest;
  if (tag === 'm' || tag === 'k') return rest.length === 0 ? { kind: tag === 'm' ? 'card' : 'check_in', code } : undefined;
  if (tag === 'c') {
    if (rest.length === 0) return { kind: 'correct', code };
    const field = first === 'cancel' ? 'cancel' : oneOf(CORRECTIONS, first);
    return field && rest.length === 1 ? { kind: 'correct', code, field } : undefined;
  }
  if (tag === 'q' || tag === 'd') {
    const confirmed = answerOf(first);
    if (confirmed === 'bad' || rest.length !== 1) return undefined;
    const kind = tag === 'q' ? 'leave' : 'erase';
    return confirmed === undefined ? { kind, code } : { kind, code, confirmed };
  }
  if (tag === 'v') {
    const view = more.length === 0 ? deskView(first, second) : undefined;
    return view ? { kind: 'desk', code, view } : undefined;
  }
  if (tag === 'y')
    return first !== undefined && REF.test(first) && second !== undefined && PAGE.test(second) && more.length === 0 ? { kind: 'confirm', code, ref: first, page: Number(second) } : undefined;
  if (rest.length > 1) return undefined;
  const input = registrationInput(tag, first);
  return input ? { kind: 'step', code, input } : undefined;
}

/** What a press of an events button means; undefined for anything that is not one written today (another area's, old, forged). */
export function decodeEventsButton(data: string | undefined): EventsPress | undefined {
  if (data === undefined || Buffer.byteLength(data) > CALLBACK_DATA_LIMIT) return undefined;
  const prefixed = areaOf(data);
  if (prefixed?.area !== AREA) return undefined;
  const [tag, code, ...rest] = prefixed.data.split('|');
  if (tag === undefined || code === undefined || !CODE.test(code)) return undefined;
  return decodeParts(tag, code, rest);
}
