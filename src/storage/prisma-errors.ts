/** Prisma's code for a unique constraint violation (the row already exists). */
export const isUniqueViolation = (error: unknown): boolean => typeof error === 'object' && error !== null && 'code' in error && error.code === 'P2002';

/** Prisma's codes for a database that cannot be reached or answered in time, or a transaction to run again. */
const UNAVAILABLE_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2034']);
/** The driver adapters' kinds of the same failures (SQLite's "database is locked" is a SocketTimeout). */
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TransactionWriteConflict', 'TooManyConnections']);
/** What node-postgres and the socket layer say when the server went away mid-query. */
const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'SQLITE_BUSY', 'SQLITE_LOCKED', '57P01', '57P03']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|database is locked|Can't reach database server/i;

const field = (value: unknown, name: string): unknown => (typeof value === 'object' && value !== null && name in value ? Reflect.get(value, name) : undefined);

/**
 * Whether a failure means the database is unavailable for now (unreachable, the
 * connection reset, the pool or a lock timed out), as opposed to a mistake in a
 * query or in data, which would fail the same way again.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = field(error, 'code');
  if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_SOCKET_CODES.has(code))) return true;
  const kind = field(field(field(field(error, 'meta'), 'driverAdapterError'), 'cause'), 'kind') ?? field(field(error, 'cause'), 'kind');
  if (typeof kind === 'string' && UNAVAILABLE_KINDS.has(kind)) return true;
  return error instanceof Error && UNAVAILABLE_MESSAGES.test(error.message);
}
