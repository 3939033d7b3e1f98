import type { Context, MiddlewareFn } from 'grammy';
import type { Logger } from '../../shared/logger.js';

/**
 * A private chat belongs to one person: its id is theirs. An update in a private
 * chat sent by someone else cannot come from Telegram, only from a forger who got
 * past the webhook secret, and it is dropped before anything reads it: otherwise the
 * sender would be recorded at the other person's chat address, and an operator's
 * next words would go there.
 */
export function privateSenderGuard(logger: Logger): MiddlewareFn<Context> {
  return async (ctx, next) => {
    if (ctx.chat?.type === 'private' && ctx.from !== undefined && ctx.from.id !== ctx.chat.id) {
      logger.warn({ updateId: ctx.update.update_id }, 'ignored an update whose sender is not the owner of the private chat');
      return;
    }
    await next();
  };
}
