import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scratchDir } from '../support/events.js';
import { runUra } from '../support/ura-process.js';

// `ura surveys runs` as an organiser types it, with its mistakes. Each command is a process
// of its own on a fresh SQLite database; under load one can take seconds: nothing here measures time.
const TIMEOUT = 120_000;
const dir = scratchDir();
const ura = (...args: string[]) =>
  runUra(['surveys', 'runs', ...args], { cwd: dir, env: { ...process.env, DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', LOG_LEVEL: 'silent', APP_TIMEZONE: 'Europe/Tirane' } });

describe('ura surveys runs', () => {
  it(
    'opens a standalone run, lists it with counts only, writes its QR code, and closes it once',
    async () => {
      const opened = await ura('open', '--form', 'surveys/training-evaluation', '--closes', '2099-01-01T12:00', '--no-reminder');
      expect(opened.stderr).toBe('');
      expect(opened.status).toBe(0);
      const [, id, code] = /^Opened run (\S+) of surveys\/training-evaluation@\d+ \(.+\); its link opens with \/start sv_([A-Z0-9]{6})\./.exec(opened.stdout) ?? [];
      expect(id).toBeDefined();
      expect(opened.stdout).toContain('It closes at 2099-01-01T11:00:00.000Z.');

      const listed = JSON.parse((await ura('list', '--json')).stdout) as { id: string; kind: string; code: string; open: boolean; counts: Record<string, number> }[];
      expect(listed).toEqual([expect.objectContaining({ id, kind: 'standalone', code, open: true, counts: { invited: 0, started: 0, completed: 0 } })]);

      const qr = await ura('qr', id!, '--out', join(dir, 'run.svg'), '--bot', 'UraHelpBot');
      expect(qr.status, qr.stderr).toBe(0);
      expect(qr.stdout).toContain(`https://t.me/UraHelpBot?start=sv_${code}`);
      expect(readFileSync(join(dir, 'run.svg'), 'utf8')).toMatch(/^<svg/);

      expect((await ura('close', id!)).stdout.trim()).toBe(`Closed run ${id}.`);
      expect((await ura('close', id!)).stdout.trim()).toBe(`Run ${id} was closed already.`);
      expect((await ura('list')).stdout).toContain(' closed ');
    },
    TIMEOUT,
  );

  it(
    'says precisely what is wrong with an opening, and opens nothing',
    async () => {
      const cases: [string[], string][] = [
        [[], '--form is required'],
        [['--form', 'surveys/nothing'], '--form "surveys/nothing" is no loaded flow'],
        [['--form', 'helpline/self-check'], '--form "helpline/self-check" is a screening flow, not a survey'],
        [['--form', 'surveys/event-evaluation', '--closes', 'Friday'], '--closes "Friday" is not a time such as 2026-11-20T18:00'],
        [['--form', 'surveys/event-evaluation', '--closes', '2001-01-01T10:00'], '--closes 2001-01-01T09:00:00.000Z has passed already'],
        [['--form', 'surveys/event-evaluation', '--event', 'NOSUCH'], '--event "NOSUCH": no event has that id or join code'],
        [['--form', 'surveys/event-evaluation', '--remind-after', 'soon'], '--remind-after must be a whole number of minutes, not "soon"'],
        [['--form', 'surveys/event-evaluation', '--remind-after', '30'], 'a reminder goes only to the participants of an event'],
      ];
      for (const [args, message] of cases) {
        const run = await ura('open', ...args);
        expect(run.status, args.join(' ')).toBe(2);
        expect(run.stderr).toContain(message);
      }
      expect((await ura('close', 'no-such-run')).stderr).toContain('No survey run has the id "no-such-run"');
      expect((await ura('qr', 'x', '--out', 'run.gif')).stderr).toContain('--out must end in .png or .svg, not "run.gif"');
      expect(JSON.parse((await ura('list', '--json')).stdout)).toHaveLength(1);
    },
    TIMEOUT,
  );
});
