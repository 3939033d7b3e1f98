import type { FlowCatalog } from '../flows/catalog.js';
import type { Effect } from '../flows/engine.js';

/** What a respondent is told before the first question of a form that is not anonymous (locales/<lng>/surveys.json). */
export const PROFILE_NOTICE = 'surveys:profile_notice';

/** Whether a run's form keeps its respondents' type of organisation and region (its flow says `anonymous: false`). */
export const keepsProfile = (catalog: FlowCatalog, flowId: string): boolean => catalog.get(flowId)?.flow.anonymous === false;

/**
 * A form's first messages, told first, when it keeps a profile, that the answers will be
 * kept with the type of organisation and region the person registered with (never a name):
 * whoever answers knows before the first answer what it is kept with.
 */
export const withProfileNotice = (keeps: boolean, effects: readonly Effect[]): Effect[] =>
  keeps ? [{ type: 'say', step: 'profile_notice', text: PROFILE_NOTICE, links: [] }, ...effects] : [...effects];
