import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../shared/logger.js';
import type { DatabaseTarget, Provider } from './database-url.js';
import { PrismaClient as PostgresClient } from './generated/postgresql/client.js';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.js';
import { type HotSql, pgSql, type SqliteConnection, sqliteSql } from './hot-path.js';
import { createMigrator, type Migrator } from './migrator.js';
import { openPostgresRunner } from './postgres-runner.js';
import type { SqlRunner } from './sql-runner.js';
import { openSqliteRunner, SQLITE_BUSY_TIMEOUT_MS } from './sqlite-runner.js';
import { isolatingTransactions } from './sqlite-transactions.js';

/**
 * The Prisma client type repositories are written against: the SQLite client's,
 * the narrower of the two, so code that needs a PostgreSQL-only feature does not
 * compile. Both clients are generated from one model definition.
 */
export type UraTx = Omit<SqliteClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;
export type UraPrisma = Omit<SqliteClient, '$transaction' | '$on' | '$extends'> & {
  /** Interactive transaction; isolation levels differ per provider, so none is offered. */
  $transaction<R>(fn: (tx: UraTx) => Promise<R>): Promise<R>;
};

export interface Database {
  readonly provider: Provider;
  readonly prisma: UraPrisma;
  /** The helpline hot path's SQL, straight to the driver Prisma uses (see hot-path.ts). */
  readonly sql: HotSql;
  readonly migrator: Migrator;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /**
   * Called after rows about a person were deleted, so that they cannot be read back
   * from the database files. SQLite overwrites deleted content (`secure_delete`) but
   * the write-ahead log still holds the pages as they were: a checkpoint copies the
   * clean pages into the database and empties the log. False when other work kept
   * the log busy throughout; the next call (at the latest the nightly retention run)
   * empties it. PostgreSQL: nothing to do here (see the README on VACUUM).
   */
  scrub(): Promise<boolean>;
  close(): Promise<void>;
}

type SqliteAdapterFactory = NonNullable<NonNullable<ConstructorParameters<typeof SqliteClient>[0]>['adapter']>;

/**
 * The better-sqlite3 adapter, with every connection it opens overwriting what is
 * deleted with zeros (without it a deleted message stays readable in free space), and
 * keeping other queries out of an open transaction (see isolatingTransactions).
 */
function secureDeleting(factory: PrismaBetterSQLite3, connected: (connection: SqliteConnection) => void): SqliteAdapterFactory & { connectToShadowDb: SqliteAdapterFactory['connect'] } {
  const zeroing = async (adapter: Awaited<ReturnType<PrismaBetterSQLite3['connect']>>) => {
    await adapter.executeScript('PRAGMA secure_delete = ON');
    return isolatingTransactions(adapter);
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    // The hot path's SQL uses the connection Prisma uses (see hot-path.ts).
    connect: async () => {
      const opened = await factory.connect();
      // The adapter's connection, which it keeps in a field its types do not declare: checked here, so that a version that moves it fails at once.
      const client: unknown = Reflect.get(opened, 'client');
      if (!(client instanceof Sqlite)) throw new Error('the SQLite driver adapter no longer exposes its better-sqlite3 connection as `client`; the hot path needs it (see hot-path.ts)');
      const adapter = await zeroing(opened);
      connected({ client, whenIdle: adapter.whenIdle });
      return adapter;
    },
    connectToShadowDb: async () => zeroing(await factory.connectToShadowDb()),
  };
}

/** Tries of a checkpoint that finds the log in use (a write, or a reader of an older snapshot), and the wait between them. */
const CHECKPOINT_TRIES = 10;
const CHECKPOINT_WAIT_MS = 50;

/**
 * Empties SQLite's write-ahead log into the database file; false when it stayed in
 * use. The checkpoint runs on a connection of its own that never waits: a blocked
 * checkpoint answers at once and is tried again later, instead of blocking the
 * process (better-sqlite3 waits synchronously) while the writer it waits for is
 * this very process.
 */
async function checkpoint(connection: () => Sqlite.Database, logger: Logger): Promise<boolean> {
  for (let attempt = 1; attempt <= CHECKPOINT_TRIES; attempt++) {
    try {
      if (Number(connection().prepare('PRAGMA wal_checkpoint(TRUNCATE)').pluck().get()) === 0) return true;
    } catch (error) {
      if (!(error instanceof Sqlite.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code))) throw error;
    }
    await sleep(CHECKPOINT_WAIT_MS * attempt);
  }
  logger.warn('the write-ahead log stayed in use; deleted data leaves it at the next checkpoint');
  return false;
}

function openSqlite(file: string, logger: Logger): Database {
  mkdirSync(dirname(file), { recursive: true });
  const runner = openSqliteRunner(file);
  let current: SqliteConnection | undefined;
  const prisma = new SqliteClient({ adapter: secureDeleting(new PrismaBetterSQLite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS }), (connection) => (current = connection)) });
  const sql = sqliteSql(async () => {
    if (!current) await prisma.$connect();
    if (!current) throw new Error('the SQLite connection did not open');
    return current;
  });
  let checkpointer: Sqlite.Database | undefined;
  const connection = () => (checkpointer ??= new Sqlite(file, { timeout: 0 }));
  return assemble(
    'sqlite',
    prisma,
    sql,
    runner,
    logger,
    async () => void checkpointer?.close(),
    () => checkpoint(connection, logger),
  );
}

/**
 * The PostgreSQL driver adapter never hands a transaction's connection back to the
 * pool when that connection drops mid-transaction (a restart, a network cut). Each
 * outage would keep one of the pool's connections for good, and once all of them
 * were kept every query would wait in vain: Ura would not recover until restarted.
 * So a connection that ends while lent out is handed back here, which makes the
 * pool discard it; the adapter's own hand-back, should it come, is then ignored.
 */
function handBackDroppedConnections(pool: pg.Pool): void {
  pool.on('acquire', (client) => {
    // The pool sets this loan's `release` right after announcing it.
    queueMicrotask(() => {
      const release = client.release;
      let returned = false;
      const handBack = (error?: Error | boolean) => {
        if (returned) return;
        returned = true;
        client.removeListener('end', onEnd);
        release(error);
      };
      const onEnd = () => handBack(new Error('the database connection ended while lent out'));
      client.release = handBack;
      client.once('end', onEnd);
    });
  });
}

function openPostgres(connectionString: string, schema: string | undefined, logger: Logger): Database {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    connectionTimeoutMillis: 5000,
    // The hot path's statements are prepared once per connection (hot-path.ts) but planned at
    // every run: a plan made once and kept was made for the tables as they were then, and one
    // made while they were nearly empty scanned them whole once they had grown (measured: a
    // read of an update took 0.1 to 0.5 s after 20,000 rows, until the statistics caught up).
    options: [...(schema ? [`-c search_path="${schema}"`] : []), '-c plan_cache_mode=force_custom_plan'].join(' '),
  });
  // An idle connection dropped by the server must not crash the process.
  pool.on('error', (error) => logger.warn({ err: error.message }, 'database connection lost; it will be reopened'));
  handBackDroppedConnections(pool);
  const postgres = new PostgresClient({ adapter: new PrismaPg(pool, schema ? { schema } : undefined) });
  // The one cast in the data layer. The generated declarations are separate, so
  // TypeScript cannot relate their conditional generic types although the models
  // are identical; the repository contract suite runs on both providers instead.
  const prisma = postgres as unknown as UraPrisma;
  // The hot path's SQL, on the same pool (see hot-path.ts).
  const sql = pgSql(pool);
  // Deleted rows stay in the heap until (auto)vacuum reclaims them; a connection cannot force that without locking tables.
  return assemble(
    'postgresql',
    prisma,
    sql,
    openPostgresRunner(pool, schema),
    logger,
    () => pool.end(),
    async () => true,
  );
}

function assemble(provider: Provider, prisma: UraPrisma, sql: HotSql, runner: SqlRunner, logger: Logger, end: () => Promise<void>, scrub: () => Promise<boolean>): Database {
  return {
    provider,
    prisma,
    sql,
    migrator: createMigrator(runner, logger),
    ping: () => runner.ping(),
    scrub,
    async close() {
      await prisma.$disconnect();
      await runner.close();
      await end();
    },
  };
}

export function openDatabase(target: DatabaseTarget, logger: Logger): Database {
  return target.provider === 'sqlite' ? openSqlite(target.file, logger) : openPostgres(target.connectionString, target.schema, logger);
}
