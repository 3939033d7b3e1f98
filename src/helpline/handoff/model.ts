import type { HelpCase } from '../cases.js';
import type { OutboxRow } from '../../delivery/model.js';

/**
 * The purposes of the handoff's messages in the outbox: a case card (`retired` once a
 * later step edited it), any other message about a case (its topic), a shift notice.
 */
export const PURPOSES = { card: 'card', retired: 'retired', case: 'case', duty: 'duty' } as const;
/** A case's cards, of this round and earlier ones. */
export const CARD_PURPOSES = [PURPOSES.card, PURPOSES.retired] as const;

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
  /**
   * The person wrote: their cases stop holding the team's messages, and the messages
   * held for them become due, in their order; in one transaction. Returns how many.
   */
  release(contactId: string, now: Date): Promise<number>;
}
