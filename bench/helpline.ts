// Benchmark `helpline`: many people completing the self-check at once, through
// Ura's real bot, against a bare grammY bot fed the same updates.
//
// Each simulated person does what a person at the helpline does: /start, picks
// Albanian, reads the notice, says they are safe, opens "check my situation",
// says they are not under 18, then answers every question of helpline/self-check
// and agrees to be contacted, which records a pending case. The answers are
// derived from the flow in the catalog (test/support/self-check-script.ts).
//
// All people progress interleaved: a round-robin queue of people and a fixed
// number of updates in flight. A person has at most one update in flight and
// sends the next only after the previous one was handled, as the grammY runner
// with Ura's sequentialize() processes one chat in order and different chats
// concurrently. Every update goes through bot.handleUpdate with the Bot API
// answered in-process (test/support/bot-api.ts); nothing touches the network.
//
// Each run processes the same people through two peers first (bench/peer-bot.ts: the
// self-check written with grammY's `session()` over a storage adapter, and with
// @grammyjs/conversations), each on a store of its own in the same database server,
// then through Ura's bot (SQLite file; PostgreSQL schema when TEST_DATABASE_URL is
// set), so that the ratios of their throughputs are taken on one machine state. The
// SQL statements each system executes are counted at the drivers (bench/sql-count.ts).
// Before every update the simulated person checks that the bot's last message to them
// asked what the script is about to answer (and offered the button about to be
// pressed). After every run each person must have, in Ura, exactly one Conversation
// ended with the flow's handoff outcome and one pending HelpCase, and in each peer a
// session holding every answer, the same outcome and the request for a person; or the
// benchmark fails.
import { dirname, join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { Bot, Context } from 'grammy';
import type { Update } from 'grammy/types';
import { loadAreaFlows } from '../src/flow-actions.js';
import { loadDirectory } from '../src/helpline/directory.js';
import type { CompiledFlow } from '../src/flows/catalog.js';
import { createI18n, LANGUAGES, type I18n } from '../src/i18n/index.js';
import type { BotApiRecorder } from '../test/support/bot-api.js';
import type { TestDatabase } from '../test/support/database.js';
import { buildScript, ENGINE_NOW, LANGUAGE, PRE_FLOW, SELF_CHECK_FLOW as FLOW_ID, type Action, type Script } from '../test/support/self-check-script.js';
import { callbackQuery, command, privateText, type Sender } from '../test/support/updates.js';
import { conversationsPeer, type ConversationSession, type Peer, type PeerSession, type PeerStorage, postgresStorage, sessionPeer, sqliteStorage } from './peer-bot.js';
import { countStatements, type StatementCounter } from './sql-count.js';
import { checkSelfCheckOutcome } from './self-check-outcome.js';
import { benchDatabases, emptyTables, uraBot } from './ura-bot.js';
import { CheckFailed, percentile, registerBenchmark, throughputAndLatency, sorted, type BenchCase, type PreparedCase } from './harness.js';

const FIRST_USER_ID = 810_000;
/** Updates in flight at once, each from a different person (the PostgreSQL pool holds 10 connections). */
const IN_FLIGHT = 64;
/** Ura's PostgreSQL pool (src/storage/database.ts); the peers get as many connections. */
const POOL_SIZE = 10;
const RSS_SAMPLE_MS = 10;
/** The tables a run of Ura writes, emptied before each run. */
const URA_TABLES = ['ChatMessage', 'CaseEvent', 'OutboxMessage', 'HelpCase', 'Conversation', 'ChatSession', 'Contact', 'UsageCount'];

// ---------------------------------------------------------------------------
// The script as updates

function updateFor(action: Action, sender: Sender): Update {
  switch (action.send.kind) {
    case 'command':
      return command(action.send.name, '', sender);
    case 'press':
      return callbackQuery(action.send.data, sender);
    case 'type':
      return privateText(action.send.text, sender);
  }
}

// ---------------------------------------------------------------------------
// What the bot last showed each chat

interface Shown {
  text: string;
  buttons: Set<string>;
}

interface Screen {
  last: Map<number, Shown>;
  sendMessages: number;
  errorReplies: number;
  reset(): void;
}

/**
 * Watches the Bot API calls on their way to the recorder: remembers each chat's
 * last message, counts messages, and spots the generic error reply. Installed
 * after recordBotApi, so it sees every call first. The recorder's log is emptied
 * after every call: a run makes ~100 calls per person, and keeping them would
 * make the benchmark's own bookkeeping the largest part of the peak RSS.
 */
function watchScreen<C extends Context>(bot: Bot<C>, api: BotApiRecorder, errorTexts: ReadonlySet<string>): Screen {
  const screen: Screen = {
    last: new Map(),
    sendMessages: 0,
    errorReplies: 0,
    reset() {
      this.last.clear();
      this.sendMessages = 0;
      this.errorReplies = 0;
    },
  };
  bot.api.config.use(async (prev, method, payload, signal) => {
    if (method === 'sendMessage') {
      const { chat_id: chatId, text, reply_markup: markup } = payload as { chat_id: unknown; text: unknown; reply_markup?: { inline_keyboard?: { callback_data?: string }[][] } };
      screen.sendMessages++;
      if (typeof chatId === 'number' && typeof text === 'string') {
        if (errorTexts.has(text)) screen.errorReplies++;
        const buttons = new Set<string>();
        for (const row of markup?.inline_keyboard ?? []) for (const b of row) if (b.callback_data !== undefined) buttons.add(b.callback_data);
        screen.last.set(chatId, { text, buttons });
      }
    }
    try {
      return await prev(method, payload, signal);
    } finally {
      api.calls.length = 0;
    }
  });
  return screen;
}

// ---------------------------------------------------------------------------
// Driving people

interface Timing {
  wallMs: number;
  /** CPU time of this process during the run (user and system): the bot, the harness and, for SQLite, the database engine; not PostgreSQL's server. */
  cpuMs: number;
  latenciesMs: Float64Array;
  peakRssBytes: number;
}

class WrongScreen extends CheckFailed {}

/**
 * Round-robin over `people`: a person waits in a FIFO queue, is taken by one of
 * IN_FLIGHT workers, sends their next update, and goes to the back of the queue.
 */
async function drive(handle: (update: Update) => Promise<unknown>, people: number, script: Script, check: ((person: number, action: Action) => void) | undefined): Promise<Timing> {
  const perPerson = script.actions.length;
  const latenciesMs = new Float64Array(people * perPerson);
  const nextAction = new Uint16Array(people);
  const queue = new Int32Array(people + IN_FLIGHT);
  let head = 0;
  let tail = 0;
  let queued = 0;
  const push = (person: number) => {
    queue[tail] = person;
    tail = (tail + 1) % queue.length;
    queued++;
  };
  for (let p = 0; p < people; p++) push(p);
  let done = 0;
  let failure: unknown;

  let peakRssBytes = process.memoryUsage.rss();
  const sample = () => {
    const rss = process.memoryUsage.rss();
    if (rss > peakRssBytes) peakRssBytes = rss;
  };
  const sampler = setInterval(sample, RSS_SAMPLE_MS);

  const worker = async () => {
    while (queued > 0 && failure === undefined) {
      const person = queue[head]!;
      head = (head + 1) % queue.length;
      queued--;
      const k = nextAction[person]!;
      const action = script.actions[k]!;
      try {
        check?.(person, action);
      } catch (error) {
        failure ??= error;
        return;
      }
      const update = updateFor(action, { userId: FIRST_USER_ID + person, languageCode: LANGUAGE });
      const started = performance.now();
      try {
        await handle(update);
      } catch (error) {
        failure ??= error;
        return;
      }
      latenciesMs[done++] = performance.now() - started;
      if (k + 1 < perPerson) {
        nextAction[person] = k + 1;
        push(person);
      }
    }
  };
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  } finally {
    clearInterval(sampler);
  }
  const wallMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  sample();
  if (failure !== undefined) throw failure;
  if (done !== latenciesMs.length) throw new CheckFailed(`${done} updates handled, ${latenciesMs.length} expected`);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000, latenciesMs, peakRssBytes };
}

/** A full collection, as bench/run.ts does before every run; it has already set --expose-gc. */
function collectGarbage(): void {
  v8.setFlagsFromString('--expose-gc');
  const gc: unknown = vm.runInNewContext('gc');
  if (typeof gc === 'function') gc();
}

// ---------------------------------------------------------------------------
// The bots

interface Runner {
  run(people: number): Promise<{ timing: Timing; statements: number }>;
}

/** The check before each update: the bot's last message to the person is the one the script answers. */
function screenCheck(column: string, screen: Screen) {
  return (person: number, action: Action) => {
    if (action.expectText === undefined && action.expectButton === undefined) return;
    const shown = screen.last.get(FIRST_USER_ID + person);
    const problem =
      shown === undefined
        ? 'the bot has sent nothing'
        : action.expectText !== undefined && shown.text !== action.expectText
          ? `the bot's last message is "${shown.text.slice(0, 60)}", expected "${action.expectText.slice(0, 60)}"`
          : action.expectButton !== undefined && !shown.buttons.has(action.expectButton)
            ? `the bot's last message offers ${[...shown.buttons].join(' ')}, not ${action.expectButton}`
            : undefined;
    if (problem) throw new WrongScreen(`${column}: person ${person}, before ${action.label}: ${problem}`);
  };
}

/** After a run every person ended on the menu, and no update got the generic error reply. */
function checkScreens(column: string, screen: Screen, people: number, script: Script): void {
  if (screen.errorReplies > 0) throw new CheckFailed(`${column}: ${screen.errorReplies} updates failed (the generic error reply was sent)`);
  for (let p = 0; p < people; p++) {
    const shown = screen.last.get(FIRST_USER_ID + p);
    if (shown?.text !== script.finalText) throw new CheckFailed(`${column}: person ${p} ended on "${shown?.text.slice(0, 60) ?? '(nothing)'}", not the menu`);
  }
}

/** A peer bot on its storage: the script through it, then every person's session checked. */
function peerRunner(
  column: string,
  peer: Peer,
  storage: PeerStorage<unknown>,
  script: Script,
  statements: StatementCounter,
  kinds: { session: (key: string) => boolean; leftover?: (key: string) => boolean },
): Runner {
  const screen = watchScreen(peer.bot, peer.api, new Set());
  const check = screenCheck(column, screen);
  return {
    async run(people) {
      await storage.clear();
      screen.reset();
      statements.reset();
      const timing = await drive((update) => peer.bot.handleUpdate(update), people, script, check);
      const executed = statements.count;
      checkScreens(column, screen, people, script);
      const rows = await storage.all();
      const sessions = rows.filter(([key]) => kinds.session(key)).map(([, value]) => value as PeerSession | ConversationSession);
      if (sessions.length !== people) throw new CheckFailed(`${column}: ${sessions.length} sessions for ${people} people`);
      for (const session of sessions) {
        const { flow } = session;
        if (!session.caseRequested || flow?.status !== 'ended' || flow.outcome !== script.outcome || Object.keys(flow.answers).length !== script.answers) {
          throw new CheckFailed(
            `${column}: a session ended ${flow?.status ?? 'without a flow'} ${String(flow?.outcome)} with ${Object.keys(flow?.answers ?? {}).length} answers, a person requested: ${session.caseRequested}`,
          );
        }
      }
      const left = kinds.leftover ? rows.filter(([key]) => kinds.leftover?.(key)).length : 0;
      if (left > 0) throw new CheckFailed(`${column}: ${left} conversations still stored after every person finished`);
      return { timing, statements: executed };
    },
  };
}

/** The peers' stores beside Ura's: a SQLite file in the same folder with the same journal and sync settings, or a table in the same PostgreSQL schema. */
async function peerStorages(provider: 'sqlite' | 'postgresql', db: TestDatabase): Promise<{ session: PeerStorage<unknown>; conversations: PeerStorage<unknown> }> {
  if (provider === 'sqlite') {
    const pragma = async (name: string) => Object.values(((await db.db.prisma.$queryRawUnsafe(`PRAGMA ${name}`)) as Record<string, unknown>[])[0] ?? {})[0];
    const settings = { journalMode: String(await pragma('journal_mode')), synchronous: Number(await pragma('synchronous')) };
    const dir = dirname(db.url.slice('file:'.length));
    return { session: sqliteStorage(join(dir, 'peer-session.db'), settings), conversations: sqliteStorage(join(dir, 'peer-conversations.db'), settings) };
  }
  const url = new URL(db.url);
  const schema = url.searchParams.get('schema') ?? 'public';
  url.searchParams.delete('schema');
  return {
    session: await postgresStorage(url.toString(), schema, 'peer_sessions', POOL_SIZE),
    conversations: await postgresStorage(url.toString(), schema, 'peer_conversations', POOL_SIZE),
  };
}

function uraCase(
  provider: 'sqlite' | 'postgresql',
  open: () => Promise<TestDatabase>,
  script: Script,
  i18n: I18n,
  compiled: CompiledFlow,
  catalog: ReturnType<typeof loadAreaFlows>['catalog'],
): BenchCase {
  const column = provider === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  return {
    name: `ura-${provider}`,
    row: `${IN_FLIGHT} in flight`,
    column,
    async setup(): Promise<PreparedCase> {
      const db = await open(); // migrated; removed again by dispose()
      const { prisma } = db.db;
      const statements = countStatements({ texts: process.env.BENCH_SQL === '1' });
      const { bot, api, identity } = uraBot(db.db, i18n, catalog);
      const errorTexts = new Set(LANGUAGES.map((language) => i18n.t(language, 'common:errors.generic')));
      const screen = watchScreen(bot, api, errorTexts);
      const check = screenCheck(`Ura ${column}`, screen);
      const stores = await peerStorages(provider, db);
      const withSession = peerRunner(`session() peer ${column}`, sessionPeer(stores.session as PeerStorage<PeerSession>, i18n, compiled, ENGINE_NOW, PRE_FLOW), stores.session, script, statements, {
        session: () => true,
      });
      const withConversations = peerRunner(`conversations peer ${column}`, conversationsPeer(stores.conversations, i18n, compiled, ENGINE_NOW, PRE_FLOW), stores.conversations, script, statements, {
        session: (key) => key.startsWith('s'),
        leftover: (key) => key.startsWith('c'),
      });
      const ura: Runner = {
        async run(people) {
          // Same work every run: the people are new to the bot.
          await emptyTables(db.db, URA_TABLES);
          screen.reset();
          statements.reset();
          const timing = await drive((update) => bot.handleUpdate(update), people, script, check);
          const executed = statements.count;
          // BENCH_SQL=1: which statements those were, per update, for finding the ones to remove.
          if (process.env.BENCH_SQL === '1') for (const [text, times] of statements.texts()) console.log(`${(times / timing.latenciesMs.length).toFixed(3)}  ${text.slice(0, 160)}`);
          checkScreens(`Ura ${column}`, screen, people, script);
          await checkSelfCheckOutcome(`Ura ${column}`, prisma, new Set(Array.from({ length: people }, (_, p) => identity.hashId('user', FIRST_USER_ID + p))), script);
          return { timing, statements: executed };
        },
      };

      return {
        async run(people) {
          // The peers first, on the same updates, each followed by a full collection so that the next does not pay for its garbage.
          const session = await withSession.run(people);
          collectGarbage();
          const conversations = await withConversations.run(people);
          collectGarbage();
          const { timing, statements: executed } = await ura.run(people);

          const updates = timing.latenciesMs.length;
          const throughputOf = (run: Timing) => run.latenciesMs.length / (run.wallMs / 1000);
          const cpuPerUpdate = (run: Timing) => (run.cpuMs * 1000) / run.latenciesMs.length;
          const ascending = sorted(timing.latenciesMs);
          const throughput = throughputOf(timing);
          return {
            throughput,
            p50: percentile(ascending, 50),
            p99: percentile(ascending, 99),
            peakRss: timing.peakRssBytes / 2 ** 20,
            peoplePerSecond: people / (timing.wallMs / 1000),
            statementsPerUpdate: executed / updates,
            cpuPerUpdate: cpuPerUpdate(timing),
            sessionThroughput: throughputOf(session.timing),
            sessionP99: percentile(sorted(session.timing.latenciesMs), 99),
            sessionStatementsPerUpdate: session.statements / updates,
            sessionCpuPerUpdate: cpuPerUpdate(session.timing),
            conversationsThroughput: throughputOf(conversations.timing),
            conversationsP99: percentile(sorted(conversations.timing.latenciesMs), 99),
            conversationsStatementsPerUpdate: conversations.statements / updates,
            conversationsCpuPerUpdate: cpuPerUpdate(conversations.timing),
            ratioSession: throughput / throughputOf(session.timing),
            ratioConversations: throughput / throughputOf(conversations.timing),
          };
        },
        teardown: async () => {
          await stores.session.close();
          await stores.conversations.close();
          await db.dispose();
        },
      };
    },
  };
}

registerBenchmark({
  name: 'helpline',
  description: "people completing the self-check concurrently through Ura's bot and two grammY peers (session(), conversations) on SQLite and PostgreSQL; --updates = people",
  // A warm-up of 100 people is 2,600 updates: more than the pipeline benchmark's whole warm-up.
  defaults: { updates: 1000, runs: 3, warmup: 100 },
  metrics: [
    ...throughputAndLatency('updates/s', { prefix: 'Ura ', digits: 3 }),
    { key: 'peakRss', label: 'peak RSS during the Ura run', unit: 'MiB', better: 'lower', digits: 0 },
    { key: 'peoplePerSecond', label: 'Ura self-checks completed', unit: 'people/s', better: 'higher', digits: 1 },
    { key: 'statementsPerUpdate', label: 'Ura SQL statements per update', unit: 'statements', better: 'lower', digits: 2 },
    { key: 'cpuPerUpdate', label: "Ura process's CPU per update", unit: 'µs', better: 'lower', digits: 0 },
    { key: 'sessionThroughput', label: 'session() peer throughput, same updates', unit: 'updates/s', better: 'higher', digits: 0 },
    { key: 'sessionP99', label: 'session() peer p99 latency', unit: 'ms', better: 'lower', digits: 3 },
    { key: 'sessionStatementsPerUpdate', label: 'session() peer SQL statements per update', unit: 'statements', better: 'lower', digits: 2 },
    { key: 'sessionCpuPerUpdate', label: "session() peer process's CPU per update", unit: 'µs', better: 'lower', digits: 0 },
    { key: 'conversationsThroughput', label: 'conversations peer throughput, same updates', unit: 'updates/s', better: 'higher', digits: 0 },
    { key: 'conversationsP99', label: 'conversations peer p99 latency', unit: 'ms', better: 'lower', digits: 3 },
    { key: 'conversationsStatementsPerUpdate', label: 'conversations peer SQL statements per update', unit: 'statements', better: 'lower', digits: 2 },
    { key: 'conversationsCpuPerUpdate', label: "conversations peer process's CPU per update", unit: 'µs', better: 'lower', digits: 0 },
    { key: 'ratioSession', label: 'Ura / session() peer throughput', unit: 'ratio', better: 'higher', digits: 4 },
    { key: 'ratioConversations', label: 'Ura / conversations peer throughput', unit: 'ratio', better: 'higher', digits: 4 },
  ],
  async plan(params) {
    // Imported here, not at the top, so that listing benchmarks does not print its
    // "PostgreSQL tests skipped" warning.
    const { catalog, problems } = loadAreaFlows();
    if (problems.length > 0) throw new CheckFailed(`the shipped flows have ${problems.length} problem(s); run \`ura flows check\``);
    const compiled = catalog.get(FLOW_ID);
    if (!compiled) throw new CheckFailed(`flow ${FLOW_ID} is not in the catalog`);
    const { problems: directoryProblems } = loadDirectory();
    if (directoryProblems.length > 0) throw new CheckFailed(`the services directory has ${directoryProblems.length} problem(s); run \`ura directory check\``);
    const i18n = createI18n();
    const script = buildScript(compiled, i18n);
    const perPerson = script.actions.length;
    const notes = [
      `--updates and --warmup count people, not updates: each person sends ${perPerson} updates, so one run of ${params.updates} people is ${params.updates * perPerson} updates`,
      `${IN_FLIGHT} updates in flight, each of a different person; people taken round-robin, a person's next update sent only after the previous one was handled`,
      "CPU per update: this process's user and system CPU time during the run (process.cpuUsage) / updates; it holds the bot, the harness and the fake Bot API, and for SQLite the database engine too, but not PostgreSQL's server, which runs on the same two cores",
      'latency: performance.now() around each bot.handleUpdate; percentiles by nearest rank; throughput = updates / wall time of the run',
      `peak RSS: process.memoryUsage.rss() sampled every ${RSS_SAMPLE_MS} ms during Ura's part of the run (whole process: both bots, the in-process database driver, the harness)`,
      "each run feeds the same script to the session() peer, then the conversations peer (bench/peer-bot.ts), then Ura, with a full garbage collection between; ratios = Ura's throughput / the peer's in that run",
      'before every run each system finds its tables empty; on PostgreSQL they are vacuumed too (VACUUM ANALYZE), so that every run starts from the same state',
      "the peers store on the same server as Ura: SQLite files beside Ura's with its journal_mode and synchronous settings; PostgreSQL tables in the same schema through a pool of the same size (10)",
      'SQL statements per update: statements the drivers executed during the run (pg Client#query; better-sqlite3 Statement#run/get/all/iterate and Database#exec, BEGIN and COMMIT included) / updates',
      "the fake Bot API transformer is installed after createBot, so it answers before Ura's autoRetry and protectContent transformers run: those two are not measured",
      "the Bot API recorder's log is emptied after every call; each chat's last message is kept to check the conversation",
    ];
    const { providers, postgres } = await benchDatabases(notes);
    const cases = providers.map(({ provider, open }) => uraCase(provider, open, script, i18n, compiled, catalog));
    return {
      cases,
      notes,
      parameters: {
        people: params.updates,
        updatesPerPerson: perPerson,
        updatesPerRun: params.updates * perPerson,
        inFlight: IN_FLIGHT,
        flow: `${FLOW_ID} v${compiled.flow.version}`,
        language: LANGUAGE,
        script: script.actions.map((action) => (action.send.kind === 'command' ? `/${action.send.name}` : action.send.kind === 'press' ? action.send.data : `"${action.send.text}"`)),
        outcome: script.outcome,
        sqlite: 'temporary file in os.tmpdir(), migrated, WAL',
        postgresql: postgres,
      },
    };
  },
});
