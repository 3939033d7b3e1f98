import { runUra, type UraRun } from '../support/ura-process.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { conference2006, inviteRows, SHEET_HEADER, sheetRows, writeCsv, writeXlsx } from '../support/conference-2006.js';
import { scratchDir } from '../support/events.js';

// `ura events` as organisers run it, on its own SQLite database. Each command is a
// process of its own that builds nothing, but under load one can take seconds: the
// timeouts are generous and nothing here measures time.
const TIMEOUT = 120_000;

type Run = UraRun;

const dir = scratchDir();
const ura = (...args: string[]): Promise<Run> => uraCommand('events', ...args);
const uraCommand = (...args: string[]): Promise<Run> =>
  runUra(args, { cwd: dir, env: { ...process.env, DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', TELEGRAM_API_ROOT: '', APP_TIMEZONE: 'Europe/Tirane', LOG_LEVEL: 'silent' } });

let joinCode = '';

beforeAll(async () => {
  const { invited, present } = conference2006();
  const rows = inviteRows(invited);
  writeCsv(join(dir, 'invited-bad.csv'), ['Name', 'Organisation', 'Org_Type', 'Region'], [...rows.slice(0, 6), ['Ilir Leka', 'Bashkia 99', 'municipality', 'Fieri'], ...rows.slice(6)]);
  await writeXlsx(join(dir, 'invited.xlsx'), ['name', 'organisation', 'org_type', 'region'], rows);
  writeCsv(join(dir, 'day1.csv'), SHEET_HEADER, [...sheetRows(present), ['Shoqata e Re', 'Besnik Rama', 'signed']]);
}, TIMEOUT);

describe('ura events', () => {
  it(
    'creates an event from a template, printing its id and join code, and lists it',
    async () => {
      const created = await ura(
        'create',
        '--name',
        'Konferenca Vjetore 2006',
        '--name-en',
        'Annual Conference 2006',
        '--starts',
        '2006-11-16',
        '--template',
        'annual-conference',
        '--venue',
        'Sheraton, Tirana',
        '--json',
      );
      expect(created.stderr).toBe('');
      expect(created.status).toBe(0);
      const event = JSON.parse(created.stdout);
      expect(event).toMatchObject({
        names: { sq: 'Konferenca Vjetore 2006', en: 'Annual Conference 2006' },
        startsOn: '2006-11-16',
        days: 2,
        timezone: 'Europe/Tirane',
        status: 'open',
        templateId: 'annual-conference',
        namesShown: true,
      });
      // The projector's code: 128 random bits, never the join code.
      expect(event.publicCode).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(event.sessions).toHaveLength(10);
      joinCode = event.joinCode;
      expect(joinCode).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);

      const listed = await ura('list');
      expect(listed.status).toBe(0);
      expect(listed.stdout).toContain(`${event.id}  ${joinCode}  2006-11-16  2 day(s)  open  Annual Conference 2006  at Sheraton, Tirana`);

      const refused = await ura('create', '--name', 'X', '--starts', '16.11.2006', '--template', 'gala');
      expect(refused.status).toBe(2);
      expect(refused.stderr).toMatch(/^--starts must be a real date written YYYY-MM-DD$/m);
      expect(refused.stderr).toMatch(/^usage: ura events create /m);
    },
    TIMEOUT,
  );

  it(
    'imports nothing from a list with a bad row, then the fixed list and the sign-in sheet, and prints the 2006 profile as JSON, CSV and a table',
    async () => {
      const bad = await ura('invites', 'import', joinCode.toLowerCase(), '--file', 'invited-bad.csv');
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('Nothing imported: 2 problem(s) in invited-bad.csv:');
      expect(bad.stderr).toContain('  row 8, org_type "municipality": expected one of central_gov, local_gov, ngo, international, staff, other');
      expect(bad.stderr).toMatch(/^ {2}row 8, region "Fieri": expected one of the 12 counties \(berat, .*\), national or international$/m);

      const good = await ura('invites', 'import', joinCode, '--file', 'invited.xlsx');
      expect(good.stderr).toBe('');
      expect(good.status).toBe(0);
      expect(good.stdout).toContain('Imported 235 row(s) into Annual Conference 2006');
      expect(good.stdout).toContain('235 invitee(s) added, 0 updated, 0 unchanged; 155 new organisation(s).');

      const sheet = await ura('attendance', 'import', joinCode, '--file', 'day1.csv', '--day', '1', '--json');
      expect(sheet.status).toBe(0);
      expect(JSON.parse(sheet.stdout)).toMatchObject({
        kind: 'imported',
        day: 1,
        matched: 132,
        recorded: 132,
        unmatched: [{ row: 134, name: 'Besnik Rama', organisation: 'Shoqata e Re' }],
        ignoredColumns: ['Signature'],
      });

      const json = await ura('profile', joinCode, '--format', 'json');
      expect(json.status).toBe(0);
      const profile = JSON.parse(json.stdout);
      expect(profile.rows.map((row: { orgType: string; participants: number; pctOfInvited: number }) => [row.orgType, row.participants, row.pctOfInvited])).toEqual([
        ['central_gov', 11, 37.9],
        ['local_gov', 46, 51.7],
        ['ngo', 50, 69.4],
        ['international', 12, 37.5],
        ['staff', 13, 100],
      ]);
      expect(profile.total).toEqual({ invitedPersons: 235, invitedOrgs: 155, participants: 132, participatingOrgs: 97, pctOfInvited: 56.2, pctOfParticipants: 100 });

      const csv = await ura('profile', joinCode, '--format', 'csv', '--by', 'org_type');
      expect(csv.stdout.split('\r\n').slice(0, 2)).toEqual([
        'org_type,invited_persons,invited_orgs,participants,participating_orgs,pct_of_invited,pct_of_participants',
        'central_gov,29,15,11,8,37.9,8.3',
      ]);
      expect(csv.stdout).toContain('\r\ntotal,235,155,132,97,56.2,100.0\r\n');

      const table = await ura('profile', joinCode, '--by', 'region');
      expect(table.status).toBe(0);
      expect(table.stdout).toMatch(/^Participant profile by region: Annual Conference 2006 \([2-9A-Z]{6}\)$/m);
      expect(table.stdout).toMatch(/^total +235 +155 +132 +97 +56\.2 +100\.0$/m);
    },
    TIMEOUT,
  );

  it(
    'writes the QR code of the join link given the bot, says how to give it when it is not known, and names an unknown event',
    async () => {
      const png = await ura('qr', joinCode, '--out', 'join.png', '--bot', '@UraEventsBot');
      expect(png.stderr).toBe('');
      expect(png.status).toBe(0);
      expect(png.stdout).toContain(`the QR code of https://t.me/UraEventsBot?start=ev_${joinCode}`);
      expect(readFileSync(join(dir, 'join.png')).subarray(1, 4).toString()).toBe('PNG');

      const unknownBot = await ura('qr', joinCode, '--out', 'join.svg');
      expect(unknownBot.status).toBe(2);
      expect(unknownBot.stderr).toMatch(/^TELEGRAM_BOT_TOKEN is not set, so the link to the bot is not known\.$/m);
      expect(unknownBot.stderr).toMatch(/^Pass the bot's username with --bot <username>\.$/m);

      const unknownEvent = await ura('profile', 'ZZZZZZ');
      expect(unknownEvent.status).toBe(1);
      expect(unknownEvent.stderr).toMatch(/^No event has the id or join code "ZZZZZZ"/m);
    },
    TIMEOUT,
  );

  it(
    'names the organisers of an event: an organiser is added once, an operator who takes cases is refused, and the list shows who organises',
    async () => {
      expect((await uraCommand('operators', 'add', '--telegram-id', '7001', '--languages', 'sq,en', '--name', 'Mira', '--role', 'organiser')).status).toBe(0);
      expect((await uraCommand('operators', 'add', '--telegram-id', '7002', '--languages', 'sq', '--name', 'Arta')).status).toBe(0);

      const added = await ura('organisers', 'add', joinCode, '7001');
      expect(added.stderr).toBe('');
      expect(added.stdout).toContain('Mira now organises');
      expect((await ura('organisers', 'add', joinCode, '7001')).stdout).toContain('Mira already organises');

      const operator = await ura('organisers', 'add', joinCode, '7002');
      expect(operator.status).toBe(1);
      expect(operator.stderr).toMatch(/Arta is a staff member with the operator role: only an organiser or an admin can organise an event/);

      const listed = await ura('organisers', 'list', joinCode, '--json');
      expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ pseudonym: 'Mira', role: 'organiser' })]);

      expect((await ura('organisers', 'remove', joinCode, '7001')).stdout).toContain('Mira no longer organises');
      expect((await ura('organisers', 'list', joinCode)).stdout).toContain('Nobody organises');
    },
    TIMEOUT,
  );
});
