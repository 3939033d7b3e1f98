import type { MiddlewareFn } from 'grammy';
import type { I18n } from '../../i18n/index.js';
import type { Clock } from '../../shared/clock.js';
import type { IdentityProtector } from '../../shared/crypto.js';
import type { UraContext } from './context.js';
import { isEventsData } from './events-buttons.js';
import type { RateLimiter } from './rate-limiter.js';

export interface AreaGateDeps {
  /** The per-person limits the helpline uses: one budget per person, whichever area they are in. */
  rateLimits: { messages: RateLimiter; buttons: RateLimiter };
  identity: IdentityProtector;
  clock: Clock;
  i18n: I18n;
}

const EVENTS_COMMAND = /^\/(?:me|event|polls|newpoll|groups|action|topics|propose|report|cafe|notes)(?:@\w+)?(?:\s|$)|^\/start(?:@\w+)?\s+ev_/i;

/** What an area's gate holds back: its buttons, its commands, and how it asks to slow down. */
export interface AreaTraffic {
  isButton: (data: string) => boolean;
  commands: RegExp;
  /** The "slow down" text's key, with its namespace (`events:chat.slow_down`). */
  slowDown: string;
}

/**
 * A flood of an area's buttons or commands (a stuck key, a script) is held back by the
 * per-person limits every area shares, told once, kindly; a refused press is still
 * answered, so it does not spin. Other updates pass untouched: the helpline decides for
 * its own. One gate for the areas that are not the helpline (events, survey runs).
 */
export function areaRateLimit(deps: AreaGateDeps, traffic: AreaTraffic): MiddlewareFn<UraContext> {
  return async (ctx, next) => {
    const pressed = ctx.callbackQuery !== undefined && traffic.isButton(ctx.callbackQuery.data ?? '');
    const commanded = !pressed && traffic.commands.test(ctx.message?.text ?? '');
    if ((!pressed && !commanded) || !ctx.from || ctx.chat?.type !== 'private') return next();
    const key = deps.identity.hashId('user', ctx.from.id);
    const verdict = (pressed ? deps.rateLimits.buttons : deps.rateLimits.messages).hit(key, deps.clock.now(), ctx.update.update_id);
    if (verdict === 'ok') return next();
    if (pressed) await ctx.answerCallbackQuery().catch(() => undefined);
    if (verdict === 'warn') await ctx.reply(deps.i18n.t(ctx.lang, traffic.slowDown));
  };
}

/** The events area's gate: its buttons and commands (/me, /event, /polls, ..., an event's link). */
export const eventsRateLimit = (deps: AreaGateDeps): MiddlewareFn<UraContext> => areaRateLimit(deps, { isButton: isEventsData, commands: EVENTS_COMMAND, slowDown: 'events:chat.slow_down' });
