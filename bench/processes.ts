// Benchmark `processes`: the helpline's self-check through Ura as it runs in
// production with several processes: real `ura start` processes in webhook mode,
// one and then two behind a round-robin reverse proxy (test/support/http-proxy.ts),
// on one PostgreSQL database, with a Bot API on loopback (test/support/fake-telegram.ts)
// that posts updates as Telegram does, several at once but never two of one chat.
//
// Each simulated person walks the self-check script (test/support/self-check-script.ts):
// an update, then the bot's answer, then the next, each only once the bot's newest
// message asks for it. IN_FLIGHT people go through at once, a new one starting as
// one finishes, so there are IN_FLIGHT updates in flight, each of a different person,
// as in the helpline benchmark. Latency: from the update pushed to Telegram to the
// answer the person waited for (webhook post, proxy, Ura, its Bot API calls back).
// After every run each person must have one conversation ended with the script's
// outcome and one pending case, or the benchmark fails. Needs TEST_DATABASE_URL.
import { loadAreaFlows } from '../src/flow-actions.js';
import { createI18n } from '../src/i18n/index.js';
import { createIdentityProtector } from '../src/shared/crypto.js';
import { testConfig } from '../test/support/config.js';
import type { TestDatabase } from '../test/support/database.js';
import { freePort } from '../test/support/emulator.js';
import { startFakeTelegram } from '../test/support/fake-telegram.js';
import { startHttpProxy } from '../test/support/http-proxy.js';
import { walk, watchScreens } from '../test/support/self-check-people.js';
import { buildScript, SELF_CHECK_FLOW, type Script } from '../test/support/self-check-script.js';
import { startUraProcess } from '../test/support/ura-processes.js';
import { CheckFailed, percentile, registerBenchmark, sorted, throughputAndLatency, type BenchCase, type PreparedCase } from './harness.js';
import { checkSelfCheckOutcome } from './self-check-outcome.js';
import { emptyTables, postgresVersion } from './ura-bot.js';

/** People going through at once, each with one update in flight (the helpline benchmark's 64). */
const IN_FLIGHT = 64;
/** A person whose answer has not come in this long fails the run: nothing is lost on a healthy run. */
const REPLY_WAIT_MS = 60_000;
const FIRST_PERSON = 820_000_000;
const identity = createIdentityProtector(testConfig().secrets);

function processesCase(count: number, open: () => Promise<TestDatabase>, script: Script): BenchCase {
  const column = count === 1 ? 'one process' : `${count} processes`;
  return {
    name: `processes-${count}`,
    row: `${IN_FLIGHT} in flight`,
    column,
    async setup(): Promise<PreparedCase> {
      const database = await open();
      const people = new Set<number>();
      const telegram = await startFakeTelegram({ maxConnections: IN_FLIGHT });
      const screens = watchScreens(telegram, (chatId) => people.has(chatId));
      const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
      const proxy = await startHttpProxy(ports);
      const shared = { databaseUrl: database.url, publicUrl: proxy.url, apiRoot: telegram.apiRoot };
      const processes = await Promise.all(ports.map((port, index) => startUraProcess(String.fromCharCode(97 + index), port, shared)));
      // New people every run: the per-person limit on presses (in each process's memory) must not see the same ones again.
      let nextPerson = FIRST_PERSON;
      return {
        async run(size) {
          const { prisma } = database.db;
          await emptyTables(database.db, ['ChatMessage', 'HelpCase', 'Conversation', 'ChatSession', 'Contact', 'UsageCount']);
          const everyone = Array.from({ length: size }, () => nextPerson++);
          for (const id of everyone) people.add(id);
          const latencies: number[] = [];
          const queue = [...everyone];
          const started = performance.now();
          await Promise.all(
            Array.from({ length: Math.min(IN_FLIGHT, size) }, async () => {
              for (let chatId = queue.shift(); chatId !== undefined; chatId = queue.shift()) {
                await walk(telegram, screens, chatId, script, { replyWaitMs: REPLY_WAIT_MS, maxRepresses: 0, answered: (ms) => latencies.push(ms) });
              }
            }),
          ).catch((error: unknown) => {
            throw new CheckFailed(`${column}: ${error instanceof Error ? error.message : String(error)}`);
          });
          const wallMs = performance.now() - started;
          await checkSelfCheckOutcome(column, prisma, new Set(everyone.map((id) => identity.hashId('user', id))), script);
          const ascending = sorted(latencies);
          return {
            throughput: latencies.length / (wallMs / 1000),
            p50: percentile(ascending, 50),
            p99: percentile(ascending, 99),
            peoplePerSecond: size / (wallMs / 1000),
          };
        },
        async teardown() {
          for (const ura of processes) await ura.stop().catch(() => undefined);
          await proxy.close();
          await telegram.close();
          await database.dispose();
        },
      };
    },
  };
}

registerBenchmark({
  name: 'processes',
  description: 'people completing the self-check through one and two `ura start` processes in webhook mode behind a reverse proxy, on PostgreSQL; --updates = people',
  defaults: { updates: 100, runs: 3, warmup: 16 },
  metrics: [...throughputAndLatency('updates/s', { digits: 1 }), { key: 'peoplePerSecond', label: 'self-checks completed', unit: 'people/s', better: 'higher', digits: 2 }],
  async plan(params) {
    // Imported here, not at the top, so that listing benchmarks does not print its "PostgreSQL tests skipped" warning.
    const { postgresDatabase, postgresUrl } = await import('../test/support/database.js');
    if (!postgresUrl) throw new CheckFailed('TEST_DATABASE_URL is not set: the processes share one PostgreSQL database');
    const { catalog, problems } = loadAreaFlows();
    const compiled = catalog.get(SELF_CHECK_FLOW);
    if (problems.length > 0 || !compiled) throw new CheckFailed('the shipped flows have problems; run `ura flows check`');
    const script = buildScript(compiled, createI18n());
    const perPerson = script.actions.length;
    return {
      cases: [1, 2].map((count) => processesCase(count, postgresDatabase, script)),
      notes: [
        `--updates and --warmup count people: each sends ${perPerson} updates, so one run of ${params.updates} people is ${params.updates * perPerson} updates`,
        `${IN_FLIGHT} people at once, one update in flight each; the Bot API on loopback posts up to ${IN_FLIGHT} webhooks at once, never two of one chat`,
        'every process is a real `ura start` (webhook mode, LOG_LEVEL=warn) on one PostgreSQL schema, behind a round-robin reverse proxy in this process; the Bot API, the proxy and the simulated people run in this process too, on the same two cores',
        'latency: from the update handed to the Bot API to the bot message the person waited for; throughput = updates / wall time of the run',
        'no operator is on duty (as in the helpline benchmark): a case pages nobody',
      ],
      parameters: {
        people: params.updates,
        updatesPerPerson: perPerson,
        inFlight: IN_FLIGHT,
        flow: `${SELF_CHECK_FLOW} v${compiled.flow.version}`,
        postgresql: { serverVersion: await postgresVersion(postgresUrl) },
      },
    };
  },
});
