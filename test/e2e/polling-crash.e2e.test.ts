import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, TEST_ADMIN_TOKEN, TEST_TOKEN } from '../support/emulator.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';
import { localeText } from './helpline-support.js';

const URA_BIN = resolve(import.meta.dirname, '../../bin/ura.js');
const PERSON = 7_420_300_017;
const prompt = localeText('sq', 'helpline', 'language.prompt');

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** `ura start` in polling mode on `dir`, against the fake Telegram; resolves once it polls. */
async function startUra(dir: string, telegram: FakeTelegram): Promise<{ child: ChildProcess; output: string[]; exited: Promise<unknown> }> {
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
  };
  const child = spawn(process.execPath, [URA_BIN, 'start'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  child.stdout!.on('data', (chunk) => output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise((done) => child.once('exit', done));
  cleanups.push(async () => {
    child.kill('SIGKILL');
    await exited;
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } }).then(
      (res) => res.json() as Promise<{ bot: { state: string } }>,
      () => undefined,
    );
    if (health?.bot.state === 'running') return { child, output, exited };
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`Ura did not start:\n${output.join('')}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

async function waitFor<T>(read: () => T, accept: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

describe('Ura killed while polling, right after it fetched a person’s message', () => {
  for (const moment of ['acknowledged', 'served'] as const) {
    it(`handles the message after the restart (killed when the fetch was ${moment})`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ura-crash-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      const telegram = await startFakeTelegram();
      cleanups.push(telegram.close);
      const first = await startUra(dir, telegram);

      // SIGKILL at the very moment: when Telegram hands over the batch, or when the
      // next getUpdates acknowledges it (Telegram forgets it then).
      let killed = false;
      const kill = () => {
        if (killed) return;
        killed = true;
        first.child.kill('SIGKILL');
      };
      if (moment === 'served') telegram.onServed(kill);
      else telegram.onAcknowledged(kill);
      telegram.chat(PERSON).sendCommand('start');
      await first.exited;
      expect(killed).toBe(true);
      // Killed when Telegram handed the batch over, nothing was handled. Killed when the
      // next fetch acknowledged it, the reply may already be out: whether it reached the
      // person is unknown to the restarted Ura, which answers again rather than never.
      const before = telegram.textsTo(PERSON);
      if (moment === 'served') expect(before).toEqual([]);
      else expect(before.length).toBeLessThanOrEqual(1);

      await startUra(dir, telegram);
      await waitFor(
        () => telegram.textsTo(PERSON),
        (texts) => texts.length > 0,
        'the reply after the restart',
      );
      await new Promise((done) => setTimeout(done, 1500));
      expect(telegram.textsTo(PERSON)).toEqual([...before, prompt]);
      // Handled, so the inbox holds nothing; and the message was kept sealed, never in clear.
      const files = readdirSync(join(dir, 'data')).map((file) => readFileSync(join(dir, 'data', file)).toString('latin1'));
      for (const file of files) expect(file.includes(String(PERSON))).toBe(false);
    }, 90_000);
  }
});
