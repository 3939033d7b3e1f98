import { GROUP_ATTRIBUTES, GROUP_WORK_STATUSES, type GroupWork, type GroupWorkStore } from '../events/index.js';
import type { UraPrisma } from './database.js';
import { storedJson } from './event-json.js';
import { insertOutbox } from './outbox-repository.js';
import { isUniqueViolation } from './prisma-errors.js';
import { storedOneOf } from './stored-values.js';

type WorkRow = Awaited<ReturnType<UraPrisma['eventGroupWork']['findUniqueOrThrow']>>;

const toWork = (row: WorkRow): GroupWork => ({
  ...row,
  groupBy: storedOneOf(GROUP_ATTRIBUTES, row.groupBy, 'region'),
  status: storedOneOf(GROUP_WORK_STATUSES, row.status, 'closed'),
  merges: storedJson.stringLists(row.merges),
});

export function createEventVoteRepository(prisma: UraPrisma): GroupWorkStore {
  return {
    createGroupWork: (work, outgoing) =>
      prisma.$transaction(async (tx) => {
        await tx.eventGroupWork.create({ data: { ...work, merges: JSON.stringify(work.merges) } });
        await insertOutbox(tx, [...outgoing]);
      }),
    groupWorks: async (eventId) => (await prisma.eventGroupWork.findMany({ where: { eventId }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] })).map(toWork),
    moveGroupWork: (id, from, to, at, outgoing) =>
      prisma.$transaction(async (tx) => {
        const { count } = await tx.eventGroupWork.updateMany({ where: { id, status: from }, data: { status: to, updatedAt: at } });
        if (count === 1) await insertOutbox(tx, [...outgoing]);
        return count === 1;
      }),
    setMerges: async (id, merges, at) => (await prisma.eventGroupWork.updateMany({ where: { id, status: 'collecting' }, data: { merges: JSON.stringify(merges), updatedAt: at } })).count === 1,
    addAction: (action) =>
      prisma.$transaction(async (tx) => {
        const work = await tx.eventGroupWork.findUnique({ where: { id: action.groupWorkId }, select: { status: true } });
        if (work?.status !== 'collecting') return false;
        await tx.eventAction.create({ data: action });
        return true;
      }),
    actions: (groupWorkId) => prisma.eventAction.findMany({ where: { groupWorkId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    dots: (groupWorkId) => prisma.eventDot.findMany({ where: { groupWorkId }, orderBy: [{ participantId: 'asc' }, { slot: 'asc' }] }),
    async placeDot(dot) {
      try {
        return await prisma.$transaction(async (tx) => {
          const work = await tx.eventGroupWork.findUnique({ where: { id: dot.groupWorkId }, select: { status: true } });
          if (work?.status !== 'voting') return 'closed' as const;
          await tx.eventDot.create({ data: dot });
          return 'placed' as const;
        });
      } catch (error) {
        // The participant's dot of that number exists: the key keeps a budget from being overspent.
        if (isUniqueViolation(error)) return 'taken';
        throw error;
      }
    },
    removeDot: (groupWorkId, participantId, slot) =>
      prisma.$transaction(async (tx) => {
        const work = await tx.eventGroupWork.findUnique({ where: { id: groupWorkId }, select: { status: true } });
        if (work?.status !== 'voting') return false;
        return (await tx.eventDot.deleteMany({ where: { groupWorkId, participantId, slot } })).count === 1;
      }),
  };
}
