import { POLL_KINDS, POLL_STATUSES, type Poll, type PollStore } from '../events/index.js';
import type { UraPrisma } from './database.js';
import { storedJson } from './event-json.js';
import { insertOutbox } from './outbox-repository.js';
import { isUniqueViolation } from './prisma-errors.js';
import { storedOneOf } from './stored-values.js';

type PollRow = Awaited<ReturnType<UraPrisma['eventPoll']['findUniqueOrThrow']>>;

const toPoll = (row: PollRow): Poll => ({
  ...row,
  kind: storedOneOf(POLL_KINDS, row.kind, 'single'),
  status: storedOneOf(POLL_STATUSES, row.status, 'closed'),
  question: storedJson.texts(row.question),
  options: storedJson.textsList(row.options),
});

export function createEventPollRepository(prisma: UraPrisma): PollStore {
  return {
    createPoll: async (poll) => void (await prisma.eventPoll.create({ data: { ...poll, question: JSON.stringify(poll.question), options: JSON.stringify(poll.options) } })),
    polls: async (eventId) => (await prisma.eventPoll.findMany({ where: { eventId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map(toPoll),
    async poll(id) {
      const row = await prisma.eventPoll.findUnique({ where: { id } });
      return row ? toPoll(row) : undefined;
    },
    openPoll: (pollId, at, outgoing) =>
      prisma.$transaction(async (tx) => {
        const { count } = await tx.eventPoll.updateMany({ where: { id: pollId, status: 'draft' }, data: { status: 'open', openedAt: at } });
        if (count === 1) await insertOutbox(tx, [...outgoing]);
        return count === 1;
      }),
    closePoll: async (pollId, at) => (await prisma.eventPoll.updateMany({ where: { id: pollId, status: 'open' }, data: { status: 'closed', closedAt: at } })).count === 1,
    async castVote(vote) {
      // Two presses of one participant at the same moment: the second finds the first's row on its second try.
      for (let attempt = 1; ; attempt++) {
        try {
          return await prisma.$transaction(async (tx) => {
            const poll = await tx.eventPoll.findUnique({ where: { id: vote.pollId }, select: { status: true } });
            if (poll?.status !== 'open') return { kind: 'closed' as const };
            const key = { pollId_participantId: { pollId: vote.pollId, participantId: vote.participantId } };
            const before = await tx.eventPollVote.findUnique({ where: key });
            if (before) await tx.eventPollVote.update({ where: key, data: { choice: vote.choice, at: vote.at } });
            else await tx.eventPollVote.create({ data: vote });
            return { kind: 'cast' as const, before: before?.choice };
          });
        } catch (error) {
          if (!isUniqueViolation(error) || attempt === 3) throw error;
        }
      }
    },
    votes: async (pollIds) => (pollIds.length === 0 ? [] : prisma.eventPollVote.findMany({ where: { pollId: { in: [...pollIds] } } })),
  };
}
