import type Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localeText } from './helpline-support.js';
import { CHROMIUM_PATH } from '../../src/reports/index.js';
import { conference2006, inviteRows, writeCsv } from '../support/conference-2006.js';
import { type EmulatedUser, type Harness, printOutputOnFailure, startHarness } from '../support/emulator.js';
import { type ChatLanguage, entranceCodeNow, registrationSteps, STEP_MS, todayInTirana, transcriptError, outboxSettled, readUraDatabase, uraIn, type WalkIn } from '../support/event-chat-e2e.js';
import { answerSurvey, bringRunForward, emulatedChat, type ItemAnswers } from '../support/survey-chat.js';

// An evaluation answered in the chat, end to end: `ura start` on SQLite against the emulated
// Bot API, a regional committee meeting today in Tirana, six people registering and checking
// in by the entrance code, the organiser opening its evaluation run from the command line.
// The programme's evaluation slot and, later, the reminder's time are brought forward in the
// stored run while Ura is down (what the clock would have done; Ura is started again on the
// same data and its tick sends each once). Four answer in full (some items N/A, some
// skipped), one leaves partway, one never answers; the reminder reaches only the last two;
// the run is closed by hand and the stored responses of the run hold the answers, from the
// chat, naming nobody. Nothing here measures time: waits poll for what a person would see.

const TEST_MS = 180_000;
const FORM = 'surveys/event-evaluation';
const NAMES = { sq: 'Takimi i Komitetit Rajonal', en: 'Regional Committee Meeting' };
const formText = (language: ChatLanguage, key: string) => localeText(language, 'surveys.event-evaluation', key);
const surveysText = (language: ChatLanguage, key: string, vars?: Record<string, string>) => localeText(language, 'surveys', key, vars);

interface Person {
  userId: number;
  language: ChatLanguage;
  walkIn: WalkIn;
  answers: ItemAnswers;
  leaveBefore?: string;
  user: EmulatedUser;
}

const FULL: ItemAnswers = { obj_expectations: '4', obj_information: '3', obj_skills: 'NA', proc_organisation: '4', open_learned: 'How referral works across counties', action_planned: 'yes' };
const PEOPLE: Omit<Person, 'user'>[] = [
  { userId: 7_613_500_101, language: 'sq', walkIn: { name: 'Arta Hoxha', organisation: 'Shoqata Arta', orgType: 'ngo', region: 'tirane' }, answers: FULL },
  {
    userId: 7_613_500_102,
    language: 'en',
    walkIn: { name: 'Besnik Rama', organisation: 'Bashkia Shkodër', orgType: 'local_gov', region: 'shkoder' },
    answers: { ...FULL, obj_expectations: '2', proc_time: 'NA' },
  },
  {
    userId: 7_613_500_103,
    language: 'sq',
    walkIn: { name: 'Drita Kola', organisation: 'Policia e Shtetit', orgType: 'central_gov', region: 'vlore' },
    answers: { obj_expectations: '3', action_planned: 'no' },
  },
  {
    userId: 7_613_500_104,
    language: 'en',
    walkIn: { name: 'Elira Gashi', organisation: 'IOM Tirana', orgType: 'international', region: 'tirane' },
    answers: { obj_expectations: 'NA', obj_information: 'NA' },
  },
  {
    userId: 7_613_500_105,
    language: 'en',
    walkIn: { name: 'Fatos Lika', organisation: 'Shoqata Fatos', orgType: 'ngo', region: 'korce' },
    answers: { obj_expectations: '1', obj_information: '2' },
    leaveBefore: 'obj_skills',
  },
  { userId: 7_613_500_106, language: 'sq', walkIn: { name: 'Gent Shehu', organisation: 'Bashkia Korçë', orgType: 'local_gov', region: 'korce' }, answers: {}, leaveBefore: 'obj_expectations' },
];

describe('an evaluation run answered in the chat, end to end on the emulated Bot API', () => {
  let harness: Harness;
  let event: { id: string; joinCode: string };
  let runId: string;
  let code: string;
  let people: Person[] = [];
  const ura = (...args: string[]) => uraIn(harness.dir, args);
  const steps = () => registrationSteps({ joinCode: event.joinCode, names: NAMES });
  const read = <T>(query: (db: Database.Database) => T): T => readUraDatabase(harness.dir, query);
  const bringForward = (column: 'sendAt' | 'remindAt') => bringRunForward(harness.dir, runId, column);
  const reminderOf = (language: ChatLanguage) => surveysText(language, 'reminder.text', { form: formText(language, 'title'), event: NAMES[language] });
  const received = (person: Person, text: string) => harness.emulator!.historyOf(person.userId).filter((reply) => reply.text === text).length;

  beforeAll(async () => {
    harness = await startHarness({ env: { APP_TIMEZONE: 'Europe/Tirane' } });
    const created = await ura('events', 'create', '--name', NAMES.sq, '--name-en', NAMES.en, '--starts', todayInTirana(), '--template', 'regional-committee-meeting', '--json');
    expect(created.stderr).toBe('');
    event = JSON.parse(created.stdout);
    // An invitation list, as organisers bring one; these six register as walk-ins.
    const list = join(harness.dir, 'invited.csv');
    writeCsv(list, ['name', 'organisation', 'org_type', 'region'], inviteRows(conference2006().invited.slice(0, 20)));
    expect((await ura('events', 'invites', 'import', event.id, '--file', list)).status).toBe(0);
  }, 120_000);
  afterAll(async () => harness?.stop(), 30_000);
  printOutputOnFailure(() => harness);

  it(
    'six people register in the chat and check in; the organiser opens the evaluation run, which the slot sends once to each of them',
    async () => {
      await Promise.all(
        PEOPLE.map(async (person) => {
          const user = harness.user({ userId: person.userId, languageCode: person.language, firstName: person.walkIn.name.split(' ')[0] ?? 'P' });
          try {
            await steps().walkIn(user, person.walkIn, person.language);
            await steps().checkIn(user, entranceCodeNow(harness, event.id), person.language);
          } catch (error) {
            throw transcriptError(harness, person.userId, error);
          }
          people.push({ ...person, user });
        }),
      );
      people = PEOPLE.map((person) => people.find((joined) => joined.userId === person.userId)!);
      const opened = await ura('surveys', 'runs', 'open', '--form', FORM, '--event', event.joinCode, '--remind-after', '60');
      expect(opened.status, opened.stderr).toBe(0);
      const listed = JSON.parse((await ura('surveys', 'runs', 'list', '--event', event.id, '--json')).stdout) as { id: string; code: string }[];
      expect(listed).toHaveLength(1);
      ({ id: runId, code } = listed[0]!);
      expect(opened.stdout).toContain(`/start sv_${code}`);

      await harness.restartUra('SIGTERM', bringForward('sendAt'));
      await Promise.all(people.map((person) => person.user.waitForReply((reply) => reply.text === formText(person.language, 'obj_expectations.text'), STEP_MS)));
      await outboxSettled(harness.dir);
      for (const person of people) {
        const texts = harness.emulator!.historyOf(person.userId).map((reply) => reply.text);
        // The opening once: its welcome, the first part's heading, the first question, in the person's language.
        expect(texts.slice(-3)).toEqual([formText(person.language, 'intro.text'), formText(person.language, 'part_a.text'), formText(person.language, 'obj_expectations.text')]);
        expect(received(person, formText(person.language, 'intro.text'))).toBe(1);
      }
    },
    TEST_MS,
  );

  it(
    'they answer with the buttons and in words (some items N/A or skipped, one leaving partway); only the unfinished are reminded, once',
    async () => {
      await Promise.all(
        people.map(async (person) => {
          try {
            await answerSurvey(emulatedChat(person.user, formText(person.language, 'thanks.text')), person.answers, person.leaveBefore ? { leaveBefore: person.leaveBefore } : {});
          } catch (error) {
            throw transcriptError(harness, person.userId, error);
          }
        }),
      );
      for (const person of people.filter((one) => !one.leaveBefore)) expect(harness.emulator!.sentTo(person.userId).at(-1)?.text).toBe(formText(person.language, 'thanks.text'));
      // Answering again by the run's link is refused: one response each.
      await people[0]!.user.sendCommand(`start sv_${code}`);
      await people[0]!.user.waitForReply((reply) => reply.text === surveysText('sq', 'refused.answered'), STEP_MS);

      await harness.restartUra('SIGTERM', bringForward('remindAt'));
      const unfinished = people.filter((person) => person.leaveBefore);
      await Promise.all(unfinished.map((person) => person.user.waitForReply((reply) => reply.text === reminderOf(person.language), STEP_MS)));
      await outboxSettled(harness.dir);
      for (const person of people) expect(received(person, reminderOf(person.language))).toBe(person.leaveBefore ? 1 : 0);
    },
    TEST_MS,
  );

  it(
    'closing the run keeps the unfinished answers; the stored responses of the run hold the answers from the chat, naming nobody',
    async () => {
      const closed = await ura('surveys', 'runs', 'close', runId);
      expect(closed.stdout.trim()).toBe(`Closed run ${runId}.`);
      const late = people[5]!;
      await late.user.sendCommand(`start sv_${code}`);
      await late.user.waitForReply((reply) => reply.text === surveysText(late.language, 'refused.closed'), STEP_MS);

      const listed = JSON.parse((await ura('surveys', 'runs', 'list', '--event', event.joinCode, '--json')).stdout) as { open: boolean; counts: Record<string, number> }[];
      expect(listed[0]).toMatchObject({ open: false, counts: { invited: 6, started: 5, completed: 4 } });

      const rows = read((db) => db.prepare('SELECT status, answers, source, respondentKey FROM "SurveyResponse" WHERE runId = ? ORDER BY startedAt, id').all(runId)) as {
        status: string;
        answers: string;
        source: string;
        respondentKey: string | null;
      }[];
      expect(rows.map((row) => row.status).sort()).toEqual(['abandoned', 'completed', 'completed', 'completed', 'completed']);
      expect(rows.every((row) => row.source === 'chat' && row.respondentKey === null)).toBe(true);
      const answers = rows.map((row) => JSON.parse(row.answers) as Record<string, { kind: string; code?: string; value?: string }>);
      expect(answers.filter((one) => one.obj_expectations?.kind === 'na')).toHaveLength(1);
      expect(
        answers
          .map((one) => one.obj_expectations?.code)
          .filter(Boolean)
          .sort(),
      ).toEqual(['1', '2', '3', '4']);
      expect(answers.filter((one) => one.open_learned?.value === FULL.open_learned)).toHaveLength(2);
      expect(answers.find((_, index) => rows[index]?.status === 'abandoned')).toEqual({ obj_expectations: { kind: 'choice', code: '1' }, obj_information: { kind: 'choice', code: '2' } });
      // Nothing in the responses names a participant or a chat.
      const participantIds = read((db) => db.prepare('SELECT id FROM "EventParticipant" WHERE eventId = ?').all(event.id) as { id: string }[]).map((row) => row.id);
      const stored = JSON.stringify(read((db) => db.prepare('SELECT * FROM "SurveyResponse"').all()));
      for (const id of [...participantIds, ...people.map((person) => String(person.userId))]) expect(stored).not.toContain(id);
    },
    TEST_MS,
  );
  it(
    'paper forms of the same evaluation are imported, and one report merges them with the chat answers in JSON, HTML, CSV, XLSX and PDF',
    async () => {
      // Three forms filled in on paper at the venue: their respondent numbers, two rated items and an open answer.
      const paper = join(harness.dir, 'paper.csv');
      writeFileSync(paper, ['respondent,obj_expectations,proc_time,open_learned', 'P1,4,3,Working with the police', 'P2,4,4,', 'P3,NA,4,Shelters in Vlorë'].join('\n'));
      const imported = await ura('surveys', 'import', '--form', FORM, '--file', paper, '--event', event.joinCode);
      expect(imported.status, imported.stderr).toBe(0);
      expect(imported.stdout).toContain('Imported 3 paper response(s)');

      const report = (format: string, ...more: string[]) => ura('report', 'evaluation', '--form', FORM, '--event', event.joinCode, '--participants', '10', '--format', format, ...more);
      const json = await report('json', '--lang', 'en');
      expect(json.status, json.stderr).toBe(0);
      const merged = JSON.parse(json.stdout);
      // Chat: 4, 2, 3, N/A and 1 (the one who left partway keeps the answers given); paper: 4, 4, N/A.
      expect(merged).toMatchObject({ responses: 8, bySource: { chat: 5, paper: 3 }, participants: 10, responseRate: 80 });
      expect(merged.items.find((item: { code: string }) => item.code === 'obj_expectations')).toMatchObject({
        n: 8,
        counts: { 1: 1, 2: 1, 3: 1, 4: 3 },
        na: 2,
        topBox: { ofAll: 37.5, ofValid: 50 },
      });
      // The paper forms did not ask what the chat asked after it: the chat's unanswered items are missing, the paper's not asked.
      expect(merged.items.find((item: { code: string }) => item.code === 'proc_time')).toMatchObject({ counts: { 3: 1, 4: 2 } });
      expect(merged.open.find((item: { code: string }) => item.code === 'open_learned')?.answered).toBe(4);
      expect(merged.profile.total).toMatchObject({ participants: 6 });

      const html = join(harness.dir, 'evaluation.html');
      expect((await report('html', '--lang', 'sq,en', '--out', html)).status).toBe(0);
      const page = readFileSync(html, 'utf8');
      expect(page).toContain('<svg');
      expect(page).toContain(NAMES.sq);
      expect(page).not.toMatch(/(?:src|href)="https?:/);

      const csv = join(harness.dir, 'csv');
      expect((await report('csv', '--lang', 'en', '--out', csv)).status).toBe(0);
      const scale = readFileSync(join(csv, 'scale.csv'), 'utf8').split(/\r?\n/);
      expect(scale.find((line) => line.startsWith('obj_expectations,'))).toContain(',8,1,1,1,3,2,');

      const xlsx = join(harness.dir, 'evaluation.xlsx');
      expect((await report('xlsx', '--lang', 'en', '--out', xlsx)).status).toBe(0);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(xlsx);
      // One sheet per table, named by its title in the report's language: the rated questions come after the summary.
      expect(workbook.worksheets.map((sheet) => sheet.name).slice(0, 2)).toEqual(['Summary', 'Rated questions']);
      const sheet = workbook.getWorksheet('Rated questions');
      const row = sheet?.getRows(1, sheet.rowCount)?.find((candidate) => candidate.getCell(1).value === 'obj_expectations');
      expect([3, 4, 5, 6, 7, 8].map((column) => row?.getCell(column).value)).toEqual([8, 1, 1, 1, 3, 2]);

      if (!existsSync(CHROMIUM_PATH)) {
        console.warn(`${CHROMIUM_PATH} is missing: the PDF of the merged report is not printed here (.ci/run installs Debian's chromium package)`);
        return;
      }
      const pdf = join(harness.dir, 'evaluation.pdf');
      const printed = await report('pdf', '--lang', 'sq,en', '--out', pdf);
      expect(printed.status, printed.stderr).toBe(0);
      const bytes = readFileSync(pdf);
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(bytes.subarray(-8).toString('latin1')).toContain('%%EOF');
    },
    TEST_MS,
  );
});
