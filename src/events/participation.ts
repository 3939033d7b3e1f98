import type { DeliveryRules } from '../delivery/outbox.js';
import type { BoardGroup, BoardPoll, BoardTopic } from './board.js';
import { EVENTS_AREA } from './model.js';
import { createOpenSpace, type OpenSpace } from './open-space/open-space.js';
import { PARTICIPATION_PURPOSES, type ParticipationDeps, participationKit } from './participation-kit.js';
import { createPolls, type Polls } from './polls/polls.js';
import { type GroupResult, overallResults } from './voting/dots.js';
import { createGroupVoting, type GroupVoting } from './voting/group-work.js';

/** What the projector shows of the polls and the group work: counts only, never who voted what. */
export interface PollBoard {
  polls: BoardPoll[];
  /** The latest group work's results per group (every action's text, its dots, the chosen ones), if any. */
  groups: GroupResult[];
}

export interface Participation {
  polls: Polls;
  groups: GroupVoting;
  openSpace: OpenSpace;
  /** The event's opened polls (open and closed) with their counts and the checked-in participants, and the group work's results. */
  pollBoard(eventId: string): Promise<PollBoard>;
  /** What the projector shows of the group work (each group's actions and dots) and of Open Space (topics and how many joined). */
  workBoard(eventId: string): Promise<{ groups: BoardGroup[]; topics: BoardTopic[] }>;
  /** Every action of the latest group work, the most dots first, with its group. */
  overall(eventId: string): Promise<ReturnType<typeof overallResults>>;
  /** What the outbox checks before each of these messages goes: the participant still takes part, the poll is still open. */
  deliveryRules: DeliveryRules;
}

/** Group work with dot-voting, Open Space and live polls, on the events area's participants and check-in. */
export function createParticipation(deps: ParticipationDeps): Participation {
  const kit = participationKit(deps);
  const polls = createPolls(kit);
  const groups = createGroupVoting(kit);
  const groupResults = async (eventId: string) => {
    const work = await groups.current(eventId);
    return work ? groups.results(work) : [];
  };
  const openSpace = createOpenSpace(kit);
  return {
    polls,
    groups,
    openSpace,
    async workBoard(eventId) {
      const work = await groups.current(eventId);
      const results = work ? await groups.results(work) : [];
      const topics = await openSpace.board(eventId);
      return {
        groups: results.map((group) => ({
          values: group.values,
          by: work?.groupBy ?? 'region',
          voters: group.voters,
          actions: group.actions.map(({ text, dots, chosen }) => ({ text, dots, chosen })),
        })),
        topics: topics.map(({ topic, members }) => ({ slot: topic.slot, title: topic.title, members, capacity: topic.capacity })),
      };
    },
    async pollBoard(eventId) {
      const event = await deps.people.event(eventId);
      if (!event) return { polls: [], groups: [] };
      const results = await polls.results(event);
      return {
        polls: results.flatMap((result) => (result.status === 'draft' ? [] : [{ ...result, status: result.status }])),
        groups: await groupResults(event.id),
      };
    },
    overall: async (eventId) => overallResults(await groupResults(eventId)),
    deliveryRules: {
      area: EVENTS_AREA,
      // A poll's question and a group's actions are wanted within seconds, after any helpline case card (urgent).
      purposes: { [PARTICIPATION_PURPOSES.poll]: 'normal', [PARTICIPATION_PURPOSES.groupWork]: 'normal' },
      async mayReach(row) {
        const participant = row.recipientId === null ? undefined : await deps.people.participant(row.recipientId);
        if (!participant || participant.leftAt !== null || participant.deletedAt !== null) return false;
        if (row.purpose !== PARTICIPATION_PURPOSES.poll || row.topic === null) return true;
        return (await deps.store.poll(row.topic))?.status === 'open';
      },
    },
  };
}
