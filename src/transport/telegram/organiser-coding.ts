import { Composer } from 'grammy';
import type { Translate } from '../../i18n/index.js';
import type { Operator } from '../../staff/operators.js';
import { type ChatCoder, type CodingChat, MAX_QUOTE } from '../../surveys/index.js';
import { decodeCodingButton, isCodingData } from './coding-buttons.js';
import { codingKeyboard, codingView } from './coding-views.js';
import type { UraContext } from './context.js';
import type { View } from './flow-view.js';

/**
 * The name a staff member's codings carry: their pseudonym and the end of their staff id
 * (two organisers may share a pseudonym; agreement must not take them for one coder).
 */
export const chatCoderOf = (member: Operator): ChatCoder => ({ staffId: member.id, name: `${(member.pseudonym ?? 'organiser').slice(0, 31)} (${member.id.slice(-6)})` });

/**
 * Coding an event's open answers in the organiser's chat: `/coding <join code>` shows the
 * next answer with its themes as buttons; a press ticks or unticks one (the message's
 * buttons change, nothing is stored), "save" or "no theme fits" stores the choice and
 * brings the next answer. `/settle <join code>` does the same for the answers two coders
 * coded differently, storing the themes that count. Parse, one use-case, render.
 */
export function organiserCoding(deps: { coding: CodingChat; memberOf: (ctx: object) => Operator; t: (ctx: object) => Translate; language: (ctx: object) => string }): Composer<UraContext> {
  const { coding, memberOf, t, language } = deps;
  const composer = new Composer<UraContext>();
  const show = (ctx: UraContext, view: View) => ctx.reply(view.text, view.keyboard.length > 0 ? { reply_markup: { inline_keyboard: view.keyboard } } : {});

  // The quote asked for: the coder's next text. A command instead lets the request go.
  composer.on('message:text', async (ctx, next) => {
    const quoting = ctx.session.quoting;
    if (!quoting) return next();
    if (ctx.msg.text.startsWith('/')) {
      delete ctx.session.quoting;
      return next();
    }
    const quoted = await coding.quote(chatCoderOf(memberOf(ctx)), quoting.event, quoting.ref, ctx.msg.text);
    if (quoted.kind !== 'quote_length') delete ctx.session.quoting;
    await ctx.reply(t(ctx)(`coding.${quoted.kind}`, { max: MAX_QUOTE }));
  });

  composer.command('coding', async (ctx) => {
    const ref = ctx.match.trim();
    if (!ref) return void (await ctx.reply(t(ctx)('coding.usage')));
    await show(ctx, codingView(t(ctx), language(ctx), await coding.next(chatCoderOf(memberOf(ctx)), ref)));
  });

  // Two coders' disagreements: the first answer waiting to be settled, with both codings.
  composer.command('settle', async (ctx) => {
    const ref = ctx.match.trim();
    if (!ref) return void (await ctx.reply(t(ctx)('coding.settle_usage')));
    await show(ctx, codingView(t(ctx), language(ctx), await coding.nextDisagreement(chatCoderOf(memberOf(ctx)), ref)));
  });

  composer.on('callback_query:data', async (ctx, next) => {
    if (!isCodingData(ctx.callbackQuery.data)) return next();
    const press = decodeCodingButton(ctx.callbackQuery.data);
    const coder = chatCoderOf(memberOf(ctx));
    const toast = (key: string, alert = false) => ctx.answerCallbackQuery({ text: t(ctx)(key), show_alert: alert }).catch(() => undefined);
    if (!press) return void (await toast('coding.stale', true));
    const { what } = press;
    // A tick, or a quote asked for: the answer is read again (for its themes, its words).
    if (what.kind === 'toggle' || what.kind === 'quote') {
      const shown = await coding.show(coder, press.event, press.ref);
      if (shown.kind !== 'answer') return void (await toast(`coding.${shown.kind}`, true));
      if (what.kind === 'quote') {
        // The next text the coder sends is the quote (kept in the chat's session until then).
        ctx.session.quoting = { event: press.event, ref: press.ref };
        await ctx.answerCallbackQuery().catch(() => undefined);
        return void (await ctx.reply(t(ctx)('coding.quote_prompt', { max: MAX_QUOTE, text: shown.answer.text })));
      }
      if (what.theme >= shown.themes.length) return void (await toast('coding.stale', true));
      const ticked = new Set(press.ticked);
      if (ticked.has(what.theme)) ticked.delete(what.theme);
      else ticked.add(what.theme);
      await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: codingKeyboard(t(ctx), language(ctx), shown, ticked, what.mode) } }).catch(() => undefined);
      return void (await ctx.answerCallbackQuery().catch(() => undefined));
    }
    if (what.kind === 'save' && press.ticked.size === 0) return void (await toast('coding.tick_first'));
    const ticked = what.kind === 'none' ? new Set<number>() : press.ticked;
    const settling = what.mode === 'settle';
    const after = settling ? await coding.settle(coder, press.event, press.ref, ticked) : await coding.save(coder, press.event, press.ref, ticked);
    if (after.kind === 'stale' || after.kind === 'third_coder' || after.kind === 'not_organiser' || after.kind === 'unknown_event') return void (await toast(`coding.${after.kind}`, true));
    await toast(settling ? 'coding.settled_one' : 'coding.saved');
    // The answer just coded keeps its text and loses its buttons: the next one comes as a new message.
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await show(ctx, codingView(t(ctx), language(ctx), after));
  });

  return composer;
}
