// What the benchmarks share: Ura's real bot on a benchmark database, answered by the
// in-process fake Bot API, and the version of the PostgreSQL server measured.
import pg from 'pg';
import { composeHelpline } from '../src/compose.js';
import type { FlowCatalog } from '../src/flows/catalog.js';
import { loadAreaFlows } from '../src/flow-actions.js';
import { loadDirectory } from '../src/helpline/directory.js';
import { readLocales, type I18n } from '../src/i18n/index.js';
import { systemClock } from '../src/shared/clock.js';
import { createIdentityProtector } from '../src/shared/crypto.js';
import { createLogger } from '../src/shared/logger.js';
import type { Database } from '../src/storage/database.js';
import { redactDatabaseUrl } from '../src/storage/database-url.js';
import type { TestDatabase } from '../test/support/database.js';
import { DEFAULT_CLAIM_TARGETS } from '../src/helpline/handoff/targets.js';
import { areaComposers } from '../src/transport/telegram/area-composers.js';
import { createBot } from '../src/transport/telegram/bot.js';
import { createBotCall } from '../src/transport/telegram/bot-call.js';
import { createRateLimiter } from '../src/transport/telegram/rate-limiter.js';
import { recordBotApi, TEST_BOT_INFO } from '../test/support/bot-api.js';
import { testConfig } from '../test/support/config.js';

const TOKEN = '123456:bench-token-never-sent-anywhere';
const locales = readLocales();
const unlimited = () => createRateLimiter({ limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 });

/**
 * Ura's bot as it runs, but without the per-person rate limit nor Telegram's limits on
 * the outbox (the fake API has none): benchmarks flood on purpose.
 */
export function uraBot(database: Pick<Database, 'prisma' | 'sql' | 'scrub'>, i18n: I18n, catalog: FlowCatalog = loadAreaFlows().catalog) {
  const identity = createIdentityProtector(testConfig().secrets);
  const outboxApi = createBotCall({ token: TOKEN, apiRoot: 'https://api.telegram.org' });
  const helpline = composeHelpline({
    prisma: database.prisma,
    sql: database.sql,
    scrub: database.scrub,
    catalog,
    directory: loadDirectory(undefined, locales).directory,
    identity,
    i18n,
    locales,
    clock: systemClock,
    logger: createLogger('silent'),
    retentionDays: 30,
    surveyRetentionDays: 730,
    call: outboxApi.call,
    timezone: 'Europe/Tirane',
    targets: DEFAULT_CLAIM_TARGETS,
    outboxLimits: { global: null, group: null },
  });
  const bot = createBot({
    token: TOKEN,
    apiRoot: 'https://api.telegram.org', // never reached: the fake API answers every call
    botInfo: TEST_BOT_INFO,
    sessions: helpline.sessions,
    readFirst: helpline.readFirst,
    i18n,
    identity,
    logger: helpline.helpline.logger,
    composers: areaComposers({ ...helpline, helpline: { ...helpline.helpline, rateLimits: { messages: unlimited(), buttons: unlimited() } } }),
  });
  return { bot, api: recordBotApi(bot, outboxApi), identity, parts: helpline.parts };
}

export async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown';
  } catch (error) {
    throw new Error(`TEST_DATABASE_URL is set but PostgreSQL does not answer at ${redactDatabaseUrl(url)}: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * The databases a benchmark measures: always a SQLite file, and PostgreSQL when
 * TEST_DATABASE_URL is set (with its server version for the record, or a note saying
 * why it was left out). Imported lazily so that listing benchmarks prints nothing.
 */
export async function benchDatabases(notes: string[]) {
  const { sqliteDatabase, postgresDatabase, postgresUrl } = await import('../test/support/database.js');
  const providers: { provider: 'sqlite' | 'postgresql'; open: () => Promise<TestDatabase> }[] = [{ provider: 'sqlite', open: sqliteDatabase }];
  let postgres: Record<string, string> | null = null;
  if (postgresUrl) {
    postgres = { url: redactDatabaseUrl(postgresUrl), serverVersion: await postgresVersion(postgresUrl) };
    providers.push({ provider: 'postgresql', open: postgresDatabase });
  } else notes.push('PostgreSQL not measured: TEST_DATABASE_URL is not set');
  return { providers, postgres };
}

/**
 * Empties `tables` (in this order, the referencing ones first) so that a run finds the
 * same database as the last; on PostgreSQL also vacuums them, which keeps deleted rows
 * from piling up run after run (without it Ura's helpline throughput on PostgreSQL fell
 * from one run to the next: 503, 395, 274 updates/s).
 */
export async function emptyTables(database: Pick<Database, 'prisma' | 'provider'>, tables: readonly string[]): Promise<void> {
  for (const table of tables) await database.prisma.$executeRawUnsafe(`DELETE FROM "${table}"`);
  if (database.provider === 'postgresql') for (const table of tables) await database.prisma.$executeRawUnsafe(`VACUUM ANALYZE "${table}"`);
}
