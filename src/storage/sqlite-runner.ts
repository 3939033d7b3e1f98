import Sqlite from 'better-sqlite3';
import { MIGRATIONS_TABLE, type MigrationTx, type SqlRunner } from './sql-runner.js';

export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/** Opens the SQLite file, switching it to WAL so readers never block the writer. */
export function openSqliteRunner(file: string): SqlRunner {
  const db = new Sqlite(file, { timeout: SQLITE_BUSY_TIMEOUT_MS });
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  const tx: MigrationTx = {
    exec: async (script) => void db.exec(script),
    isRecorded: async (name) => db.prepare(`SELECT 1 FROM "${MIGRATIONS_TABLE}" WHERE name = ?`).get(name) !== undefined,
    record: async (name) => void db.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" (name, applied_at) VALUES (?, ?)`).run(name, new Date().toISOString()),
  };
  return {
    provider: 'sqlite',
    prepare: async () => void db.exec(`CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)`),
    async recorded() {
      const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATIONS_TABLE) !== undefined;
      return exists ? db.prepare(`SELECT name FROM "${MIGRATIONS_TABLE}" ORDER BY name`).pluck().all().map(String) : [];
    },
    async transaction(fn) {
      // IMMEDIATE takes the write lock up front, so a second process waits here.
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await fn(tx);
        db.exec('COMMIT');
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw error;
      }
    },
    ping: async () => void db.prepare('SELECT 1').get(),
    close: async () => void db.close(),
  };
}
