// Benchmark `surge`: many new people write /start at once (a poster campaign, a news
// item), and Ura, started as it runs in production (startUra: polling, every update
// kept in the inbox before it is acknowledged, the database on disk), must answer them
// all, once each, against a Bot API that holds it to Telegram's published limits.
//
// One run, with --updates N people: N updates `/start`, each from a person Ura has never
// seen, are offered through getUpdates evenly over N / 10,000 x 60 s (10,000 people
// within a minute at the default). The Bot API is an HTTP server in this process
// (bench/limited-bot-api.ts): 30 messages a second to all chats together, one a second
// to one chat, a message over either answered 429 with retry_after. So answering
// everyone takes at least N / 30 seconds, whatever Ura does; the run measures how far
// above that floor Ura stays, how its memory grows while thousands of people wait, and
// checks that every person received exactly what a lone person receives, no message
// missing and none twice, and that the inbox is empty at the end.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Update } from 'grammy/types';
import { startUra, type RunningUra } from '../src/main.js';
import { createIdentityProtector } from '../src/shared/crypto.js';
import { createLogger } from '../src/shared/logger.js';
import { systemClock } from '../src/shared/clock.js';
import { createInboxRepository } from '../src/storage/inbox-repository.js';
import { TEST_BOT_INFO } from '../test/support/bot-api.js';
import { testConfig } from '../test/support/config.js';
import type { TestDatabase } from '../test/support/database.js';
import { command } from '../test/support/updates.js';
import { CheckFailed, percentile, registerBenchmark, sorted, type BenchCase, type PreparedCase } from './harness.js';
import { type Arrival, startLimitedBotApi, TELEGRAM_PUBLISHED_LIMITS, type UpdateFeed } from './limited-bot-api.js';
import { benchDatabases } from './ura-bot.js';

const TOKEN = '123456:surge-token-never-sent-anywhere';
/** 10,000 people within a minute: the rate every run offers its people at. */
const PEOPLE_PER_SECOND = 10_000 / 60;
/** Updates are offered in small batches, this often. */
const OFFER_EVERY_MS = 100;
/** After the last expected message, how long to wait for one that should not come. */
const QUIET_MS = 3000;
const RSS_SAMPLE_MS = 50;
const FIRST_PERSON = 7_000_000;
/** Each run's people are new to Ura: a run takes the next block of ids. */
const PEOPLE_BLOCK = 1_000_000;

/** The feed getUpdates answers from; `offer` pushes one update to the server. */
function updateFeed(): UpdateFeed & { offer(update: Update): void } {
  let offer: (update: Update) => void = () => {
    throw new Error('the Bot API server is not attached to the feed');
  };
  return { bot: TEST_BOT_INFO, attach: (to) => void (offer = to), offer: (update) => offer(update) };
}

function surgeCase(provider: 'sqlite' | 'postgresql', open: () => Promise<TestDatabase>): BenchCase {
  const column = provider === 'sqlite' ? 'Ura SQLite' : 'Ura PostgreSQL';
  return {
    name: `surge-${provider}`,
    row: 'polling, Telegram limits',
    column,
    async setup(): Promise<PreparedCase> {
      const db = await open();
      const feed = updateFeed();
      const api = await startLimitedBotApi(feed);
      const dataDir = mkdtempSync(join(tmpdir(), 'ura-surge-'));
      const config = testConfig({ DATABASE_URL: db.url, DATA_DIR: dataDir, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, BOT_MODE: 'polling' });
      const ura: RunningUra = await startUra(config, createLogger('silent'), { botInfo: TEST_BOT_INFO });
      const inbox = createInboxRepository(db.db.prisma, createIdentityProtector(config.secrets), systemClock);
      let runs = 0;

      /** Every message each chat received, in order. */
      const received = new Map<number, string[]>();
      api.onDelivered((arrival: Arrival) => {
        const texts = received.get(arrival.chatId);
        if (texts) texts.push(arrival.text);
        else received.set(arrival.chatId, [arrival.text]);
      });
      const quiet = async (chatId: number) => {
        for (let seen = -1; seen !== (received.get(chatId)?.length ?? 0); ) {
          seen = received.get(chatId)?.length ?? 0;
          await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
        }
        return received.get(chatId) ?? [];
      };

      // What a lone new person receives for /start: every person of the surge must receive the same.
      const probe = FIRST_PERSON - 1;
      feed.offer(command('start', '', { userId: probe, languageCode: 'sq' }));
      const expected = await quiet(probe);
      if (expected.length === 0) throw new CheckFailed(`${column}: a lone person's /start was not answered`);

      return {
        async run(people) {
          const first = FIRST_PERSON + runs++ * PEOPLE_BLOCK;
          const refusedBefore = api.refused();
          const offeredAt = new Map<number, number>();
          const answeredAt = new Map<number, number>();
          let peakRssBytes = process.memoryUsage.rss();
          const sampler = setInterval(() => (peakRssBytes = Math.max(peakRssBytes, process.memoryUsage.rss())), RSS_SAMPLE_MS);
          let complete = () => {};
          const done = new Promise<void>((resolve) => (complete = resolve));
          api.onDelivered((arrival) => {
            if (arrival.chatId < first || arrival.chatId >= first + people) return;
            if ((received.get(arrival.chatId)?.length ?? 0) === expected.length && !answeredAt.has(arrival.chatId)) {
              answeredAt.set(arrival.chatId, arrival.at);
              if (answeredAt.size === people) complete();
            }
          });

          const started = performance.now();
          const spreadMs = (people / PEOPLE_PER_SECOND) * 1000;
          let offered = 0;
          const offering = setInterval(() => {
            const due = Math.min(people, Math.ceil(((performance.now() - started) / spreadMs) * people));
            for (; offered < due; offered++) {
              offeredAt.set(first + offered, performance.now());
              feed.offer(command('start', '', { userId: first + offered, languageCode: 'sq' }));
            }
            if (offered === people) clearInterval(offering);
          }, OFFER_EVERY_MS);

          // Telegram's floor, three times over, and two minutes: then the run has failed.
          const limitMs = (people / TELEGRAM_PUBLISHED_LIMITS.globalPerSecond) * expected.length * 3000 + 120_000;
          const timedOut = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), limitMs).unref());
          const outcome = await Promise.race([done.then(() => 'done' as const), timedOut]);
          clearInterval(offering);
          const seconds = (performance.now() - started) / 1000;
          clearInterval(sampler);
          if (outcome === 'timeout') throw new CheckFailed(`${column}: ${answeredAt.size} of ${people} people answered after ${Math.round(limitMs / 1000)} s`);

          // Nothing more may come: no message twice, no message of one person to another.
          await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
          for (let p = 0; p < people; p++) {
            const texts = received.get(first + p) ?? [];
            if (texts.length !== expected.length || texts.some((text, i) => text !== expected[i])) {
              throw new CheckFailed(`${column}: person ${p} received ${texts.length} messages, a lone person ${expected.length}${texts.length === expected.length ? ' (different texts)' : ''}`);
            }
          }
          const left = (await inbox.waiting()).length;
          if (left > 0) throw new CheckFailed(`${column}: ${left} updates still in the inbox after everyone was answered`);

          const waits = sorted(Float64Array.from([...answeredAt].map(([chatId, at]) => (at - (offeredAt.get(chatId) ?? at)) / 1000)));
          const messages = people * expected.length;
          const floor = messages / TELEGRAM_PUBLISHED_LIMITS.globalPerSecond;
          return {
            seconds,
            vsFloor: seconds / floor,
            messagesPerSecond: messages / seconds,
            waitP50: percentile(waits, 50),
            waitP99: percentile(waits, 99),
            peakRss: peakRssBytes / 2 ** 20,
            refused: api.refused() - refusedBefore,
          };
        },
        async teardown() {
          // Ura first; the Bot API then answers Ura's last long poll (empty) before it closes.
          await ura.stop();
          await api.close();
          await db.dispose();
          rmSync(dataDir, { recursive: true, force: true });
        },
      };
    },
  };
}

registerBenchmark({
  name: 'surge',
  description: 'new people writing /start at 10,000 a minute to Ura polling as in production, against a Bot API enforcing 30 messages a second and 1 a second per chat; --updates = people',
  defaults: { updates: 10_000, runs: 1, warmup: 300 },
  metrics: [
    { key: 'seconds', label: 'first /start offered to everyone answered', unit: 's', better: 'lower', digits: 1 },
    { key: 'vsFloor', label: "time / Telegram's floor (messages / 30 a second)", unit: 'ratio', better: 'lower', digits: 2 },
    { key: 'messagesPerSecond', label: 'messages delivered', unit: 'messages/s', better: 'higher', digits: 1 },
    { key: 'waitP50', label: "a person's wait, /start offered to last reply: p50", unit: 's', better: 'lower', digits: 1 },
    { key: 'waitP99', label: "a person's wait: p99", unit: 's', better: 'lower', digits: 1 },
    { key: 'peakRss', label: 'peak RSS of the process', unit: 'MiB', better: 'lower', digits: 0 },
    { key: 'refused', label: 'messages refused with 429', unit: 'count', better: 'lower', digits: 0 },
  ],
  async plan(params) {
    const notes = [
      `--updates counts people; they are offered through getUpdates evenly over ${((params.updates / PEOPLE_PER_SECOND) * 1).toFixed(0)} s (10,000 a minute), every person new to Ura`,
      "Ura is started by startUra with BOT_MODE=polling against the Bot API below: the composition root, the inbox, Ura's getUpdates loop and every area's timer, as in production",
      'the Bot API is an HTTP server in this process (bench/limited-bot-api.ts): a sliding 1 s window of 30 accepted messages over arrival times, and 1 a second per chat; a message over either limit is answered 429 with retry_after (whole seconds) and not counted',
      `checked: every person receives exactly the messages a lone new person receives for /start (measured first), in order, none twice (${QUIET_MS} ms of quiet after the last), and the inbox is empty`,
      "Telegram's floor: (people x messages per person) / 30 seconds; no bot can be faster",
      `peak RSS: process.memoryUsage.rss() every ${RSS_SAMPLE_MS} ms during the run; the whole process (Ura, the Bot API server, the harness)`,
    ];
    const { providers, postgres } = await benchDatabases(notes);
    return {
      cases: providers.map(({ provider, open }) => surgeCase(provider, open)),
      notes,
      parameters: { people: params.updates, peoplePerSecond: PEOPLE_PER_SECOND, limits: TELEGRAM_PUBLISHED_LIMITS, postgresql: postgres },
    };
  },
});
