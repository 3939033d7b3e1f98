import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Umzug } from 'umzug';
import type { Logger } from '../shared/logger.js';
import { packageRoot } from '../shared/paths.js';
import type { SqlRunner } from './sql-runner.js';

export const MIGRATIONS_DIR = join(packageRoot, 'prisma/migrations');

export interface MigrationStatus {
  applied: string[];
  pending: string[];
}

export interface Migrator {
  /** Applies every pending migration, each in its own transaction; returns their names. */
  up(): Promise<string[]>;
  status(): Promise<MigrationStatus>;
}

/** Migration folders hold `<provider>.sql` files written by `npm run db:generate`. */
function migrationFiles(dir: string, provider: string): { name: string; path: string }[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && /^\d{4}_/.test(entry.name))
    .map((entry) => ({ name: entry.name, path: join(dir, entry.name, `${provider}.sql`) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export function createMigrator(runner: SqlRunner, logger: Logger, dir = MIGRATIONS_DIR): Migrator {
  // What this process applied itself; umzug would also list migrations that a
  // concurrent process applied between umzug's check and our transaction.
  let appliedHere: string[] = [];
  const files = migrationFiles(dir, runner.provider);
  const pendingOf = (recorded: readonly string[]) => files.map((file) => file.name).filter((name) => !recorded.includes(name));
  // umzug (with the command-line tool it carries) is loaded only when there is something to
  // apply: every `ura` command opens the database, and most find it up to date.
  const createUmzug = async (): Promise<Umzug> =>
    new (await import('umzug')).Umzug({
      migrations: files.map(({ name, path }) => ({
        name,
        path,
        // The record is written inside the migration's own transaction, so a crash
        // can never leave a migration applied but unrecorded. A concurrent process
        // that got here first has already recorded it; then there is nothing to do.
        up: () =>
          runner.transaction(async (tx) => {
            if (await tx.isRecorded(name)) return;
            await tx.exec(readFileSync(path, 'utf8'));
            await tx.record(name);
            appliedHere.push(name);
          }),
      })),
      storage: {
        executed: () => runner.recorded(),
        logMigration: async () => undefined, // recorded in the migration's transaction above
        unlogMigration: async () => {
          throw new Error('Ura migrations are forward-only');
        },
      },
      logger: {
        info: (event) => logger.info({ migration: event }, 'migration'),
        warn: (event) => logger.warn({ migration: event }, 'migration'),
        error: (event) => logger.error({ migration: event }, 'migration'),
        debug: (event) => logger.debug({ migration: event }, 'migration'),
      },
    });
  return {
    async up() {
      await runner.prepare();
      appliedHere = [];
      if (pendingOf(await runner.recorded()).length === 0) return appliedHere;
      await (await createUmzug()).up();
      return appliedHere;
    },
    // Read-only, so health probes can call it as often as they like.
    // One read of the records (umzug's executed() and pending() would each read them).
    async status() {
      const recorded = await runner.recorded();
      return { applied: files.map((file) => file.name).filter((name) => recorded.includes(name)), pending: pendingOf(recorded) };
    },
  };
}
