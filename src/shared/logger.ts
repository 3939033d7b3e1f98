import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

// Anything that could identify a person or unlock data is removed from log lines,
// wherever it appears in a logged object.
const REDACT = [
  'token', '*.token', 'secret', '*.secret', 'dataKey', '*.dataKey', 'idPepper', '*.idPepper',
  'adminToken', '*.adminToken', 'webhookSecret', '*.webhookSecret', 'databaseUrl', '*.databaseUrl',
  'from', '*.from', 'chat', '*.chat', 'text', '*.text', 'first_name', '*.first_name', 'username',
  '*.username', 'phone_number', '*.phone_number',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'ura' },
    redact: { paths: REDACT, censor: '[hidden]' },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  return destination ? pino(options, destination) : pino(options);
}
