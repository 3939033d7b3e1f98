import { afterEach, describe, expect, it } from 'vitest';
import { createRetention, DAY_MS, FORGOTTEN_CONTACT } from '../../src/helpline/retention.js';
import { createRetentionRepository } from '../../src/storage/retention-repository.js';
import { fakeClock } from '../support/clock.js';
import { PROVIDERS_UNDER_TEST, type TestDatabase } from '../support/database.js';

const NOW = new Date('2026-09-15T03:30:00Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * DAY_MS);

describe.each(PROVIDERS_UNDER_TEST)('retention on $name', ({ open, skip }) => {
  const opened: TestDatabase[] = [];
  afterEach(async () => {
    for (const test of opened.splice(0)) await test.dispose();
  });

  async function seed(test: TestDatabase) {
    const { prisma } = test.db;
    const contact = (id: string, lastSeen: number, source: string | null) =>
      prisma.contact.create({ data: { id, idHash: `h-${id}`, chatCipher: 'x', language: 'sq', source, firstSeenAt: daysAgo(90), lastSeenAt: daysAgo(lastSeen) } });
    const conversation = (id: string, contactId: string, updated: number, reachedPerson: boolean, level: string | null, flowId = 'helpline/self-check') =>
      prisma.conversation.create({
        data: {
          id,
          contactId,
          flowId,
          flowVersion: 1,
          language: 'sq',
          state: '{}',
          status: 'ended',
          level,
          outcome: null,
          reachedPerson,
          startedAt: new Date('2026-07-10T10:00:00Z'),
          updatedAt: daysAgo(updated),
        },
      });
    await contact('old', 40, 'poster_fier');
    await contact('helped', 40, null);
    await contact('recent', 2, null);
    await conversation('v-old-1', 'old', 40, false, 'CONCERN');
    await conversation('v-old-2', 'old', 35, false, 'CONCERN');
    await conversation('v-old-3', 'old', 31, false, null, 'helpline/check-an-offer');
    await conversation('v-helped', 'helped', 40, true, 'HIGH');
    await prisma.helpCase.create({
      data: {
        id: 'k',
        code: 'AB-CDE',
        contactId: 'helped',
        conversationId: 'v-helped',
        trigger: 'consent',
        level: 'HIGH',
        summary: '{"answers":{}}',
        language: 'sq',
        status: 'pending',
        createdAt: daysAgo(40),
      },
    });
    await prisma.helpCase.create({
      data: {
        id: 'closed',
        code: 'CD-EFG',
        contactId: 'helped',
        trigger: 'request',
        level: 'HIGH',
        summary: '{}',
        language: 'sq',
        status: 'closed',
        createdAt: daysAgo(45),
        closedAt: daysAgo(31),
        outcome: 'referred',
        referral: 'shelter',
      },
    });
    await prisma.caseMessage.createMany({
      data: [
        { id: 'm-closed', caseId: 'closed', author: 'person', kind: 'text', text: 'what I went through', messageId: 3, createdAt: daysAgo(40) },
        { id: 'm-open', caseId: 'k', author: 'person', kind: 'text', text: 'still waiting', messageId: 4, createdAt: daysAgo(2) },
      ],
    });
    const outbox = (id: string, status: string, age: number, extra: { purpose?: string; topic?: string } = {}) => ({
      id,
      chatKey: 'k',
      chatCipher: 'x',
      method: 'sendMessage',
      payload: '{"text":"words"}',
      dedupeKey: id,
      status,
      notBefore: daysAgo(age),
      turnAt: daysAgo(age),
      createdAt: daysAgo(age),
      ...extra,
    });
    await prisma.outboxMessage.createMany({
      data: [outbox('o-old-sent', 'sent', 3), outbox('o-new-sent', 'sent', 1), outbox('o-old-pending', 'pending', 3), outbox('o-card-open', 'sent', 3, { purpose: 'card', topic: 'k' })],
    });
    // Open cases untouched for 60 days: paging and escalation are Ura's own doing, an operator viewing the case is activity.
    await prisma.helpCase.createMany({
      data: [
        { id: 'paged-only', code: 'PG-AAA', contactId: 'helped', trigger: 'request', level: 'CONCERN', summary: '{"answers":{"q":"x"}}', language: 'sq', status: 'pending', createdAt: daysAgo(60) },
        {
          id: 'viewed',
          code: 'VW-BBB',
          contactId: 'helped',
          trigger: 'request',
          level: 'CONCERN',
          summary: '{}',
          language: 'sq',
          status: 'active',
          operatorId: 'op-1',
          claimedAt: daysAgo(60),
          createdAt: daysAgo(60),
        },
      ],
    });
    await prisma.caseEvent.createMany({
      data: [
        { id: 'e-1', caseId: 'paged-only', action: 'paged', operatorId: 'op-1', detail: 'match', at: daysAgo(1) },
        { id: 'e-2', caseId: 'paged-only', action: 'escalated', operatorId: null, detail: '3', at: daysAgo(1) },
        { id: 'e-3', caseId: 'viewed', action: 'viewed', operatorId: 'op-1', detail: null, at: daysAgo(1) },
      ],
    });
    await conversation('v-recent', 'recent', 2, false, 'INFO');
    await prisma.chatMessage.createMany({
      data: [
        { contactId: 'recent', messageId: 1, sentAt: daysAgo(3) },
        { contactId: 'recent', messageId: 2, sentAt: daysAgo(1) },
      ],
    });
    await prisma.chatSession.createMany({
      data: [
        { key: 'idle', value: '{}', updatedAt: daysAgo(31) },
        { key: 'busy', value: '{}', updatedAt: daysAgo(1) },
      ],
    });
  }

  it.skipIf(skip)('deletes what never reached a person after the retention period, keeping only anonymous counts', async () => {
    const test = await open();
    opened.push(test);
    await seed(test);
    const retention = createRetention({ store: createRetentionRepository(test.db), clock: fakeClock(NOW), days: 30 });
    expect(await retention.run()).toEqual({ conversations: 3, contacts: 1, messages: 1, sessions: 1, abandoned: 1, cases: 2, transcripts: 1, deliveries: 1 });

    const { prisma } = test.db;
    expect((await prisma.conversation.findMany({ orderBy: { id: 'asc' } })).map((c) => c.id)).toEqual(['v-helped', 'v-recent']);
    expect((await prisma.contact.findMany({ orderBy: { id: 'asc' } })).map((c) => c.id)).toEqual(['helped', 'recent']);
    expect((await prisma.chatMessage.findMany()).map((m) => m.messageId)).toEqual([2]);
    expect((await prisma.chatSession.findMany()).map((s) => s.key)).toEqual(['busy']);
    // A closed case keeps its outcome for the statistics, not what was said nor whose it was; an open one keeps everything.
    expect((await prisma.caseMessage.findMany()).map((m) => m.id)).toEqual(['m-open']);
    expect(await prisma.helpCase.findUnique({ where: { id: 'closed' } })).toMatchObject({ outcome: 'referred', referral: 'shelter', contactId: FORGOTTEN_CONTACT, summary: '{}' });
    expect(await prisma.helpCase.findUnique({ where: { id: 'k' } })).toMatchObject({ status: 'pending', contactId: 'helped', summary: '{"answers":{}}' });
    expect(await prisma.helpCase.findUnique({ where: { id: 'paged-only' } })).toMatchObject({ status: 'closed', outcome: 'abandoned', closedAt: NOW, contactId: FORGOTTEN_CONTACT, summary: '{}' });
    expect(await prisma.helpCase.findUnique({ where: { id: 'viewed' } })).toMatchObject({ status: 'active', contactId: 'helped' });
    expect((await prisma.caseEvent.findMany({ where: { caseId: 'paged-only', action: 'closed' } })).map((e) => [e.operatorId, e.detail])).toEqual([[null, 'abandoned']]);
    expect((await prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((o) => o.id)).toEqual(['o-card-open', 'o-new-sent', 'o-old-pending']);
    const counts = await prisma.usageCount.findMany({ orderBy: [{ flowId: 'asc' }, { level: 'asc' }] });
    expect(counts).toEqual([
      { month: '2026-07', flowId: 'helpline/check-an-offer', language: 'sq', level: 'NONE', source: 'poster_fier', count: 1 },
      { month: '2026-07', flowId: 'helpline/self-check', language: 'sq', level: 'CONCERN', source: 'poster_fier', count: 2 },
    ]);

    // A second run finds nothing more and counts nothing twice.
    expect(await retention.run()).toEqual({ conversations: 0, contacts: 0, messages: 0, sessions: 0, abandoned: 0, cases: 0, transcripts: 0, deliveries: 0 });
    expect((await prisma.usageCount.findMany()).reduce((sum, row) => sum + row.count, 0)).toBe(3);
  });
});
