import { Composer } from 'grammy';
import type { ChatWho, Participation, ParticipationAnswer } from '../../events/index.js';
import { type I18n, isLanguage } from '../../i18n/index.js';
import type { UraContext } from './context.js';
import { decodeVoteButton, isVoteData, type VotePress } from './events-vote-buttons.js';
import { participationViews, VOTING_NAMESPACE } from './events-vote-views.js';
import type { View } from './events-views.js';

export interface VotingBotDeps {
  participation: Participation;
  i18n: I18n;
}

type Private = UraContext & { from: NonNullable<UraContext['from']>; chat: NonNullable<UraContext['chat']> };

/**
 * Group work, Open Space and polls in the chat. Participants: `/polls` (the open polls),
 * `/groups` (their group and dots), `/action <text>`, `/topics`, `/propose <title>`,
 * `/report`, and the buttons. The event's organisers: `/polls`, `/groups` and `/topics`
 * show results and controls; `/newpoll` makes a poll. It answers only these; the events composer uses it first.
 */
export function votingComposer(deps: VotingBotDeps): Composer<UraContext> {
  const { participation, i18n } = deps;
  const { polls, groups, openSpace } = participation;
  const composer = new Composer<UraContext>();
  const chats = composer.chatType('private');

  const who = (ctx: Private): ChatWho => ({ telegramId: ctx.from.id, chatId: ctx.chat.id, language: ctx.lang });
  const views = (ctx: UraContext, answer: ParticipationAnswer): View[] => participationViews(i18n.forLanguage(isLanguage(answer.language) ? answer.language : ctx.lang, VOTING_NAMESPACE), answer);
  const markup = (view: View) => (view.keyboard ? { reply_markup: { inline_keyboard: view.keyboard } } : {});
  const reply = async (ctx: UraContext, answer: ParticipationAnswer) => {
    for (const view of views(ctx, answer)) await ctx.reply(view.text, markup(view));
  };

  chats.command('polls', async (ctx) => reply(ctx, await polls.shown(who(ctx))));
  chats.command('newpoll', async (ctx) => reply(ctx, await polls.fromChat(who(ctx), ctx.match)));
  chats.command('groups', async (ctx) => reply(ctx, await groups.shown(who(ctx))));
  chats.command('action', async (ctx) => reply(ctx, await groups.propose(who(ctx), ctx.match)));
  chats.command('topics', async (ctx) => reply(ctx, await openSpace.shown(who(ctx))));
  chats.command('propose', async (ctx) => reply(ctx, await openSpace.propose(who(ctx), ctx.match)));
  // The command's own line is not an answer: what follows it, on the same line and the next ones, is.
  chats.command('report', async (ctx) => reply(ctx, await openSpace.report(who(ctx), (ctx.msg.text ?? '').replace(/^\/report(@\w+)?/, ''))));

  function pressed(ctx: Private, press: VotePress): Promise<ParticipationAnswer> {
    const person = who(ctx);
    switch (press.kind) {
      case 'vote':
        return polls.vote(person, press.code, press.ref, press.choice);
      case 'poll_action':
        return polls.act(person, press.code, press.ref, press.action);
      case 'group_action':
        return groups.act(person, press.code, press.action);
      case 'dot':
        return groups.dot(person, press.code, press.ref, press.change);
      case 'topic':
        return press.action === 'join' ? openSpace.join(person, press.code, press.ref) : openSpace.leave(person, press.code, press.ref);
    }
  }

  chats.on('callback_query:data', async (ctx, next) => {
    if (!isVoteData(ctx.callbackQuery.data)) return next();
    const press = decodeVoteButton(ctx.callbackQuery.data);
    const alert = (text: string) => ctx.answerCallbackQuery({ text: text.slice(0, 200), show_alert: true }).catch(() => undefined);
    // A forged or outdated button: said so, and nothing read or changed.
    if (!press) return void (await alert(i18n.forLanguage(ctx.lang, VOTING_NAMESPACE)('refused.stale')));
    const answer = await pressed(ctx, press);
    const [view] = views(ctx, answer);
    if (!view) return void (await ctx.answerCallbackQuery().catch(() => undefined));
    if (answer.kind === 'refused') return void (await alert(view.text));
    await ctx.answerCallbackQuery().catch(() => undefined);
    // The message pressed shows the new state (the vote, the dots, the sign-ups); a message too old to edit gets a new one.
    await ctx.editMessageText(view.text, markup(view)).catch(async (error: unknown) => {
      if (!String(error).includes('message is not modified')) await ctx.reply(view.text, markup(view));
    });
  });

  return composer;
}
