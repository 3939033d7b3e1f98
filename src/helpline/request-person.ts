import type { Contact } from './contacts.js';
import type { Helpline } from './helpline.js';
import type { Reached, ReachTeam } from './reach.js';

export type RequestPerson = (contact: Contact, trigger: 'request' | 'urgent', urgentWords?: string) => Promise<Reached>;

/** The person asks for a person (or urgent words or buttons ask for them): their case is opened or raised, and the team paged. */
export function createRequestPerson(deps: { helpline: Pick<Helpline, 'requestPerson'>; reachTeam: ReachTeam }): RequestPerson {
  return async (contact, trigger, urgentWords) => {
    const helpCase = await deps.helpline.requestPerson(contact, trigger, urgentWords);
    return { helpCase, reach: await deps.reachTeam(helpCase) };
  };
}
