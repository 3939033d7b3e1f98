import { type OpenSpaceStore, type Topic, TOPIC_SOURCES } from '../events/index.js';
import type { UraPrisma } from './database.js';
import { storedJson } from './event-json.js';
import { isUniqueViolation } from './prisma-errors.js';
import { storedOneOf } from './stored-values.js';

type TopicRow = Awaited<ReturnType<UraPrisma['eventTopic']['findUniqueOrThrow']>>;

const toTopic = (row: TopicRow): Topic => ({ ...row, source: storedOneOf(TOPIC_SOURCES, row.source, 'facilitator'), actionIds: storedJson.strings(row.actionIds) });

export function createEventOpenSpaceRepository(prisma: UraPrisma): OpenSpaceStore {
  return {
    createTopic: async (topic) => void (await prisma.eventTopic.create({ data: { ...topic, actionIds: JSON.stringify(topic.actionIds) } })),
    topics: async (eventId) => (await prisma.eventTopic.findMany({ where: { eventId }, orderBy: [{ slot: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }] })).map(toTopic),
    signUps: (eventId) => prisma.eventSignUp.findMany({ where: { eventId }, orderBy: [{ at: 'asc' }] }),
    async signUp(signUp) {
      try {
        await prisma.eventSignUp.create({ data: signUp });
        return 'done';
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Which key refused it: the participant's place in the slot, or the topic's seat.
        const inSlot = await prisma.eventSignUp.findUnique({ where: { eventId_slot_participantId: { eventId: signUp.eventId, slot: signUp.slot, participantId: signUp.participantId } } });
        return inSlot ? 'slot_taken' : 'seat_taken';
      }
    },
    leaveTopic: async (topicId, participantId) => (await prisma.eventSignUp.deleteMany({ where: { topicId, participantId } })).count === 1,
    async reports(eventId) {
      const ids = (await prisma.eventTopic.findMany({ where: { eventId }, select: { id: true } })).map((row) => row.id);
      return ids.length === 0 ? [] : prisma.eventTopicReport.findMany({ where: { topicId: { in: ids } } });
    },
    saveReport: async (report) => void (await prisma.eventTopicReport.upsert({ where: { topicId: report.topicId }, create: report, update: report })),
  };
}
