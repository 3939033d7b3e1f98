import type { Composer } from 'grammy';
import { consoleComposer, type ConsoleDeps } from './console.js';
import type { UraContext } from './context.js';
import { eventsComposer, type EventsBotDeps } from './events-composer.js';
import { helplineComposer, type HelplineBotDeps } from './helpline-composer.js';
import { invitationComposer, type InvitationBotDeps } from './invitations.js';
import { organiserComposer, type OrganiserBotDeps } from './organiser-console.js';
import { surveysComposer, type SurveysBotDeps } from './surveys-composer.js';

/** Each area's composer deps, as the composition root assembles them. */
export interface AreaBotDeps {
  events: EventsBotDeps;
  /** Survey runs answered in the chat; left out, they are not offered. */
  surveys?: SurveysBotDeps;
  organisers: OrganiserBotDeps;
  console: ConsoleDeps;
  invitations: InvitationBotDeps;
  helpline: HelplineBotDeps;
}

/**
 * The areas' composers in the order an update meets them. Events first: they answer
 * only their own updates (an event's link, /me, /event, their buttons, text while a
 * registration waits for it), and staff composers answer every update of a staff
 * member, so an organiser's /event would not reach them later. Then staff (organisers,
 * then the case console): a staff member's messages are never taken for a help-seeker's,
 * and an invitation is answered before the person could be recorded as a contact. The
 * helpline last: it serves the private chats no other area answered. Survey runs right after
 * events: a participant answering an evaluation is never taken for a help-seeker, nor is a
 * staff member who takes part in an event.
 */
export function areaComposers(deps: AreaBotDeps): Composer<UraContext>[] {
  return [
    eventsComposer(deps.events),
    ...(deps.surveys ? [surveysComposer(deps.surveys)] : []),
    organiserComposer(deps.organisers),
    consoleComposer(deps.console),
    invitationComposer(deps.invitations),
    helplineComposer(deps.helpline),
  ];
}
