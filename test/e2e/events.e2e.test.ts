import { runUra, type UraRun } from '../support/ura-process.js';
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entranceCodeAt } from '../../src/events/index.js';
import { createIdentityProtector } from '../../src/shared/crypto.js';
import { wallClock } from '../../src/shared/zone.js';
import { conference2006, inviteRows, writeCsv } from '../support/conference-2006.js';
import { printOutputOnFailure, type EmulatedUser, type Harness, type Reply, startHarness } from '../support/emulator.js';
import { localeText } from './helpline-support.js';

// The acceptance test of registration in the chat: `ura start` against the emulated Bot
// API, an event made and its 2006-shaped invitation list (235 people, 155 organisations)
// imported with `ura events`, then twenty people who open the deep link at once, register
// (twelve from the list, eight as walk-ins) and check in by the entrance code. Nothing here
// measures time; the timeouts only bound a stuck run.
const STEP_MS = 60_000;
const TEST_MS = 300_000;

const eventName = (language: 'sq' | 'en') => (language === 'sq' ? 'Konferenca Kombëtare' : 'National Conference');
const en = (key: string, vars?: Record<string, string | number>) => localeText('en', 'events', key, vars);
const sq = (key: string, vars?: Record<string, string | number>) => localeText('sq', 'events', key, vars);

type Run = UraRun;

/** `ura ...` in Ura's own directory, on the database the running Ura uses. */
const ura = (dir: string, args: string[]): Promise<Run> => runUra(args, { cwd: dir, env: { PATH: process.env.PATH ?? '', HOME: dir, APP_TIMEZONE: 'Europe/Tirane', LOG_LEVEL: 'silent' } });
const uraEvents = (dir: string, args: string[]) => ura(dir, ['events', ...args]);

/** Today in Tirana, YYYY-MM-DD. */
const todayInTirana = () => {
  const clock = wallClock(new Date(), 'Europe/Tirane');
  return `${clock.year}-${String(clock.month).padStart(2, '0')}-${String(clock.day).padStart(2, '0')}`;
};

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
const WALK_INS: { name: string; organisation: string; orgType?: string; region: string }[] = [
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

  /** The one message the bot answers an action with. */
  const next = async (user: EmulatedUser): Promise<Reply> => (await user.waitForReplies(1, STEP_MS)).at(-1)!;
  const pressText = async (user: EmulatedUser, reply: Reply, text: string): Promise<Reply> => {
    const button = reply.buttons.find((candidate) => candidate.text === text);
    if (!button) throw new Error(`chat ${user.userId}: no button "${text}" under "${reply.text}" (${reply.buttons.map((b) => b.text).join(', ')})`);
    await user.press(button.data);
    return next(user);
  };

  async function joinIn(user: EmulatedUser, language: 'sq' | 'en'): Promise<Reply> {
    await user.sendCommand(`start ev_${event.joinCode}`);
    const welcome = await next(user);
    expect(welcome.text).toBe(`${localeText(language, 'events', 'chat.welcome', { event: eventName(language) })}\n\n${localeText(language, 'events', 'chat.language.prompt')}`);
    return pressText(user, welcome, localeText(language, 'events', `chat.language.names.${language}`));
  }

  async function fromTheList(user: EmulatedUser, person: (typeof LISTED)[number], language: 'sq' | 'en') {
    const t = language === 'sq' ? sq : en;
    let reply = await pressText(user, await joinIn(user, language), t('chat.path.list'));
    reply = await pressText(user, reply, person.organisation.charAt(0));
    while (!reply.buttons.some((button) => button.text === person.organisation)) reply = await pressText(user, reply, t('chat.buttons.next'));
    reply = await pressText(user, reply, person.organisation);
    while (!reply.buttons.some((button) => button.text === person.name)) reply = await pressText(user, reply, t('chat.buttons.next'));
    reply = await pressText(user, reply, person.name);
    expect(reply.text).toContain(t('chat.card.name', { name: person.name }));
    return reply;
  }

  async function walkIn(user: EmulatedUser, person: (typeof WALK_INS)[number], language: 'sq' | 'en') {
    const t = language === 'sq' ? sq : en;
    let reply = await pressText(user, await joinIn(user, language), t('chat.path.walk_in'));
    expect(reply.text).toBe(t('chat.name.prompt'));
    await user.sendText(person.name);
    expect((await next(user)).text).toBe(t('chat.organisation.prompt'));
    await user.sendText(person.organisation);
    reply = await next(user);
    if (person.orgType && reply.text === t('chat.org_type.prompt')) reply = await pressText(user, reply, t(`orgTypes.${person.orgType}`));
    expect(reply.text).toBe(t('chat.region.prompt'));
    reply = await pressText(user, reply, t(`regions.${person.region}`));
    expect(reply.text).toContain(t('chat.card.name', { name: person.name }));
    return reply;
  }

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
          const t = person.language === 'sq' ? sq : en;
          try {
            if (person.listed) await fromTheList(user, person.listed, person.language);
            else if (person.walkIn) await walkIn(user, person.walkIn, person.language);
            // At the door: the code on the screen, typed in the chat.
            const code = entranceCodeAt((message) => identity.hashId('entrance', message), event.id, new Date()).code;
            await user.sendText(code);
            const checkedIn = await next(user);
            // Day 1, or day 2 should the run cross midnight in Tirana.
            expect([1, 2].map((day) => t('chat.checked_in', { day, event: eventName(person.language) }))).toContain(checkedIn.text);
          } catch (error) {
            const transcript = harness.emulator!.historyOf(person.userId).map((reply) => `${reply.text.slice(0, 90)} [${reply.buttons.map((b) => b.data).join(' ')}]`);
            throw new Error(`chat ${person.userId}: ${error instanceof Error ? error.message : String(error)}\n${transcript.join('\n')}`);
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
