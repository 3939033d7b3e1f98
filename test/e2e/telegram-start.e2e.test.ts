import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printOutputOnFailure, startHarness, type EmulatedUser, type Harness } from '../support/emulator.js';

interface HelplineTexts {
  language: { prompt: string };
  menu: { text: string };
}
// Read from the files, not through src/i18n, so the test follows whatever the locale says.
const texts = (language: 'sq' | 'en') => JSON.parse(readFileSync(resolve(import.meta.dirname, '../../locales', language, 'helpline.json'), 'utf8')) as HelplineTexts;
const sq = texts('sq');
const en = texts('en');

// Ids and names no log line could contain by accident, so finding one means it leaked.
const PEOPLE = {
  albanian: { userId: 7_390_514_826, languageCode: 'sq', firstName: 'Drita' },
  english: { userId: 7_390_514_931, languageCode: 'en', firstName: 'Marigona' },
  first: { userId: 7_390_515_047, languageCode: 'sq', firstName: 'Besjana' },
  second: { userId: 7_390_515_163, languageCode: 'en', firstName: 'Arbnora' },
  protected: { userId: 7_390_515_279, languageCode: 'en', firstName: 'Lumturie' },
};

describe('`ura start` with Telegram, against an emulated Bot API', () => {
  let harness: Harness;
  let users: Record<keyof typeof PEOPLE, EmulatedUser>;

  beforeAll(async () => {
    harness = await startHarness();
    users = Object.fromEntries(Object.entries(PEOPLE).map(([key, person]) => [key, harness.user(person)])) as typeof users;
  }, 45_000);
  afterAll(() => harness?.stop(), 30_000);
  printOutputOnFailure(() => harness);

  it('asks someone whose Telegram is in Albanian to choose a language, in Albanian', async () => {
    await users.albanian.sendCommand('start');
    const replies = await users.albanian.waitForReplies(1);
    expect(replies.map((reply) => reply.text)).toEqual([sq.language.prompt]);
  });

  it('answers someone whose Telegram is in English in English, for /start and /help', async () => {
    await users.english.sendCommand('start');
    expect((await users.english.waitForReplies(1)).map((reply) => reply.text)).toEqual([en.language.prompt]);
    await users.english.sendCommand('help');
    expect((await users.english.waitForReplies(1)).map((reply) => reply.text)).toEqual([en.menu.text]);
  });

  it('serves two people writing at the same time, each in their own chat, language and order', async () => {
    const { first, second } = users;
    await first.sendCommand('start');
    await second.sendCommand('start');
    await first.sendCommand('help');
    await second.sendText('is anyone there?');
    await Promise.all([first.waitForReplies(2), second.waitForReplies(2)]);
    // Each handler ends with its reply, so once both chats have theirs nothing else is on its way.
    expect(first.replies().map((reply) => reply.text)).toEqual([sq.language.prompt, sq.menu.text]);
    // Someone who writes before choosing a language is asked again, not lost.
    expect(second.replies().map((reply) => reply.text)).toEqual([en.language.prompt, en.language.prompt]);
  });

  it('marks every message it sends as protected from forwarding and saving', async () => {
    await users.protected.sendCommand('start');
    await users.protected.sendText('hello');
    await users.protected.waitForReplies(2);
    const sent = harness.emulator!.server.storage.botMessages;
    expect(sent.length).toBeGreaterThanOrEqual(2);
    for (const stored of sent) expect(stored.message, stored.message.text).toMatchObject({ protect_content: true });
  });

  it('warns that Telegram refused setMyCommands and keeps running', async () => {
    const refusals = harness.logs().filter((line) => line.level === 40 && /refused setMyCommands/.test(String(line.msg)));
    expect(refusals.length).toBeGreaterThan(0);
    expect(harness.exit).toBeUndefined();
    expect((await harness.health()).bot).toMatchObject({ state: 'running', mode: 'polling' });
  });

  // The remaining tests look back at the whole run, so they come last and in this order.
  it('stops on SIGTERM with exit code 0, after saying so', async () => {
    expect(await harness.stopUra()).toEqual({ code: 0, signal: null });
    expect(harness.logs().map((line) => line.msg)).toContain('Ura stopped');
  });

  it('kept its database in data/ura.db under the directory it was started in', () => {
    expect(existsSync(join(harness.dir, 'data', 'ura.db'))).toBe(true);
  });

  it('never wrote the name, username or Telegram id of anyone who wrote, in its log or its data files', () => {
    const log = harness.output.join('\n');
    const dataDir = join(harness.dir, 'data');
    const data = readdirSync(dataDir).map((file) => readFileSync(join(dataDir, file)).toString('latin1'));
    expect(log).toContain('Telegram bot running'); // the log is the real one, not empty
    for (const person of Object.values(PEOPLE)) {
      for (const clue of [person.firstName, `${person.firstName}_e2e`, String(person.userId)]) {
        expect(log, `log mentions ${clue}`).not.toContain(clue);
        for (const file of data) expect(file.includes(clue), `a data file holds ${clue}`).toBe(false);
      }
    }
  });
});
