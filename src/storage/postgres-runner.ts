import pg from 'pg';
import { MIGRATIONS_TABLE, type MigrationTx, type SqlRunner } from './sql-runner.js';

// An arbitrary constant shared by every Ura process: the advisory lock that
// serialises migrations across processes.
const MIGRATION_LOCK = 7_304_172;

export function openPostgresRunner(pool: pg.Pool, schema: string | undefined): SqlRunner {
  const table = schema ? `"${schema}"."${MIGRATIONS_TABLE}"` : `"${MIGRATIONS_TABLE}"`;
  return {
    provider: 'postgresql',
    async prepare() {
      if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    },
    recorded: async () => (await pool.query<{ name: string }>(`SELECT name FROM ${table} ORDER BY name`)).rows.map((row) => row.name),
    async transaction(fn) {
      const client = await pool.connect();
      const tx: MigrationTx = {
        exec: async (script) => void (await client.query(script)),
        isRecorded: async (name) => ((await client.query(`SELECT 1 FROM ${table} WHERE name = $1`, [name])).rowCount ?? 0) > 0,
        record: async (name) => void (await client.query(`INSERT INTO ${table} (name) VALUES ($1)`, [name])),
      };
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
        const result = await fn(tx);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    ping: async () => void (await pool.query('SELECT 1')),
    close: async () => undefined, // the pool belongs to the database handle
  };
}
