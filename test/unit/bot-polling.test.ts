import { Writable } from 'node:stream';
import { Bot } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../src/i18n/index.js';
import { createLogger } from '../../src/shared/logger.js';
import { createBotService, MAX_UPDATES_IN_HAND, type BotService } from '../../src/transport/telegram/bot-service.js';
import type { UraContext } from '../../src/transport/telegram/context.js';
import { TEST_BOT_INFO } from '../support/bot-api.js';
import { TEST_TOKEN } from '../support/emulator.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { memoryInbox } from '../support/memory-inbox.js';

const i18n = createI18n();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A bot that echoes texts, polling a fake Telegram that acknowledges by offset; `before`: what each update waits for first. */
async function setUp(before: () => Promise<void> = async () => {}) {
  const telegram = await startFakeTelegram();
  cleanups.push(telegram.close);
  const lines: string[] = [];
  const logger = createLogger('info', new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) }));
  const bot = new Bot<UraContext>(TEST_TOKEN, { client: { apiRoot: telegram.apiRoot }, botInfo: TEST_BOT_INFO });
  bot.on('message:text', async (ctx) => {
    await before();
    await ctx.reply(`got ${ctx.msg.text}`);
  });
  const inbox = memoryInbox();
  const service: BotService = createBotService({ bot, mode: 'polling', i18n, logger, inbox });
  cleanups.push(() => service.stop(1000));
  return { telegram, service, inbox, lines };
}

const echoed = (telegram: FakeTelegram, chatId: number) => telegram.textsTo(chatId);

describe('polling Telegram', () => {
  it('keeps trying while another instance takes the updates (409), says so in the status, and carries on when it stops', async () => {
    const { telegram, service, lines } = await setUp();
    telegram.failGetUpdates(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
    service.start();
    await expect.poll(() => service.status().detail, { timeout: 10_000 }).toMatch(/another process is receiving this bot's updates \(409 Conflict\)/);
    expect(service.status().state).toBe('running');
    expect(lines.join('')).toMatch(/409 Conflict/);

    telegram.chat(7001).sendText('hello');
    telegram.heal();
    await expect.poll(() => echoed(telegram, 7001), { timeout: 15_000 }).toEqual(['got hello']);
    expect(service.status()).toEqual({ state: 'running', mode: 'polling' });
  });

  it('stops the bot with a clear log line when Telegram revokes the token (401), without crashing the process', async () => {
    const { telegram, service, lines } = await setUp();
    service.start();
    await expect.poll(() => service.status().state).toBe('running');
    telegram.failGetUpdates(401, 'Unauthorized');
    await expect.poll(() => service.status(), { timeout: 10_000 }).toEqual({ state: 'failed', mode: 'polling', detail: 'Telegram rejected TELEGRAM_BOT_TOKEN' });
    expect(lines.join('')).toMatch(/Telegram rejected TELEGRAM_BOT_TOKEN \(401\); the bot stopped.*The web side keeps running/);
    telegram.heal();
    telegram.chat(7002).sendText('anyone?');
    await new Promise((done) => setTimeout(done, 1500));
    expect(echoed(telegram, 7002)).toEqual([]);
  });

  it('acknowledges a batch only once it is kept in the inbox, and empties the inbox as updates are handled', async () => {
    const { telegram, service, inbox } = await setUp();
    const keptWhenAcknowledged: number[][] = [];
    telegram.onAcknowledged(() => keptWhenAcknowledged.push([...inbox.kept.keys(), ...inbox.handledIds]));
    const first = telegram.chat(7003).sendText('one');
    const second = telegram.chat(7003).sendText('two');
    service.start();
    await expect.poll(() => echoed(telegram, 7003), { timeout: 10_000 }).toEqual(['got one', 'got two']);
    await expect.poll(() => keptWhenAcknowledged.length).toBeGreaterThan(0);
    expect(keptWhenAcknowledged[0]).toEqual(expect.arrayContaining([first.update_id, second.update_id]));
    await expect.poll(() => inbox.kept.size).toBe(0);
  });

  it('handles updates kept in the inbox before a restart first, in order, once', async () => {
    const { telegram, service, inbox } = await setUp();
    const earlier = telegram.chat(7004).sendText('kept one');
    const later = telegram.chat(7004).sendText('kept two');
    // A previous run kept them and acknowledged them, then died before handling them.
    await inbox.keep([earlier, later]);
    await fetch(`${telegram.apiRoot}/bot${TEST_TOKEN}/getUpdates`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ offset: later.update_id + 1 }) });
    expect(telegram.pending()).toEqual([]);
    telegram.chat(7004).sendText('new');
    service.start();
    await expect.poll(() => echoed(telegram, 7004), { timeout: 10_000 }).toEqual(['got kept one', 'got kept two', 'got new']);
  });

  it('takes no more updates than it can hold while those in hand wait, and leaves the rest with Telegram until there is room', async () => {
    let started = 0;
    let open = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { telegram, service, inbox } = await setUp(async () => {
      started++;
      await gate;
    });
    const people = MAX_UPDATES_IN_HAND + 150;
    for (let p = 0; p < people; p++) telegram.chat(20_000 + p).sendText(`surge ${p}`);
    service.start();
    await expect.poll(() => started, { timeout: 10_000 }).toBe(MAX_UPDATES_IN_HAND);
    await new Promise((done) => setTimeout(done, 1500));
    expect(started).toBe(MAX_UPDATES_IN_HAND);
    expect(inbox.kept.size).toBe(MAX_UPDATES_IN_HAND);
    expect(telegram.pending().length).toBeGreaterThanOrEqual(people - MAX_UPDATES_IN_HAND);
    open();
    await expect.poll(() => Array.from({ length: people }, (_, p) => echoed(telegram, 20_000 + p).length).filter((n) => n === 1).length, { timeout: 30_000 }).toBe(people);
    await expect.poll(() => inbox.kept.size).toBe(0);
    expect(Array.from({ length: people }, (_, p) => echoed(telegram, 20_000 + p))).toEqual(Array.from({ length: people }, (_, p) => [`got surge ${p}`]));
  });
});
