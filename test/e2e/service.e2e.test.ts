import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEBHOOK_PATH } from '../../src/transport/http/telegram-webhook.js';
import { freePort, printOutputOnFailure, runUra, startHarness, TEST_TOKEN, type Harness } from '../support/emulator.js';
import { command } from '../support/updates.js';

const STACK_FRAME = /^\s+at /m;
const en = JSON.parse(readFileSync(resolve(import.meta.dirname, '../../locales/en/helpline.json'), 'utf8')) as { language: { prompt: string } };

describe('`ura start` on a machine where nothing is configured', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ telegram: false, bareEnv: true });
  }, 45_000);
  afterAll(() => harness?.stop(), 30_000);
  printOutputOnFailure(() => harness);

  it('serves /healthz, ok (the database answers, nothing is pending), and without ADMIN_TOKEN shows nothing more', async () => {
    const response = await fetch(`${harness.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${harness.url}/healthz`, { headers: { authorization: 'Bearer some-guess-0123456789abcdef' } })).status).toBe(401);
  });

  it('is ready: /readyz answers 200', async () => {
    const response = await fetch(`${harness.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ready: true });
  });

  it('creates its SQLite database and a secrets file only its owner can read, under data/', () => {
    expect(existsSync(join(harness.dir, 'data', 'ura.db'))).toBe(true);
    const secrets = join(harness.dir, 'data', 'secrets.json');
    expect(statSync(secrets).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(readFileSync(secrets, 'utf8'))).sort()).toEqual(['DATA_KEY', 'ID_PEPPER']);
  });

  it('tells the operator how to switch Telegram on', () => {
    expect(harness.logs().some((line) => String(line.msg).includes('set TELEGRAM_BOT_TOKEN'))).toBe(true);
  });

  it('stops on SIGTERM with exit code 0', async () => {
    expect(await harness.stopUra()).toEqual({ code: 0, signal: null });
    expect(harness.logs().map((line) => line.msg)).toContain('Ura stopped');
  });
});

describe('configuration mistakes, as the operator sees them', () => {
  it('`ura config check` with a MySQL DATABASE_URL exits 2 and names the variable, without a stack trace', async () => {
    const result = await runUra(['config', 'check'], { DATABASE_URL: 'mysql://x' });
    expect(result.code).toBe(2);
    expect(result.stderr.join('\n')).toMatch(/^\s*DATABASE_URL .*mysql/m);
    expect(result.stderr.join('\n')).not.toMatch(STACK_FRAME);
  });

  it('`ura start` with an unreachable PostgreSQL exits non-zero with one clear line and no stack trace', async () => {
    const port = String(await freePort());
    const result = await runUra(['start'], { PORT: port, HOST: '127.0.0.1', DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/x' });
    expect(result.code).not.toBe(0);
    expect(result.code).not.toBeNull();
    const problems = result.stderr.filter((line) => line.trim() !== '');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/could not start.*127\.0\.0\.1:1/);
    expect([...result.stdout, ...result.stderr].join('\n')).not.toMatch(STACK_FRAME);
  });
});

describe('`ura start` in webhook mode', () => {
  const SECRET = 'e2e-webhook-secret-0123456789';
  let harness: Harness;
  let publicUrl: string;
  const post = (body: string, secret?: string) =>
    fetch(`${harness.url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body,
      signal: AbortSignal.timeout(5000),
    });
  // Private chats have the user's id; these never write through the emulator, whose webhook calls carry no secret.
  const REFUSED_CHAT = 6_120_447_301;
  const ACCEPTED_CHAT = 6_120_447_419;

  beforeAll(async () => {
    const port = String(await freePort());
    publicUrl = `http://127.0.0.1:${port}`;
    harness = await startHarness({ env: { PORT: port, BOT_MODE: 'webhook', PUBLIC_URL: publicUrl, WEBHOOK_SECRET: SECRET } });
  }, 45_000);
  afterAll(() => harness?.stop(), 30_000);
  printOutputOnFailure(() => harness);

  it('registers its webhook address and secret with Telegram', async () => {
    expect((await harness.health()).bot).toMatchObject({ state: 'running', mode: 'webhook' });
    const webhooks = (harness.emulator!.server as unknown as { webhooks: Record<string, Record<string, unknown>> }).webhooks;
    expect(webhooks[TEST_TOKEN]).toMatchObject({ url: `${publicUrl}${WEBHOOK_PATH}`, secret_token: SECRET });
  });

  it('refuses an update with a wrong or missing secret with 401', async () => {
    const update = JSON.stringify(command('start', '', { userId: REFUSED_CHAT, languageCode: 'en' }));
    expect((await post(update, 'not-the-secret-0123456789')).status).toBe(401);
    expect((await post(update)).status).toBe(401);
  });

  it('answers malformed JSON with 400 and keeps serving', async () => {
    const response = await post('{"update_id": 1, "message": ', SECRET);
    expect(response.status).toBe(400);
    expect((await harness.health()).bot.state).toBe('running');
  });

  it('acknowledges a valid /start with 200 and the first screen reaches that chat', async () => {
    const response = await post(JSON.stringify(command('start', '', { userId: ACCEPTED_CHAT, languageCode: 'en' })), SECRET);
    expect(response.status).toBe(200);
    const sent = await harness.emulator!.waitForSent(ACCEPTED_CHAT, 1);
    expect(sent.map((reply) => reply.text)).toEqual([en.language.prompt]);
    expect(sent[0]?.payload).toMatchObject({ protect_content: true });
  });

  // Looks back at the whole run, so it comes last.
  it('stops on SIGTERM with exit code 0, having answered only the update it accepted', async () => {
    expect(await harness.stopUra()).toEqual({ code: 0, signal: null });
    const sent = harness.emulator!.server.storage.botMessages.map((stored) => Number(stored.message.chat_id));
    expect(sent).toEqual([ACCEPTED_CHAT]);
  });
});
