import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/shared/paths.js';
import { printOutputOnFailure, startHarness, type EmulatedUser, type Harness, type Reply, type UserOptions } from '../support/emulator.js';
import { localeText, pressUntil, RETENTION_DAYS, textsIn, toMenu } from './helpline-support.js';
import { identitiesFound } from './leak-support.js';

// Ids no other test file uses; a private chat has the id of its person.
const PERSON = { userId: 7_410_200_011, languageCode: 'sq', firstName: 'Drita', username: 'drita_private' };
const LEAVER = { userId: 7_410_200_029, languageCode: 'sq', firstName: 'Mimoza', username: 'mimoza_private' };
const MOVED = { userId: 7_410_200_037, languageCode: 'sq', firstName: 'Teuta', username: 'teuta_private' };
const ARTA = { userId: 7_410_200_101, languageCode: 'sq', firstName: 'ArtaStaff', username: 'arta_staff' };
const BESA = { userId: 7_410_200_113, languageCode: 'sq', firstName: 'BesaStaff', username: 'besa_staff' };

const sq = textsIn('sq');
const handoff = (key: string, vars?: Record<string, string | number>) => localeText('sq', 'handoff', key, vars);
const CODE = /([2-9A-HJ-NP-Z]{2}-[2-9A-HJ-NP-Z]{3})/;

describe('a person and two operators on an emulated Telegram', () => {
  let harness: Harness;
  let arta: EmulatedUser;
  let besa: EmulatedUser;
  let ura: (...args: string[]) => SpawnSyncReturns<string>;
  printOutputOnFailure(() => harness);

  beforeAll(async () => {
    harness = await startHarness({ env: { RETENTION_DAYS: String(RETENTION_DAYS) } });
    // Staff are registered by an admin with the CLI, on the same data as the running service.
    ura = (...args: string[]) => spawnSync(process.execPath, [join(packageRoot, 'bin/ura.js'), ...args], { cwd: harness.dir, encoding: 'utf8', timeout: 30_000 });
    expect(ura('operators', 'add', '--telegram-id', String(ARTA.userId), '--languages', 'sq,en', '--name', 'Arta')).toMatchObject({ status: 0 });
    expect(ura('operators', 'add', '--telegram-id', String(BESA.userId), '--languages', 'sq', '--name', 'Besa')).toMatchObject({ status: 0 });
    arta = harness.user(ARTA);
    besa = harness.user(BESA);
    for (const operator of [arta, besa]) {
      await operator.sendCommand('oncall');
      await operator.waitForReply((reply) => reply.text === handoff('console.on_call', { count: 0 }));
    }
  }, 60_000);
  afterAll(async () => harness?.stop());

  /** Waits for a case card in an operator's chat and returns its code. */
  async function cardIn(operator: EmulatedUser): Promise<string> {
    const [card] = (await operator.waitForReply((reply) => reply.buttons.some((button) => button.data.startsWith('o:take|')))).slice(-1);
    return CODE.exec(card!.text)![1]!;
  }

  it('takes a person in Albanian to an operator: one claim wins, messages go both ways with no identity, the case closes with a referral and feedback is offered', async () => {
    const person = harness.user(PERSON);
    await toMenu(person, sq);
    await pressUntil(person, 'h:p', sq.personRequested());
    const code = await cardIn(arta);
    expect(await cardIn(besa)).toBe(code);

    // Both press "Take case" at the same moment.
    await Promise.all([arta.press(`o:take|${code}`), besa.press(`o:take|${code}`)]);
    const joined = (await person.waitForReply((reply) => ['Arta', 'Besa'].some((name) => reply.text === handoff('person.joined', { name })))).at(-1)!.text;
    const winnerName = joined.startsWith('Arta') ? 'Arta' : 'Besa';
    const [winner, loser] = winnerName === 'Arta' ? [arta, besa] : [besa, arta];
    expect(joined).toBe(handoff('person.joined', { name: winnerName }));
    // The loser's card now says who took it, and the person was told only once.
    await eventuallyText(loser === arta ? ARTA.userId : BESA.userId, handoff('card.taken', { code, name: winnerName }));
    expect(harness.emulator!.historyOf(PERSON.userId).filter((reply) => reply.text === joined)).toHaveLength(1);

    await person.sendText('Më mbajnë pasaportën dhe s’më lënë të dal');
    await winner.waitForReply((reply) => reply.text === `[${code}] Më mbajnë pasaportën dhe s’më lënë të dal`);
    await winner.sendText('Jeni në siguri tani?');
    await person.waitForReply((reply) => reply.text === `${winnerName}: Jeni në siguri tani?`);

    await winner.sendCommand('close');
    await winner.waitForReply((reply) => reply.buttons.some((button) => button.data === `o:out|${code}|referred`));
    await winner.press(`o:out|${code}|referred`);
    await winner.waitForReply((reply) => reply.buttons.some((button) => button.data === `o:ref|${code}|referred|police`));
    await winner.press(`o:ref|${code}|referred|police`);
    await winner.waitForReply((reply) => reply.text === handoff('console.closed', { code, outcome: handoff('outcome.referred'), referral: handoff('referral.police') }));
    const [closing] = (await person.waitForReply((reply) => reply.text === handoff('person.closed'))).slice(-1);
    expect(closing!.buttons.map((button) => button.data)).toContain('h:f');
    await pressUntil(person, 'h:f', localeText('sq', 'surveys.service-feedback', 'helpful.text'));

    // Neither side ever saw the other's name, username or Telegram id.
    const toPerson = JSON.stringify(harness.emulator!.historyOf(PERSON.userId).map((reply: Reply) => reply.text));
    for (const secret of [ARTA.firstName, ARTA.username, String(ARTA.userId), BESA.firstName, BESA.username, String(BESA.userId)]) expect(toPerson).not.toContain(secret);
    for (const operatorId of [ARTA.userId, BESA.userId]) {
      const toOperator = JSON.stringify(harness.emulator!.historyOf(operatorId).map((reply: Reply) => reply.text));
      for (const secret of [PERSON.firstName, PERSON.username, String(PERSON.userId)]) expect(toOperator).not.toContain(secret);
    }
  }, 60_000);

  it('tells the operator when the person leaves a live chat with the exit button, and relays nothing after', async () => {
    const { person, code } = await withArta(LEAVER);
    // The exit button on the "joined" message: one tap, as on every screen.
    await person.press('h:x');
    await arta.waitForReply((reply) => reply.text === handoff('console.person_left', { code }));
    const before = harness.emulator!.historyOf(LEAVER.userId).length;
    await arta.sendText('a jeni aty?');
    await arta.waitForReply((reply) => reply.text === handoff('console.no_case'));
    expect(harness.emulator!.historyOf(LEAVER.userId)).toHaveLength(before);
    await arta.sendCommand(`close ${code}`);
    await arta.waitForReply((reply) => reply.buttons.some((button) => button.data === `o:out|${code}|no_contact`));
  }, 60_000);

  it('hands a case to a colleague with a note: she gets the whole story, the person does not repeat it', async () => {
    const { person, code } = await withArta(MOVED);
    await person.sendText('kam punuar në një fermë në Itali');
    await arta.waitForReply((reply) => reply.text === `[${code}] kam punuar në një fermë në Itali`);
    const besaId = (JSON.parse(ura('operators', 'list', '--json').stdout) as { id: string; telegramId: string }[]).find((operator) => operator.telegramId === String(BESA.userId))!.id;
    await arta.sendCommand('transfer flet për punë në bujqësi');
    await arta.waitForReply((reply) => reply.buttons.some((button) => button.data === `o:tr|${code}|${besaId}`));
    await arta.press(`o:tr|${code}|${besaId}`);
    const briefing = await besa.waitForReply((reply) => reply.text.includes('kam punuar në një fermë në Itali'));
    expect(briefing.map((reply) => reply.text).join('\n')).toContain('flet për punë në bujqësi');
    await person.waitForReply((reply) => reply.text === handoff('person.transferred'));
    await person.sendText('faleminderit');
    await besa.waitForReply((reply) => reply.text === `[${code}] faleminderit`);
  }, 60_000);

  it('never wrote a help-seeker’s name, username or Telegram id in any file or log line, relay and transcripts included', () => {
    expect(identitiesFound(harness.dir, harness.output, [PERSON, LEAVER, MOVED])).toEqual([]);
  });

  it('counts the month’s cases for the committee’s report, hiding counts under 5', () => {
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Tirane', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const result = spawnSync(process.execPath, [join(packageRoot, 'bin/ura.js'), 'stats', 'helpline', '--month', month, '--json'], { cwd: harness.dir, encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(0);
    const stats = JSON.parse(result.stdout);
    expect(stats).toMatchObject({ month, total: '<5', by: { status: { closed: '<5', active: '<5', pending: 0 }, referral: { police: '<5', shelter: 0 }, language: { sq: '<5' } } });
  });

  /** A person asks for someone and Arta takes the case: the chat is live. */
  async function withArta(who: UserOptions): Promise<{ person: EmulatedUser; code: string }> {
    const person = harness.user(who);
    await toMenu(person, sq);
    await pressUntil(person, 'h:p', sq.personRequested());
    const code = await cardIn(arta);
    await arta.press(`o:take|${code}`);
    await person.waitForReply((reply) => reply.text === handoff('person.joined', { name: 'Arta' }));
    return { person, code };
  }

  /** Edits happen in place; polls the emulator's stored messages for the text. */
  async function eventuallyText(chatId: number, text: string) {
    const deadline = Date.now() + 10_000;
    while (!harness.emulator!.historyOf(chatId).some((reply) => reply.text === text) && !harness.emulator!.sentTo(chatId).some((reply) => reply.text === text)) {
      if (Date.now() > deadline) throw new Error(`chat ${chatId} never showed "${text}"`);
      await new Promise((done) => setTimeout(done, 50));
    }
  }
});
