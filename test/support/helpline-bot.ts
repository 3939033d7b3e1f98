import type { Update } from 'grammy/types';
import { composeHelpline } from '../../src/compose.js';
import { loadAreaFlows } from '../../src/flow-actions.js';
import { loadDirectory } from '../../src/helpline/directory.js';
import { createI18n, readLocales } from '../../src/i18n/index.js';
import { createIdentityProtector } from '../../src/shared/crypto.js';
import { createLogger, type Logger } from '../../src/shared/logger.js';
import type { BotCall } from '../../src/delivery/outbox.js';
import { DEFAULT_CLAIM_TARGETS } from '../../src/helpline/handoff/targets.js';
import { areaComposers } from '../../src/transport/telegram/area-composers.js';
import { createBot } from '../../src/transport/telegram/bot.js';
import { createBotCall } from '../../src/transport/telegram/bot-call.js';
import { recordBotApi, TEST_BOT_INFO } from './bot-api.js';
import { fakeClock, type FakeClock } from './clock.js';
import { testConfig } from './config.js';
import { sqliteDatabase, type TestDatabase } from './database.js';
import { callbackQuery, command, privateText, type Sender } from './updates.js';
import type { RateLimits } from '../../src/delivery/throttle.js';
import type { UpdateClaims } from '../../src/transport/telegram/claim-first.js';
import type { FlowCatalog } from '../../src/flows/catalog.js';
import type { Flow } from '../../src/flows/schema.js';

// Read once for every bot the tests build, as Ura reads them once at start.
const locales = readLocales();
const catalog = loadAreaFlows(undefined, locales).catalog;
const directory = loadDirectory(undefined, locales).directory;

export interface HelplineBotOptions {
  logger?: Logger;
  /** A database to share (another "process" on the same data); a throwaway SQLite file otherwise. */
  database?: TestDatabase;
  clock?: FakeClock;
  /** Replaces the outbox's way to Telegram (to freeze or fail deliveries). */
  call?: BotCall;
  /** The outbox's limits, where a test about who receives what must not wait on Telegram's (counted in real seconds). */
  outboxLimits?: Partial<RateLimits>;
  /** Where updates are recorded before their first message, as Ura's bot service does. */
  claims?: UpdateClaims;
  /** The flows, where a test changes one of the shipped ones (see flowsWith). */
  catalog?: FlowCatalog;
}

/** The shipped flows with one flow's settings changed, e.g. a survey made not anonymous. */
export function flowsWith(id: string, change: Partial<Flow>): FlowCatalog {
  const flows = new Map(catalog.flows);
  const compiled = flows.get(id);
  if (!compiled) throw new Error(`no flow ${id}`);
  flows.set(id, { ...compiled, flow: { ...compiled.flow, ...change } });
  return { flows, indicatorSets: catalog.indicatorSets, get: (one) => flows.get(one) };
}

/** Ura's real bot on a test database, with the Bot API (the bot's and the outbox's) recorded. */
export async function helplineBot(options: HelplineBotOptions = {}) {
  const test: TestDatabase = options.database ?? (await sqliteDatabase());
  const clock = options.clock ?? fakeClock('2026-06-01T09:00:00Z');
  const identity = createIdentityProtector(testConfig().secrets);
  const i18n = createI18n(locales);
  const outboxApi = createBotCall({ token: '123:TEST', apiRoot: 'http://127.0.0.1:9' });
  const deps = composeHelpline({
    prisma: test.db.prisma,
    sql: test.db.sql,
    scrub: test.db.scrub,
    catalog: options.catalog ?? catalog,
    directory,
    identity,
    i18n,
    locales,
    clock,
    logger: options.logger ?? createLogger('silent'),
    retentionDays: 30,
    surveyRetentionDays: 730,
    call: options.call ?? outboxApi.call,
    timezone: 'Europe/Tirane',
    targets: DEFAULT_CLAIM_TARGETS,
    ...(options.outboxLimits ? { outboxLimits: options.outboxLimits } : {}),
  });
  const logger = deps.helpline.logger;
  const bot = createBot({
    token: '123:TEST',
    apiRoot: 'http://127.0.0.1:9',
    botInfo: TEST_BOT_INFO,
    sessions: deps.sessions,
    readFirst: deps.readFirst,
    i18n,
    identity,
    logger,
    composers: areaComposers(deps),
    ...(options.claims ? { claims: options.claims } : {}),
  });
  const api = recordBotApi(bot, outboxApi);
  const sent = () => api.calls.filter((call) => call.method === 'sendMessage');

  return {
    bot,
    api,
    parts: deps.parts,
    /** Group work, Open Space and polls, as the bot runs them. */
    participation: deps.areas.participation,
    /** Every area as composeAreas wired it (the World Café, its tick, the codebook...). */
    areas: deps.areas,
    db: test.db,
    identity,
    i18n,
    clock,
    // A drain in progress ends first: on a shared database it would otherwise lease the next harness's messages.
    dispose: async () => {
      await deps.parts.outbox.idle();
      if (!options.database) await test.dispose();
    },
    handle: (update: Update) => bot.handleUpdate(update),
    /** A person with a Telegram identity that must never be stored. */
    person(sender: Sender) {
      return {
        start: (payload = '') => bot.handleUpdate(command('start', payload, sender)),
        command: (name: string, payload = '') => bot.handleUpdate(command(name, payload, sender)),
        say: (text: string) => bot.handleUpdate(privateText(text, sender)),
        press: (data: string) => bot.handleUpdate(callbackQuery(data, sender)),
      };
    },
    /** Texts sent since `from` (an index into the sent messages). */
    textsSince: (from: number) =>
      sent()
        .slice(from)
        .map((call) => String(call.payload.text)),
    sentCount: () => sent().length,
    /** The buttons of the last message sent, as [text, data]. */
    lastButtons: () => {
      const markup = sent().at(-1)?.payload.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined;
      return (markup?.inline_keyboard ?? []).flat().map((b) => [b.text, b.callback_data ?? ''] as const);
    },
  };
}

export type HelplineHarness = Awaited<ReturnType<typeof helplineBot>>;
type Person = ReturnType<HelplineHarness['person']>;

/** A person who chose a language, read the notice and said they are safe: at the menu. */
export async function toMenu(person: Person, language: 'sq' | 'en' | 'it' | 'el') {
  await person.start();
  await person.press(`l|${language}`);
  await person.press('o');
  await person.press('y|safe');
}

/** Calls to one chat, in order, as Telegram received them. */
export const callsTo = (h: HelplineHarness, chatId: number) => h.api.calls.filter((call) => call.payload.chat_id === chatId);
/** The texts Telegram received for one chat, in order. */
export const textsTo = (h: HelplineHarness, chatId: number) => callsTo(h, chatId).flatMap((call) => (typeof call.payload.text === 'string' ? [call.payload.text] : []));
