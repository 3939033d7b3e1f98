import type { HelpCase } from '../helpline/cases.js';
import type { OutboxRow } from '../delivery/model.js';
import { CARD_PURPOSES, CASE_AUTHORS, PURPOSES, type CaseEvent, type CaseMessage, type CaseStep, type HandoffStore } from '../helpline/handoff/model.js';
import { sequentialId } from '../shared/sequence.js';
import type { HotSql } from './hot-path.js';
import type { UraPrisma, UraTx } from './database.js';
import { createCaseRepository, toCase } from './helpline-repositories.js';
import { insertOutbox, WAITING } from './outbox-repository.js';
import { isUniqueViolation } from './prisma-errors.js';
import { storedOneOf } from './stored-values.js';

type MessageRow = Awaited<ReturnType<UraPrisma['caseMessage']['findUniqueOrThrow']>>;

const toMessage = (row: MessageRow): CaseMessage => ({ ...row, author: storedOneOf(CASE_AUTHORS, row.author, 'note') });

/** Only the columns a change names; the summary is stored as JSON. */
function changesOf(changes: Partial<HelpCase>) {
  const { summary, ...rest } = changes;
  const row = summary === undefined ? rest : { ...rest, summary: JSON.stringify(summary) };
  return Object.fromEntries(Object.entries(row).filter(([, value]) => value !== undefined));
}

/** An audit line as it is stored: its id sorts in the order the lines were written. */
export const eventRow = (event: CaseEvent) => ({ id: sequentialId(event.at), ...event });

/**
 * Whether the case holds the team's messages to its person, decided in the
 * transaction that writes them: a no-op update, so that on PostgreSQL it locks the
 * case against a concurrent `release` (which clears the hold first), and a message is
 * never held after the person already wrote.
 */
async function holdsFor(tx: UraTx, caseId: string): Promise<boolean> {
  return (await tx.helpCase.updateMany({ where: { id: caseId, holdUntilPersonWrites: true }, data: { holdUntilPersonWrites: true } })).count === 1;
}

/** The rows of a step of `caseId`: those to its person held when the case holds them. */
async function heldIfAsked(tx: UraTx, caseId: string, rows: OutboxRow[]): Promise<OutboxRow[]> {
  const toPerson = (row: OutboxRow) => row.recipientId !== null && row.topic === caseId;
  if (!rows.some(toPerson)) return rows;
  if (!(await holdsFor(tx, caseId))) return rows;
  return rows.map((row) => (toPerson(row) && row.status === 'pending' ? { ...row, status: 'held' } : row));
}

export function createHandoffRepository(prisma: UraPrisma, sql: HotSql): HandoffStore {
  /** One attempt at a step, in one transaction. */
  const commitOnce = (step: CaseStep) =>
    prisma.$transaction(async (tx) => {
      const where = { id: step.caseId, ...step.expected };
      const data = changesOf(step.changes);
      // The conditional update decides (it waits for, then re-reads, a concurrent one); a step without changes only checks.
      const matched = Object.keys(data).length > 0 ? (await tx.helpCase.updateMany({ where, data })).count : await tx.helpCase.count({ where });
      if (matched !== 1) return false;
      for (const seat of step.activeCase ?? []) {
        await tx.operator.updateMany({ where: { id: seat.operatorId, ...(seat.onlyIf ? { activeCaseId: seat.onlyIf } : {}) }, data: { activeCaseId: seat.caseId } });
      }
      if (step.events?.length) await tx.caseEvent.createMany({ data: step.events.map(eventRow) });
      if (step.retiredCards?.length) await tx.outboxMessage.updateMany({ where: { id: { in: step.retiredCards }, purpose: PURPOSES.card }, data: { purpose: PURPOSES.retired } });
      if (step.relayed?.ids.length) await tx.caseMessage.updateMany({ where: { id: { in: step.relayed.ids } }, data: { relayedAt: step.relayed.at } });
      if (step.forget) {
        await tx.outboxMessage.deleteMany({
          where: { status: { in: WAITING }, OR: [{ recipientId: step.forget.contactId }, { topic: step.caseId, purpose: { in: [...CARD_PURPOSES] } }] },
        });
      }
      await insertOutbox(tx, await heldIfAsked(tx, step.caseId, step.outgoing ?? []));
      return true;
    });

  return {
    async byId(id) {
      const row = await prisma.helpCase.findUnique({ where: { id } });
      return row ? toCase(row) : undefined;
    },
    async byCode(code) {
      const row = await prisma.helpCase.findUnique({ where: { code } });
      return row ? toCase(row) : undefined;
    },
    async open() {
      return (await prisma.helpCase.findMany({ where: { status: { in: ['pending', 'active'] } }, orderBy: { createdAt: 'asc' } })).map(toCase);
    },
    liveFor: createCaseRepository(prisma, sql).liveFor,
    async needingAttention(now) {
      const rows = await prisma.helpCase.findMany({
        where: { status: 'pending', OR: [{ pagedAt: null }, { escalateAt: { lte: now } }] },
        orderBy: { createdAt: 'asc' },
      });
      return rows.map(toCase);
    },
    async openOf(contactId) {
      const rows = await prisma.helpCase.findMany({ where: { contactId, status: { in: ['pending', 'active'] }, leftAt: null }, orderBy: { createdAt: 'asc' } });
      return rows.map(toCase);
    },
    async commit(step) {
      // Two steps racing to store the same delivery (a relay both a claim and the person's
      // message catch up on): the loser is rolled back whole and tried again, then skips it.
      for (let attempt = 1; ; attempt++) {
        try {
          return await commitOnce(step);
        } catch (error) {
          if (!isUniqueViolation(error) || attempt === 3) throw error;
        }
      }
    },
    async addMessage(message, outgoing) {
      return prisma.$transaction(async (tx) => {
        // A redelivered update carries the same message id: stored once, relayed once.
        if (message.messageId !== null) {
          const known = await tx.caseMessage.findFirst({ where: { caseId: message.caseId, author: message.author, messageId: message.messageId }, select: { id: true } });
          if (known) return false;
        }
        await tx.caseMessage.create({ data: message });
        await insertOutbox(tx, await heldIfAsked(tx, message.caseId, outgoing));
        return true;
      });
    },
    async transcript(caseId) {
      return (await prisma.caseMessage.findMany({ where: { caseId }, orderBy: { id: 'asc' } })).map(toMessage);
    },
    async release(contactId, now) {
      // Asked when a person who chose to be written to only after they write does so.
      if ((await prisma.helpCase.count({ where: { contactId, holdUntilPersonWrites: true } })) === 0) return 0;
      return prisma.$transaction(async (tx) => {
        // The cases first: a step writing to this person waits for this (see `holdsFor`), then finds the hold gone.
        await tx.helpCase.updateMany({ where: { contactId, holdUntilPersonWrites: true }, data: { holdUntilPersonWrites: false } });
        return (await tx.outboxMessage.updateMany({ where: { recipientId: contactId, status: 'held' }, data: { status: 'pending', notBefore: now } })).count;
      });
    },
  };
}
