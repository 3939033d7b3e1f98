/**
 * Open Space: topics, from actions the groups chose (merged by a facilitator) or
 * proposed by participants, each in a time slot. A participant joins one topic per
 * slot, within the topic's capacity if it has one; each topic's group answers the
 * three guiding questions of the 2006 conference in a short report.
 */

export const TOPIC_SOURCES = ['actions', 'participant', 'facilitator'] as const;
export type TopicSource = (typeof TOPIC_SOURCES)[number];

export const TITLE_LENGTH = 200;
export const ANSWER_LENGTH = 1000;
export const MAX_SLOTS = 10;

export interface Topic {
  id: string;
  eventId: string;
  /** From 1. */
  slot: number;
  title: string;
  source: TopicSource;
  /** None: no limit. */
  capacity: number | null;
  /** The group actions it was merged from. */
  actionIds: string[];
  proposedBy: string | null;
  createdAt: Date;
}

export interface SignUp {
  eventId: string;
  slot: number;
  participantId: string;
  topicId: string;
  /** Numbered from 1 within the topic. */
  seat: number;
  at: Date;
}

/** Why did you choose to explore this action? Why is it important for the sustainability of anti-trafficking work? What can we do to make it happen? */
export interface TopicReport {
  topicId: string;
  why: string;
  importance: string;
  nextSteps: string;
  participantId: string;
  updatedAt: Date;
}

/** The lowest free seat of a topic, or none when it is full. */
export function freeSeat(taken: readonly Pick<SignUp, 'seat'>[], capacity: number | null): number | undefined {
  const seats = new Set(taken.map((signUp) => signUp.seat));
  for (let seat = 1; capacity === null || seat <= capacity; seat++) if (!seats.has(seat)) return seat;
  return undefined;
}

/**
 * A report typed as three answers, one per line (a leading `1.`, `2)` or `-` is
 * dropped); undefined unless there are exactly three, none too long.
 */
export function parseReport(text: string): Pick<TopicReport, 'why' | 'importance' | 'nextSteps'> | undefined {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:\d[.)]|[-•*])\s*/, '').trim())
    .filter((line) => line !== '');
  const [why, importance, nextSteps] = lines;
  if (lines.length !== 3 || why === undefined || importance === undefined || nextSteps === undefined) return undefined;
  if (lines.some((line) => line.length > ANSWER_LENGTH)) return undefined;
  return { why, importance, nextSteps };
}
