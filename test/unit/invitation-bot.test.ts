import { Writable } from 'node:stream';
import { Bot } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createInvitations, type InvitationInput } from '../../src/staff/invitations.js';
import { createI18n } from '../../src/i18n/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { createInvitationRepository } from '../../src/storage/invitation-repository.js';
import { createOperatorRepository } from '../../src/storage/operator-repository.js';
import type { UraContext } from '../../src/transport/telegram/context.js';
import { invitationComposer } from '../../src/transport/telegram/invitations.js';
import { recordBotApi, TEST_BOT_INFO } from '../support/bot-api.js';
import { fakeClock } from '../support/clock.js';
import { sqliteDatabase, type TestDatabase } from '../support/database.js';
import { callbackQuery, command, privateText } from '../support/updates.js';

const i18n = createI18n();
const en = i18n.forLanguage('en');
const INVITED = { userId: 7001, languageCode: 'en' };
const SUPERVISOR: InvitationInput = { role: 'supervisor', pseudonym: 'Arta', languages: ['sq', 'en'], skills: ['child'], validHours: 72 };

let test: TestDatabase;
beforeEach(async () => void (test = await sqliteDatabase()));
afterEach(async () => test.dispose());

function setUp() {
  const clock = fakeClock();
  const logLines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (chunk, _enc, done) => (logLines.push(String(chunk)), done()) }));
  const operators = createOperatorRepository(test.db.prisma);
  const invitations = createInvitations({ store: createInvitationRepository(test.db.prisma), operators, clock });
  const bot = new Bot<UraContext>('123:TEST', { botInfo: TEST_BOT_INFO });
  const api = recordBotApi(bot);
  const passedThrough: unknown[] = [];
  bot.use(async (ctx, next) => {
    ctx.lang = 'en';
    await next();
  });
  bot.use(invitationComposer({ invitations, operators, i18n, logger }));
  bot.use((ctx) => void passedThrough.push(ctx.update));
  const keyboard = () => (api.calls.filter((call) => call.method === 'sendMessage').at(-1)?.payload.reply_markup as InlineKeyboardMarkup | undefined)?.inline_keyboard.flat() ?? [];
  return { bot, api, clock, operators, invitations, passedThrough, logLines, keyboard };
}

describe('registering by invitation in Telegram', () => {
  it('shows what the invitation is for and registers the person who confirms it', async () => {
    const { bot, api, operators, invitations, passedThrough, logLines, keyboard } = setUp();
    const { token } = await invitations.invite(SUPERVISOR);

    await bot.handleUpdate(command('start', `inv_${token}`, INVITED));
    const offer = api.texts().at(-1) ?? '';
    expect(offer).toContain(en('invite:roles.supervisor'));
    expect(offer).toContain('Albanian and English');
    expect(offer).toContain('Arta');
    const [confirm, cancel] = keyboard();
    expect(confirm).toMatchObject({ text: en('invite:offer.confirm') });
    expect(cancel).toMatchObject({ text: en('invite:offer.cancel'), callback_data: 'i:no' });
    const confirmData = confirm && 'callback_data' in confirm ? confirm.callback_data : '';
    expect(Buffer.byteLength(confirmData)).toBeLessThanOrEqual(64);
    expect(await operators.byTelegramId('7001')).toBeUndefined();

    await bot.handleUpdate(callbackQuery(confirmData, INVITED));
    expect(await operators.byTelegramId('7001')).toMatchObject({ role: 'supervisor', pseudonym: 'Arta', languages: ['sq', 'en'], skills: ['child'] });
    const welcome = api.texts().at(-1) ?? '';
    for (const operatorCommand of ['/oncall', '/offcall', '/cases', '/note', '/transfer', '/close', '/end']) expect(welcome).toContain(operatorCommand);
    expect(api.calls.map((call) => call.method)).toContain('answerCallbackQuery');

    expect(passedThrough).toEqual([]);
    expect(logLines.join('')).toMatch(/operator registered by invitation/);
    expect(logLines.join('')).not.toContain(token);
  });

  it('invites an organiser to run events, not to take cases, and welcomes them with /web', async () => {
    const { bot, api, operators, invitations, keyboard } = setUp();
    const { token } = await invitations.invite({ role: 'organiser', pseudonym: null, languages: ['en'], skills: [], validHours: 24 });
    await bot.handleUpdate(command('start', `inv_${token}`, INVITED));
    const offer = api.texts().at(-1) ?? '';
    expect(offer).toBe(en('invite:offer.text_organiser', { role: en('invite:roles.organiser'), languages: 'English', name: en('invite:team_member') }));
    const [confirm] = keyboard();
    await bot.handleUpdate(callbackQuery(confirm && 'callback_data' in confirm ? (confirm.callback_data ?? '') : '', INVITED));
    expect(await operators.byTelegramId('7001')).toMatchObject({ role: 'organiser' });
    const welcome = api.texts().at(-1) ?? '';
    expect(welcome).toContain('/web');
    expect(welcome).not.toContain('/oncall');
  });

  it('registers nothing when the person cancels, and the invitation still works afterwards', async () => {
    const { bot, api, operators, invitations, passedThrough } = setUp();
    const { token } = await invitations.invite(SUPERVISOR);
    await bot.handleUpdate(command('start', `inv_${token}`, INVITED));
    await bot.handleUpdate(callbackQuery('v|no', INVITED));
    expect(api.texts().at(-1)).toBe(en('invite:cancelled'));
    expect(await operators.list()).toEqual([]);
    expect(await invitations.inspect(token)).toMatchObject({ usedAt: null });
    expect(passedThrough).toEqual([]);
  });

  it('lets a plain /start, other messages, other buttons and groups through untouched', async () => {
    const { bot, api, passedThrough, invitations } = setUp();
    const { token } = await invitations.invite(SUPERVISOR);
    const updates = [
      command('start', '', INVITED),
      command('start', 'src_poster_fier', INVITED),
      privateText(`inv_${token}`, INVITED),
      callbackQuery('m|check', INVITED),
      command('start', `inv_${token}`, { ...INVITED, chatType: 'group' }),
    ];
    for (const update of updates) await bot.handleUpdate(update);
    expect(passedThrough).toEqual(updates);
    expect(api.calls).toEqual([]);
  });

  it('explains each reason an invitation cannot be used, and registers no one', async () => {
    const { bot, api, clock, operators, invitations, passedThrough } = setUp();
    const expired = await invitations.invite({ ...SUPERVISOR, validHours: 1 });
    const used = await invitations.invite(SUPERVISOR);
    const spare = await invitations.invite(SUPERVISOR);
    await invitations.redeem(used.token, '8001');
    clock.advance(2 * 3_600_000);
    const fresh = await invitations.invite(SUPERVISOR);

    const said = async (update: Parameters<typeof bot.handleUpdate>[0]) => (await bot.handleUpdate(update), api.texts().at(-1));
    expect(await said(command('start', 'inv_not-a-real-invitation', INVITED))).toBe(en('invite:refused.unknown'));
    expect(await said(command('start', `inv_${expired.token}`, INVITED))).toBe(en('invite:refused.expired'));
    expect(await said(command('start', `inv_${used.token}`, INVITED))).toBe(en('invite:refused.used'));
    expect(await said(callbackQuery(`v|${used.token}`, INVITED))).toBe(en('invite:refused.used'));
    // An operator already: told so, and the invitation is left for the person it was meant for.
    expect(await said(command('start', `inv_${fresh.token}`, { userId: 8001 }))).toBe(en('invite:refused.already_operator'));
    expect(await said(callbackQuery(`v|${spare.token}`, { userId: 8001 }))).toBe(en('invite:refused.already_operator'));
    expect(await invitations.inspect(fresh.token)).toMatchObject({ usedAt: null });

    expect((await operators.list()).map((operator) => operator.telegramId)).toEqual(['8001']);
    expect(passedThrough).toEqual([]);
  });
});
