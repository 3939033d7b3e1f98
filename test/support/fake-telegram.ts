import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Update } from 'grammy/types';
import { TEST_BOT_INFO } from './bot-api.js';

/** A Bot API call Ura made, in the order it arrived. */
export interface FakeCall {
  method: string;
  payload: Record<string, unknown>;
  /**
   * The path before `/bot<token>/` in the call's address: several processes given
   * TELEGRAM_API_ROOT with different paths (`<apiRoot>/a`, `<apiRoot>/b`) are told apart by it.
   */
  origin: string;
  /** When it arrived (Date.now()). */
  at: number;
  /**
   * For a call to a chat (chat_id): the webhook delivery to that chat posted last
   * before it, the update and which try of it. A chat has one delivery at a time,
   * so this is the update the call answers.
   */
  during?: { updateId: number; attempt: number };
}

export interface FakeTelegramOptions {
  /** The pause before a refused webhook delivery is posted again. */
  webhookRetryMs?: number;
  /**
   * Webhook deliveries in flight at once (Telegram's max_connections), never two of
   * one chat: its updates still go one after the other, in order. 1 by default: every
   * update waits for the one before it, whatever its chat.
   */
  maxConnections?: number;
  /**
   * Asked about every call before it is answered: a promise holds the call until it
   * settles. A call whose caller hung up meanwhile (the process died) never reached
   * Telegram: it is neither recorded nor answered.
   */
  hold?: (call: FakeCall) => Promise<void> | undefined;
}

export interface FakeChat {
  readonly chatId: number;
  sendText(text: string): Update;
  sendCommand(name: string): Update;
  press(data: string): Update;
}

/**
 * A Bot API server small enough to reason about, with what telegram-test-api lacks
 * and the outage tests need: `getUpdates` keeps every update until a later call's
 * offset acknowledges it (as Telegram does), and in webhook mode an update is posted
 * again, in order, until Ura answers it with a 2xx.
 */
export interface FakeTelegram {
  readonly apiRoot: string;
  readonly calls: FakeCall[];
  /** Texts sent to one chat (sendMessage and copies of text), in order. */
  textsTo(chatId: number): string[];
  chat(chatId: number, languageCode?: string): FakeChat;
  /** Answers `getUpdates` with this Telegram error (409, 401...) until `heal()`. */
  failGetUpdates(code: number, description: string): void;
  heal(): void;
  /** Called with each non-empty batch `getUpdates` serves, and with each offset that acknowledged updates. */
  onServed(listener: (updates: Update[]) => void): void;
  onAcknowledged(listener: (offset: number) => void): void;
  /** Updates Telegram still holds (not yet acknowledged or answered). */
  pending(): Update[];
  /** Webhook deliveries Ura refused (non-2xx answers or no answer). */
  readonly refusedDeliveries: { updateId: number; status: number }[];
  /** How many times each update was posted to the webhook, answered or not. */
  readonly attempts: ReadonlyMap<number, number>;
  /** Called with every call as it is recorded. */
  onCall(listener: (call: FakeCall) => void): void;
  close(): Promise<void>;
}

const readBody = async (req: IncomingMessage): Promise<Record<string, unknown>> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  return req.headers['content-type']?.includes('json') ? JSON.parse(text) : Object.fromEntries(new URLSearchParams(text));
};

/** The chat an update belongs to, as Telegram orders webhook deliveries by it. */
const chatOf = (update: Update): number | undefined => update.message?.chat.id ?? update.callback_query?.message?.chat.id ?? update.callback_query?.from.id;

export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const calls: FakeCall[] = [];
  const callListeners: ((call: FakeCall) => void)[] = [];
  let updates: Update[] = [];
  let nextUpdateId = 500_000;
  let nextMessageId = 1;
  let failure: { error_code: number; description: string } | undefined;
  let webhook: { url: string; secret: string } | undefined;
  const served: ((updates: Update[]) => void)[] = [];
  const acknowledged: ((offset: number) => void)[] = [];
  const waiters = new Set<() => void>();
  const refusedDeliveries: { updateId: number; status: number }[] = [];
  let closed = false;

  const push = (update: Update) => {
    updates.push(update);
    for (const wake of [...waiters]) wake();
    deliver();
    return update;
  };

  // Webhook mode: an update is posted until Ura answers 2xx, then the next of its chat.
  // Up to maxConnections deliveries at once, each to a different chat, oldest first;
  // with one, every update waits for the one before it.
  const maxConnections = options.maxConnections ?? 1;
  const attempts = new Map<number, number>();
  const lastDelivery = new Map<number | undefined, { updateId: number; attempt: number }>();
  const busyChats = new Set<number | undefined>();
  let inFlight = 0;
  function deliver(): void {
    while (webhook && !closed && inFlight < maxConnections) {
      const next = updates.find((update) => !busyChats.has(chatOf(update)));
      if (!next) return;
      void post(next, webhook);
    }
  }
  async function post(update: Update, target: { url: string; secret: string }): Promise<void> {
    const chat = chatOf(update);
    inFlight += 1;
    busyChats.add(chat);
    try {
      const attempt = (attempts.get(update.update_id) ?? 0) + 1;
      attempts.set(update.update_id, attempt);
      lastDelivery.set(chat, { updateId: update.update_id, attempt });
      const status = await fetch(target.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': target.secret },
        body: JSON.stringify(update),
        signal: AbortSignal.timeout(60_000),
      }).then(
        (res) => res.status,
        () => 0,
      );
      if (status >= 200 && status < 300) updates = updates.filter((kept) => kept !== update);
      else {
        refusedDeliveries.push({ updateId: update.update_id, status });
        // The chat stays busy meanwhile: its later updates do not overtake this one.
        await new Promise((done) => setTimeout(done, options.webhookRetryMs ?? 500));
      }
    } finally {
      inFlight -= 1;
      busyChats.delete(chat);
      deliver();
    }
  }

  async function getUpdates(payload: Record<string, unknown>): Promise<Update[]> {
    const offset = Number(payload.offset ?? 0);
    const before = updates.length;
    if (offset > 0) updates = updates.filter((update) => update.update_id >= offset);
    if (updates.length < before) for (const listener of acknowledged) listener(offset);
    const timeoutMs = Math.min(Number(payload.timeout ?? 0), 1) * 1000;
    if (updates.length === 0 && timeoutMs > 0) {
      await new Promise<void>((done) => {
        const wake = () => {
          waiters.delete(wake);
          clearTimeout(timer);
          done();
        };
        const timer = setTimeout(wake, timeoutMs);
        waiters.add(wake);
      });
    }
    const batch = updates.slice(0, Number(payload.limit ?? 100));
    if (batch.length > 0) for (const listener of served) listener(batch);
    return batch;
  }

  const result = (method: string, payload: Record<string, unknown>): unknown => {
    if (method === 'getMe') return TEST_BOT_INFO;
    if (method === 'sendMessage' || method === 'copyMessage' || method === 'editMessageText') {
      return { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: Number(payload.chat_id), type: 'private' }, text: payload.text };
    }
    return true;
  };

  const server: Server = createServer((req, res) => {
    void (async () => {
      const [, origin = '', method = ''] = /^(.*?)\/bot[^/]+\/(\w+)/.exec(req.url ?? '') ?? [];
      const payload = await readBody(req);
      const answer = (body: unknown) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (method === 'getUpdates') {
        if (failure) return answer({ ok: false, ...failure });
        return answer({ ok: true, result: await getUpdates(payload) });
      }
      const chatId = payload.chat_id === undefined ? undefined : Number(payload.chat_id);
      const during = chatId === undefined ? undefined : lastDelivery.get(chatId);
      const call: FakeCall = { method, payload, origin, at: Date.now(), ...(during ? { during } : {}) };
      const held = options.hold?.(call);
      if (held) {
        let hungUp = false;
        res.once('close', () => void (hungUp = !res.writableEnded));
        await held;
        if (hungUp || req.socket.destroyed) return;
        call.at = Date.now();
      }
      calls.push(call);
      for (const listener of callListeners) listener(call);
      if (method === 'setWebhook') {
        webhook = { url: String(payload.url), secret: String(payload.secret_token) };
        deliver();
      }
      if (method === 'deleteWebhook') webhook = undefined;
      answer({ ok: true, result: result(method, payload) });
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const chat = (chatId: number, languageCode = 'sq'): FakeChat => {
    const from = { id: chatId, is_bot: false, first_name: 'Fake', language_code: languageCode };
    const privateChat = { id: chatId, type: 'private' as const, first_name: 'Fake' };
    const message = (text: string, command = false) =>
      push({
        update_id: nextUpdateId++,
        message: {
          message_id: nextMessageId++,
          date: Math.floor(Date.now() / 1000),
          from,
          chat: privateChat,
          text,
          ...(command ? { entities: [{ type: 'bot_command' as const, offset: 0, length: text.split(' ')[0]!.length }] } : {}),
        },
      });
    return {
      chatId,
      sendText: (text) => message(text),
      sendCommand: (name) => message(`/${name}`, true),
      press: (data) =>
        push({
          update_id: nextUpdateId++,
          callback_query: {
            id: String(nextUpdateId),
            from,
            chat_instance: 'fake',
            data,
            message: { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: privateChat, text: 'previous' },
          },
        }),
    };
  };

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    calls,
    textsTo: (chatId) => calls.filter((call) => call.method === 'sendMessage' && String(call.payload.chat_id) === String(chatId)).map((call) => String(call.payload.text)),
    chat,
    failGetUpdates: (code, description) => void (failure = { error_code: code, description }),
    heal: () => void (failure = undefined),
    onServed: (listener) => void served.push(listener),
    onAcknowledged: (listener) => void acknowledged.push(listener),
    pending: () => [...updates],
    refusedDeliveries,
    attempts,
    onCall: (listener) => void callListeners.push(listener),
    async close() {
      closed = true;
      for (const wake of [...waiters]) wake();
      server.closeAllConnections();
      await new Promise((done) => server.close(done));
    },
  };
}
