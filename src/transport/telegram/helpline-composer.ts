import { Composer } from 'grammy';
import type { UraContext } from './context.js';
import { decodeHelplineButton, isHelplineData } from './helpline-buttons.js';
import { helplineExit } from './helpline-exit.js';
import { helplineFlow } from './helpline-flow.js';
import { rateLimit, recordVisit } from './helpline-gate.js';
import { helplineKit, type HelplineBotDeps } from './helpline-kit.js';
import { helplineMessages } from './helpline-messages.js';
import { helplinePresses } from './helpline-presses.js';
import { helplineUrgent } from './helpline-urgent.js';

export type { HelplineBotDeps } from './helpline-kit.js';

/**
 * The anonymous help-seeking conversation: language, notice, safety, menu, flows, a
 * person, exit and data rights. It serves private chats that reach it, and of button
 * presses only its own (under its prefix, or sent before there were prefixes): another
 * area's press passes on untouched and makes nobody a help-seeker.
 */
export function helplineComposer(deps: HelplineBotDeps): Composer<UraContext> {
  const kit = helplineKit(deps);
  const { t, say, showLanguages, showSafety, contactOf } = kit;
  const flow = helplineFlow(kit);
  const urgent = helplineUrgent(kit);
  const exit = helplineExit(kit);
  const messages = helplineMessages(kit, flow, urgent);
  const pressed = helplinePresses(kit, flow, urgent);

  const composer = new Composer<UraContext>();
  const privateChats = composer.chatType('private').filter((ctx) => ctx.callbackQuery?.data === undefined || isHelplineData(ctx.callbackQuery.data));

  const erased = new WeakSet<object>();
  // Only what the person does counts: a change of membership (they blocked the bot) records no visit.
  const doings = privateChats.on(['message', 'callback_query', 'edited_message']);
  doings.use(recordVisit(kit, erased));
  doings.use(rateLimit(kit, urgent.hear));

  privateChats.command('start', async (ctx) => {
    if (!ctx.session.language) return showLanguages(ctx);
    // Someone coming back may be watched now: safety first, every time.
    return showSafety(ctx);
  });
  privateChats.command(['language', 'gjuha'], async (ctx) => showLanguages(ctx));
  privateChats.command(['help', 'menu'], async (ctx) => flow.offerResumeOrMenu(ctx, await contactOf(ctx)));
  privateChats.command('privacy', async (ctx) => say(ctx, t(ctx)('privacy.text', { days: deps.retentionDays })));
  privateChats.command('delete', async (ctx) => exit.confirmDelete(ctx));
  privateChats.command('exit', async (ctx) => exit.quickExit(ctx, await contactOf(ctx), [ctx.msg.message_id]));

  privateChats.on('callback_query:data', async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
    const contact = await contactOf(ctx);
    const action = decodeHelplineButton(ctx.callbackQuery.data);
    const messageId = ctx.callbackQuery.message?.message_id;
    if (action.kind === 'exit') return exit.quickExit(ctx, contact, messageId === undefined ? [] : [messageId]);
    if (action.kind === 'delete') return exit.deleteAnswered(ctx, contact, action.confirmed, erased);
    return pressed(ctx, contact, action);
  });

  // A contact card or a place carries a phone number or where someone is: never relayed
  // nor kept, in a live chat or not (a venue and a live location are places too). Written
  // in words, what to share stays the person's choice. A live location's updates arrive
  // as edits: the first was answered already.
  privateChats.on(['message:contact', 'message:location', 'message:venue'], async (ctx) => say(ctx, t(ctx)('hint.private_details')));
  privateChats.on('edited_message:location', () => undefined);

  // A forwarded message is someone else's words: never read as an answer, nor as urgent.
  // In a live chat it is relayed as a copy: the operator sees the content, never its origin.
  privateChats.on('message:forward_origin', async (ctx) => messages.toCaseOr(ctx, 'hint.forwarded'));
  privateChats.on('message:text', async (ctx) => messages.text(ctx, await contactOf(ctx), ctx.msg.text));
  privateChats.on('edited_message', async (ctx) => say(ctx, t(ctx)('hint.edited')));
  privateChats.on('message', async (ctx) => messages.toCaseOr(ctx, 'hint.media'));

  return composer;
}
