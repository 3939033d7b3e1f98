import type { ParticipationStore } from '../events/index.js';
import type { UraPrisma } from './database.js';
import { createEventOpenSpaceRepository } from './event-open-space-repository.js';
import { createEventPollRepository } from './event-poll-repository.js';
import { createEventVoteRepository } from './event-vote-repository.js';

/** Polls, group work and Open Space: the participation store of the events area. */
export const createParticipationStore = (prisma: UraPrisma): ParticipationStore => ({
  ...createEventPollRepository(prisma),
  ...createEventVoteRepository(prisma),
  ...createEventOpenSpaceRepository(prisma),
});
