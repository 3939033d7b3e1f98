// Counts the SQL statements the database drivers execute, by wrapping the methods every
// caller goes through: pg's Client#query (a pool's query lands there too) and
// better-sqlite3's Statement#run/get/all/iterate and Database#exec. Transaction
// statements (BEGIN, COMMIT) count like any other: each is a round trip on PostgreSQL.
import Sqlite from 'better-sqlite3';
import pg from 'pg';

export interface StatementCounter {
  /** Statements executed since the last reset. */
  readonly count: number;
  /** Each statement's text (whitespace collapsed) and how often it ran since the last reset, most frequent first. */
  texts(): [string, number][];
  reset(): void;
}

interface Tally {
  count: number;
  /** Whether texts are kept (costly: only when asked for). */
  keepTexts: boolean;
  texts: Map<string, number>;
}

let installed: Tally | undefined;

type Method = (...args: unknown[]) => unknown;

function wrap(prototype: Record<string, unknown>, names: readonly string[], tally: Tally, textOf: (self: unknown, args: unknown[]) => string): void {
  for (const name of names) {
    const original = prototype[name] as Method;
    prototype[name] = function (this: unknown, ...args: unknown[]) {
      tally.count++;
      if (tally.keepTexts) {
        const text = textOf(this, args).replace(/\s+/g, ' ').trim();
        tally.texts.set(text, (tally.texts.get(text) ?? 0) + 1);
      }
      return original.apply(this, args);
    };
  }
}

/** Installs the counters once per process and returns them; `texts`: also keep each statement's text. */
export function countStatements(options: { texts?: boolean } = {}): StatementCounter {
  if (!installed) {
    const tally: Tally = { count: 0, keepTexts: false, texts: new Map() };
    const pgText = (_self: unknown, [query]: unknown[]) => String(typeof query === 'object' && query !== null && 'text' in query ? query.text : query);
    wrap(pg.Client.prototype as unknown as Record<string, unknown>, ['query'], tally, pgText);
    const probe = new Sqlite(':memory:');
    wrap(Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>, ['run', 'get', 'all', 'iterate'], tally, (self) => (self as Sqlite.Statement).source);
    wrap(Object.getPrototypeOf(probe) as Record<string, unknown>, ['exec'], tally, (_self, [sql]) => String(sql));
    probe.close();
    installed = tally;
  }
  const tally = installed;
  if (options.texts) tally.keepTexts = true;
  return {
    get count() {
      return tally.count;
    },
    texts: () => [...tally.texts].sort((a, b) => b[1] - a[1]),
    reset() {
      tally.count = 0;
      tally.texts.clear();
    },
  };
}
