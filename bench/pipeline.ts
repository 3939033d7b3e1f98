// Benchmark `pipeline`: the cost of Ura's update pipeline over grammY alone.
//
// N synthetic private-chat updates from a fixed set of users (/start and plain
// text, in a seeded random order) go through bot.handleUpdate of
//   - a bare grammY bot that answers every text message with ctx.reply, and
//   - Ura's bot from createBot with its real dependencies: a migrated database
//     (SQLite file; PostgreSQL schema when TEST_DATABASE_URL is set), sessions,
//     contacts, identity protection, i18n and a silent logger,
// both talking to the in-process fake Bot API of test/support/bot-api.ts, so no
// network is involved. Each system runs sequentially (one update at a time) and
// with 8 updates in flight, as the grammY runner processes different chats
// concurrently; Ura's own sequentialize() keeps each chat in order.
//
// Per run: throughput (updates / wall time of the batch) and per-update latency
// (performance.now() around each handleUpdate, including any wait for an earlier
// update of the same chat). After every run (warm-up included) the outcome is
// checked: one sendMessage per update with the expected text, in order per chat,
// one Contact per user who sent /start, one ChatSession per chat. Any deviation
// fails the benchmark. The database is emptied before every run, so every run
// does the same work: first contacts are inserts, later ones updates.
import { Bot, type Context } from 'grammy';
import type { Update } from 'grammy/types';
import { createI18n, type I18n, type Language } from '../src/i18n/index.js';
import type { IdentityProtector } from '../src/shared/crypto.js';
import { parseSession } from '../src/transport/telegram/context.js';
import { recordBotApi, TEST_BOT_INFO, type BotApiRecorder } from '../test/support/bot-api.js';
import type { TestDatabase } from '../test/support/database.js';
import { command, privateText } from '../test/support/updates.js';
import { benchDatabases, uraBot } from './ura-bot.js';
import { CheckFailed, percentile, registerBenchmark, throughputAndLatency, seededRandom, sorted, type BenchCase, type PreparedCase } from './harness.js';

const TOKEN = '123456:bench-token-never-sent-anywhere';
const USERS = 200;
const FIRST_USER_ID = 710_000;
const SEED = 20_260_301;
const CONCURRENCY = [1, 8] as const;
/** After a user's first message, the share of messages that are /start again. */
const RESTART_SHARE = 0.1;
/** Every tenth user never sends /start (someone who used the bot before): a session but no contact. */
const neverStarts = (user: number) => user % 10 === 9;
/** Telegram client languages and the language Ura must answer in (Albanian unless it speaks the client's). */
const LANGUAGE_CODES: readonly { code: string; answer: Language }[] = [
  { code: 'sq', answer: 'sq' },
  { code: 'en', answer: 'en' },
  { code: 'de', answer: 'sq' },
  { code: 'en-GB', answer: 'en' },
  { code: 'it', answer: 'it' },
  { code: 'el', answer: 'el' },
];

interface Step {
  userId: number;
  languageCode: string;
  answer: Language;
  kind: 'start' | 'text';
}

function workload(count: number): Step[] {
  const random = seededRandom(SEED);
  const seen = new Set<number>();
  const steps: Step[] = [];
  for (let k = 0; k < count; k++) {
    const user = Math.floor(random() * USERS);
    const first = !seen.has(user);
    seen.add(user);
    const restart = random() < RESTART_SHARE;
    const kind = !neverStarts(user) && (first || restart) ? 'start' : 'text';
    const language = LANGUAGE_CODES[user % LANGUAGE_CODES.length]!;
    steps.push({ userId: FIRST_USER_ID + user, languageCode: language.code, answer: language.answer, kind });
  }
  return steps;
}

/** Fresh updates (new update and message ids) for a workload. */
const toUpdates = (steps: readonly Step[]): Update[] =>
  steps.map((step, k) => {
    const sender = { userId: step.userId, languageCode: step.languageCode };
    return step.kind === 'start' ? command('start', '', sender) : privateText(`message ${k}: where can I get help?`, sender);
  });

interface Timing {
  wallMs: number;
  latenciesMs: Float64Array;
}

/** Feeds the updates with `concurrency` handleUpdate calls in flight, timing each. */
async function drive(bot: { handleUpdate(update: Update): Promise<void> }, updates: readonly Update[], concurrency: number): Promise<Timing> {
  const latenciesMs = new Float64Array(updates.length);
  let next = 0;
  const worker = async () => {
    while (next < updates.length) {
      const index = next++;
      const started = performance.now();
      await bot.handleUpdate(updates[index]!);
      latenciesMs[index] = performance.now() - started;
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { wallMs: performance.now() - started, latenciesMs };
}

function metricsOf({ wallMs, latenciesMs }: Timing): Record<string, number> {
  const ascending = sorted(latenciesMs);
  return {
    throughput: latenciesMs.length / (wallMs / 1000),
    p50: percentile(ascending, 50),
    p99: percentile(ascending, 99),
  };
}

// ---------------------------------------------------------------------------
// Checks: a benchmark of a broken pipeline must fail, not report a number.

class BrokenPipeline extends CheckFailed {
  constructor(system: string, problem: string) {
    super(`${system}: ${problem}`);
  }
}

const shorten = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
};

/** Every recorded call is a sendMessage; returns their texts grouped by chat, in order. */
function repliesByChat(system: string, api: BotApiRecorder, expectedCount: number): Map<number, string[]> {
  const byChat = new Map<number, string[]>();
  for (const call of api.calls) {
    const { chat_id: chatId, text } = call.payload;
    if (call.method !== 'sendMessage' || typeof chatId !== 'number' || typeof text !== 'string') {
      throw new BrokenPipeline(system, `unexpected Bot API call ${call.method} ${shorten(call.payload)}`);
    }
    byChat.set(chatId, [...(byChat.get(chatId) ?? []), text]);
  }
  if (api.calls.length !== expectedCount) {
    throw new BrokenPipeline(system, `${api.calls.length} sendMessage calls for ${expectedCount} updates`);
  }
  return byChat;
}

function chatIdOf(update: Update): number {
  const id = update.message?.chat.id;
  if (id === undefined) throw new Error('workload update without a message chat');
  return id;
}

function checkBare(api: BotApiRecorder, updates: readonly Update[]): void {
  const byChat = repliesByChat('bare grammY', api, updates.length);
  // The bare bot has no sequentialize, so only the set of replies per chat is checked, not their order.
  const expected = new Map<number, string[]>();
  for (const update of updates) {
    const chatId = chatIdOf(update);
    expected.set(chatId, [...(expected.get(chatId) ?? []), `ack ${update.update_id}`]);
  }
  for (const [chatId, texts] of expected) {
    const got = (byChat.get(chatId) ?? []).slice().sort().join('|');
    if (got !== texts.slice().sort().join('|')) throw new BrokenPipeline('bare grammY', `chat ${chatId} got ${shorten(got)}, expected ${shorten(texts)}`);
  }
}

async function checkUra(system: string, db: TestDatabase, api: BotApiRecorder, steps: readonly Step[], i18n: I18n, identity: IdentityProtector): Promise<void> {
  const byChat = repliesByChat(system, api, steps.length);
  const expected = new Map<number, string[]>();
  const contacts = new Map<string, Language>();
  const chats = new Set<string>();
  for (const step of steps) {
    // Nobody has chosen a language yet, so every message, /start or text, is answered with the choice.
    const text = i18n.t(step.answer, 'helpline:language.prompt');
    expected.set(step.userId, [...(expected.get(step.userId) ?? []), text]);
    contacts.set(identity.hashId('user', step.userId), step.answer);
    chats.add(identity.hashId('chat', step.userId)); // a private chat's id is the user's id
  }
  for (const [chatId, texts] of expected) {
    const got = byChat.get(chatId) ?? [];
    const at = texts.findIndex((text, i) => got[i] !== text);
    if (at !== -1 || got.length !== texts.length) {
      const i = at === -1 ? texts.length : at;
      throw new BrokenPipeline(system, `chat ${chatId}, reply ${i + 1}: got ${shorten(got[i] ?? '(none)')}, expected ${shorten(texts[i] ?? '(none)')}`);
    }
  }

  const rows = await db.db.prisma.contact.findMany({ select: { idHash: true, language: true } });
  if (rows.length !== contacts.size) throw new BrokenPipeline(system, `${rows.length} Contact rows for ${contacts.size} users who wrote`);
  for (const row of rows) {
    const language = contacts.get(row.idHash);
    if (language === undefined) throw new BrokenPipeline(system, `Contact ${row.idHash} belongs to no user who wrote`);
    if (row.language !== language) throw new BrokenPipeline(system, `Contact ${row.idHash} has language ${row.language}, expected ${language}`);
  }

  const sessions = await db.db.prisma.chatSession.findMany({ select: { key: true, value: true } });
  if (sessions.length !== chats.size) throw new BrokenPipeline(system, `${sessions.length} ChatSession rows for ${chats.size} chats`);
  for (const session of sessions) {
    if (!chats.has(session.key)) throw new BrokenPipeline(system, `ChatSession ${session.key} belongs to no chat of the workload`);
    if (parseSession(JSON.parse(session.value)) === undefined) throw new BrokenPipeline(system, `ChatSession ${session.key} holds ${shorten(session.value)}`);
  }
}

// ---------------------------------------------------------------------------
// Cases

const rowOf = (concurrency: number) => (concurrency === 1 ? 'sequential' : `concurrency ${concurrency}`);

function bareCase(concurrency: number): BenchCase {
  return {
    name: `bare-grammy/c${concurrency}`,
    row: rowOf(concurrency),
    column: 'bare grammY',
    async setup(): Promise<PreparedCase> {
      const bot = new Bot<Context>(TOKEN, { botInfo: TEST_BOT_INFO });
      const api = recordBotApi(bot);
      bot.on('message:text', (ctx) => ctx.reply(`ack ${ctx.update.update_id}`));
      return {
        async run(count) {
          api.calls.length = 0;
          const updates = toUpdates(workload(count));
          const timing = await drive(bot, updates, concurrency);
          checkBare(api, updates);
          return metricsOf(timing);
        },
        teardown: async () => undefined,
      };
    },
  };
}

function uraCase(provider: 'sqlite' | 'postgresql', concurrency: number, open: () => Promise<TestDatabase>): BenchCase {
  const column = provider === 'sqlite' ? 'Ura SQLite' : 'Ura PostgreSQL';
  return {
    name: `ura-${provider}/c${concurrency}`,
    row: rowOf(concurrency),
    column,
    async setup(): Promise<PreparedCase> {
      const db = await open(); // migrated; removed again by dispose()
      const { prisma } = db.db;
      const i18n = createI18n();
      const { bot, api, identity } = uraBot(db.db, i18n);
      return {
        async run(count) {
          await prisma.contact.deleteMany();
          await prisma.chatSession.deleteMany();
          await prisma.chatMessage.deleteMany();
          api.calls.length = 0;
          const steps = workload(count);
          const timing = await drive(bot, toUpdates(steps), concurrency);
          await checkUra(`${column}, ${rowOf(concurrency)}`, db, api, steps, i18n, identity);
          return metricsOf(timing);
        },
        teardown: () => db.dispose(),
      };
    },
  };
}

registerBenchmark({
  name: 'pipeline',
  description: 'updates through a bare grammY bot vs Ura createBot (SQLite, PostgreSQL), fake Bot API',
  defaults: { updates: 2000, runs: 5 },
  metrics: [...throughputAndLatency('updates/s')],
  async plan() {
    // Imported here, not at the top, so that listing benchmarks does not print its
    // "PostgreSQL tests skipped" warning.
    const notes = [
      'latency: performance.now() around each bot.handleUpdate, including waits for an earlier update of the same chat; percentiles by nearest rank',
      "the fake Bot API transformer is installed after createBot, so it answers before Ura's autoRetry and protectContent transformers run: those two are not measured",
    ];
    const { providers, postgres } = await benchDatabases(notes);
    const cases: BenchCase[] = CONCURRENCY.flatMap((concurrency) => [bareCase(concurrency), ...providers.map(({ provider, open }) => uraCase(provider, concurrency, open))]);
    return {
      cases,
      notes,
      parameters: {
        users: USERS,
        seed: SEED,
        concurrency: [...CONCURRENCY],
        restartShare: RESTART_SHARE,
        usersWhoNeverSendStart: '1 in 10',
        languageCodes: LANGUAGE_CODES.map((l) => l.code),
        sqlite: 'temporary file in os.tmpdir(), migrated, WAL',
        postgresql: postgres,
      },
    };
  },
});
