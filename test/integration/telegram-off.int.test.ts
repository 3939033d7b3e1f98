import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startUra, type RunningUra } from '../../src/main.js';
import { createLogger } from '../../src/shared/logger.js';
import { openDatabase } from '../../src/storage/database.js';
import { TEST_BOT_INFO } from '../support/bot-api.js';
import { testConfig } from '../support/config.js';
import { TEST_TOKEN } from '../support/emulator.js';
import { startFakeTelegram } from '../support/fake-telegram.js';

const silent = createLogger('silent');
const OPERATOR = 7_702_000_901;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
}, 60_000);

async function start(env: Record<string, string>, options: { botInfo?: typeof TEST_BOT_INFO } = {}): Promise<RunningUra> {
  const ura = await startUra(testConfig(env), silent, { shutdownGraceMs: 2000, ...options });
  cleanups.push(() => ura.stop());
  return ura;
}

/** What a run with Telegram on left behind: an operator on call around the clock who has not been told yet, and a case nobody was paged for. */
async function seed(url: string): Promise<void> {
  const db = openDatabase(testConfig({ DATABASE_URL: url }).database.target, silent);
  try {
    await db.migrator.up();
    const prisma = db.prisma;
    await prisma.operator.create({
      data: { id: 'op-1', telegramId: String(OPERATOR), pseudonym: 'Arta', role: 'operator', languages: '["sq","en"]', skills: '[]', createdAt: new Date(), presence: null },
    });
    await prisma.shift.createMany({ data: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ id: `s-${weekday}`, operatorId: 'op-1', weekday, start: '00:00', end: '24:00' })) });
    await prisma.helpCase.create({
      data: { id: 'k-1', code: 'TO-OFF', contactId: 'c-1', trigger: 'request', level: 'HIGH', summary: '{"answers":{}}', language: 'sq', status: 'pending', createdAt: new Date() },
    });
  } finally {
    await db.close();
  }
}

describe('Ura without a bot token', () => {
  it('runs the duty tick: the shift is announced and the waiting case paged, and the messages wait in the outbox until Telegram is on', async () => {
    const url = `file:${join(mkdtempSync(join(tmpdir(), 'ura-off-')), 'ura.db')}`;
    await seed(url);

    const off = await start({ DATABASE_URL: url });
    expect(off.bot.status().state).toBe('disabled');
    const prisma = off.database.prisma;
    await expect.poll(async () => (await prisma.helpCase.findUniqueOrThrow({ where: { id: 'k-1' } })).pagedAt, { timeout: 10_000 }).not.toBeNull();
    await expect.poll(async () => (await prisma.operator.findUniqueOrThrow({ where: { id: 'op-1' } })).onShift, { timeout: 10_000 }).toBe(true);
    await off.stop();
    // Nothing tried to send them: no attempt spent, no lease taken, nothing given up.
    const queued = await (await reopen(url)).outbox();
    expect(queued.length).toBeGreaterThanOrEqual(2);
    expect(queued.map((row) => ({ status: row.status, attempts: row.attempts, leaseUntil: row.leaseUntil }))).toEqual(queued.map(() => ({ status: 'pending', attempts: 0, leaseUntil: null })));
    expect(queued.map((row) => row.purpose)).toContain('card');

    // The same data with Telegram on: what waited goes out at the first tick.
    const telegram = await startFakeTelegram();
    cleanups.push(telegram.close);
    const on = await start({ DATABASE_URL: url, TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_API_ROOT: telegram.apiRoot }, { botInfo: TEST_BOT_INFO });
    await expect.poll(() => telegram.textsTo(OPERATOR).some((text) => text.includes('TO-OFF')), { timeout: 10_000 }).toBe(true);
    await expect.poll(async () => (await on.database.prisma.outboxMessage.findMany()).map((row) => row.status), { timeout: 10_000 }).toEqual(queued.map(() => 'sent'));
  }, 60_000);
});

/** The database as another process sees it, once Ura has stopped. */
async function reopen(url: string) {
  const db = openDatabase(testConfig({ DATABASE_URL: url }).database.target, silent);
  cleanups.push(() => db.close());
  return { outbox: () => db.prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } }) };
}
