import { isAbsolute, resolve } from 'node:path';
import { redactSecretsInText } from '../shared/redact-text.js';

export const PROVIDERS = ['sqlite', 'postgresql'] as const;
export type Provider = (typeof PROVIDERS)[number];

export type DatabaseTarget = { provider: 'sqlite'; file: string } | { provider: 'postgresql'; connectionString: string; schema: string | undefined };

/**
 * Reads a DATABASE_URL: `file:<path>` (relative to `cwd`) selects SQLite,
 * `postgresql://` or `postgres://` selects PostgreSQL, where an optional
 * `?schema=` names the PostgreSQL schema to use. Returns an explanation when the
 * URL is neither.
 */
export function parseDatabaseUrl(url: string, cwd: string): DatabaseTarget | { problem: string } {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0] ?? '';
    if (path === '') return { problem: 'has no file path after file:' };
    return { provider: 'sqlite', file: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { problem: 'cannot be parsed as a URL' };
    }
    if (parsed.hostname === '') return { problem: 'has no host' };
    const schema = parsed.searchParams.get('schema') ?? undefined;
    if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      return { problem: `names schema "${schema}", which is not a plain identifier` };
    }
    // pg would send unknown parameters to the server as settings; `schema` is ours.
    parsed.searchParams.delete('schema');
    return { provider: 'postgresql', connectionString: parsed.toString(), schema };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url)?.[1];
  return { problem: scheme ? `uses "${scheme}:", which Ura does not support` : 'is not a database URL' };
}

/** A database URL safe to print: the password is replaced, wherever it was given. */
export function redactDatabaseUrl(url: string): string {
  return redactSecretsInText(url);
}
