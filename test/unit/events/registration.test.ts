import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Invitee, InviteRegion, Organisation, OrgType } from '../../../src/events/model.js';
import { nameKey } from '../../../src/events/normalise.js';
import {
  advance,
  byRef,
  firstStep,
  LETTERS_ABOVE,
  letterOf,
  ORGANISATIONS_PER_PAGE,
  type RegistrationLists,
  type RegistrationStep,
  registrationStepSchema,
  shortRef,
} from '../../../src/events/registration.js';
import { questionOf } from '../../../src/events/registration-view.js';
import { conference2006 } from '../../support/conference-2006.js';

const at = new Date('2026-06-01T09:00:00Z');
/** Ids as Ura makes them: random, so their first 12 hex digits tell them apart. */
const id = () => randomUUID();

/** An event's lists from people as an invitation list gives them. */
function listsOf(people: { name: string; organisation: string; orgType: string; region: string }[], languages = ['sq', 'en']): RegistrationLists {
  const organisations = new Map<string, Organisation>();
  const invitees: Invitee[] = people.map((person) => {
    const key = nameKey(person.organisation);
    const organisation = organisations.get(key) ?? { id: id(), eventId: 'ev', name: person.organisation, nameKey: key, orgType: person.orgType as OrgType };
    organisations.set(key, organisation);
    return {
      id: id(),
      eventId: 'ev',
      name: person.name,
      nameKey: nameKey(person.name),
      organisationId: organisation.id,
      region: person.region as InviteRegion,
      contact: null,
      createdAt: at,
      updatedAt: at,
    };
  });
  return { languages, organisations: [...organisations.values()], invitees };
}

const conference = listsOf(conference2006().invited);
const small = listsOf([
  { name: 'Arta Hoxha', organisation: 'Qendra Tjetër Vizion', orgType: 'ngo', region: 'elbasan' },
  { name: 'Blerim Kola', organisation: 'Qendra Tjetër Vizion', orgType: 'ngo', region: 'elbasan' },
  { name: 'Dritan Leka', organisation: 'Bashkia Fier', orgType: 'local_gov', region: 'fier' },
]);
const orgNamed = (lists: RegistrationLists, name: string) => lists.organisations.find((organisation) => organisation.name === name)!;
const register = (at: RegistrationStep['at']) => ({ at, purpose: 'register' }) as RegistrationStep;

describe('registration in the chat, as a pure state machine', () => {
  it('starts with the language when the event runs in several, then asks whether the person is on the list', () => {
    expect(firstStep(conference)).toEqual({ at: 'language' });
    expect(firstStep({ ...conference, languages: ['sq'] })).toEqual({ at: 'path' });
    expect(firstStep({ ...conference, languages: ['sq'], invitees: [] })).toEqual({ at: 'name', purpose: 'register' });
    expect(advance({ at: 'language' }, { kind: 'language', language: 'en' }, conference)).toEqual({ kind: 'ask', step: { at: 'path' }, language: 'en' });
    // A language the event does not run in, or any other input, changes nothing.
    expect(advance({ at: 'language' }, { kind: 'language', language: 'it' }, conference)).toEqual({ kind: 'stale' });
    expect(advance({ at: 'language' }, { kind: 'page', page: 1 }, conference)).toEqual({ kind: 'stale' });
    expect(advance({ at: 'language' }, { kind: 'text', text: 'English please' }, conference)).toEqual({ kind: 'ask', step: { at: 'language' }, hint: 'use_buttons' });
  });

  it('lists 155 organisations by first letter, then in pages of 8; a few are listed straight away', () => {
    expect(conference.organisations).toHaveLength(155);
    expect(advance({ at: 'path' }, { kind: 'path', path: 'list' }, conference)).toEqual({ kind: 'ask', step: { at: 'letters', purpose: 'register' } });
    expect(advance({ at: 'path' }, { kind: 'path', path: 'list' }, small)).toEqual({ kind: 'ask', step: { at: 'organisations', purpose: 'register', letter: null, query: null, page: 0 } });
    expect(small.organisations.length).toBeLessThanOrEqual(LETTERS_ABOVE);
    expect(questionOf({ at: 'letters', purpose: 'register' }, conference)).toEqual({ kind: 'letters', purpose: 'register', letters: ['B', 'M', 'O', 'Q', 'S'] });
    const underB = advance({ at: 'letters', purpose: 'register' }, { kind: 'letter', letter: 'B' }, conference);
    expect(underB).toEqual({ kind: 'ask', step: { at: 'organisations', purpose: 'register', letter: 'B', query: null, page: 0 } });
    const question = questionOf({ at: 'organisations', purpose: 'register', letter: 'B', query: null, page: 8 }, conference);
    expect(question).toMatchObject({ kind: 'organisations', list: { page: 8, pages: 9 } });
    if (question.kind !== 'organisations') throw new Error('not a list');
    // In the order people count: Bashkia 9 before Bashkia 10.
    expect(question.list.items.map((organisation) => organisation.name)).toEqual(['Bashkia 65', 'Bashkia 66', 'Bashkia 67', 'Bashkia 68', 'Bashkia 69', 'Bashkia 70']);
    expect(advance({ at: 'letters', purpose: 'register' }, { kind: 'letter', letter: 'Z' }, conference)).toEqual({ kind: 'stale' });
  });

  it('reaches every one of the 155 organisations by its letter and page, and each of its people', () => {
    for (const organisation of conference.organisations) {
      const letter = letterOf(organisation.name);
      const first = advance({ at: 'letters', purpose: 'register' }, { kind: 'letter', letter }, conference);
      if (first.kind !== 'ask') throw new Error('no list');
      let step = first.step;
      for (let page = 0; ; page++) {
        const question = questionOf(step, conference);
        if (question.kind !== 'organisations') throw new Error('not a list');
        if (question.list.items.some((item) => item.id === organisation.id)) break;
        const next = advance(step, { kind: 'page', page: page + 1 }, conference);
        if (next.kind !== 'ask') throw new Error(`${organisation.name} is on no page of ${letter}`);
        step = next.step;
      }
      const people = advance(step, { kind: 'organisation', ref: shortRef(organisation.id) }, conference);
      expect(people).toEqual({ kind: 'ask', step: { at: 'people', purpose: 'register', organisationId: organisation.id, page: 0 } });
      if (people.kind !== 'ask') continue;
      for (const invitee of conference.invitees.filter((candidate) => candidate.organisationId === organisation.id)) {
        expect(advance(people.step, { kind: 'person', ref: shortRef(invitee.id) }, conference)).toEqual({ kind: 'register_invitee', inviteeId: invitee.id });
      }
    }
  });

  it('finds organisations by part of their name typed, ignoring case and accents', () => {
    const letters: RegistrationStep = { at: 'letters', purpose: 'register' };
    const found = advance(letters, { kind: 'text', text: '  BASHKIA 4 ' }, conference);
    expect(found).toEqual({ kind: 'ask', step: { at: 'organisations', purpose: 'register', letter: null, query: 'BASHKIA 4', page: 0 } });
    if (found.kind !== 'ask') throw new Error('not found');
    const question = questionOf(found.step, conference);
    expect(question).toMatchObject({ kind: 'organisations', list: { pages: 2 } });
    expect(advance(letters, { kind: 'text', text: 'nderkombetare 31' }, conference)).toMatchObject({ kind: 'ask', step: { at: 'organisations', query: 'nderkombetare 31' } });
    expect(advance(letters, { kind: 'text', text: 'Shoqata e Re' }, conference)).toEqual({ kind: 'ask', step: letters, hint: 'no_match' });
    expect(advance(letters, { kind: 'text', text: 'B' }, conference)).toEqual({ kind: 'ask', step: letters, hint: 'no_match' });
  });

  it('goes back to the letters, and refuses what does not belong to the step: another letter’s organisation, a page that is not there', () => {
    const underM: RegistrationStep = { at: 'organisations', purpose: 'register', letter: 'M', query: null, page: 0 };
    expect(advance(underM, { kind: 'back' }, conference)).toEqual({ kind: 'ask', step: { at: 'letters', purpose: 'register' } });
    expect(advance(underM, { kind: 'organisation', ref: shortRef(orgNamed(conference, 'Bashkia 1').id) }, conference)).toEqual({ kind: 'stale' });
    expect(advance(underM, { kind: 'page', page: 2 }, conference)).toEqual({ kind: 'stale' });
    expect(advance(underM, { kind: 'page', page: 1 }, conference)).toEqual({ kind: 'ask', step: { ...underM, page: 1 } });
    const people: RegistrationStep = { at: 'people', purpose: 'register', organisationId: orgNamed(small, 'Bashkia Fier').id, page: 0 };
    const someoneElse = small.invitees.find((invitee) => invitee.name === 'Arta Hoxha')!;
    expect(advance(people, { kind: 'person', ref: shortRef(someoneElse.id) }, small)).toEqual({ kind: 'stale' });
    expect(advance(people, { kind: 'back' }, small)).toEqual({ kind: 'ask', step: { at: 'organisations', purpose: 'register', letter: null, query: null, page: 0 } });
    expect(advance(people, { kind: 'path', path: 'walk_in' }, small)).toEqual({ kind: 'ask', step: { at: 'name', purpose: 'register' } });
  });

  it('registers a walk-in: name, organisation, its type only when it is not on the lists, region', () => {
    const name = advance(register('name'), { kind: 'text', text: '  Besnik   Rama ' }, small);
    expect(name).toEqual({ kind: 'ask', step: { at: 'organisation', purpose: 'register', name: 'Besnik Rama' } });
    if (name.kind !== 'ask') throw new Error('no step');
    // Known by its name, case and spacing ignored: it keeps its own type, none is asked.
    expect(advance(name.step, { kind: 'text', text: 'qendra  tjetër vizion' }, small)).toEqual({
      kind: 'ask',
      step: { at: 'region', purpose: 'register', name: 'Besnik Rama', organisation: 'Qendra Tjetër Vizion', orgType: 'ngo' },
    });
    const organisation = advance(name.step, { kind: 'text', text: 'Shoqata e Re' }, small);
    expect(organisation).toEqual({ kind: 'ask', step: { at: 'org_type', purpose: 'register', name: 'Besnik Rama', organisation: 'Shoqata e Re' } });
    if (organisation.kind !== 'ask') throw new Error('no step');
    const type = advance(organisation.step, { kind: 'org_type', orgType: 'ngo' }, small);
    if (type.kind !== 'ask') throw new Error('no step');
    expect(advance(type.step, { kind: 'region', region: 'vlore' }, small)).toEqual({
      kind: 'register_walk_in',
      walkIn: { name: 'Besnik Rama', organisation: 'Shoqata e Re', orgType: 'ngo', region: 'vlore' },
    });
  });

  it('asks a name or an organisation again when it is too short, too long or has no letter', () => {
    for (const text of ['A', '  ', '1234', '—', 'x'.repeat(101)])
      expect(advance(register('name'), { kind: 'text', text }, small)).toEqual({ kind: 'ask', step: register('name'), hint: 'name_length' });
    const step: RegistrationStep = { at: 'organisation', purpose: 'register', name: 'Besnik Rama' };
    for (const text of ['Q', '42', 'x'.repeat(151)]) expect(advance(step, { kind: 'text', text }, small)).toEqual({ kind: 'ask', step, hint: 'organisation_length' });
    // A button where text is asked for is an old one.
    expect(advance(register('name'), { kind: 'region', region: 'fier' }, small)).toEqual({ kind: 'stale' });
  });

  it('corrects a walk-in one field at a time, and lets an invitee choose again', () => {
    expect(advance({ at: 'name', purpose: 'correct' }, { kind: 'text', text: 'Besnik Rama' }, small)).toEqual({ kind: 'correct', change: { name: 'Besnik Rama' } });
    const organisation: RegistrationStep = { at: 'organisation', purpose: 'correct', name: null };
    expect(advance(organisation, { kind: 'text', text: 'BASHKIA FIER' }, small)).toEqual({ kind: 'correct', change: { organisation: 'Bashkia Fier' } });
    expect(advance(organisation, { kind: 'text', text: 'Shoqata e Re' }, small)).toEqual({ kind: 'ask', step: { at: 'org_type', purpose: 'correct', name: null, organisation: 'Shoqata e Re' } });
    expect(advance({ at: 'org_type', purpose: 'correct', name: null, organisation: 'Shoqata e Re' }, { kind: 'org_type', orgType: 'international' }, small)).toEqual({
      kind: 'correct',
      change: { organisation: 'Shoqata e Re', orgType: 'international' },
    });
    expect(advance({ at: 'org_type', purpose: 'correct', name: null, organisation: null }, { kind: 'org_type', orgType: 'other' }, small)).toEqual({ kind: 'correct', change: { orgType: 'other' } });
    expect(advance({ at: 'region', purpose: 'correct', name: null, organisation: null, orgType: null }, { kind: 'region', region: 'national' }, small)).toEqual({
      kind: 'correct',
      change: { region: 'national' },
    });
    const people: RegistrationStep = { at: 'people', purpose: 'correct', organisationId: orgNamed(small, 'Bashkia Fier').id, page: 0 };
    const dritan = small.invitees.find((invitee) => invitee.name === 'Dritan Leka')!;
    expect(advance(people, { kind: 'person', ref: shortRef(dritan.id) }, small)).toEqual({ kind: 'rechoose', inviteeId: dritan.id });
    // A correction has no "not on the list": that is registering, not correcting.
    expect(advance({ ...people, at: 'people' }, { kind: 'path', path: 'walk_in' }, small)).toEqual({ kind: 'stale' });
  });

  it('takes nothing once registered, and never changes what it was given', () => {
    for (const step of [{ at: 'done' }, { at: 'code' }] as const) {
      expect(advance(step, { kind: 'text', text: '1234' }, small)).toEqual({ kind: 'stale' });
      expect(advance(step, { kind: 'path', path: 'list' }, small)).toEqual({ kind: 'stale' });
    }
    const frozen = structuredClone(conference);
    const step: RegistrationStep = { at: 'organisations', purpose: 'register', letter: 'B', query: null, page: 3 };
    advance(step, { kind: 'page', page: 4 }, conference);
    questionOf(step, conference);
    expect(conference).toEqual(frozen);
    expect(step.page).toBe(3);
  });

  it('stores steps that read back, and refuses a stored step it does not know', () => {
    const step: RegistrationStep = { at: 'region', purpose: 'register', name: 'Besnik Rama', organisation: 'Shoqata e Re', orgType: 'ngo' };
    expect(registrationStepSchema.parse(JSON.parse(JSON.stringify(step)))).toEqual(step);
    expect(registrationStepSchema.safeParse({ at: 'region', purpose: 'register', name: 'x', organisation: 'y', orgType: 'cult' }).success).toBe(false);
    expect(registrationStepSchema.safeParse({ at: 'somewhere' }).success).toBe(false);
  });
});

describe('what buttons carry', () => {
  it('lists organisations under their first letter; a digit or a sign under #', () => {
    expect(letterOf('Çela & Bijtë')).toBe('Ç');
    expect(letterOf('ëngjëlli')).toBe('Ë');
    expect(letterOf('"Qendra" Tjetër')).toBe('Q');
    expect(letterOf('4 Shkurti')).toBe('#');
    expect(letterOf('  shoqata')).toBe('S');
  });

  it('names a record by 12 hex digits of its id, and nothing when two records share them', () => {
    expect(shortRef('0FF23EF5-A612-4E6E-98CE-32F69FBB7BA1')).toBe('0ff23ef5a612');
    const records = [{ id: '0ff23ef5-a612-4e6e-98ce-32f69fbb7ba1' }, { id: '1ff23ef5-a612-4e6e-98ce-32f69fbb7ba1' }];
    expect(byRef(records, '0ff23ef5a612')).toBe(records[0]);
    expect(byRef(records, 'ffffffffffff')).toBeUndefined();
    expect(byRef([...records, { id: '0ff23ef5-a612-4e6e-0000-000000000000' }], '0ff23ef5a612')).toBeUndefined();
    expect(ORGANISATIONS_PER_PAGE).toBe(8);
  });
});
