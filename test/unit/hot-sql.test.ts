import { ColumnTypeEnum } from '@prisma/driver-adapter-utils';
import { describe, expect, it } from 'vitest';
import { type HotAdapter, hotSql } from '../../src/storage/hot-path.js';

type Statement = Parameters<HotAdapter['queryRaw']>[0];

/** A driver adapter that records what it is asked and answers with `rows` of the given column types. */
function fakeAdapter(columns: { name: string; type: number }[], rows: unknown[][]) {
  const asked: Statement[] = [];
  const adapter = {
    queryRaw: async (statement: Statement) => {
      asked.push(statement);
      return { columnNames: columns.map((column) => column.name), columnTypes: columns.map((column) => column.type), rows };
    },
    executeRaw: async (statement: Statement) => {
      asked.push(statement);
      return 3;
    },
  } as unknown as HotAdapter;
  return { adapter, asked };
}

describe("the hot path's SQL", () => {
  it('numbers the arguments for PostgreSQL and leaves them as ? for SQLite, with each argument typed as Prisma types it', async () => {
    const at = new Date('2026-12-05T10:00:00.123Z');
    const args = ['key', 7, 2.5, true, at, null];
    const text = 'UPDATE "T" SET "a" = ?, "b" = ?, "c" = ?, "d" = ?, "e" = ? WHERE "f" = ?';
    const postgres = fakeAdapter([], []);
    expect(await hotSql(async () => postgres.adapter, true).execute(text, args)).toBe(3);
    expect(postgres.asked[0]?.sql).toBe('UPDATE "T" SET "a" = $1, "b" = $2, "c" = $3, "d" = $4, "e" = $5 WHERE "f" = $6');
    expect(postgres.asked[0]?.args).toEqual(args);
    expect(postgres.asked[0]?.argTypes.map((type) => type.scalarType)).toEqual(['string', 'int', 'float', 'boolean', 'datetime', 'unknown']);
    const sqlite = fakeAdapter([], []);
    await hotSql(async () => sqlite.adapter, false).execute(text, args);
    expect(sqlite.asked[0]?.sql).toBe(text);
  });

  it('gives rows as objects, date-times as Date and booleans as boolean, whatever form the driver used', async () => {
    const { adapter } = fakeAdapter(
      [
        { name: 'id', type: ColumnTypeEnum.Text },
        { name: 'at', type: ColumnTypeEnum.DateTime },
        { name: 'on', type: ColumnTypeEnum.Boolean },
        { name: 'n', type: ColumnTypeEnum.Int32 },
      ],
      [
        ['a', '2026-12-05T10:00:00.123+00:00', 1, 4],
        ['b', null, false, null],
      ],
    );
    const rows = await hotSql(async () => adapter, false).query<{ id: string; at: Date | null; on: boolean; n: number | null }>('SELECT 1', []);
    expect(rows).toEqual([
      { id: 'a', at: new Date('2026-12-05T10:00:00.123Z'), on: true, n: 4 },
      { id: 'b', at: null, on: false, n: null },
    ]);
  });
});
