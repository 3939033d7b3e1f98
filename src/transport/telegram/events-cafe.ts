import { Composer } from 'grammy';
import type { Cafe, CafeDesk } from '../../events/index.js';
import { type I18n, isLanguage } from '../../i18n/index.js';
import type { UraContext } from './context.js';
import { decodeCafeButton, isCafeData } from './events-cafe-buttons.js';
import { cafeDeskView } from './events-cafe-views.js';
import type { View } from './events-views.js';

/** What the World Café's part of the events composer needs. */
export interface CafeBotDeps {
  desk: CafeDesk;
  cafe: Pick<Cafe, 'note'>;
  i18n: I18n;
}

const NAMESPACE = 'events.cafe';

/**
 * The World Café in the chat: `/cafe` and its buttons (`e:wc|…`) for the event's
 * organisers, and a host's key points: `/notes <text>`, or what a host sends in the
 * minutes after a round ends (text, or a photo of the table paper). Anything else goes
 * on untouched, so a participant's other messages reach whoever answers them.
 */
export function cafeComposer(deps: CafeBotDeps): Composer<UraContext> {
  const { desk, cafe, i18n } = deps;
  const composer = new Composer<UraContext>();
  const chats = composer.chatType('private');
  const translate = (ctx: UraContext, language: string) => i18n.forLanguage(isLanguage(language) ? language : ctx.lang, NAMESPACE);
  const send = (ctx: UraContext, view: View) => ctx.reply(view.text, view.keyboard ? { reply_markup: { inline_keyboard: view.keyboard } } : {});

  chats.command('cafe', async (ctx) => {
    const answer = await desk.open(String(ctx.from.id), ctx.lang);
    return send(ctx, cafeDeskView(translate(ctx, answer.language), answer));
  });

  chats.on('callback_query:data', async (ctx, next) => {
    if (!isCafeData(ctx.callbackQuery.data)) return next();
    const decoded = decodeCafeButton(ctx.callbackQuery.data);
    const toast = (language: string, key: string) => ctx.answerCallbackQuery({ text: translate(ctx, language)(key), show_alert: true }).catch(() => undefined);
    if (!decoded) return void (await toast(ctx.lang, 'refused.not_world_cafe'));
    const answer = await desk.press(String(ctx.from.id), decoded.code, decoded.press, ctx.lang);
    // A refusal (an old button, a round already ended, someone who does not organise the event) is said where the button was pressed.
    if (answer.kind === 'refused') return void (await toast(answer.language, `refused.${answer.reason}`));
    await ctx.answerCallbackQuery().catch(() => undefined);
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    return send(ctx, cafeDeskView(translate(ctx, answer.language), answer));
  });

  chats.command('notes', async (ctx) => {
    const text = ctx.match.trim();
    if (!text) return ctx.reply(translate(ctx, ctx.lang)('note.usage'));
    const noted = await cafe.note(ctx.from.id, { text }, true, ctx.lang);
    if (noted.kind === 'none') return ctx.reply(translate(ctx, ctx.lang)('note.usage'));
    return ctx.reply(noted.kind === 'noted' ? translate(ctx, noted.language)('note.saved', noted) : translate(ctx, noted.language)('refused.not_host'));
  });

  // A host's key points in the minutes after a round: plain text, or a photo (its file id only). Commands and forwards are never notes.
  chats.on(['message:text', 'message:photo'], async (ctx, next) => {
    if (ctx.msg.text?.startsWith('/') || ctx.msg.forward_origin) return next();
    const photo = ctx.msg.photo?.at(-1)?.file_id;
    const text = ctx.msg.text ?? ctx.msg.caption;
    const noted = await cafe.note(ctx.from.id, { ...(text ? { text } : {}), ...(photo ? { photoFileId: photo } : {}) }, false, ctx.lang);
    return noted.kind === 'noted' ? ctx.reply(translate(ctx, noted.language)('note.saved', noted)) : next();
  });

  return composer;
}
