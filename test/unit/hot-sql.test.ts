import Sqlite from 'better-sqlite3';
import type pg from 'pg';
import { describe, expect, it } from 'vitest';
import { type HotPool, pgSql, sqliteSql } from '../../src/storage/hot-path.js';

describe("the hot path's SQL", () => {
  it('asks PostgreSQL with numbered arguments, each text one named prepared statement, dates as the UTC timestamps Prisma writes', async () => {
    const asked: pg.QueryConfig[] = [];
    const pool = { query: async (config: pg.QueryConfig) => (asked.push(config), { rows: [{ id: 'a' }], rowCount: 3 }) } as unknown as HotPool;
    const sql = pgSql(pool);
    const args = ['key', 7, 2.5, true, new Date('2026-12-05T10:00:00.123Z'), null];
    const text = 'UPDATE "T" SET "a" = ?, "b" = ?, "c" = ?, "d" = ?, "e" = ? WHERE "f" = ?';
    expect(await sql.execute(text, args)).toBe(3);
    expect(await sql.query('SELECT "id" FROM "T" WHERE "id" = ?', ['a'])).toEqual([{ id: 'a' }]);
    await sql.execute(text, args);
    expect(asked[0]).toMatchObject({ text: 'UPDATE "T" SET "a" = $1, "b" = $2, "c" = $3, "d" = $4, "e" = $5 WHERE "f" = $6', values: ['key', 7, 2.5, true, '2026-12-05 10:00:00.123', null] });
    expect(asked.map((config) => config.name)).toEqual(['ura_hot_1', 'ura_hot_2', 'ura_hot_1']);
  });

  describe('on SQLite, straight on the connection', () => {
    const open = () => {
      const client = new Sqlite(':memory:');
      client.exec('CREATE TABLE "T" ("id" TEXT PRIMARY KEY, "n" INTEGER, "on" BOOLEAN, "at" DATETIME)');
      let prepared = 0;
      const prepare = client.prepare.bind(client);
      client.prepare = ((text: string) => (prepared++, prepare(text))) as typeof client.prepare;
      let idle: Promise<void> = Promise.resolve();
      const sql = sqliteSql(async () => ({ client, whenIdle: () => idle }));
      return { client, sql, prepares: () => prepared, hold: (until: Promise<void>) => (idle = until) };
    };

    it("stores dates as Prisma's adapter does and reads rows back typed, integers as numbers", async () => {
      const { client, sql } = open();
      const at = new Date('2026-12-05T10:00:00.123Z');
      expect(await sql.execute('INSERT INTO "T" VALUES (?, ?, ?, ?), (?, ?, ?, ?)', ['a', 4, true, at, 'b', null, false, null])).toBe(2);
      expect(client.prepare('SELECT "at" FROM "T" WHERE "id" = \'a\'').pluck().get()).toBe('2026-12-05T10:00:00.123+00:00');
      expect(await sql.query('SELECT * FROM "T" ORDER BY "id"', [])).toEqual([
        { id: 'a', n: 4, on: true, at },
        { id: 'b', n: null, on: false, at: null },
      ]);
      expect(await sql.query('SELECT "id" FROM "T" WHERE "on" = ?', [false])).toEqual([{ id: 'b' }]);
    });

    it('prepares each text once, however often it runs', async () => {
      const { sql, prepares } = open();
      for (let i = 0; i < 5; i++) await sql.execute('INSERT INTO "T" ("id") VALUES (?)', [`r${i}`]);
      for (let i = 0; i < 3; i++) await sql.query('SELECT "id" FROM "T" WHERE "id" = ?', [`r${i}`]);
      expect(prepares()).toBe(2);
    });

    it('waits while a transaction of Prisma is open on the connection', async () => {
      const { client, sql, hold } = open();
      let end = () => {};
      hold(new Promise<void>((resolve) => (end = resolve)));
      const written = sql.execute('INSERT INTO "T" ("id") VALUES (?)', ['late']);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(client.prepare('SELECT count(*) FROM "T"').pluck().get()).toBe(0);
      end();
      expect(await written).toBe(1);
    });
  });
});
