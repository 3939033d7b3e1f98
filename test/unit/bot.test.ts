import { Writable } from 'node:stream';
import { Bot } from 'grammy';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { createBotService } from '../../src/transport/telegram/bot-service.js';
import type { UraContext } from '../../src/transport/telegram/context.js';
import { protectContent } from '../../src/transport/telegram/protect-content.js';
import { recordBotApi, TEST_BOT_INFO } from '../support/bot-api.js';
import { memoryInbox } from '../support/memory-inbox.js';

const i18n = createI18n();

/** A bare bot: the service does not care what the handlers do. */
function setUp(options: { botInfo?: boolean } = {}) {
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
  const bot = new Bot<UraContext>('123:TEST', { client: { apiRoot: 'http://127.0.0.1:9' }, ...(options.botInfo === false ? {} : { botInfo: TEST_BOT_INFO }) });
  return { bot, api: recordBotApi(bot), logger, lines };
}

describe('protect_content', () => {
  it('is added to messages the bot sends, and not to other calls', async () => {
    const seen: { method: string; payload: Record<string, unknown> }[] = [];
    const prev = async (method: string, payload: Record<string, unknown>) => (seen.push({ method, payload }), { ok: true, result: true });
    const call = protectContent as unknown as (p: typeof prev, m: string, payload: Record<string, unknown>) => Promise<unknown>;
    await call(prev, 'sendMessage', { chat_id: 1, text: 'hi' });
    await call(prev, 'copyMessage', { chat_id: 1, from_chat_id: 2, message_id: 3 });
    await call(prev, 'deleteMessage', { chat_id: 1, message_id: 3 });
    expect(seen.map((entry) => entry.payload.protect_content)).toEqual([true, true, undefined]);
  });
});

describe('the bot service', () => {
  it('keeps running when Telegram refuses setMyCommands, with a warning', async () => {
    const { bot, api, lines, logger } = setUp({ botInfo: false });
    api.failNext('setMyCommands', 400, 'Bad Request: method not supported');
    const service = createBotService({ bot, mode: 'webhook', i18n, logger, inbox: memoryInbox(), webhook: { url: 'https://x/telegram/webhook', secret: 's'.repeat(16) } });
    service.start();
    await expect.poll(() => service.status().state).toBe('running');
    expect(lines.join('')).toMatch(/Telegram refused setMyCommands/);
    expect(api.calls.find((call) => call.method === 'setWebhook')?.payload).toMatchObject({ secret_token: 's'.repeat(16) });
    const english = api.calls.find((call) => call.method === 'setMyCommands' && call.payload.language_code === 'en');
    expect(english?.payload.commands).toEqual([...['start', 'help', 'language', 'privacy', 'delete', 'exit'].map((command) => ({ command, description: i18n.t('en', `commands.${command}`) }))]);
    await service.stop(1000);
    expect(service.status().state).toBe('stopped');
  });

  it('reports a refused webhook registration as failed, since no update would ever arrive', async () => {
    const { bot, api, logger } = setUp({ botInfo: false });
    api.failNext('setWebhook', 400, 'Bad Request: bad webhook: HTTPS url must be provided for webhook');
    const service = createBotService({ bot, mode: 'webhook', i18n, logger, inbox: memoryInbox(), webhook: { url: 'http://x/telegram/webhook', secret: 's'.repeat(16) } });
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
    const service = createBotService({ bot, mode: 'webhook', i18n, logger, inbox: memoryInbox(), webhook: { url: 'https://x/telegram/webhook', secret: 's'.repeat(16) } });
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
    const service = createBotService({ bot, mode: 'polling', i18n, logger, inbox: memoryInbox() });
    service.start();
    await expect.poll(() => service.status()).toEqual({ state: 'failed', mode: 'polling', detail: 'Telegram rejected TELEGRAM_BOT_TOKEN' });
  });
});
