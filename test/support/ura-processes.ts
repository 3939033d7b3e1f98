import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_SECRETS } from './config.js';
import { spawnUra, TEST_ADMIN_TOKEN, TEST_TOKEN } from './emulator.js';

const WEBHOOK_SECRET = 'several-processes-secret-01';
const STARTUP_MS = 60_000;
const STOP_MS = 15_000;

/** One `ura start` of several sharing a database and a public address. */
export interface UraProcess {
  readonly name: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Every line it printed. */
  readonly output: string[];
  readonly exited: Promise<unknown>;
  /** SIGTERM, then SIGKILL if it has not exited in time; removes its directory. */
  stop(): Promise<void>;
}

export interface SharedSetup {
  /** The one database (a PostgreSQL schema) every process uses. */
  databaseUrl: string;
  /** What Telegram posts updates to: the reverse proxy in front of the processes. */
  publicUrl: string;
  /** The Bot API; each process gets `<apiRoot>/<name>` so that its calls can be told apart. */
  apiRoot: string;
}

/**
 * Starts `ura start` in webhook mode as one of several processes behind one address:
 * its own port and working directory, everything else shared, the secrets above all
 * (one process reads the sealed chat addresses and hashed ids the other wrote).
 * Resolves once its bot runs.
 */
export async function startUraProcess(name: string, port: number, shared: SharedSetup): Promise<UraProcess> {
  const dir = mkdtempSync(join(tmpdir(), `ura-procs-${name}-`));
  const { child, output, exited } = spawnUra(['start'], dir, {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    DATABASE_URL: shared.databaseUrl,
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_API_ROOT: `${shared.apiRoot}/${name}`,
    BOT_MODE: 'webhook',
    PUBLIC_URL: shared.publicUrl,
    WEBHOOK_SECRET,
    DATA_KEY: TEST_SECRETS.DATA_KEY,
    ID_PEPPER: TEST_SECRETS.ID_PEPPER,
  });
  let stopping: Promise<void> | undefined;
  const ura: UraProcess = {
    name,
    port,
    child,
    output: output.all,
    exited,
    stop: () =>
      (stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_MS);
          await exited.finally(() => clearTimeout(timer));
        }
        rmSync(dir, { recursive: true, force: true });
      })()),
  };
  try {
    await untilRunning(ura);
  } catch (error) {
    await ura.stop();
    throw error;
  }
  return ura;
}

async function untilRunning(ura: UraProcess): Promise<void> {
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    const health = await fetch(`http://127.0.0.1:${ura.port}/healthz`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } }).then(
      (res) => res.json() as Promise<{ bot?: { state: string } }>,
      () => undefined,
    );
    if (health?.bot?.state === 'running') return;
    if (Date.now() > deadline || ura.child.exitCode !== null) throw new Error(`Ura ${ura.name} did not start:\n${ura.output.join('\n')}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}
