// A Bot API server, in this process, that holds Ura to Telegram's limits as strictly as
// they are published: at most 30 messages in any second to all chats together (a sliding
// window over the times requests arrive) and at most one a second to one chat. A message
// over either limit is refused with 429 and retry_after (whole seconds, as Telegram gives
// it), and does not count as sent. Only sendMessage is answered, unless the server is
// given updates to offer (`feed`): then it also answers getUpdates from them (long
// polling, acknowledged by the offset of the next call, as Telegram does) and the calls a
// bot makes as it starts (getMe, setMyCommands, deleteWebhook).
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { Update, UserFromGetMe } from 'grammy/types';

export interface Arrival {
  chatId: number;
  text: string;
  /** performance.now() when the request arrived. */
  at: number;
}

export interface LimitedBotApi {
  readonly apiRoot: string;
  /** Messages accepted, in the order they arrived. */
  readonly delivered: readonly Arrival[];
  /** How many messages were refused with 429. */
  refused(): number;
  /** Called with each accepted message, as it arrives. */
  onDelivered(listener: (arrival: Arrival) => void): void;
  /** Forgets every message and listener: a new run starts with empty windows. */
  reset(): void;
  close(): Promise<void>;
}

/** Updates the server offers through getUpdates: `offer` makes one available now. */
export interface UpdateFeed {
  bot: UserFromGetMe;
  /** Called by the server: it keeps each offered update until a later offset acknowledges it. */
  attach(offer: (update: Update) => void): void;
}

/** The most updates one getUpdates answer holds (Telegram's default and maximum). */
const UPDATES_PER_CALL = 100;

export const TELEGRAM_PUBLISHED_LIMITS = { globalPerSecond: 30, perChatPerSecond: 1 } as const;
const WINDOW_MS = 1000;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  return typeof parsed === 'object' && parsed !== null ? Object.fromEntries(Object.entries(parsed)) : {};
}

export async function startLimitedBotApi(feed?: UpdateFeed): Promise<LimitedBotApi> {
  /** Offered and not yet acknowledged, in update_id order; long polls waiting for one. */
  let pending: Update[] = [];
  const pollers: (() => void)[] = [];
  feed?.attach((update) => {
    pending.push(update);
    for (const wake of pollers.splice(0)) wake();
  });
  let delivered: Arrival[] = [];
  let refusals = 0;
  let listeners: ((arrival: Arrival) => void)[] = [];
  /** Arrival times of the messages accepted within the last second, to all chats and per chat. */
  let recent: number[] = [];
  let lastByChat = new Map<number, number>();
  let nextMessageId = 1;

  /** How long until a message to `chatId` arriving `at` may be accepted: 0 when now. */
  function waitMs(chatId: number, at: number): number {
    recent = recent.filter((time) => time > at - WINDOW_MS);
    const global = recent.length < TELEGRAM_PUBLISHED_LIMITS.globalPerSecond ? 0 : (recent[0] ?? at) + WINDOW_MS - at;
    const last = lastByChat.get(chatId);
    const chat = last === undefined ? 0 : Math.max(0, last + WINDOW_MS / TELEGRAM_PUBLISHED_LIMITS.perChatPerSecond - at);
    return Math.max(global, chat);
  }

  const server = createServer(async (req, res) => {
    const at = performance.now();
    const method = req.url?.split('/').at(-1) ?? '';
    const body = await readJson(req);
    const answer = (status: number, payload: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    if (feed && method === 'getUpdates') {
      const offset = Number(body.offset ?? 0);
      pending = pending.filter((update) => update.update_id >= offset);
      if (pending.length === 0) {
        const timeoutMs = Math.min(Number(body.timeout ?? 0), 1) * 1000;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, timeoutMs);
          pollers.push(() => (clearTimeout(timer), resolve()));
        });
      }
      answer(200, { ok: true, result: pending.slice(0, UPDATES_PER_CALL) });
      return;
    }
    if (feed && method === 'getMe') return answer(200, { ok: true, result: feed.bot });
    if (feed && (method === 'setMyCommands' || method === 'deleteWebhook')) return answer(200, { ok: true, result: true });
    const chatId = Number(body.chat_id);
    if (method !== 'sendMessage' || !Number.isFinite(chatId)) {
      answer(400, { ok: false, error_code: 400, description: `Bad Request: ${method} is not answered here` });
      return;
    }
    const wait = waitMs(chatId, at);
    if (wait > 0) {
      refusals += 1;
      const retryAfter = Math.ceil(wait / 1000);
      answer(429, { ok: false, error_code: 429, description: `Too Many Requests: retry after ${retryAfter}`, parameters: { retry_after: retryAfter } });
      return;
    }
    recent.push(at);
    lastByChat.set(chatId, at);
    const arrival = { chatId, text: String(body.text ?? ''), at };
    delivered.push(arrival);
    for (const listener of listeners) listener(arrival);
    answer(200, { ok: true, result: { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: 'private' }, text: arrival.text } });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    get delivered() {
      return delivered;
    },
    refused: () => refusals,
    onDelivered: (listener) => void listeners.push(listener),
    reset() {
      pending = [];
      delivered = [];
      refusals = 0;
      listeners = [];
      recent = [];
      lastByChat = new Map();
    },
    close: async () => {
      // A long poll still waiting is answered (empty) first: a bot that stopped then sees
      // its last getUpdates end, rather than a network error its client retries for minutes.
      for (const wake of pollers.splice(0)) wake();
      await new Promise((resolve) => setTimeout(resolve, 50));
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
