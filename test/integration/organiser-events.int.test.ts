import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { organiserEvents } from '../../src/compose-organiser-events.js';
import type { EventRecord, Events } from '../../src/events/index.js';
import { toCsv } from '../../src/reports/index.js';
import type { ImportProblem, InviteFile, OrganiserEvents } from '../../src/transport/http/organiser-events.js';
import { fakeClock } from '../support/clock.js';
import { writeXlsx } from '../support/conference-2006.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { eventsOn, scratchDir } from '../support/events.js';
import { ADMIN_TOKEN, organiserWebHarness, type WebHarness } from '../support/organiser-web.js';
import { inWords } from '../support/expected.js';

/** An import's result with what each problem expected in English words. */
const worded = <R extends object>(result: R | { problems: ImportProblem[] }) => ('problems' in result ? { problems: inWords(result.problems) } : result);

const TABLES = ['eventAttendance', 'eventParticipant', 'eventInvitee', 'eventOrganisation', 'eventSession', 'eventOrganiser', 'event'] as const;
const BOT = 'ura_test_bot';
const HEADER = 'name,organisation,org_type,region,contact';
const csv = (lines: readonly string[], name = 'invites.csv'): InviteFile => ({ name, bytes: new Uint8Array(Buffer.from(lines.join('\r\n'), 'utf8')) });
const ORG_TYPE_WORDS = 'one of central_gov, local_gov, ngo, international, staff, other';
const MINUTE = 60_000;

describe.each(PROVIDERS_UNDER_TEST)('the organiser pages’ events on the events area, on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  const clock = fakeClock('2026-11-20T07:00:00Z');
  let events: Events;
  let web: OrganiserEvents;
  let bot: string | undefined;

  beforeEach(async () => {
    if (skip) return;
    for (const table of TABLES) await (database.db.prisma[table] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
    clock.set('2026-11-20T07:00:00Z');
    bot = BOT;
    events = eventsOn(database.db.prisma, clock);
    web = organiserEvents({ events, botUsername: () => bot });
  });

  const create = async (en: string, startsOn: string, days = 2): Promise<EventRecord> => {
    const created = await events.create({ names: { sq: `${en} (sq)`, en }, startsOn, days, venue: 'Tiranë' });
    if (created.kind !== 'created') throw new Error(JSON.stringify(created.problems));
    return created.event;
  };
  const summary = (event: EventRecord) => ({ id: event.id, names: event.names, startsOn: event.startsOn, days: event.days, venue: event.venue, joinCode: event.joinCode });

  it.skipIf(skip)('lists an organiser’s own events, and every event for the admin, the latest first day first', async () => {
    const committee = await create('Regional committee', '2026-10-02', 1);
    const conference = await create('National conference', '2026-11-20');
    await events.create({ names: { sq: 'Trajnim' }, startsOn: '2026-12-01' });
    await events.addOrganiser(conference.id, 'staff-mira');
    await events.addOrganiser(committee.id, 'staff-mira');
    await events.addOrganiser(committee.id, 'staff-besnik');

    expect(await web.list('staff-mira')).toEqual([summary(conference), summary(committee)]);
    expect(await web.list('staff-besnik')).toEqual([summary(committee)]);
    expect(await web.list('staff-nobody')).toEqual([]);
    expect((await web.list(undefined)).map((event) => event.names.en ?? event.names.sq)).toEqual(['Trajnim', 'National conference', 'Regional committee']);
  });

  it.skipIf(skip)('gets an event with its organisers and join link, by id or join code, and nothing for an unknown one', async () => {
    const event = await create('National conference', '2026-11-20');
    await events.addOrganiser(event.id, 'staff-mira');
    const detail = { ...summary(event), organiserIds: ['staff-mira'], joinLink: `https://t.me/${BOT}?start=ev_${event.joinCode}` };
    expect(await web.get(event.id)).toEqual(detail);
    // As `ura events` takes it: the join code as typed; what comes back carries the id.
    expect(await web.get(`${event.joinCode.slice(0, 3).toLowerCase()}-${event.joinCode.slice(3)}`)).toEqual(detail);
    expect(await web.get('no-such-event')).toBeUndefined();
    expect(await web.get('')).toBeUndefined();
    // Until getMe has answered, there is no bot name to link to.
    bot = undefined;
    expect(await web.get(event.id)).toEqual({ ...detail, joinLink: null });
  });

  it.skipIf(skip)('shows invitees not registered, registrations, walk-ins and check-ins at the time they were recorded; a deleted walk-in is gone', async () => {
    const event = await create('National conference', '2026-11-20');
    expect(
      await web.importInvites(event.id, csv([HEADER, 'Arta Krasniqi,Ministria e Brendshme,central_gov,tirane,', 'Besa Leka,Qendra Vatra,ngo,vlore,', 'Ilir Gashi,Bashkia Fier,local_gov,fier,']), {
        skipInvalid: false,
      }),
    ).toEqual({
      imported: 3,
      skipped: 0,
    });
    // By organisation, then name.
    const before = await web.registrations(event.id);
    expect(before.map((person) => [person.name, person.invited, person.registeredAt, person.checkedInAt])).toEqual([
      ['Ilir Gashi', true, null, null],
      ['Arta Krasniqi', true, null, null],
      ['Besa Leka', true, null, null],
    ]);
    const idOf = (name: string) => before.find((person) => person.name === name)?.id;
    const besaInvitee = (await events.roster(event.id)).find((entry) => entry.name === 'Besa Leka')?.inviteeId;
    if (!besaInvitee) throw new Error('no invitee');

    const { participants } = events;
    clock.set('2026-11-20T07:10:00Z');
    const besa = await participants.registerInvitee(event, besaInvitee, { telegramId: 8001, chatId: 8001, language: 'sq' });
    clock.set('2026-11-20T07:20:00Z');
    const drita = await participants.registerWalkIn(event, { name: 'Drita Hoxha', organisation: 'Shoqata e Re', orgType: 'ngo', region: 'korce' }, { telegramId: 8002, chatId: 8002, language: 'en' });
    const gent = await participants.registerWalkIn(event, { name: 'Gent Dushku', organisation: 'Qendra Vatra', orgType: 'ngo', region: 'vlore' }, { telegramId: 8003, chatId: 8003, language: 'sq' });
    if (besa.kind !== 'registered' || drita.kind !== 'registered' || gent.kind !== 'registered') throw new Error('not registered');
    clock.set('2026-11-20T08:42:00Z');
    await participants.checkIn(event, besa.participant.id, 1, 'chat_code');
    await participants.checkIn(event, gent.participant.id, 1, 'organiser');
    clock.set('2026-11-21T08:05:00Z');
    await participants.checkIn(event, besa.participant.id, 2, 'chat_code');
    await participants.checkIn(event, drita.participant.id, 2, 'chat_code');
    // The paper sheet of day 1, typed up on day 2: Ilir came without the chat.
    clock.set('2026-11-21T17:30:00Z');
    const sheet = await events.importAttendance(event.id, { format: 'csv', bytes: Buffer.from('name,organisation\nIlir Gashi,Bashkia Fier\nBesa Leka,Qendra Vatra\n') }, { day: 1 });
    expect(sheet).toMatchObject({ kind: 'imported', matched: 2, recorded: 1, alreadyRecorded: 1 });
    await participants.erase(gent.participant.id);

    const registrations = await web.registrations(event.id);
    expect(registrations).toEqual([
      // Present by the sheet only: when the sheet was imported is when Ura learnt it.
      {
        id: idOf('Ilir Gashi'),
        name: 'Ilir Gashi',
        organisation: 'Bashkia Fier',
        orgType: 'local_gov',
        region: 'fier',
        invited: true,
        registeredAt: null,
        checkedInAt: new Date('2026-11-21T17:30:00Z'),
      },
      { id: idOf('Arta Krasniqi'), name: 'Arta Krasniqi', organisation: 'Ministria e Brendshme', orgType: 'central_gov', region: 'tirane', invited: true, registeredAt: null, checkedInAt: null },
      {
        id: idOf('Besa Leka'),
        name: 'Besa Leka',
        organisation: 'Qendra Vatra',
        orgType: 'ngo',
        region: 'vlore',
        invited: true,
        registeredAt: new Date('2026-11-20T07:10:00Z'),
        // Her first check-in, not the start of the day nor a later record.
        checkedInAt: new Date('2026-11-20T08:42:00Z'),
      },
      {
        id: expect.any(String),
        name: 'Drita Hoxha',
        organisation: 'Shoqata e Re',
        orgType: 'ngo',
        region: 'korce',
        invited: false,
        registeredAt: new Date('2026-11-20T07:20:00Z'),
        checkedInAt: new Date('2026-11-21T08:05:00Z'),
      },
    ]);
    // One id per person, and an invitee keeps theirs when they register.
    expect(new Set(registrations.map((person) => person.id)).size).toBe(4);
    expect(JSON.stringify(registrations)).not.toContain('Gent');

    // The deleted walk-in still counts in the profile, as a participant of their organisation.
    expect((await web.profile(event.id, 'org_type')).total).toMatchObject({ invitedPersons: 3, participants: 4 });
    expect(await web.registrations(event.joinCode)).toEqual(registrations);
  });

  it.skipIf(skip)('gives the profile by type of organisation and by region, as the events area computes it', async () => {
    const event = await create('National conference', '2026-11-20');
    await web.importInvites(
      event.id,
      csv([HEADER, 'Arta Krasniqi,Ministria e Brendshme,central_gov,national,', 'Besa Leka,Qendra Vatra,ngo,vlore,', 'Vera Kola,Qendra Vatra,ngo,vlore,', 'Ilir Gashi,Bashkia Fier,local_gov,fier,']),
      {
        skipInvalid: false,
      },
    );
    await events.importAttendance(event.id, { format: 'csv', bytes: Buffer.from('name,organisation\nBesa Leka,Qendra Vatra\nIlir Gashi,Bashkia Fier\n') }, { day: 1 });

    const byType = await web.profile(event.id, 'org_type');
    expect(byType).toEqual({
      rows: [
        { orgType: 'central_gov', invitedPersons: 1, invitedOrgs: 1, participants: 0, participatingOrgs: 0, pctOfInvited: 0, pctOfParticipants: 0 },
        { orgType: 'local_gov', invitedPersons: 1, invitedOrgs: 1, participants: 1, participatingOrgs: 1, pctOfInvited: 100, pctOfParticipants: 50 },
        { orgType: 'ngo', invitedPersons: 2, invitedOrgs: 1, participants: 1, participatingOrgs: 1, pctOfInvited: 50, pctOfParticipants: 50 },
      ],
      total: { invitedPersons: 4, invitedOrgs: 3, participants: 2, participatingOrgs: 2, pctOfInvited: 50, pctOfParticipants: 100 },
    });
    expect(byType).toEqual(await events.profile(event.id, 'org_type'));
    const byRegion = await web.profile(event.id, 'region');
    expect(byRegion.rows.map((row) => ('region' in row ? [row.region, row.invitedPersons, row.participants] : []))).toEqual([
      ['fier', 1, 1],
      ['vlore', 2, 1],
      ['national', 1, 0],
    ]);
    expect(byRegion.total).toEqual(byType.total);
  });

  it.skipIf(skip)('imports nothing from a list with a bad row, and says where and what was expected in words', async () => {
    const event = await create('National conference', '2026-11-20');
    const result = await web.importInvites(
      event.id,
      csv([
        HEADER,
        'Arta Krasniqi,Ministria e Brendshme,central_gov,tirane,',
        'Besa Leka,Qendra Vatra,charity,vlore,',
        ',Bashkia Fier,local_gov,Fier-qyteti,',
        'Arta  KRASNIQI,ministria e brendshme,central_gov,national,',
        'Ilir Gashi,Qendra Vatra,ngo,vlore,',
        'Vera Kola,Qendra Vatra,local_gov,vlore,',
      ]),
      { skipInvalid: false },
    );
    expect(worded(result)).toEqual({
      problems: [
        { row: 3, column: 'org_type', value: 'charity', expected: ORG_TYPE_WORDS },
        { row: 4, column: 'name', value: '', expected: 'the person’s name (the cell is empty)' },
        { row: 4, column: 'region', value: 'Fier-qyteti', expected: expect.stringMatching(/^one of the 12 counties \(berat, .*\), national or international$/) },
        { row: 5, column: 'name', value: 'Arta  KRASNIQI', expected: 'a person not on the list yet (row 2 has the same name and organisation)' },
        { row: 7, column: 'org_type', value: 'local_gov', expected: 'ngo, as this organisation is in row 6' },
      ],
    });
    expect(await web.registrations(event.id)).toEqual([]);
    expect((await web.profile(event.id, 'org_type')).rows).toEqual([]);

    // A header that lacks a column: row 1, and what the first row should name.
    const header = await web.importInvites(event.id, csv(['name,organisation,type,region', 'Arta Krasniqi,Ministria e Brendshme,central_gov,tirane']), { skipInvalid: true });
    expect(worded(header)).toEqual({
      problems: [{ row: 1, column: 'org_type', value: '', expected: 'a column named org_type (the first row names the columns: name, organisation, org_type, region, contact)' }],
    });
    expect(await web.registrations(event.id)).toEqual([]);
  });

  it.skipIf(skip)('refuses a file of another kind, or one that cannot be read, saying what was expected', async () => {
    const event = await create('National conference', '2026-11-20');
    const list = csv([HEADER, 'Arta Krasniqi,Ministria e Brendshme,central_gov,tirane,']);
    expect(worded(await web.importInvites(event.id, { ...list, name: 'invites.txt' }, { skipInvalid: false }))).toEqual({
      problems: [{ row: 1, column: 'file', value: 'invites.txt', expected: 'a .csv or .xlsx file' }],
    });
    expect(worded(await web.importInvites(event.id, { ...list, name: 'invites' }, { skipInvalid: true }))).toEqual({
      problems: [{ row: 1, column: 'file', value: 'invites', expected: 'a .csv or .xlsx file' }],
    });
    // Latin-1 bytes, as an old Excel saves "CSV": not UTF-8.
    const latin1 = { name: 'ftesat.csv', bytes: new Uint8Array(Buffer.from(`${HEADER}\nArbër Çela,Bashkia Korçë,local_gov,korce,\n`, 'latin1')) };
    expect(worded(await web.importInvites(event.id, latin1, { skipInvalid: false }))).toEqual({
      problems: [{ row: 1, column: 'file', value: 'ftesat.csv', expected: 'a CSV file that can be read; this one cannot: the CSV file is not UTF-8 text: save it as "CSV UTF-8"' }],
    });
    const notXlsx = await web.importInvites(event.id, { ...list, name: 'ftesat.XLSX' }, { skipInvalid: false });
    expect(worded(notXlsx)).toEqual({
      problems: [{ row: 1, column: 'file', value: 'ftesat.XLSX', expected: expect.stringMatching(/^an? XLSX file that can be read; this one cannot: not a readable XLSX file/) }],
    });
    expect(worded(await web.importInvites(event.id, csv(['', ' ']), { skipInvalid: false }))).toEqual({
      problems: [{ row: 1, column: 'file', value: 'invites.csv', expected: 'a CSV file that can be read; this one cannot: the file is empty: the first row must name the columns' }],
    });
    expect(await web.registrations(event.id)).toEqual([]);
  });

  it.skipIf(skip)('with skipInvalid imports the good rows and counts the rows skipped (not their problems); an XLSX list reads the same', async () => {
    const event = await create('National conference', '2026-11-20');
    const result = await web.importInvites(
      event.id,
      csv([HEADER, 'Arta Krasniqi,Ministria e Brendshme,central_gov,tirane,', ',Qendra Vatra,charity,vlore,', 'Ilir Gashi,Bashkia Fier,local_gov,Fier-qyteti,', 'Besa Leka,Qendra Vatra,ngo,vlore,']),
      { skipInvalid: true },
    );
    expect(result).toEqual({ imported: 2, skipped: 2 });
    expect((await web.registrations(event.id)).map((person) => person.name)).toEqual(['Arta Krasniqi', 'Besa Leka']);

    const dir = scratchDir();
    await writeXlsx(join(dir, 'ftesat.xlsx'), HEADER.split(','), [
      ['Arta Krasniqi', 'Ministria e Brendshme', 'central_gov', 'tirane', ''],
      ['Vera Kola', 'Bashkia Korçë', 'local_gov', 'korce', 'vera@example.org'],
    ]);
    // Importing again merges by name and organisation: Arta is there already.
    expect(await web.importInvites(event.id, { name: 'ftesat.xlsx', bytes: readFileSync(join(dir, 'ftesat.xlsx')) }, { skipInvalid: false })).toEqual({ imported: 2, skipped: 0 });
    expect((await web.registrations(event.id)).map((person) => person.name)).toEqual(['Vera Kola', 'Arta Krasniqi', 'Besa Leka']);
  });

  it.skipIf(skip)('passes on the entrance code it is given, and has none without one', async () => {
    const event = await create('National conference', '2026-11-20');
    expect(await web.entranceCode(event.id)).toBeUndefined();
    const validUntil = new Date(clock.now().getTime() + 10 * MINUTE);
    const withCode = organiserEvents({ events, botUsername: () => BOT, entranceCode: async (eventId) => (eventId === event.id ? { code: '0417', validUntil } : undefined) });
    expect(await withCode.entranceCode(event.id)).toEqual({ code: '0417', validUntil });
  });
});

/** A small conference: 20 invited from 14 organisations of the five types; 12 of them come, with one walk-in. */
const SMALL_CONFERENCE = [
  ['Arta Krasniqi', 'Ministria e Brendshme', 'central_gov', 'national'],
  ['Dritan Shehu', 'Ministria e Brendshme', 'central_gov', 'national'],
  ['Elona Marku', 'Ministria e Drejtësisë', 'central_gov', 'national'],
  ['Fatos Nika', 'Ministria e Drejtësisë', 'central_gov', 'national'],
  ['Ilir Gashi', 'Bashkia Fier', 'local_gov', 'fier'],
  ['Jonida Prifti', 'Bashkia Vlorë', 'local_gov', 'vlore'],
  ['Kujtim Tafaj', 'Bashkia Shkodër', 'local_gov', 'shkoder'],
  ['Lindita Xhafa', 'Bashkia Korçë', 'local_gov', 'korce'],
  ['Mimoza Zeneli', 'Bashkia Tiranë', 'local_gov', 'tirane'],
  ['Besa Leka', 'Qendra Vatra', 'ngo', 'vlore'],
  ['Vera Kola', 'Qendra Vatra', 'ngo', 'vlore'],
  ['Orjeta Bregu', 'Different & Equal', 'ngo', 'tirane'],
  ['Përparim Dushku', 'Different & Equal', 'ngo', 'tirane'],
  ['Rudina Gjoka', 'Tjetër Vizion', 'ngo', 'elbasan'],
  ['Sokol Leka', 'Tjetër Vizion', 'ngo', 'elbasan'],
  ['Teuta Çela', 'IOM', 'international', 'international'],
  ['Valbona Hoxha', 'OSBE', 'international', 'international'],
  ['Zef Marku', 'UNICEF', 'international', 'international'],
  ['Gentiana Kola', 'Stafi i Konferencës', 'staff', 'national'],
  ['Nexhat Dervishi', 'Stafi i Konferencës', 'staff', 'national'],
];
const PRESENT = [
  'Arta Krasniqi',
  'Dritan Shehu',
  'Ilir Gashi',
  'Jonida Prifti',
  'Kujtim Tafaj',
  'Besa Leka',
  'Vera Kola',
  'Orjeta Bregu',
  'Rudina Gjoka',
  'Teuta Çela',
  'Gentiana Kola',
  'Nexhat Dervishi',
];

describe.each(PROVIDERS_UNDER_TEST)('the JSON API on the events area, on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  let h: WebHarness;

  afterEach(async () => h?.close());

  it.skipIf(skip)('imports a small conference’s invite list, refusing it first with a bad row, and gives the participant profile in the issue’s JSON shape', async () => {
    const clock = fakeClock('2026-11-20T07:00:00Z');
    const events = eventsOn(database.db.prisma, clock);
    h = await organiserWebHarness({ events: organiserEvents({ events, botUsername: () => BOT }), clock });
    const created = await events.create({ names: { sq: 'Konferenca kombëtare 2026', en: 'National conference 2026' }, startsOn: '2026-11-20', templateId: 'annual-conference' });
    if (created.kind !== 'created') throw new Error('not created');
    const { event } = created;
    const api = (path: string, init: RequestInit = {}) => h.fetch(`/api/events/${event.id}${path}`, { ...init, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers } });
    const upload = (rows: readonly (readonly string[])[]) =>
      api('/invites?name=ftesat-2026.csv', { method: 'POST', headers: { 'content-type': 'text/csv' }, body: `\uFEFF${toCsv([['name', 'organisation', 'org_type', 'region'], ...rows])}` });

    const refused = await upload(SMALL_CONFERENCE.map((row, i) => (i === 11 ? [row[0] ?? '', row[1] ?? '', 'charity', row[3] ?? ''] : row)));
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      code: 'invalid_rows',
      message: 'nothing was imported: 1 problem(s) in the file',
      problems: [{ row: 13, column: 'org_type', value: 'charity', expected: ORG_TYPE_WORDS, code: 'org_type', values: { types: 'central_gov, local_gov, ngo, international, staff, other' } }],
    });
    expect(await (await api('/registrations')).json()).toEqual({ registrations: [] });

    const imported = await upload(SMALL_CONFERENCE);
    expect(imported.status).toBe(200);
    expect(await imported.json()).toEqual({ imported: 20, skipped: 0 });

    // The sign-in sheet of day 1, and a walk-in who checks in with the entrance code.
    const sheet = await events.importAttendance(event.id, {
      format: 'csv',
      bytes: Buffer.from(toCsv([['Name', 'Organisation'], ...PRESENT.map((name) => [name, SMALL_CONFERENCE.find((row) => row[0] === name)?.[1] ?? ''])])),
    });
    expect(sheet).toMatchObject({ kind: 'imported', matched: 12, unmatched: [] });
    const walkIn = await events.participants.registerWalkIn(
      event,
      { name: 'Blerina Nika', organisation: 'Shoqata e Re', orgType: 'ngo', region: 'korce' },
      { telegramId: 9001, chatId: 9001, language: 'sq' },
    );
    if (walkIn.kind !== 'registered') throw new Error('not registered');
    await events.participants.checkIn(event, walkIn.participant.id, 1, 'chat_code');

    const profile = await api('/profile?by=org_type');
    expect(profile.status).toBe(200);
    expect(await profile.json()).toEqual({
      rows: [
        { orgType: 'central_gov', invitedPersons: 4, invitedOrgs: 2, participants: 2, participatingOrgs: 1, pctOfInvited: 50, pctOfParticipants: 15.4 },
        { orgType: 'local_gov', invitedPersons: 5, invitedOrgs: 5, participants: 3, participatingOrgs: 3, pctOfInvited: 60, pctOfParticipants: 23.1 },
        { orgType: 'ngo', invitedPersons: 6, invitedOrgs: 3, participants: 5, participatingOrgs: 4, pctOfInvited: 83.3, pctOfParticipants: 38.5 },
        { orgType: 'international', invitedPersons: 3, invitedOrgs: 3, participants: 1, participatingOrgs: 1, pctOfInvited: 33.3, pctOfParticipants: 7.7 },
        { orgType: 'staff', invitedPersons: 2, invitedOrgs: 1, participants: 2, participatingOrgs: 1, pctOfInvited: 100, pctOfParticipants: 15.4 },
      ],
      total: { invitedPersons: 20, invitedOrgs: 14, participants: 13, participatingOrgs: 10, pctOfInvited: 65, pctOfParticipants: 100 },
    });
    // The default is by type; by region, each row names its region instead.
    expect(await (await api('/profile')).json()).toEqual(await (await api('/profile?by=org_type')).json());
    const byRegion = (await (await api('/profile?by=region')).json()) as { rows: Record<string, unknown>[]; total: unknown };
    expect(byRegion.rows.map((row) => [row.region, row.participants])).toEqual([
      ['elbasan', 1],
      ['fier', 1],
      ['korce', 1],
      ['shkoder', 1],
      ['tirane', 1],
      ['vlore', 3],
      ['national', 4],
      ['international', 1],
    ]);
    expect(byRegion.rows.every((row) => !('orgType' in row))).toBe(true);
    expect(byRegion.total).toEqual({ invitedPersons: 20, invitedOrgs: 14, participants: 13, participatingOrgs: 10, pctOfInvited: 65, pctOfParticipants: 100 });

    const { registrations } = (await (await api('/registrations')).json()) as { registrations: { name: string; invited: boolean; registeredAt: string | null; checkedInAt: string | null }[] };
    expect(registrations).toHaveLength(21);
    expect(registrations.filter((person) => person.checkedInAt !== null)).toHaveLength(13);
    expect(registrations.at(-1)).toMatchObject({ name: 'Blerina Nika', invited: false, registeredAt: '2026-11-20T07:00:00.000Z', checkedInAt: '2026-11-20T07:00:00.000Z' });
  });
});
