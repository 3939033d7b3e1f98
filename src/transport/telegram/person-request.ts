import type { HelpCase } from '../../helpline/cases.js';
import type { Translate } from '../../i18n/index.js';
import { helplineButton } from './helpline-buttons.js';

/**
 * What a person is told when their request for a person is passed on (`tr` bound to
 * the helpline's texts). Consent is only honest if it says what the team will see: the
 * answers given so far go with the request. A young person is told when the team must
 * involve child protection, before they tell more. Replies come later and can show on a
 * lock screen, so the tip on muting the chat and hiding previews comes with every request.
 * `nobody`: what is said when nobody is on call (the numbers for the person's country).
 */
export function requestedText(tr: Translate, helpCase: Pick<HelpCase, 'summary' | 'ageBand'>, reach: 'paged' | 'nobody' | 'in_chat', nobody = tr('handoff:person.nobody')): string {
  const parts = [reach === 'nobody' ? nobody : tr('person.requested')];
  if (Object.keys(helpCase.summary.answers).length > 0) parts.push(tr('person.shares_answers'));
  if (helpCase.ageBand === 'child') parts.push(tr('person.limits_young'));
  parts.push(tr('person.quiet_tip'));
  return parts.join('\n\n');
}

/**
 * The choice offered with the request (`tr` bound to the helpline's texts): the team's
 * messages wait until the person writes, so nothing arrives while someone else may see the phone.
 */
export const holdChoice = (tr: Translate) => [[{ text: tr('person.hold_button'), callback_data: helplineButton.hold }]];
