import { z } from 'zod';
import { INVITE_REGIONS, type Invitee, type InviteRegion, ORG_TYPES, type Organisation, type OrgType, type WalkIn, type WalkInChange } from './model.js';
import { cleanName, nameKey } from './normalise.js';

/**
 * Registration in the chat as a small explicit state machine: the step a chat is on is
 * plain data (stored by the events area, keyed by the participant hash), and
 * `advance(step, input, lists)` is a pure function returning the next step or what to
 * record. Not a flow of the general runner: a flow's options are fixed in its YAML,
 * while these come from the event's own lists (its languages, 155 organisations in
 * pages or by first letter, the people of one organisation), and a registration ends
 * in a row of the events area, not in answers.
 *
 * The same steps correct a registration (`purpose: 'correct'`): a walk-in's name,
 * organisation, type or region one at a time; an invitee chooses themself again.
 */

export const ORGANISATIONS_PER_PAGE = 8;
export const PEOPLE_PER_PAGE = 8;
/** Above this many invited organisations, the list starts with their first letters. */
export const LETTERS_ABOVE = 16;
/** Bounds of what a walk-in types: a name has at least two characters, nothing runs on forever. */
export const NAME_LENGTH = { min: 2, max: 100 } as const;
export const ORGANISATION_LENGTH = { min: 2, max: 150 } as const;
/** The least of an organisation's name worth searching for. */
const QUERY_MIN = 2;

const purpose = z.enum(['register', 'correct']);
export type Purpose = z.infer<typeof purpose>;
const page = z.int().min(0);

export const registrationStepSchema = z.discriminatedUnion('at', [
  z.strictObject({ at: z.literal('language') }),
  z.strictObject({ at: z.literal('path') }),
  z.strictObject({ at: z.literal('letters'), purpose }),
  z.strictObject({ at: z.literal('organisations'), purpose, letter: z.string().nullable(), query: z.string().nullable(), page }),
  z.strictObject({ at: z.literal('people'), purpose, organisationId: z.string(), page }),
  z.strictObject({ at: z.literal('name'), purpose }),
  z.strictObject({ at: z.literal('organisation'), purpose, name: z.string().nullable() }),
  z.strictObject({ at: z.literal('org_type'), purpose, name: z.string().nullable(), organisation: z.string().nullable() }),
  z.strictObject({ at: z.literal('region'), purpose, name: z.string().nullable(), organisation: z.string().nullable(), orgType: z.enum(ORG_TYPES).nullable() }),
  /** Registered, asked to type the entrance code. */
  z.strictObject({ at: z.literal('code') }),
  /** Registered, nothing asked. */
  z.strictObject({ at: z.literal('done') }),
]);
export type RegistrationStep = z.infer<typeof registrationStepSchema>;

/** The steps that wait for an answer: typed text in a chat on one of them is the registration's. */
export const isAsking = (step: RegistrationStep): boolean => step.at !== 'done';

export type RegistrationInput =
  | { kind: 'language'; language: string }
  | { kind: 'path'; path: 'list' | 'walk_in' }
  | { kind: 'letter'; letter: string }
  /** Back to the first letters (or the first page of organisations), from a page or from the people of one. */
  | { kind: 'back' }
  | { kind: 'page'; page: number }
  | { kind: 'organisation'; ref: string }
  | { kind: 'person'; ref: string }
  | { kind: 'org_type'; orgType: OrgType }
  | { kind: 'region'; region: InviteRegion }
  | { kind: 'text'; text: string };

/** Why a step is asked again. */
export type RegistrationHint = 'name_length' | 'organisation_length' | 'no_match' | 'use_buttons';

export type Transition =
  | { kind: 'ask'; step: RegistrationStep; language?: string; hint?: RegistrationHint }
  | { kind: 'register_invitee'; inviteeId: string }
  | { kind: 'register_walk_in'; walkIn: WalkIn }
  | { kind: 'rechoose'; inviteeId: string }
  | { kind: 'correct'; change: WalkInChange }
  /** The input does not belong to this step (an old button, a forged one): nothing changes. */
  | { kind: 'stale' };

/** What the steps choose from: the event's languages in the chat, its organisations and invitation list. */
export interface RegistrationLists {
  languages: readonly string[];
  organisations: readonly Organisation[];
  invitees: readonly Invitee[];
}

/** What a button carries for a stored record: 12 hex digits of its id, unique among one event's hundreds. */
export const shortRef = (id: string): string => id.replace(/-/g, '').slice(0, 12).toLowerCase();
/** The one record a short reference names, or undefined (none, or, most unlikely, two). */
export function byRef<T extends { id: string }>(items: readonly T[], ref: string): T | undefined {
  const found = items.filter((item) => shortRef(item.id) === ref);
  return found.length === 1 ? found[0] : undefined;
}

/** The letter an organisation is listed under: its first letter (Ç and Ë are letters of their own), `#` for a digit or sign. */
export function letterOf(name: string): string {
  const first = [...cleanName(name)].find((char) => /[\p{L}\p{N}]/u.test(char));
  return first !== undefined && /\p{L}/u.test(first) ? first.toLocaleUpperCase('sq') : '#';
}

const collator = new Intl.Collator('sq', { numeric: true });
/** Searching forgives accents and case: "tjeter" finds "Tjetër". */
const folded = (text: string) => nameKey(text).normalize('NFD').replace(/\p{M}/gu, '');

/** The organisations with someone on the invitation list, in alphabetical order. */
export function invitedOrganisations(lists: Pick<RegistrationLists, 'organisations' | 'invitees'>): Organisation[] {
  const invited = new Set(lists.invitees.map((invitee) => invitee.organisationId));
  return lists.organisations.filter((organisation) => invited.has(organisation.id)).sort((a, b) => collator.compare(a.name, b.name));
}

export const lettersOf = (organisations: readonly Organisation[]): string[] => [...new Set(organisations.map((organisation) => letterOf(organisation.name)))].sort(collator.compare);

/** The organisations a list step shows, before paging: those of a letter, those a search finds, or all. */
export function organisationsShown(lists: Pick<RegistrationLists, 'organisations' | 'invitees'>, filter: { letter: string | null; query: string | null }): Organisation[] {
  const all = invitedOrganisations(lists);
  if (filter.query !== null) {
    const query = folded(filter.query);
    return all.filter((organisation) => folded(organisation.name).includes(query));
  }
  return filter.letter === null ? all : all.filter((organisation) => letterOf(organisation.name) === filter.letter);
}

export const peopleOf = (lists: Pick<RegistrationLists, 'invitees'>, organisationId: string): Invitee[] =>
  lists.invitees.filter((invitee) => invitee.organisationId === organisationId).sort((a, b) => collator.compare(a.name, b.name));

export const pageCount = (items: number, perPage: number): number => Math.max(1, Math.ceil(items / perPage));

/** Where a registration starts: the language when the event runs in several, then the way in. */
export function firstStep(lists: RegistrationLists): RegistrationStep {
  return lists.languages.length > 1 ? { at: 'language' } : afterLanguage(lists);
}

/** Choose from the list or register as a walk-in; straight to the walk-in's name when nobody is invited. */
const afterLanguage = (lists: RegistrationLists): RegistrationStep => (lists.invitees.length > 0 ? { at: 'path' } : { at: 'name', purpose: 'register' });

/** The invitation list's first step: the first letters when there are many organisations, otherwise their first page. */
export const listStart = (lists: RegistrationLists, purpose: Purpose): RegistrationStep =>
  invitedOrganisations(lists).length > LETTERS_ABOVE ? { at: 'letters', purpose } : { at: 'organisations', purpose, letter: null, query: null, page: 0 };

const ask = (step: RegistrationStep, hint?: RegistrationHint): Transition => (hint ? { kind: 'ask', step, hint } : { kind: 'ask', step });
const STALE: Transition = { kind: 'stale' };

/** Typed text as an organisation search; too short or finding nothing asks again. */
function search(step: RegistrationStep & { purpose: Purpose }, text: string, lists: RegistrationLists): Transition {
  const query = cleanName(text).slice(0, 60);
  if ([...query].length < QUERY_MIN) return ask(step, 'no_match');
  const found = organisationsShown(lists, { letter: null, query });
  return found.length === 0 ? ask(step, 'no_match') : ask({ at: 'organisations', purpose: step.purpose, letter: null, query, page: 0 });
}

const within = (text: string, bounds: { min: number; max: number }): string | undefined => {
  const clean = cleanName(text);
  const length = [...clean].length;
  return length >= bounds.min && length <= bounds.max && /\p{L}/u.test(clean) ? clean : undefined;
};

/** The walk-in's answers so far, and what follows the organisation: its type only for one not on the lists. */
function afterOrganisation(step: Extract<RegistrationStep, { at: 'organisation' }>, organisation: string, lists: RegistrationLists): Transition {
  const known = lists.organisations.find((candidate) => candidate.nameKey === nameKey(organisation));
  if (step.purpose === 'correct') return known ? { kind: 'correct', change: { organisation: known.name } } : ask({ at: 'org_type', purpose: 'correct', name: null, organisation });
  return known
    ? ask({ at: 'region', purpose: 'register', name: step.name, organisation: known.name, orgType: known.orgType })
    : ask({ at: 'org_type', purpose: 'register', name: step.name, organisation });
}

/** The next step, or what to record, after an input on a step. Pure. */
export function advance(step: RegistrationStep, input: RegistrationInput, lists: RegistrationLists): Transition {
  switch (step.at) {
    case 'language': {
      if (input.kind === 'text') return ask(step, 'use_buttons');
      if (input.kind !== 'language' || !lists.languages.includes(input.language)) return STALE;
      return { kind: 'ask', step: afterLanguage(lists), language: input.language };
    }
    case 'path': {
      if (input.kind === 'text') return ask(step, 'use_buttons');
      if (input.kind !== 'path') return STALE;
      return ask(input.path === 'walk_in' || lists.invitees.length === 0 ? { at: 'name', purpose: 'register' } : listStart(lists, 'register'));
    }
    case 'letters': {
      if (input.kind === 'text') return search(step, input.text, lists);
      if (input.kind === 'path' && input.path === 'walk_in' && step.purpose === 'register') return ask({ at: 'name', purpose: 'register' });
      if (input.kind !== 'letter' || !lettersOf(invitedOrganisations(lists)).includes(input.letter)) return STALE;
      return ask({ at: 'organisations', purpose: step.purpose, letter: input.letter, query: null, page: 0 });
    }
    case 'organisations': {
      if (input.kind === 'text') return search(step, input.text, lists);
      if (input.kind === 'path' && input.path === 'walk_in' && step.purpose === 'register') return ask({ at: 'name', purpose: 'register' });
      if (input.kind === 'back') return ask(listStart(lists, step.purpose));
      const shown = organisationsShown(lists, step);
      if (input.kind === 'page') return input.page >= 0 && input.page < pageCount(shown.length, ORGANISATIONS_PER_PAGE) ? ask({ ...step, page: input.page }) : STALE;
      if (input.kind !== 'organisation') return STALE;
      const organisation = byRef(shown, input.ref);
      return organisation ? ask({ at: 'people', purpose: step.purpose, organisationId: organisation.id, page: 0 }) : STALE;
    }
    case 'people': {
      if (input.kind === 'text') return ask(step, 'use_buttons');
      if (input.kind === 'path' && input.path === 'walk_in' && step.purpose === 'register') return ask({ at: 'name', purpose: 'register' });
      if (input.kind === 'back') return ask(listStart(lists, step.purpose));
      const people = peopleOf(lists, step.organisationId);
      if (input.kind === 'page') return input.page >= 0 && input.page < pageCount(people.length, PEOPLE_PER_PAGE) ? ask({ ...step, page: input.page }) : STALE;
      if (input.kind !== 'person') return STALE;
      const person = byRef(people, input.ref);
      if (!person) return STALE;
      return step.purpose === 'register' ? { kind: 'register_invitee', inviteeId: person.id } : { kind: 'rechoose', inviteeId: person.id };
    }
    case 'name': {
      if (input.kind !== 'text') return STALE;
      const name = within(input.text, NAME_LENGTH);
      if (name === undefined) return ask(step, 'name_length');
      return step.purpose === 'correct' ? { kind: 'correct', change: { name } } : ask({ at: 'organisation', purpose: 'register', name });
    }
    case 'organisation': {
      if (input.kind !== 'text') return STALE;
      const organisation = within(input.text, ORGANISATION_LENGTH);
      return organisation === undefined ? ask(step, 'organisation_length') : afterOrganisation(step, organisation, lists);
    }
    case 'org_type': {
      if (input.kind === 'text') return ask(step, 'use_buttons');
      if (input.kind !== 'org_type') return STALE;
      if (step.purpose === 'correct') return { kind: 'correct', change: step.organisation === null ? { orgType: input.orgType } : { organisation: step.organisation, orgType: input.orgType } };
      return ask({ at: 'region', purpose: 'register', name: step.name, organisation: step.organisation, orgType: input.orgType });
    }
    case 'region': {
      if (input.kind === 'text') return ask(step, 'use_buttons');
      if (input.kind !== 'region' || !INVITE_REGIONS.includes(input.region)) return STALE;
      if (step.purpose === 'correct') return { kind: 'correct', change: { region: input.region } };
      if (step.name === null || step.organisation === null || step.orgType === null) return STALE;
      return { kind: 'register_walk_in', walkIn: { name: step.name, organisation: step.organisation, orgType: step.orgType, region: input.region } };
    }
    case 'code':
    case 'done':
      return STALE;
  }
}
