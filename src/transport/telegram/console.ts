import { Composer } from 'grammy';
import type { InlineKeyboardButton } from 'grammy/types';
import type { Duty } from '../../helpline/handoff/duty.js';
import { CLOSE_OUTCOMES, REFERRALS, type Handoff } from '../../helpline/handoff/handoff.js';
import { takesCases, type OnDuty } from '../../staff/operators.js';
import { consoleLanguage, type Views } from '../../helpline/handoff/views.js';
import { CASE_CODE, type HelpCase } from '../../helpline/cases.js';
import type { DutyStore } from '../../staff/operators.js';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { consoleButton, decodeConsoleButton, isConsoleData } from './console-buttons.js';
import type { UraContext } from './context.js';
import { incomingOf } from './incoming.js';
import type { StaffOf } from './staff-lookup.js';

export interface ConsoleDeps {
  /** The staff member behind an update (shared with the organisers' console: one read per update). */
  staffOf: StaffOf;
  handoff: Handoff;
  duty: Duty;
  dutyStore: DutyStore;
  views: Views;
  logger: Logger;
}

/** The console's commands, in the order of the operator's menu. */
export const CONSOLE_COMMANDS = ['oncall', 'offcall', 'cases', 'note', 'transfer', 'close', 'end'] as const;

/**
 * The operator's chat with the bot is the console of their cases. Registered
 * operators are served here and never reach the help-seekers' pipeline; anyone
 * else passes on untouched, except a press on a case button, which tells a
 * stranger nothing.
 */
export function consoleComposer(deps: ConsoleDeps): Composer<UraContext> {
  const { handoff, duty, dutyStore, views } = deps;
  const composer = new Composer<UraContext>();
  const operators = new WeakMap<object, OnDuty>();
  const operatorOf = (ctx: object): OnDuty => {
    const operator = operators.get(ctx);
    if (!operator) throw new Error('console used without an operator');
    return operator;
  };
  const t = (operator: OnDuty) => views.tr(consoleLanguage(operator));

  const staff = new Composer<UraContext>();
  composer.use(async (ctx, next) => {
    if (ctx.chat?.type !== 'private' || ctx.from === undefined) return next();
    // Looked up on every update, so an operator removed mid-case loses access at once.
    const member = await deps.staffOf(ctx, ctx.from.id);
    const operator = member && takesCases(member) ? member : undefined;
    if (operator) {
      operators.set(ctx, operator);
      // Served here only: nothing an operator does reaches the help-seekers' pipeline.
      return staff.middleware()(ctx, async () => undefined);
    }
    if (isConsoleData(ctx.callbackQuery?.data)) return void (await ctx.answerCallbackQuery().catch(() => undefined));
    return next();
  });

  const reply = (ctx: UraContext, text: string, keyboard?: InlineKeyboardButton[][]) => ctx.reply(text, keyboard ? { reply_markup: { inline_keyboard: keyboard } } : {});

  const line = (operator: OnDuty, helpCase: HelpCase) => {
    const tr = t(operator);
    const state = helpCase.status === 'pending' ? tr('cases.waiting') : helpCase.operatorId === operator.id ? tr('cases.yours') : tr('cases.colleague');
    return `${tr(`level.${helpCase.level}`)} · ${helpCase.code} · ${helpCase.language} · ${state}`;
  };

  async function listCases(ctx: UraContext, operator: OnDuty) {
    const tr = t(operator);
    const cases = await handoff.visible(operator);
    if (cases.length === 0) return reply(ctx, tr('cases.none'));
    const keyboard = cases
      .slice(0, 30)
      .map((helpCase): InlineKeyboardButton[] => [
        helpCase.status === 'pending'
          ? { text: `${tr('card.take')} ${helpCase.code}`, callback_data: consoleButton.take(helpCase.code) }
          : { text: `${tr('cases.open')} ${helpCase.code}`, callback_data: consoleButton.use(helpCase.code) },
      ]);
    return reply(ctx, [tr('cases.title'), ...cases.slice(0, 30).map((helpCase) => line(operator, helpCase))].join('\n'), keyboard);
  }

  /** `/close K7-4QF` (a case the operator may act on) or `/close` for the console's case. */
  async function caseArgument(operator: OnDuty, text: string): Promise<{ helpCase?: HelpCase; rest: string }> {
    const [first, ...more] = text.trim().split(/\s+/);
    if (first && CASE_CODE.test(first.toUpperCase())) return { helpCase: await handoff.reachable(operator, first), rest: more.join(' ') };
    return { helpCase: await handoff.consoleCase(operator), rest: text.trim() };
  }

  /** The operator's own command menu, in their chat only: help-seekers keep theirs. */
  const showCommands = (ctx: UraContext, operator: OnDuty) =>
    ctx.api
      .setMyCommands(
        CONSOLE_COMMANDS.map((command) => ({ command, description: t(operator)(`commands.${command}`) })),
        { scope: { type: 'chat', chat_id: Number(operator.telegramId) } },
      )
      .catch((error: unknown) => deps.logger.warn({ err: errorMessage(error) }, 'Telegram refused the operator command menu'));

  staff.command(['start', 'help'], async (ctx) => {
    await showCommands(ctx, operatorOf(ctx));
    return reply(ctx, t(operatorOf(ctx))('console.help'));
  });
  staff.command('oncall', async (ctx) => {
    await showCommands(ctx, operatorOf(ctx));
    const waiting = await duty.setPresence(operatorOf(ctx), true);
    return reply(ctx, t(operatorOf(ctx))('console.on_call', { count: waiting }));
  });
  staff.command('offcall', async (ctx) => {
    await duty.setPresence(operatorOf(ctx), false);
    return reply(ctx, t(operatorOf(ctx))('console.off_call'));
  });
  staff.command('cases', async (ctx) => listCases(ctx, operatorOf(ctx)));
  staff.command('note', async (ctx) => {
    const operator = operatorOf(ctx);
    if (ctx.match.trim() === '') return reply(ctx, t(operator)('usage.note'));
    const helpCase = await handoff.note(operator, ctx.match.trim());
    return reply(ctx, helpCase ? t(operator)('console.noted', { code: helpCase.code }) : t(operator)('console.no_case'));
  });
  staff.command('transfer', async (ctx) => {
    const operator = operatorOf(ctx);
    const tr = t(operator);
    const { helpCase, rest } = await caseArgument(operator, ctx.match);
    if (!helpCase || helpCase.status !== 'active') return reply(ctx, `${tr('console.no_case')}\n${tr('usage.transfer')}`);
    if (rest) await handoff.note(operator, rest, helpCase.code);
    const colleagues = (await dutyStore.onDuty()).filter((other) => other.id !== helpCase.operatorId);
    const keyboard = [
      ...colleagues
        .slice(0, 20)
        .map((other): InlineKeyboardButton[] => [{ text: `${other.pseudonym ?? tr('team_member')} (${other.languages.join(',')})`, callback_data: consoleButton.transfer(helpCase.code, other.id) }]),
      [{ text: tr('transfer.queue'), callback_data: consoleButton.transfer(helpCase.code, 'queue') }],
    ];
    return reply(ctx, tr('transfer.choose', { code: helpCase.code }), keyboard);
  });
  staff.command('close', async (ctx) => {
    const operator = operatorOf(ctx);
    const tr = t(operator);
    const { helpCase } = await caseArgument(operator, ctx.match);
    if (!helpCase || helpCase.status !== 'active') return reply(ctx, `${tr('console.no_case')}\n${tr('usage.close')}`);
    const keyboard = CLOSE_OUTCOMES.map((outcome): InlineKeyboardButton[] => [{ text: tr(`outcome.${outcome}`), callback_data: consoleButton.outcome(helpCase.code, outcome) }]);
    return reply(ctx, tr('close.outcome', { code: helpCase.code }), keyboard);
  });
  staff.command('end', async (ctx) => {
    const operator = operatorOf(ctx);
    const helpCase = await handoff.end(operator);
    return reply(ctx, helpCase ? t(operator)('console.ended', { code: helpCase.code }) : t(operator)('console.no_case'));
  });

  staff.on('callback_query:data', async (ctx) => {
    const operator = operatorOf(ctx);
    const tr = t(operator);
    const action = decodeConsoleButton(ctx.callbackQuery.data);
    if (!action) return void (await ctx.answerCallbackQuery({ text: tr('console.stale') }).catch(() => undefined));
    switch (action.verb) {
      case 'take': {
        const result = await handoff.claim(operator, action.code);
        await ctx.answerCallbackQuery({ text: tr(`claim.${result.kind}`, { code: action.code }) }).catch(() => undefined);
        return;
      }
      case 'use': {
        await ctx.answerCallbackQuery().catch(() => undefined);
        if (!(await handoff.use(operator, action.code))) return reply(ctx, tr('console.no_case'));
        return undefined;
      }
      case 'tr': {
        await ctx.answerCallbackQuery().catch(() => undefined);
        const result = await handoff.transfer(operator, action.code, action.target);
        return reply(ctx, tr(`transfer.${result}`, { code: action.code }));
      }
      case 'out': {
        await ctx.answerCallbackQuery().catch(() => undefined);
        if (!CLOSE_OUTCOMES.some((outcome) => outcome === action.outcome)) return reply(ctx, tr('console.stale'));
        const keyboard = REFERRALS.map((referral): InlineKeyboardButton[] => [{ text: tr(`referral.${referral}`), callback_data: consoleButton.referral(action.code, action.outcome, referral) }]);
        return reply(ctx, tr('close.referral', { code: action.code }), keyboard);
      }
      case 'ref': {
        await ctx.answerCallbackQuery().catch(() => undefined);
        if (!CLOSE_OUTCOMES.some((outcome) => outcome === action.outcome) || !REFERRALS.some((referral) => referral === action.referral)) return reply(ctx, tr('console.stale'));
        const closed = await handoff.close(operator, action.code, action.outcome, action.referral);
        return reply(ctx, closed ? tr('console.closed', { code: closed.code, outcome: tr(`outcome.${action.outcome}`), referral: tr(`referral.${action.referral}`) }) : tr('console.no_case'));
      }
    }
  });

  // Any other command is the console's, never relayed to a person by mistake.
  staff.on('message::bot_command', async (ctx) => reply(ctx, t(operatorOf(ctx))('console.help')));

  // A contact card or a place carries a phone number or where someone is: never relayed to
  // a person, whose phone someone else may look at. A live location's updates arrive as edits.
  staff.on(['message:contact', 'message:location', 'message:venue'], async (ctx) => reply(ctx, t(operatorOf(ctx))('console.private_details')));
  staff.on('edited_message:location', () => undefined);

  staff.on('message', async (ctx) => {
    const operator = operatorOf(ctx);
    const result = await handoff.fromOperator(operator, incomingOf(ctx.msg));
    if (result === 'no_case') return reply(ctx, t(operator)('console.no_case'));
    if (result === 'gone') return reply(ctx, t(operator)('console.gone'));
    return undefined;
  });

  staff.on('edited_message', async (ctx) => reply(ctx, t(operatorOf(ctx))('console.edited')));

  return composer;
}
