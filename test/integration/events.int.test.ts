import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { EventRecord, Events, TableFile } from '../../src/events/index.js';
import { conference2006, inviteRows, SHEET_HEADER, sheetRows, writeCsv, writeXlsx } from '../support/conference-2006.js';
import { fakeClock } from '../support/clock.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { eventsOn, scratchDir } from '../support/events.js';
import { inWords } from '../support/expected.js';

const INVITE_HEADER = ['name', 'organisation', 'org_type', 'region'];
const file = (path: string): TableFile => ({ format: path.endsWith('.csv') ? 'csv' : 'xlsx', bytes: readFileSync(path) });
const TABLES = ['eventAttendance', 'eventParticipant', 'eventInvitee', 'eventOrganisation', 'eventSession', 'eventOrganiser', 'event'] as const;

describe.each(PROVIDERS_UNDER_TEST)('events on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  const clock = fakeClock('2006-11-01T09:00:00Z');
  let events: Events;
  let dir: string;

  beforeEach(async () => {
    if (skip) return;
    for (const table of TABLES) await (database.db.prisma[table] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
    events = eventsOn(database.db.prisma, clock);
    dir = scratchDir();
  });

  const conference = async (): Promise<EventRecord> => {
    const created = await events.create({ names: { sq: 'Konferenca Vjetore 2006', en: 'Annual Conference 2006' }, startsOn: '2006-11-16', templateId: 'annual-conference', venue: 'Sheraton, Tirana' });
    if (created.kind !== 'created') throw new Error(JSON.stringify(created.problems));
    return created.event;
  };

  it.skipIf(skip)('gives the 2006 participant profile from a 2006-shaped invitation list and its sign-in sheets, imported from XLSX and CSV', async () => {
    const event = await conference();
    const { invited, present } = conference2006();
    await writeXlsx(join(dir, 'invited.xlsx'), INVITE_HEADER, inviteRows(invited));
    const imported = await events.importInvites(event.id, file(join(dir, 'invited.xlsx')));
    expect(imported).toMatchObject({ kind: 'imported', rows: 235, added: 235, updated: 0, unchanged: 0, organisationsAdded: 155, notInFile: 0, skipped: [] });

    // Day 1 on a CSV sheet, day 2 on an XLSX sheet; most came both days, two on day 2 are not on the list.
    writeCsv(join(dir, 'day1.csv'), SHEET_HEADER, sheetRows(present.slice(0, 100)));
    await writeXlsx(join(dir, 'day2.xlsx'), SHEET_HEADER, [...sheetRows(present.slice(40)), ['Shoqata e Re', 'Besnik Rama', 'signed'], ['Bashkia 1', 'Arbër  ÇELA', 'signed']]);
    const day1 = await events.importAttendance(event.id, file(join(dir, 'day1.csv')), { day: 1 });
    expect(day1).toMatchObject({ kind: 'imported', day: 1, rows: 100, matched: 100, recorded: 100, alreadyRecorded: 0, unmatched: [], ignoredColumns: ['Signature'] });
    const day2 = await events.importAttendance(event.id, file(join(dir, 'day2.xlsx')), { day: 2 });
    expect(day2).toMatchObject({ kind: 'imported', day: 2, matched: 92, recorded: 92 });
    if (day2.kind !== 'imported') throw new Error('not imported');
    expect(day2.unmatched).toEqual([
      { row: 94, name: 'Besnik Rama', organisation: 'Shoqata e Re' },
      { row: 95, name: 'Arbër ÇELA', organisation: 'Bashkia 1' },
    ]);

    const profile = await events.profile(event.id, 'org_type');
    expect(profile).toEqual({
      rows: [
        { orgType: 'central_gov', invitedPersons: 29, invitedOrgs: 15, participants: 11, participatingOrgs: 8, pctOfInvited: 37.9, pctOfParticipants: 8.3 },
        { orgType: 'local_gov', invitedPersons: 89, invitedOrgs: 70, participants: 46, participatingOrgs: 40, pctOfInvited: 51.7, pctOfParticipants: 34.8 },
        { orgType: 'ngo', invitedPersons: 72, invitedOrgs: 36, participants: 50, participatingOrgs: 34, pctOfInvited: 69.4, pctOfParticipants: 37.9 },
        { orgType: 'international', invitedPersons: 32, invitedOrgs: 31, participants: 12, participatingOrgs: 12, pctOfInvited: 37.5, pctOfParticipants: 9.1 },
        { orgType: 'staff', invitedPersons: 13, invitedOrgs: 3, participants: 13, participatingOrgs: 3, pctOfInvited: 100, pctOfParticipants: 9.8 },
      ],
      total: { invitedPersons: 235, invitedOrgs: 155, participants: 132, participatingOrgs: 97, pctOfInvited: 56.2, pctOfParticipants: 100 },
    });
    // The same people by region add up to the same totals.
    const byRegion = await events.profile(event.id, 'region');
    expect(byRegion.total).toEqual(profile.total);
    expect(byRegion.rows.reduce((sum, row) => sum + row.participants, 0)).toBe(132);
    expect(byRegion.rows.map((row) => ('region' in row ? row.region : ''))).toContain('international');
  });

  it.skipIf(skip)('imports the same list and sheet again without duplicating anyone, and merges a changed list by name and organisation', async () => {
    const event = await conference();
    const { invited, present } = conference2006();
    await writeXlsx(join(dir, 'invited.xlsx'), INVITE_HEADER, inviteRows(invited));
    writeCsv(join(dir, 'invited.csv'), INVITE_HEADER, inviteRows(invited));
    writeCsv(join(dir, 'day1.csv'), SHEET_HEADER, sheetRows(present));
    await events.importInvites(event.id, file(join(dir, 'invited.xlsx')));
    await events.importAttendance(event.id, file(join(dir, 'day1.csv')));
    const before = await events.profile(event.id);

    expect(await events.importInvites(event.id, file(join(dir, 'invited.csv')))).toMatchObject({ kind: 'imported', added: 0, updated: 0, unchanged: 235, organisationsAdded: 0, notInFile: 0 });
    expect(await events.importAttendance(event.id, file(join(dir, 'day1.csv')), { day: 1 })).toMatchObject({ kind: 'imported', matched: 132, recorded: 0, alreadyRecorded: 132 });
    expect(await events.profile(event.id)).toEqual(before);
    expect(await database.db.prisma.eventInvitee.count()).toBe(235);
    expect(await database.db.prisma.eventOrganisation.count()).toBe(155);
    expect(await database.db.prisma.eventAttendance.count()).toBe(132);

    // A later list: one person moved region (written in other case and spacing), one organisation changed type, one new person; the rest not listed.
    const [first, second] = invited;
    if (!first || !second) throw new Error('no invitees');
    writeCsv(
      join(dir, 'update.csv'),
      ['ORG_TYPE', ' Name ', 'organisation', 'region', 'contact'],
      [
        [first.orgType, first.name.toUpperCase(), `  ${first.organisation}`, 'Korçë', 'arber@example.org'],
        ['other', second.name, second.organisation, second.region, ''],
        ['ngo', 'Besnik Rama', 'Shoqata e Re', 'Shkodër', ''],
      ],
    );
    expect(await events.importInvites(event.id, file(join(dir, 'update.csv')))).toMatchObject({ kind: 'imported', rows: 3, added: 1, updated: 1, unchanged: 1, organisationsAdded: 1, notInFile: 233 });
    const roster = await events.roster(event.id);
    expect(roster).toHaveLength(236);
    expect(roster.find((entry) => entry.name === first.name)).toMatchObject({ region: 'korce', organisation: first.organisation, days: [1] });
    expect(roster.find((entry) => entry.organisation === second.organisation)).toMatchObject({ orgType: 'other' });
    expect(await database.db.prisma.eventInvitee.findFirst({ where: { name: first.name } })).toMatchObject({ contact: 'arber@example.org' });
  });

  it.skipIf(skip)('imports nothing from a list with a bad row, and only the valid rows with skipInvalid', async () => {
    const event = await conference();
    writeCsv(
      join(dir, 'bad.csv'),
      [...INVITE_HEADER, 'phone'],
      [
        ['Ana Kola', 'Bashkia Fier', 'local_gov', 'fier', '069'],
        ['', 'Bashkia Fier', 'local gov', 'Fieri', ''],
        ['Ilir Leka', 'Bashkia Vlorë', 'municipality', 'vlore', ''],
      ],
    );
    const refused = await events.importInvites(event.id, file(join(dir, 'bad.csv')));
    expect(refused.kind === 'invalid' ? { ...refused, problems: inWords(refused.problems) } : refused).toEqual({
      kind: 'invalid',
      problems: [
        { row: 3, column: 'name', value: '', expected: 'the person’s name (the cell is empty)' },
        { row: 3, column: 'region', value: 'Fieri', expected: expect.stringMatching(/^one of the 12 counties \(berat, .*vlore\), national or international$/) },
        { row: 4, column: 'org_type', value: 'municipality', expected: 'one of central_gov, local_gov, ngo, international, staff, other' },
      ],
      ignoredColumns: ['phone'],
    });
    expect(await database.db.prisma.eventInvitee.count()).toBe(0);
    expect(await database.db.prisma.eventOrganisation.count()).toBe(0);

    const partial = await events.importInvites(event.id, file(join(dir, 'bad.csv')), { skipInvalid: true });
    expect(partial).toMatchObject({ kind: 'imported', rows: 1, added: 1, skipped: [{ row: 3 }, { row: 3 }, { row: 4 }] });
    expect(await database.db.prisma.eventInvitee.count()).toBe(1);

    writeCsv(join(dir, 'no-header.csv'), ['Name', 'Organization', 'type'], [['Ana', 'X', 'ngo']]);
    const header = await events.importInvites(event.id, file(join(dir, 'no-header.csv')), { skipInvalid: true });
    expect(header).toMatchObject({ kind: 'invalid', ignoredColumns: ['Organization', 'type'] });
    if (header.kind !== 'invalid') throw new Error('imported');
    expect(header.problems.map((problem) => problem.column)).toEqual(['organisation', 'org_type', 'region']);
  });

  it.skipIf(skip)('adds the people of a sheet who are not on the list as walk-ins when asked, once however often the sheet is imported', async () => {
    const event = await conference();
    writeCsv(join(dir, 'invited.csv'), INVITE_HEADER, [['Ana Kola', 'Bashkia Fier', 'local_gov', 'fier']]);
    await events.importInvites(event.id, file(join(dir, 'invited.csv')));
    writeCsv(
      join(dir, 'sheet.csv'),
      ['name', 'organisation', 'org_type', 'region'],
      [
        ['ana kola', 'bashkia fier', '', ''],
        ['Besnik Rama', 'Shoqata e Re', 'ngo', 'shkoder'],
        ['Drita Hoxha', 'Bashkia Fier', '', 'fier'],
        ['Besnik Rama', 'Shoqata e Re', 'ngo', 'shkoder'],
      ],
    );
    // Without --add-unmatched the walk-ins are only reported.
    expect(await events.importAttendance(event.id, file(join(dir, 'sheet.csv')), { day: 2 })).toMatchObject({
      kind: 'imported',
      matched: 1,
      recorded: 1,
      unmatched: [{ row: 3 }, { row: 4 }, { row: 5 }],
    });
    const added = await events.importAttendance(event.id, file(join(dir, 'sheet.csv')), { day: 2, addUnmatched: true });
    expect(added).toMatchObject({
      kind: 'imported',
      matched: 1,
      recorded: 0,
      alreadyRecorded: 1,
      unmatched: [],
      walkInsAdded: [
        { row: 3, name: 'Besnik Rama' },
        { row: 4, name: 'Drita Hoxha' },
      ],
    });
    expect(await events.importAttendance(event.id, file(join(dir, 'sheet.csv')), { day: 2, addUnmatched: true })).toMatchObject({
      kind: 'imported',
      matched: 3,
      recorded: 0,
      alreadyRecorded: 3,
      walkInsAdded: [],
    });
    expect(await database.db.prisma.eventParticipant.count()).toBe(2);
    const profile = await events.profile(event.id);
    expect(profile.rows).toEqual([
      { orgType: 'local_gov', invitedPersons: 1, invitedOrgs: 1, participants: 2, participatingOrgs: 1, pctOfInvited: 200, pctOfParticipants: 66.7 },
      { orgType: 'ngo', invitedPersons: 0, invitedOrgs: 0, participants: 1, participatingOrgs: 1, pctOfInvited: null, pctOfParticipants: 33.3 },
    ]);

    // A walk-in of a known organisation may not give it another type; a new one needs a type and a region.
    writeCsv(
      join(dir, 'bad-sheet.csv'),
      ['name', 'organisation', 'org_type', 'region'],
      [
        ['Gent Leka', 'Bashkia Fier', 'ngo', 'fier'],
        ['Zef Marku', 'Qendra Tjetër', '', 'lezhe'],
        ['Teuta Nika', 'Qendra Tjetër', 'ngo', 'abroad'],
      ],
    );
    const refused = await events.importAttendance(event.id, file(join(dir, 'bad-sheet.csv')), { day: 1, addUnmatched: true });
    expect(refused).toMatchObject({
      kind: 'invalid',
      problems: [
        { row: 2, column: 'org_type' },
        { row: 3, column: 'org_type' },
        { row: 4, column: 'region' },
      ],
    });
    expect(await database.db.prisma.eventParticipant.count()).toBe(2);
  });

  it.skipIf(skip)('stores the programme of a template with its texts in the event languages, and finds the event by join code as typed', async () => {
    const event = await conference();
    expect(event).toMatchObject({ days: 2, timezone: 'Europe/Tirane', languages: ['sq', 'en'], status: 'open', templateId: 'annual-conference' });
    expect(event.joinCode).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    const programme = await events.programme(event.id);
    expect(programme).toHaveLength(10);
    expect(programme[0]).toMatchObject({ day: 1, start: '08.30', end: '09.00', kind: 'plenary', title: { sq: 'Regjistrimi me kafe/çaj', en: 'Registration with coffee and tea' } });
    const cafe = programme.find((session) => session.kind === 'world_cafe');
    expect(cafe).toMatchObject({ day: 2, rounds: 3, roundMinutes: 20 });
    if (cafe?.kind !== 'world_cafe') throw new Error('no café');
    expect(cafe.questions.map((question) => question.en)).toEqual([
      'What do we need to do to further support success in our anti-trafficking work?',
      'What do we need to do to further support success in our anti-trafficking work?',
      'What are the key ideas – the themes – in our conversations? What lies at the core of our conversations?',
    ]);
    expect(programme.find((session) => session.kind === 'group_work')).toMatchObject({ groupBy: 'region' });

    const typed = `${event.joinCode.slice(0, 3).toLowerCase()}-${event.joinCode.slice(3)}`;
    expect(await events.find(typed)).toEqual(event);
    expect(await events.find(event.id)).toEqual(event);
    expect(await events.find('ZZZZZZ')).toBeUndefined();
    await expect(events.importAttendance(event.id, { format: 'csv', bytes: new Uint8Array() }, { day: 3 })).rejects.toMatchObject({ code: 'day_out_of_range' });

    const meeting = await events.create({ names: { sq: 'Komiteti Rajonal Fier' }, startsOn: '2007-02-01', templateId: 'regional-committee-meeting', languages: ['sq', 'it'], timezone: 'Europe/Rome' });
    expect(meeting).toMatchObject({ kind: 'created', event: { days: 1, languages: ['sq', 'it'], timezone: 'Europe/Rome' } });
    if (meeting.kind !== 'created') throw new Error('not created');
    expect(meeting.sessions.map((session) => session.kind)).toEqual(['plenary', 'plenary', 'poll', 'evaluation']);
    expect(Object.keys(meeting.sessions[0]?.title ?? {})).toEqual(['sq', 'it']);
    expect((await events.list()).map((listed) => listed.id)).toEqual([meeting.event.id, event.id]);
    expect(await events.create({ names: { sq: 'X' }, startsOn: '2007-02-01', templateId: 'annual-conference', days: 1 })).toEqual({
      kind: 'invalid',
      problems: [{ field: 'days', message: "must be at least 2: the template's programme has 2 days" }],
    });
  });

  it.skipIf(skip)('registers participants from the list and as walk-ins under a participant key, checks them in once a day, and erases them', async () => {
    const event = await conference();
    writeCsv(join(dir, 'invited.csv'), INVITE_HEADER, [['Ana Kola', 'Bashkia Fier', 'local_gov', 'fier']]);
    await events.importInvites(event.id, file(join(dir, 'invited.csv')));
    const [ana] = await events.roster(event.id);
    if (!ana?.inviteeId) throw new Error('no invitee');
    const { participants } = events;

    const registered = await participants.registerInvitee(event, ana.inviteeId, { telegramId: 7001, chatId: 7001, language: 'sq' });
    expect(registered).toMatchObject({ kind: 'registered', participant: { inviteeId: ana.inviteeId, source: 'chat', language: 'sq' } });
    expect(await participants.registerInvitee(event, ana.inviteeId, { telegramId: 7002, chatId: 7002, language: 'en' })).toEqual({ kind: 'invitee_taken' });
    expect(await participants.registerInvitee(event, ana.inviteeId, { telegramId: 7001, chatId: 7001, language: 'sq' })).toMatchObject({ kind: 'already_registered' });
    const walkIn = await participants.registerWalkIn(
      event,
      { name: ' Besnik  Rama ', organisation: 'BASHKIA FIER', orgType: 'ngo', region: 'fier' },
      { telegramId: 7002, chatId: 7002, language: 'en' },
    );
    expect(walkIn).toMatchObject({ kind: 'registered', participant: { inviteeId: null, name: 'Besnik Rama' } });
    if (registered.kind !== 'registered' || walkIn.kind !== 'registered') throw new Error('not registered');

    // Stored under the participant purpose: neither the Telegram id nor its helpline hash.
    const rows = await database.db.prisma.eventParticipant.findMany();
    expect(JSON.stringify(rows)).not.toContain('7001');
    const { testIdentity } = await import('../support/events.js');
    expect(rows.map((row) => row.telegramKey)).not.toContain(testIdentity.hashId('user', 7001));
    expect(await participants.of(event.id, 7001)).toMatchObject({ id: registered.participant.id });

    expect(await participants.checkIn(event, registered.participant.id, 1, 'chat_code')).toBe(true);
    expect(await participants.checkIn(event, registered.participant.id, 1, 'organiser')).toBe(false);
    expect(await participants.checkIn(event, walkIn.participant.id, 2, 'organiser')).toBe(true);
    // The sheet recognises the invitee checked in by chat as the same person.
    writeCsv(
      join(dir, 'sheet.csv'),
      ['name', 'organisation'],
      [
        ['Ana Kola', 'Bashkia Fier'],
        ['Besnik Rama', 'Bashkia Fier'],
      ],
    );
    expect(await events.importAttendance(event.id, file(join(dir, 'sheet.csv')), { day: 1 })).toMatchObject({ matched: 2, recorded: 1, alreadyRecorded: 1 });
    // The walk-in joined the invitee's organisation, whose type it keeps.
    expect((await events.profile(event.id)).rows).toEqual([
      { orgType: 'local_gov', invitedPersons: 1, invitedOrgs: 1, participants: 2, participatingOrgs: 1, pctOfInvited: 200, pctOfParticipants: 100 },
    ]);

    await participants.erase(walkIn.participant.id);
    expect(await participants.of(event.id, 7002)).toBeUndefined();
    const erased = await database.db.prisma.eventParticipant.findUnique({ where: { id: walkIn.participant.id } });
    expect(erased).toMatchObject({ name: null, telegramKey: null, chatCipher: null });
    expect(erased?.deletedAt).not.toBeNull();
    // Counted still, as a person of their organisation, named nowhere.
    expect((await events.profile(event.id)).total.participants).toBe(2);
    expect((await events.roster(event.id)).find((entry) => entry.personKey === `p:${walkIn.participant.id}`)).toMatchObject({ name: null, participantId: null, days: [1, 2] });

    await events.setStatus(event.id, 'closed');
    expect(
      await participants.registerWalkIn({ ...event, status: 'closed' }, { name: 'Late', organisation: 'X', orgType: 'ngo', region: 'fier' }, { telegramId: 7003, chatId: 7003, language: 'sq' }),
    ).toEqual({ kind: 'closed' });
  });

  it.skipIf(skip)('keeps who organises which event', async () => {
    const event = await conference();
    expect(await events.addOrganiser(event.id, 'operator-1')).toBe(true);
    expect(await events.addOrganiser(event.joinCode, 'operator-1')).toBe(false);
    expect(await events.addOrganiser(event.id, 'operator-2')).toBe(true);
    expect(await events.organisers(event.id)).toEqual(['operator-1', 'operator-2']);
    expect(await events.isOrganiser(event.id, 'operator-2')).toBe(true);
    expect((await events.organisedBy('operator-1')).map((organised) => organised.id)).toEqual([event.id]);
    expect(await events.removeOrganiser(event.id, 'operator-2')).toBe(true);
    expect(await events.isOrganiser(event.id, 'operator-2')).toBe(false);
    expect(await events.organisedBy('operator-2')).toEqual([]);
  });
});
