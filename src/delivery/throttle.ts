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

/**
 * The global limit, kept the way Telegram counts it: by when messages arrive there, which
 * the outbox cannot see. A message arrives after its call starts and before its answer
 * comes back, so each call holds a place in the window from its start until `rate.ms`
 * after its answer: the next message starts no earlier than `rate.ms` after the answer to
 * the one `rate.count` places before it, and arrives at least `rate.ms` after it, however
 * long either took on the way. (Counted from the start of each call alone, a call slowed
 * on its way let the one `rate.count` later arrive within the same second: 40 refusals in
 * an announcement to 132 people, measured by the broadcast benchmark.)
 */
function callWindow(rate: Rate) {
  /** The calls in the window: when each one's answer came, Infinity while it is under way. */
  let calls: { answeredAt: number }[] = [];
  const waiters: (() => void)[] = [];
  return {
    /** When the next call may start (`now` when now); Infinity when it must wait for an answer. */
    readyAt(now: number): number {
      calls = calls.filter((call) => call.answeredAt > now - rate.ms);
      return calls.length < rate.count ? now : Math.min(...calls.map((call) => call.answeredAt)) + rate.ms;
    },
    /** A call starts; the function it returns is called with the time its answer came (once; later calls change nothing). */
    take(): (at: number) => void {
      const call = { answeredAt: Number.POSITIVE_INFINITY };
      calls.push(call);
      return (at) => {
        if (call.answeredAt !== Number.POSITIVE_INFINITY) return;
        call.answeredAt = at;
        for (const wake of waiters.splice(0)) wake();
      };
    },
    /** Resolves at the next answer. */
    answered: () => new Promise<void>((resolve) => void waiters.push(resolve)),
  };
}

/** A turn to send: `answered` must be called once the call's answer came (or it failed). */
export type Turn = { go: true; answered(): void } | { go: false; waitMs: number };

/**
 * Telegram's limits, kept by one process's outbox. Written here rather than taken from
 * `bottleneck`, `limiter` or `p-throttle`: each of those reads Date.now and waits with
 * its own timers, none keeps a limit per chat with the outbox's stored deadlines, and
 * none pauses everything when Telegram says the bot as a whole is over its limit, and
 * none counts a call until its answer comes (below).
 *
 * The global limit is waited for in the drain (a turn, in the order asked, held until the
 * call's answer), by `pace`;
 * a chat's limit is a stored deadline (its next message waits in the database while
 * the other chats go on), by the outbox's clock. Several processes each keep their own.
 */
export function createThrottle(limits: RateLimits, pace: Pace) {
  const global = limits.global ? callWindow(limits.global) : undefined;
  const chats = new Map<string, Window>();
  const tooManyAt = new Map<string, number>();
  let pausedUntil = -Infinity;
  let queue: Promise<unknown> = Promise.resolve();

  const rateOf = (chatId: number) => (chatId < 0 ? limits.group : limits.privateChat);

  async function wait(): Promise<Turn> {
    for (;;) {
      const now = pace.now();
      if (now < pausedUntil) return { go: false, waitMs: Math.ceil(pausedUntil - now) };
      if (!global) return { go: true, answered: () => undefined };
      const at = global.readyAt(now);
      if (at <= now) {
        const answered = global.take();
        return { go: true, answered: () => answered(pace.now()) };
      }
      // Every place is held by a call still under way: the next answer frees one a window later.
      await (at === Number.POSITIVE_INFINITY ? global.answered() : pace.sleep(at - now));
    }
  }

  return {
    /** A turn to send under the global limit, in the order asked (its `answered` called when the call is over); or how long everything waits after a flood. */
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
