import { EventError } from './errors.js';
import type { EventRecord, Texts } from './model.js';
import type { PollResult } from './polls/poll.js';

/**
 * The projector's read model: what `/e/<public code>` shows of an event, assembled
 * from what the World Café and the polls keep in the database. It is read again every
 * few seconds by each Ura process that serves the page, so several processes show
 * the same board without talking to each other. A snapshot names nobody beyond the
 * first names of people at tables, and not even those when the event shows table
 * numbers only: the page then never receives a name.
 */

export type BoardRoundStatus = 'running' | 'paused' | 'ended';

/**
 * The World Café round under way (or the last one). The page counts down by itself to
 * `endsAt` while the round runs, so a snapshot changes only when something happens:
 * `remainingMs` is the time that was left when the round was paused, and null
 * otherwise; `endsAt` is null unless the round runs.
 */
export interface BoardRound {
  /** The programme session the round belongs to (its id). */
  session: string;
  /** From 1. */
  number: number;
  /** How many rounds the session has. */
  of: number;
  question: Texts;
  status: BoardRoundStatus;
  /** ISO 8601. */
  endsAt: string | null;
  remainingMs: number | null;
}

/** One table of the round as the World Café keeps it: full names, the host among the members. */
export interface CafeTable {
  table: number;
  host: string | null;
  members: string[];
}

/** One table as the page shows it: first names only (or none), and how many sit there. */
export interface BoardTable extends CafeTable {
  seats: number;
}

/** A theme of the harvest's codebook with how many notes and tables mention it. */
export interface BoardTheme {
  label: Texts;
  notes: number;
  tables: number;
}

/** A poll as the board shows it: the polls' own result of an opened poll (a draft is not on the board). */
export type BoardPoll = Omit<PollResult, 'status'> & { status: 'open' | 'closed' };

/** A group of the group work with its actions, the most dots first: every action's text, as its group wrote it. */
export interface BoardGroup {
  /** The attribute values the group is made of (a county, or counties merged; an organisation type). */
  values: string[];
  /** What the groups are formed by: `region` or `org_type`. */
  by: string;
  voters: number;
  actions: { text: string; dots: number; chosen: boolean }[];
}

/** An Open Space topic with how many joined (never who). */
export interface BoardTopic {
  slot: number;
  title: string;
  members: number;
  capacity: number | null;
}

export interface BoardSnapshot {
  event: { name: Texts; languages: string[]; namesShown: boolean };
  round?: BoardRound;
  tables: BoardTable[];
  themes: BoardTheme[];
  polls: BoardPoll[];
}

/** What the projector page and its stream read. */
export interface BoardSource {
  /** EventError `event_not_found` for an unknown event. */
  snapshot(eventId: string): Promise<BoardSnapshot>;
}

/** What the World Café part gives the board: the current (or last) round, its tables and the theme counts. */
export interface CafeBoard {
  round?: BoardRound;
  tables: CafeTable[];
  themes: BoardTheme[];
}

export interface BoardParts {
  event(eventId: string): Promise<EventRecord | undefined>;
  /** The rounds' part; an event without one shows no round, tables or themes. */
  cafe?: (eventId: string) => Promise<CafeBoard>;
  /** The polls' part; the event's polls, open and closed, in the order they were made. */
  polls?: (eventId: string) => Promise<BoardPoll[]>;
  /** The group work's results and the Open Space topics. */
  work?: (eventId: string) => Promise<{ groups: BoardGroup[]; topics: BoardTopic[] }>;
}

/** "Drita Hoxha" → "Drita": the page shows no more of a person than that. */
export const firstName = (name: string): string => name.trim().split(/\s+/)[0] ?? '';

const tableOf = (table: CafeTable, namesShown: boolean): BoardTable => ({
  table: table.table,
  seats: table.members.length,
  host: namesShown && table.host !== null ? firstName(table.host) : null,
  members: namesShown ? table.members.map(firstName) : [],
});

/** Only what changes when something happens (see BoardRound): a running round's countdown is the page's. */
const roundOf = (round: BoardRound): BoardRound => ({
  ...round,
  endsAt: round.status === 'running' ? round.endsAt : null,
  remainingMs: round.status === 'paused' ? round.remainingMs : null,
});

const NO_CAFE: CafeBoard = { tables: [], themes: [] };
const NO_WORK = { groups: [], topics: [] };

export function createBoard(parts: BoardParts): BoardSource {
  return {
    async snapshot(eventId) {
      const event = await parts.event(eventId);
      if (!event) throw new EventError('event_not_found', `no event ${eventId}`);
      const [cafe, polls, work] = await Promise.all([parts.cafe?.(event.id) ?? NO_CAFE, parts.polls?.(event.id) ?? [], parts.work?.(event.id) ?? NO_WORK]);
      return {
        event: { name: event.names, languages: event.languages, namesShown: event.namesShown },
        ...(cafe.round ? { round: roundOf(cafe.round) } : {}),
        tables: cafe.tables.map((table) => tableOf(table, event.namesShown)),
        themes: cafe.themes,
        polls,
        groups: work.groups,
        topics: work.topics,
      };
    },
  };
}

/** What the facilitator presses on the control view. */
export const BOARD_ACTIONS = ['round_start', 'round_pause', 'round_resume', 'round_extend', 'round_end', 'poll_open', 'poll_close'] as const;
export type BoardActionKind = (typeof BOARD_ACTIONS)[number];

export type BoardAction = { kind: 'round_start' | 'round_pause' | 'round_resume' | 'round_end' } | { kind: 'round_extend'; minutes: number } | { kind: 'poll_open' | 'poll_close'; pollId: string };

/** Why a press changed nothing; each has its text in the projector namespace (`control.refused.<reason>`). */
export const CONTROL_REFUSALS = ['no_round', 'not_running', 'not_paused', 'round_running', 'rounds_over', 'no_poll', 'poll_open', 'poll_closed', 'changed', 'cannot_seat', 'unavailable'] as const;
export type ControlRefusal = (typeof CONTROL_REFUSALS)[number];

export type ControlOutcome = { ok: true } | { ok: false; reason: ControlRefusal };

/**
 * The control view's buttons, carried out by the rounds' and polls' use-cases (each a
 * state change with its messages in one transaction). `by` is the staff id of the
 * organiser who pressed; the web side has checked that they organise the event.
 */
export interface BoardControls {
  act(eventId: string, action: BoardAction, by: string): Promise<ControlOutcome>;
}

/** Controls for an event whose rounds and polls are not wired in: every press says so. */
export const noBoardControls: BoardControls = { act: async () => ({ ok: false, reason: 'unavailable' }) };
