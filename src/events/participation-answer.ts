import type { EventRecord } from './model.js';
import type { SignUp, Topic, TopicReport } from './open-space/topics.js';
import type { Poll, PollResult } from './polls/poll.js';
import type { GroupAction, GroupResult, GroupWork } from './voting/dots.js';

/** What group work, Open Space and polls refuse, each with its own clear answer. */
export type ParticipationRefusal =
  /** Not registered for the chat's event, or left it. */
  | 'not_registered'
  /** Not recorded present today: only checked-in participants vote, write actions and sign up. */
  | 'not_checked_in'
  /** A facilitator's command or button from someone who does not organise the event: nothing shown or changed. */
  | 'not_organiser'
  /** A button that names nothing current (old, another event's, forged): nothing changed. */
  | 'stale'
  | 'event_closed'
  | 'poll_closed'
  | 'poll_not_open'
  | 'no_poll'
  | 'no_group_work'
  | 'not_collecting'
  | 'not_voting'
  /** Every dot of the participant's budget is placed. */
  | 'no_dots_left'
  /** A dot taken back from an action the participant placed none on. */
  | 'no_dot_here'
  /** An action of another group than the participant's. */
  | 'other_group'
  | 'action_empty'
  | 'action_too_long'
  | 'no_topics'
  | 'topic_full'
  /** Signed up to another topic of the same slot already. */
  | 'slot_taken'
  | 'topic_empty'
  | 'topic_too_long'
  /** Writing a report for a topic the participant did not join. */
  | 'not_member'
  | 'report_format'
  /** A facilitator's /newpoll that does not read as a poll. */
  | 'poll_format';

/** A dot the participant placed or took back, or a vote recorded. */
export type ParticipationNote = 'recorded' | 'changed' | 'same' | 'dot_placed' | 'dot_removed' | 'signed_up' | 'left_topic' | 'proposed' | 'report_saved';

/** A topic as a participant sees it: how many joined (never who), whether they did. */
export interface TopicLine {
  topic: Topic;
  members: number;
  mine: boolean;
}

/**
 * What the participation use-cases answer: data, written by the transport in
 * `language`. Participants see their own vote, dots and sign-ups and how many joined a
 * topic; only facilitators (the event's organisers) see counts of votes and dots.
 */
export type ParticipationAnswer =
  | { kind: 'refused'; reason: ParticipationRefusal; language: string; event?: EventRecord; detail?: string }
  /** A poll to answer, with the participant's current vote. */
  | { kind: 'poll'; event: EventRecord; language: string; poll: Poll; mine: number | undefined; note?: ParticipationNote }
  /** The open polls, for a participant who asks for them. */
  | { kind: 'open_polls'; event: EventRecord; language: string; polls: { poll: Poll; mine: number | undefined }[] }
  /** The facilitator's polls with their results (drafts too). */
  | { kind: 'poll_desk'; event: EventRecord; language: string; polls: (PollResult & { poll: Poll })[]; changed?: { pollId: string; to: 'open' | 'closed'; sent: number } }
  /** The group's actions (and what to do next) for a participant. */
  | { kind: 'group'; event: EventRecord; language: string; work: GroupWork; values: string[]; actions: (GroupAction & { mine: number })[]; used: number; note?: ParticipationNote }
  /** The facilitator's group work: status and results. */
  | {
      kind: 'group_desk';
      event: EventRecord;
      language: string;
      work: GroupWork | undefined;
      results: GroupResult[];
      changed?: { to: GroupWork['status']; sent: number };
      /** Open Space topics just made from the chosen actions. */
      topicsMade?: number;
    }
  | { kind: 'topics'; event: EventRecord; language: string; topics: TopicLine[]; note?: ParticipationNote; topic?: Topic }
  | { kind: 'topic_desk'; event: EventRecord; language: string; topics: (TopicLine & { report: TopicReport | undefined })[] }
  /** The three guiding questions, for a member of a topic to answer. */
  | { kind: 'report_prompt'; event: EventRecord; language: string; topic: Topic; report: TopicReport | undefined };

/** The sign-ups' count per topic. */
export const membersOf = (signUps: readonly SignUp[], topicId: string): number => signUps.filter((signUp) => signUp.topicId === topicId).length;
