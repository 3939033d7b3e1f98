import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printOutputOnFailure, startHarness, type EmulatedUser, type Harness, type UserOptions } from '../support/emulator.js';
import { enterScreening, openDatabase, pressUntil, RETENTION_DAYS, textsIn } from './helpline-support.js';
import { filesUnder, identitiesFound } from './leak-support.js';

/**
 * People whose Telegram identity is unlike anything Ura could write by chance:
 * finding any of it in Ura's files or log means it leaked.
 */
const PEOPLE = {
  zamire: { userId: 7_401_239_876, languageCode: 'sq', firstName: 'Zamirëkukla', username: 'tata_leak_user_x9' },
  drilon: { userId: 7_401_240_113, languageCode: 'en', firstName: 'Drilonpetrit', username: 'drilon_leak_petrit_q7' },
  vjosa: { userId: 7_401_241_357, languageCode: 'el', firstName: 'Vjosaflutura', username: 'vjosa_leak_flutura_k3' },
} satisfies Record<string, UserOptions>;

describe('no Telegram identity reaches Ura’s files or log', () => {
  let harness: Harness;
  let users: Record<keyof typeof PEOPLE, EmulatedUser>;

  beforeAll(async () => {
    // The most Ura ever logs.
    harness = await startHarness({ env: { RETENTION_DAYS: String(RETENTION_DAYS), LOG_LEVEL: 'trace' } });
    users = Object.fromEntries(Object.entries(PEOPLE).map(([key, person]) => [key, harness.user(person)])) as typeof users;
  }, 45_000);
  afterAll(() => harness?.stop(), 30_000);
  printOutputOnFailure(() => harness);

  /** A self-check with a typed age, urgent words, /privacy, a return (safety, then "continue"), and /exit. */
  async function zamire(person: EmulatedUser) {
    const t = textsIn('sq');
    await enterScreening(person, t, { age: 30, next: 'where', start: 'start src_leak_poster' });
    await person.sendText('më morën pasaportën');
    await person.waitForReply((reply) => reply.text.includes(t.handoff('person.nobody_urgent')));
    await pressUntil(person, 'h:r|yes', t.selfCheck('where.text'));
    await pressUntil(person, 'h:c|where|abroad', t.selfCheck('documents.text'));
    await person.sendCommand('privacy');
    await person.waitForReply((reply) => reply.text === t.helpline('privacy.text', { days: RETENTION_DAYS }));
    await person.sendCommand('start');
    await person.waitForReply((reply) => reply.text === t.helpline('safety.text'));
    await pressUntil(person, 'h:y|safe', t.helpline('resume.text'));
    await pressUntil(person, 'h:r|yes', t.selfCheck('documents.text'));
    await person.sendCommand('exit');
  }

  /** Another language than the app's, "not really safe", privacy, a person, then /delete. */
  async function drilon(person: EmulatedUser) {
    const t = textsIn('it');
    await person.sendCommand('start');
    await person.waitForReply((reply) => reply.text === textsIn('en').helpline('language.prompt'));
    await pressUntil(person, 'h:l|it', t.helpline('notice.text', { days: RETENTION_DAYS }));
    await pressUntil(person, 'h:o', t.helpline('safety.text'));
    await pressUntil(person, 'h:y|not_really', t.helpline('menu.text'));
    await pressUntil(person, 'h:m|privacy', t.helpline('privacy.text', { days: RETENTION_DAYS }));
    await pressUntil(person, 'h:p', t.nobodyOnCall());
    await person.sendCommand('delete');
    await person.waitForReply((reply) => reply.text === t.helpline('delete.confirm'));
    await pressUntil(person, 'h:z|yes', t.helpline('delete.done'));
  }

  /** The young-person flow, a word that answers nothing, back to the age question, /delete cancelled, then Exit. */
  async function vjosa(person: EmulatedUser) {
    const t = textsIn('el');
    await enterScreening(person, t, { age: 15, next: 'school' });
    await person.sendText('γεια σου');
    await person.waitForReply((reply) => reply.text === t.youngPerson('school.text'));
    await pressUntil(person, 'h:b', t.youngPerson('age.text'));
    await person.sendCommand('delete');
    await person.waitForReply((reply) => reply.text === t.helpline('delete.confirm'));
    await pressUntil(person, 'h:z|no', t.helpline('delete.cancelled'));
    await person.press('h:x');
  }

  it('serves three people at once through flows, urgent words, a person, exits and /delete', async () => {
    await Promise.all([zamire(users.zamire), drilon(users.drilon), vjosa(users.vjosa)]);
    // Both exits delete the chat's messages; once they are gone, nothing of the scripts is left running.
    const emptied = async (person: EmulatedUser) => {
      const deadline = Date.now() + 5000;
      while (harness.emulator!.sentTo(person.userId).length > 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 25));
      return harness.emulator!.sentTo(person.userId).length;
    };
    expect(await emptied(users.zamire)).toBe(0);
    expect(await emptied(users.vjosa)).toBe(0);
    expect(await harness.stopUra()).toEqual({ code: 0, signal: null });
  });

  it('kept what the sessions were about, so the search below reads real data', () => {
    const db = openDatabase(harness.dir);
    try {
      expect(db.cases(users.zamire.userId)).toEqual([expect.objectContaining({ trigger: 'urgent', source: 'leak_poster' })]);
      expect(db.conversations(users.vjosa.userId)).toEqual([expect.objectContaining({ flowId: 'helpline/young-person', outcome: 'abandoned' })]);
      expect(db.contactId(users.drilon.userId)).toBeUndefined(); // erased, and overwritten in the files (secure_delete)
    } finally {
      db.close();
    }
    const files = filesUnder(harness.dir);
    expect(files.map((file) => file.path)).toContain(join('data', 'ura.db'));
    const all = Buffer.concat(files.map((file) => file.bytes));
    for (const stored of ['leak_poster', 'helpline/young-person', 'passport_taken']) expect(all.includes(stored), stored).toBe(true);
    expect(harness.output.join('\n')).toMatch(/"msg":"case waiting for an operator"/);
  });

  it('never logged what they typed', () => {
    const log = harness.output.join('\n');
    for (const typed of ['pasaport', 'γεια']) expect(log, typed).not.toContain(typed);
  });

  it('never wrote their names, usernames or Telegram ids, in any form, in any file or log line', () => {
    expect(identitiesFound(harness.dir, harness.output, Object.values(PEOPLE))).toEqual([]);
  });
});
