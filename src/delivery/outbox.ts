import type { Clock } from '../shared/clock.js';
import type { IdentityProtector } from '../shared/crypto.js';
import { errorMessage } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { sequentialId } from '../shared/sequence.js';
import type { Outgoing, OutboxRow, OutboxStore } from './model.js';

/** What Telegram answered, reduced to what the outbox decides on. */
export type Delivery =
  | { ok: true; messageId: number | null }
  | { ok: false; code: number; description: string; retryAfter?: number };

/** Sends one Bot API call; never throws for an answer Telegram gave (network failures come back as code 0). */
export type BotCall = (method: string, payload: Record<string, unknown>) => Promise<Delivery>;

/** How long a sender holds a message: after a crash, another process sends it once this has passed. */
export const LEASE_MS = 30_000;
/**
 * How long one Bot API call of the outbox may take before it is abandoned (and retried
 * like a lost connection): well under the lease, so that no other sender can take a
 * message while a call for it may still reach Telegram.
 */
export const SEND_TIMEOUT_MS = 20_000;
/** Retries after a server error or a lost connection: 2 s, 4 s, ... up to 5 min, then the message is given up. */
const MAX_ATTEMPTS = 12;
/** How many of one chat's messages are read at once. */
const CHAT_BATCH = 20;
const backoffMs = (attempts: number) => Math.min(2 ** (attempts + 1) * 1000, 5 * 60_000);

export interface Outbox {
  /** Seals the chat ids and gives each message its place in its chat's order. */
  prepare(messages: Outgoing[]): OutboxRow[];
  enqueue(messages: Outgoing[]): Promise<void>;
  /** Sends what is due (one message per chat at a time, in order) until nothing is; returns how many were sent. */
  drain(): Promise<number>;
  /** Starts a drain now unless one is running, in which case it runs once more after it. */
  kick(): void;
  /** Resolves when the drain in progress (if any) is over. */
  idle(): Promise<void>;
}

/**
 * Where the ids of messages sent to a recipient are noted (the helpline's message
 * log, so that a quick exit can delete them from the person's chat).
 */
export interface SentLog {
  record(recipientId: string, messageIds: number[], at: Date): Promise<void>;
}

export interface OutboxDeps {
  store: OutboxStore;
  call: BotCall;
  identity: IdentityProtector;
  messages: SentLog;
  clock: Clock;
  logger: Logger;
  /** Telegram refused a message to a person for good (they blocked the bot). */
  onBlocked(row: OutboxRow): Promise<void>;
  /** Whether a message to a person may still go out: not once they left. Asked just before each is sent. */
  mayReach(row: OutboxRow): Promise<boolean>;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const { store, identity, clock, logger } = deps;

  function prepare(messages: Outgoing[]): OutboxRow[] {
    const now = clock.now();
    return messages.map((message) => ({
      id: sequentialId(now),
      chatKey: identity.hashId('chat', message.chatId),
      chatCipher: identity.seal(String(message.chatId)),
      method: message.method,
      payload: JSON.stringify(message.payload),
      fromCipher: message.fromChatId === undefined ? null : identity.seal(String(message.fromChatId)),
      dedupeKey: message.dedupeKey,
      status: 'pending',
      attempts: 0,
      notBefore: now,
      leaseUntil: null,
      caseId: message.caseId ?? null,
      contactId: message.contactId ?? null,
      purpose: message.purpose ?? null,
      operatorId: message.operatorId ?? null,
      sentMessageId: null,
      createdAt: now,
    }));
  }

  /** `sent`, `dropped` (given up: the chat's next message may go) or `waiting` (retry later, or another sender has it). */
  async function deliver(row: OutboxRow): Promise<'sent' | 'dropped' | 'waiting'> {
    const now = clock.now();
    if (!(await store.lease(row.id, now, new Date(now.getTime() + LEASE_MS)))) return 'waiting';
    // Written before the person left, or by a step racing their exit: it never goes out, and is deleted.
    if (row.contactId !== null && !(await deps.mayReach(row))) {
      await store.drop(row.id);
      return 'dropped';
    }
    const payload: Record<string, unknown> = { ...JSON.parse(row.payload), chat_id: Number(identity.open(row.chatCipher)) };
    if (row.fromCipher) payload.from_chat_id = Number(identity.open(row.fromCipher));
    const result = await deps.call(row.method, payload);
    if (result.ok) {
      await store.sent(row.id, result.messageId, clock.now());
      if (row.contactId && result.messageId !== null) await deps.messages.record(row.contactId, [result.messageId], clock.now());
      return 'sent';
    }
    const reason = `${result.code}: ${result.description}`;
    if (result.code === 429) {
      await store.retry(row.id, new Date(clock.now().getTime() + (result.retryAfter ?? 5) * 1000), reason);
      return 'waiting';
    }
    if ((result.code === 0 || result.code >= 500) && row.attempts + 1 < MAX_ATTEMPTS) {
      await store.retry(row.id, new Date(clock.now().getTime() + backoffMs(row.attempts)), reason);
      return 'waiting';
    }
    // Refused for good (blocked, a bad request, an edit of a message that is gone): the chat goes on.
    await store.failed(row.id, reason);
    logger.warn({ method: row.method, code: result.code, case: row.caseId }, 'message given up');
    if (result.code === 403) await deps.onBlocked(row);
    return 'dropped';
  }

  /** Sends one chat's messages in order until one has to wait; returns how many were sent and whether any was settled. */
  async function drainChat(first: OutboxRow): Promise<{ sent: number; settled: boolean }> {
    let sent = 0;
    let settled = false;
    // The chat's messages are read a batch at a time, and sent one by one in order.
    for (let batch = [first]; batch.length > 0; batch = await store.next(first.chatKey, clock.now(), CHAT_BATCH)) {
      for (const row of batch) {
        const result = await deliver(row).catch((error) => (logger.error({ err: errorMessage(error) }, 'outbox delivery failed'), 'waiting' as const));
        if (result === 'waiting') return { sent, settled };
        settled = true;
        if (result === 'sent') sent += 1;
      }
    }
    return { sent, settled };
  }

  async function drain(): Promise<number> {
    let sent = 0;
    for (;;) {
      // Different chats concurrently, each chat strictly in order.
      const heads = await store.due(clock.now(), 50);
      if (heads.length === 0) return sent;
      const results = await Promise.all(heads.map(drainChat));
      sent += results.reduce((total, result) => total + result.sent, 0);
      if (!results.some((result) => result.settled)) return sent;
    }
  }

  let running: Promise<void> | undefined;
  let again = false;
  function kick() {
    if (running) {
      again = true;
      return;
    }
    running = (async () => {
      do {
        again = false;
        await drain().catch((error) => logger.error({ err: errorMessage(error) }, 'outbox drain failed'));
      } while (again);
    })().finally(() => (running = undefined));
  }

  return {
    prepare,
    enqueue: async (messages) => store.enqueue(prepare(messages)),
    drain,
    kick,
    idle: async () => {
      while (running) await running;
    },
  };
}
