import { FORGOTTEN_CONTACT } from '../helpline/retention.js';
import type { UraTx } from './database.js';

const month = (at: Date) => at.toISOString().slice(0, 7);

/**
 * How the handoff keys the notice that tells an operator the person left (`left:<case id>`).
 * /delete queues it just before the erase, and it names only the case code: kept while
 * still to be sent, so that the operator learns the person is gone.
 */
export const LEFT_NOTICE_KEY = 'left:';

/**
 * Forgets cases, keeping only what the statistics count (month, level, language,
 * age band, source, trigger, status, outcome, referral and times): what was said,
 * every outbox message of the case in either direction (relayed words, copies that
 * name the person's chat, briefings and cards), the conversation it came from, the
 * summary with the answers, the country the person said they are in, and the link
 * to the person. The audit trail stays: it
 * names operators and actions, never the person or what they said. `keepLeftNotices`:
 * the operator's "the person left" notice still to be sent stays.
 */
export async function forgetCases(tx: UraTx, ids: string[], options: { keepLeftNotices?: boolean } = {}): Promise<{ cases: number; transcripts: number; deliveries: number }> {
  if (ids.length === 0) return { cases: 0, transcripts: 0, deliveries: 0 };
  const transcripts = (await tx.caseMessage.deleteMany({ where: { caseId: { in: ids } } })).count;
  const keep = options.keepLeftNotices ? { NOT: { status: 'pending', dedupeKey: { startsWith: LEFT_NOTICE_KEY } } } : {};
  const deliveries = (await tx.outboxMessage.deleteMany({ where: { topic: { in: ids }, ...keep } })).count;
  const conversations = (await tx.helpCase.findMany({ where: { id: { in: ids } }, select: { conversationId: true } })).flatMap((row) => (row.conversationId ? [row.conversationId] : []));
  await tx.conversation.deleteMany({ where: { id: { in: conversations } } });
  const cases = (await tx.helpCase.updateMany({ where: { id: { in: ids } }, data: { contactId: FORGOTTEN_CONTACT, conversationId: null, summary: '{}', country: null } })).count;
  return { cases, transcripts, deliveries };
}

/**
 * Deletes conversations, first adding those that never reached a person to the
 * anonymous counts by month, flow, language, level and campaign source (those that
 * did are counted as cases). Returns how many were deleted.
 */
export async function countAndDeleteConversations(tx: UraTx, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const rows = await tx.conversation.findMany({
    where: { id: { in: ids } },
    select: { id: true, contactId: true, flowId: true, language: true, level: true, startedAt: true, reachedPerson: true },
  });
  const counted = rows.filter((row) => !row.reachedPerson);
  const contacts = [...new Set(counted.map((row) => row.contactId))];
  const sources = new Map((await tx.contact.findMany({ where: { id: { in: contacts } }, select: { id: true, source: true } })).map((c) => [c.id, c.source]));
  const counts = new Map<string, { month: string; flowId: string; language: string; level: string; source: string; count: number }>();
  for (const conversation of counted) {
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
  return (await tx.conversation.deleteMany({ where: { id: { in: rows.map((row) => row.id) } } })).count;
}
