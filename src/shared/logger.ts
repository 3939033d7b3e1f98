import { pino, type Logger, type LoggerOptions } from 'pino';
import { redactSecretsInText } from './redact-text.js';

export type { Logger };

const CENSOR = '[hidden]';

// Keys (compared lower-case, without `_` or `-`) whose values could identify a person
// or unlock data. A Telegram update carries the person in `from`, `chat`, `user`,
// `contact`, `text`..., so each of those is hidden whole.
const HIDDEN_KEYS = new Set([
  'token',
  'secret',
  'password',
  'passwd',
  'pepper',
  'datakey',
  'idpepper',
  'authorization',
  'cookie',
  'setcookie',
  'databaseurl',
  'connectionstring',
  'from',
  'user',
  'chat',
  'chatid',
  'userid',
  'sender',
  'senderchat',
  'contact',
  'location',
  'venue',
  'text',
  'caption',
  'firstname',
  'lastname',
  'username',
  'phone',
  'phonenumber',
  'email',
]);
// Any key ending in one of these (telegramBotToken, WEBHOOK_SECRET, sslPassword...).
const HIDDEN_SUFFIX = /(token|secret|password|passwd|pepper|apikey|datakey|privatekey)$/;

// A bot token (`123456:ABC...`), as it appears in a Bot API URL an error may quote.
const TELEGRAM_TOKEN = /\d{5,}:[A-Za-z0-9_-]{30,}/g;
const redactText = (text: string) => redactSecretsInText(text).replace(TELEGRAM_TOKEN, CENSOR);

const normalise = (key: string) => key.toLowerCase().replace(/[_-]/g, '');
const isHidden = (key: string) => {
  const name = normalise(key);
  return HIDDEN_KEYS.has(name) || HIDDEN_SUFFIX.test(name);
};

/**
 * A copy of a logged value with every hidden key censored, at any depth and inside
 * arrays, and database passwords and bot tokens removed from strings. pino's own `redact` only
 * matches fixed paths (a wildcard is one level deep), so a Telegram update or an
 * error nested one level further than foreseen would be written whole; walking the
 * object costs little at Ura's log volume and cannot miss a level.
 */
function redact(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return '[circular]';
  seen.add(value);
  try {
    // An error's message and stack are not enumerable: serialise it first, then walk it.
    const source: object = value instanceof Error ? pino.stdSerializers.err(value) : value;
    if (Array.isArray(source)) return source.map((item) => redact(item, seen));
    if (source instanceof Date || Buffer.isBuffer(source)) return source;
    return Object.fromEntries(Object.entries(source).map(([key, inner]) => [key, isHidden(key) ? CENSOR : redact(inner, seen)]));
  } finally {
    seen.delete(value);
  }
}

const redactObject = (value: Record<string, unknown>): Record<string, unknown> => {
  const result = redact(value, new WeakSet());
  return typeof result === 'object' && result !== null && !Array.isArray(result) ? Object.fromEntries(Object.entries(result)) : {};
};

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'ura' },
    formatters: { log: redactObject },
    // Errors are serialised by `redact` (before pino's serialisers run); a second pass
    // would only rename their type to "Object".
    serializers: { err: (value: unknown) => value },
    hooks: {
      // The message and its interpolation arguments may quote a database or Bot API URL.
      logMethod(args, method) {
        args.forEach((arg, index) => {
          if (typeof arg === 'string') args[index] = redactText(arg);
        });
        method.apply(this, args);
      },
    },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  const logger = destination ? pino(options, destination) : pino(options);
  // pino writes a child's bindings without passing them through any formatter; children
  // of children inherit this method, so every binding at every level is redacted.
  const child = logger.child;
  logger.child = function <Levels extends string = never>(this: Logger, bindings: pino.Bindings, childOptions?: pino.ChildLoggerOptions<Levels>) {
    return child.call<Logger, [pino.Bindings, pino.ChildLoggerOptions<Levels> | undefined], Logger<Levels>>(this, redactObject(bindings), childOptions);
  };
  return logger;
}
