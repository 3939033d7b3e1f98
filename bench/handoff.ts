// Benchmark `handoff`: how fast a request for a person becomes case cards on their
// way to the operators on call, how many relayed messages per second go through
// the persisted outbox, and whether a claim stays exclusive under 100 concurrent
// presses. Ura's real bot and handoff on SQLite (and PostgreSQL when
// TEST_DATABASE_URL is set), with the Bot API answered in-process.
//
// One run, with --updates N people:
//   1. (not timed) N people reach the menu in Albanian; OPERATORS operators are on call.
//   2. timed: every person presses "talk to a person", IN_FLIGHT at a time. The
//      latency of each press is the whole handling of that update: opening the
//      case, paging (case cards written to the outbox) and the answer to the
//      person. Checked: N pending cases, each with a card for every operator.
//   3. (not timed) the operators take the cases, round-robin.
//   4. timed: every person writes MESSAGES messages, IN_FLIGHT at a time; the clock
//      stops when the outbox has delivered every one. Checked: exactly N x MESSAGES
//      relays sent, none twice.
//   5. timed: one more case, and CLAIMERS operators press Take at once. Checked:
//      exactly one wins.
import type { Update } from 'grammy/types';
import { createI18n } from '../src/i18n/index.js';
import type { TestDatabase } from '../test/support/database.js';
import { callbackQuery, command, privateText } from '../test/support/updates.js';
import { CheckFailed, percentile, registerBenchmark, sorted, throughputAndLatency, type BenchCase, type PreparedCase } from './harness.js';
import { benchDatabases, emptyTables, uraBot } from './ura-bot.js';

const FIRST_PERSON = 820_000;
const FIRST_OPERATOR = 9_800_000;
const OPERATORS = 5;
const CLAIMERS = 100;
const MESSAGES = 3;
const IN_FLIGHT = 16;

/** Runs `work` for 0..count-1 with at most `limit` in flight; returns each one's latency in ms. */
async function pool(count: number, limit: number, work: (index: number) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      const started = performance.now();
      await work(index);
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return latencies;
}

function handoffCase(provider: 'sqlite' | 'postgresql', open: () => Promise<TestDatabase>): BenchCase {
  const column = provider === 'sqlite' ? 'Ura SQLite' : 'Ura PostgreSQL';
  return {
    name: `handoff-${provider}`,
    row: `${IN_FLIGHT} in flight`,
    column,
    async setup(): Promise<PreparedCase> {
      const db = await open();
      const { prisma } = db.db;
      const { bot, api, parts } = uraBot(db.db, createI18n());
      const handle = async (update: Update) => {
        await bot.handleUpdate(update);
        // The recorder keeps every call; nothing here reads them, so memory stays flat.
        api.calls.length = 0;
      };
      const person = (index: number) => ({ userId: FIRST_PERSON + index, languageCode: 'sq' });

      async function addOperators(count: number, first: number, presence: 'on' | null) {
        await prisma.operator.createMany({
          data: Array.from({ length: count }, (_, i) => ({
            id: `bench-op-${first + i}`,
            telegramId: String(first + i),
            role: 'operator',
            languages: '["sq"]',
            skills: '[]',
            createdAt: new Date(),
            presence,
          })),
        });
      }

      return {
        async run(people) {
          await emptyTables(db.db, ['CaseEvent', 'CaseMessage', 'OutboxMessage', 'HelpCase', 'Conversation', 'ChatMessage', 'ChatSession', 'Contact', 'Operator']);
          await addOperators(OPERATORS, FIRST_OPERATOR, 'on');
          await pool(people, IN_FLIGHT, async (i) => {
            for (const update of [command('start', '', person(i)), callbackQuery('l|sq', person(i)), callbackQuery('o', person(i)), callbackQuery('y|safe', person(i))]) await handle(update);
          });

          const requestStarted = performance.now();
          const requestLatencies = await pool(people, IN_FLIGHT, (i) => handle(callbackQuery('p', person(i))));
          const requestWall = performance.now() - requestStarted;
          const cases = await prisma.helpCase.findMany({ where: { status: 'pending' } });
          const cards = await prisma.outboxMessage.count({ where: { purpose: 'card' } });
          if (cases.length !== people) throw new CheckFailed(`${column}: ${cases.length} pending cases for ${people} requests`);
          if (cards !== people * OPERATORS) throw new CheckFailed(`${column}: ${cards} case cards, expected ${people * OPERATORS}`);
          await parts.outbox.idle();

          const operators = await parts.dutyStore.onDuty();
          for (const [index, helpCase] of cases.entries()) {
            const result = await parts.handoff.claim(operators[index % operators.length]!, helpCase.code);
            if (result.kind !== 'claimed') throw new CheckFailed(`${column}: claiming ${helpCase.code} gave ${result.kind}`);
          }
          await parts.outbox.idle();

          const relayStarted = performance.now();
          const relayLatencies = await pool(people * MESSAGES, IN_FLIGHT, (n) => handle(privateText(`message ${n}`, person(n % people))));
          parts.outbox.kick();
          await parts.outbox.idle();
          const relayWall = performance.now() - relayStarted;
          const relayed = await prisma.outboxMessage.count({ where: { dedupeKey: { startsWith: 'relay:' }, status: 'sent' } });
          const left = await prisma.outboxMessage.count({ where: { status: 'pending' } });
          if (relayed !== people * MESSAGES || left !== 0) throw new CheckFailed(`${column}: ${relayed} relays sent and ${left} pending, expected ${people * MESSAGES} and 0`);

          await addOperators(CLAIMERS, FIRST_OPERATOR + 1000, null);
          await handle(command('start', '', person(people)));
          for (const data of ['l|sq', 'o', 'y|safe', 'p']) await handle(callbackQuery(data, person(people)));
          const contested = await prisma.helpCase.findFirstOrThrow({ where: { status: 'pending' } });
          const claimers = (await parts.dutyStore.onDuty()).filter((operator) => operator.presence === null);
          const raceStarted = performance.now();
          const results = await Promise.all(claimers.map((operator) => parts.handoff.claim(operator, contested.code)));
          const raceMs = performance.now() - raceStarted;
          const winners = results.filter((result) => result.kind === 'claimed').length;
          if (winners !== 1) throw new CheckFailed(`${column}: ${winners} of ${CLAIMERS} concurrent claims won`);
          await parts.outbox.idle();

          const requests = sorted(requestLatencies);
          const relays = sorted(relayLatencies);
          return {
            throughput: people / (requestWall / 1000),
            p50: percentile(requests, 50),
            p99: percentile(requests, 99),
            relayThroughput: (people * MESSAGES) / (relayWall / 1000),
            relayP50: percentile(relays, 50),
            relayP99: percentile(relays, 99),
            raceMs,
            winners,
          };
        },
        teardown: () => db.dispose(),
      };
    },
  };
}

registerBenchmark({
  name: 'handoff',
  description: 'requests for a person to case cards in the outbox, relay throughput through the outbox, and a 100-way claim race; --updates = people',
  defaults: { updates: 300, runs: 3, warmup: 50 },
  metrics: [
    ...throughputAndLatency('requests/s', { prefix: 'request to cards: ', digits: 2 }),
    { key: 'relayThroughput', label: 'relay, person to operator, delivered', unit: 'messages/s', better: 'higher', digits: 0 },
    { key: 'relayP50', label: 'relay: p50 to store and enqueue', unit: 'ms', better: 'lower', digits: 2 },
    { key: 'relayP99', label: 'relay: p99 to store and enqueue', unit: 'ms', better: 'lower', digits: 2 },
    { key: 'raceMs', label: `${CLAIMERS} concurrent claims of one case`, unit: 'ms', better: 'lower', digits: 1 },
    { key: 'winners', label: 'claims that won (must be 1)', unit: 'count', better: 'lower', digits: 0 },
  ],
  async plan(params) {
    const notes = [
      `--updates counts people; ${OPERATORS} operators on call, all matching (Albanian), so every request writes ${OPERATORS} case cards`,
      `request latency: performance.now() around bot.handleUpdate of the "talk to a person" press (case opened, cards enqueued, person answered); ${IN_FLIGHT} people in flight`,
      `relay: ${MESSAGES} messages per person after the cases were claimed; throughput counts until the outbox has delivered all of them (the Bot API answers in-process); latency is the handling of each update (stored and enqueued)`,
      `claim race: ${CLAIMERS} operators call claim() on one pending case at once; the database's conditional update decides`,
    ];
    const { providers, postgres } = await benchDatabases(notes);
    const cases = providers.map(({ provider, open }) => handoffCase(provider, open));
    return { cases, notes, parameters: { people: params.updates, operators: OPERATORS, messagesPerPerson: MESSAGES, claimers: CLAIMERS, inFlight: IN_FLIGHT, postgresql: postgres } };
  },
});
