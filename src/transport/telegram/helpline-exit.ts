import type { Contact } from '../../helpline/contacts.js';
import type { HelplineKit } from './helpline-kit.js';
import { helplineButton } from './helpline-buttons.js';
import type { Private } from './helpline-screens.js';

/** Telegram deletes at most this many messages in one call. */
const DELETE_BATCH = 100;

/** The quick exit and the right to be forgotten, on Telegram. */
export function helplineExit(kit: HelplineKit) {
  const { deps, t, say, choice } = kit;

  /** Deletes what Telegram still lets the bot delete, quietly: a message already gone is no failure. */
  async function clearChat(ctx: Private, ids: number[]): Promise<void> {
    for (let i = 0; i < ids.length; i += DELETE_BATCH) {
      const chunk = ids.slice(i, i + DELETE_BATCH);
      const bulk = await ctx.api.deleteMessages(ctx.chat.id, chunk).then(
        () => true,
        () => false,
      );
      // Bot API servers without deleteMessages (or refusing the batch) get one call per message.
      if (!bulk) for (const id of chunk) await ctx.api.deleteMessage(ctx.chat.id, id).catch(() => undefined);
    }
  }

  return {
    /** Leaves: the exit sequence (a use-case) clears the chat, and the bot says nothing. */
    async quickExit(ctx: Private, contact: Contact, shown: number[]): Promise<void> {
      await deps.seeking.quickExit(contact, { shown, clear: (ids) => clearChat(ctx, ids) });
      ctx.session.inFlow = false;
      // Whoever opens the chat next is asked again.
      ctx.session.known = undefined;
    },

    async confirmDelete(ctx: Private): Promise<void> {
      ctx.session.inFlow = false;
      const tr = t(ctx);
      await say(ctx, tr('delete.confirm'), [choice(tr('delete.yes'), helplineButton.delete(true)), choice(tr('delete.no'), helplineButton.delete(false))]);
    },

    /**
     * /delete answered: kept (cancelled), or everything about the person erased. `erased`
     * stops the chat's logging for this update, so nothing is recorded again for them.
     */
    async deleteAnswered(ctx: Private, contact: Contact, confirmed: boolean, erased: WeakSet<object>): Promise<void> {
      if (!confirmed) {
        ctx.session.inFlow = false;
        await say(ctx, t(ctx)('delete.cancelled'));
        return;
      }
      erased.add(ctx);
      await deps.seeking.forget(contact.id, deps.identity.hashId('chat', ctx.chat.id));
      // Otherwise the session middleware would write the chat's state back after this handler.
      ctx.session = undefined;
      await ctx.reply(t(ctx)('delete.done'));
    },
  };
}
