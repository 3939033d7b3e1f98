import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAreaFlows } from '../../src/flow-actions.js';
import { createI18n } from '../../src/i18n/index.js';
import { createIdentityProtector } from '../../src/shared/crypto.js';
import { TEST_SECRETS, testConfig } from '../support/config.js';
import { POSTGRES_SKIP_REASON, postgresDatabase, postgresUrl } from '../support/database.js';
import { freePort, TEST_ADMIN_TOKEN, TEST_TOKEN } from '../support/emulator.js';
import { startFakeTelegram, type FakeCall, type FakeTelegram } from '../support/fake-telegram.js';
import { startHttpProxy } from '../support/http-proxy.js';
import { buildScript, SELF_CHECK_FLOW, type Action, type Script } from '../support/self-check-script.js';

// Two `ura start` processes in webhook mode behind a round-robin reverse proxy, on one
// PostgreSQL schema, while people go through the helpline's self-check; one process is
// killed with SIGKILL while it sends a case card. What it had in hand (updates being
// handled, the card it was sending) must be finished by the other, once each: every
// person ends with one conversation and one pending case, no update is handled twice,
// every card reaches the operator once, and the card the dead process held goes out
// from the survivor after that process's lease on it ran out. Nothing here is timed.

const URA_BIN = resolve(import.meta.dirname, '../../bin/ura.js');
/** People in all, and how many go through the self-check at once (a new one starts as one finishes). */
const PEOPLE = 40;
const AT_ONCE = 16;
const FIRST_PERSON = 7_731_000_001;
const OPERATOR = 7_731_000_900;
/** Webhook deliveries in flight at once, as Telegram's max_connections: one per person going through. */
const MAX_CONNECTIONS = AT_ONCE;
const WEBHOOK_SECRET = 'two-processes-secret-0001';
/** Finished people before the kill, so that it comes with the run well under way. */
const FINISHED_BEFORE_KILL = 4;
/**
 * How long a simulated person waits for the bot to answer before pressing the same
 * button again, as a real person does when nothing comes. Long enough that a
 * redelivery after the kill (a few refused tries through the proxy) normally comes
 * first; a re-press is allowed anyway, and counted.
 */
const REPLY_WAIT_MS = 15_000;
const MAX_REPRESSES = 3;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await Promise.resolve(cleanup()).catch(() => undefined);
}, 120_000);

interface UraProcess {
  name: string;
  child: ChildProcess;
  output: string[];
  exited: Promise<unknown>;
}

/** `ura start` in webhook mode as one of several processes: its own port and directory, everything else shared. */
async function startUra(name: string, port: number, env: Record<string, string>): Promise<UraProcess> {
  const dir = mkdtempSync(join(tmpdir(), `ura-procs-${name}-`));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const child = spawn(process.execPath, [URA_BIN, 'start'], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', HOME: dir, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout!.on('data', (chunk) => output.push(String(chunk)));
  child.stderr!.on('data', (chunk) => output.push(String(chunk)));
  const exited = new Promise((done) => child.once('exit', done));
  cleanups.push(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited.finally(() => clearTimeout(timer));
  });
  return { name, child, output, exited };
}

async function untilRunning(ura: UraProcess, port: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`, { headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } }).then(
      (res) => res.json() as Promise<{ bot?: { state: string } }>,
      () => undefined,
    );
    if (health?.bot?.state === 'running') return;
    if (Date.now() > deadline || ura.child.exitCode !== null) throw new Error(`Ura ${ura.name} did not start:\n${ura.output.join('')}`);
    await sleep(100);
  }
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, seen: () => unknown = () => undefined): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; so far: ${JSON.stringify(seen())}`);
    await sleep(100);
  }
}

/** What the bot showed a chat: a message's text and its buttons (label by callback data). */
interface Shown {
  text: string;
  buttons: Map<string, string>;
}

const shownOf = (call: FakeCall): Shown => {
  const markup = call.payload.reply_markup;
  const parsed: { inline_keyboard?: { text: string; callback_data?: string }[][] } = typeof markup === 'string' ? JSON.parse(markup) : (markup ?? {});
  return {
    text: String(call.payload.text),
    buttons: new Map((parsed.inline_keyboard ?? []).flat().flatMap((button) => (button.callback_data === undefined ? [] : [[button.callback_data, button.text]]))),
  };
};

/** Whether a message asks what the person is about to answer (a multiple choice: with their ticks on it). */
const shows = (shown: Shown | undefined, action: Pick<Action, 'expectText' | 'expectButton' | 'expectTicked'>) =>
  shown !== undefined &&
  (action.expectText === undefined || shown.text === action.expectText) &&
  (action.expectButton === undefined || shown.buttons.has(action.expectButton)) &&
  (action.expectTicked ?? []).every((data) => shown.buttons.get(data)?.startsWith('✓'));

/**
 * One person going through the script: each action once the bot's newest message
 * asks for it. When nothing new comes within REPLY_WAIT_MS the person presses the
 * same button again (a real person does); such re-presses are counted.
 */
async function walk(telegram: FakeTelegram, screens: Map<number, Shown[]>, chatId: number, script: Script): Promise<{ represses: number }> {
  const chat = telegram.chat(chatId);
  const seen = () => screens.get(chatId) ?? [];
  const send = (action: Action) => {
    if (action.send.kind === 'command') chat.sendCommand(action.send.name);
    else if (action.send.kind === 'press') chat.press(action.send.data);
    else chat.sendText(action.send.text);
  };
  let represses = 0;
  const finalScreen = { expectText: script.finalText };
  for (let index = 0; index < script.actions.length; index++) {
    const action = script.actions[index]!;
    send(action);
    const next = script.actions[index + 1] ?? finalScreen;
    for (let tries = 0; ; tries++) {
      const before = seen().length;
      const deadline = Date.now() + REPLY_WAIT_MS;
      while (Date.now() < deadline && !(seen().length > before && shows(seen().at(-1), next))) await sleep(50);
      if (seen().length > before && shows(seen().at(-1), next)) break;
      if (tries === MAX_REPRESSES) throw new Error(`person ${chatId}: after ${action.label} the bot shows ${JSON.stringify(seen().at(-1)?.text.slice(0, 80))}, not what comes next`);
      represses += 1;
      send(action);
    }
  }
  return { represses };
}

describe.skipIf(!postgresUrl)('two Ura processes behind a reverse proxy, one killed mid-run', () => {
  it('loses and duplicates nothing: the survivor finishes what the dead one had in hand, and takes its leased card once the lease ends', async () => {
    const database = await postgresDatabase();
    cleanups.push(() => database.dispose());
    const prisma = database.db.prisma;
    await prisma.operator.create({
      data: { id: 'op-procs', telegramId: String(OPERATOR), pseudonym: 'Arta', role: 'operator', languages: '["sq"]', skills: '[]', createdAt: new Date(), presence: 'on' },
    });

    const { catalog } = loadAreaFlows();
    const script = buildScript(catalog.get(SELF_CHECK_FLOW)!, createI18n());
    const people = Array.from({ length: PEOPLE }, (_, index) => FIRST_PERSON + index);
    const isPerson = new Set(people);

    // The kill: when the victim sends its first case card once a few people are done,
    // the call is held while the process dies, so that the card never reaches Telegram
    // and its outbox row stays leased by a process that is gone.
    let finished = 0;
    let victim: UraProcess | undefined;
    let killedAt: number | undefined;
    let heldCard: FakeCall | undefined;
    let heldRow: { status: string; leaseUntil: Date | null } | undefined;
    const telegram = await startFakeTelegram({
      maxConnections: MAX_CONNECTIONS,
      webhookRetryMs: 250,
      hold: (call) => {
        if (heldCard || !victim || call.origin !== `/${victim.name}` || call.method !== 'sendMessage' || Number(call.payload.chat_id) !== OPERATOR || finished < FINISHED_BEFORE_KILL) return undefined;
        heldCard = call;
        const dying = victim;
        return (async () => {
          killedAt = Date.now();
          dying.child.kill('SIGKILL');
          await dying.exited;
          // The socket's end reaches this process just after the exit.
          await sleep(500);
          // The card's row as the dead process left it.
          const held = (await prisma.helpCase.findMany({ select: { id: true, code: true } })).find((c) => String(call.payload.text).includes(c.code));
          heldRow = held ? ((await prisma.outboxMessage.findFirst({ where: { topic: held.id, purpose: 'card' }, select: { status: true, leaseUntil: true } })) ?? undefined) : undefined;
        })();
      },
    });
    cleanups.push(() => telegram.close());
    const screens = new Map<number, Shown[]>();
    telegram.onCall((call) => {
      const chatId = Number(call.payload.chat_id);
      if (call.method === 'sendMessage' && isPerson.has(chatId)) screens.set(chatId, [...(screens.get(chatId) ?? []), shownOf(call)]);
    });

    const [portA, portB] = [await freePort(), await freePort()];
    const proxy = await startHttpProxy([portA, portB]);
    cleanups.push(() => proxy.close());
    const shared = {
      DATABASE_URL: database.url,
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      BOT_MODE: 'webhook',
      PUBLIC_URL: proxy.url,
      WEBHOOK_SECRET,
      // Both read and write each other's rows: the same keys, or sealed chat addresses and hashed ids would not match.
      DATA_KEY: TEST_SECRETS.DATA_KEY,
      ID_PEPPER: TEST_SECRETS.ID_PEPPER,
    };
    const a = await startUra('a', portA, { ...shared, TELEGRAM_API_ROOT: `${telegram.apiRoot}/a` });
    const b = await startUra('b', portB, { ...shared, TELEGRAM_API_ROOT: `${telegram.apiRoot}/b` });
    await Promise.all([untilRunning(a, portA), untilRunning(b, portB)]);
    victim = a;

    try {
      // People go through AT_ONCE at a time, a new one starting as one finishes.
      const queue = [...people];
      const represses = new Map<number, number>();
      await Promise.all(
        Array.from({ length: AT_ONCE }, async () => {
          for (let chatId = queue.shift(); chatId !== undefined; chatId = queue.shift()) {
            represses.set(chatId, (await walk(telegram, screens, chatId, script)).represses);
            finished += 1;
          }
        }),
      );
      expect(killedAt, 'the victim was killed while sending a case card').toBeDefined();
      expect(a.child.signalCode).toBe('SIGKILL');

      // Every case's card reaches the operator, the held one too, once its lease has run out.
      const cases = await prisma.helpCase.findMany({ select: { id: true, code: true, contactId: true, status: true, trigger: true } });
      const cardsOf = (code: string) => telegram.calls.filter((call) => call.method === 'sendMessage' && Number(call.payload.chat_id) === OPERATOR && String(call.payload.text).includes(code));
      await until(
        'every case card to reach the operator',
        () => cases.every((c) => cardsOf(c.code).length > 0),
        120_000,
        () => cases.filter((c) => cardsOf(c.code).length === 0).map((c) => c.code),
      );
      // A second copy of anything would arrive within a few more rounds of the outbox.
      await sleep(3000);

      // One contact, one conversation ended with the self-check's outcome, one pending case per person.
      const identity = createIdentityProtector(testConfig().secrets);
      const contacts = await prisma.contact.findMany({ select: { id: true, idHash: true } });
      expect(contacts.map((contact) => contact.idHash).sort()).toEqual(people.map((id) => identity.hashId('user', id)).sort());
      const conversations = await prisma.conversation.findMany({ select: { contactId: true, flowId: true, status: true, outcome: true } });
      for (const contact of contacts) {
        const own = conversations.filter((c) => c.contactId === contact.id);
        expect(own, `conversations of contact ${contact.id}`).toEqual([{ contactId: contact.id, flowId: SELF_CHECK_FLOW, status: 'ended', outcome: script.outcome }]);
        expect(cases.filter((c) => c.contactId === contact.id).map((c) => [c.status, c.trigger])).toEqual([['pending', 'consent']]);
      }

      // No update handled twice: the replies to each update come from one try of it.
      const repliesByUpdate = new Map<number, Set<string>>();
      for (const call of telegram.calls) {
        if (call.method !== 'sendMessage' || !isPerson.has(Number(call.payload.chat_id)) || !call.during) continue;
        const tries = repliesByUpdate.get(call.during.updateId) ?? new Set();
        tries.add(`${call.origin}#${call.during.attempt}`);
        repliesByUpdate.set(call.during.updateId, tries);
      }
      // Shown with what each try said, should one be there.
      const answeredTwice = [...repliesByUpdate]
        .filter(([, tries]) => tries.size > 1)
        .map(([updateId]) =>
          telegram.calls
            .filter((call) => call.during?.updateId === updateId && call.method === 'sendMessage')
            .map((call) => `${call.origin}#${call.during?.attempt}: ${String(call.payload.text).slice(0, 60)}`),
        );
      expect(answeredTwice).toEqual([]);
      expect(telegram.pending()).toEqual([]);
      const handled = await prisma.processedUpdate.count();
      expect(handled).toBe(telegram.attempts.size);
      // The kill hit updates in flight: some were delivered again, to the survivor.
      expect([...telegram.attempts.values()].some((tries) => tries > 1)).toBe(true);

      // Every card once: one row per case, sent, and one copy on the operator's phone.
      const cards = await prisma.outboxMessage.findMany({ where: { purpose: 'card' }, select: { topic: true, status: true } });
      expect(cards.map((card) => card.status).filter((status) => status !== 'sent')).toEqual([]);
      expect(cards.map((card) => card.topic).sort()).toEqual(cases.map((c) => c.id).sort());
      expect(cases.map((c) => [c.code, cardsOf(c.code).length]).filter(([, count]) => count !== 1)).toEqual([]);

      // The card the victim held: sent by the survivor, after the lease the victim took on it ran out.
      const heldCase = cases.find((c) => String(heldCard?.payload.text).includes(c.code));
      expect(heldCase, 'the held call was a case card').toBeDefined();
      expect(heldRow?.status).toBe('pending');
      expect(heldRow?.leaseUntil?.getTime()).toBeGreaterThan(killedAt!);
      const [delivered] = cardsOf(heldCase!.code);
      expect(delivered!.origin).toBe('/b');
      expect(delivered!.at).toBeGreaterThanOrEqual(heldRow!.leaseUntil!.getTime());
      console.info(
        `two processes: ${PEOPLE} people, ${telegram.attempts.size} updates (${[...telegram.attempts.values()].filter((tries) => tries > 1).length} delivered more than once), ` +
          `${[...represses.values()].reduce((sum, count) => sum + count, 0)} re-presses; the held card went out ${((delivered!.at - killedAt!) / 1000).toFixed(1)} s after the kill`,
      );
    } catch (error) {
      for (const ura of [a, b]) console.error(`--- Ura ${ura.name} output ---\n${ura.output.join('').slice(-20_000)}`);
      throw error;
    }
  }, 300_000);
});

if (!postgresUrl) console.warn(`two-processes: ${POSTGRES_SKIP_REASON}`);
