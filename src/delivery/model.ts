export const OUTBOX_METHODS = ['sendMessage', 'copyMessage', 'editMessageText'] as const;
export type OutboxMethod = (typeof OUTBOX_METHODS)[number];

/**
 * How soon the messages of a purpose must go, as the area that registers it says: `urgent`
 * (a case card, what an operator and a help-seeker write to each other), `normal`, or
 * `bulk` (an announcement to everyone in the room).
 */
export const PRIORITIES = ['urgent', 'normal', 'bulk'] as const;
export type Priority = (typeof PRIORITIES)[number];

/**
 * How long a message of each priority gives way to more urgent ones written after it.
 * A message's turn is when it was written plus this allowance, and the outbox serves the
 * chats by their earliest turn (each chat's own messages still in the order written):
 * so a case card written behind a thousand announcements goes out among the first, and
 * an announcement that has waited a minute goes before anything written after that
 * minute, however urgent; no priority starves another (a deadline per message, rather
 * than strict priority classes, which would let a steady urgent stream hold bulk back
 * for ever).
 */
export const GIVES_WAY_MS: Readonly<Record<Priority, number>> = { urgent: 0, normal: 10_000, bulk: 60_000 };

/** A message to deliver, as an area decides it; the outbox seals the chat ids before storing it. */
export interface Outgoing {
  chatId: number;
  method: OutboxMethod;
  /** Bot API parameters without chat_id / from_chat_id. */
  payload: Record<string, unknown>;
  fromChatId?: number;
  /** The same key twice is one delivery. */
  dedupeKey: string;
  /**
   * What the message is for, named by the area that sends it ('card', 'case',
   * 'reminder', 'broadcast'...): the rules that area registered apply to it.
   */
  purpose: string;
  /** What it is about (a case, an event, a round), opaque here: the area finds its messages by it. */
  topic?: string;
  /**
   * Who it goes to, opaque here, when the area must be asked before it goes (a person
   * may have left) and told what reached them (so that it can be deleted later).
   */
  recipientId?: string;
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
  /** `held`: waits until its area releases it (a person who asked to be written to only after they write); never sent before. */
  status: 'pending' | 'held' | 'sent' | 'failed';
  attempts: number;
  notBefore: Date;
  /** Its turn among all chats' messages: when it was written plus how long its priority gives way (GIVES_WAY_MS). */
  turnAt: Date;
  leaseUntil: Date | null;
  purpose: string;
  topic: string | null;
  recipientId: string | null;
  sentMessageId: number | null;
  createdAt: Date;
}

export interface OutboxStore {
  /** Stores rows; a row whose dedupe key is already stored is skipped. */
  enqueue(rows: OutboxRow[]): Promise<void>;
  /**
   * Per chat, its oldest pending row, when it is due and nobody holds it; the chats whose
   * earliest turn (of any of their pending rows) comes first, first.
   */
  due(now: Date, limit: number): Promise<OutboxRow[]>;
  /** The chat's oldest pending rows, in order, up to the first that is not due or is held. */
  next(chatKey: string, now: Date, limit: number): Promise<OutboxRow[]>;
  /** Takes a row for sending until `until`; false when another sender holds it. */
  lease(id: string, now: Date, until: Date): Promise<boolean>;
  sent(id: string, messageId: number | null, at: Date): Promise<void>;
  retry(id: string, notBefore: Date, error: string): Promise<void>;
  /** A leased row waits until `notBefore` without counting as an attempt (a rate limit said not yet), and is let go. */
  postpone(id: string, notBefore: Date): Promise<void>;
  failed(id: string, error: string): Promise<void>;
  /** Every row about `topic` with one of `purposes`, in order. */
  about(topic: string, purposes: readonly string[]): Promise<OutboxRow[]>;
  /** When the oldest message still waiting to go out was written; undefined when none waits. */
  oldestPending(): Promise<Date | undefined>;
  /** Deletes a row that must not go out (its recipient left). */
  drop(id: string): Promise<void>;
  /** Deletes every row still waiting (pending or held) to go to a recipient. */
  forget(recipientId: string): Promise<void>;
}
