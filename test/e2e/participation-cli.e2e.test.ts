import { describe, expect, it } from 'vitest';
import { scratchDir } from '../support/events.js';
import { runUra, type UraRun } from '../support/ura-process.js';

// `ura events poll|votes|groups|topics` as facilitators run them, on a SQLite database
// of their own. Each command is a process: the timeout is generous and nothing here measures time.
const TIMEOUT = 120_000;

const dir = scratchDir();
const ura = (...args: string[]): Promise<UraRun> =>
  runUra(['events', ...args], { cwd: dir, env: { ...process.env, DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', TELEGRAM_API_ROOT: '', APP_TIMEZONE: 'Europe/Tirane', LOG_LEVEL: 'silent' } });

describe('ura events poll, votes, groups and topics', () => {
  it(
    'makes, opens and closes a poll, runs group work with merged counties, adds a topic, and prints the results; refuses what cannot be done with its reason',
    async () => {
      const created = await ura('create', '--name', 'Konferenca', '--name-en', 'Conference', '--starts', '2026-11-16', '--template', 'annual-conference', '--json');
      expect(created.status).toBe(0);
      const code: string = JSON.parse(created.stdout).joinCode;

      const single = await ura('poll', 'create', code, '--kind', 'single', '--question', 'Cila?', '--option', 'Vetëm një');
      expect(single).toMatchObject({ status: 2, stderr: expect.stringContaining('at least two options') });
      const made = await ura('poll', 'create', code, '--kind', 'yes_no', '--question', 'A shkëmbyet kartëvizita?', '--question-en', 'Did you exchange business cards?');
      expect(made.status).toBe(0);
      const pollId = /Poll ([0-9a-f-]{36}) made/.exec(made.stdout)?.[1] ?? '';
      expect((await ura('poll', 'open', code, pollId.slice(0, 8))).stdout).toContain('for 0 checked-in participant(s)');
      expect(await ura('poll', 'open', code, pollId.slice(0, 8))).toMatchObject({ status: 1, stderr: expect.stringContaining('open already') });
      expect((await ura('poll', 'close', code, pollId)).stdout).toContain('Poll closed.');
      expect(await ura('poll', 'close', code, 'ffffffff')).toMatchObject({ status: 1, stderr: expect.stringContaining('No poll') });

      expect((await ura('groups', 'start', code, '--dots', '3')).stdout).toContain('by region, 3 dots each');
      expect(await ura('groups', 'start', code)).toMatchObject({ status: 1, stderr: expect.stringContaining('collecting already') });
      expect((await ura('groups', 'merge', code, 'diber', 'kukes')).status).toBe(0);
      expect((await ura('groups', 'action', code, 'kukes', 'Government commitment through financial resources')).stdout).toContain('added to diber');
      expect((await ura('groups', 'vote', code)).stdout).toContain('The dot vote is open');
      expect(await ura('groups', 'merge', code, 'fier', 'vlore')).toMatchObject({ status: 1, stderr: expect.stringContaining('only while actions are written') });

      expect(await ura('topics', 'add', code, '--title', 'Legal framework', '--capacity', 'many')).toMatchObject({ status: 2, stderr: expect.stringContaining('--capacity must be a whole number') });
      expect((await ura('topics', 'add', code, '--title', 'Legal framework', '--slot', '2', '--capacity', '16')).stdout).toContain('added to slot 2 (at most 16)');
      expect((await ura('topics', 'list', code)).stdout).toBe('slot 2  Legal framework (0 member(s) of 16)\n  no report yet\n');

      const votes = await ura('votes', code, '--json');
      expect(JSON.parse(votes.stdout)).toMatchObject({
        polls: [
          {
            id: pollId,
            kind: 'yes_no',
            status: 'closed',
            voters: 0,
            checkedIn: 0,
            options: [
              { label: { sq: 'Po', en: 'Yes' }, count: 0 },
              { label: { sq: 'Jo', en: 'No' }, count: 0 },
            ],
          },
        ],
        groups: [{ groupKey: 'diber', values: ['diber', 'kukes'], actions: [{ text: 'Government commitment through financial resources', dots: 0, chosen: false }] }],
      });
    },
    TIMEOUT,
  );
});
