import type { RetentionStore } from '../helpline/retention.js';
import type { UraPrisma } from './database.js';

const month = (at: Date) => at.toISOString().slice(0, 7);

export function createRetentionRepository(prisma: UraPrisma): RetentionStore {
  return {
    purge: (cutoff, messagesBefore) =>
      prisma.$transaction(async (tx) => {
        const expired = await tx.conversation.findMany({
          where: { reachedPerson: false, updatedAt: { lt: cutoff } },
          select: { id: true, contactId: true, flowId: true, language: true, level: true, startedAt: true },
        });
        const sources = new Map(
          (await tx.contact.findMany({ where: { id: { in: [...new Set(expired.map((c) => c.contactId))] } }, select: { id: true, source: true } })).map((c) => [
            c.id,
            c.source,
          ]),
        );
        const counts = new Map<string, { month: string; flowId: string; language: string; level: string; source: string; count: number }>();
        for (const conversation of expired) {
          const row = {
            month: month(conversation.startedAt),
            flowId: conversation.flowId,
            language: conversation.language,
            level: conversation.level ?? 'NONE',
            source: sources.get(conversation.contactId) ?? 'none',
          };
          const key = JSON.stringify(row);
          counts.set(key, { ...row, count: (counts.get(key)?.count ?? 0) + 1 });
        }
        for (const { count, ...id } of counts.values()) {
          await tx.usageCount.upsert({ where: { month_flowId_language_level_source: id }, create: { ...id, count }, update: { count: { increment: count } } });
        }
        const conversations = (await tx.conversation.deleteMany({ where: { id: { in: expired.map((c) => c.id) } } })).count;
        // Contacts idle since the cutoff that have nothing left: no conversation, no case.
        const stale = (await tx.contact.findMany({ where: { lastSeenAt: { lt: cutoff } }, select: { id: true } })).map((c) => c.id);
        const inUse = new Set([
          ...(await tx.conversation.findMany({ where: { contactId: { in: stale } }, select: { contactId: true } })).map((c) => c.contactId),
          ...(await tx.helpCase.findMany({ where: { contactId: { in: stale } }, select: { contactId: true } })).map((c) => c.contactId),
        ]);
        const contacts = (await tx.contact.deleteMany({ where: { id: { in: stale.filter((id) => !inUse.has(id)) } } })).count;
        const messages = (await tx.chatMessage.deleteMany({ where: { sentAt: { lt: messagesBefore } } })).count;
        const sessions = (await tx.chatSession.deleteMany({ where: { updatedAt: { lt: cutoff } } })).count;
        // What was said in cases closed a retention period ago; the case, its outcome and its audit trail stay.
        const closed = (await tx.helpCase.findMany({ where: { status: 'closed', closedAt: { lt: cutoff } }, select: { id: true } })).map((c) => c.id);
        const transcripts = (await tx.caseMessage.deleteMany({ where: { caseId: { in: closed } } })).count;
        // Delivered or given-up messages carry what was said; only the cards of open cases are still needed.
        const open = (await tx.helpCase.findMany({ where: { status: { not: 'closed' } }, select: { id: true } })).map((c) => c.id);
        const deliveries = (
          await tx.outboxMessage.deleteMany({
            where: { status: { not: 'pending' }, createdAt: { lt: messagesBefore }, OR: [{ purpose: null }, { caseId: null }, { caseId: { notIn: open } }] },
          })
        ).count;
        return { conversations, contacts, messages, sessions, transcripts, deliveries };
      }),
  };
}
