import type { Effect } from '../flows/engine.js';

/** What a respondent is told before the first question of a form that is not anonymous (locales/<lng>/surveys.json). */
export const PROFILE_NOTICE = 'surveys:profile_notice';

/**
 * A form's first messages, told first, when it is not anonymous, that the answers will be
 * kept with the type of organisation and region the person registered with (never a name):
 * whoever answers knows before the first answer what it is kept with.
 */
export const withProfileNotice = (anonymous: boolean, effects: readonly Effect[]): Effect[] =>
  anonymous ? [...effects] : [{ type: 'say', step: 'profile_notice', text: PROFILE_NOTICE, links: [] }, ...effects];
