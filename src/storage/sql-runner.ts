import type { Provider } from './database-url.js';

/** One transaction of the migration runner. */
export interface MigrationTx {
  /** Runs a script of one or more SQL statements. */
  exec(script: string): Promise<void>;
  isRecorded(name: string): Promise<boolean>;
  record(name: string): Promise<void>;
}

/**
 * The raw connection used to apply migrations, one implementation per provider.
 * Prisma's client runs one statement at a time; migration scripts hold many, so
 * they go through the driver itself.
 */
export interface SqlRunner {
  readonly provider: Provider;
  /** Creates the bookkeeping table if it is missing. */
  prepare(): Promise<void>;
  /** Names of applied migrations; none when the bookkeeping table does not exist yet. Read-only. */
  recorded(): Promise<string[]>;
  /** Runs `fn` in a transaction that no other migrating process can interleave with. */
  transaction<T>(fn: (tx: MigrationTx) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const MIGRATIONS_TABLE = '_ura_migrations';
