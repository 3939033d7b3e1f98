import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import type { PrismaClient as SqliteClient } from './generated/sqlite/client.js';

/**
 * The statements every update of the helpline runs (read the session, the sender as
 * staff, the contact, the active conversation; save the conversation and the session;
 * log each message) go straight to the driver adapter Prisma itself uses, as SQL, not
 * through Prisma's client: on SQLite the same connection (so the same transaction
 * rules, see isolatingTransactions), on PostgreSQL the same pool. Prisma compiles every
 * query it is given, raw ones too; measured on the benchmark machine, one lookup by a
 * unique key costs in CPU: a model query 658 µs (SQLite) and 773 µs (PostgreSQL),
 * `$queryRaw` 239 and 346 µs, the adapter 79 and 127 µs; this path runs about seven per
 * update (`npm run bench -- helpline` counts them). One text serves both databases:
 * quoted identifiers, `ON CONFLICT`, `excluded`, `LIMIT`, and `?` for each argument
 * (numbered for PostgreSQL here). The adapters convert the arguments as they do for
 * Prisma (a Date is stored in the same form); the rows come back as objects, date-time
 * columns as Date and boolean ones as boolean, as Prisma's would. None of these
 * statements runs inside a transaction. `openDatabase` gives each database its `sql`,
 * and the repositories of this path take it beside the Prisma client. Prisma stays the owner of the schema and the
 * migrations, and everything else uses its model queries.
 */
export interface HotSql {
  query<T>(sql: string, args: readonly HotArg[]): Promise<T[]>;
  /** The number of rows changed. */
  execute(sql: string, args: readonly HotArg[]): Promise<number>;
}

export type HotArg = string | number | boolean | Date | null;

type AdapterFactory = NonNullable<NonNullable<ConstructorParameters<typeof SqliteClient>[0]>['adapter']>;
/** The part of a connected driver adapter this uses (the same on both databases). */
export type HotAdapter = Pick<Awaited<ReturnType<AdapterFactory['connect']>>, 'queryRaw' | 'executeRaw'>;
type ArgType = Parameters<HotAdapter['queryRaw']>[0]['argTypes'][number];

const argType = (arg: HotArg): ArgType => ({
  arity: 'scalar',
  scalarType: arg === null ? 'unknown' : typeof arg === 'string' ? 'string' : typeof arg === 'boolean' ? 'boolean' : typeof arg === 'number' ? (Number.isInteger(arg) ? 'int' : 'float') : 'datetime',
});

function readValue(type: number, value: unknown): unknown {
  if (value === null) return null;
  if (type === ColumnTypeEnum.DateTime) return new Date(value as string);
  if (type === ColumnTypeEnum.Boolean) return value === true || value === 1 || value === '1' || value === 'true';
  return value;
}

/** The SQL on the adapter `adapter()` gives (connected; asked for each statement, so it must be cheap), with `?` numbered as `$1, $2...` where the database wants that. */
export function hotSql(adapter: () => Promise<HotAdapter>, numbered: boolean): HotSql {
  const texts = new Map<string, string>();
  const textOf = (sql: string) => {
    let text = texts.get(sql);
    if (text === undefined) {
      let n = 0;
      text = numbered ? sql.replace(/\?/g, () => `$${++n}`) : sql;
      texts.set(sql, text);
    }
    return text;
  };
  const statement = (sql: string, args: readonly HotArg[]) => ({ sql: textOf(sql), args: [...args], argTypes: args.map(argType) });
  return {
    async query<T>(sql: string, args: readonly HotArg[]) {
      const result = await (await adapter()).queryRaw(statement(sql, args));
      const { columnNames, columnTypes } = result;
      return result.rows.map((row) => Object.fromEntries(columnNames.map((name, i) => [name, readValue(columnTypes[i] ?? ColumnTypeEnum.Text, row[i])])) as T);
    },
    execute: async (sql, args) => (await adapter()).executeRaw(statement(sql, args)),
  };
}
