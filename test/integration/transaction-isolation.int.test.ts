import { beforeEach, describe, expect, it } from 'vitest';
import { PROVIDERS_UNDER_TEST, suiteDatabase, type TestDatabase } from '../support/database.js';

// What one update writes outside a transaction is never taken into another update's
// transaction: on SQLite (one connection for all) a write made while a transaction was
// open used to run inside it and be undone when that transaction rolled back.

describe.each(PROVIDERS_UNDER_TEST)('transactions beside other queries on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  const row = (key: string) => ({ key, eventId: 'ev', language: 'sq', state: '{}', updatedAt: new Date('2026-06-01T09:00:00Z') });
  /** A transaction that has written a row and stays open until `finish()`, then fails (and rolls back). */
  const openFailingTransaction = async (prisma: TestDatabase['db']['prisma']) => {
    let entered = () => {};
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let finish = () => {};
    const held = new Promise<void>((resolve) => (finish = resolve));
    const failing = prisma.$transaction(async (tx) => {
      await tx.eventChat.create({ data: row('rolled-back') });
      entered();
      await held;
      throw new Error('a unique violation, say');
    });
    await inside;
    return { failing, finish };
  };

  beforeEach(async () => {
    if (!skip) await database.db.prisma.eventChat.deleteMany();
  });

  it.skipIf(skip)('keeps a write made while another transaction is open when that transaction rolls back, and shows it nothing uncommitted', async () => {
    const { prisma } = database.db;
    const { failing, finish } = await openFailingTransaction(prisma);
    // An upsert is one statement, run without a transaction of its own (a create is wrapped in one, and so waited).
    // Prisma's queries run when awaited: `then` sends them now, while the transaction is open.
    const written = prisma.eventChat.upsert({ where: { key: 'kept' }, create: row('kept'), update: { language: 'en' } }).then((chat) => chat);
    const read = prisma.eventChat.findMany().then((chats) => chats);
    await new Promise((resolve) => setTimeout(resolve, 50));
    finish();
    await expect(failing).rejects.toThrow('a unique violation, say');
    await written;
    expect((await read).map((chat) => chat.key)).not.toContain('rolled-back');
    expect((await prisma.eventChat.findMany()).map((chat) => chat.key)).toEqual(['kept']);
  });

  it.skipIf(skip)("keeps the hot path's statements (SQL beside Prisma, on the same connection) out of an open transaction too", async () => {
    const { prisma, sql } = database.db;
    const { failing, finish } = await openFailingTransaction(prisma);
    const written = sql.execute('INSERT INTO "EventChat" ("key", "eventId", "language", "state", "updatedAt") VALUES (?, ?, ?, ?, ?)', ['kept', 'ev', 'sq', '{}', new Date('2026-06-01T09:00:00Z')]);
    const read = sql.query<{ key: string }>('SELECT "key" FROM "EventChat"', []);
    await new Promise((resolve) => setTimeout(resolve, 50));
    finish();
    await expect(failing).rejects.toThrow('a unique violation, say');
    expect(await written).toBe(1);
    expect((await read).map((chat) => chat.key)).not.toContain('rolled-back');
    expect(await prisma.eventChat.findMany()).toEqual([expect.objectContaining({ key: 'kept', updatedAt: new Date('2026-06-01T09:00:00Z') })]);
  });

  it.skipIf(skip)('lets transactions and queries that come one after another run as before', async () => {
    const { prisma } = database.db;
    await Promise.all([
      prisma.$transaction(async (tx) => void (await tx.eventChat.create({ data: row('a') }))),
      prisma.eventChat.create({ data: row('b') }),
      prisma.$transaction(async (tx) => void (await tx.eventChat.create({ data: row('c') }))),
      prisma.eventChat.count(),
    ]);
    expect((await prisma.eventChat.findMany({ orderBy: { key: 'asc' } })).map((chat) => chat.key)).toEqual(['a', 'b', 'c']);
  });
});
