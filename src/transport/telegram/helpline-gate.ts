import type { ChatTypeContext, Filter, MiddlewareFn } from 'grammy';
import { errorMessage } from '../../shared/errors.js';
import { recordingSent } from './chat-log.js';
import type { UraContext } from './context.js';
import { decodeHelplineButton } from './helpline-buttons.js';
import type { HelplineKit } from './helpline-kit.js';

/** What the person does in their private chat: a message, a press, an edit. */
export type Doing = Filter<ChatTypeContext<UraContext, 'private'>, 'message' | 'callback_query' | 'edited_message'>;

const SOURCE = /^src_([a-z0-9_]{1,40})$/;

/** The way out and the right to be forgotten always work, however fast someone taps. */
export function alwaysServed(ctx: UraContext): boolean {
  if (ctx.callbackQuery) {
    const kind = decodeHelplineButton(ctx.callbackQuery.data).kind;
    return kind === 'exit' || kind === 'delete';
  }
  return /^\/(?:exit|delete)(?:@\w+)?(?:\s|$)/.test(ctx.message?.text ?? '');
}

/** "I'm in danger now" and "I need a doctor now" are calls for help: never held back by a limit. */
function callsForHelp(ctx: UraContext): boolean {
  const action = decodeHelplineButton(ctx.callbackQuery?.data);
  return action.kind === 'safety' && (action.answer === 'danger' || action.answer === 'doctor');
}

/**
 * The visit of a person the helpline serves is recorded, and every message in their chat
 * is logged (its id only), theirs and Ura's alike (a screen, the slow-down notice, the
 * error boundary's apology), before anything may drop the update: a quick exit deletes
 * them all. Erasing (`erased`) stops the logging, so that nothing is recorded again for
 * someone who was just forgotten.
 */
export function recordVisit(kit: HelplineKit, erased: WeakSet<object>): MiddlewareFn<Doing> {
  const { deps, contactOf } = kit;
  return async (ctx, next) => {
    // A deep link (/start src_poster_fier) names the campaign; the first visit keeps it.
    const payload = /^\/start(?:@\w+)?\s+(\S+)/.exec(ctx.message?.text ?? '')?.[1];
    const contact = await contactOf(ctx, payload === undefined ? undefined : SOURCE.exec(payload)?.[1]);
    ctx.api.config.use(
      recordingSent(ctx.chat.id, async (ids) => {
        if (erased.has(ctx)) return;
        // The message is on the phone either way: a failure to log it must not fail the update.
        await deps.messages.record(contact.id, ids, deps.clock.now()).catch((error: unknown) => deps.logger.warn({ err: errorMessage(error) }, 'could not log a sent message for the quick exit'));
      }),
    );
    if (ctx.message) await deps.messages.record(contact.id, [ctx.message.message_id], deps.clock.now());
    // The person asked to be written to only after they write: they just did (leaving is not writing).
    // The session says whether they asked, so that nobody else pays a read for it.
    if (ctx.session.holding && !alwaysServed(ctx)) {
      await deps.handoff.personWrote(contact.id);
      ctx.session.holding = undefined;
    }
    await next();
  };
}

/**
 * A limit on menus and flows, so that a flood cannot bury them; told once, kindly. Never
 * limited: the exit and /delete, urgent words and the danger and doctor buttons (which
 * open a case), and anything the person writes while their case is live or waiting, which
 * is kept for the operator. A refused button press is still answered, so it does not spin.
 */
export function rateLimit(kit: HelplineKit, hear: (ctx: UraContext, text: string) => unknown): MiddlewareFn<Doing> {
  const { deps, contactOf, caseOf, say, t } = kit;
  return async (ctx, next) => {
    if (alwaysServed(ctx) || callsForHelp(ctx)) return next();
    if (ctx.message?.text !== undefined && hear(ctx, ctx.message.text)) return next();
    const contact = await contactOf(ctx);
    if (ctx.message && (await caseOf(ctx, contact))) return next();
    const key = deps.identity.hashId('user', ctx.from.id);
    const pressed = ctx.callbackQuery !== undefined;
    const verdict = (pressed ? deps.rateLimits.buttons : deps.rateLimits.messages).hit(key, deps.clock.now(), ctx.update.update_id);
    if (verdict === 'ok') return next();
    if (pressed) await ctx.answerCallbackQuery().catch(() => undefined);
    if (verdict === 'warn') await say(ctx, t(ctx)('hint.slow_down'));
  };
}
