import { Composer } from 'grammy';
import type { I18n } from '../../i18n/index.js';
import type { Clock } from '../../shared/clock.js';
import type { IdentityProtector } from '../../shared/crypto.js';
import { parseRunCode, RUN_START_PREFIX, type RunChat } from '../../surveys/index.js';
import type { UraContext } from './context.js';
import { areaRateLimit } from './area-gate.js';
import type { View } from './flow-view.js';
import type { RateLimiter } from './rate-limiter.js';
import { decodeSurveyButton, isSurveyData } from './survey-buttons.js';
import { openRunsView, runAnswerViews, SURVEYS_NAMESPACE } from './survey-views.js';

export interface SurveysBotDeps {
  chat: RunChat;
  i18n: I18n;
  /** The per-person limits every area shares: one budget per person, whichever area they are in. */
  rateLimits: { messages: RateLimiter; buttons: RateLimiter };
  identity: IdentityProtector;
  clock: Clock;
}

const SURVEY_COMMAND = /^\/(?:survey)(?:@\w+)?(?:\s|$)|^\/start(?:@\w+)?\s+sv_/i;

/**
 * Survey runs in the chat: `/start sv_<code>` (a run's link or QR code), `/survey` (the
 * runs this chat can answer now), the runs' buttons (`s:`), and typed answers while a
 * response waits for text. Each update: parse, one use-case, render. Respondents are not
 * help-seekers: no exit button, no "talk to a person"; what they do not answer here goes on
 * to the other areas untouched.
 */
export function surveysComposer(deps: SurveysBotDeps): Composer<UraContext> {
  const { chat, i18n } = deps;
  const composer = new Composer<UraContext>();
  composer.use(areaRateLimit(deps, { isButton: isSurveyData, commands: SURVEY_COMMAND, slowDown: `${SURVEYS_NAMESPACE}:slow_down` }));
  const chats = composer.chatType('private');
  const who = (ctx: UraContext & { from: { id: number } }) => ({ telegramId: ctx.from.id, language: ctx.lang });
  async function show(ctx: UraContext, views: readonly View[]) {
    for (const view of views) await ctx.reply(view.text, view.keyboard.length > 0 ? { reply_markup: { inline_keyboard: view.keyboard } } : {});
  }

  chats.command('start', async (ctx, next) => {
    const payload = ctx.match.trim();
    if (!payload.toLowerCase().startsWith(RUN_START_PREFIX)) return next();
    const code = parseRunCode(payload.slice(RUN_START_PREFIX.length));
    if (code === undefined) return show(ctx, [{ text: i18n.forLanguage(ctx.lang, SURVEYS_NAMESPACE)('refused.unknown'), keyboard: [] }]);
    return show(ctx, runAnswerViews(i18n, ctx.lang, await chat.open(who(ctx), code)));
  });

  chats.command('survey', async (ctx) => show(ctx, [openRunsView(i18n, ctx.lang, await chat.list(who(ctx)))]));

  chats.on('callback_query:data', async (ctx, next) => {
    if (!isSurveyData(ctx.callbackQuery.data)) return next();
    const press = decodeSurveyButton(ctx.callbackQuery.data);
    // A forged or outdated button: said so, and nothing read or changed.
    if (!press) return void (await ctx.answerCallbackQuery({ text: i18n.forLanguage(ctx.lang, SURVEYS_NAMESPACE)('refused.stale'), show_alert: true }).catch(() => undefined));
    const answer = press.kind === 'open' ? await chat.open(who(ctx), press.code) : await chat.press(who(ctx), press.code, press.input);
    await ctx.answerCallbackQuery().catch(() => undefined);
    // The answer comes as a new message: the buttons just used go, so a question is not answered twice by mistake.
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    return show(ctx, runAnswerViews(i18n, ctx.lang, answer));
  });

  // Commands are the other areas'; a forwarded message is someone else's words, never an answer.
  chats.on('message:text', async (ctx, next) => {
    if (ctx.msg.text.startsWith('/') || ctx.msg.forward_origin) return next();
    const answer = await chat.typed(who(ctx), ctx.msg.text);
    return answer ? show(ctx, runAnswerViews(i18n, ctx.lang, answer)) : next();
  });

  return composer;
}
