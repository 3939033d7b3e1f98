import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import type { RequestHandler } from 'express';
import type { UserFromGetMe } from 'grammy/types';
import type { Resource } from 'i18next';
import { composeAreas, type Areas } from './compose.js';
import { evaluationDownloads } from './compose-evaluation.js';
import { evaluationForms, runLink } from './surveys/index.js';
import { organiserEvents } from './compose-organiser-events.js';
import { composeTelegram, telegramCall } from './compose-telegram.js';
import type { Config } from './config.js';
import { loadTemplates } from './events/index.js';
import { loadAreaFlows } from './flow-actions.js';
import { formatProblems, type FlowCatalog } from './flows/catalog.js';
import { loadDirectory, type Directory } from './helpline/directory.js';
import { createI18n, readLocales } from './i18n/index.js';
import { systemClock, type Clock } from './shared/clock.js';
import { createIdentityProtector } from './shared/crypto.js';
import { errorMessage } from './shared/errors.js';
import type { Logger } from './shared/logger.js';
import { packageRoot } from './shared/paths.js';
import { openDatabase, type Database } from './storage/database.js';
import { checkDatabase } from './storage/database-health.js';
import { redactDatabaseUrl } from './storage/database-url.js';
import { createInboxRepository, type UpdateInbox } from './storage/inbox-repository.js';
import { createApp } from './transport/http/app.js';
import { isHttps, organiserWeb } from './transport/http/organiser-web.js';
import { projectorWeb } from './transport/http/projector-web.js';
import { scheduleJob } from './transport/cron/jobs.js';
import { disabledBot, type BotService } from './transport/telegram/bot-service.js';

/** Why Ura could not start: printed as one clear line, then the process exits 1. */
export class StartupError extends Error {}

export interface RunningUra {
  readonly url: string;
  readonly flows: FlowCatalog;
  readonly bot: BotService;
  readonly database: Database;
  /** Stops taking work, waits for updates in progress (bounded), closes HTTP and the database. */
  stop(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  /** Known bot identity, which skips getMe. */
  botInfo?: UserFromGetMe;
  shutdownGraceMs?: number;
  /** Where the flows are (the shipped flows/ by default). */
  flowsDir?: string;
}

/** How long the record of a handled update is kept: Telegram keeps an update it could not deliver for 24 hours at most. */
const HANDLED_UPDATES_KEPT_MS = 24 * 60 * 60 * 1000;

const version = (): string => JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')).version;

async function openMigratedDatabase(config: Config, logger: Logger): Promise<Database> {
  const where = redactDatabaseUrl(config.database.url);
  let db: Database;
  try {
    db = openDatabase(config.database.target, logger);
    await db.ping();
  } catch (error) {
    throw new StartupError(`cannot reach the database at ${where}: ${errorMessage(error)}`);
  }
  try {
    const applied = await db.migrator.up();
    logger.info({ provider: db.provider, applied }, applied.length ? 'migrations applied' : 'database schema up to date');
  } catch (error) {
    await db.close().catch(() => undefined);
    throw new StartupError(`cannot apply migrations to ${where}: ${errorMessage(error)}`);
  }
  return db;
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new StartupError(`cannot listen on ${host}:${port}: ${errorMessage(error)}`)));
    server.listen(port, host, () => resolve());
  });
}

/** Every flow must be valid before anyone can start a conversation on it. */
function loadValidFlows(logger: Logger, dir: string | undefined, locales: Resource): FlowCatalog {
  const { catalog, problems } = loadAreaFlows(dir, locales);
  if (problems.length > 0) {
    throw new StartupError(formatProblems(problems, 'the flows').join('\n'));
  }
  logger.info({ flows: [...catalog.flows.keys()] }, 'flows loaded');
  return catalog;
}

/** Nobody is shown a service from a directory file with a mistake in it. */
function loadValidDirectory(logger: Logger, locales: Resource): Directory {
  const { directory, problems } = loadDirectory(undefined, locales);
  if (problems.length > 0) {
    throw new StartupError(formatProblems(problems, 'the services directory').join('\n'));
  }
  logger.info({ services: directory.entries.length }, 'services directory loaded');
  return directory;
}

/** No event starts from a programme template with a mistake in it. */
function checkTemplates(logger: Logger, locales: Resource): void {
  const { catalog, problems } = loadTemplates(undefined, locales);
  if (problems.length > 0) throw new StartupError(formatProblems(problems, 'the event programme templates').join('\n'));
  logger.info({ templates: [...catalog.templates.keys()] }, 'event programme templates loaded');
}

/**
 * The scheduled work, with or without Telegram: the handoff's tick (shifts, paging,
 * escalation, and the outbox when Telegram is on), the events' tick (World Café
 * warnings, round ends, tables whose host left), retention every night, and the
 * forgetting of handled updates. The handoff's tick also runs at once, so that what
 * was waiting before a restart goes out now; conditional updates in the database keep
 * two processes from doing a step twice.
 */
function scheduleTicks(areas: Areas, inbox: UpdateInbox, config: Config, clock: Clock, logger: Logger): { stop(): Promise<void> } {
  const options = { timezone: config.timezone, logger };
  const jobs = [
    scheduleJob(
      'retention',
      async () => logger.info({ retention: await areas.retention.run(), surveys: await areas.surveyRetention.run(), events: await areas.eventChatRetention.run() }, 'retention run'),
      options,
    ),
    // A handled update's record only has to outlive Telegram's redeliveries of it.
    scheduleJob('updates', async () => void (await inbox.forgetHandled(new Date(clock.now().getTime() - HANDLED_UPDATES_KEPT_MS))), options),
    scheduleJob('handoff', areas.duty.tick, { ...options, runAtStart: true }),
    // Round ends and warnings due while Ura was down go out at once.
    scheduleJob(
      'events',
      async () => {
        await areas.cafe.tick();
        await areas.surveyRuns.delivery.tick();
      },
      { ...options, runAtStart: true },
    ),
  ];
  return { stop: async () => void (await Promise.all(jobs.map((job) => job.stop()))) };
}

export async function startUra(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningUra> {
  const clock = options.clock ?? systemClock;
  const startedAt = clock.now();
  // Read once: the flows, the directory, the translations and the urgent words all check against them.
  const locales = readLocales();
  const flows = loadValidFlows(logger, options.flowsDir, locales);
  const directory = loadValidDirectory(logger, locales);
  checkTemplates(logger, locales);
  const database = await openMigratedDatabase(config, logger);
  const identity = createIdentityProtector(config.secrets);
  const i18n = createI18n(locales);
  const inbox = createInboxRepository(database.prisma, identity, clock);
  // Every area runs whether or not Telegram does; without a token, messages wait in the outbox.
  const telegram = config.telegram.token === undefined ? undefined : config.telegram;
  // The organisers' sign-in links: PUBLIC_URL, else the address Ura listens on (known once it listens).
  let listening = `http://${config.http.host}:${config.http.port}`;
  const webUrl = () => config.publicUrl ?? listening;
  const areas = composeAreas({
    prisma: database.prisma,
    sql: database.sql,
    scrub: database.scrub,
    catalog: flows,
    directory,
    identity,
    i18n,
    locales,
    clock,
    logger,
    retentionDays: config.retentionDays,
    surveyRetentionDays: config.surveyRetentionDays,
    call: telegram && telegramCall(telegram),
    timezone: config.timezone,
    targets: config.claimTargets,
    webUrl,
  });
  let bot: BotService = disabledBot;
  let webhookRoute: RequestHandler | undefined;
  if (telegram) {
    ({ bot, webhookRoute } = composeTelegram(telegram, areas, { sql: database.sql, clock, logger, inbox, ...(options.botInfo ? { botInfo: options.botInfo } : {}) }));
  } else {
    logger.info('Telegram is off: what is meant for Telegram waits in the outbox. To enable the bot, set TELEGRAM_BOT_TOKEN to the token @BotFather gave you and restart.');
  }

  const projector = projectorWeb({
    events: areas.events,
    board: areas.board,
    controls: areas.boardControls,
    signIn: areas.organiserSignIn,
    i18n,
    clock,
    logger,
  });
  const app = createApp({
    logger,
    health: {
      database: () => checkDatabase(database, 2000),
      bot: () => bot.status(),
      oldestUndelivered: areas.parts.outboxStore.oldestPending,
      clock,
      startedAt,
      version: version(),
      adminToken: config.adminToken,
    },
    ...(webhookRoute ? { telegramWebhook: webhookRoute } : {}),
    organiserWeb: organiserWeb({
      signIn: areas.organiserSignIn,
      events: organiserEvents({
        events: areas.events,
        botUsername: () => bot.username(),
        // The code at the entrance: the one shown now (accepted for one more window after it changes).
        entranceCode: async (eventId) => {
          const { code, changesAt } = await areas.events.entranceCode(eventId);
          return { code, validUntil: changesAt };
        },
        evaluation: evaluationDownloads({ catalog: areas.catalog, i18n, store: areas.surveyStore, events: areas.events, coding: areas.codingReports }),
        surveyRuns: {
          runs: areas.surveyRuns.runs,
          forms: evaluationForms(areas.catalog),
          link: (code) => {
            const username = bot.username();
            return username ? runLink(username, code) : null;
          },
        },
      }),
      i18n,
      clock,
      timeZone: config.timezone,
      publicUrl: config.publicUrl,
      adminToken: config.adminToken,
      logger,
    }),
    projectorWeb: projector.routes,
    https: isHttps(config.publicUrl),
  });
  const server = createServer(app);
  try {
    await listen(server, config.http.host, config.http.port);
  } catch (error) {
    await database.close().catch(() => undefined);
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const url = `http://${config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host}:${port}`;
  listening = url;
  logger.info({ url, provider: database.provider, telegram: telegram ? telegram.mode : 'off' }, 'Ura is running');
  bot.start();
  const ticks = scheduleTicks(areas, inbox, config, clock, logger);

  let stopping: Promise<void> | undefined;
  const stop = async () => {
    await ticks.stop();
    await bot.stop(options.shutdownGraceMs ?? 10_000);
    // Deliveries under way finish (bounded); whatever is left goes out after the restart.
    await Promise.race([areas.parts.outbox.idle(), new Promise((done) => setTimeout(done, options.shutdownGraceMs ?? 10_000).unref())]);
    // The projector's streams never end by themselves: they are closed, and the screens reconnect (to another process, or after the restart).
    projector.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
    await database.close();
    logger.info('Ura stopped');
  };
  return { url, flows, bot, database, stop: () => (stopping ??= stop()) };
}
