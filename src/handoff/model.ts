import type { HelpCase } from '../helpline/cases.js';
import type { Operator } from '../helpline/operators.js';

/** An operator with what changes during duty: presence, the shift last announced, the case on the console. */
export interface OnDuty extends Operator {
  presence: 'on' | 'off' | null;
  onShift: boolean;
  activeCaseId: string | null;
}

/** Who wrote a line of a transcript: the person, the operator, or an internal note. */
export const CASE_AUTHORS = ['person', 'operator', 'note'] as const;

/** One line of a case's transcript. Media are copied from the author's chat, never stored. */
export interface CaseMessage {
  id: string;
  caseId: string;
  author: (typeof CASE_AUTHORS)[number];
  operatorId: string | null;
  /** `text`, or the kind of media: photo, voice, document, video, audio, sticker, ... */
  kind: string;
  text: string | null;
  messageId: number | null;
  createdAt: Date;
  relayedAt: Date | null;
}

export const EVENT_ACTIONS = ['paged', 'escalated', 'claimed', 'viewed', 'transferred', 'released', 'ended', 'closed', 'blocked', 'person_left'] as const;

/** Audit: who did what to which case, when. Never message content. */
export interface CaseEvent {
  caseId: string;
  action: (typeof EVENT_ACTIONS)[number];
  operatorId: string | null;
  detail: string | null;
  at: Date;
}

export const OUTBOX_METHODS = ['sendMessage', 'copyMessage', 'editMessageText'] as const;
export type OutboxMethod = (typeof OUTBOX_METHODS)[number];

/** A message to deliver, as the handoff decides it; the outbox seals the chat ids before storing it. */
export interface Outgoing {
  chatId: number;
  method: OutboxMethod;
  /** Bot API parameters without chat_id / from_chat_id. */
  payload: Record<string, unknown>;
  fromChatId?: number;
  /** The same key twice is one delivery. */
  dedupeKey: string;
  caseId?: string;
  /** The help-seeker it goes to: its id is logged so that a quick exit deletes it. */
  contactId?: string;
  /** A case card, edited to "taken" when someone claims the case (then `retired`). */
  purpose?: 'card';
  operatorId?: string;
}

/** An outbox row: chat ids sealed, order given by the sortable id. */
export interface OutboxRow {
  id: string;
  chatKey: string;
  chatCipher: string;
  method: OutboxMethod;
  payload: string;
  fromCipher: string | null;
  dedupeKey: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  notBefore: Date;
  leaseUntil: Date | null;
  caseId: string | null;
  contactId: string | null;
  purpose: string | null;
  operatorId: string | null;
  sentMessageId: number | null;
  createdAt: Date;
}

export interface OutboxStore {
  /** Stores rows; a row whose dedupe key is already stored is skipped. */
  enqueue(rows: OutboxRow[]): Promise<void>;
  /** Per chat, its oldest pending row, when it is due and nobody holds it. */
  due(now: Date, limit: number): Promise<OutboxRow[]>;
  /** The chat's oldest pending rows, in order, up to the first that is not due or is held. */
  next(chatKey: string, now: Date, limit: number): Promise<OutboxRow[]>;
  /** Takes a row for sending until `until`; false when another sender holds it. */
  lease(id: string, now: Date, until: Date): Promise<boolean>;
  sent(id: string, messageId: number | null, at: Date): Promise<void>;
  retry(id: string, notBefore: Date, error: string): Promise<void>;
  failed(id: string, error: string): Promise<void>;
  /** Every case card of a case: current ones (`card`) and those of earlier rounds (`retired`). */
  cardsOf(caseId: string): Promise<OutboxRow[]>;
  /** When the oldest message still waiting to go out was written; undefined when none waits. */
  oldestPending(): Promise<Date | undefined>;
  /** Marks the case's current cards as of an earlier round: the case was taken. */
  retireCards(caseId: string): Promise<void>;
}

/** Storage of the case lifecycle; every conditional change says whether it happened. */
export interface HandoffStore {
  byId(id: string): Promise<HelpCase | undefined>;
  byCode(code: string): Promise<HelpCase | undefined>;
  /** Cases not closed (pending and active). */
  open(): Promise<HelpCase[]>;
  /** The person's case that is pending, or active with the chat still live. */
  liveFor(contactId: string): Promise<HelpCase | undefined>;
  /** Pending cases whose escalation is due, and pending cases never paged. */
  needingAttention(now: Date): Promise<HelpCase[]>;
  /**
   * Changes a case only if it is still as `expected` (status, operator, escalation
   * step): the one way concurrent presses and ticks are decided, in the database.
   */
  change(id: string, expected: Partial<Pick<HelpCase, 'status' | 'operatorId' | 'escalation' | 'chatEndedAt'>>, changes: Partial<HelpCase>): Promise<boolean>;
  /** Stores a message and the deliveries it causes together; false when it was stored before (a redelivered update). */
  addMessage(message: CaseMessage, outgoing: OutboxRow[]): Promise<boolean>;
  transcript(caseId: string): Promise<CaseMessage[]>;
  markRelayed(ids: string[], at: Date): Promise<void>;
  /** Appends to the audit log: one event, or several at once. */
  record(event: CaseEvent | CaseEvent[]): Promise<void>;
  events(caseId: string): Promise<CaseEvent[]>;
}
