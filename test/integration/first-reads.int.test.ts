import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContactRepository } from '../../src/storage/contact-repository.js';
import { firstReads } from '../../src/storage/first-reads.js';
import { createConversationRepository, createEraser } from '../../src/storage/helpline-repositories.js';
import type { HotSql } from '../../src/storage/hot-path.js';
import { createDutyRepository } from '../../src/storage/operator-repository.js';
import { createSessionRepository } from '../../src/storage/session-repository.js';
import { parseSession } from '../../src/transport/telegram/context.js';
import { fakeClock } from '../support/clock.js';
import { selfCheckConversation } from '../support/conversations.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';

// What every update of a private chat reads first is read in one statement and taken by
// each repository instead of its own read: the same values, once, and never after a write.

const at = new Date('2026-06-01T12:00:00.123Z');
const keys = { chatKey: 'chat-a', telegramId: '5001', idHash: 'hash-a' };
const conversation = (id: string, updatedAt: Date) => selfCheckConversation(id, 'c-a', at, updatedAt);

/** The hot path's SQL with a count of the statements it ran. */
function counted(sql: HotSql) {
  let statements = 0;
  return {
    sql: { query: (text, args) => (statements++, sql.query(text, args)), execute: (text, args) => (statements++, sql.execute(text, args)), ahead: sql.ahead } satisfies HotSql,
    statements: () => statements,
  };
}

describe.each(PROVIDERS_UNDER_TEST)('first reads of an update on $name', ({ open, skip }) => {
  const test = suiteDatabase({ open, skip });
  const repositories = (sql: HotSql) => ({
    sessions: createSessionRepository(sql, fakeClock(), parseSession),
    duty: createDutyRepository(test.db.prisma, sql),
    contacts: createContactRepository(test.db.prisma, sql),
    conversations: createConversationRepository(test.db.prisma, sql),
  });
  const readAll = async (repos: ReturnType<typeof repositories>) => ({
    session: await repos.sessions.read(keys.chatKey),
    staff: await repos.duty.dutyOf(keys.telegramId),
    contact: await repos.contacts.findByIdHash(keys.idHash),
    conversation: await repos.conversations.latestActive('c-a'),
  });

  beforeEach(async () => {
    if (skip) return;
    const { prisma } = test.db;
    await prisma.conversation.deleteMany();
    await prisma.chatSession.deleteMany();
    await prisma.contact.deleteMany();
    await prisma.operator.deleteMany();
    const stored = repositories(test.db.sql);
    await stored.sessions.write(keys.chatKey, { language: 'en' });
    await prisma.operator.create({
      data: { id: 'op-1', telegramId: keys.telegramId, pseudonym: 'Drita', role: 'operator', languages: '["sq"]', skills: '[]', createdAt: at, presence: 'on', onShift: true, activeCaseId: null },
    });
    await stored.contacts.upsert({ id: 'c-a', idHash: keys.idHash, chatCipher: 'sealed', language: 'sq', at, source: 'poster_fier' });
    await stored.conversations.create(conversation('v-old', at));
    await stored.conversations.create(conversation('v-new', new Date('2026-06-01T12:05:00Z')));
  });

  it.skipIf(skip)("gives each repository what its own read gives, in one statement, and each read's rows only once", async () => {
    const expected = await readAll(repositories(test.db.sql));
    expect(expected).toMatchObject({
      session: { language: 'en' },
      staff: { pseudonym: 'Drita', presence: 'on', onShift: true },
      contact: { id: 'c-a', source: 'poster_fier' },
      conversation: { id: 'v-new' },
    });
    const { sql, statements } = counted(test.db.sql);
    const release = await firstReads(sql)(keys);
    const repos = repositories(sql);
    expect(await readAll(repos)).toEqual(expected);
    expect(statements()).toBe(1);
    expect(await readAll(repos)).toEqual(expected);
    expect(statements()).toBe(5);
    release();
  });

  it.skipIf(skip)('reads nothing more for a stranger: nothing stored is nothing read', async () => {
    const { sql, statements } = counted(test.db.sql);
    const stranger = { chatKey: 'chat-z', telegramId: '9999', idHash: 'hash-z' };
    const release = await firstReads(sql)(stranger);
    const repos = repositories(sql);
    expect(await repos.sessions.read(stranger.chatKey)).toBeUndefined();
    expect(await repos.duty.dutyOf(stranger.telegramId)).toBeUndefined();
    expect(await repos.contacts.findByIdHash(stranger.idHash)).toBeUndefined();
    expect(statements()).toBe(1);
    release();
  });

  it.skipIf(skip)('never gives back what was read ahead once its repository wrote the row', async () => {
    const release = await firstReads(test.db.sql)(keys);
    const repos = repositories(test.db.sql);
    await repos.sessions.write(keys.chatKey, { language: 'sq' });
    await createDutyRepository(test.db.prisma, test.db.sql).setPresence('op-1', 'off');
    await repos.contacts.update('c-a', { region: 'fier' });
    const newer = conversation('v-new', new Date('2026-06-01T12:10:00Z'));
    await repos.conversations.save({ ...newer, status: 'ended' });
    expect(await readAll(repos)).toMatchObject({ session: { language: 'sq' }, staff: { presence: 'off' }, contact: { region: 'fier' }, conversation: { id: 'v-old' } });
    release();
  });

  it.skipIf(skip)('never gives back what was read ahead of a person who erased their data', async () => {
    const release = await firstReads(test.db.sql)(keys);
    await createEraser(test.db, fakeClock(), (runId, subject) => `${runId}:${subject}`).erase('c-a', keys.chatKey);
    const repos = repositories(test.db.sql);
    expect(await repos.sessions.read(keys.chatKey)).toBeUndefined();
    expect(await repos.contacts.findByIdHash(keys.idHash)).toBeUndefined();
    expect(await repos.conversations.latestActive('c-a')).toBeUndefined();
    release();
  });

  it.skipIf(skip)('holds nothing once released: a change made after the update is read', async () => {
    const release = await firstReads(test.db.sql)(keys);
    release();
    await test.db.prisma.contact.updateMany({ where: { id: 'c-a' }, data: { region: 'vlore' } });
    expect(await repositories(test.db.sql).contacts.findByIdHash(keys.idHash)).toMatchObject({ region: 'vlore' });
  });

  describe('dates, in a process whose time zone is not UTC', () => {
    const zone = process.env.TZ;
    beforeEach(() => void (process.env.TZ = 'Asia/Tokyo'));
    afterEach(() => void (zone === undefined ? delete process.env.TZ : (process.env.TZ = zone)));

    it.skipIf(skip)('are stored as Prisma stores them and read back as the same instant', async () => {
      const written = new Date('2026-12-05T23:59:58.007Z');
      expect(await test.db.sql.execute('UPDATE "Contact" SET "lastSeenAt" = ? WHERE "id" = ?', [written, 'c-a'])).toBe(1);
      expect((await test.db.prisma.contact.findUniqueOrThrow({ where: { id: 'c-a' } })).lastSeenAt).toEqual(written);
      expect(await test.db.prisma.contact.count({ where: { lastSeenAt: { gte: written } } })).toBe(1);
      expect(await test.db.prisma.contact.count({ where: { lastSeenAt: { gt: written } } })).toBe(0);
      expect(await createContactRepository(test.db.prisma, test.db.sql).findByIdHash(keys.idHash)).toMatchObject({ lastSeenAt: written, firstSeenAt: at });
    });
  });
});
