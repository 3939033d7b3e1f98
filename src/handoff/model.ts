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
  /** `held`: to a person who asked to be written to only after they write; never sent until released. */
  status: 'pending' | 'held' | 'sent' | 'failed';
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
  /** Deletes a row that must not go out (its person left). */
  drop(id: string): Promise<void>;
  /** Deletes every row still waiting (pending or held) to go to a person (they left with no case open). */
  forget(contactId: string): Promise<void>;
  /**
   * The person wrote: their cases stop holding the team's messages, and the messages
   * held for them become due, in their order; in one transaction. Returns how many.
   */
  release(contactId: string, now: Date): Promise<number>;
}

/** What a step may expect of a case before it changes it. */
export type CaseExpectation = Partial<Pick<HelpCase, 'status' | 'operatorId' | 'escalation' | 'chatEndedAt' | 'leftAt' | 'blockedAt'>>;

/**
 * One step of a case's life (a claim, a transfer, an escalation, an exit...): the
 * case change, the consoles it moves, its audit lines and the messages it causes,
 * written in one transaction, or not at all when the case is no longer as expected.
 */
export interface CaseStep {
  caseId: string;
  /** The one way concurrent presses and ticks are decided, in the database. */
  expected: CaseExpectation;
  /** Columns to change; none: the step only checks the expectation. */
  changes: Partial<HelpCase>;
  /** Puts operators' consoles on a case (or none); `onlyIf`: only a console still on that case. */
  activeCase?: { operatorId: string; caseId: string | null; onlyIf?: string }[];
  events?: CaseEvent[];
  /** Sealed by the outbox's `prepare` before the transaction. */
  outgoing?: OutboxRow[];
  /** Cards (outbox row ids) this step edits: they become cards of an earlier round. */
  retiredCards?: string[];
  /** Person messages this step hands to an operator. */
  relayed?: { ids: string[]; at: Date };
  /** The person left: every row still waiting (pending or held) to go to them, and the case's cards not sent yet, are deleted. */
  forget?: { contactId: string };
}

/** Storage of the case lifecycle; every step says whether it happened. */
export interface HandoffStore {
  byId(id: string): Promise<HelpCase | undefined>;
  byCode(code: string): Promise<HelpCase | undefined>;
  /** Cases not closed (pending and active). */
  open(): Promise<HelpCase[]>;
  /** The person's case that is pending, or active with the chat still live. */
  liveFor(contactId: string): Promise<HelpCase | undefined>;
  /** Pending cases whose escalation is due, and pending cases never paged. */
  needingAttention(now: Date): Promise<HelpCase[]>;
  /** The person's cases not closed that they have not left. */
  openOf(contactId: string): Promise<HelpCase[]>;
  /** Writes a step whole if the case is still as expected; false (nothing written) otherwise. */
  commit(step: CaseStep): Promise<boolean>;
  /** Stores a message and the deliveries it causes together; false when it was stored before (a redelivered update). */
  addMessage(message: CaseMessage, outgoing: OutboxRow[]): Promise<boolean>;
  transcript(caseId: string): Promise<CaseMessage[]>;
}
