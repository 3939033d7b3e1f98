import { z } from 'zod';
import { type EventChatRetentionStore, type EventChatStore, registrationStepSchema } from '../events/index.js';
import type { Database, UraPrisma } from './database.js';

const stateSchema = z.object({ step: registrationStepSchema, tries: z.object({ window: z.int(), count: z.int().min(0) }).nullable() });

/** A stored state that no longer reads (written by another version, or by hand) starts the chat afresh, as if nothing were stored. */
function parseState(text: string): z.infer<typeof stateSchema> | undefined {
  try {
    return stateSchema.safeParse(JSON.parse(text)).data;
  } catch {
    return undefined;
  }
}

/** Chats' places in the events area, one row per participant key (EventChat). */
export function createEventChatRepository(prisma: UraPrisma): EventChatStore {
  return {
    async chat(key) {
      const row = await prisma.eventChat.findUnique({ where: { key } });
      const state = row ? parseState(row.state) : undefined;
      return row && state ? { key: row.key, eventId: row.eventId, language: row.language, step: state.step, tries: state.tries, updatedAt: row.updatedAt } : undefined;
    },
    async saveChat(record) {
      const { key, eventId, language, updatedAt } = record;
      const state = JSON.stringify({ step: record.step, tries: record.tries });
      await prisma.eventChat.upsert({ where: { key }, create: { key, eventId, language, state, updatedAt }, update: { eventId, language, state, updatedAt } });
    },
    deleteChat: async (key) => void (await prisma.eventChat.deleteMany({ where: { key } })),
  };
}

/** The nightly forgetting of chats' places in events that are long over. */
export function createEventChatRetentionRepository(database: Pick<Database, 'prisma' | 'scrub'>): EventChatRetentionStore {
  return {
    async forgetChats(eventIds) {
      const { count } = await database.prisma.eventChat.deleteMany({ where: { eventId: { in: [...eventIds] } } });
      if (count > 0) await database.scrub();
      return count;
    },
  };
}
