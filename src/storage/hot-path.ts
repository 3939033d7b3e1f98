import type Sqlite from 'better-sqlite3';
import pg from 'pg';
import { type AheadKind, createReadAhead, type ReadAhead } from './read-ahead.js';

/**
 * The statements every update of the helpline runs (read the session, the sender as
 * staff, the contact, the active conversation; save the conversation and the session;
 * log each message) go straight to the driver Prisma itself uses, as SQL, not through
 * Prisma's client. Prisma compiles every query it is given, raw ones too; measured on
 * the benchmark machine, one lookup by a unique key costs in CPU: a model query 658 µs
 * (SQLite) and 773 µs (PostgreSQL), `$queryRaw` 239 and 346 µs, the driver adapter 79
 * and 127 µs, the driver alone less still. This path runs about four statements per
 * update (`npm run bench -- helpline` counts them).
 *
 * - PostgreSQL: node-postgres on the pool Prisma's adapter uses, each text a prepared
 *   statement (`pgSql`).
 * - SQLite: better-sqlite3 itself, on the very connection Prisma's adapter holds (so
 *   the same transaction rules, see isolatingTransactions), each text prepared once
 *   (`sqliteSql`). Prisma's adapter prepares every statement afresh: 8.6% of the
 *   helpline benchmark's CPU on SQLite went to preparing.
 *
 * One text serves both databases: quoted identifiers, `ON CONFLICT`, `excluded`,
 * `LIMIT`, and `?` for each argument (numbered for PostgreSQL here). Arguments are
 * stored as Prisma stores them (a Date in the same form, checked by the tests); rows
 * come back as objects, date-time columns as Date, boolean ones as boolean and integers
 * as numbers, as Prisma's would. None of these statements runs inside a transaction.
 * `openDatabase` gives each database its `sql`, and the repositories of this path take
 * it beside the Prisma client. Prisma stays the owner of the schema and the migrations,
 * and everything else uses its model queries.
 */
export interface HotSql {
  query<T>(sql: string, args: readonly HotArg[]): Promise<T[]>;
  /** The number of rows changed. */
  execute(sql: string, args: readonly HotArg[]): Promise<number>;
  /** Rows of this path's reads already read for the update in hand (first-reads.ts). */
  readonly ahead: ReadAhead;
}

export type HotArg = string | number | boolean | Date | null;

/** A repository's own read of `kind` by `key`: the rows the update in hand read ahead (first-reads.ts), or `text` run now. */
export async function readAheadOr<T>(sql: HotSql, kind: AheadKind, key: string, text: string, args: readonly HotArg[]): Promise<T[]> {
  return (sql.ahead.take(kind, key) as T[] | undefined) ?? sql.query<T>(text, args);
}

/** The part of a pg pool this uses. */
export type HotPool = Pick<pg.Pool, 'query'>;

/** As Prisma's PostgreSQL adapter writes a DateTime (a `timestamp(3)` without zone, in UTC). */
const utcTimestamp = (date: Date) => date.toISOString().replace('T', ' ').replace('Z', '');
/** pg reads a timestamp without zone in the process's zone: Ura stores UTC (as Prisma reads it). */
const TIMESTAMP_OID = 1114;
const readTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP_OID ? (value: string) => new Date(`${value.replace(' ', 'T')}Z`) : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * PostgreSQL: the pool Prisma's adapter uses, each text a named prepared statement (on
 * each connection the first time it runs there), so the server parses it once instead of
 * on every run; it still plans it at every run, for the tables as they are then (the
 * pool's `plan_cache_mode`, see openPostgres). Measured on the benchmark machine for the
 * first-reads statement: 155 to 185 µs a run instead of 200 to 230. `?` is numbered as
 * `$1, $2...`.
 */
export function pgSql(pool: HotPool): HotSql {
  const statements = new Map<string, { name: string; text: string }>();
  const config = (sql: string, args: readonly HotArg[]): pg.QueryConfig<unknown[]> => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      let n = 0;
      statement = { name: `ura_hot_${statements.size + 1}`, text: sql.replace(/\?/g, () => `$${++n}`) };
      statements.set(sql, statement);
    }
    return { ...statement, values: args.map((arg) => (arg instanceof Date ? utcTimestamp(arg) : arg)), types: readTypes };
  };
  return {
    query: async <T>(sql: string, args: readonly HotArg[]) => (await pool.query(config(sql, args))).rows as T[],
    execute: async (sql, args) => (await pool.query(config(sql, args))).rowCount ?? 0,
    ahead: createReadAhead(),
  };
}

/** The better-sqlite3 connection under Prisma's adapter, and when no transaction of Prisma's is open on it. */
export interface SqliteConnection {
  client: Sqlite.Database;
  whenIdle(): Promise<void>;
}

interface Prepared {
  statement: Sqlite.Statement<unknown[], Record<string, unknown>>;
  /** Columns read back as Date or boolean, by name (from their declared types). */
  dates: string[];
  booleans: string[];
}

/** As Prisma's SQLite adapter stores them (its default `iso8601` format). */
const sqliteArg = (arg: HotArg): unknown => (arg instanceof Date ? arg.toISOString().replace('Z', '+00:00') : typeof arg === 'boolean' ? (arg ? 1 : 0) : arg);
const sqliteDate = (value: unknown) => (value === null ? null : new Date(typeof value === 'number' ? value : String(value)));

/** SQLite: each text prepared once on `connection()`'s client (asked for each statement, so it must be cheap), after any open transaction. */
export function sqliteSql(connection: () => Promise<SqliteConnection>): HotSql {
  let preparedOn: Sqlite.Database | undefined;
  let prepared = new Map<string, Prepared>();
  const prepare = (client: Sqlite.Database, sql: string): Prepared => {
    if (preparedOn !== client) (preparedOn = client), (prepared = new Map());
    let found = prepared.get(sql);
    if (!found) {
      const statement = client.prepare<unknown[], Record<string, unknown>>(sql).safeIntegers(false);
      const columns = statement.reader ? statement.columns() : [];
      const declared = (type: string) => columns.filter((column) => column.type?.toUpperCase() === type).map((column) => column.name);
      found = { statement, dates: [...declared('DATETIME'), ...declared('TIMESTAMP')], booleans: declared('BOOLEAN') };
      prepared.set(sql, found);
    }
    return found;
  };
  const run = async <R>(sql: string, use: (prepared: Prepared) => R): Promise<R> => {
    const { client, whenIdle } = await connection();
    await whenIdle();
    // From here to the result nothing awaits: no transaction can open in between.
    return use(prepare(client, sql));
  };
  return {
    query: <T>(sql: string, args: readonly HotArg[]) =>
      run(sql, ({ statement, dates, booleans }) =>
        statement.all(...args.map(sqliteArg)).map((row) => {
          for (const name of dates) row[name] = sqliteDate(row[name]);
          for (const name of booleans) row[name] = row[name] === null ? null : row[name] === 1;
          return row as T;
        }),
      ),
    execute: (sql, args) => run(sql, ({ statement }) => statement.run(...args.map(sqliteArg)).changes),
    ahead: createReadAhead(),
  };
}
