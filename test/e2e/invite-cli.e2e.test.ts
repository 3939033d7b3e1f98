import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInvitations } from '../../src/staff/invitations.js';
import { createLogger } from '../../src/shared/logger.js';
import { packageRoot } from '../../src/shared/paths.js';
import { openDatabase } from '../../src/storage/database.js';
import { createInvitationRepository } from '../../src/storage/invitation-repository.js';
import { createOperatorRepository } from '../../src/storage/operator-repository.js';

const BOT_TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ_abc';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `ura operators ...` in its own directory. Asynchronous, so a fake Bot API in this process can answer it. */
function ura(cwd: string, args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(packageRoot, 'bin/ura.js'), 'operators', ...args], {
      cwd,
      env: { ...process.env, DATABASE_URL: '', TELEGRAM_BOT_TOKEN: '', TELEGRAM_API_ROOT: '', APP_TIMEZONE: 'Europe/Tirane', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Whether the token the command printed opens an invitation in the database it wrote to. */
async function inspectIn(dir: string, token: string) {
  const db = openDatabase({ provider: 'sqlite', file: join(dir, 'data', 'ura.db') }, createLogger('silent'));
  try {
    const operators = createOperatorRepository(db.prisma);
    return await createInvitations({ store: createInvitationRepository(db.prisma), operators, clock: { now: () => new Date() } }).inspect(token);
  } finally {
    await db.close();
  }
}

describe('ura operators invite', () => {
  let telegram: Server;
  let apiRoot = '';
  const asked: string[] = [];
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ura-invite-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    telegram = createServer((request, response) => {
      asked.push(request.url ?? '');
      const known = request.url === `/bot${BOT_TOKEN}/getMe`;
      response.writeHead(known ? 200 : 401, { 'content-type': 'application/json' });
      response.end(JSON.stringify(known ? { ok: true, result: { id: 42, is_bot: true, first_name: 'Ura', username: 'ura_helpline_bot' } } : { ok: false }));
    });
    await new Promise<void>((resolve) => telegram.listen(0, '127.0.0.1', resolve));
    apiRoot = `http://127.0.0.1:${(telegram.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => telegram.close(() => resolve()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('without a bot token prints the message to send the bot, and when the invitation expires', async () => {
    const dir = freshDir();
    const result = await ura(dir, ['invite', '--role', 'supervisor', '--languages', 'sq,en', '--name', 'Arta', '--skills', 'child', '--hours', '48']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/TELEGRAM_BOT_TOKEN is not set/);
    const token = /^ {2}\/start inv_([A-Za-z0-9_-]+)$/m.exec(result.stdout)?.[1] ?? '';
    expect(`inv_${token}`).toMatch(/^inv_[A-Za-z0-9_-]{22,60}$/);
    expect(result.stdout).toMatch(/It expires on .+ \(Europe\/Tirane\)\./);
    expect(await inspectIn(dir, token)).toMatchObject({ role: 'supervisor', pseudonym: 'Arta', languages: ['sq', 'en'], skills: ['child'] });
  });

  it('invites an event organiser, who takes no cases', async () => {
    const dir = freshDir();
    const result = await ura(dir, ['invite', '--role', 'organiser', '--languages', 'sq,en', '--name', 'Mira']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Invitation for organiser "Mira"/m);
    const token = /^ {2}\/start inv_([A-Za-z0-9_-]+)$/m.exec(result.stdout)?.[1] ?? '';
    expect(await inspectIn(dir, token)).toMatchObject({ role: 'organiser', pseudonym: 'Mira', languages: ['sq', 'en'] });
  });

  it('prints a t.me deep link when Telegram tells it the bot username', async () => {
    const dir = freshDir();
    const result = await ura(dir, ['invite', '--role', 'operator', '--languages', 'it'], { TELEGRAM_BOT_TOKEN: BOT_TOKEN, TELEGRAM_API_ROOT: apiRoot });
    expect(result.status).toBe(0);
    expect(asked).toContain(`/bot${BOT_TOKEN}/getMe`);
    const token = /^ {2}https:\/\/t\.me\/ura_helpline_bot\?start=inv_([A-Za-z0-9_-]+)$/m.exec(result.stdout)?.[1];
    expect(token).toBeDefined();
    expect(result.stdout + result.stderr).not.toContain(BOT_TOKEN);
    expect(await inspectIn(dir, token ?? '')).toMatchObject({ role: 'operator', languages: ['it'] });
  });

  it('falls back to the message to send the bot when Telegram refuses getMe', async () => {
    const dir = freshDir();
    const wrongToken = '654321:ZYXWVUTSRQPONMLKJIHGFEDCBA_xyz';
    const result = await ura(dir, ['invite', '--role', 'admin', '--languages', 'sq'], { TELEGRAM_BOT_TOKEN: wrongToken, TELEGRAM_API_ROOT: apiRoot });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/answered getMe with HTTP 401/);
    expect(result.stdout).toMatch(/^ {2}\/start inv_[A-Za-z0-9_-]{22,60}$/m);
    expect(result.stdout + result.stderr).not.toContain(wrongToken);
  });

  it('refuses wrong arguments with every reason and a usage line, creating no invitation', async () => {
    const dir = freshDir();
    const result = await ura(dir, ['invite', '--role', 'boss', '--languages', 'English', '--hours', '721']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--role must be one of operator, supervisor, admin/);
    expect(result.stderr).toMatch(/--languages must be two-letter codes/);
    expect(result.stderr).toMatch(/--hours must be a whole number of hours from 1 to 720/);
    expect(result.stderr).toMatch(/^usage: ura operators invite --role operator\|supervisor\|admin\|organiser --languages sq,en/m);
    expect(result.stdout).not.toMatch(/inv_/);
    expect(existsSync(join(dir, 'data', 'ura.db'))).toBe(false);

    const missing = await ura(dir, ['invite']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--role must be one of/);
    expect(missing.stderr).toMatch(/--languages must name at least one language/);
    expect(missing.stderr).toMatch(/^usage: ura operators invite/m);
  });
});
