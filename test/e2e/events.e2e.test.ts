import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIdentityProtector } from '../../src/shared/crypto.js';
import { conference2006, inviteRows, writeCsv } from '../support/conference-2006.js';
import { type EmulatedUser, printOutputOnFailure, type Harness, startHarness } from '../support/emulator.js';
import { entranceCodeNow, registrationSteps, todayInTirana, transcriptError, uraIn as ura, type WalkIn } from '../support/event-chat-e2e.js';
import { localeText } from './helpline-support.js';

// The acceptance test of registration in the chat: `ura start` against the emulated Bot
// API, an event made and its 2006-shaped invitation list (235 people, 155 organisations)
// imported with `ura events`, then twenty people who open the deep link at once, register
// (twelve from the list, eight as walk-ins) and check in by the entrance code. Nothing here
// measures time; the timeouts only bound a stuck run.
const TEST_MS = 300_000;

const en = (key: string, vars?: Record<string, string | number>) => localeText('en', 'events', key, vars);
const uraEvents = (dir: string, args: string[]) => ura(dir, ['events', ...args]);

const { invited } = conference2006();
/** Twelve invitees from organisations of every type and letter, some deep in the pages of B. */
const LISTED = [
  'Bashkia 12',
  'Bashkia 47',
  'Bashkia 70',
  'Ministria 3',
  'Ministria 15',
  'Qendra OJF 5',
  'Qendra OJF 36',
  'Organizata Ndërkombëtare 7',
  'Organizata Ndërkombëtare 31',
  'Stafi i Konferencës 1',
  'Stafi i Konferencës 2',
  'Bashkia 1',
].map((organisation) => invited.find((person) => person.organisation === organisation)!);
/** Eight walk-ins: new organisations (their type and region asked), and organisations on the list (their type known). */
const WALK_INS: WalkIn[] = [
  { name: 'Besnik Rama', organisation: 'Shoqata e Re', orgType: 'ngo', region: 'vlore' },
  { name: 'Elira Gashi', organisation: 'Linja SOS për Gratë', orgType: 'ngo', region: 'shkoder' },
  { name: 'Arben Duka', organisation: 'Policia e Shtetit', orgType: 'central_gov', region: 'national' },
  { name: 'Mira Lala', organisation: 'Fondacioni Europian', orgType: 'international', region: 'international' },
  { name: 'Genc Koci', organisation: 'bashkia 3', region: 'tirane' },
  { name: 'Hana Prifti', organisation: 'QENDRA OJF 9', region: 'korce' },
  // Besnik names it at the same moment: whoever is second finds it on the lists, or is asked its type.
  { name: 'Luan Bejko', organisation: 'Shoqata e Re', orgType: 'ngo', region: 'vlore' },
  { name: 'Ola Meta', organisation: 'Spitali Rajonal', orgType: 'other', region: 'durres' },
];

describe('registration and check-in in the chat, end to end on the emulated Bot API', () => {
  let harness: Harness;
  let event: { id: string; joinCode: string };

  beforeAll(async () => {
    harness = await startHarness();
    const created = await uraEvents(harness.dir, [
      'create',
      '--name',
      'Konferenca Kombëtare',
      '--name-en',
      'National Conference',
      '--starts',
      todayInTirana(),
      '--days',
      '2',
      '--template',
      'annual-conference',
      '--json',
    ]);
    expect(created.stderr).toBe('');
    event = JSON.parse(created.stdout);
    const list = join(harness.dir, 'invited.csv');
    writeCsv(list, ['name', 'organisation', 'org_type', 'region'], inviteRows(invited));
    const imported = await uraEvents(harness.dir, ['invites', 'import', event.id, '--file', list]);
    expect(imported.status, imported.stderr).toBe(0);
  }, 120_000);
  afterAll(() => harness?.stop(), 30_000);
  printOutputOnFailure(() => harness);

  const chat = () => registrationSteps({ joinCode: event.joinCode, names: { sq: 'Konferenca Kombëtare', en: 'National Conference' } });
  const next = (user: EmulatedUser) => chat().next(user);

  it(
    'twenty people join by the deep link at once, register (twelve from the list, eight as walk-ins) and check in by the entrance code',
    async () => {
      const { ID_PEPPER } = JSON.parse(readFileSync(join(harness.dir, 'data', 'secrets.json'), 'utf8')) as { ID_PEPPER: string };
      const identity = createIdentityProtector({ dataKey: Buffer.alloc(32), idPepper: ID_PEPPER });
      const people = [
        ...LISTED.map((person, i) => ({ userId: 7_512_300_101 + i, language: i % 3 === 0 ? ('en' as const) : ('sq' as const), listed: person, walkIn: undefined })),
        ...WALK_INS.map((person, i) => ({ userId: 7_512_300_201 + i, language: i % 2 === 0 ? ('sq' as const) : ('en' as const), listed: undefined, walkIn: person })),
      ];
      await Promise.all(
        people.map(async (person) => {
          const user = harness.user({ userId: person.userId, languageCode: person.language, firstName: `P${person.userId % 1000}` });
          const steps = chat();
          try {
            if (person.listed) await steps.fromTheList(user, person.listed, person.language);
            else if (person.walkIn) await steps.walkIn(user, person.walkIn, person.language);
            // At the door: the code on the screen, typed in the chat.
            await steps.checkIn(user, entranceCodeNow(harness, event.id), person.language);
          } catch (error) {
            throw transcriptError(harness, person.userId, error);
          }
        }),
      );

      const db = new Database(join(harness.dir, 'data', 'ura.db'), { readonly: true, fileMustExist: true });
      try {
        const participants = db.prepare('SELECT * FROM "EventParticipant" WHERE eventId = ? AND deletedAt IS NULL').all(event.id) as {
          id: string;
          inviteeId: string | null;
          name: string | null;
          telegramKey: string;
        }[];
        expect(participants).toHaveLength(20);
        expect(new Set(participants.map((row) => row.telegramKey))).toEqual(new Set(people.map((person) => identity.hashId('participant', person.userId))));
        const attendance = db.prepare('SELECT * FROM "EventAttendance" WHERE eventId = ?').all(event.id) as { participantId: string; source: string; day: number }[];
        expect(attendance).toHaveLength(20);
        expect(new Set(attendance.map((row) => row.participantId))).toEqual(new Set(participants.map((row) => row.id)));
        expect(attendance.every((row) => row.source === 'chat_code')).toBe(true);
        // Each person from the list is matched to their own invitation.
        const invitees = db.prepare('SELECT i.id, i.name, o.name AS organisation FROM "EventInvitee" i JOIN "EventOrganisation" o ON o.id = i.organisationId WHERE i.eventId = ?').all(event.id) as {
          id: string;
          name: string;
          organisation: string;
        }[];
        for (const person of people.filter((candidate) => candidate.listed)) {
          const row = participants.find((candidate) => candidate.telegramKey === identity.hashId('participant', person.userId))!;
          expect(invitees.find((invitee) => invitee.id === row.inviteeId)).toMatchObject({ name: person.listed!.name, organisation: person.listed!.organisation });
        }
        expect(
          participants
            .filter((row) => row.inviteeId === null)
            .map((row) => row.name)
            .sort(),
        ).toEqual(WALK_INS.map((person) => person.name).sort());
        // Walk-ins of the same new organisation share it; those naming a listed one joined it: 155 + 5 new.
        expect((db.prepare('SELECT COUNT(*) AS n FROM "EventOrganisation" WHERE eventId = ?').get(event.id) as { n: number }).n).toBe(160);
        // Nobody became a help-seeker, nor got a helpline session.
        for (const table of ['Contact', 'ChatSession', 'HelpCase', 'Conversation']) expect((db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n, table).toBe(0);
      } finally {
        db.close();
      }
    },
    TEST_MS,
  );

  it(
    "shows an organiser, named with `ura events organisers add`, the twenty in the bot's /event",
    async () => {
      const ORGANISER = 7_512_300_999;
      expect((await ura(harness.dir, ['operators', 'add', '--telegram-id', String(ORGANISER), '--languages', 'en', '--name', 'Drita', '--role', 'organiser'])).status).toBe(0);
      const added = await uraEvents(harness.dir, ['organisers', 'add', event.joinCode, String(ORGANISER)]);
      expect(added.stdout).toMatch(/^Drita now organises National Conference/);
      expect((await uraEvents(harness.dir, ['organisers', 'list', event.id])).stdout).toMatch(/\bDrita\s+organiser$/m);
      const organiser = harness.user({ userId: ORGANISER, languageCode: 'en', firstName: 'Drita' });
      await organiser.sendCommand('event');
      const overview = await next(organiser);
      expect(overview.text).toContain(en('desk.overview.registered', { count: 20 }));
      expect(overview.text).toMatch(new RegExp(en('desk.overview.today', { day: 'DAY', present: 20 }).replace('DAY', '[12]')));
      expect(overview.text).toMatch(/Entrance code now: \d{4} /);
    },
    TEST_MS,
  );
});
