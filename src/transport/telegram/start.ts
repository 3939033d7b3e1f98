import { Composer } from 'grammy';
import type { Contacts } from '../../helpline/contacts.js';
import type { UraContext } from './context.js';

/** /start, /help and a friendly answer to anything else (private chats only). */
export function startComposer(contacts: Contacts): Composer<UraContext> {
  const composer = new Composer<UraContext>();
  const privateChats = composer.chatType('private');

  privateChats.command('start', async (ctx) => {
    await contacts.recordVisit({ userId: ctx.from.id, chatId: ctx.chat.id, language: ctx.lang });
    await ctx.reply(ctx.t('start.greeting'));
  });
  privateChats.command('help', (ctx) => ctx.reply(ctx.t('help.text')));
  privateChats.on('message', (ctx) => ctx.reply(ctx.t('fallback')));
  return composer;
}
