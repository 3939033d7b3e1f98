import { Composer } from 'grammy';
import type { I18n } from '../../i18n/index.js';
import { isOrganiser, SIGN_IN_MINUTES, staffLanguage, type OrganiserSignIn } from '../../staff/organiser-sign-in.js';
import type { Operator } from '../../staff/operators.js';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { UraContext } from './context.js';
import type { StaffOf } from './staff-lookup.js';
import type { CodingChat } from '../../surveys/index.js';
import { organiserCoding } from './organiser-coding.js';

export interface OrganiserBotDeps {
  /** The staff member behind an update (shared with the case console: one read per update). */
  staffOf: StaffOf;
  signIn: Pick<OrganiserSignIn, 'issue'>;
  /** Where browsers reach Ura: PUBLIC_URL, or the address Ura listens on. Read when a link is made. */
  webUrl: () => string;
  i18n: I18n;
  logger: Logger;
  /** Coding an event's open answers in the chat (`/coding`); left out, it is not offered. */
  coding?: CodingChat;
}

/** The organiser's command menu, in this order. */
export const ORGANISER_COMMANDS = ['web', 'coding', 'settle', 'help'] as const;

/**
 * An organiser's chat with the bot: `/web` sends a one-time link that signs them in
 * to the organiser pages. Organisers take no cases, so they never reach the case
 * console, and nothing they write reaches the help-seekers' pipeline: this composer
 * answers every update of theirs. Anyone else passes on untouched. Composers that
 * serve organisers too (the events area's) go before it.
 */
export function organiserComposer(deps: OrganiserBotDeps): Composer<UraContext> {
  const { staffOf, signIn, i18n, logger } = deps;
  const composer = new Composer<UraContext>();
  const members = new WeakMap<object, Operator>();
  const memberOf = (ctx: object): Operator => {
    const member = members.get(ctx);
    if (!member) throw new Error('organiser console used without an organiser');
    return member;
  };
  const t = (ctx: object) => i18n.forLanguage(staffLanguage(memberOf(ctx)), 'organiser');

  const organiser = new Composer<UraContext>();
  composer.use(async (ctx, next) => {
    if (ctx.chat?.type !== 'private' || ctx.from === undefined) return next();
    // Looked up on every update: a removed organiser, or one given another role, is not served here any more.
    const member = await staffOf(ctx, ctx.from.id);
    if (!member || !isOrganiser(member)) return next();
    members.set(ctx, member);
    return organiser.middleware()(ctx, async () => undefined);
  });

  const help = async (ctx: UraContext) => {
    await ctx.api
      .setMyCommands(
        ORGANISER_COMMANDS.map((command) => ({ command, description: t(ctx)(`bot.commands.${command}`) })),
        { scope: { type: 'chat', chat_id: Number(memberOf(ctx).telegramId) } },
      )
      .catch((error: unknown) => logger.warn({ err: errorMessage(error) }, 'Telegram refused the organiser command menu'));
    await ctx.reply(t(ctx)('bot.help'));
  };

  // Coding first: a command lets a quote asked for go, whichever command it is.
  if (deps.coding) organiser.use(organiserCoding({ coding: deps.coding, memberOf, t, language: (ctx) => staffLanguage(memberOf(ctx)) }));
  organiser.command(['start', 'help'], help);

  organiser.command('web', async (ctx) => {
    const link = await signIn.issue(String(ctx.from?.id ?? ''));
    if (link === 'not_organiser') return help(ctx);
    const url = `${deps.webUrl()}/organiser/signin?t=${link.token}`;
    logger.info({ staff: memberOf(ctx).id }, 'organiser sign-in link sent');
    // No preview: Telegram's servers would otherwise open the link before the organiser does.
    await ctx.reply(t(ctx)('bot.link', { url, minutes: SIGN_IN_MINUTES }), { link_preview_options: { is_disabled: true } });
  });

  // A button of another area (an old case card, an invitation): answered, so the client stops waiting.
  organiser.on('callback_query', async (ctx) => void (await ctx.answerCallbackQuery().catch(() => undefined)));
  organiser.on('message', help);
  return composer;
}
