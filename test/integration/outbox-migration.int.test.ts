import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { CARD_PURPOSES } from '../../src/helpline/handoff/model.js';
import { createLogger } from '../../src/shared/logger.js';
import { parseDatabaseUrl } from '../../src/storage/database-url.js';
import { createMigrator, MIGRATIONS_DIR } from '../../src/storage/migrator.js';
import { createOutboxRepository } from '../../src/storage/outbox-repository.js';
import { openPostgresRunner } from '../../src/storage/postgres-runner.js';
import { openSqliteRunner } from '../../src/storage/sqlite-runner.js';
import { PROVIDERS_UNDER_TEST, type TestDatabase } from '../support/database.js';

const silent = createLogger('silent');
const shipped = readdirSync(MIGRATIONS_DIR)
  .filter((name) => /^\d{4}_/.test(name))
  .sort();
/** The migrations a database had before the outbox served every area. */
const before = shipped.slice(
  0,
  shipped.findIndex((name) => name.endsWith('_general_outbox')),
);

/** Brings the test's database to where Ura was before the general outbox. */
async function migrateToBefore(test: TestDatabase): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ura-migrations-'));
  const target = parseDatabaseUrl(test.url, process.cwd());
  if ('problem' in target) throw new Error(target.problem);
  const pool = target.provider === 'postgresql' ? new pg.Pool({ connectionString: target.connectionString, ...(target.schema ? { options: `-c search_path="${target.schema}"` } : {}) }) : undefined;
  const runner = target.provider === 'sqlite' ? openSqliteRunner(target.file) : openPostgresRunner(pool ?? new pg.Pool(), target.schema);
  try {
    for (const name of before) cpSync(join(MIGRATIONS_DIR, name), join(dir, name), { recursive: true });
    expect(await createMigrator(runner, silent, dir).up()).toEqual(before);
  } finally {
    await runner.close();
    await pool?.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.each(PROVIDERS_UNDER_TEST)('the general outbox migration on $name', ({ open, skip }) => {
  it.skipIf(skip)('keeps the messages of an upgraded database, renamed, each with a purpose its area registers', async () => {
    const test = await open({ migrate: false });
    try {
      await migrateToBefore(test);
      const at = new Date('2026-06-01T09:00:00Z');
      // As the helpline wrote them: a card, a card of an earlier round, a message to the person (held), a shift notice.
      const rows: [string, string | null, string | null, string | null, string | null, string][] = [
        ['o-1', 'card:case-1:op-1:0', 'card', 'case-1', null, 'sent'],
        ['o-2', 'card:case-1:op-2:0', 'retired', 'case-1', null, 'sent'],
        ['o-3', 'joined:case-1', null, 'case-1', 'c-1', 'held'],
        ['o-4', 'shift:op-1:in', null, null, null, 'pending'],
      ];
      const columns = ['id', 'chatKey', 'chatCipher', 'method', 'payload', 'dedupeKey', 'status', 'attempts', 'notBefore', 'purpose', 'caseId', 'contactId', 'operatorId', 'createdAt'];
      const values = columns.map((_, index) => (test.name === 'sqlite' ? '?' : `$${index + 1}`));
      for (const [id, dedupeKey, purpose, caseId, contactId, status] of rows) {
        await test.db.prisma.$executeRawUnsafe(
          `INSERT INTO "OutboxMessage" (${columns.map((column) => `"${column}"`).join(', ')}) VALUES (${values.join(', ')})`,
          id,
          `chat-${id}`,
          'sealed',
          'sendMessage',
          '{"text":"words"}',
          dedupeKey,
          status,
          0,
          at,
          purpose,
          caseId,
          contactId,
          'op-1',
          at,
        );
      }

      const applied = await test.db.migrator.up();
      expect(applied).toEqual(shipped.slice(before.length));

      const stored = await test.db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } });
      expect(stored.map((row) => [row.id, row.dedupeKey, row.purpose, row.topic, row.recipientId, row.status])).toEqual([
        ['o-1', 'card:case-1:op-1:0', 'card', 'case-1', null, 'sent'],
        ['o-2', 'card:case-1:op-2:0', 'retired', 'case-1', null, 'sent'],
        ['o-3', 'joined:case-1', 'case', 'case-1', 'c-1', 'held'],
        ['o-4', 'shift:op-1:in', 'duty', null, null, 'pending'],
      ]);
      expect(stored.every((row) => row.notBefore.getTime() === at.getTime())).toBe(true);
      // Waiting since before priorities, they take their turn when they were written: their order stays.
      expect(stored.every((row) => row.turnAt.getTime() === at.getTime())).toBe(true);
      const [raw] = await test.db.prisma.$queryRawUnsafe<Record<string, unknown>[]>('SELECT * FROM "OutboxMessage"');
      expect(Object.keys(raw ?? {}).sort()).toEqual(Object.keys(stored[0] ?? {}).sort());
      expect((await createOutboxRepository(test.db.prisma, test.db.sql).about('case-1', CARD_PURPOSES)).map((row) => row.id)).toEqual(['o-1', 'o-2']);
    } finally {
      await test.dispose();
    }
  });
});
