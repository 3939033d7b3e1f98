import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import { createFlowTurns } from './flow-turns.js';
import { createForgetPerson } from './forget-person.js';
import type { Handoff } from './handoff/handoff.js';
import type { Paging } from './handoff/paging.js';
import type { Helpline } from './helpline.js';
import type { MessageLog } from './message-log.js';
import { createQuickExit } from './quick-exit.js';
import { createRaiseUrgent } from './raise-urgent.js';
import { createReachTeam } from './reach.js';
import { createRequestPerson } from './request-person.js';
import type { UrgentWords } from './urgent-words.js';

/** What a help-seeker can do that is more than one call: the use-cases a transport calls, one per thing done. */
export function createHelpSeeking(deps: {
  helpline: Helpline;
  handoff: Pick<Handoff, 'personLeft'>;
  paging: Pick<Paging, 'caseOpened'>;
  messages: Pick<MessageLog, 'since' | 'forget'>;
  erase(contactId: string, sessionKey: string): Promise<void>;
  urgentWords: UrgentWords;
  clock: Clock;
  logger: Logger;
}) {
  const reachTeam = createReachTeam(deps);
  const requestPerson = createRequestPerson({ helpline: deps.helpline, reachTeam });
  return {
    turns: createFlowTurns({ helpline: deps.helpline, reachTeam }),
    requestPerson,
    urgent: createRaiseUrgent({ urgentWords: deps.urgentWords, requestPerson, logger: deps.logger }),
    quickExit: createQuickExit(deps),
    forget: createForgetPerson(deps),
  };
}

export type HelpSeeking = ReturnType<typeof createHelpSeeking>;
