import { afterEach, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/shared/paths.js';
import { MIGRATIONS_DIR } from '../../src/storage/migrator.js';
import { TEST_SECRETS } from '../support/config.js';
import { PROVIDERS_UNDER_TEST, type TestDatabase } from '../support/database.js';

/** Runs `ura migrate --json` as a separate process, as a second Ura instance would. */
function migrateInChildProcess(url: string): Promise<{ code: number; appliedNow: string[] }> {
  return new Promise((resolve) => {
    const env = { PATH: process.env.PATH, DATABASE_URL: url, ...TEST_SECRETS };
    execFile(process.execPath, [join(packageRoot, 'bin/ura.js'), 'migrate', '--json'], { env }, (error, stdout, stderr) => {
      const code = error ? Number(error.code ?? 1) : 0;
      resolve({ code, appliedNow: code === 0 ? JSON.parse(stdout).appliedNow : [stderr] });
    });
  });
}

const shipped = readdirSync(MIGRATIONS_DIR)
  .filter((name) => /^\d{4}_/.test(name))
  .sort();

describe.each(PROVIDERS_UNDER_TEST)('migrations on $name', ({ open, skip }) => {
  const opened: TestDatabase[] = [];
  afterEach(async () => {
    for (const test of opened.splice(0)) await test.dispose();
  });

  it.skipIf(skip)('apply every shipped migration to an empty database, once', async () => {
    const test = await open({ migrate: false });
    opened.push(test);
    expect(await test.db.migrator.status()).toEqual({ applied: [], pending: shipped });
    expect(await test.db.migrator.status()).toEqual({ applied: [], pending: shipped }); // reporting changed nothing
    expect(await test.db.migrator.up()).toEqual(shipped);
    expect(await test.db.migrator.up()).toEqual([]);
    expect(await test.db.migrator.status()).toEqual({ applied: shipped, pending: [] });
    expect(await test.db.prisma.contact.count()).toBe(0);
  });

  it.skipIf(skip)('are applied once when two processes start together', async () => {
    const test = await open({ migrate: false });
    opened.push(test);
    const [a, b] = await Promise.all([migrateInChildProcess(test.url), migrateInChildProcess(test.url)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect([...a.appliedNow, ...b.appliedNow].sort()).toEqual(shipped);
    expect(await test.db.migrator.status()).toEqual({ applied: shipped, pending: [] });
  });
});
