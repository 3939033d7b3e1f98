import type { MiddlewareFn } from 'grammy';
import type { I18n } from '../../i18n/index.js';
import type { Clock } from '../../shared/clock.js';
import type { IdentityProtector } from '../../shared/crypto.js';
import type { UraContext } from './context.js';
import { isEventsData } from './events-buttons.js';
import type { RateLimiter } from './rate-limiter.js';

export interface EventsGateDeps {
  /** The per-person limits the helpline uses: one budget per person, whichever area they are in. */
  rateLimits: { messages: RateLimiter; buttons: RateLimiter };
  identity: IdentityProtector;
  clock: Clock;
  i18n: I18n;
}

const EVENTS_COMMAND = /^\/(?:me|event|polls|newpoll|groups|action|topics|propose|report|cafe|notes)(?:@\w+)?(?:\s|$)|^\/start(?:@\w+)?\s+ev_/i;

/**
 * A flood of the events area's buttons or commands (a stuck key, a script) is held back
 * by the per-person limits, told once, kindly; a refused press is still answered, so it
 * does not spin. Other updates pass untouched: the helpline decides for its own.
 */
export function eventsRateLimit(deps: EventsGateDeps): MiddlewareFn<UraContext> {
  return async (ctx, next) => {
    const pressed = ctx.callbackQuery !== undefined && isEventsData(ctx.callbackQuery.data);
    const commanded = !pressed && EVENTS_COMMAND.test(ctx.message?.text ?? '');
    if ((!pressed && !commanded) || !ctx.from || ctx.chat?.type !== 'private') return next();
    const key = deps.identity.hashId('user', ctx.from.id);
    const verdict = (pressed ? deps.rateLimits.buttons : deps.rateLimits.messages).hit(key, deps.clock.now(), ctx.update.update_id);
    if (verdict === 'ok') return next();
    if (pressed) await ctx.answerCallbackQuery().catch(() => undefined);
    if (verdict === 'warn') await ctx.reply(deps.i18n.forLanguage(ctx.lang, 'events')('chat.slow_down'));
  };
}
