import { loadConfig, type Config } from '../config.js';
import { withDevSecrets } from '../shared/dev-secrets.js';
import { createLogger, type Logger } from '../shared/logger.js';

/** Exit codes of the `ura` command. */
export const EXIT = { ok: 0, failure: 1, badConfig: 2 } as const;

export class ExitError extends Error {
  constructor(
    readonly code: number,
    readonly lines: string[],
  ) {
    super(lines.join('\n'));
  }
}

/**
 * Reads the environment for a command. `createSecrets` lets `ura start` and
 * `ura migrate` create the development secrets file; `ura config check` only looks.
 */
export function configFromEnvironment(options: { createSecrets: boolean }): { config: Config; notes: string[] } {
  const cwd = process.cwd();
  const secrets = withDevSecrets(process.env, cwd, { create: options.createSecrets });
  if (secrets.problem) throw new ExitError(EXIT.badConfig, [secrets.problem]);
  const result = loadConfig(secrets.env, cwd);
  if (!result.ok) throw new ExitError(EXIT.badConfig, ['Invalid configuration:', ...result.problems.map((line) => `  ${line}`)]);
  const notes: string[] = [];
  if (secrets.pending) {
    notes.push(`DATA_KEY and ID_PEPPER are not set: \`ura start\` will generate them into ${secrets.file} (development only).`);
  } else if (secrets.created) {
    notes.push(`Generated development secrets in ${secrets.file}. Keep that file: without it, stored data cannot be read. In production set DATA_KEY and ID_PEPPER.`);
  } else if (secrets.file) {
    notes.push(`DATA_KEY and ID_PEPPER come from ${secrets.file} (development only).`);
  }
  return { config: result.config, notes };
}

export function commandLogger(config: Config): Logger {
  return createLogger(config.logLevel);
}
