import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeCsv, writeXlsx } from '../support/conference-2006.js';
import { scratchDir } from '../support/events.js';
import { runUra, type UraRun } from '../support/ura-process.js';

// `ura surveys import` as an organiser runs it after an event, on its own SQLite database.
// Generous timeouts: each command is a process of its own; nothing here measures time.
const TIMEOUT = 120_000;

const dir = scratchDir();
const ura = (...args: string[]): Promise<UraRun> =>
  runUra(args, { cwd: dir, env: { ...process.env, DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', TELEGRAM_API_ROOT: '', APP_TIMEZONE: 'Europe/Tirane', LOG_LEVEL: 'silent' } });
const FORM = ['--form', 'surveys/event-evaluation'];

let eventId = '';

beforeAll(async () => {
  writeCsv(
    join(dir, 'bad.csv'),
    ['respondent', 'obj_expectations', 'proc_venue'],
    [
      ['1', '4', '3'],
      ['2', '5', 'NA'],
      ['3', '', ''],
    ],
  );
  await writeXlsx(
    join(dir, 'forms.xlsx'),
    ['respondent', 'obj_expectations', 'proc_venue', 'action_planned', 'open_learned'],
    [
      ['1', '4', 'NA', 'yes', 'How to refer a case'],
      ['2', '3', '4', 'no', ''],
    ],
  );
  writeCsv(join(dir, 'training.csv'), ['relevance', 'clarity'], [['4', '3']]);
  const created = await ura('events', 'create', '--name', 'Konferenca 2026', '--starts', '2026-11-16', '--json');
  expect(created.status).toBe(0);
  eventId = JSON.parse(created.stdout).id;
}, TIMEOUT);

describe('ura surveys import', () => {
  it(
    'refuses a file with a bad cell, importing nothing and naming row, column, value and what was expected (exit 2)',
    async () => {
      const refused = await ura('surveys', 'import', ...FORM, '--file', join(dir, 'bad.csv'), '--event', eventId);
      expect(refused.status).toBe(2);
      expect(refused.stderr).toContain('Nothing imported: 1 problem(s) in');
      expect(refused.stderr).toContain('row 3, obj_expectations "5": expected one of 1, 2, 3, 4, NA (not applicable) or nothing (no answer)');
      expect(refused.stderr).toContain('1 row(s) with no answer skipped.');

      const skipping = await ura('surveys', 'import', ...FORM, '--file', join(dir, 'bad.csv'), '--event', eventId, '--skip-invalid', '--json');
      expect(skipping.status).toBe(0);
      expect(JSON.parse(skipping.stdout)).toMatchObject({
        kind: 'imported',
        imported: 1,
        runCreated: true,
        run: { flowId: 'surveys/event-evaluation', kind: 'event', scope: eventId },
        skipped: [{ row: 3, column: 'obj_expectations', value: '5', expected: 'one of 1, 2, 3, 4, NA (not applicable) or nothing (no answer)' }],
        skippedEmpty: 1,
      });
    },
    TIMEOUT,
  );

  it(
    'imports an Excel file into the event’s run, and refuses the same respondent ids a second time',
    async () => {
      const imported = await ura('surveys', 'import', ...FORM, '--file', join(dir, 'forms.xlsx'), '--event', eventId);
      expect(imported.stderr).toContain('Nothing imported');
      expect(imported.stderr).toContain('row 2, respondent "1": expected a respondent id not imported yet: this one is already imported into the run');
      expect(imported.status).toBe(2);

      const rest = await ura('surveys', 'import', ...FORM, '--file', join(dir, 'forms.xlsx'), '--event', eventId, '--skip-invalid');
      expect(rest.status).toBe(0);
      expect(rest.stdout).toMatch(
        /^Imported 1 paper response\(s\) of surveys\/event-evaluation v1 into run \S+ of Konferenca 2026 \(\w+\)\.\nSkipped 1 row problem\(s\) \(--skip-invalid\):\n {2}row 2, respondent "1"/,
      );
    },
    TIMEOUT,
  );

  it(
    'says when the file is for another form, the run is unknown, or the options are missing',
    async () => {
      const other = await ura('surveys', 'import', ...FORM, '--file', join(dir, 'training.csv'), '--event', eventId);
      expect(other.status).toBe(2);
      expect(other.stderr).toContain('is it a file for another form?');
      expect((await ura('surveys', 'import', ...FORM, '--file', join(dir, 'forms.xlsx'), '--run', 'nope')).stderr).toContain('No survey run has the id "nope".');
      const neither = await ura('surveys', 'import', ...FORM, '--file', join(dir, 'forms.xlsx'));
      expect(neither.status).toBe(2);
      expect(neither.stderr).toContain('give either --event or --run');
      const unknown = await ura('surveys', 'import', '--form', 'helpline/self-check', '--file', join(dir, 'forms.xlsx'), '--event', eventId);
      expect(unknown.stderr).toContain('--form must be a survey flow (surveys/event-evaluation, surveys/service-feedback, surveys/training-evaluation)');
    },
    TIMEOUT,
  );
});
