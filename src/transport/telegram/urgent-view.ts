import type { InlineKeyboardButton } from 'grammy/types';
import { COUNTRY_CHOICES, type CountryChoice, type Directory } from '../../helpline/directory.js';
import { crisisText, numbersText } from '../../helpline/numbers-text.js';
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
   * Thoughts of self-harm were heard: the country's crisis lines come first (with their
   * hours), then the numbers to call now, then `urgent:self_harm_hint`; a country chosen
   * from this message keeps it so.
   */
  selfHarm?: boolean;
  /** The person was in the middle of a flow: a button takes them back to the question. */
  canContinue?: boolean;
}

/** The one message of the urgent path: numbers for where the person is, whether a person knows, and the way out. */
export function urgentView(directory: Directory, t: Translate, message: UrgentMessage): View {
  const reach = message.reach === undefined ? undefined : message.reach === 'nobody' ? t('handoff:person.nobody_urgent') : t(`helpline:urgent.team_${message.reach}`);
  const selfHarm = message.selfHarm === true;
  const text = [
    selfHarm ? crisisText(directory, message.country, t) : undefined,
    numbersText(directory, message.country, t, { medical: message.medical === true, ask: true }),
    selfHarm ? t('urgent:self_harm_hint') : undefined,
    reach,
    t('helpline:urgent.exit'),
  ]
    .filter(Boolean)
    .join('\n\n');
  const keyboard: InlineKeyboardButton[][] = [];
  if (message.country === undefined) {
    const choices = COUNTRY_CHOICES.map((country) => ({ text: t(`helpline:countries.${country}`), callback_data: button.country(country, selfHarm ? 'crisis' : 'emergency') }));
    for (let i = 0; i < choices.length; i += 3) keyboard.push(choices.slice(i, i + 3));
  }
  if (!message.medical) keyboard.push([{ text: t('helpline:safety.doctor'), callback_data: button.safety('doctor') }]);
  if (message.canContinue) keyboard.push([{ text: t('helpline:resume.continue'), callback_data: button.resume(true) }]);
  else keyboard.push([{ text: t('helpline:buttons.menu'), callback_data: button.menu('home') }]);
  keyboard.push(safetyRow(t));
  return { text, keyboard };
}
