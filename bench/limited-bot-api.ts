// A Bot API server, in this process, that holds Ura to Telegram's limits as strictly as
// they are published: at most 30 messages in any second to all chats together (a sliding
// window over the times requests arrive) and at most one a second to one chat. A message
// over either limit is refused with 429 and retry_after (whole seconds, as Telegram gives
// it), and does not count as sent. Only sendMessage is answered; the benchmarks send
// nothing else.
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';

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

export const TELEGRAM_PUBLISHED_LIMITS = { globalPerSecond: 30, perChatPerSecond: 1 } as const;
const WINDOW_MS = 1000;

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  return typeof parsed === 'object' && parsed !== null ? Object.fromEntries(Object.entries(parsed)) : {};
}

export async function startLimitedBotApi(): Promise<LimitedBotApi> {
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
      delivered = [];
      refusals = 0;
      listeners = [];
      recent = [];
      lastByChat = new Map();
    },
    close: async () => {
      server.closeAllConnections();
      server.close();
      await once(server, 'close');
    },
  };
}
