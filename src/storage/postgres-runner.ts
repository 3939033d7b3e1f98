import type pg from 'pg';
import { MIGRATIONS_TABLE, type SqlRunner } from './sql-runner.js';

// An arbitrary constant shared by every Ura process: the advisory lock that
// serialises migrations across processes.
const MIGRATION_LOCK = 7_304_172;

export function openPostgresRunner(pool: pg.Pool, schema: string | undefined): SqlRunner {
  const table = schema ? `"${schema}"."${MIGRATIONS_TABLE}"` : `"${MIGRATIONS_TABLE}"`;
  /** BEGIN, take the migration lock, run `fn`, COMMIT; ROLLBACK on failure. */
  async function locked<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  return {
    provider: 'postgresql',
    // Under the lock too: concurrent CREATE ... IF NOT EXISTS can still collide in PostgreSQL.
    prepare: () =>
      locked(async (client) => {
        if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        await client.query(`CREATE TABLE IF NOT EXISTS ${table} (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
      }),
    async recorded() {
      const { rows } = await pool.query<{ exists: string | null }>('SELECT to_regclass($1) AS exists', [table]);
      if (rows[0]?.exists == null) return [];
      return (await pool.query<{ name: string }>(`SELECT name FROM ${table} ORDER BY name`)).rows.map((row) => row.name);
    },
    transaction: (fn) =>
      locked((client) =>
        fn({
          exec: async (script) => void (await client.query(script)),
          isRecorded: async (name) => ((await client.query(`SELECT 1 FROM ${table} WHERE name = $1`, [name])).rowCount ?? 0) > 0,
          record: async (name) => void (await client.query(`INSERT INTO ${table} (name) VALUES ($1)`, [name])),
        }),
      ),
    ping: async () => void (await pool.query('SELECT 1')),
    close: async () => undefined, // the pool belongs to the database handle
  };
}
