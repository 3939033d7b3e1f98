import { AGE_BANDS, CASE_STATUSES, type CaseStore, type CaseSummary, type HelpCase } from '../helpline/cases.js';
import { COUNTRY_CHOICES } from '../helpline/countries.js';
import type { Conversation, ConversationStore } from '../helpline/conversations.js';
import type { MessageLog } from '../helpline/message-log.js';
import { RISK_LEVELS, type RiskLevel } from '../flows/scoring.js';
import { flowStateSchema } from '../flows/state.js';
import type { Clock } from '../shared/clock.js';
import type { RespondentKey } from '../surveys/respondent.js';
import type { Database, UraPrisma } from './database.js';
import { type HotSql, readAheadOr } from './hot-path.js';
import { countAndDeleteConversations, forgetCases } from './forgetting.js';
import { isUniqueViolation } from './prisma-errors.js';
import { storedOneOf } from './stored-values.js';
import { deleteResponsesInProgress } from './survey-repository.js';

const level = (value: string | null): RiskLevel | null => RISK_LEVELS.find((candidate) => candidate === value) ?? null;

type ConversationRow = Awaited<ReturnType<UraPrisma['conversation']['findUniqueOrThrow']>>;

/** A row whose state cannot be read is never half-used: it reads as no conversation. */
function toConversation(row: ConversationRow): Conversation | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(row.state);
  } catch {
    return undefined;
  }
  const state = flowStateSchema.safeParse(raw);
  if (!state.success) return undefined;
  return {
    id: row.id,
    contactId: row.contactId,
    flowId: row.flowId,
    flowVersion: row.flowVersion,
    language: row.language,
    state: state.data,
    status: row.status === 'ended' ? 'ended' : 'active',
    level: level(row.level),
    outcome: row.outcome,
    reachedPerson: row.reachedPerson,
    startedAt: row.startedAt,
    updatedAt: row.updatedAt,
  };
}

const conversationRow = (c: Conversation) => ({
  contactId: c.contactId,
  flowId: c.flowId,
  flowVersion: c.flowVersion,
  language: c.language,
  state: JSON.stringify(c.state),
  status: c.status,
  level: c.level,
  outcome: c.outcome,
  reachedPerson: c.reachedPerson,
  startedAt: c.startedAt,
  updatedAt: c.updatedAt,
});

export function createConversationRepository(prisma: UraPrisma, sql: HotSql): ConversationStore {
  return {
    create: async (c) => (sql.ahead.drop('conversation', c.contactId), void (await prisma.conversation.create({ data: { id: c.id, ...conversationRow(c) } }))),
    // Saved and read on every answer: SQL straight to the driver (see hot-path.ts).
    async save(c) {
      sql.ahead.drop('conversation', c.contactId);
      const row = conversationRow(c);
      const changed = await sql.execute(
        'UPDATE "Conversation" SET "contactId" = ?, "flowId" = ?, "flowVersion" = ?, "language" = ?, "state" = ?, "status" = ?, "level" = ?, "outcome" = ?, "reachedPerson" = ?, "startedAt" = ?, "updatedAt" = ? WHERE "id" = ?',
        [row.contactId, row.flowId, row.flowVersion, row.language, row.state, row.status, row.level, row.outcome, row.reachedPerson, row.startedAt, row.updatedAt, c.id],
      );
      if (changed !== 1) throw new Error(`conversation ${c.id} is no longer stored`);
    },
    async get(id) {
      const row = await prisma.conversation.findUnique({ where: { id } });
      return row ? toConversation(row) : undefined;
    },
    async latestActive(contactId) {
      const [row] = await readAheadOr<ConversationRow>(
        sql,
        'conversation',
        contactId,
        'SELECT * FROM "Conversation" WHERE "contactId" = ? AND "status" = \'active\' ORDER BY "updatedAt" DESC LIMIT 1',
        [contactId],
      );
      return row ? toConversation(row) : undefined;
    },
  };
}

type CaseRow = Awaited<ReturnType<UraPrisma['helpCase']['findUniqueOrThrow']>>;

const caseSummary = (json: string): CaseSummary => {
  const value = JSON.parse(json) as Partial<CaseSummary>;
  return { flowId: value.flowId ?? null, reasons: value.reasons ?? [], answers: value.answers ?? {}, urgentWords: value.urgentWords ?? null };
};

export function toCase(row: CaseRow): HelpCase {
  const trigger = row.trigger === 'urgent' || row.trigger === 'consent' ? row.trigger : 'request';
  return {
    ...row,
    trigger,
    level: level(row.level) ?? 'INFO',
    summary: caseSummary(row.summary),
    ageBand: storedOneOf(AGE_BANDS, row.ageBand, 'unknown'),
    country: COUNTRY_CHOICES.find((country) => country === row.country) ?? null,
    status: storedOneOf(CASE_STATUSES, row.status, 'pending'),
  };
}

const caseRow = (c: HelpCase) => ({ ...c, summary: JSON.stringify(c.summary) });

export function createCaseRepository(prisma: UraPrisma, sql: HotSql): CaseStore {
  return {
    async open(c) {
      try {
        await prisma.helpCase.create({
          data: caseRow(c),
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async liveFor(contactId) {
      // Asked when a person starts over and when they ask for a person: SQL straight to the driver (see hot-path.ts).
      const [row] = await sql.query<CaseRow>(
        'SELECT * FROM "HelpCase" WHERE "contactId" = ? AND ("status" = \'pending\' OR ("status" = \'active\' AND "chatEndedAt" IS NULL)) ORDER BY "createdAt" DESC LIMIT 1',
        [contactId],
      );
      return row ? toCase(row) : undefined;
    },
    escalate: async (id, newLevel, summary) => void (await prisma.helpCase.update({ where: { id }, data: { level: newLevel, summary: JSON.stringify(summary) } })),
  };
}

export function createMessageLogRepository(prisma: UraPrisma, sql: HotSql): MessageLog {
  return {
    // One INSERT per message, and nothing around it: this runs for every message in and
    // out (SQL straight to the driver, see hot-path.ts). A repeated id (Telegram
    // redelivering an update) is already recorded, and is left as it is.
    async record(contactId, messageIds, at) {
      for (const messageId of messageIds) {
        await sql.execute('INSERT INTO "ChatMessage" ("contactId", "messageId", "sentAt") VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [contactId, messageId, at]);
      }
    },
    async since(contactId, from) {
      const rows = await prisma.chatMessage.findMany({ where: { contactId, sentAt: { gte: from } }, orderBy: { messageId: 'asc' }, select: { messageId: true } });
      return rows.map((row) => row.messageId);
    },
    forget: async (contactId) => void (await prisma.chatMessage.deleteMany({ where: { contactId } })),
  };
}

/**
 * What /delete promises, in one transaction: everything linked to the person goes
 * (their contact, conversations, session, message ids, survey answers still in
 * progress, and every message to or from their chat or about their cases, in either
 * direction), and their cases are forgotten down to the anonymous statistics. A
 * waiting case leaves the queue (no one is left to answer); a case an operator holds
 * stays with them, to be closed with an outcome. Survey responses they completed name
 * nobody (see SurveyResponse) and stay. Then the deleted data is made unreadable in
 * the database files. `respondentKey`: how the surveys key a contact's responses in progress.
 */
export function createEraser(database: Pick<Database, 'prisma' | 'sql' | 'scrub'>, clock: Clock, respondentKey: RespondentKey): { erase(contactId: string, chatKey: string): Promise<void> } {
  return {
    async erase(contactId, chatKey) {
      const now = clock.now();
      // Nothing read ahead of this update may come back after it.
      const { ahead } = database.sql;
      ahead.drop('session', chatKey);
      ahead.drop('conversation', contactId);
      ahead.dropWhere('contact', (row) => row.id === contactId);
      await database.prisma.$transaction(async (tx) => {
        const cases = (await tx.helpCase.findMany({ where: { contactId }, select: { id: true } })).map((row) => row.id);
        await tx.helpCase.updateMany({ where: { id: { in: cases }, status: 'pending' }, data: { status: 'closed', closedAt: now, chatEndedAt: now, escalateAt: null } });
        await forgetCases(tx, cases, { keepLeftNotices: true });
        await tx.outboxMessage.deleteMany({ where: { OR: [{ recipientId: contactId }, { chatKey }] } });
        await tx.chatMessage.deleteMany({ where: { contactId } });
        await countAndDeleteConversations(
          tx,
          (await tx.conversation.findMany({ where: { contactId }, select: { id: true } })).map((row) => row.id),
        );
        await deleteResponsesInProgress(tx, contactId, respondentKey);
        await tx.chatSession.deleteMany({ where: { key: chatKey } });
        await tx.contact.deleteMany({ where: { id: contactId } });
      });
      await database.scrub();
    },
  };
}
