import type { OutboxRow } from '../delivery/model.js';
import type { SignUp, Topic, TopicReport } from './open-space/topics.js';
import type { Poll, PollVote } from './polls/poll.js';
import type { Dot, GroupAction, GroupWork, GroupWorkStatus } from './voting/dots.js';

/** Polls and their votes (src/storage/event-poll-repository.ts). */
export interface PollStore {
  createPoll(poll: Poll): Promise<void>;
  /** The event's polls, the first made first. */
  polls(eventId: string): Promise<Poll[]>;
  poll(id: string): Promise<Poll | undefined>;
  /** Opens a draft and stores the messages it sends, in one transaction; false when it is no longer a draft. */
  openPoll(pollId: string, at: Date, outgoing: readonly OutboxRow[]): Promise<boolean>;
  /** Closes an open poll; false when it is not open. */
  closePoll(pollId: string, at: Date): Promise<boolean>;
  /** Stores a participant's vote while the poll is open, replacing theirs: `closed` when it is not open, else the choice it replaced. */
  castVote(vote: PollVote): Promise<{ kind: 'closed' } | { kind: 'cast'; before: number | undefined }>;
  votes(pollIds: readonly string[]): Promise<PollVote[]>;
}

/** Group work, its actions and dots (src/storage/event-vote-repository.ts). */
export interface GroupWorkStore {
  /** Stores it with the messages it sends, in one transaction. */
  createGroupWork(work: GroupWork, outgoing: readonly OutboxRow[]): Promise<void>;
  /** The event's group work, the latest first. */
  groupWorks(eventId: string): Promise<GroupWork[]>;
  /** Moves it from one status to the next with the messages that says, in one transaction; false when it was not in `from`. */
  moveGroupWork(id: string, from: GroupWorkStatus, to: GroupWorkStatus, at: Date, outgoing: readonly OutboxRow[]): Promise<boolean>;
  /** False unless it is still collecting actions. */
  setMerges(id: string, merges: string[][], at: Date): Promise<boolean>;
  /** False unless the group work is still collecting. */
  addAction(action: GroupAction): Promise<boolean>;
  actions(groupWorkId: string): Promise<GroupAction[]>;
  dots(groupWorkId: string): Promise<Dot[]>;
  /** `taken` when the participant's dot of that number is placed already (a race), `closed` unless the group work is voting. */
  placeDot(dot: Dot): Promise<'placed' | 'taken' | 'closed'>;
  /** Takes back a dot while voting; false when it was not there or voting is over. */
  removeDot(groupWorkId: string, participantId: string, slot: number): Promise<boolean>;
}

/** Open Space topics, sign-ups and reports (src/storage/event-open-space-repository.ts). */
export interface OpenSpaceStore {
  createTopic(topic: Topic): Promise<void>;
  /** By slot, then the first made first. */
  topics(eventId: string): Promise<Topic[]>;
  signUps(eventId: string): Promise<SignUp[]>;
  /** `slot_taken`: the participant is in a topic of that slot already; `seat_taken`: another sign-up took that seat at the same moment. */
  signUp(signUp: SignUp): Promise<'done' | 'slot_taken' | 'seat_taken'>;
  /** False when they were not in that topic. */
  leaveTopic(topicId: string, participantId: string): Promise<boolean>;
  reports(eventId: string): Promise<TopicReport[]>;
  saveReport(report: TopicReport): Promise<void>;
}

export type ParticipationStore = PollStore & GroupWorkStore & OpenSpaceStore;
