import { z } from 'zod';
import type { Texts } from '../model.js';
import { percent } from '../../reports/index.js';

/** A rating is the counted clap-o-meter (1 to 5), yes/no the show of hands, single one choice of several. */
export const POLL_KINDS = ['rating', 'yes_no', 'single'] as const;
export type PollKind = (typeof POLL_KINDS)[number];

/** A poll is made as a draft, opened once (its question then goes to every checked-in participant) and closed once. */
export const POLL_STATUSES = ['draft', 'open', 'closed'] as const;
export type PollStatus = (typeof POLL_STATUSES)[number];

export const RATING_SCALE = 5;
export const QUESTION_LENGTH = 300;
export const OPTION_LENGTH = 60;
export const MAX_OPTIONS = 8;

export interface Poll {
  id: string;
  eventId: string;
  kind: PollKind;
  question: Texts;
  /** Stored in the event's languages when the poll is made; a vote names one by its place. */
  options: Texts[];
  status: PollStatus;
  createdAt: Date;
  openedAt: Date | null;
  closedAt: Date | null;
}

export interface PollVote {
  pollId: string;
  participantId: string;
  choice: number;
  at: Date;
}

/** A poll as the projector and the facilitators see it: counts only, never who voted what. */
export interface PollResult {
  id: string;
  question: Texts;
  kind: PollKind;
  options: { label: Texts; count: number }[];
  /** Participants who voted. */
  voters: number;
  /** Participants checked in now: the share's denominator. */
  checkedIn: number;
  status: PollStatus;
}

const text = (max: number) => z.string().trim().min(1).max(max);
const textsSchema = (max: number) => z.record(z.string().regex(/^[a-z]{2}$/), text(max)).refine((texts) => Object.keys(texts).length > 0, 'a text in at least one language');

/** What a facilitator asks for: the question in one language or more; for a single choice, 2 to 8 options. */
export const pollInputSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.enum(['rating', 'yes_no']), question: textsSchema(QUESTION_LENGTH) }),
  z.strictObject({ kind: z.literal('single'), question: textsSchema(QUESTION_LENGTH), options: z.array(textsSchema(OPTION_LENGTH)).min(2).max(MAX_OPTIONS) }),
]);
export type PollInput = z.input<typeof pollInputSchema>;

/** The options a poll stores: a single choice's own; 1 to 5 for a rating; yes and no in each language (`label`). */
export function optionsOf(input: z.output<typeof pollInputSchema>, languages: readonly string[], label: (language: string, key: 'yes' | 'no') => string): Texts[] {
  if (input.kind === 'single') return input.options;
  if (input.kind === 'rating') return Array.from({ length: RATING_SCALE }, (_, i) => Object.fromEntries(languages.map((language) => [language, String(i + 1)])));
  return (['yes', 'no'] as const).map((key) => Object.fromEntries(languages.map((language) => [language, label(language, key)])));
}

/** Whether a choice names one of the poll's options. */
export const isChoice = (poll: Pick<Poll, 'options'>, choice: number): boolean => Number.isInteger(choice) && choice >= 0 && choice < poll.options.length;

/** Counts per option, the voters and the checked-in participants. Pure. */
export function tally(poll: Poll, votes: readonly PollVote[], checkedIn: number): PollResult {
  const own = votes.filter((vote) => vote.pollId === poll.id && isChoice(poll, vote.choice));
  return {
    id: poll.id,
    question: poll.question,
    kind: poll.kind,
    options: poll.options.map((label, choice) => ({ label, count: own.filter((vote) => vote.choice === choice).length })),
    voters: own.length,
    checkedIn,
    status: poll.status,
  };
}

/** A count as a share of the checked-in participants, in percent with one decimal; none when nobody is checked in. */
export const shareOf = (count: number, checkedIn: number): number | null => percent(count, checkedIn);

/** A rating's mean (1 to 5, two decimals), none without votes. */
export function ratingMean(result: Pick<PollResult, 'options' | 'voters'>): number | null {
  if (result.voters === 0) return null;
  const sum = result.options.reduce((total, option, i) => total + option.count * (i + 1), 0);
  return Math.round((sum / result.voters) * 100) / 100;
}
