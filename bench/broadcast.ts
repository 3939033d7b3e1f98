// Benchmark `broadcast`: a World Café round announcement to every participant, through
// Ura's real outbox on SQLite (and PostgreSQL when TEST_DATABASE_URL is set), against a
// Bot API server in this process that enforces Telegram's published limits (30 messages
// in any second, one a second per chat; 429 with retry_after beyond them).
//
// One run, with --updates N participants, three scenarios, each with a fresh outbox (its
// throttle starts empty) and a Bot API whose windows start empty:
//   1. the announcement: N messages (purpose `announcement`, bulk) written in one
//      transaction, then drained. Timed from the start of the write to the arrival of
//      the last message at the Bot API; 429s counted. Checked: every participant got
//      exactly one, and every row is marked sent.
//   2. the same, and when half of them have arrived a case card (the helpline's purpose
//      `card`, urgent) is written for an operator: how long it waited, from the start of
//      its write to its arrival.
//   3. as 2, but the card written as one more announcement (bulk): how long it would wait
//      without its priority.
// The drain runs as Ura's does (kicked when messages are written); when a drain ends with
// messages waiting (after a 429), the next one starts 100 ms later here, where Ura's next
// comes with the next tick (15 s) or the next message written.
import { composeDelivery, type DeliveryParts } from '../src/compose-handoff.js';
import type { Outgoing } from '../src/delivery/model.js';
import { handoffDeliveryRules } from '../src/helpline/handoff/delivery-rules.js';
import { PURPOSES } from '../src/helpline/handoff/model.js';
import { systemClock } from '../src/shared/clock.js';
import { createIdentityProtector } from '../src/shared/crypto.js';
import { createLogger } from '../src/shared/logger.js';
import type { Database } from '../src/storage/database.js';
import { createHandoffRepository } from '../src/storage/handoff-repository.js';
import { createMessageLogRepository } from '../src/storage/helpline-repositories.js';
import { createBotCall } from '../src/transport/telegram/bot-call.js';
import { testConfig } from '../test/support/config.js';
import type { TestDatabase } from '../test/support/database.js';
import { CheckFailed, registerBenchmark, type BenchCase, type PreparedCase } from './harness.js';
import { startLimitedBotApi, TELEGRAM_PUBLISHED_LIMITS, type LimitedBotApi } from './limited-bot-api.js';
import { benchDatabases } from './ura-bot.js';

const TOKEN = '123456:bench-token-never-sent-anywhere';
const FIRST_PARTICIPANT = 6_300_000;
const OPERATOR = 9_900_001;
const ANNOUNCEMENT = 'announcement';
/** How long after a drain that left messages waiting the next one starts (Ura: the next tick, or the next message written). */
const REDRAIN_MS = 100;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const identity = createIdentityProtector(testConfig().secrets);

/** The round's announcement to one participant, as the events area would write it. */
const announcement = (participant: number, run: number): Outgoing => ({
  chatId: FIRST_PARTICIPANT + participant,
  method: 'sendMessage',
  payload: { text: `Round 1 of 3 · table ${(participant % 33) + 1} · host Arta\nWhat are the obstacles to identifying victims in your county?` },
  dedupeKey: `round:${run}:1:${participant}`,
  purpose: ANNOUNCEMENT,
  topic: 'event-1',
});

const card = (run: number, purpose: string): Outgoing => ({
  chatId: OPERATOR,
  method: 'sendMessage',
  payload: { text: 'URGENT · K7-4QF · sq · adult · waiting 0 min' },
  dedupeKey: `card:${run}:${purpose}`,
  purpose,
});

/** The outbox as Ura composes it (Telegram's limits, the real pace and clock), with the helpline's rules and a bulk announcement purpose. */
function outboxFor({ prisma, sql }: Pick<Database, 'prisma' | 'sql'>, apiRoot: string): DeliveryParts {
  const parts = composeDelivery({ prisma, sql, identity, call: createBotCall({ token: TOKEN, apiRoot }).call, clock: systemClock, logger: createLogger('silent') });
  parts.outbox.register(handoffDeliveryRules({ store: createHandoffRepository(prisma, sql), messages: createMessageLogRepository(prisma, sql), blocked: async () => undefined }));
  parts.outbox.register({ area: 'events', purposes: { [ANNOUNCEMENT]: 'bulk' } });
  return parts;
}

/** Drains until `expected` messages have arrived at the Bot API, as ticks would. */
async function deliverAll(parts: DeliveryParts, api: LimitedBotApi, expected: () => number): Promise<void> {
  const deadline = performance.now() + 120_000;
  while (api.delivered.length < expected()) {
    if (performance.now() > deadline) throw new CheckFailed(`${api.delivered.length} of ${expected()} messages delivered after 120 s`);
    parts.outbox.kick();
    await parts.outbox.idle();
    if (api.delivered.length < expected()) await sleep(REDRAIN_MS);
  }
}

interface Scenario {
  seconds: number;
  refused: number;
  delivered: number;
  cardWaitMs?: number;
}

function broadcastCase(provider: 'sqlite' | 'postgresql', open: () => Promise<TestDatabase>): BenchCase {
  const column = provider === 'sqlite' ? 'Ura SQLite' : 'Ura PostgreSQL';
  return {
    name: `broadcast-${provider}`,
    row: 'outbox vs a limited Bot API',
    column,
    async setup(): Promise<PreparedCase> {
      const db = await open();
      const { prisma } = db.db;
      const api = await startLimitedBotApi();
      let run = 0;

      /** One announcement to `participants`, and a card when half of it has arrived if `cardPurpose` is given. */
      async function scenario(participants: number, cardPurpose?: string): Promise<Scenario> {
        run += 1;
        await prisma.outboxMessage.deleteMany();
        api.reset();
        const parts = outboxFor(db.db, api.apiRoot);
        let cardWritten: Promise<number> | undefined;
        if (cardPurpose) {
          api.onDelivered(() => {
            if (cardWritten || api.delivered.length < Math.ceil(participants / 2)) return;
            const writtenAt = performance.now();
            cardWritten = parts.outbox.enqueue([card(run, cardPurpose)]).then(() => (parts.outbox.kick(), writtenAt));
          });
        }
        const started = performance.now();
        await parts.outbox.enqueue(Array.from({ length: participants }, (_, participant) => announcement(participant, run)));
        await deliverAll(parts, api, () => participants + (cardPurpose ? 1 : 0));
        const lastArrival = Math.max(...api.delivered.map((arrival) => arrival.at));
        const toParticipants = api.delivered.filter((arrival) => arrival.chatId !== OPERATOR);
        if (new Set(toParticipants.map((arrival) => arrival.chatId)).size !== participants || toParticipants.length !== participants) {
          throw new CheckFailed(
            `${column}: ${toParticipants.length} announcements to ${new Set(toParticipants.map((arrival) => arrival.chatId)).size} participants, expected ${participants} to ${participants}`,
          );
        }
        await parts.outbox.idle();
        const unsent = await prisma.outboxMessage.count({ where: { status: { not: 'sent' } } });
        if (unsent !== 0) throw new CheckFailed(`${column}: ${unsent} messages not marked sent`);
        const result: Scenario = { seconds: (lastArrival - started) / 1000, refused: api.refused(), delivered: toParticipants.length };
        if (cardWritten) {
          const writtenAt = await cardWritten;
          const arrival = api.delivered.find((delivered) => delivered.chatId === OPERATOR);
          if (!arrival) throw new CheckFailed(`${column}: the card did not arrive`);
          result.cardWaitMs = arrival.at - writtenAt;
        }
        return result;
      }

      return {
        async run(participants) {
          const broadcast = await scenario(participants);
          const withCard = await scenario(participants, PURPOSES.card);
          const withBulkCard = await scenario(participants, ANNOUNCEMENT);
          return {
            seconds: broadcast.seconds,
            vsMinimum: broadcast.seconds / (participants / TELEGRAM_PUBLISHED_LIMITS.globalPerSecond),
            refused: broadcast.refused,
            delivered: broadcast.delivered,
            withCardSeconds: withCard.seconds,
            withCardRefused: withCard.refused + withBulkCard.refused,
            cardWaitMs: withCard.cardWaitMs ?? Number.NaN,
            bulkCardWaitMs: withBulkCard.cardWaitMs ?? Number.NaN,
          };
        },
        async teardown() {
          await api.close();
          await db.dispose();
        },
      };
    },
  };
}

registerBenchmark({
  name: 'broadcast',
  description: 'a round announcement to every participant through the outbox, against a Bot API enforcing 30 messages a second and 1 a second per chat; --updates = participants',
  defaults: { updates: 132, runs: 3, warmup: 132 },
  metrics: [
    { key: 'seconds', label: 'announcement: written to last arrival', unit: 's', better: 'lower', digits: 2 },
    { key: 'vsMinimum', label: 'announcement: time / (participants / 30 a second)', unit: 'ratio', better: 'lower', digits: 2 },
    { key: 'refused', label: 'announcement: 429s', unit: 'count', better: 'lower', digits: 0 },
    { key: 'delivered', label: 'announcement: participants reached', unit: 'count', better: 'higher', digits: 0 },
    { key: 'withCardSeconds', label: 'with a case card at half-way: written to last arrival', unit: 's', better: 'lower', digits: 2 },
    { key: 'withCardRefused', label: 'with a case card (urgent and as bulk): 429s', unit: 'count', better: 'lower', digits: 0 },
    { key: 'cardWaitMs', label: 'case card (urgent): written to arrival', unit: 'ms', better: 'lower', digits: 0 },
    { key: 'bulkCardWaitMs', label: 'the same card written as bulk: written to arrival', unit: 'ms', better: 'lower', digits: 0 },
  ],
  async plan(params) {
    const minimum = params.updates / TELEGRAM_PUBLISHED_LIMITS.globalPerSecond;
    const notes = [
      `--updates counts participants; the theoretical minimum at 30 messages a second is ${params.updates} / 30 = ${minimum.toFixed(2)} s`,
      'the Bot API is an HTTP server in this process (bench/limited-bot-api.ts): a sliding 1 s window of 30 accepted messages over arrival times, and 1 a second per chat; a message over either limit is answered 429 with retry_after (whole seconds) and not counted',
      'Ura: createOutbox with TELEGRAM_LIMITS, the real pace and clock, the Bot API client of the outbox (createBotCall), the helpline’s delivery rules (card: urgent) and an announcement purpose registered as bulk',
      `time: from the start of the one transaction that writes the announcement to the arrival of the last message; a drain that ends with messages waiting is followed by another ${REDRAIN_MS} ms later (in Ura, the next tick or the next message written)`,
      'case card: written when half of the announcement has arrived; its wait runs from the start of its write to its arrival',
    ];
    const { providers, postgres } = await benchDatabases(notes);
    const cases = providers.map(({ provider, open }) => broadcastCase(provider, open));
    return { cases, notes, parameters: { participants: params.updates, theoreticalMinimumSeconds: minimum, limits: TELEGRAM_PUBLISHED_LIMITS, postgresql: postgres } };
  },
});
