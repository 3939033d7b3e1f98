import type { Update } from 'grammy/types';
import type { UpdateInbox } from '../../src/storage/inbox-repository.js';

/** The update inbox in memory, for tests of the bot service that need no database. */
export function memoryInbox(): UpdateInbox & { kept: Map<number, Update>; handledIds: Set<number> } {
  const kept = new Map<number, Update>();
  const handledIds = new Set<number>();
  return {
    kept,
    handledIds,
    keep: async (updates) => void updates.filter((update) => !handledIds.has(update.update_id)).forEach((update) => kept.set(update.update_id, update)),
    waiting: async () => [...kept.values()].sort((a, b) => a.update_id - b.update_id),
    handled: async (updateId) => handledIds.has(updateId),
    claim: async (updateId) => !handledIds.has(updateId) && Boolean(handledIds.add(updateId)),
    release: async (updateId) => void handledIds.delete(updateId),
    markHandled: async (updateId) => void (handledIds.add(updateId), kept.delete(updateId)),
    forgetHandled: async () => 0,
  };
}
