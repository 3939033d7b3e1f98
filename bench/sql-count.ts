// Counts the SQL statements the database drivers execute, by wrapping the methods every
// caller goes through: pg's Client#query (a pool's query lands there too) and
// better-sqlite3's Statement#run/get/all/iterate and Database#exec. Transaction
// statements (BEGIN, COMMIT) count like any other: each is a round trip on PostgreSQL.
import Sqlite from 'better-sqlite3';
import pg from 'pg';

export interface StatementCounter {
  /** Statements executed since the last reset. */
  readonly count: number;
  reset(): void;
}

let installed: { count: number } | undefined;

type Method = (...args: unknown[]) => unknown;

function wrap(prototype: Record<string, unknown>, names: readonly string[], tally: { count: number }): void {
  for (const name of names) {
    const original = prototype[name] as Method;
    prototype[name] = function (this: unknown, ...args: unknown[]) {
      tally.count++;
      return original.apply(this, args);
    };
  }
}

/** Installs the counters once per process and returns them. */
export function countStatements(): StatementCounter {
  if (!installed) {
    const tally = { count: 0 };
    wrap(pg.Client.prototype as unknown as Record<string, unknown>, ['query'], tally);
    const probe = new Sqlite(':memory:');
    wrap(Object.getPrototypeOf(probe.prepare('SELECT 1')) as Record<string, unknown>, ['run', 'get', 'all', 'iterate'], tally);
    wrap(Object.getPrototypeOf(probe) as Record<string, unknown>, ['exec'], tally);
    probe.close();
    installed = tally;
  }
  const tally = installed;
  return {
    get count() {
      return tally.count;
    },
    reset() {
      tally.count = 0;
    },
  };
}
