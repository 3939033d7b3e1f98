import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterEach } from 'vitest';
import type { DatabaseHealth } from '../../src/storage/database-health.js';
import type { BotStatus } from '../../src/transport/telegram/bot-service.js';

const URA_BIN = resolve(import.meta.dirname, '../../bin/ura.js');

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
function capture(child: ChildProcess): { stdout: string[]; stderr: string[]; all: string[] } {
  const lines = { stdout: [] as string[], stderr: [] as string[], all: [] as string[] };
  for (const stream of ['stdout', 'stderr'] as const) {
    createInterface({ input: child[stream]! }).on('line', (line) => {
      lines[stream].push(line);
      lines.all.push(line);
    });
  }
  return lines;
}

function spawnUra(args: string[], cwd: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [URA_BIN, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const output = capture(child);
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

export interface Reply {
  text: string;
  /** What the bot sent, as the emulator stored it (chat_id, text, protect_content...). */
  payload: Record<string, unknown>;
}

export interface Emulator {
  readonly server: TelegramServer;
  readonly apiRoot: string;
  /** Messages the bot sent to one chat, oldest first. */
  sentTo(chatId: number): Reply[];
  /** Polls until at least `count` messages reached the chat (bounded). */
  waitForSent(chatId: number, count: number, timeoutMs?: number): Promise<Reply[]>;
  stop(): Promise<void>;
}

export async function startEmulator(): Promise<Emulator> {
  const port = await freePort();
  const server = new TelegramServer({ port, host: '127.0.0.1' });
  await server.start();
  const sentTo = (chatId: number) =>
    server.storage.botMessages
      .filter((stored) => stored.botToken === TEST_TOKEN && String(stored.message.chat_id) === String(chatId))
      .map((stored) => ({ text: String(stored.message.text), payload: { ...stored.message } as Record<string, unknown> }));
  return {
    server,
    apiRoot: server.config.apiURL,
    sentTo,
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
  readonly languageCode: string;
  sendCommand(name: string): Promise<void>;
  sendText(text: string): Promise<void>;
  /** Waits until at least `count` replies arrived since the last call and returns those new ones. */
  waitForReplies(count: number, timeoutMs?: number): Promise<Reply[]>;
  /** Every reply this user's chat has received. */
  replies(): Reply[];
}

export interface HarnessOptions {
  /** Start an emulated Telegram and give Ura a token for it (default true). */
  telegram?: boolean;
  /** Only PORT and HOST, as on a machine where nothing was configured (plus `env`). */
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
  health(): Promise<Health>;
  user(options: { userId: number; languageCode: string; firstName: string }): EmulatedUser;
  /** SIGTERM, then SIGKILL if Ura has not exited in time; resolves with how it exited. */
  stopUra(): Promise<Exit>;
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

  const stopUra = () =>
    (stopping ??= (async () => {
      if (!ura) return { code: null, signal: null };
      ura.child.kill('SIGTERM');
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
      ...(options.bareEnv ? {} : { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? dir, LOG_LEVEL: 'info' }),
      ...(emulator ? { TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: emulator.apiRoot } : {}),
    };
    const env = { ...defaults, ...options.env };
    const url = `http://127.0.0.1:${env.PORT}`;
    ura = spawnUra(['start'], dir, env);
    void ura.exited.then((result) => (exit = result));

    const harness: Harness = {
      dir,
      url,
      emulator,
      output: ura.output.all,
      get exit() {
        return exit;
      },
      logs: () => ura!.output.all.flatMap(parseLogLine),
      health: async () => (await (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(2000) })).json()) as Health,
      user: (user) => emulatedUser(emulator, user),
      stopUra,
      stop,
    };
    const ready = options.ready ?? ((health: Health) => (telegram ? health.bot.state === 'running' : true));
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
    if (health?.bot.state === 'failed') throw new Error(`the bot failed to start: ${JSON.stringify(health.bot)}`);
    if (health) last = JSON.stringify(health);
    await sleep(100);
  }
  throw new Error(`Ura was not ready within ${STARTUP_MS} ms; last /healthz: ${last}`);
}

function emulatedUser(emulator: Emulator | undefined, options: { userId: number; languageCode: string; firstName: string }): EmulatedUser {
  if (!emulator) throw new Error('this harness runs without Telegram');
  const { userId, languageCode, firstName } = options;
  // A private chat has the user's id; the emulator's client leaves language_code out, so `from` is given whole.
  const client = emulator.server.getClient(TEST_TOKEN, { userId, chatId: userId, firstName, userName: `${firstName}_e2e`, type: 'private' });
  const from = { id: userId, is_bot: false, first_name: firstName, username: `${firstName}_e2e`, language_code: languageCode };
  let seen = 0;
  return {
    userId,
    firstName,
    languageCode,
    sendCommand: async (name) => void (await client.sendCommand(client.makeCommand(`/${name}`, { from }))),
    sendText: async (text) => void (await client.sendMessage(client.makeMessage(text, { from }))),
    async waitForReplies(count, timeoutMs) {
      const replies = (await emulator.waitForSent(userId, seen + count, timeoutMs)).slice(seen);
      seen += replies.length;
      return replies;
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
