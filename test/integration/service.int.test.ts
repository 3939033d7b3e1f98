import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startUra, StartupError, type RunningUra } from '../../src/main.js';
import { createLogger } from '../../src/shared/logger.js';
import { packageRoot } from '../../src/shared/paths.js';
import { testConfig } from '../support/config.js';
import { POSTGRES_SKIP_REASON, postgresDatabase, postgresUrl } from '../support/database.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const silent = createLogger('silent');
const running: RunningUra[] = [];
const proxies: TcpProxy[] = [];
afterEach(async () => {
  for (const ura of running.splice(0)) await ura.stop();
  for (const proxy of proxies.splice(0)) await proxy.close();
});

const readyStatus = async (ura: RunningUra) => (await fetch(`${ura.url}/readyz`)).status;

describe('Ura as a service', () => {
  it('starts on a fresh SQLite file, is ready, and stops cleanly', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ura-svc-'));
    const ura = await startUra(testConfig({ DATABASE_URL: `file:${join(dir, 'ura.db')}` }), silent);
    expect(await readyStatus(ura)).toBe(200);
    await ura.stop();
    await expect(fetch(`${ura.url}/healthz`)).rejects.toThrow();
  });

  it('refuses to start when a flow is invalid, listing every problem with file and path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ura-flows-'));
    const start = startUra(testConfig({ DATABASE_URL: `file:${join(dir, 'ura.db')}` }), silent, { flowsDir: join(packageRoot, 'test/fixtures/flows-invalid') });
    await expect(start).rejects.toBeInstanceOf(StartupError);
    const message = await start.catch((error: Error) => error.message);
    expect(message).toMatch(/^\d+ problem\(s\) in the flows:/);
    expect(message).toContain('test/fixtures/flows-invalid/cases/unreachable.yaml at steps[1]: step "orphan" cannot be reached');
    expect(message).toContain('test/fixtures/flows-invalid/cases/missing-key.yaml at steps[0].text');
    expect(existsSync(join(dir, 'ura.db'))).toBe(false);
  });

  it('refuses to start, with a clear reason, when the database is locked by another process', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ura-lock-'));
    const file = join(dir, 'ura.db');
    const holder = new Sqlite(file);
    holder.pragma('journal_mode = WAL');
    holder.exec('BEGIN IMMEDIATE');
    try {
      const start = startUra(testConfig({ DATABASE_URL: `file:${file}` }), silent);
      await expect(start).rejects.toBeInstanceOf(StartupError);
      await expect(start).rejects.toThrow(/cannot apply migrations .*database is locked/);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
  });

  it('refuses to start when PostgreSQL cannot be reached, naming where it looked', async () => {
    const start = startUra(testConfig({ DATABASE_URL: 'postgresql://ura:secret-pw@127.0.0.1:1/ura' }), silent);
    await expect(start).rejects.toThrow(/cannot reach the database at postgresql:\/\/ura:\*\*\*@127\.0\.0\.1:1\/ura/);
  });

  it.skipIf(!postgresUrl)('is not ready while PostgreSQL is away and recovers by itself when it returns', async () => {
    if (!postgresUrl) return console.warn(POSTGRES_SKIP_REASON);
    const schemaDb = await postgresDatabase();
    const upstream = new URL(postgresUrl);
    const proxy = await startTcpProxy(upstream.hostname, Number(upstream.port || 5432));
    proxies.push(proxy);
    const viaProxy = new URL(schemaDb.url);
    viaProxy.port = String(proxy.port);
    try {
      const ura = await startUra(testConfig({ DATABASE_URL: viaProxy.toString() }), silent);
      running.push(ura);
      expect(await readyStatus(ura)).toBe(200);
      await proxy.cut();
      await expect.poll(() => readyStatus(ura), { timeout: 10_000 }).toBe(503);
      expect((await fetch(`${ura.url}/healthz`)).status).toBe(200);
      await proxy.restore();
      await expect.poll(() => readyStatus(ura), { timeout: 15_000, interval: 250 }).toBe(200);
    } finally {
      for (const ura of running.splice(0)) await ura.stop();
      await schemaDb.dispose();
    }
  });
});
