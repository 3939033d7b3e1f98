import { areaOf, decodeInput, encodeAnswer, underArea } from '../../flows/buttons.js';
import type { FlowInput } from '../../flows/engine.js';
import { COUNTRY_CHOICES, type CountryChoice } from '../../helpline/directory.js';
import { CALLBACK_PREFIX } from './callback-prefix.js';

/**
 * What a button of the helpline means, packed into Telegram's callback data (64 bytes
 * at most) under the helpline's prefix `h:`. Flow answers: `c|step|code` choose,
 * `t|step|code` tick, `d|step` done, `s|step` prefer not to say, `n|step` not applicable,
 * `b` back. Everywhere: `p` talk to a person, `x` exit, `f` give feedback after a case,
 * `w` write to me only after I write. The helpline's screens: `l|sq` language, `o` notice
 * read, `y|safe` safety, `m|check` menu, `a|yes` under 18, `r|yes` resume, `z|yes` delete,
 * `g|fier` county (`g|none`: national only), `k|it` country then its services (`k|ask`: the
 * question again), `e|it` country then its emergency numbers, `u|it` country then its crisis
 * lines and emergency numbers (from the message for someone who may hurt themself). Anything
 * else (an old or forged button) reads as `unknown`.
 */
export type HelplineAction =
  | { kind: 'flow'; input: FlowInput }
  | { kind: 'person' }
  | { kind: 'exit' }
  | { kind: 'language'; language: string }
  | { kind: 'notice' }
  | { kind: 'safety'; answer: (typeof SAFETY)[number] }
  | { kind: 'menu'; item: MenuItem }
  | { kind: 'age'; under18: boolean }
  | { kind: 'resume'; resume: boolean }
  | { kind: 'delete'; confirmed: boolean }
  | { kind: 'region'; region: string | null }
  | { kind: 'regions' }
  | { kind: 'country'; country: CountryChoice; then: CountryThen }
  | { kind: 'countries' }
  | { kind: 'feedback' }
  | { kind: 'hold' }
  | { kind: 'unknown' };

/** What a country button shows next: its services, its numbers to call now, or those after its crisis lines. */
const COUNTRY_THENS = ['services', 'emergency', 'crisis'] as const;
export type CountryThen = (typeof COUNTRY_THENS)[number];
const COUNTRY_TAGS: Record<CountryThen, string> = { services: 'k', emergency: 'e', crisis: 'u' };
const countryThen = (tag: string): CountryThen | undefined => COUNTRY_THENS.find((then) => COUNTRY_TAGS[then] === tag);

export const MENU_ITEMS = ['check', 'worried', 'offer', 'services', 'privacy', 'home'] as const;
export type MenuItem = (typeof MENU_ITEMS)[number];
/** The answers to "can you talk safely?", in the order they are offered; `doctor`: "I need a doctor now". */
export const SAFETY = ['safe', 'not_really', 'danger', 'doctor'] as const;

const AREA = CALLBACK_PREFIX.helpline;
const mine = (data: string) => underArea(AREA, data);

/** The helpline's buttons, as they are written today. */
export const helplineButton = {
  person: mine('p'),
  exit: mine('x'),
  /** After an operator closes a case: opens the anonymous service-feedback survey. */
  feedback: mine('f'),
  /** With the reply to a request for a person: the team's messages wait until the person next writes. */
  hold: mine('w'),
  flow: (input: FlowInput) => encodeAnswer(AREA, input),
  language: (language: string) => mine(`l|${language}`),
  notice: mine('o'),
  safety: (answer: (typeof SAFETY)[number]) => mine(`y|${answer}`),
  menu: (item: MenuItem) => mine(`m|${item}`),
  age: (under18: boolean) => mine(`a|${under18 ? 'yes' : 'no'}`),
  resume: (resume: boolean) => mine(`r|${resume ? 'yes' : 'no'}`),
  delete: (confirmed: boolean) => mine(`z|${confirmed ? 'yes' : 'no'}`),
  /** A county for regional services; `none` for national numbers only. */
  region: (region: string | null) => mine(`g|${region ?? 'none'}`),
  /** Shows the list of counties again. */
  regions: mine('g|ask'),
  /** The country the person is in, then its services (`emergency`: then its numbers to call now; `crisis`: its crisis lines first). */
  country: (country: CountryChoice, then: CountryThen = 'services') => mine(`${COUNTRY_TAGS[then]}|${country.toLowerCase()}`),
  /** Asks the country again. */
  countries: mine('k|ask'),
};

const countryChoice = (value: string | undefined): CountryChoice | undefined => COUNTRY_CHOICES.find((country) => country.toLowerCase() === value);

const yes = (value: string | undefined) => (value === 'yes' ? true : value === 'no' ? false : undefined);

const SINGLE: Record<string, HelplineAction> = { p: { kind: 'person' }, x: { kind: 'exit' }, f: { kind: 'feedback' }, w: { kind: 'hold' } };

function decodeScreen(tag: string, value: string | undefined): HelplineAction | undefined {
  if (tag === 'o' && value === undefined) return { kind: 'notice' };
  if (tag === 'l' && value !== undefined && /^[a-z]{2}$/.test(value)) return { kind: 'language', language: value };
  const safety = SAFETY.find((answer) => answer === value);
  if (tag === 'y' && safety) return { kind: 'safety', answer: safety };
  if (tag === 'g' && value === 'ask') return { kind: 'regions' };
  if (tag === 'k' && value === 'ask') return { kind: 'countries' };
  const country = countryChoice(value);
  const then = countryThen(tag);
  if (then && country) return { kind: 'country', country, then };
  if (tag === 'g' && value !== undefined && /^[a-z]{3,12}$/.test(value)) return { kind: 'region', region: value === 'none' ? null : value };
  const item = MENU_ITEMS.find((candidate) => candidate === value);
  if (tag === 'm' && item) return { kind: 'menu', item };
  const flag = yes(value);
  if (flag === undefined) return undefined;
  if (tag === 'a') return { kind: 'age', under18: flag };
  if (tag === 'r') return { kind: 'resume', resume: flag };
  if (tag === 'z') return { kind: 'delete', confirmed: flag };
  return undefined;
}

/** Reads the data after the prefix (or of a button written before there were prefixes). */
function decodeUnprefixed(data: string): HelplineAction {
  const single = SINGLE[data];
  if (single) return single;
  const [tag, step, code, ...rest] = data.split('|');
  if (tag !== undefined && code === undefined && rest.length === 0) {
    const screen = decodeScreen(tag, step);
    if (screen) return screen;
  }
  const input = decodeInput(data);
  return input ? { kind: 'flow', input } : { kind: 'unknown' };
}

/**
 * Whether a press is the helpline's: under its prefix, or without any prefix (buttons
 * sent before areas had prefixes keep working in people's chats; forged data without
 * a prefix reads as unknown here, as it always did). Another area's prefix is not.
 */
export function isHelplineData(data: string): boolean {
  const prefixed = areaOf(data);
  return prefixed === undefined || prefixed.area === AREA;
}

export function decodeHelplineButton(data: string | undefined): HelplineAction {
  if (data === undefined) return { kind: 'unknown' };
  const prefixed = areaOf(data);
  if (prefixed === undefined) return decodeUnprefixed(data);
  return prefixed.area === AREA ? decodeUnprefixed(prefixed.data) : { kind: 'unknown' };
}
