import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { helplineStats } from '../../src/helpline/stats.js';
import { DEFAULT_CLAIM_TARGETS } from '../../src/helpline/handoff/targets.js';
import { createRetention, DAY_MS } from '../../src/helpline/retention.js';
import { parseMonth } from '../../src/shared/month.js';
import { createRetentionRepository } from '../../src/storage/retention-repository.js';
import { loadStatsCases } from '../../src/storage/stats-repository.js';
import { PROVIDERS_UNDER_TEST, sqliteDatabase, suiteDatabase } from '../support/database.js';
import { dataDirectory, findInDatabase, findInFiles } from '../support/forensics.js';
import { helplineBot } from '../support/helpline-bot.js';
import { privateText, type Sender } from '../support/updates.js';

type Harness = Awaited<ReturnType<typeof helplineBot>>;
type Person = ReturnType<Harness['person']>;

const RETENTION_DAYS = 30;

/** A photo with a caption, as Telegram sends it: Ura copies it to the operator from the person's chat. */
function photo(caption: string, sender: Sender): Update {
  const update = privateText('', sender);
  const message = update.message as unknown as Record<string, unknown>;
  delete message.text;
  message.photo = [{ file_id: 'AgADphoto', file_unique_id: 'photo1', width: 90, height: 90 }];
  message.caption = caption;
  return update;
}

/** What one person told Ura, each distinct enough to be found anywhere. */
interface Words {
  said: string;
  caption: string;
  answer: string;
  reply: string;
}

const wordsOf = (tag: string): Words => ({
  said: `Më mbajnë pasaportën ${tag}, s’më lënë të dal`,
  caption: `Kjo është kontrata ${tag}`,
  answer: `Punoj në një bar në Durrës ${tag}`,
  reply: `Jeni në siguri tani ${tag}?`,
});

describe.each(PROVIDERS_UNDER_TEST)('forgetting a person on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });

  async function setUp(): Promise<Harness> {
    const prisma = database.db.prisma;
    for (const table of ['caseEvent', 'caseMessage', 'outboxMessage', 'helpCase', 'conversation', 'chatMessage', 'chatSession', 'contact', 'operator', 'shift', 'usageCount'] as const) {
      await (prisma[table] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
    }
    return helplineBot({ database });
  }
  const settle = (h: Harness) => h.parts.outbox.idle();

  async function addOperator(h: Harness, telegramId: number): Promise<Person> {
    await h.db.prisma.operator.create({
      data: { id: `op-${telegramId}`, telegramId: String(telegramId), pseudonym: 'Arta', role: 'operator', languages: '["sq"]', skills: '[]', createdAt: h.clock.now(), presence: 'on' },
    });
    return h.person({ userId: telegramId, languageCode: 'sq' });
  }

  /**
   * A person asks for someone, answers a screening, writes and sends a photo; the
   * operator (unless `waiting`) takes the case and answers. Returns what would
   * identify the person or tell their story: their hash, chat key and sealed
   * addresses as stored, and their words.
   */
  async function story(h: Harness, userId: number, words: Words, operator?: Person) {
    const sender = { userId, languageCode: 'sq' };
    const person = h.person(sender);
    await person.start();
    await person.press('l|sq');
    await person.press('o');
    await person.press('y|safe');
    // In Italy: the case keeps the country, for the notices it may send later.
    await person.press('m|services');
    await person.press('k|it');
    await person.press('p');
    await settle(h);
    const idHash = h.identity.hashId('user', userId);
    const contact = await h.db.prisma.contact.findUniqueOrThrow({ where: { idHash } });
    const helpCase = await h.db.prisma.helpCase.findFirstOrThrow({ where: { contactId: contact.id } });
    expect(helpCase.country).toBe('IT');
    // The screening the case came from: its answers are in the conversation and the case summary.
    const answers = { where_work: { kind: 'text', value: words.answer } };
    await h.db.prisma.conversation.create({
      data: {
        id: `v-${userId}`,
        contactId: contact.id,
        flowId: 'helpline/self-check',
        flowVersion: 1,
        language: 'sq',
        state: JSON.stringify({ answers }),
        status: 'ended',
        level: 'HIGH',
        outcome: null,
        reachedPerson: true,
        startedAt: h.clock.now(),
        updatedAt: h.clock.now(),
      },
    });
    await h.db.prisma.helpCase.update({
      where: { id: helpCase.id },
      data: { conversationId: `v-${userId}`, summary: JSON.stringify({ flowId: 'helpline/self-check', reasons: [], answers, urgentWords: null }) },
    });
    if (operator) await operator.press(`h|take|${helpCase.code}`);
    await person.say(words.said);
    await h.handle(photo(words.caption, sender));
    await settle(h);
    if (operator) await operator.say(words.reply);
    await settle(h);
    const chatKey = h.identity.hashId('chat', userId);
    const rows = await h.db.prisma.outboxMessage.findMany({ where: { OR: [{ chatKey }, { topic: helpCase.id }] } });
    const sealed = [contact.chatCipher, ...rows.flatMap((row) => (row.chatKey === chatKey ? [row.chatCipher] : [])), ...rows.flatMap((row) => (row.fromCipher ? [row.fromCipher] : []))];
    if (!operator) expect(rows.filter((row) => row.fromCipher)).toEqual([]);
    else expect(rows.filter((row) => row.fromCipher).length).toBeGreaterThan(0);
    const traces = [idHash, chatKey, contact.id, ...new Set(sealed), words.said, words.caption, words.answer, ...(operator ? [words.reply] : [])];
    return { person, code: helpCase.code, caseId: helpCase.id, traces };
  }

  const june = parseMonth('2026-06', 'Europe/Tirane');
  if ('problem' in june) throw new Error(june.problem);
  const statsOfJune = async (h: Harness) => helplineStats(await loadStatsCases(h.db.prisma, june.from, june.to), { month: june.month, targets: DEFAULT_CLAIM_TARGETS });

  /** Nothing of the person in any table, and on SQLite in no file of the data directory (the WAL included). */
  async function expectForgotten(h: Harness, traces: string[]) {
    if (database.name === 'sqlite') expect(findInFiles(dataDirectory(database), traces)).toEqual([]);
    expect(await findInDatabase(h.db, traces)).toEqual([]);
  }

  it.skipIf(skip)('after /delete, nothing of the person is left in the database or its files, and the statistics keep their case', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    const other = await story(h, 70_201, wordsOf('ZEF-7'), arta);
    const leaving = await story(h, 70_202, wordsOf('LULE-3'), arta);
    const before = await statsOfJune(h);
    // The search finds what is there: the words are in the database now.
    expect(await findInDatabase(h.db, leaving.traces)).not.toEqual([]);

    await leaving.person.command('delete');
    await leaving.person.press('z|yes');
    await settle(h);

    const toPerson = h.api.calls.filter((call) => call.method === 'sendMessage' && call.payload.chat_id === 70_202);
    expect(toPerson.at(-1)?.payload.text).toBe(h.i18n.t('sq', 'helpline:delete.done'));
    await expectForgotten(h, leaving.traces);
    // The operator who held the case is told that the person left, and by nothing more than the case code.
    expect(h.api.calls.filter((call) => call.payload.chat_id === 9001).at(-1)?.payload.text).toBe(h.i18n.t('sq', 'handoff:console.person_left', { code: leaving.code }));
    // Only the anonymous statistics of the case remain: the monthly numbers are unchanged.
    expect(await statsOfJune(h)).toEqual(before);
    expect(await h.db.prisma.helpCase.findUniqueOrThrow({ where: { id: leaving.caseId } })).toMatchObject({ summary: '{}', conversationId: null, country: null });
    expect(await h.db.prisma.helpCase.findUniqueOrThrow({ where: { id: other.caseId } })).toMatchObject({ country: 'IT' });
    // Someone else's story is untouched.
    expect((await findInDatabase(h.db, other.traces)).length).toBeGreaterThan(0);
    expect(await h.db.prisma.caseMessage.count({ where: { caseId: other.caseId } })).toBe(3);
  });

  it.skipIf(skip)("400 days after a case closed, retention has left nothing of the person, and last year's statistics are unchanged", async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    const told = await story(h, 70_301, wordsOf('DRITA-5'), arta);
    await arta.command('close');
    await arta.press(`h|out|${told.code}|referred`);
    await arta.press(`h|ref|${told.code}|referred|shelter`);
    await settle(h);
    const before = await statsOfJune(h);
    expect(before.by.outcome.referred).toBe('<5');

    h.clock.advance(400 * DAY_MS);
    await createRetention({ store: createRetentionRepository(h.db), clock: h.clock, days: RETENTION_DAYS }).run();

    await expectForgotten(h, told.traces);
    expect(await statsOfJune(h)).toEqual(before);
    expect(await h.db.prisma.helpCase.findUniqueOrThrow({ where: { id: told.caseId } })).toMatchObject({ status: 'closed', outcome: 'referred', referral: 'shelter', summary: '{}', country: null });
  });

  it.skipIf(skip)('closes a case left open with no activity for the retention period as abandoned, then forgets it; a recent one stays', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    const waited = await story(h, 70_401, wordsOf('BORA-1'));
    const talked = await story(h, 70_402, wordsOf('ILIR-2'), arta);
    const before = await statsOfJune(h);

    h.clock.advance(380 * DAY_MS);
    const recent = await story(h, 70_403, wordsOf('ERA-4'));
    h.clock.advance(20 * DAY_MS);
    await createRetention({ store: createRetentionRepository(h.db), clock: h.clock, days: RETENTION_DAYS }).run();

    await expectForgotten(h, [...waited.traces, ...talked.traces]);
    for (const { caseId } of [waited, talked]) {
      expect(await h.db.prisma.helpCase.findUniqueOrThrow({ where: { id: caseId } })).toMatchObject({ status: 'closed', outcome: 'abandoned', summary: '{}', country: null });
    }
    // The month's counts are the same but for the two cases now closed as abandoned.
    const after = await statsOfJune(h);
    expect({ ...after, by: { ...after.by, status: before.by.status, outcome: before.by.outcome } }).toEqual(before);
    expect(after.by.status).toMatchObject({ pending: 0, active: 0, closed: '<5' });
    // Twenty days without activity is within the period: the waiting person's case and words stay.
    expect(await h.db.prisma.helpCase.findUniqueOrThrow({ where: { id: recent.caseId } })).toMatchObject({ status: 'pending' });
    expect((await findInDatabase(h.db, recent.traces)).length).toBeGreaterThan(0);
  });
});

describe('emptying the SQLite write-ahead log', () => {
  it('waits, without blocking, for a transaction in progress, then empties the log', async () => {
    const test = await sqliteDatabase();
    try {
      const { prisma } = test.db;
      await prisma.chatSession.create({ data: { key: 'k', value: '{"words":"Më mbajnë pasaportën"}', updatedAt: new Date() } });
      let scrubbed: Promise<boolean> | undefined;
      await prisma.$transaction(async (tx) => {
        await tx.chatSession.deleteMany({ where: { key: 'k' } });
        // Started while a write is in progress: it must neither fail, nor give up, nor block the write it waits for.
        scrubbed = test.db.scrub();
        await new Promise((done) => setTimeout(done, 120));
      });
      expect(await scrubbed).toBe(true);
      expect(findInFiles(dataDirectory(test), ['Më mbajnë pasaportën'])).toEqual([]);
    } finally {
      await test.dispose();
    }
  });
});
