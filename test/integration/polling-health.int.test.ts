import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startUra } from '../../src/main.js';
import { createLogger } from '../../src/shared/logger.js';
import { TEST_BOT_INFO } from '../support/bot-api.js';
import { testConfig } from '../support/config.js';
import { TEST_ADMIN_TOKEN, TEST_TOKEN } from '../support/emulator.js';
import { startFakeTelegram } from '../support/fake-telegram.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('Ura polling a Telegram that refuses it', () => {
  it('shows a 409 in /healthz while it keeps trying, and after a 401 stops the bot but keeps serving HTTP', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ura-409-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const telegram = await startFakeTelegram();
    cleanups.push(telegram.close);
    telegram.failGetUpdates(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
    const config = testConfig({ DATABASE_URL: `file:${join(dir, 'ura.db')}`, TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot, BOT_MODE: 'polling', ADMIN_TOKEN: TEST_ADMIN_TOKEN });
    const ura = await startUra(config, createLogger('silent'), { botInfo: TEST_BOT_INFO });
    cleanups.push(() => ura.stop());
    const health = async () => (await fetch(`${ura.url}/healthz`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } })).json() as Promise<{ bot: { state: string; detail?: string } }>;

    await expect.poll(async () => (await health()).bot, { timeout: 15_000 }).toMatchObject({ state: 'running', detail: expect.stringMatching(/409 Conflict/) });

    telegram.failGetUpdates(401, 'Unauthorized');
    await expect.poll(async () => (await health()).bot, { timeout: 70_000, interval: 500 }).toEqual({ state: 'failed', mode: 'polling', detail: 'Telegram rejected TELEGRAM_BOT_TOKEN' });
    expect((await fetch(`${ura.url}/readyz`)).status).toBe(200);
  }, 90_000);
});
