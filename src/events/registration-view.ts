import type { Invitee, Organisation } from './model.js';
import {
  invitedOrganisations,
  lettersOf,
  ORGANISATIONS_PER_PAGE,
  organisationsShown,
  PEOPLE_PER_PAGE,
  pageCount,
  peopleOf,
  type Purpose,
  type RegistrationLists,
  type RegistrationStep,
} from './registration.js';

/** One page of a list: its items, which page, of how many. */
export interface Paged<T> {
  items: T[];
  page: number;
  pages: number;
}

/**
 * What a registration step asks, as data: the transport writes the text and the
 * buttons. Pure, from the step and the event's lists, so a step stored before a new
 * invitation list was imported shows the list as it is now.
 */
export type Question =
  | { kind: 'language'; languages: string[] }
  | { kind: 'path' }
  | { kind: 'letters'; purpose: Purpose; letters: string[] }
  | { kind: 'organisations'; purpose: Purpose; letter: string | null; query: string | null; list: Paged<Organisation> }
  | { kind: 'people'; purpose: Purpose; organisation: Organisation; list: Paged<Invitee> }
  | { kind: 'name'; purpose: Purpose }
  | { kind: 'organisation'; purpose: Purpose }
  | { kind: 'org_type'; purpose: Purpose }
  | { kind: 'region'; purpose: Purpose }
  | { kind: 'code' }
  | { kind: 'done' };

function paged<T>(items: T[], page: number, perPage: number): Paged<T> {
  const pages = pageCount(items.length, perPage);
  const shown = Math.min(page, pages - 1);
  return { items: items.slice(shown * perPage, (shown + 1) * perPage), page: shown, pages };
}

export function questionOf(step: RegistrationStep, lists: RegistrationLists): Question {
  switch (step.at) {
    case 'language':
      return { kind: 'language', languages: [...lists.languages] };
    case 'path':
      return { kind: 'path' };
    case 'letters':
      return { kind: 'letters', purpose: step.purpose, letters: lettersOf(invitedOrganisations(lists)) };
    case 'organisations':
      return { kind: 'organisations', purpose: step.purpose, letter: step.letter, query: step.query, list: paged(organisationsShown(lists, step), step.page, ORGANISATIONS_PER_PAGE) };
    case 'people': {
      const organisation = lists.organisations.find((candidate) => candidate.id === step.organisationId);
      // The organisation went from the lists (it cannot today; a later import might): its list again.
      if (!organisation) return questionOf({ at: 'organisations', purpose: step.purpose, letter: null, query: null, page: 0 }, lists);
      return { kind: 'people', purpose: step.purpose, organisation, list: paged(peopleOf(lists, organisation.id), step.page, PEOPLE_PER_PAGE) };
    }
    case 'name':
    case 'organisation':
    case 'org_type':
    case 'region':
      return { kind: step.at, purpose: step.purpose };
    case 'code':
    case 'done':
      return { kind: step.at };
  }
}
