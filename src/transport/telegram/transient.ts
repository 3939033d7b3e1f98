import { BotError, GrammyError, HttpError } from 'grammy';
import { isDatabaseUnavailable } from '../../storage/prisma-errors.js';

/**
 * Whether an update failed for a reason that passes (the database is away, a
 * connection was reset, Telegram is overloaded or unreachable), so that handling it
 * again later will succeed. Anything else is a mistake in Ura or in the update,
 * and handling it again would fail the same way.
 */
export function isTransient(error: unknown): boolean {
  for (const current of errorChain(error)) {
    if (isDatabaseUnavailable(current)) return true;
    if (current instanceof HttpError) return true;
    if (current instanceof GrammyError) return current.error_code === 429 || current.error_code >= 500;
  }
  return false;
}

/** An error and what it wraps: grammY wraps a handler's error in a BotError, the error boundary once more; others name a `cause`. */
export function* errorChain(error: unknown): Generator<unknown> {
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 8; depth++) {
    yield current;
    current = current instanceof BotError ? current.error : current instanceof Error ? current.cause : undefined;
  }
}
