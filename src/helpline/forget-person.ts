import type { Handoff } from './handoff/handoff.js';

/**
 * The right to be forgotten (/delete, confirmed): contact ends first, as on a quick exit,
 * then every row about the person and their chat's session is erased.
 */
export function createForgetPerson(deps: { handoff: Pick<Handoff, 'personLeft'>; erase(contactId: string, sessionKey: string): Promise<void> }) {
  return async (contactId: string, sessionKey: string): Promise<void> => {
    await deps.handoff.personLeft(contactId);
    await deps.erase(contactId, sessionKey);
  };
}
