import Sqlite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startUra, type RunningUra } from '../../src/main.js';
import { createLogger } from '../../src/shared/logger.js';
import { TEST_BOT_INFO } from '../support/bot-api.js';
import { testConfig } from '../support/config.js';
import { postgresDatabase, postgresUrl, sqliteDatabase, type TestDatabase } from '../support/database.js';
import { freePort, TEST_TOKEN } from '../support/emulator.js';
import { startFakeTelegram, type FakeChat, type FakeTelegram } from '../support/fake-telegram.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

/**
 * How long the database is away. The issue measured 30 s; the default here is
 * shorter to keep the suite quick, and the behaviour is the same (every attempt
 * during the cut fails the same way): set OUTAGE_CUT_MS=30000 to run the full cut.
 */
const CUT_MS = Number(process.env.OUTAGE_CUT_MS ?? 8000);
const PERSON = 7_701_000_001;
const OPERATOR = 7_701_000_901;
const logger = createLogger(process.env.OUTAGE_LOG === '1' ? 'info' : 'silent');
const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** How a test takes the database away and gives it back. */
interface Outage {
  url: string;
  cut(): Promise<void>;
  restore(): Promise<void>;
  dispose(): Promise<void>;
}

/** PostgreSQL: the connection goes through a TCP proxy that the test cuts. */
async function postgresOutage(): Promise<Outage> {
  const schema = await postgresDatabase();
  const upstream = new URL(postgresUrl!);
  const proxy = await startTcpProxy(upstream.hostname, Number(upstream.port || 5432));
  const url = new URL(schema.url);
  url.port = String(proxy.port);
  return { url: url.toString(), cut: proxy.cut, restore: proxy.restore, dispose: async () => (await proxy.close(), await schema.dispose()) };
}

/**
 * SQLite is a file, so it cannot go away: another process holds its write lock
 * instead, and every write Ura tries fails with "database is locked" after the
 * busy timeout, as on a disk that stalls or a backup that holds the file.
 */
async function sqliteOutage(): Promise<Outage> {
  const test: TestDatabase = await sqliteDatabase();
  await test.db.close();
  const file = test.url.slice('file:'.length);
  let holder: Sqlite.Database | undefined;
  return {
    url: test.url,
    async cut() {
      holder = new Sqlite(file);
      holder.exec('BEGIN EXCLUSIVE');
    },
    async restore() {
      holder?.exec('ROLLBACK');
      holder?.close();
      holder = undefined;
    },
    dispose: async () => void (await test.dispose().catch(() => undefined)),
  };
}

const PROVIDERS = [
  { name: 'sqlite', open: sqliteOutage, skip: false },
  { name: 'postgresql', open: postgresOutage, skip: !postgresUrl },
];
const MODES = ['polling', 'webhook'] as const;

const cleanups: (() => Promise<void>)[] = [];
// Stopping Ura waits (bounded) for updates and deliveries in progress, then the schema is dropped: slow on a busy machine.
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
}, 120_000);

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 60_000, seen: () => unknown = () => undefined) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; so far: ${JSON.stringify(seen())}`);
    await sleep(100);
  }
}

async function startUraOn(url: string, telegram: FakeTelegram, mode: 'polling' | 'webhook'): Promise<RunningUra> {
  const port = await freePort();
  const config = testConfig({
    DATABASE_URL: url,
    PORT: String(port),
    HOST: '127.0.0.1',
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    BOT_MODE: mode,
    ...(mode === 'webhook' ? { PUBLIC_URL: `http://127.0.0.1:${port}`, WEBHOOK_SECRET: 'outage-test-secret-0001' } : {}),
  });
  const ura = await startUra(config, logger, { botInfo: TEST_BOT_INFO, shutdownGraceMs: 5000 });
  cleanups.push(() => ura.stop());
  await until('the bot to run', () => ura.bot.status().state === 'running');
  return ura;
}

/** A person reaches the menu, asks for someone, and the on-call operator takes the case. */
async function liveCase(ura: RunningUra, telegram: FakeTelegram): Promise<{ person: FakeChat; operator: FakeChat; code: string }> {
  const prisma = ura.database.prisma;
  await prisma.operator.create({
    data: { id: 'op-outage', telegramId: String(OPERATOR), pseudonym: 'Arta', role: 'operator', languages: '["sq"]', skills: '[]', createdAt: new Date(), presence: 'on' },
  });
  const person = telegram.chat(PERSON);
  const operator = telegram.chat(OPERATOR);
  person.sendCommand('start');
  for (const data of ['l|sq', 'o', 'y|safe', 'p']) person.press(data);
  let code = '';
  await until('the case card', async () => {
    const helpCase = await prisma.helpCase.findFirst();
    code = helpCase?.code ?? '';
    return code !== '' && telegram.calls.some((call) => String(call.payload.chat_id) === String(OPERATOR) && String(call.payload.text).includes(code));
  });
  operator.press(`h|take|${code}`);
  await until('the operator to join', () => telegram.textsTo(PERSON).some((text) => text.startsWith('Arta ')));
  return { person, operator, code };
}

describe.each(PROVIDERS)('a database outage on $name', ({ open, skip }) => {
  describe.each(MODES)('in %s mode', (mode) => {
    it.skipIf(skip)(
      `delivers every message written during a ${CUT_MS / 1000} s outage once, in order, both ways`,
      async () => {
        const outage = await open();
        cleanups.push(outage.dispose);
        const telegram = await startFakeTelegram({ webhookRetryMs: 500 });
        cleanups.push(telegram.close);
        const ura = await startUraOn(outage.url, telegram, mode);
        const { person, operator, code } = await liveCase(ura, telegram);

        const fromPerson = ['p1 më ndihmoni', 'p2 jam në Durrës', 'p3 më morën pasaportën', 'p4 a jeni aty?'];
        const fromOperator = ['o1 jam këtu', 'o2 a jeni në siguri?'];
        await outage.cut();
        const cutAt = Date.now();
        const gap = CUT_MS / (fromPerson.length + 1);
        for (const [index, text] of fromPerson.entries()) {
          person.sendText(text);
          if (fromOperator[index]) operator.sendText(fromOperator[index]);
          await sleep(gap);
        }
        await sleep(Math.max(0, CUT_MS - (Date.now() - cutAt)));
        const relayedToOperator = () => telegram.textsTo(OPERATOR).filter((text) => /\] p\d /.test(text));
        const relayedToPerson = () => telegram.textsTo(PERSON).filter((text) => /^Arta: o\d /.test(text));
        // The outage was real: nothing could be relayed while it lasted.
        expect([...relayedToOperator(), ...relayedToPerson()]).toEqual([]);
        await outage.restore();
        await until(
          'every message to arrive',
          () => relayedToOperator().length >= fromPerson.length && relayedToPerson().length >= fromOperator.length,
          90_000,
          () => [relayedToOperator(), relayedToPerson()],
        );
        // Anything late (a second delivery) would show up within a few more rounds.
        await sleep(3000);
        expect(relayedToOperator()).toEqual(fromPerson.map((text) => `[${code}] ${text}`));
        expect(relayedToPerson()).toEqual(fromOperator.map((text) => `Arta: ${text}`));
        // Nobody was told that something went wrong: the messages were only late.
        const apology = /Diçka nuk shkoi mirë/;
        expect(telegram.textsTo(PERSON).filter((text) => apology.test(text))).toEqual([]);
        if (mode === 'webhook') expect(telegram.refusedDeliveries.length).toBeGreaterThan(0);
        expect(telegram.pending()).toEqual([]);
      },
      CUT_MS + 180_000,
    );
  });
});
