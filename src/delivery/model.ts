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
