import { OUTBOX_METHODS, type OutboxRow, type OutboxStore } from '../delivery/model.js';
import type { UraPrisma, UraTx } from './database.js';
import type { HotSql } from './hot-path.js';
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

/** `?, ?, ...` for `count` arguments. */
const marks = (count: number) => Array.from({ length: count }, () => '?').join(', ');

/**
 * The statements every message sent runs (finding what is due, leasing it, marking it
 * sent) go straight to the driver (hot-path.ts): a request for a person pages every
 * operator on call, a card each, and through Prisma each card cost about a millisecond
 * and a half of CPU in these alone (`npm run bench -- handoff`).
 */
export function createOutboxRepository(prisma: UraPrisma, sql: HotSql): OutboxStore {
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
        const heads = await sql.query<{ id: string }>(
          'SELECT MIN("id") AS "id" FROM "OutboxMessage" WHERE "status" = \'pending\' GROUP BY "chatKey" ORDER BY MIN("turnAt") ASC, MIN("id") ASC LIMIT ? OFFSET ?',
          [DUE_PAGE, skip],
        );
        const ids = heads.map((head) => head.id);
        const headRows = ids.length === 0 ? [] : await sql.query<Row>(`SELECT * FROM "OutboxMessage" WHERE "id" IN (${marks(ids.length)})`, ids);
        const rows = new Map(headRows.map((row) => [row.id, row]));
        for (const id of ids) {
          const row = rows.get(id);
          if (row && isDue(row, now) && found.size < limit) found.set(row.id, row);
        }
        if (heads.length < DUE_PAGE) break;
      }
      return [...found.values()].map(toRow);
    },
    async next(chatKey, now, limit) {
      const rows = await sql.query<Row>('SELECT * FROM "OutboxMessage" WHERE "chatKey" = ? AND "status" = \'pending\' ORDER BY "id" ASC LIMIT ?', [chatKey, limit]);
      // In order, up to the first that is not due: the chat's order is never overtaken.
      const due = rows.findIndex((row) => !isDue(row, now));
      return (due === -1 ? rows : rows.slice(0, due)).map(toRow);
    },
    async lease(id, now, until) {
      // Only a pending row: a held one (its person has not written yet) is never taken, so never sent.
      const changed = await sql.execute('UPDATE "OutboxMessage" SET "leaseUntil" = ? WHERE "id" = ? AND "status" = \'pending\' AND ("leaseUntil" IS NULL OR "leaseUntil" <= ?)', [until, id, now]);
      return changed === 1;
    },
    // A row deleted meanwhile (its person left) is simply gone.
    sent: async (id, messageId, at) =>
      void (await sql.execute('UPDATE "OutboxMessage" SET "status" = \'sent\', "sentMessageId" = ?, "sentAt" = ?, "leaseUntil" = NULL WHERE "id" = ?', [messageId, at, id])),
    retry: async (id, notBefore, error) => void (await prisma.outboxMessage.updateMany({ where: { id }, data: { notBefore, error, leaseUntil: null, attempts: { increment: 1 } } })),
    postpone: async (id, notBefore) => void (await prisma.outboxMessage.updateMany({ where: { id }, data: { notBefore, leaseUntil: null } })),
    failed: async (id, error) => void (await prisma.outboxMessage.updateMany({ where: { id }, data: { status: 'failed', error, leaseUntil: null } })),
    async about(topic, purposes) {
      if (purposes.length === 0) return [];
      const rows = await sql.query<Row>(`SELECT * FROM "OutboxMessage" WHERE "topic" = ? AND "purpose" IN (${marks(purposes.length)}) ORDER BY "id" ASC`, [topic, ...purposes]);
      return rows.map(toRow);
    },
    async oldestPending() {
      return (await prisma.outboxMessage.findFirst({ where: { status: 'pending' }, orderBy: { id: 'asc' }, select: { createdAt: true } }))?.createdAt;
    },
    drop: async (id) => void (await prisma.outboxMessage.deleteMany({ where: { id } })),
    forget: async (recipientId) => void (await prisma.outboxMessage.deleteMany({ where: { recipientId, status: { in: WAITING } } })),
  };
}
