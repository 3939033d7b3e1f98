import { CARD_PURPOSES } from '../helpline/handoff/model.js';
import { ABANDONED, CASE_ACTIVITY, FORGOTTEN_CONTACT, type RetentionStore } from '../helpline/retention.js';
import type { Database } from './database.js';
import { countAndDeleteConversations, forgetCases } from './forgetting.js';
import { eventRow } from './handoff-repository.js';
import { WAITING } from './outbox-repository.js';

export function createRetentionRepository(database: Pick<Database, 'prisma' | 'scrub'>): RetentionStore {
  const { prisma } = database;
  return {
    async purge({ now, cutoff, messagesBefore }) {
      const result = await prisma.$transaction(async (tx) => {
        // Open cases nobody has written in or acted on since the cutoff: abandoned.
        const stale = (
          await tx.helpCase.findMany({
            where: {
              status: { in: ['pending', 'active'] },
              createdAt: { lt: cutoff },
              AND: [{ OR: [{ claimedAt: null }, { claimedAt: { lt: cutoff } }] }, { OR: [{ chatEndedAt: null }, { chatEndedAt: { lt: cutoff } }] }],
            },
            select: { id: true },
          })
        ).map((row) => row.id);
        const alive = new Set([
          ...(await tx.caseMessage.findMany({ where: { caseId: { in: stale }, createdAt: { gte: cutoff } }, select: { caseId: true } })).map((row) => row.caseId),
          ...(await tx.caseEvent.findMany({ where: { caseId: { in: stale }, at: { gte: cutoff }, action: { in: [...CASE_ACTIVITY] } }, select: { caseId: true } })).map((row) => row.caseId),
        ]);
        const abandoned = stale.filter((id) => !alive.has(id));
        if (abandoned.length > 0) {
          await tx.helpCase.updateMany({ where: { id: { in: abandoned }, chatEndedAt: null }, data: { chatEndedAt: now } });
          await tx.helpCase.updateMany({ where: { id: { in: abandoned } }, data: { status: 'closed', closedAt: now, outcome: ABANDONED, escalateAt: null } });
          await tx.operator.updateMany({ where: { activeCaseId: { in: abandoned } }, data: { activeCaseId: null } });
          await tx.caseEvent.createMany({ data: abandoned.map((caseId) => eventRow({ caseId, action: 'closed', operatorId: null, detail: ABANDONED, at: now })) });
        }

        // Cases closed a whole retention period ago, and those just abandoned: only their statistics stay.
        const expired = (await tx.helpCase.findMany({ where: { status: 'closed', closedAt: { lt: cutoff }, contactId: { not: FORGOTTEN_CONTACT } }, select: { id: true } })).map((row) => row.id);
        const forgotten = await forgetCases(tx, [...expired, ...abandoned]);

        // Conversations untouched since the cutoff, unless a case still remembered came from one.
        const needed = (await tx.helpCase.findMany({ where: { contactId: { not: FORGOTTEN_CONTACT }, conversationId: { not: null } }, select: { conversationId: true } })).flatMap((row) =>
          row.conversationId ? [row.conversationId] : [],
        );
        const old = (await tx.conversation.findMany({ where: { updatedAt: { lt: cutoff }, id: { notIn: needed } }, select: { id: true } })).map((row) => row.id);
        const conversations = await countAndDeleteConversations(tx, old);

        // Contacts idle since the cutoff that have nothing left: no conversation, no remembered case.
        const idle = (await tx.contact.findMany({ where: { lastSeenAt: { lt: cutoff } }, select: { id: true } })).map((c) => c.id);
        const inUse = new Set([
          ...(await tx.conversation.findMany({ where: { contactId: { in: idle } }, select: { contactId: true } })).map((c) => c.contactId),
          ...(await tx.helpCase.findMany({ where: { contactId: { in: idle } }, select: { contactId: true } })).map((c) => c.contactId),
        ]);
        const contacts = (await tx.contact.deleteMany({ where: { id: { in: idle.filter((id) => !inUse.has(id)) } } })).count;
        const messages = (await tx.chatMessage.deleteMany({ where: { sentAt: { lt: messagesBefore } } })).count;
        const sessions = (await tx.chatSession.deleteMany({ where: { updatedAt: { lt: cutoff } } })).count;
        // Delivered or given-up messages carry what was said (held ones wait for their person, however long); only the cards of open cases are still needed.
        // Anything older than the retention period goes whatever its state (a message that could never be sent).
        const open = (await tx.helpCase.findMany({ where: { status: { not: 'closed' } }, select: { id: true } })).map((c) => c.id);
        const delivered = (
          await tx.outboxMessage.deleteMany({
            where: {
              OR: [
                { status: { notIn: WAITING }, createdAt: { lt: messagesBefore }, OR: [{ purpose: null }, { purpose: { notIn: [...CARD_PURPOSES] } }, { topic: null }, { topic: { notIn: open } }] },
                { createdAt: { lt: cutoff } },
              ],
            },
          })
        ).count;
        return {
          conversations,
          contacts,
          messages,
          sessions,
          abandoned: abandoned.length,
          cases: forgotten.cases,
          transcripts: forgotten.transcripts,
          deliveries: forgotten.deliveries + delivered,
        };
      });
      await database.scrub();
      return result;
    },
  };
}
