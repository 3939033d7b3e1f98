import { BotError, GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { isTransient } from '../../src/transport/telegram/transient.js';

/** Errors shaped as Prisma and its driver adapters raise them (seen with PostgreSQL behind a cut proxy, and a locked SQLite file). */
const prisma = (code: string, kind?: string) => Object.assign(new Error(`prisma ${code}`), { code, meta: kind ? { driverAdapterError: { name: 'DriverAdapterError', cause: { kind } } } : {} });
const telegram = (code: number) => new GrammyError(`Call to 'sendMessage' failed! (${code})`, { ok: false, error_code: code, description: 'x' }, 'sendMessage', {});
// The error boundary sees a BotError around the handler's error, and handleUpdate wraps once more.
const wrapped = (error: unknown) => new BotError(new BotError(error, {} as never), {} as never);

describe('what counts as a passing failure', () => {
  it('a database that is away, a reset connection, a pool or lock timeout, Telegram overloaded or unreachable', () => {
    for (const error of [
      prisma('P1001', 'DatabaseNotReachable'),
      prisma('P2024'),
      prisma('P2010', 'SocketTimeout'), // SQLite: database is locked
      prisma('P2010', 'ConnectionClosed'),
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      telegram(502),
      telegram(429),
      new HttpError('Network request for sendMessage failed!', new Error('socket hang up')),
    ]) {
      expect(isTransient(error), String(error)).toBe(true);
      expect(isTransient(wrapped(error)), `wrapped ${String(error)}`).toBe(true);
    }
  });

  it('not a mistake in Ura or in the data, which would fail the same way again', () => {
    for (const error of [prisma('P2002', 'UniqueConstraintViolation'), prisma('P2021', 'TableDoesNotExist'), new TypeError('x is undefined'), telegram(400), telegram(403), 'a string']) {
      expect(isTransient(error), String(error)).toBe(false);
      expect(isTransient(wrapped(error)), `wrapped ${String(error)}`).toBe(false);
    }
  });
});
