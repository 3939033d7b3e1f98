import { Composer, InlineKeyboard } from 'grammy';
import type { Invitations, RedeemFailure } from '../../staff/invitations.js';
import type { Operator, OperatorStore } from '../../staff/operators.js';
import type { I18n, Language } from '../../i18n/index.js';
import type { Logger } from '../../shared/logger.js';
import type { UraContext } from './context.js';
import { decodeInvitationButton, invitationButton } from './invitation-buttons.js';

export interface InvitationBotDeps {
  invitations: Pick<Invitations, 'inspect' | 'redeem'>;
  operators: OperatorStore;
  i18n: I18n;
  logger: Logger;
}

const PAYLOAD = /^inv_(\S*)$/;

/** Language names in the reader's language, as Telegram clients show them. */
function languageNames(codes: string[], language: Language): string {
  const names = new Intl.DisplayNames([language], { type: 'language', fallback: 'code' });
  return new Intl.ListFormat([language], { type: 'conjunction' }).format(codes.map((code) => names.of(code) ?? code));
}

/**
 * Registering as an operator by one-time invitation: `/start inv_<token>` shows
 * what the invitation is for, Confirm registers. It answers these updates itself,
 * so whoever opens an invitation is never recorded as a help-seeker; every other
 * update goes on to the next handler untouched. Tokens are never logged.
 */
export function invitationComposer(deps: InvitationBotDeps): Composer<UraContext> {
  const { invitations, operators, i18n, logger } = deps;
  const composer = new Composer<UraContext>();
  const privateChats = composer.chatType('private');
  const t = (ctx: UraContext) => (key: string, vars?: Record<string, string | number>) => i18n.t(ctx.lang, `invite:${key}`, vars);

  const refuse = async (ctx: UraContext, reason: RedeemFailure) => {
    logger.info({ reason }, 'invitation refused');
    await ctx.reply(t(ctx)(`refused.${reason}`));
  };

  const describe = (ctx: UraContext, who: Pick<Operator, 'role' | 'pseudonym' | 'languages'>) => ({
    role: t(ctx)(`roles.${who.role}`),
    languages: languageNames(who.languages, ctx.lang),
    name: who.pseudonym ?? t(ctx)('team_member'),
  });

  privateChats.command('start', async (ctx, next) => {
    const token = PAYLOAD.exec(ctx.match.trim())?.[1];
    if (token === undefined) return next();
    const invitation = await invitations.inspect(token);
    if (typeof invitation === 'string') return refuse(ctx, invitation);
    if (await operators.byTelegramId(String(ctx.from.id))) return refuse(ctx, 'already_operator');
    const tr = t(ctx);
    // An organiser takes no cases: their invitation and welcome speak of events, not of help-seekers.
    await ctx.reply(tr(invitation.role === 'organiser' ? 'offer.text_organiser' : 'offer.text', describe(ctx, invitation)), {
      reply_markup: new InlineKeyboard().text(tr('offer.confirm'), invitationButton.confirm(token)).text(tr('offer.cancel'), invitationButton.cancel),
    });
  });

  privateChats.on('callback_query:data', async (ctx, next) => {
    const answer = decodeInvitationButton(ctx.callbackQuery.data);
    if (!answer) return next();
    await ctx.answerCallbackQuery().catch(() => undefined);
    // The buttons work once: a second press would only meet a used invitation.
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    if (answer.kind === 'cancel') return void (await ctx.reply(t(ctx)('cancelled')));
    const operator = await invitations.redeem(answer.token, String(ctx.from.id));
    if (typeof operator === 'string') return refuse(ctx, operator);
    logger.info({ operator: operator.id, role: operator.role }, 'operator registered by invitation');
    await ctx.reply(t(ctx)(operator.role === 'organiser' ? 'welcome_organiser' : 'welcome', describe(ctx, operator)));
  });

  return composer;
}
