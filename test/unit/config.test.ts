import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeConfig, loadConfig } from '../../src/config.js';
import { TEST_SECRETS } from '../support/config.js';

const load = (env: Record<string, string | undefined>) => loadConfig({ ...TEST_SECRETS, ...env }, '/srv/ura');

describe('loadConfig', () => {
  it('runs on SQLite in data/ura.db with nothing but the secrets set', () => {
    const result = load({});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.database.target).toEqual({ provider: 'sqlite', file: resolve('/srv/ura', 'data/ura.db') });
    expect(result.config.http).toEqual({ host: '127.0.0.1', port: 3000 });
    expect(result.config.telegram).toMatchObject({ token: undefined, mode: 'polling', apiRoot: 'https://api.telegram.org' });
    expect(result.config.timezone).toBe('Europe/Tirane');
    expect(result.config.secrets.dataKey).toHaveLength(32);
  });

  it('keeps the embedded database in DATA_DIR when one is given', () => {
    const result = load({ DATA_DIR: '/var/lib/ura' });
    expect(result.ok && result.config.database).toEqual({ url: 'file:/var/lib/ura/ura.db', target: { provider: 'sqlite', file: '/var/lib/ura/ura.db' } });
  });

  it('selects PostgreSQL for a postgresql:// URL and takes the schema out of it', () => {
    const result = load({ DATABASE_URL: 'postgresql://ura:pw@db:5432/ura?schema=tenant_a&sslmode=disable' });
    expect(result.ok && result.config.database.target).toEqual({
      provider: 'postgresql',
      connectionString: 'postgresql://ura:pw@db:5432/ura?sslmode=disable',
      schema: 'tenant_a',
    });
  });

  it('names the variable, the problem and what is expected for a bad DATABASE_URL', () => {
    const result = load({ DATABASE_URL: 'mysql://root@localhost/ura' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatch(/^DATABASE_URL uses "mysql:".*expected file:<path>/);
  });

  it('reports every problem at once, one line each', () => {
    const result = load({ PORT: 'eighty', LOG_LEVEL: 'loud', BOT_MODE: 'webhook', APP_TIMEZONE: 'Mars/Olympus' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const variables = result.problems.map((line) => line.split(/[ (]/)[0]);
    expect(variables).toEqual(expect.arrayContaining(['PORT', 'LOG_LEVEL', 'APP_TIMEZONE', 'TELEGRAM_BOT_TOKEN', 'PUBLIC_URL', 'WEBHOOK_SECRET']));
    expect(result.problems.every((line) => line.includes('expected'))).toBe(true);
  });

  it('requires DATA_KEY and ID_PEPPER in production', () => {
    const result = loadConfig({ NODE_ENV: 'production' }, '/srv/ura');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toMatch(/DATA_KEY is required when NODE_ENV=production/);
    expect(result.problems.join('\n')).toMatch(/ID_PEPPER is required when NODE_ENV=production/);
  });

  it('never echoes a secret value in a problem line', () => {
    const result = load({ ADMIN_TOKEN: 'hunter2', DATA_KEY: 'not-a-key-at-all', TELEGRAM_BOT_TOKEN: 'leaky' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const text = result.problems.join('\n');
    for (const secret of ['hunter2', 'not-a-key-at-all', 'leaky']) expect(text).not.toContain(secret);
  });

  it('treats empty values as unset, as deployment files often leave them', () => {
    const result = load({ TELEGRAM_BOT_TOKEN: '', PORT: '', DATABASE_URL: '' });
    expect(result.ok && result.config.telegram.token).toBeUndefined();
    expect(result.ok && result.config.http.port).toBe(3000);
  });

  it('refuses a plain-http webhook address in production, where Telegram needs https', () => {
    const webhook = { BOT_MODE: 'webhook', TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabc', WEBHOOK_SECRET: 'a-long-enough-secret', PUBLIC_URL: 'http://ura.example.org' };
    const result = load({ ...webhook, NODE_ENV: 'production' });
    expect(result.ok || result.problems).toEqual([expect.stringMatching(/^PUBLIC_URL must use https in production/)]);
    expect(load(webhook).ok).toBe(true);
  });

  it('accepts a webhook set-up and a hex DATA_KEY', () => {
    const result = load({
      BOT_MODE: 'webhook',
      TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabc',
      PUBLIC_URL: 'https://ura.example.org/',
      WEBHOOK_SECRET: 'a-long-enough-secret',
      DATA_KEY: 'ab'.repeat(32),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.telegram.mode === 'webhook' && result.config.telegram.publicUrl).toBe('https://ura.example.org');
    expect(result.config.secrets.dataKey).toEqual(Buffer.alloc(32, 0xab));
  });
});

describe('the Telegram settings', () => {
  const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabc';

  it('are off without a token, whatever else is set for the webhook', () => {
    const result = load({ PUBLIC_URL: 'https://ura.example.org', WEBHOOK_SECRET: 'a-long-enough-secret' });
    expect(result.ok && result.config.telegram).toEqual({ token: undefined, mode: 'polling', apiRoot: 'https://api.telegram.org' });
  });

  it('poll with a token, and carry no webhook address or secret then', () => {
    const result = load({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: 'http://127.0.0.1:8081/', PUBLIC_URL: 'https://ura.example.org', WEBHOOK_SECRET: 'a-long-enough-secret' });
    expect(result.ok && result.config.telegram).toEqual({ token: TOKEN, mode: 'polling', apiRoot: 'http://127.0.0.1:8081' });
  });

  it('name the webhook address and secret in webhook mode', () => {
    const result = load({ BOT_MODE: 'webhook', TELEGRAM_BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://ura.example.org//', WEBHOOK_SECRET: 'a-long-enough-secret' });
    expect(result.ok && result.config.telegram).toEqual({
      token: TOKEN,
      mode: 'webhook',
      apiRoot: 'https://api.telegram.org',
      publicUrl: 'https://ura.example.org',
      webhookSecret: 'a-long-enough-secret',
    });
  });

  it('are shown without the token or the secret, and say when the webhook settings are not used', () => {
    const webhook = load({ BOT_MODE: 'webhook', TELEGRAM_BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://ura.example.org', WEBHOOK_SECRET: 'a-long-enough-secret' });
    const polling = load({ TELEGRAM_BOT_TOKEN: TOKEN, PUBLIC_URL: 'https://ura.example.org' });
    if (!webhook.ok || !polling.ok) throw new Error('both are valid');
    expect(describeConfig(webhook.config).telegram).toEqual({
      enabled: true,
      token: 'set',
      apiRoot: 'https://api.telegram.org',
      mode: 'webhook',
      publicUrl: 'https://ura.example.org',
      webhookSecret: 'set',
    });
    expect(describeConfig(polling.config).telegram).toMatchObject({ mode: 'polling', publicUrl: 'not used (polling)', webhookSecret: 'not used (polling)' });
  });
});

describe('describeConfig', () => {
  it('shows the effective configuration without any secret', () => {
    const result = load({ DATABASE_URL: 'postgresql://ura:s3cret@db/ura', TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabc', ADMIN_TOKEN: 'x'.repeat(30) });
    if (!result.ok) throw new Error(result.problems.join());
    const text = JSON.stringify(describeConfig(result.config));
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('ABCDEFGHIJ');
    expect(text).not.toContain(TEST_SECRETS.ID_PEPPER);
    expect(text).not.toContain('x'.repeat(30));
    expect(describeConfig(result.config)).toMatchObject({ database: { provider: 'postgresql' }, telegram: { enabled: true, token: 'set' } });
  });
});
