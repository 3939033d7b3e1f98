import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { monthOf } from '../../src/shared/month.js';
import { createLogger } from '../../src/shared/logger.js';
import { packageRoot } from '../../src/shared/paths.js';
import { openDatabase } from '../../src/storage/database.js';

const dir = mkdtempSync(join(tmpdir(), 'ura-stats-'));
const env = { ...process.env, DATABASE_URL: '', APP_TIMEZONE: 'Europe/Tirane', CLAIM_TARGETS: '' };
const ura = (...args: string[]) => spawnSync(process.execPath, [join(packageRoot, 'bin/ura.js'), 'stats', 'helpline', ...args], { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });

const minutes = (at: string, n: number) => new Date(new Date(at).getTime() + n * 60_000);
let next = 0;
const helpCase = (createdAt: string, extra: Record<string, unknown> = {}) => {
  next += 1;
  return {
    id: `k-${next}`,
    code: `K${next}-ABC`,
    contactId: `c-${next}`,
    trigger: 'request',
    level: 'INFO',
    summary: '{}',
    language: 'sq',
    status: 'pending',
    createdAt: new Date(createdAt),
    ...extra,
  };
};

/** Seven cases in November 2026 in Tirane (one opened late on 31 October UTC), one either side. */
beforeAll(async () => {
  const db = openDatabase({ provider: 'sqlite', file: join(dir, 'data', 'ura.db') }, createLogger('silent'));
  await db.migrator.up();
  const claimed = [1, 2, 3, 4, 12].map((after, i) => {
    const at = `2026-11-0${i + 1}T10:00:00Z`;
    return helpCase(at, { level: 'HIGH', status: 'closed', claimedAt: minutes(at, after), outcome: 'referred', referral: 'shelter' });
  });
  const cases = [
    ...claimed,
    helpCase('2026-10-31T23:30:00Z', { level: 'URGENT', trigger: 'urgent', language: 'en', source: 'poster_fier' }),
    helpCase('2026-11-20T08:00:00Z', { level: 'URGENT', trigger: 'urgent', language: 'en', source: 'poster_fier' }),
    helpCase('2026-10-31T22:30:00Z'),
    helpCase('2026-11-30T23:00:00Z'),
  ];
  for (const data of cases) await db.prisma.helpCase.create({ data });
  await db.close();
});

describe('ura stats helpline', () => {
  it("prints the month's counts as text, small counts as <5 and the one count that would give a <5 away as x", () => {
    const result = ura('--month', '2026-11');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Helpline cases, 2026-11$/m);
    expect(result.stdout).toMatch(/^Cases +7$/m);
    expect(result.stdout).toMatch(/^ {2}HIGH +x$/m);
    expect(result.stdout).toMatch(/^ {2}URGENT +<5$/m);
    expect(result.stdout).toMatch(/^ {2}poster_fier +<5$/m);
    expect(result.stdout).toMatch(/^ {2}direct +x$/m);
    expect(result.stdout).toMatch(/^ {2}median +3\.0 min$/m);
    expect(result.stdout).toMatch(/^ {2}90th percentile +8\.8 min$/m);
    expect(result.stdout).toMatch(/^ {2}within target +80%$/m);
    expect(result.stdout).toMatch(/^ {2}not claimed +<5$/m);
  });

  it('prints JSON with "<5" in place of small counts', () => {
    const result = ura('--month', '2026-11', '--json');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      month: '2026-11',
      total: 7,
      by: { level: { INFO: 0, HIGH: 'x', URGENT: '<5' }, language: { en: '<5', sq: 'x' }, outcome: { referred: 'x', none: '<5' }, referral: { shelter: 'x' } },
      claim: { claimed: 'x', notClaimed: '<5', medianMinutes: 3, p90Minutes: 8.8, withinTargetPercent: 80, targets: { HIGH: 10, URGENT: 2 } },
    });
    expect(JSON.parse(ura('--month', '2026-10', '--json').stdout)).toMatchObject({ month: '2026-10', total: '<5' });
  });

  it('prints CSV with the columns dimension,value,count', () => {
    const result = ura('--month', '2026-11', '--csv');
    expect(result.status).toBe(0);
    const lines = result.stdout.split('\r\n');
    expect(lines.slice(0, 3)).toEqual(['dimension,value,count', 'month,2026-11,7', 'level,INFO,0']);
    expect(lines).toEqual(expect.arrayContaining(['source,direct,x', 'source,poster_fier,<5', 'claim,median_minutes,3', 'claim,within_target_percent,80']));
  });

  it('counts the current month when none is given', () => {
    const result = ura();
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`Helpline cases, ${monthOf(new Date(), 'Europe/Tirane')}`);
  });

  it.each([
    [['--month', '2026-13'], /^--month "2026-13" is not a month/m],
    [['--month', 'november'], /^--month "november" is not a month/m],
    [['--json', '--csv'], /^--json and --csv cannot be used together/m],
  ])('refuses %j with the reason and a usage line', (args, reason) => {
    const result = ura(...args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(reason);
    expect(result.stderr).toMatch(/^usage: ura stats helpline \[--month YYYY-MM\] \[--json \| --csv\]$/m);
  });
});
