import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { parseDatabaseUrl, type DatabaseTarget } from '../../src/storage/database-url.js';

export interface TestDatabase {
  readonly name: 'sqlite' | 'postgresql';
  readonly url: string;
  readonly db: Database;
  /** Closes the connection and removes everything the test created. */
  dispose(): Promise<void>;
}

const silent = createLogger('silent');

export const postgresUrl = process.env.TEST_DATABASE_URL;
export const POSTGRES_SKIP_REASON = 'TEST_DATABASE_URL is not set: PostgreSQL tests skipped (.ci/run sets it when a server answers on 127.0.0.1:5432)';

function target(url: string): DatabaseTarget {
  const parsed = parseDatabaseUrl(url, process.cwd());
  if ('problem' in parsed) throw new Error(`${url}: ${parsed.problem}`);
  return parsed;
}

/** A fresh SQLite file in a temporary directory. Not migrated unless `migrate` is set. */
export async function sqliteDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'ura-test-'));
  const url = `file:${join(dir, 'ura.db')}`;
  const db = openDatabase(target(url), silent);
  if (options.migrate !== false) await db.migrator.up();
  return {
    name: 'sqlite',
    url,
    db,
    async dispose() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh schema in the PostgreSQL database of TEST_DATABASE_URL, dropped by dispose(). */
export async function postgresDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  if (!postgresUrl) throw new Error(POSTGRES_SKIP_REASON);
  const schema = `ura_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const url = `${postgresUrl}${postgresUrl.includes('?') ? '&' : '?'}schema=${schema}`;
  const db = openDatabase(target(url), silent);
  if (options.migrate !== false) await db.migrator.up();
  return {
    name: 'postgresql',
    url,
    db,
    async dispose() {
      await db.close();
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/** The providers a contract suite runs on: SQLite always, PostgreSQL when configured. */
export const PROVIDERS_UNDER_TEST = [
  { name: 'sqlite' as const, open: sqliteDatabase, skip: false },
  { name: 'postgresql' as const, open: postgresDatabase, skip: !postgresUrl },
];

/**
 * One database for a whole suite on one provider: opened before its tests (unless the
 * provider is skipped) and disposed after them. Read `.db` inside tests only.
 */
export function suiteDatabase(provider: { open: () => Promise<TestDatabase>; skip: boolean }): TestDatabase {
  let opened: TestDatabase | undefined;
  beforeAll(async () => {
    if (!provider.skip) opened = await provider.open();
  });
  afterAll(async () => opened?.dispose());
  const current = () => {
    if (!opened) throw new Error('the suite database is not open (is the provider skipped?)');
    return opened;
  };
  return {
    get name() {
      return current().name;
    },
    get url() {
      return current().url;
    },
    get db() {
      return current().db;
    },
    dispose: async () => current().dispose(),
  };
}

if (!postgresUrl) console.warn(POSTGRES_SKIP_REASON);
