import type { Clock } from '../shared/clock.js';
import { type HotSql, readAheadOr } from './hot-path.js';

/**
 * Durable conversation state, one JSON value per key; `updatedAt` is the time of
 * the last change. The shape matches grammY's
 * StorageAdapter, so the bot's session middleware keeps its state here.
 */
export interface SessionStore<T> {
  read(key: string): Promise<T | undefined>;
  write(key: string, value: T): Promise<void>;
  delete(key: string): Promise<void>;
}

export function createSessionRepository<T>(sql: HotSql, clock: Clock, parse: (value: unknown) => T | undefined): SessionStore<T> {
  // grammY writes back every session it read, changed or not. Remembering what
  // was read lets an unchanged session skip the write, which halves the database
  // work of a typical update. Updates of one chat run in sequence, so a key's
  // read and write never interleave with another update's.
  const lastRead = new Map<string, string>();
  // Reads and writes run on every update: SQL straight to the driver (see hot-path.ts).
  return {
    async read(key) {
      const [row] = await readAheadOr<{ value: string }>(sql, 'session', key, 'SELECT "value" FROM "ChatSession" WHERE "key" = ?', [key]);
      if (!row) return undefined;
      lastRead.set(key, row.value);
      try {
        return parse(JSON.parse(row.value));
      } catch {
        return undefined; // unreadable state starts afresh rather than blocking the chat
      }
    },
    async write(key, value) {
      sql.ahead.drop('session', key);
      const json = JSON.stringify(value);
      const previous = lastRead.get(key);
      lastRead.delete(key);
      if (previous === json) return;
      // An empty session never stored stays unstored: reading nothing gives the same empty
      // session. So a chat the helpline never served (an event's participant, a stranger
      // pressing an old button) leaves no row here.
      if (previous === undefined && json === '{}') return;
      const updatedAt = clock.now();
      await sql.execute('INSERT INTO "ChatSession" ("key", "value", "updatedAt") VALUES (?, ?, ?) ON CONFLICT ("key") DO UPDATE SET "value" = excluded."value", "updatedAt" = excluded."updatedAt"', [
        key,
        json,
        updatedAt,
      ]);
    },
    async delete(key) {
      sql.ahead.drop('session', key);
      lastRead.delete(key);
      await sql.execute('DELETE FROM "ChatSession" WHERE "key" = ?', [key]);
    },
  };
}
