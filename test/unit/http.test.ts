import type { AddressInfo } from 'node:net';
import type { Update } from 'grammy/types';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';
import type { DatabaseHealth } from '../../src/storage/database-health.js';
import { createApp } from '../../src/transport/http/app.js';
import { telegramWebhook, WEBHOOK_PATH } from '../../src/transport/http/telegram-webhook.js';
import { disabledBot, type BotService } from '../../src/transport/telegram/bot-service.js';
import { fakeClock } from '../support/clock.js';
import { command } from '../support/updates.js';

const SECRET = 'webhook-secret-0123456789';
const ADMIN_TOKEN = 'admin-token-0123456789abcdef';
const asAdmin = { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } };
const servers: { close(): void }[] = [];
afterEach(() => servers.splice(0).forEach((server) => server.close()));

function serve(options: { database?: DatabaseHealth; accepting?: boolean; handling?: Promise<void>; outcome?: 'handled' | 'again'; oldestUndelivered?: Date; adminToken?: null } = {}) {
  const dispatched: Update[] = [];
  const bot: BotService = {
    ...disabledBot,
    accepting: () => options.accepting ?? true,
    dispatch: async (update) => {
      dispatched.push(update);
      await options.handling;
      return options.outcome ?? 'handled';
    },
  };
  const logger = createLogger('silent');
  const database = options.database ?? { provider: 'sqlite', reachable: true, pendingMigrations: [] };
  const app = createApp({
    logger,
    health: {
      database: async () => database,
      bot: () => bot.status(),
      oldestUndelivered: async () => options.oldestUndelivered,
      clock: fakeClock(),
      startedAt: new Date('2026-03-01T08:59:00Z'),
      version: '0.0.0',
      adminToken: options.adminToken === null ? undefined : ADMIN_TOKEN,
    },
    telegramWebhook: telegramWebhook({ secret: SECRET, bot, logger }),
  });
  const server = app.listen(0, '127.0.0.1');
  servers.push(server);
  const base = new Promise<string>((resolve) => server.on('listening', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
  const post = async (body: string, secret?: string) =>
    fetch(`${await base}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body,
    });
  return { base, post, dispatched };
}

describe('Telegram webhook route', () => {
  it('refuses a wrong or missing secret with 401 and processes nothing', async () => {
    const { post, dispatched } = serve();
    expect((await post(JSON.stringify(command('start')), 'wrong-secret-000000000')).status).toBe(401);
    expect((await post(JSON.stringify(command('start')))).status).toBe(401);
    expect(dispatched).toEqual([]);
  });

  it('checks the secret before it reads the body: a wrong secret with a huge or malformed body is refused 401', async () => {
    const { post, dispatched } = serve();
    const huge = JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(5 * 1024 * 1024) } });
    expect((await post(huge, 'wrong-secret-000000000')).status).toBe(401);
    expect((await post('{"update_id": 1, "message": {', 'wrong-secret-000000000')).status).toBe(401);
    expect((await post(huge)).status).toBe(401);
    expect(dispatched).toEqual([]);
  });

  it('refuses an update body over the limit with 413, even with the right secret', async () => {
    const { post, dispatched } = serve();
    const response = await post(JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(300 * 1024) } }), SECRET);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'too_large' });
    expect(dispatched).toEqual([]);
  });

  it('answers 503 for an update that failed because the database is away, so Telegram delivers it again', async () => {
    const { post, dispatched } = serve({ outcome: 'again' });
    const response = await post(JSON.stringify(command('start')), SECRET);
    expect(response.status).toBe(503);
    expect(dispatched).toHaveLength(1);
  });

  it('answers malformed JSON and non-updates with 400 and keeps serving', async () => {
    const { post, base, dispatched } = serve();
    const broken = await post('{"update_id": 1, "message": {', SECRET);
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ code: 'bad_request' });
    expect((await post(JSON.stringify({ hello: 'world' }), SECRET)).status).toBe(400);
    expect((await fetch(`${await base}/healthz`)).status).toBe(200);
    expect(dispatched).toEqual([]);
  });

  it('acknowledges an update only once it was handled, so that Telegram sends it again after a crash', async () => {
    let finish = () => undefined as void;
    const { post } = serve({ handling: new Promise<void>((done) => (finish = done)) });
    let answered = false;
    const response = post(JSON.stringify(command('start')), SECRET).then((result) => ((answered = true), result));
    await new Promise((done) => setTimeout(done, 200));
    expect(answered).toBe(false);
    finish();
    expect((await response).status).toBe(200);
  });

  it('acknowledges a valid update and hands it to the bot', async () => {
    const { post, dispatched } = serve();
    const update = command('start');
    const response = await post(JSON.stringify(update), SECRET);
    expect(response.status).toBe(200);
    expect(dispatched).toEqual([update]);
  });

  it('asks Telegram to retry while the bot is not ready', async () => {
    const { post, dispatched } = serve({ accepting: false });
    expect((await post(JSON.stringify(command('start')), SECRET)).status).toBe(503);
    expect(dispatched).toEqual([]);
  });
});

describe('health routes', () => {
  it('show only the status to a caller without the admin token', async () => {
    const { base } = serve({ database: { provider: 'postgresql', reachable: false, pendingMigrations: [], error: 'connect ECONNREFUSED 10.0.0.5:5432' } });
    const response = await fetch(`${await base}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'degraded' });
  });

  it('refuse a wrong admin token and show no details', async () => {
    const { base } = serve();
    for (const authorization of ['Bearer wrong-token-0123456789abcdef', `Basic ${ADMIN_TOKEN}`, `Bearer ${ADMIN_TOKEN}x`, 'Bearer ']) {
      const response = await fetch(`${await base}/healthz`, { headers: { authorization } });
      expect(response.status, authorization).toBe(401);
      expect(JSON.stringify(await response.json())).not.toContain('database');
    }
  });

  it('show no details when no admin token is configured, whatever the caller sends', async () => {
    const { base } = serve({ adminToken: null });
    const response = await fetch(`${await base}/healthz`, asAdmin);
    expect(response.status).toBe(401);
    expect(await (await fetch(`${await base}/healthz`)).json()).toEqual({ status: 'ok' });
  });

  it('report process, database and bot state to a caller with the admin token', async () => {
    const { base } = serve();
    const body = await (await fetch(`${await base}/healthz`, asAdmin)).json();
    expect(body).toMatchObject({ status: 'ok', uptimeSeconds: 60, database: { reachable: true }, bot: { state: 'disabled' } });
  });

  it('are not ready while the database is unreachable or migrations are pending', async () => {
    const down = serve({ database: { provider: 'postgresql', reachable: false, pendingMigrations: [], error: 'connect ECONNREFUSED' } });
    const response = await fetch(`${await down.base}/readyz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ reason: 'database unreachable' });
    expect(await (await fetch(`${await down.base}/healthz`)).json()).toEqual({ status: 'degraded' });
    const pending = serve({ database: { provider: 'sqlite', reachable: true, pendingMigrations: ['0002_cases'] } });
    expect(await (await fetch(`${await pending.base}/readyz`)).json()).toMatchObject({ ready: false, pending: ['0002_cases'] });
    expect((await fetch(`${await serve().base}/readyz`)).status).toBe(200);
  });

  it('report deliveries stuck for more than five minutes as degraded', async () => {
    const health = async (oldestUndelivered?: Date) => (await fetch(`${await serve(oldestUndelivered ? { oldestUndelivered } : {}).base}/healthz`, asAdmin)).json();
    expect(await health()).toMatchObject({ status: 'ok', outbox: { oldestUndeliveredSeconds: 0, stuck: false } });
    expect(await health(new Date('2026-03-01T08:56:00Z'))).toMatchObject({ status: 'ok', outbox: { oldestUndeliveredSeconds: 240, stuck: false } });
    expect(await health(new Date('2026-03-01T08:54:00Z'))).toMatchObject({ status: 'degraded', outbox: { oldestUndeliveredSeconds: 360, stuck: true } });
  });

  it('answer unknown paths with a JSON 404', async () => {
    const { base } = serve();
    const response = await fetch(`${await base}/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ code: 'not_found' });
  });
});

describe('security headers', () => {
  const expectSecurityHeaders = (response: Response) => {
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('strict-transport-security')).toContain('max-age=');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-powered-by')).toBeNull();
  };

  it('are set on a 404', async () => {
    const { base } = serve();
    const response = await fetch(`${await base}/nope`);
    expect(response.status).toBe(404);
    expectSecurityHeaders(response);
  });

  it('are set on /healthz and /readyz', async () => {
    const { base } = serve();
    expectSecurityHeaders(await fetch(`${await base}/healthz`));
    expectSecurityHeaders(await fetch(`${await base}/healthz`, asAdmin));
    expectSecurityHeaders(await fetch(`${await base}/readyz`));
  });

  it('are set on the webhook route, refused or accepted', async () => {
    const { post } = serve();
    expectSecurityHeaders(await post(JSON.stringify(command('start')), 'wrong-secret-000000000'));
    expectSecurityHeaders(await post(JSON.stringify(command('start')), SECRET));
    expectSecurityHeaders(await post('{"update_id": 1, "message": {', SECRET));
  });
});
