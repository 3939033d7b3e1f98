import type { OutboxRow } from '../../delivery/model.js';
import type { Texts } from '../model.js';

/** How a round stands: planned (seated, not begun), running (its deadlines stored), paused (the time left kept), ended. */
export const ROUND_STATUSES = ['planned', 'running', 'paused', 'ended'] as const;
export type RoundStatus = (typeof ROUND_STATUSES)[number];

/** The warning goes this long before a round's end. */
export const WARNING_MS = 2 * 60_000;
/** What a table holds unless the facilitator says otherwise (the 2006 café: 132 people at 33 tables of four). */
export const DEFAULT_TABLE_SIZE = 4;
/** How long after a round's end a host's messages are taken as the table's key points. */
export const HARVEST_MINUTES = 20;

/** One round of a World Café session, with its deadlines as stored rows (processed by the events tick). */
export interface CafeRound {
  id: string;
  eventId: string;
  sessionId: string;
  number: number;
  status: RoundStatus;
  startedAt: Date | null;
  endsAt: Date | null;
  warnAt: Date | null;
  warnedAt: Date | null;
  remainingMs: number | null;
  endedAt: Date | null;
  /** Each change checks it and adds one: two processes never make the same change twice. */
  version: number;
}

/** How a World Café session is run: the hosts marked by the facilitators, the table size, the seed of the plan. */
export interface CafeRun {
  sessionId: string;
  eventId: string;
  hosts: string[];
  tableSize: number;
  seed: number;
  createdAt: Date;
}

/** A participant's place in a round. */
export interface CafeSeat {
  sessionId: string;
  round: number;
  participantId: string;
  eventId: string;
  table: number;
  host: boolean;
}

/** A table's key points from its host: text, or a photo of the table paper (its Telegram file id only). */
export interface CafeNote {
  id: string;
  eventId: string;
  sessionId: string;
  round: number;
  table: number;
  participantId: string;
  text: string | null;
  photoFileId: string | null;
  createdAt: Date;
}

/** A host asked for the key points of their table: what they send until `until` is taken as such. */
export interface CafeAsk {
  /** The participant's Telegram key (the participant purpose). */
  key: string;
  participantId: string;
  eventId: string;
  sessionId: string;
  round: number;
  table: number;
  until: Date;
}

/** A theme of an event's codebook. */
export interface CafeTheme {
  id: string;
  eventId: string;
  /** Short, lower case, unique in the event. */
  code: string;
  labels: Texts;
  definitions: Texts;
  keywords: string[];
  createdAt: Date;
}

/** A note a facilitator coded with a theme. */
export interface CafeCoding {
  noteId: string;
  themeId: string;
  eventId: string;
  codedBy: string;
  codedAt: Date;
}

/** A round's change, stored only if the round is still at `expectedVersion`, with the messages and asks it causes: one transaction. */
export interface RoundChange {
  round: CafeRound;
  expectedVersion: number;
  outgoing: OutboxRow[];
  asks?: CafeAsk[];
  /** Seats changed with it (a table's new host). */
  seats?: CafeSeat[];
}

/** World Café rows (src/storage/event-cafe-repository.ts). */
export interface CafeStore {
  run(sessionId: string): Promise<CafeRun | undefined>;
  saveRun(run: CafeRun): Promise<void>;
  rounds(sessionId: string): Promise<CafeRound[]>;
  eventRounds(eventId: string): Promise<CafeRound[]>;
  /** Running rounds whose end or warning is due. */
  dueRounds(now: Date): Promise<CafeRound[]>;
  runningRounds(): Promise<CafeRound[]>;
  /**
   * Stores a plan in one transaction: the rounds not yet stored are created (planned), and
   * the seats of the rounds from `fromRound` on are replaced, provided none of them has
   * started meanwhile (false then, and nothing is changed).
   */
  savePlan(sessionId: string, newRounds: readonly CafeRound[], seats: readonly CafeSeat[], fromRound: number): Promise<boolean>;
  seats(sessionId: string): Promise<CafeSeat[]>;
  /** False when the round moved on meanwhile (another press, another process): nothing is stored. */
  changeRound(change: RoundChange): Promise<boolean>;
  ask(key: string): Promise<CafeAsk | undefined>;
  /** Deletes the asks whose harvest is over: a participant's key is kept no longer than it is needed. */
  forgetAsks(now: Date): Promise<void>;
  addNote(note: CafeNote): Promise<void>;
  notes(eventId: string): Promise<CafeNote[]>;
  themes(eventId: string): Promise<CafeTheme[]>;
  /** False when the event has a theme of that code already. */
  addTheme(theme: CafeTheme): Promise<boolean>;
  codings(eventId: string): Promise<CafeCoding[]>;
  /** False when the note has that theme already. */
  addCoding(coding: CafeCoding): Promise<boolean>;
}
