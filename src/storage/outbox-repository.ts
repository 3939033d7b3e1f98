import { OUTBOX_METHODS, type OutboxRow, type OutboxStore } from '../delivery/model.js';
import type { UraPrisma, UraTx } from './database.js';
import { isUniqueViolation } from './prisma-errors.js';
import { storedOneOf } from './stored-values.js';

type Row = Awaited<ReturnType<UraPrisma['outboxMessage']['findUniqueOrThrow']>>;

const toRow = (row: Row): OutboxRow => ({
  ...row,
  // Every row has one since the general outbox (older ones were given theirs by the migration).
  purpose: row.purpose ?? '',
  method: storedOneOf(OUTBOX_METHODS, row.method, 'sendMessage'),
  status: row.status === 'sent' || row.status === 'failed' || row.status === 'held' ? row.status : 'pending',
});

/**
 * Inserts the rows whose dedupe key is not stored yet, in one statement. On
 * PostgreSQL a failed statement aborts the transaction around it, so the check is
 * a read first; the unique index still decides a race between two writers.
 */
export async function insertOutbox(tx: UraTx, rows: OutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  const keys = rows.map((row) => row.dedupeKey);
  const known = new Set((await tx.outboxMessage.findMany({ where: { dedupeKey: { in: keys } }, select: { dedupeKey: true } })).map((row) => row.dedupeKey));
  const fresh = rows.filter((row, index) => !known.has(row.dedupeKey) && keys.indexOf(row.dedupeKey) === index);
  if (fresh.length > 0) await tx.outboxMessage.createMany({ data: fresh });
}

/** Rows still to go out: those being sent and those held until their area releases them. */
export const WAITING = ['pending', 'held'];

/** How many chats `due` looks at in one query. */
const DUE_PAGE = 100;

const isDue = (row: Row, now: Date) => row.notBefore <= now && (row.leaseUntil === null || row.leaseUntil <= now);

export function createOutboxRepository(prisma: UraPrisma): OutboxStore {
  return {
    async enqueue(rows) {
      // Two writers racing on a dedupe key (two processes paging one case): the loser's
      // batch is rolled back whole, so it is tried again, now skipping what the other stored.
      for (let attempt = 1; ; attempt++) {
        try {
          return await prisma.$transaction((tx) => insertOutbox(tx, rows));
        } catch (error) {
          if (!isUniqueViolation(error) || attempt === 3) throw error;
        }
      }
    },
    async due(now, limit) {
      // The chats by their earliest turn (a card behind an announcement in the same chat brings
      // the chat forward, and goes right after it), a page at a time, until `limit` of them have
      // their oldest pending message due and free: a chat whose first one is not due waits whole.
      const found = new Map<string, Row>();
      for (let skip = 0; found.size < limit; skip += DUE_PAGE) {
        const heads = await prisma.outboxMessage.groupBy({
          by: ['chatKey'],
          where: { status: 'pending' },
          _min: { id: true, turnAt: true },
          orderBy: [{ _min: { turnAt: 'asc' } }, { _min: { id: 'asc' } }],
          skip,
          take: DUE_PAGE,
        });
        const ids = heads.flatMap((head) => (head._min.id ? [head._min.id] : []));
        const rows = new Map((await prisma.outboxMessage.findMany({ where: { id: { in: ids } } })).map((row) => [row.id, row]));
        for (const id of ids) {
          const row = rows.get(id);
          if (row && isDue(row, now) && found.size < limit) found.set(row.id, row);
        }
        if (heads.length < DUE_PAGE) break;
      }
      return [...found.values()].map(toRow);
    },
    async next(chatKey, now, limit) {
      const rows = await prisma.outboxMessage.findMany({ where: { chatKey, status: 'pending' }, orderBy: { id: 'asc' }, take: limit });
      // In order, up to the first that is not due: the chat's order is never overtaken.
      const due = rows.findIndex((row) => !isDue(row, now));
      return (due === -1 ? rows : rows.slice(0, due)).map(toRow);
    },
    async lease(id, now, until) {
      // Only a pending row: a held one (its person has not written yet) is never taken, so never sent.
      const { count } = await prisma.outboxMessage.updateMany({
        where: { id, status: 'pending', OR: [{ leaseUntil: null }, { leaseUntil: { lte: now } }] },
        data: { leaseUntil: until },
      });
      return count === 1;
    },
    // By updateMany: a row deleted meanwhile (its person left) is simply gone.
    sent: async (id, messageId, at) => void (await prisma.outboxMessage.updateMany({ where: { id }, data: { status: 'sent', sentMessageId: messageId, sentAt: at, leaseUntil: null } })),
    retry: async (id, notBefore, error) => void (await prisma.outboxMessage.updateMany({ where: { id }, data: { notBefore, error, leaseUntil: null, attempts: { increment: 1 } } })),
    postpone: async (id, notBefore) => void (await prisma.outboxMessage.updateMany({ where: { id }, data: { notBefore, leaseUntil: null } })),
    failed: async (id, error) => void (await prisma.outboxMessage.updateMany({ where: { id }, data: { status: 'failed', error, leaseUntil: null } })),
    async about(topic, purposes) {
      return (await prisma.outboxMessage.findMany({ where: { topic, purpose: { in: [...purposes] } }, orderBy: { id: 'asc' } })).map(toRow);
    },
    async oldestPending() {
      return (await prisma.outboxMessage.findFirst({ where: { status: 'pending' }, orderBy: { id: 'asc' }, select: { createdAt: true } }))?.createdAt;
    },
    drop: async (id) => void (await prisma.outboxMessage.deleteMany({ where: { id } })),
    forget: async (recipientId) => void (await prisma.outboxMessage.deleteMany({ where: { recipientId, status: { in: WAITING } } })),
  };
}
