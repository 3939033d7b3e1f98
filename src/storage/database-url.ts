import { isAbsolute, resolve } from 'node:path';

export const PROVIDERS = ['sqlite', 'postgresql'] as const;
export type Provider = (typeof PROVIDERS)[number];

export type DatabaseTarget =
  | { provider: 'sqlite'; file: string }
  | { provider: 'postgresql'; connectionString: string; schema: string | undefined };

/**
 * Reads a DATABASE_URL: `file:<path>` (relative to `cwd`) selects SQLite,
 * `postgresql://` or `postgres://` selects PostgreSQL, where an optional
 * `?schema=` names the PostgreSQL schema to use. Returns an explanation when the
 * URL is neither.
 */
export function parseDatabaseUrl(url: string, cwd: string): DatabaseTarget | { problem: string } {
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length).split('?')[0] ?? '';
    if (path === '') return { problem: 'the file: URL has no path' };
    return { provider: 'sqlite', file: isAbsolute(path) ? path : resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { problem: 'the postgresql:// URL cannot be parsed' };
    }
    if (parsed.hostname === '') return { problem: 'the postgresql:// URL has no host' };
    const schema = parsed.searchParams.get('schema') ?? undefined;
    if (schema !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      return { problem: `schema "${schema}" is not a plain identifier` };
    }
    // pg would send unknown parameters to the server as settings; `schema` is ours.
    parsed.searchParams.delete('schema');
    return { provider: 'postgresql', connectionString: parsed.toString(), schema };
  }
  return { problem: 'expected file:<path> for SQLite or postgresql://user@host:port/db for PostgreSQL' };
}

/** A URL safe to print: the password is replaced. */
export function redactDatabaseUrl(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url)) return url;
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgresql://<unparseable>';
  }
}
