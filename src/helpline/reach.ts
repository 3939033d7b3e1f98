import type { Logger } from '../shared/logger.js';
import type { HelpCase } from './cases.js';
import type { Paging } from './handoff/paging.js';

/** Who knows about the person's case: the team was paged, nobody is on call, or the operator already chatting. */
export type Reach = 'paged' | 'nobody' | 'in_chat';

/** A case just opened or raised, and who knows about it. */
export interface Reached {
  helpCase: HelpCase;
  reach: Reach;
}

export type ReachTeam = (helpCase: HelpCase) => Promise<Reach>;

/**
 * When to page: a case just opened or raised is paged to the team while it waits; one an
 * operator already holds is not (they are in the chat). `nobody`: no one is on call, which
 * the person is told honestly.
 */
export function createReachTeam(deps: { paging: Pick<Paging, 'caseOpened'>; logger: Logger }): ReachTeam {
  return async (helpCase) => {
    if (helpCase.status === 'active') return 'in_chat';
    const { onCall } = await deps.paging.caseOpened(helpCase);
    deps.logger.info({ case: helpCase.code, level: helpCase.level, trigger: helpCase.trigger, onCall }, 'case waiting for an operator');
    return onCall > 0 ? 'paged' : 'nobody';
  };
}
