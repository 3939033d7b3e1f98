import type { InlineKeyboardButton } from 'grammy/types';
import { COUNTRY_CHOICES, emergencyNumbers, type Country, type CountryChoice, type Directory, type ServiceEntry } from '../../helpline/directory.js';
import type { Translate } from '../../i18n/index.js';
import type { Reach } from '../../helpline/reach.js';
import { helplineButton as button } from './helpline-buttons.js';
import { safetyRow, type View } from './flow-view.js';

export interface UrgentMessage {
  /** The country the person said they are in; unknown: the numbers that work widely, Albania's, and the question. */
  country: CountryChoice | undefined;
  /** Whether a person was alerted; absent when no case was opened (the numbers shown again for a country). */
  reach?: Reach;
  /** "I need a doctor now": the numbers that send a doctor, not every emergency line. */
  medical?: boolean;
  /**
   * A line about what was heard, placed between the numbers and the team's answer
   * (e.g. the line for self-harm, `urgent.self_harm_hint`).
   */
  hint?: string;
  /** The person was in the middle of a flow: a button takes them back to the question. */
  canContinue?: boolean;
}

const line = (entry: ServiceEntry, t: Translate) => `• ${entry.phone ?? ''}: ${t(`directory:${entry.id}.name`)}`;

/** The numbers to call now in a country, one a line, under a heading that names the country. */
function countryBlock(directory: Directory, country: Country, t: Translate, medical: boolean): string {
  const entries = emergencyNumbers(directory, country, { medical });
  const heading = t(medical ? 'helpline:urgent.doctor_in' : 'helpline:urgent.numbers_in', { country: t(`helpline:countries.${country}`) });
  return [heading, ...entries.map((entry) => line(entry, t))].join('\n');
}

/**
 * What to call now, for the country the person is in. Never one country's police
 * alone for someone elsewhere: with no country known, the number that works across
 * the EU and the region comes first, then Albania's, named as Albania's (and, with
 * `ask`, a word that the country buttons below give that country's numbers).
 */
export function numbersText(directory: Directory, country: CountryChoice | undefined, t: Translate, options: { medical?: boolean; ask?: boolean } = {}): string {
  const medical = options.medical === true;
  const widely = t(medical ? 'helpline:urgent.doctor_elsewhere' : 'helpline:urgent.elsewhere');
  if (country === 'OTHER') return widely;
  if (country !== undefined) return countryBlock(directory, country, t, medical);
  return [widely, countryBlock(directory, 'AL', t, medical), ...(options.ask ? [t('helpline:urgent.which_country')] : [])].join('\n\n');
}

/** The one message of the urgent path: numbers for where the person is, whether a person knows, and the way out. */
export function urgentView(directory: Directory, t: Translate, message: UrgentMessage): View {
  const reach = message.reach === undefined ? undefined : message.reach === 'nobody' ? t('handoff:person.nobody_urgent') : t(`helpline:urgent.team_${message.reach}`);
  const text = [numbersText(directory, message.country, t, { medical: message.medical === true, ask: true }), message.hint, reach, t('helpline:urgent.exit')].filter(Boolean).join('\n\n');
  const keyboard: InlineKeyboardButton[][] = [];
  if (message.country === undefined) {
    const choices = COUNTRY_CHOICES.map((country) => ({ text: t(`helpline:countries.${country}`), callback_data: button.country(country, 'emergency') }));
    for (let i = 0; i < choices.length; i += 3) keyboard.push(choices.slice(i, i + 3));
  }
  if (!message.medical) keyboard.push([{ text: t('helpline:safety.doctor'), callback_data: button.safety('doctor') }]);
  if (message.canContinue) keyboard.push([{ text: t('helpline:resume.continue'), callback_data: button.resume(true) }]);
  else keyboard.push([{ text: t('helpline:buttons.menu'), callback_data: button.menu('home') }]);
  keyboard.push(safetyRow(t));
  return { text, keyboard };
}
