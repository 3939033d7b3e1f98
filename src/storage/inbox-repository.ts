import type { Update } from 'grammy/types';
import type { Clock } from '../shared/clock.js';
import type { IdentityProtector } from '../shared/crypto.js';
import type { UraPrisma } from './database.js';
import { isUniqueViolation } from './prisma-errors.js';

/** Fetched updates kept until handled, and the updates handled lately. */
export interface UpdateInbox {
  /** Keeps a fetched batch (whole or not at all); updates kept or handled before are left alone. */
  keep(updates: Update[]): Promise<void>;
  /** Kept updates not yet handled, oldest first. */
  waiting(): Promise<Update[]>;
  /** Whether this update was handled already (delivered again by Telegram, or kept before a crash). */
  handled(updateId: number): Promise<boolean>;
  /**
   * Records the update as handled unless it is already: true for the one caller that
   * recorded it, false for any other (another try of the same update, on another process).
   */
  claim(updateId: number): Promise<boolean>;
  /** Takes back a claim whose update could not be handled after all. */
  release(updateId: number): Promise<void>;
  /** Records the update as handled and drops it from the inbox, in one transaction. */
  markHandled(updateId: number): Promise<void>;
  /** Forgets the records of updates handled before `before`; returns how many. */
  forgetHandled(before: Date): Promise<number>;
}

/**
 * The inbox of fetched updates and the record of handled ones. An update names its
 * sender (id, name, username), so it is stored sealed with DATA_KEY and deleted
 * as soon as it is handled; the handled record keeps the update id and a time only.
 */
export function createInboxRepository(prisma: UraPrisma, identity: IdentityProtector, clock: Clock): UpdateInbox {
  return {
    async keep(updates) {
      const ids = updates.map((update) => BigInt(update.update_id));
      const handled = new Set((await prisma.processedUpdate.findMany({ where: { updateId: { in: ids } }, select: { updateId: true } })).map((row) => row.updateId));
      const fresh = updates.filter((update) => !handled.has(BigInt(update.update_id)));
      if (fresh.length === 0) return;
      const receivedAt = clock.now();
      // One transaction: the batch is kept whole or not at all, and an update kept
      // before (Telegram sends it again until acknowledged) is left as it is.
      await prisma.$transaction(async (tx) => {
        for (const update of fresh) {
          const updateId = BigInt(update.update_id);
          await tx.inboxUpdate.upsert({ where: { updateId }, create: { updateId, sealed: identity.seal(JSON.stringify(update)), receivedAt }, update: {} });
        }
      });
    },
    async waiting() {
      const rows = await prisma.inboxUpdate.findMany({ orderBy: { updateId: 'asc' } });
      return rows.map((row): Update => JSON.parse(identity.open(row.sealed)));
    },
    async handled(updateId) {
      return (await prisma.processedUpdate.count({ where: { updateId: BigInt(updateId) } })) > 0;
    },
    async claim(updateId) {
      try {
        await prisma.processedUpdate.create({ data: { updateId: BigInt(updateId), handledAt: clock.now() }, select: { updateId: true } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    release: async (updateId) => void (await prisma.processedUpdate.deleteMany({ where: { updateId: BigInt(updateId) } })),
    async markHandled(updateId) {
      const id = BigInt(updateId);
      const handledAt = clock.now();
      await prisma.$transaction(async (tx) => {
        await tx.processedUpdate.upsert({ where: { updateId: id }, create: { updateId: id, handledAt }, update: {} });
        await tx.inboxUpdate.deleteMany({ where: { updateId: id } });
      });
    },
    async forgetHandled(before) {
      return (await prisma.processedUpdate.deleteMany({ where: { handledAt: { lt: before } } })).count;
    },
  };
}
