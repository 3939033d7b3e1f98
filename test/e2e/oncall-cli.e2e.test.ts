import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';
import { packageRoot } from '../../src/shared/paths.js';
import { openDatabase } from '../../src/storage/database.js';
import { parseDatabaseUrl } from '../../src/storage/database-url.js';
import { createDutyRepository } from '../../src/storage/operator-repository.js';

describe('ura oncall', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ura-oncall-'));
  const databaseUrl = `file:${join(dir, 'ura.db')}`;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const ura = (...args: string[]) =>
    spawnSync(process.execPath, [join(packageRoot, 'bin/ura.js'), ...args], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, DATABASE_URL: databaseUrl, APP_TIMEZONE: 'Europe/Tirane' },
    });
  const rota = () =>
    JSON.parse(ura('oncall', 'show', '--json').stdout) as {
      timeZone: string;
      operators: { id: string; telegramId: string; pseudonym: string | null; role: string; presence: string | null; onCall: boolean; shifts: unknown[] }[];
    };
  const shiftsOf = (telegramId: string) => rota().operators.find((operator) => operator.telegramId === telegramId)?.shifts;

  it('sets a week, in separate words or quoted, and prints it', () => {
    expect(ura('operators', 'add', '--telegram-id', '7390514826', '--languages', 'sq', '--name', 'Arta')).toMatchObject({ status: 0 });
    const result = ura('oncall', 'set', '7390514826', 'mon-fri', '08:00-16:00', 'sat 22:00-06:00');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Shifts of Arta (telegram 7390514826), times in Europe/Tirane:');
    expect(result.stdout).toMatch(/Mon 08:00-16:00\n {2}Tue 08:00-16:00\n {2}Wed 08:00-16:00\n {2}Thu 08:00-16:00\n {2}Fri 08:00-16:00\n {2}Sat 22:00-06:00/);
    expect(shiftsOf('7390514826')).toHaveLength(6);
  });

  it('refuses bad shifts with every reason and a usage line, keeping the week as it was', () => {
    const result = ura('oncall', 'set', '7390514826', 'mon-sun 00:00-24:00', 'funday 08:00-16:00', 'tue 25:00-26:00');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('"funday 08:00-16:00" has "funday", which is not a weekday');
    expect(result.stderr).toContain('"tue 25:00-26:00" starts at "25:00"');
    expect(result.stderr).toContain('"tue 25:00-26:00" ends at "26:00"');
    expect(result.stderr).toMatch(/^usage: ura oncall set/m);
    expect(ura('oncall', 'set', '7390514826')).toMatchObject({ status: 2, stderr: expect.stringMatching(/No shifts given[\s\S]*^usage: ura oncall set/m) });
    expect(ura('oncall', 'set', '7390514826', '--none', 'mon 08:00-16:00')).toMatchObject({ status: 2, stderr: expect.stringMatching(/either shifts or --none/) });
    expect(ura('oncall', 'set')).toMatchObject({ status: 2, stderr: expect.stringMatching(/missing required argument 'operator'[\s\S]*^usage: ura oncall set/m) });
    expect(shiftsOf('7390514826')).toHaveLength(6);
  });

  it('refuses an operator who is not registered', () => {
    expect(ura('oncall', 'set', '999', 'mon 08:00-16:00')).toMatchObject({ status: 1, stderr: expect.stringMatching(/No operator has the id 999/) });
    expect(rota().operators).toHaveLength(1);
  });

  it('shows who is on call now, in the configured time zone', () => {
    expect(ura('operators', 'add', '--telegram-id', '555', '--languages', 'en', '--role', 'supervisor')).toMatchObject({ status: 0 });
    expect(ura('oncall', 'set', '555', 'mon-sun 00:00-24:00')).toMatchObject({ status: 0 });
    expect(rota()).toEqual({
      timeZone: 'Europe/Tirane',
      now: expect.any(String),
      operators: [
        expect.objectContaining({ telegramId: '7390514826', pseudonym: 'Arta', role: 'operator', presence: null, shifts: expect.any(Array) }),
        expect.objectContaining({
          telegramId: '555',
          pseudonym: null,
          role: 'supervisor',
          presence: null,
          onCall: true,
          shifts: expect.arrayContaining([{ weekday: 7, start: '00:00', end: '24:00' }]),
        }),
      ],
    });
    const text = ura('oncall', 'show');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/times in Europe\/Tirane/);
    expect(text.stdout).toMatch(/^\(Team member\) {2}supervisor {2}telegram 555 {2}ON CALL now$/m);
    expect(text.stdout).toMatch(/^Arta {2}operator {2}telegram 7390514826 {2}(ON CALL|not on call) now$/m);
  });

  it('gives an organiser no shifts and leaves them off the rota: organisers take no cases', () => {
    expect(ura('operators', 'add', '--telegram-id', '777', '--languages', 'sq', '--role', 'organiser')).toMatchObject({ status: 0 });
    expect(ura('oncall', 'set', '777', 'mon-sun 00:00-24:00')).toMatchObject({ status: 1, stderr: expect.stringMatching(/777 is an organiser, who takes no cases/) });
    expect(rota().operators.map((operator) => operator.telegramId)).toEqual(['7390514826', '555']);
  });

  it('clears a week with --none, by operator id too', () => {
    const id = rota().operators[1]?.id ?? '';
    const result = ura('oncall', 'set', id, '--none');
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('no shifts');
    expect(shiftsOf('555')).toEqual([]);
    expect(rota().operators[1]).toMatchObject({ onCall: false });
  });

  it("shows an operator's own presence, which overrides the rota", async () => {
    const target = parseDatabaseUrl(databaseUrl, dir);
    if ('problem' in target) throw new Error(target.problem);
    const db = openDatabase(target, createLogger('silent'));
    try {
      const arta = rota().operators[0]?.id ?? '';
      await createDutyRepository(db.prisma, db.sql).setPresence(arta, 'on');
    } finally {
      await db.close();
    }
    expect(rota().operators[0]).toMatchObject({ telegramId: '7390514826', presence: 'on', onCall: true });
    const text = ura('oncall', 'show').stdout;
    expect(text).toMatch(/^Arta {2}operator {2}telegram 7390514826 {2}ON CALL now$/m);
    expect(text).toMatch(/^ {2}presence: on \(set by the operator; it overrides the shifts\)$/m);
  });
});
