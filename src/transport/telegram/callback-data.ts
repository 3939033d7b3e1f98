import { decodeInput } from '../../flows/buttons.js';
import type { FlowInput } from '../../flows/engine.js';
import { COUNTRY_CHOICES, type CountryChoice } from '../../helpline/directory.js';

/**
 * What an inline button means, packed into Telegram's callback data (64 bytes at
 * most). Flow answers: `c|step|code` choose, `t|step|code` tick, `d|step` done,
 * `s|step` prefer not to say, `n|step` not applicable, `b` back. Everywhere:
 * `p` talk to a person, `x` exit, `f` give feedback after a case, `w` write to me only after I write. The helpline's screens: `l|sq` language, `o`
 * notice read, `y|safe` safety, `m|check` menu, `a|yes` under 18, `r|yes` resume,
 * `z|yes` delete, `g|fier` county (`g|none`: national only), `k|it` country then its services (`k|ask`: the
 * question again), `e|it` country then its emergency numbers, `u|it` country then its crisis lines and
 * emergency numbers (from the message for someone who may hurt themself). Anything else (an old or forged button) reads as `unknown`.
 */
export type ButtonAction =
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

/** The helpline's own buttons, outside any flow. */
export const button = {
  language: (language: string) => `l|${language}`,
  notice: 'o',
  safety: (answer: (typeof SAFETY)[number]) => `y|${answer}`,
  menu: (item: MenuItem) => `m|${item}`,
  age: (under18: boolean) => `a|${under18 ? 'yes' : 'no'}`,
  resume: (resume: boolean) => `r|${resume ? 'yes' : 'no'}`,
  delete: (confirmed: boolean) => `z|${confirmed ? 'yes' : 'no'}`,
  /** A county for regional services; `none` for national numbers only. */
  region: (region: string | null) => `g|${region ?? 'none'}`,
  /** Shows the list of counties again. */
  regions: 'g|ask',
  /** The country the person is in, then its services (`emergency`: then its numbers to call now; `crisis`: its crisis lines first). */
  country: (country: CountryChoice, then: CountryThen = 'services') => `${COUNTRY_TAGS[then]}|${country.toLowerCase()}`,
  /** Asks the country again. */
  countries: 'k|ask',
};

const countryChoice = (value: string | undefined): CountryChoice | undefined => COUNTRY_CHOICES.find((country) => country.toLowerCase() === value);

const yes = (value: string | undefined) => (value === 'yes' ? true : value === 'no' ? false : undefined);

function decodeHelpline(tag: string, value: string | undefined): ButtonAction | undefined {
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

export const PERSON = 'p';
export const EXIT = 'x';
/** After an operator closes a case: opens the anonymous service-feedback survey. */
export const FEEDBACK = 'f';
/** With the reply to a request for a person: the team's messages wait until the person next writes. */
export const HOLD = 'w';

export function decodeButton(data: string | undefined): ButtonAction {
  if (data === PERSON) return { kind: 'person' };
  if (data === EXIT) return { kind: 'exit' };
  if (data === FEEDBACK) return { kind: 'feedback' };
  if (data === HOLD) return { kind: 'hold' };
  const [tag, step, code, ...rest] = (data ?? '').split('|');
  if (tag !== undefined && code === undefined && rest.length === 0) {
    const helpline = decodeHelpline(tag, step);
    if (helpline) return helpline;
  }
  const input = decodeInput(data ?? '');
  if (input) return { kind: 'flow', input };
  return { kind: 'unknown' };
}
