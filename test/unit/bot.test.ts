import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createContacts } from '../../src/helpline/contacts.js';
import { createI18n } from '../../src/i18n/index.js';
import { createIdentityProtector } from '../../src/shared/crypto.js';
import { createLogger } from '../../src/shared/logger.js';
import { createBot } from '../../src/transport/telegram/bot.js';
import { createBotService } from '../../src/transport/telegram/bot-service.js';
import { protectContent } from '../../src/transport/telegram/protect-content.js';
import type { SessionData } from '../../src/transport/telegram/context.js';
import { recordBotApi, TEST_BOT_INFO } from '../support/bot-api.js';
import { fakeClock } from '../support/clock.js';
import { memoryContactStore, memorySessionStore } from '../support/memory-stores.js';
import { callbackQuery, command, privateText } from '../support/updates.js';

const i18n = createI18n();

function setUp(options: { botInfo?: boolean } = {}) {
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
  const identity = createIdentityProtector({ dataKey: Buffer.alloc(32, 3), idPepper: 'p'.repeat(32) });
  const store = memoryContactStore();
  const sessions = memorySessionStore<SessionData>();
  const bot = createBot({
    token: '123:TEST',
    apiRoot: 'http://127.0.0.1:9',
    i18n,
    contacts: createContacts({ store, identity, clock: fakeClock() }),
    sessions,
    identity,
    logger,
    ...(options.botInfo === false ? {} : { botInfo: TEST_BOT_INFO }),
  });
  return { bot, api: recordBotApi(bot), store, sessions, identity, logger, lines };
}

describe('the bot before the help-seeking conversation exists', () => {
  it('greets in Albanian by default and in English for English clients', async () => {
    const { bot, api } = setUp();
    await bot.handleUpdate(command('start', '', { userId: 1, languageCode: 'de' }));
    await bot.handleUpdate(command('start', '', { userId: 2, languageCode: 'en' }));
    expect(api.texts()).toEqual([i18n.t('sq', 'start.greeting'), i18n.t('en', 'start.greeting')]);
    expect(api.calls.map((call) => call.payload.chat_id)).toEqual([1, 2]);
  });

  it('answers /help and any other message', async () => {
    const { bot, api } = setUp();
    await bot.handleUpdate(command('help', '', { languageCode: 'en' }));
    await bot.handleUpdate(privateText('hello?', { languageCode: 'en' }));
    expect(api.texts()).toEqual([i18n.t('en', 'help.text'), i18n.t('en', 'fallback')]);
  });

  it('keeps a contact with only a keyed hash and a sealed chat address', async () => {
    const { bot, store, identity } = setUp();
    await bot.handleUpdate(command('start', '', { userId: 987654321 }));
    await bot.handleUpdate(command('start', '', { userId: 987654321 }));
    expect(store.rows.size).toBe(1);
    const [row] = [...store.rows.values()];
    expect(row?.idHash).toBe(identity.hashId('user', 987654321));
    expect(JSON.stringify(row)).not.toContain('987654321');
    expect(JSON.stringify(row)).not.toContain('Test'); // the first name
    expect(identity.open(String(row?.chatCipher))).toBe('987654321');
  });

  it('keys session state by a hash of the chat, never the raw id', async () => {
    const { bot, sessions } = setUp();
    await bot.handleUpdate(command('start', '', { userId: 55501 }));
    expect([...sessions.values.keys()].some((key) => key.includes('55501'))).toBe(false);
  });

  it('protects messages it sends from forwarding and saving, and leaves other calls alone', async () => {
    const seen: { method: string; payload: Record<string, unknown> }[] = [];
    const prev = async (method: string, payload: Record<string, unknown>) => (seen.push({ method, payload }), { ok: true, result: true });
    const call = protectContent as unknown as (p: typeof prev, m: string, payload: Record<string, unknown>) => Promise<unknown>;
    await call(prev, 'sendMessage', { chat_id: 1, text: 'hi' });
    await call(prev, 'copyMessage', { chat_id: 1, from_chat_id: 2, message_id: 3 });
    await call(prev, 'deleteMessage', { chat_id: 1, message_id: 3 });
    expect(seen.map((entry) => entry.payload.protect_content)).toEqual([true, true, undefined]);
  });

  it('copes with updates that have no chat, such as a button on a shared message', async () => {
    const { bot, lines } = setUp();
    const update = callbackQuery('noop');
    delete update.callback_query!.message;
    update.callback_query!.inline_message_id = 'inline-1';
    await bot.handleUpdate(update);
    expect(lines.join('')).not.toContain('update failed');
  });

  it('stays silent in groups', async () => {
    const { bot, api } = setUp();
    await bot.handleUpdate(command('start', '', { chatType: 'group' }));
    await bot.handleUpdate(privateText('hi', { chatType: 'group' }));
    expect(api.calls).toEqual([]);
  });

  it('answers with a localised apology when something fails, and logs the update without the text', async () => {
    const { bot, api, store, lines } = setUp();
    store.upsert = async () => {
      throw new Error('disk full');
    };
    const update = command('start', '', { languageCode: 'en' });
    await bot.handleUpdate(update);
    expect(api.texts()).toEqual([i18n.t('en', 'common:errors.generic')]);
    const logged = lines.map((line) => JSON.parse(line)).find((entry) => entry.msg === 'update failed');
    expect(logged).toMatchObject({ updateId: update.update_id, err: 'disk full' });
    expect(lines.join('')).not.toContain('/start');
  });
});

describe('the bot service', () => {
  it('keeps running when Telegram refuses setMyCommands, with a warning', async () => {
    const { bot, api, lines, logger } = setUp({ botInfo: false });
    api.failNext('setMyCommands', 400, 'Bad Request: method not supported');
    const service = createBotService({ bot, mode: 'webhook', i18n, logger, webhook: { url: 'https://x/telegram/webhook', secret: 's'.repeat(16) } });
    service.start();
    await expect.poll(() => service.status().state).toBe('running');
    expect(lines.join('')).toMatch(/Telegram refused setMyCommands/);
    expect(api.calls.find((call) => call.method === 'setWebhook')?.payload).toMatchObject({ secret_token: 's'.repeat(16) });
    const english = api.calls.find((call) => call.method === 'setMyCommands' && call.payload.language_code === 'en');
    expect(english?.payload.commands).toEqual([
      { command: 'start', description: i18n.t('en', 'commands.start') },
      { command: 'help', description: i18n.t('en', 'commands.help') },
    ]);
    await service.stop(1000);
    expect(service.status().state).toBe('stopped');
  });

  it('reports a refused webhook registration as failed, since no update would ever arrive', async () => {
    const { bot, api, logger } = setUp({ botInfo: false });
    api.failNext('setWebhook', 400, 'Bad Request: bad webhook: HTTPS url must be provided for webhook');
    const service = createBotService({ bot, mode: 'webhook', i18n, logger, webhook: { url: 'http://x/telegram/webhook', secret: 's'.repeat(16) } });
    service.start();
    await expect.poll(() => service.status().state).toBe('failed');
    expect(service.status().detail).toMatch(/refused the webhook http:\/\/x\/telegram\/webhook: .*HTTPS url must be provided/);
    expect(service.accepting()).toBe(false);
  });

  it('stays stopped when stopped while it was registering the webhook', async () => {
    const { bot, logger } = setUp({ botInfo: false });
    let release = () => undefined as void;
    let registering = false;
    bot.api.config.use(async (prev, method, payload, signal) => {
      if (method === 'setWebhook') {
        registering = true;
        await new Promise<void>((resolve) => (release = resolve));
      }
      return prev(method, payload, signal);
    });
    const service = createBotService({ bot, mode: 'webhook', i18n, logger, webhook: { url: 'https://x/telegram/webhook', secret: 's'.repeat(16) } });
    service.start();
    await expect.poll(() => registering).toBe(true);
    await service.stop(1000);
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(service.status().state).toBe('stopped');
    expect(service.accepting()).toBe(false);
  });

  it('reports a rejected token as failed instead of retrying forever', async () => {
    const { bot, api, logger } = setUp({ botInfo: false });
    api.failNext('getMe', 401, 'Unauthorized');
    const service = createBotService({ bot, mode: 'polling', i18n, logger });
    service.start();
    await expect.poll(() => service.status()).toEqual({ state: 'failed', mode: 'polling', detail: 'Telegram rejected TELEGRAM_BOT_TOKEN' });
  });
});
