import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactStore } from '../../src/helpline/contacts.js';
import { createContactRepository } from '../../src/storage/contact-repository.js';
import { createSessionRepository, type SessionStore } from '../../src/storage/session-repository.js';
import { parseSession, type SessionData } from '../../src/transport/telegram/context.js';
import { fakeClock } from '../support/clock.js';
import { PROVIDERS_UNDER_TEST, type TestDatabase } from '../support/database.js';

// The same contract on every provider: what SQLite does, PostgreSQL must do too.
describe.each(PROVIDERS_UNDER_TEST)('repository contract on $name', ({ open, skip }) => {
  let test: TestDatabase;
  let contacts: ContactStore;
  let sessions: SessionStore<SessionData>;
  const clock = fakeClock('2026-05-01T10:00:00.000Z');

  beforeAll(async () => {
    if (skip) return;
    test = await open();
    contacts = createContactRepository(test.db.prisma, test.db.sql);
    sessions = createSessionRepository(test.db.sql, clock, parseSession);
  });
  afterAll(async () => test?.dispose());

  describe.skipIf(skip)('contacts', () => {
    it('creates a contact on the first visit and keeps its first-seen time on later ones', async () => {
      const first = await contacts.upsert({ id: 'c-1', idHash: 'hash-1', chatCipher: 'sealed-a', language: 'sq', at: new Date('2026-05-01T10:00:00Z') });
      const again = await contacts.upsert({ id: 'c-ignored', idHash: 'hash-1', chatCipher: 'sealed-b', language: 'en', at: new Date('2026-05-02T11:30:00Z') });
      expect(first).toEqual({ id: 'c-1', language: 'sq', source: null, region: null, firstSeenAt: new Date('2026-05-01T10:00:00Z'), lastSeenAt: new Date('2026-05-01T10:00:00Z') });
      expect(again).toEqual({ id: 'c-1', language: 'en', source: null, region: null, firstSeenAt: new Date('2026-05-01T10:00:00Z'), lastSeenAt: new Date('2026-05-02T11:30:00Z') });
      expect((await test.db.prisma.contact.findUniqueOrThrow({ where: { id: 'c-1' } })).chatCipher).toBe('sealed-b');
    });

    it('finds by hash and returns nothing for strangers', async () => {
      expect((await contacts.findByIdHash('hash-1'))?.id).toBe('c-1');
      expect(await contacts.findByIdHash('hash-unknown')).toBeUndefined();
    });

    it('keeps millisecond precision of times', async () => {
      const at = new Date('2026-05-03T08:15:42.123Z');
      expect((await contacts.upsert({ id: 'c-ms', idHash: 'hash-ms', chatCipher: 'x', language: 'sq', at })).lastSeenAt).toEqual(at);
    });

    it('keeps one contact when the same person arrives twice at once', async () => {
      const visits = await Promise.allSettled(['a', 'b', 'c'].map((suffix) => contacts.upsert({ id: `c-race-${suffix}`, idHash: 'hash-race', chatCipher: suffix, language: 'sq', at: clock.now() })));
      const created = visits.filter((visit) => visit.status === 'fulfilled').map((visit) => visit.value.id);
      expect(created.length).toBeGreaterThan(0);
      expect(new Set(created).size).toBe(1);
    });
  });

  describe.skipIf(skip)('sessions', () => {
    it('reads what was written, replaces it, and forgets it on delete', async () => {
      expect(await sessions.read('chat-a')).toBeUndefined();
      await sessions.write('chat-a', { language: 'en' });
      expect(await sessions.read('chat-a')).toEqual({ language: 'en' });
      await sessions.write('chat-a', {});
      expect(await sessions.read('chat-a')).toEqual({});
      await sessions.delete('chat-a');
      await sessions.delete('chat-a');
      expect(await sessions.read('chat-a')).toBeUndefined();
    });

    it('records the time of the last change and skips writing an unchanged session', async () => {
      await sessions.write('chat-t', { language: 'sq' });
      const changedAt = clock.now();
      clock.advance(60_000);
      await sessions.read('chat-t');
      await sessions.write('chat-t', { language: 'sq' });
      const row = await test.db.prisma.chatSession.findUnique({ where: { key: 'chat-t' } });
      expect(row?.updatedAt).toEqual(changedAt);
      await sessions.read('chat-t');
      await sessions.write('chat-t', { language: 'en' });
      expect((await test.db.prisma.chatSession.findUnique({ where: { key: 'chat-t' } }))?.updatedAt).toEqual(clock.now());
      expect(await sessions.read('chat-t')).toEqual({ language: 'en' });
    });

    it('starts afresh instead of failing when stored state is unreadable', async () => {
      await test.db.prisma.chatSession.create({ data: { key: 'chat-bad', value: '{ not json', updatedAt: clock.now() } });
      await test.db.prisma.chatSession.create({ data: { key: 'chat-odd', value: '{"language":"xx"}', updatedAt: clock.now() } });
      expect(await sessions.read('chat-bad')).toBeUndefined();
      expect(await sessions.read('chat-odd')).toBeUndefined();
    });
  });
});
