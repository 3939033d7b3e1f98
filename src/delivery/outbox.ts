import type { Clock } from '../shared/clock.js';
import type { IdentityProtector } from '../shared/crypto.js';
import { errorMessage } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { sequentialId } from '../shared/sequence.js';
import { GIVES_WAY_MS, type Outgoing, type OutboxRow, type OutboxStore, type Priority } from './model.js';
import { createThrottle, realPace, TELEGRAM_LIMITS, type Pace, type RateLimits } from './throttle.js';

/** What Telegram answered, reduced to what the outbox decides on. */
export type Delivery = { ok: true; messageId: number | null } | { ok: false; code: number; description: string; retryAfter?: number };

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
/** How many chats a drain serves at once. */
const CHATS_AT_ONCE = 50;
/** How many of one chat's messages are read at once. */
const CHAT_BATCH = 20;
const backoffMs = (attempts: number) => Math.min(2 ** (attempts + 1) * 1000, 5 * 60_000);

/**
 * What an area asks of the outbox for the messages it sends: their purposes, and the
 * checks and notes that go with them. The outbox knows no area; each registers its own.
 */
export interface DeliveryRules {
  /** The purposes of the area's messages (`Outgoing.purpose`), each with its priority; each belongs to one area. */
  purposes: Readonly<Record<string, Priority>>;
  /** Whether a message to its recipient may still go out (not once they left); asked just before each is sent. */
  mayReach?(row: OutboxRow): Promise<boolean>;
  /** Telegram refused a message for good because its chat blocked the bot. */
  onBlocked?(row: OutboxRow): Promise<void>;
  /** A message to a recipient went out (its id is noted, so that it can be deleted from their chat later). */
  onSent?(row: OutboxRow, messageId: number, at: Date): Promise<void>;
}

export interface Outbox {
  /** An area's rules for its purposes; a purpose no area registered cannot be sent. */
  register(rules: DeliveryRules): void;
  /** The key the outbox stores a chat under: an area finds the messages to a chat by it. */
  chatKey(chatId: number): string;
  /** Seals the chat ids and gives each message its place in its chat's order. */
  prepare(messages: Outgoing[]): OutboxRow[];
  enqueue(messages: Outgoing[]): Promise<void>;
  /**
   * Sends what is due (one message per chat at a time, in order; the chats whose turn comes
   * first, first) until nothing is; returns how many were sent. Without a way to Telegram, none.
   */
  drain(): Promise<number>;
  /** Starts a drain now unless one is running, in which case it runs once more after it. */
  kick(): void;
  /** Resolves when the drain in progress (if any) is over. */
  idle(): Promise<void>;
}

export interface OutboxDeps {
  store: OutboxStore;
  /**
   * How the outbox reaches Telegram. None while Telegram is off (no bot token): messages
   * are stored as ever and nothing tries to send them (a failed try would spend one of a
   * message's attempts, and after the last it is given up), so they stay pending,
   * untouched, until a process with a way to Telegram sends them.
   */
  call?: BotCall;
  identity: IdentityProtector;
  clock: Clock;
  logger: Logger;
  /** Telegram's limits unless told otherwise (`null` for a kind: none). */
  limits?: Partial<RateLimits>;
  /** The time the global limit keeps and how the drain waits for it: the real ones unless a test gives its own. */
  pace?: Pace;
}

export function createOutbox(deps: OutboxDeps): Outbox {
  const { store, identity, clock, logger } = deps;
  const limits = { ...TELEGRAM_LIMITS, ...deps.limits };
  // A drain serves no more chats at once than the global limit lets through in one
  // stretch, so that no message waits for its turn anywhere near as long as its lease.
  if (limits.global && limits.global.ms > LEASE_MS - SEND_TIMEOUT_MS) throw new Error(`a global limit over ${LEASE_MS - SEND_TIMEOUT_MS} ms would outlast a lease`);
  const chatsAtOnce = Math.min(CHATS_AT_ONCE, limits.global?.count ?? CHATS_AT_ONCE);
  const throttle = createThrottle(limits, deps.pace ?? realPace);
  const areas = new Map<string, DeliveryRules>();
  const chatKey = (chatId: number) => identity.hashId('chat', chatId);

  function register(rules: DeliveryRules) {
    for (const purpose of Object.keys(rules.purposes)) {
      if (areas.has(purpose)) throw new Error(`the outbox purpose "${purpose}" is registered twice`);
      areas.set(purpose, rules);
    }
  }

  function prepare(messages: Outgoing[]): OutboxRow[] {
    const now = clock.now();
    return messages.map((message) => {
      const priority = areas.get(message.purpose)?.purposes[message.purpose];
      if (!priority) throw new Error(`no area registered the outbox purpose "${message.purpose}"`);
      return {
        id: sequentialId(now),
        chatKey: chatKey(message.chatId),
        chatCipher: identity.seal(String(message.chatId)),
        method: message.method,
        payload: JSON.stringify(message.payload),
        fromCipher: message.fromChatId === undefined ? null : identity.seal(String(message.fromChatId)),
        dedupeKey: message.dedupeKey,
        status: 'pending',
        attempts: 0,
        notBefore: now,
        turnAt: new Date(now.getTime() + GIVES_WAY_MS[priority]),
        leaseUntil: null,
        purpose: message.purpose,
        topic: message.topic ?? null,
        recipientId: message.recipientId ?? null,
        sentMessageId: null,
        createdAt: now,
      };
    });
  }

  const later = (ms: number) => new Date(clock.now().getTime() + ms);

  /** `sent`, `dropped` (given up: the chat's next message may go) or `waiting` (retry later, or another sender has it). */
  async function deliver(row: OutboxRow, call: BotCall): Promise<'sent' | 'dropped' | 'waiting'> {
    const now = clock.now();
    if (!(await store.lease(row.id, now, new Date(now.getTime() + LEASE_MS)))) return 'waiting';
    const rules = areas.get(row.purpose);
    if (!rules) {
      // Written by an area this process does not run: never sent without that area's checks.
      await store.failed(row.id, `no area sends "${row.purpose}"`);
      logger.error({ purpose: row.purpose }, 'outbox message of an unknown purpose given up');
      return 'dropped';
    }
    // Written before its recipient left, or by a step racing their exit: it never goes out, and is deleted
    // at once (before any limit makes it wait).
    if (row.recipientId !== null && rules.mayReach && !(await rules.mayReach(row))) {
      await store.drop(row.id);
      return 'dropped';
    }
    const chatId = Number(identity.open(row.chatCipher));
    // The chat's own limit (a group's 20 a minute): it waits in the database, the other chats go on.
    const readyAt = throttle.chatReadyAt(row.chatKey, chatId, now.getTime());
    if (readyAt > now.getTime()) {
      await store.postpone(row.id, new Date(readyAt));
      return 'waiting';
    }
    const payload: Record<string, unknown> = { ...JSON.parse(row.payload), chat_id: chatId };
    if (row.fromCipher) payload.from_chat_id = Number(identity.open(row.fromCipher));
    const turn = await throttle.turn();
    if (!turn.go) {
      await store.postpone(row.id, later(turn.waitMs));
      return 'waiting';
    }
    throttle.chatTake(row.chatKey, chatId, clock.now().getTime());
    // The call holds its place under the global limit until its answer comes, whatever the answer.
    const result = await call(row.method, payload).finally(turn.answered);
    if (result.ok) {
      await store.sent(row.id, result.messageId, clock.now());
      if (row.recipientId !== null && result.messageId !== null) await rules.onSent?.(row, result.messageId, clock.now());
      return 'sent';
    }
    const reason = `${result.code}: ${result.description}`;
    if (result.code === 429) {
      const waitMs = (result.retryAfter ?? 5) * 1000;
      await store.retry(row.id, later(waitMs), reason);
      if (throttle.tooMany(row.chatKey, waitMs)) logger.warn({ retryAfter: waitMs / 1000 }, 'Telegram limits the bot as a whole: every chat waits');
      return 'waiting';
    }
    if ((result.code === 0 || result.code >= 500) && row.attempts + 1 < MAX_ATTEMPTS) {
      await store.retry(row.id, later(backoffMs(row.attempts)), reason);
      return 'waiting';
    }
    // Refused for good (blocked, a bad request, an edit of a message that is gone): the chat goes on.
    await store.failed(row.id, reason);
    logger.warn({ method: row.method, code: result.code, purpose: row.purpose, topic: row.topic }, 'message given up');
    if (result.code === 403) await rules.onBlocked?.(row);
    return 'dropped';
  }

  /** Sends one chat's messages in order until one has to wait; returns how many were sent and whether any was settled. */
  async function drainChat(first: OutboxRow, call: BotCall): Promise<{ sent: number; settled: boolean }> {
    let sent = 0;
    let settled = false;
    // The chat's messages are read a batch at a time, and sent one by one in order.
    for (let batch = [first]; batch.length > 0; batch = await store.next(first.chatKey, clock.now(), CHAT_BATCH)) {
      for (const row of batch) {
        const result = await deliver(row, call).catch((error) => (logger.error({ err: errorMessage(error) }, 'outbox delivery failed'), 'waiting' as const));
        if (result === 'waiting') return { sent, settled };
        settled = true;
        if (result === 'sent') sent += 1;
      }
    }
    return { sent, settled };
  }

  async function drain(): Promise<number> {
    const { call } = deps;
    // No way to Telegram: what is queued waits, untouched.
    if (!call) return 0;
    let sent = 0;
    // After a flood every chat waits; the next drain after the pause (a tick, a new message) goes on.
    while (!throttle.paused()) {
      // Different chats concurrently, each chat strictly in order.
      const heads = await store.due(clock.now(), chatsAtOnce);
      if (heads.length === 0) return sent;
      const results = await Promise.all(heads.map((head) => drainChat(head, call)));
      sent += results.reduce((total, result) => total + result.sent, 0);
      if (!results.some((result) => result.settled)) return sent;
    }
    return sent;
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
    register,
    chatKey,
    prepare,
    enqueue: async (messages) => store.enqueue(prepare(messages)),
    drain,
    kick,
    idle: async () => {
      while (running) await running;
    },
  };
}
