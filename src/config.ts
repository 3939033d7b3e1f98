import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_DATA_DIR } from './shared/dev-secrets.js';
import { DEFAULT_CLAIM_TARGETS, parseClaimTargets, type ClaimTargets } from './helpline/handoff/targets.js';
import { parseDatabaseUrl, redactDatabaseUrl, type DatabaseTarget } from './storage/database-url.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * No TELEGRAM_BOT_TOKEN: Telegram is off. Every area still runs (the duty tick, retention);
 * what is meant for Telegram waits in the outbox. BOT_MODE can then only be polling.
 */
export interface TelegramOff {
  token: undefined;
  mode: 'polling';
  apiRoot: string;
}
/** Ura asks Telegram for updates. */
export interface TelegramPolling {
  token: string;
  mode: 'polling';
  apiRoot: string;
}
/** Telegram posts updates to PUBLIC_URL, with WEBHOOK_SECRET in a header. */
export interface TelegramWebhook {
  token: string;
  mode: 'webhook';
  apiRoot: string;
  /** Without a trailing slash. */
  publicUrl: string;
  webhookSecret: string;
}
export type TelegramOn = TelegramPolling | TelegramWebhook;
/** Narrowed by `token` (off or on), then by `mode`: the webhook's settings exist wherever the webhook is. */
export type TelegramConfig = TelegramOff | TelegramOn;

export interface Config {
  nodeEnv: 'development' | 'production' | 'test';
  database: { url: string; target: DatabaseTarget };
  dataDir: string;
  telegram: TelegramConfig;
  http: { host: string; port: number };
  /** PUBLIC_URL without a trailing slash: where Telegram and browsers reach Ura (the webhook, the organisers' sign-in links). */
  publicUrl: string | undefined;
  secrets: { dataKey: Buffer; idPepper: string };
  adminToken: string | undefined;
  timezone: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** Days after which conversations that never reached a person are deleted. */
  retentionDays: number;
  /** Days after which anonymous survey responses (the service feedback, evaluations) are deleted. */
  surveyRetentionDays: number;
  /** Minutes within which a case of each level should be claimed before it escalates. */
  claimTargets: ClaimTargets;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

/** What each variable must look like; printed after the problem so the fix is obvious. */
const EXPECTED: Record<string, string> = {
  NODE_ENV: 'development, production or test',
  DATABASE_URL: 'file:<path> for SQLite or postgresql://user@host:5432/db for PostgreSQL',
  DATA_DIR: 'a directory path',
  TELEGRAM_BOT_TOKEN: 'the token from @BotFather, like 123456:ABC-DEF...',
  TELEGRAM_API_ROOT: 'an http(s) URL such as https://api.telegram.org',
  BOT_MODE: 'polling or webhook',
  PUBLIC_URL: 'the https URL where Telegram and browsers reach this server',
  WEBHOOK_SECRET: '16 to 256 characters of A-Z, a-z, 0-9, _ and -',
  PORT: 'a whole number from 0 to 65535',
  HOST: 'an interface address such as 127.0.0.1 or 0.0.0.0',
  DATA_KEY: '32 random bytes as base64 (44 characters) or hex (64 characters)',
  ID_PEPPER: 'at least 32 characters of random text',
  ADMIN_TOKEN: 'at least 24 characters of random text',
  APP_TIMEZONE: 'an IANA time zone such as Europe/Tirane',
  LOG_LEVEL: LOG_LEVELS.join(', '),
  RETENTION_DAYS: 'a whole number of days from 1 to 3650',
  SURVEY_RETENTION_DAYS: 'a whole number of days from 1 to 3650',
  CLAIM_TARGETS: 'minutes per risk level such as URGENT=2,HIGH=10,CONCERN=60,INFO=60',
};

/** Values that may be echoed back in a problem line (never secrets). */
const SHOWN = new Set(['NODE_ENV', 'BOT_MODE', 'PORT', 'APP_TIMEZONE', 'LOG_LEVEL', 'TELEGRAM_API_ROOT', 'PUBLIC_URL', 'HOST', 'RETENTION_DAYS', 'SURVEY_RETENTION_DAYS', 'CLAIM_TARGETS']);

function decodeKey(value: string): Buffer | undefined {
  if (/^[0-9a-fA-F]{64}$/.test(value)) return Buffer.from(value, 'hex');
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === 32 && /^[A-Za-z0-9+/_-]{43}=?$/.test(value) ? bytes : undefined;
}

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const httpUrl = z.string().refine((value) => /^https?:\/\/[^\s/]+/.test(value) && URL.canParse(value), 'is not an http(s) URL');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d{3,}:[A-Za-z0-9_-]{20,}$/, 'does not look like a bot token')
    .optional(),
  TELEGRAM_API_ROOT: httpUrl.default('https://api.telegram.org'),
  BOT_MODE: z.enum(['polling', 'webhook']).default('polling'),
  PUBLIC_URL: httpUrl.optional(),
  WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, 'has the wrong length or characters')
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_KEY: z.string().optional(),
  ID_PEPPER: z.string().min(32, 'is too short').optional(),
  ADMIN_TOKEN: z.string().min(24, 'is too short').optional(),
  APP_TIMEZONE: z.string().refine(isTimeZone, 'is not a known time zone').default('Europe/Tirane'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  SURVEY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(730),
  CLAIM_TARGETS: z.string().optional(),
});

/**
 * Rules across variables, checked on the raw values so that they are reported
 * together with every other problem, not only once the rest is valid.
 */
function crossChecks(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (env.BOT_MODE === 'webhook') {
    for (const name of ['TELEGRAM_BOT_TOKEN', 'PUBLIC_URL', 'WEBHOOK_SECRET']) {
      if (env[name] === undefined) problems.push(`${name} is required when BOT_MODE=webhook; expected ${EXPECTED[name]}`);
    }
    // Telegram delivers webhooks over https only; plain http is for local emulators.
    if (env.NODE_ENV === 'production' && env.PUBLIC_URL?.startsWith('http://')) {
      problems.push(`PUBLIC_URL must use https in production; expected ${EXPECTED.PUBLIC_URL}`);
    }
  }
  if (env.DATA_KEY !== undefined && decodeKey(env.DATA_KEY) === undefined) {
    problems.push(`DATA_KEY is not 32 bytes of base64 or hex; expected ${EXPECTED.DATA_KEY}`);
  }
  for (const name of ['DATA_KEY', 'ID_PEPPER']) {
    if (env[name] === undefined) {
      const when = env.NODE_ENV === 'production' ? 'NODE_ENV=production' : 'no development secrets file exists';
      problems.push(`${name} is required when ${when}; expected ${EXPECTED[name]}`);
    }
  }
  const targets = env.CLAIM_TARGETS === undefined ? undefined : parseClaimTargets(env.CLAIM_TARGETS);
  if (targets && 'problem' in targets) problems.push(`CLAIM_TARGETS ${targets.problem}; expected ${EXPECTED.CLAIM_TARGETS}`);
  return problems;
}

function describe(issue: z.core.$ZodIssue, env: Record<string, string | undefined>): string {
  const name = String(issue.path[0] ?? 'environment');
  const value = env[name];
  const shown = value !== undefined && SHOWN.has(name) ? ` ("${value}")` : '';
  const problem = issue.code === 'invalid_value' || issue.code === 'invalid_type' ? 'has an invalid value' : issue.message;
  const expected = EXPECTED[name];
  return `${name}${shown} ${problem}${expected ? `; expected ${expected}` : ''}`;
}

/** Undefined only for a webhook set-up without its address or secret, which crossChecks reports first. */
function telegramOf(value: z.infer<typeof schema>): TelegramConfig | undefined {
  const apiRoot = value.TELEGRAM_API_ROOT.replace(/\/+$/, '');
  const token = value.TELEGRAM_BOT_TOKEN;
  if (token === undefined) return { token, mode: 'polling', apiRoot };
  if (value.BOT_MODE === 'polling') return { token, mode: 'polling', apiRoot };
  if (value.PUBLIC_URL === undefined || value.WEBHOOK_SECRET === undefined) return undefined;
  return { token, mode: 'webhook', apiRoot, publicUrl: value.PUBLIC_URL.replace(/\/+$/, ''), webhookSecret: value.WEBHOOK_SECRET };
}

const claimTargetsOf = (text: string | undefined): ClaimTargets => {
  const parsed = text === undefined ? DEFAULT_CLAIM_TARGETS : parseClaimTargets(text);
  return 'problem' in parsed ? DEFAULT_CLAIM_TARGETS : parsed;
};

/**
 * Parses the environment once. Pure: reads only its arguments. Empty strings
 * count as unset, as they do in most deployment files.
 */
export function loadConfig(rawEnv: Record<string, string | undefined>, cwd: string): ConfigResult {
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = schema.safeParse(env);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => describe(issue, env));
  problems.push(...crossChecks(env));
  // The embedded database lives beside the development secrets unless told otherwise.
  const databaseUrl = env.DATABASE_URL ?? `file:${join(env.DATA_DIR ?? DEFAULT_DATA_DIR, 'ura.db')}`;
  const target = parseDatabaseUrl(databaseUrl, cwd);
  if ('problem' in target) problems.unshift(`DATABASE_URL ${target.problem}; expected ${EXPECTED.DATABASE_URL}`);
  if (!parsed.success || problems.length > 0 || 'problem' in target) return { ok: false, problems };

  const value = parsed.data;
  const telegram = telegramOf(value);
  if (telegram === undefined) return { ok: false, problems: ['BOT_MODE=webhook needs TELEGRAM_BOT_TOKEN, PUBLIC_URL and WEBHOOK_SECRET'] };
  return {
    ok: true,
    config: {
      nodeEnv: value.NODE_ENV,
      database: { url: databaseUrl, target },
      dataDir: value.DATA_DIR,
      telegram,
      http: { host: value.HOST, port: value.PORT },
      publicUrl: value.PUBLIC_URL?.replace(/\/+$/, ''),
      // Both are present: the refinement above reports them otherwise.
      secrets: { dataKey: decodeKey(value.DATA_KEY ?? '') ?? Buffer.alloc(0), idPepper: value.ID_PEPPER ?? '' },
      adminToken: value.ADMIN_TOKEN,
      timezone: value.APP_TIMEZONE,
      logLevel: value.LOG_LEVEL,
      retentionDays: value.RETENTION_DAYS,
      surveyRetentionDays: value.SURVEY_RETENTION_DAYS,
      claimTargets: claimTargetsOf(value.CLAIM_TARGETS),
    },
  };
}

/** The effective configuration with every secret replaced by whether it is set. */
export function describeConfig(config: Config): Record<string, unknown> {
  const set = (value: unknown) => (value === undefined ? 'not set' : 'set');
  // PUBLIC_URL and WEBHOOK_SECRET mean nothing to polling, whether or not they are set.
  const webhook = config.telegram.mode === 'webhook' ? config.telegram : undefined;
  return {
    nodeEnv: config.nodeEnv,
    database: { provider: config.database.target.provider, url: redactDatabaseUrl(config.database.url) },
    dataDir: config.dataDir,
    telegram: {
      enabled: config.telegram.token !== undefined,
      token: set(config.telegram.token),
      apiRoot: config.telegram.apiRoot,
      mode: config.telegram.mode,
      publicUrl: webhook ? webhook.publicUrl : 'not used (polling)',
      webhookSecret: webhook ? 'set' : 'not used (polling)',
    },
    http: config.http,
    publicUrl: config.publicUrl ?? "not set (the organisers' sign-in links use HOST and PORT)",
    secrets: { dataKey: 'set', idPepper: 'set' },
    adminToken: set(config.adminToken),
    timezone: config.timezone,
    logLevel: config.logLevel,
    retentionDays: config.retentionDays,
    surveyRetentionDays: config.surveyRetentionDays,
    claimTargets: config.claimTargets,
  };
}
