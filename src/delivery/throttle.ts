/** At most `count` messages in any stretch of `ms` milliseconds. */
export interface Rate {
  count: number;
  ms: number;
}

/** How fast the outbox may write to Telegram; `null`: no limit of that kind. */
export interface RateLimits {
  /** To all chats together. Telegram: about 30 a second. */
  global: Rate | null;
  /** To one group, supergroup or channel (a negative chat id). Telegram: 20 a minute. */
  group: Rate | null;
  /**
   * To one private chat. Telegram asks for about one a second but allows short bursts,
   * and answers a sustained excess with a 429 that holds back only that chat (whose
   * retry_after the outbox stores): none by default, so that a briefing of several
   * parts reaches an operator at once, as it always did.
   */
  privateChat: Rate | null;
  /** 429s from this many different chats within `ms`: Telegram limits the bot as a whole, and every chat waits. */
  flood: { chats: number; ms: number };
}

export const TELEGRAM_LIMITS: RateLimits = {
  global: { count: 30, ms: 1000 },
  group: { count: 20, ms: 60_000 },
  privateChat: null,
  flood: { chats: 3, ms: 1000 },
};

/** The time the global limit keeps (monotonic milliseconds) and how it waits: the real ones, or a test's. */
export interface Pace {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realPace: Pace = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The times of the messages sent within the last `rate.ms`: no stretch of `rate.ms` ever holds more than `rate.count`. */
function slidingWindow(rate: Rate) {
  const times: number[] = [];
  const prune = (now: number) => {
    while (times.length > 0 && (times[0] ?? now) <= now - rate.ms) times.shift();
  };
  return {
    /** When the next message may go: `now` when it may go now. */
    readyAt(now: number): number {
      prune(now);
      return times.length < rate.count ? now : (times[0] ?? now) + rate.ms;
    },
    take: (now: number) => void times.push(now),
    idle(now: number): boolean {
      prune(now);
      return times.length === 0;
    },
  };
}

type Window = ReturnType<typeof slidingWindow>;
export type Turn = { go: true } | { go: false; waitMs: number };

/**
 * Telegram's limits, kept by one process's outbox. Written here rather than taken from
 * `bottleneck`, `limiter` or `p-throttle`: each of those reads Date.now and waits with
 * its own timers, none keeps a limit per chat with the outbox's stored deadlines, and
 * none pauses everything when Telegram says the bot as a whole is over its limit.
 *
 * The global limit is waited for in the drain (a turn, in the order asked), by `pace`;
 * a chat's limit is a stored deadline (its next message waits in the database while
 * the other chats go on), by the outbox's clock. Several processes each keep their own.
 */
export function createThrottle(limits: RateLimits, pace: Pace) {
  const global = limits.global ? slidingWindow(limits.global) : undefined;
  const chats = new Map<string, Window>();
  const tooManyAt = new Map<string, number>();
  let pausedUntil = -Infinity;
  let queue: Promise<unknown> = Promise.resolve();

  const rateOf = (chatId: number) => (chatId < 0 ? limits.group : limits.privateChat);

  async function wait(): Promise<Turn> {
    for (;;) {
      const now = pace.now();
      if (now < pausedUntil) return { go: false, waitMs: Math.ceil(pausedUntil - now) };
      const at = global ? global.readyAt(now) : now;
      if (at <= now) {
        global?.take(now);
        return { go: true };
      }
      await pace.sleep(at - now);
    }
  }

  return {
    /** A turn to send under the global limit, in the order asked; or how long everything waits after a flood. */
    turn(): Promise<Turn> {
      const mine = queue.then(wait);
      queue = mine.catch(() => undefined);
      return mine;
    },

    /** When the next message to the chat may go by its own limit (outbox clock, ms): `now` when now. */
    chatReadyAt(chatKey: string, chatId: number, now: number): number {
      return rateOf(chatId) ? (chats.get(chatKey)?.readyAt(now) ?? now) : now;
    },

    /** A message to the chat goes out now. */
    chatTake(chatKey: string, chatId: number, now: number): void {
      const rate = rateOf(chatId);
      if (!rate) return;
      let window = chats.get(chatKey);
      if (!window) {
        // Chats written to a while ago are forgotten, so that a broadcast leaves nothing behind.
        if (chats.size >= 1000) for (const [key, old] of chats) if (old.idle(now)) chats.delete(key);
        chats.set(chatKey, (window = slidingWindow(rate)));
      }
      window.take(now);
    },

    /** Telegram answered 429 for a chat; true when that makes a flood, and every chat now waits `retryAfterMs`. */
    tooMany(chatKey: string, retryAfterMs: number): boolean {
      const now = pace.now();
      for (const [key, at] of tooManyAt) if (at <= now - limits.flood.ms) tooManyAt.delete(key);
      tooManyAt.set(chatKey, now);
      if (tooManyAt.size < limits.flood.chats) return false;
      pausedUntil = Math.max(pausedUntil, now + retryAfterMs);
      return true;
    },

    /** Whether every chat waits after a flood. */
    paused: () => pace.now() < pausedUntil,
  };
}

export type Throttle = ReturnType<typeof createThrottle>;
