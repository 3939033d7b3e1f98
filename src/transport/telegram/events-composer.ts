import { Composer } from 'grammy';
import { type ChatAnswer, type ChatWho, type DeskAnswer, type EventChat, JOIN_START_PREFIX, type OrganiserDesk } from '../../events/index.js';
import { type I18n, isLanguage } from '../../i18n/index.js';
import type { Logger } from '../../shared/logger.js';
import type { UraContext } from './context.js';
import { decodeEventsButton, type EventsPress, isEventsData } from './events-buttons.js';
import { type CafeBotDeps, cafeComposer } from './events-cafe.js';
import { deskView } from './events-desk-views.js';
import { type AreaGateDeps, eventsRateLimit } from './area-gate.js';
import { chatView, type View } from './events-views.js';
import { votingComposer, type VotingBotDeps } from './events-vote-composer.js';

/** What the events area's composer needs: the chat's use-cases, the organiser's desk, texts. */
export interface EventsBotDeps extends AreaGateDeps {
  chat: EventChat;
  desk: OrganiserDesk;
  i18n: I18n;
  logger: Logger;
  /** Group work, Open Space and polls (their own commands and `e:v…` buttons). */
  voting?: VotingBotDeps;
  /** The World Café's controls and a host's key points; left out, the café is not offered in the chat. */
  cafe?: Omit<CafeBotDeps, 'i18n'>;
}

type Private = UraContext & { from: NonNullable<UraContext['from']>; chat: NonNullable<UraContext['chat']> };

/**
 * Coordination events in the chat: `/start ev_<code>` joins and registers, `/me` shows
 * the participant's data, `/event` is the organiser's desk, the area's buttons (`e:`)
 * and, while a registration waits for it or when it is an entrance code, what a
 * participant types. It answers these updates itself, so that an event's updates never
 * reach the helpline (nobody becomes a help-seeker by registering, and a name typed
 * here never meets the urgent words); everything else goes on untouched.
 *
 * It comes before the staff composers, which answer every update of a staff member:
 * an organiser's `/event` and presses, and a staff member registering for an event,
 * would not reach it after them.
 */
export function eventsComposer(deps: EventsBotDeps): Composer<UraContext> {
  const { chat, desk, i18n } = deps;
  const composer = new Composer<UraContext>();
  composer.use(eventsRateLimit(deps));
  if (deps.voting) composer.use(votingComposer(deps.voting));
  if (deps.cafe) composer.use(cafeComposer({ ...deps.cafe, i18n }));
  const chats = composer.chatType('private');

  const who = (ctx: Private): ChatWho => ({ telegramId: ctx.from.id, chatId: ctx.chat.id, language: ctx.lang });
  const translate = (ctx: UraContext, language: string) => i18n.forLanguage(isLanguage(language) ? language : ctx.lang, 'events');
  const send = (ctx: UraContext, view: View) => ctx.reply(view.text, view.keyboard ? { reply_markup: { inline_keyboard: view.keyboard } } : {});
  const answer = (ctx: UraContext, result: ChatAnswer) => send(ctx, chatView(translate(ctx, result.language), result));
  const answerDesk = (ctx: UraContext, result: DeskAnswer) => send(ctx, deskView(translate(ctx, result.language), result));

  /** What a press shows; `stale` (in the reader's language) when the button belongs to no step the chat is on. */
  interface Shown {
    stale?: string;
    view: View;
  }
  const isStale = (result: ChatAnswer | DeskAnswer) => result.kind === 'refused' && result.reason === 'stale';
  const ofChat = async (ctx: UraContext, pending: Promise<ChatAnswer>): Promise<Shown> => {
    const result = await pending;
    return { ...(isStale(result) ? { stale: result.language } : {}), view: chatView(translate(ctx, result.language), result) };
  };
  const ofDesk = async (ctx: UraContext, pending: Promise<DeskAnswer>): Promise<Shown> => {
    const result = await pending;
    return { ...(isStale(result) ? { stale: result.language } : {}), view: deskView(translate(ctx, result.language), result) };
  };

  chats.command('start', async (ctx, next) => {
    const payload = ctx.match.trim();
    if (!payload.toLowerCase().startsWith(JOIN_START_PREFIX)) return next();
    return answer(ctx, await chat.join(who(ctx), payload.slice(JOIN_START_PREFIX.length)));
  });
  chats.command('me', async (ctx) => answer(ctx, await chat.me(who(ctx))));
  chats.command('event', async (ctx) => answerDesk(ctx, await desk.open(String(ctx.from.id), ctx.lang)));

  /** One use-case per button. */
  function pressed(ctx: Private, press: EventsPress): Promise<Shown> {
    const person = who(ctx);
    switch (press.kind) {
      case 'step':
        return ofChat(ctx, chat.step(person, press.code, press.input));
      case 'card':
        return ofChat(ctx, chat.card(person, press.code));
      case 'correct':
        return ofChat(ctx, chat.correct(person, press.code, press.field));
      case 'check_in':
        return ofChat(ctx, chat.checkIn(person, press.code));
      case 'leave':
        return ofChat(ctx, chat.leave(person, press.code, press.confirmed));
      case 'erase':
        return ofChat(ctx, chat.erase(person, press.code, press.confirmed));
      case 'desk':
        return ofDesk(ctx, desk.view(String(ctx.from.id), press.code, press.view, ctx.lang));
      case 'confirm':
        return ofDesk(ctx, desk.confirm(String(ctx.from.id), press.code, press.ref, press.page, ctx.lang));
    }
  }

  chats.on('callback_query:data', async (ctx, next) => {
    if (!isEventsData(ctx.callbackQuery.data)) return next();
    const press = decodeEventsButton(ctx.callbackQuery.data);
    const stale = (language: string) => ctx.answerCallbackQuery({ text: translate(ctx, language)('chat.refused.stale'), show_alert: true }).catch(() => undefined);
    // A forged or outdated button: said so, and nothing read or changed.
    if (!press) return void (await stale(ctx.lang));
    const shown = await pressed(ctx, press);
    if (shown.stale !== undefined) return void (await stale(shown.stale));
    await ctx.answerCallbackQuery().catch(() => undefined);
    // The answer comes as a new message: the buttons just used go, so a step is not answered twice.
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    return send(ctx, shown.view);
  });

  // Commands are the other areas' (/start, /exit, /delete…); a forwarded message is someone else's words, never an answer.
  chats.on('message', async (ctx, next) => {
    if (ctx.msg.text?.startsWith('/')) return next();
    const result = await chat.typed(who(ctx), ctx.msg.forward_origin ? undefined : ctx.msg.text);
    return result ? answer(ctx, result) : next();
  });

  return composer;
}
