import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { InlineKeyboardButton } from 'grammy/types';
import { TelegramServer, type StoredBotUpdate } from 'telegram-test-api/lib/telegramServer.js';
import { afterEach } from 'vitest';
import type { DatabaseHealth } from '../../src/storage/database-health.js';
import type { BotStatus } from '../../src/transport/telegram/bot-service.js';

const URA_BIN = resolve(import.meta.dirname, '../../bin/ura.js');

/** The ADMIN_TOKEN the harness gives Ura, so that it can read /healthz's details. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** Looks like a real token (Ura validates its shape); only the emulator ever sees it. */
export const TEST_TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi';

const STARTUP_MS = 20_000;
// Above Ura's own 10 s grace for updates in progress, so a slow but clean stop is not killed.
const STOP_MS = 15_000;

// A hook that times out or a crashed test must not leave Ura running after the worker exits.
const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((child) => child.kill('SIGKILL')));

export interface Health {
  status: 'ok' | 'degraded';
  database: DatabaseHealth;
  bot: BotStatus;
}

export interface LogLine {
  level?: number;
  msg?: string;
  [field: string]: unknown;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const parseLogLine = (line: string): LogLine[] => {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? [value as LogLine] : [];
  } catch {
    return [];
  }
};

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', () => done()));
  const address = server.address();
  await new Promise((done) => server.close(done));
  if (typeof address !== 'object' || address === null) throw new Error('no port assigned');
  return address.port;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** Every line the child prints, stdout and stderr interleaved as they arrive. */
function capture(child: ChildProcess, lines = { stdout: [] as string[], stderr: [] as string[], all: [] as string[] }): { stdout: string[]; stderr: string[]; all: string[] } {
  for (const stream of ['stdout', 'stderr'] as const) {
    createInterface({ input: child[stream]! }).on('line', (line) => {
      lines[stream].push(line);
      lines.all.push(line);
    });
  }
  return lines;
}

/** `ura <args>` as a process of its own, killed when the test process exits; its output captured line by line. */
export function spawnUra(args: string[], cwd: string, env: Record<string, string>, lines?: ReturnType<typeof capture>) {
  const child = spawn(process.execPath, [URA_BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const output = capture(child, lines);
  const exited = new Promise<Exit>((done) =>
    child.once('exit', (code, signal) => {
      children.delete(child);
      done({ code, signal });
    }),
  );
  // Streams can still hold the last lines when 'exit' fires; 'close' comes after they drain.
  const closed = new Promise<void>((done) => child.once('close', () => done()));
  return { child, output, exited: exited.then(async (exit) => (await closed, exit)) };
}

/** Runs a one-shot command (`config check`, a failing `start`) in a fresh directory. */
export async function runUra(args: string[], env: Record<string, string>, timeoutMs = STARTUP_MS) {
  const dir = mkdtempSync(join(tmpdir(), 'ura-e2e-'));
  try {
    const { child, output, exited } = spawnUra(args, dir, env);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const exit = await exited.finally(() => clearTimeout(timer));
    return { ...exit, stdout: output.stdout, stderr: output.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface Button {
  text: string;
  /** The callback data the button sends back (empty for a link button). */
  data: string;
}

export interface Reply {
  text: string;
  /** What the bot sent, as the emulator stored it (chat_id, text, protect_content...). */
  payload: Record<string, unknown>;
  /** The id the emulator gave the message, the one Ura records and deletes. */
  messageId: number;
  /** Its inline buttons, row after row. */
  buttons: Button[];
}

/** A deleteMessage call the bot made, and whether that message was still in the chat. */
export interface Deletion {
  messageId: number;
  found: boolean;
}

export interface Emulator {
  readonly server: TelegramServer;
  readonly apiRoot: string;
  /** Messages the bot sent to one chat that are still there (not deleted), oldest first. */
  sentTo(chatId: number): Reply[];
  /** Every message the bot ever sent to one chat, deleted ones included, oldest first. */
  historyOf(chatId: number): Reply[];
  /** Polls until at least `count` messages reached the chat (bounded). */
  waitForSent(chatId: number, count: number, timeoutMs?: number): Promise<Reply[]>;
  /** The deleteMessage calls the bot made in one chat, in order. */
  deletionsIn(chatId: number): Deletion[];
  /** Ids of the messages the person wrote in one chat (commands, text) that are still there. */
  userMessagesIn(chatId: number): number[];
  /** The alerts (answerCallbackQuery with show_alert) the bot answered one chat's presses with, in order. */
  alertsTo(chatId: number): string[];
  stop(): Promise<void>;
}

interface AlertRequest {
  url?: string;
  body?: { callback_query_id?: string; text?: string; show_alert?: boolean };
}

const toReply = (stored: StoredBotUpdate): Reply => {
  const markup = stored.message.reply_markup;
  const rows = markup && 'inline_keyboard' in markup ? markup.inline_keyboard : [];
  return {
    text: String(stored.message.text),
    payload: { ...stored.message } as Record<string, unknown>,
    messageId: stored.messageId,
    buttons: rows.flat().map((button: InlineKeyboardButton) => ({ text: button.text, data: 'callback_data' in button ? button.callback_data : '' })),
  };
};

export async function startEmulator(): Promise<Emulator> {
  const port = await freePort();
  // The emulator forgets stored messages after storeTimeout seconds (60 by default),
  // which a slow run on a busy machine can reach; nothing here runs for ten minutes.
  const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
  await server.start();
  const inChat = (chatId: number) => (stored: StoredBotUpdate) => stored.botToken === TEST_TOKEN && String(stored.message.chat_id) === String(chatId);
  const sentTo = (chatId: number) => server.storage.botMessages.filter(inChat(chatId)).map(toReply);

  // What the emulator's storage cannot tell once a message is deleted: everything
  // the bot sent, and every deletion it asked for.
  const history: StoredBotUpdate[] = [];
  const addBotMessage = server.addBotMessage.bind(server);
  server.addBotMessage = (raw, token) => {
    const message = addBotMessage(raw, token);
    const stored = server.storage.botMessages.at(-1);
    if (stored) history.push(stored);
    return message;
  };
  // The emulator's own deleteMessage also matches button presses, which carry the id
  // of the next message, so it "deletes" a press instead of the bot's message with
  // that id. Telegram deletes messages only: the person's own and the bot's.
  const deletions = new Map<number, Deletion[]>();
  server.deleteMessage = (chatId, messageId) => {
    const user = server.storage.userMessages.find((update) => !('callbackQuery' in update) && Number(update.message.chat.id) === chatId && update.messageId === messageId);
    const bot = server.storage.botMessages.find((update) => inChat(chatId)(update) && update.messageId === messageId);
    if (user) server.removeUserMessage(user.updateId);
    else if (bot) server.removeBotMessage(bot.updateId);
    deletions.set(chatId, [...(deletions.get(chatId) ?? []), { messageId, found: Boolean(user ?? bot) }]);
    return Boolean(user ?? bot);
  };

  // The emulator answers answerCallbackQuery and forgets it; a refusal shown as an alert is what the person sees, so it is kept here, by the chat of the press.
  const alerts = new Map<number, string[]>();
  const app = (server as unknown as { webServer: unknown }).webServer as {
    _router: { stack: unknown[] };
    use(handler: (req: AlertRequest, res: { on(event: 'finish', done: () => void): void }, next: () => void) => void): void;
  };
  app.use((req, res, next) => {
    if (req.url?.split('?')[0]?.endsWith('/answerCallbackQuery'))
      res.on('finish', () => {
        const { callback_query_id: id, text, show_alert: shown } = req.body ?? {};
        const press = server.storage.userMessages.find((update) => 'callbackQuery' in update && String(update.callbackId) === String(id));
        const chatId = press && 'callbackQuery' in press ? Number(press.callbackQuery.message.chat.id) : undefined;
        if (chatId !== undefined && text && shown) alerts.set(chatId, [...(alerts.get(chatId) ?? []), String(text)]);
      });
    next();
  });
  // Added last, it has to run first (the body is parsed further down the stack by the time the answer is sent).
  app._router.stack.unshift(app._router.stack.pop());

  return {
    server,
    apiRoot: server.config.apiURL,
    alertsTo: (chatId) => [...(alerts.get(chatId) ?? [])],
    sentTo,
    historyOf: (chatId) => history.filter(inChat(chatId)).map(toReply),
    deletionsIn: (chatId) => [...(deletions.get(chatId) ?? [])],
    userMessagesIn: (chatId) => server.storage.userMessages.flatMap((update) => ('callbackQuery' in update || Number(update.message.chat.id) !== chatId ? [] : [update.messageId])),
    async waitForSent(chatId, count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (sentTo(chatId).length < count) {
        if (Date.now() > deadline) {
          const got = sentTo(chatId).map((reply) => reply.text);
          throw new Error(`chat ${chatId} got ${got.length} of ${count} messages within ${timeoutMs} ms: ${JSON.stringify(got)}`);
        }
        await sleep(50);
      }
      return sentTo(chatId);
    },
    stop: async () => void (await server.stop()),
  };
}

export interface EmulatedUser {
  readonly userId: number;
  readonly firstName: string;
  readonly username: string;
  readonly languageCode: string;
  /** A command with its arguments, without the slash: `start`, `start src_poster`. */
  sendCommand(name: string): Promise<void>;
  sendText(text: string): Promise<void>;
  /**
   * Presses the inline button with this callback data on the newest message of the
   * chat that shows it, as Telegram would send it; fails if no message shows one.
   */
  press(data: string): Promise<void>;
  /** Waits until at least `count` replies arrived since the last call and returns those new ones. */
  waitForReplies(count: number, timeoutMs?: number): Promise<Reply[]>;
  /**
   * Waits for the first reply since the last call that `until` accepts, and returns
   * the replies since the last call up to and including it.
   */
  waitForReply(until: (reply: Reply) => boolean, timeoutMs?: number): Promise<Reply[]>;
  /** Every reply this user's chat has received and still shows. */
  replies(): Reply[];
}

export interface UserOptions {
  userId: number;
  languageCode: string;
  firstName: string;
  /** The Telegram username; `<firstName>_e2e` unless given. */
  username?: string;
}

export interface HarnessOptions {
  /** Start an emulated Telegram and give Ura a token for it (default true). */
  telegram?: boolean;
  /** Only PORT and HOST, as on a machine where nothing was configured (plus `env`); no ADMIN_TOKEN either, so /healthz shows only the status. */
  bareEnv?: boolean;
  /** Added to the environment, overriding the defaults (PORT included). */
  env?: Record<string, string>;
  /** When Ura counts as started; by default the bot runs, or /healthz answers when Telegram is off. */
  ready?: (health: Health) => boolean;
}

export interface Harness {
  /** The temporary working directory, where Ura keeps data/. */
  readonly dir: string;
  readonly url: string;
  readonly emulator: Emulator | undefined;
  /** Everything Ura printed so far. */
  readonly output: string[];
  /** Set once Ura has exited. */
  readonly exit: Exit | undefined;
  logs(): LogLine[];
  /** /healthz as the harness sees it: with the details when Ura has an ADMIN_TOKEN (the default), only `status` otherwise. */
  health(): Promise<Health>;
  user(options: UserOptions): EmulatedUser;
  /** SIGTERM, then SIGKILL if Ura has not exited in time; resolves with how it exited. */
  stopUra(): Promise<Exit>;
  /**
   * Stops Ura with `signal` (SIGKILL: as a crash), runs `meanwhile` while it is down, and
   * starts it again on the same directory, environment and port; resolves once it is ready.
   */
  restartUra(signal: 'SIGTERM' | 'SIGKILL', meanwhile?: () => void | Promise<void>): Promise<Exit>;
  /** Stops Ura and the emulator and removes the directory; safe to call more than once. */
  stop(): Promise<void>;
}

/** Starts Ura as it really runs: `node bin/ura.js start` in a fresh directory, as a child process. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const telegram = options.telegram ?? true;
  const dir = mkdtempSync(join(tmpdir(), 'ura-e2e-'));
  let emulator: Emulator | undefined;
  let ura: ReturnType<typeof spawnUra> | undefined;
  let exit: Exit | undefined;
  let stopping: Promise<Exit> | undefined;
  let stopped: Promise<void> | undefined;

  const lines = { stdout: [] as string[], stderr: [] as string[], all: [] as string[] };
  const stopUra = (signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM') =>
    (stopping ??= (async () => {
      if (!ura) return { code: null, signal: null };
      ura.child.kill(signal);
      const timer = setTimeout(() => ura?.child.kill('SIGKILL'), STOP_MS);
      exit = await ura.exited.finally(() => clearTimeout(timer));
      return exit;
    })());
  const stop = () =>
    (stopped ??= (async () => {
      try {
        await stopUra();
      } finally {
        await emulator?.stop().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      }
    })());

  try {
    emulator = telegram ? await startEmulator() : undefined;
    const defaults: Record<string, string> = {
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      ...(options.bareEnv ? {} : { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, LOG_LEVEL: 'info', ADMIN_TOKEN: TEST_ADMIN_TOKEN }),
      ...(emulator ? { TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: emulator.apiRoot } : {}),
    };
    const env = { ...defaults, ...options.env };
    const url = `http://127.0.0.1:${env.PORT}`;
    const launch = () => {
      const started = spawnUra(['start'], dir, env, lines);
      void started.exited.then((result) => {
        if (ura === started) exit = result;
      });
      return started;
    };
    ura = launch();

    const ready = options.ready ?? ((health: Health) => (telegram ? health.bot.state === 'running' : true));
    const harness: Harness = {
      dir,
      url,
      emulator,
      output: lines.all,
      get exit() {
        return exit;
      },
      logs: () => lines.all.flatMap(parseLogLine),
      health: async () => {
        const headers: Record<string, string> = env.ADMIN_TOKEN ? { authorization: `Bearer ${env.ADMIN_TOKEN}` } : {};
        return (await (await fetch(`${url}/healthz`, { headers, signal: AbortSignal.timeout(2000) })).json()) as Health;
      },
      user: (user) => emulatedUser(emulator, user),
      stopUra: () => stopUra(),
      async restartUra(signal, meanwhile) {
        const stopped = await stopUra(signal);
        await meanwhile?.();
        stopping = undefined;
        exit = undefined;
        ura = launch();
        await waitUntilReady(harness, ready);
        return stopped;
      },
      stop,
    };
    await waitUntilReady(harness, ready);
    return harness;
  } catch (error) {
    await stop();
    const output = ura ? ura.output.all.join('\n') : '(not started)';
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- Ura output ---\n${output}`);
  }
}

async function waitUntilReady(harness: Harness, ready: (health: Health) => boolean): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (harness.exit) throw new Error(`Ura exited during start-up (code ${harness.exit.code}, signal ${harness.exit.signal})`);
    const health = await harness.health().catch((error: unknown) => void (last = String(error)));
    if (health && ready(health)) return;
    if (health?.bot?.state === 'failed') throw new Error(`the bot failed to start: ${JSON.stringify(health.bot)}`);
    if (health) last = JSON.stringify(health);
    await sleep(100);
  }
  throw new Error(`Ura was not ready within ${STARTUP_MS} ms; last /healthz: ${last}`);
}

function emulatedUser(emulator: Emulator | undefined, options: UserOptions): EmulatedUser {
  if (!emulator) throw new Error('this harness runs without Telegram');
  const { userId, languageCode, firstName } = options;
  const username = options.username ?? `${firstName}_e2e`;
  // A private chat has the user's id; the emulator's client leaves language_code out, so `from` is given whole.
  const client = emulator.server.getClient(TEST_TOKEN, { userId, chatId: userId, firstName, userName: username, type: 'private' });
  const from = { id: userId, is_bot: false, first_name: firstName, username, language_code: languageCode };
  const chat = { id: userId, type: 'private' as const, first_name: firstName, username };
  // Counted in everything the chat received, so that deleting messages does not move it.
  let seen = 0;
  const describe = (replies: Reply[]) => JSON.stringify(replies.map((reply) => reply.text.slice(0, 80)));
  return {
    userId,
    firstName,
    username,
    languageCode,
    sendCommand: async (name) => void (await client.sendCommand(client.makeCommand(`/${name}`, { from }))),
    sendText: async (text) => void (await client.sendMessage(client.makeMessage(text, { from }))),
    async press(data) {
      const carrying = emulator
        .sentTo(userId)
        .reverse()
        .find((reply) => reply.buttons.some((button) => button.data === data));
      if (!carrying) {
        const offered = emulator
          .sentTo(userId)
          .at(-1)
          ?.buttons.map((button) => button.data);
        throw new Error(`chat ${userId} shows no button "${data}"; the last message offers ${JSON.stringify(offered ?? [])}`);
      }
      const message = { message_id: carrying.messageId, date: Math.floor(Date.now() / 1000), chat, text: carrying.text };
      await client.sendCallback(client.makeCallbackQuery(data, { from, message }));
    },
    async waitForReplies(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (emulator.historyOf(userId).length < seen + count) {
        if (Date.now() > deadline) {
          const got = emulator.historyOf(userId).slice(seen);
          throw new Error(`chat ${userId} got ${got.length} of ${count} new messages within ${timeoutMs} ms: ${describe(got)}`);
        }
        await sleep(25);
      }
      const replies = emulator.historyOf(userId).slice(seen);
      seen += replies.length;
      return replies;
    },
    async waitForReply(until, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const fresh = emulator.historyOf(userId).slice(seen);
        const index = fresh.findIndex(until);
        if (index >= 0) {
          seen += index + 1;
          return fresh.slice(0, index + 1);
        }
        if (Date.now() > deadline) throw new Error(`chat ${userId} did not get the awaited message within ${timeoutMs} ms; new messages: ${describe(fresh)}`);
        await sleep(25);
      }
    },
    replies: () => emulator.sentTo(userId),
  };
}

/** Prints what Ura logged when a test fails: the test's own message rarely says why a child process misbehaved. */
export function printOutputOnFailure(harness: () => Harness | undefined): void {
  afterEach(({ task }) => {
    const output = harness()?.output;
    if (task.result?.state === 'fail' && output) console.error(`--- Ura output (${task.name}) ---\n${output.join('\n')}`);
  });
}
