import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { printOutputOnFailure, startHarness, type Deletion, type EmulatedUser, type Harness, type LogLine, type UserOptions } from '../support/emulator.js';
import {
  answerQuestions,
  enterScreening,
  eventually,
  openDatabase,
  pressUntil,
  RETENTION_DAYS,
  safetyRow,
  servicesMessage,
  TABLES,
  textsIn,
  toMenu,
  type Move,
  type Texts,
  type UraDatabase,
} from './helpline-support.js';

// Ids no other test file uses; a private chat has the id of its person.
const PEOPLE = {
  selfCheckSq: { userId: 7_410_100_011, languageCode: 'sq', firstName: 'Albana' },
  selfCheckEn: { userId: 7_410_100_023, languageCode: 'en', firstName: 'Elira' },
  personIt: { userId: 7_410_100_037, languageCode: 'it', firstName: 'Giulia' },
  personEl: { userId: 7_410_100_041, languageCode: 'en', firstName: 'Eleni' },
  young: { userId: 7_410_100_053, languageCode: 'en', firstName: 'Arta' },
  urgent: { userId: 7_410_100_067, languageCode: 'sq', firstName: 'Blerta' },
  exits: { userId: 7_410_100_071, languageCode: 'en', firstName: 'Donika' },
  exitButton: { userId: 7_410_100_089, languageCode: 'sq', firstName: 'Fjolla' },
  erased: { userId: 7_410_100_093, languageCode: 'en', firstName: 'Genta' },
  stays: { userId: 7_410_100_107, languageCode: 'sq', firstName: 'Hana' },
} satisfies Record<string, UserOptions>;

/**
 * A whole self-check with plain, non-urgent answers. Ura lets a person send 20
 * updates a minute (RATE_LIMIT in src/compose.ts): /start and the screens before
 * the flow take 6 and the questions a dozen at least, so one multiple choice is ticked
 * and "Done", and the other three get "Prefer not to say".
 */
const selfCheckAnswers = (ticked: 'money' | 'wants'): [string, Move][] => [
  // Safety and age were answered on the bot's screens: the flow does not ask them again.
  ['where', { choose: 'home_country' }],
  ['documents', { choose: 'with_me' }],
  ['sleep', { choose: 'own_choice' }],
  ['leave', { choose: 'free' }],
  ['money', ticked === 'money' ? { tick: ['paid_as_agreed'] } : { skip: true }],
  ['threats', { skip: true }],
  ['arranged', { choose: 'no_job_or_trip' }],
  ['forced', { skip: true }],
  ['health', { choose: 'no' }],
  ['wants', ticked === 'wants' ? { tick: ['information'] } : { skip: true }],
  ['consent', { choose: 'agree' }],
];

/** The screens from /start to the menu: the language prompt is in the Telegram app's language, the rest in the chosen one. */
const toMenuTexts = (client: Texts, chosen: Texts) => [
  client.helpline('language.prompt'),
  chosen.helpline('notice.text', { days: RETENTION_DAYS }),
  chosen.helpline('safety.text'),
  chosen.helpline('menu.text'),
];

const last = <T>(items: T[]): T => {
  if (items.length === 0) throw new Error('nothing arrived');
  return items[items.length - 1]!;
};

describe('the help-seeking conversation, end to end: emulated Telegram → `ura start` → its SQLite file', () => {
  let harness: Harness;
  let db: UraDatabase;
  let users: Record<keyof typeof PEOPLE, EmulatedUser>;
  /** Every text the bot sent to the person's chat, deleted ones included. */
  const transcript = (person: EmulatedUser) => harness.emulator!.historyOf(person.userId).map((reply) => reply.text);

  beforeAll(async () => {
    harness = await startHarness({ env: { RETENTION_DAYS: String(RETENTION_DAYS) } });
    db = openDatabase(harness.dir);
    users = Object.fromEntries(Object.entries(PEOPLE).map(([key, person]) => [key, harness.user(person)])) as typeof users;
  }, 45_000);
  afterAll(async () => {
    db?.close();
    await harness?.stop();
  }, 30_000);
  printOutputOnFailure(() => harness);

  it.each([
    ['sq', 'selfCheckSq', 'money'],
    ['en', 'selfCheckEn', 'wants'],
  ] as const)('walks the whole self-check in %s by its buttons, to a pending case the person agreed to', async (language, who, ticked) => {
    const person = users[who];
    const t = textsIn(language);
    await toMenu(person, t, 'start src_poster_fier');
    await pressUntil(person, 'h:m|check', t.helpline('age.text'));
    await person.press('h:a|no');
    await answerQuestions(person, t.selfCheck, selfCheckAnswers(ticked));
    await person.waitForReply((reply) => reply.text === t.helpline('menu.text'));

    const questions = (keys: string[]) => keys.map((key) => t.selfCheck(`${key}.text`));
    expect(transcript(person)).toEqual([
      ...toMenuTexts(t, t),
      t.helpline('age.text'),
      ...questions(['intro', 'where', 'documents', 'sleep', 'leave']),
      ...questions(ticked === 'money' ? ['money', 'money'] : ['money']), // asked again with the tick shown
      ...questions(['threats', 'arranged', 'forced', 'not_your_fault', 'health']),
      ...questions(ticked === 'wants' ? ['wants', 'wants'] : ['wants']),
      t.selfCheck('summary_low.text'),
      t.selfCheck('rights.text'), // the message introduces the services that follow it
      t.helpline('country.prompt'), // asked first, since the services depend on it
      t.selfCheck('consent.text'),
      t.nobodyOnCall({ answers: true }),
      t.selfCheck('end_handoff.text'),
      t.helpline('menu.text'),
    ]);
    const consent = harness.emulator!.historyOf(person.userId).find((reply) => reply.text === t.selfCheck('consent.text'));
    expect(consent?.buttons).toEqual([
      { text: t.selfCheck('consent.agree'), data: 'h:c|consent|agree' },
      { text: t.selfCheck('consent.decline'), data: 'h:c|consent|decline' },
      { text: t.flows('back'), data: 'h:b' },
      ...safetyRow(t),
    ]);

    expect(db.contact(person.userId)).toMatchObject({ language, source: 'poster_fier' });
    const [conversation, ...others] = db.conversations(person.userId);
    expect(others).toEqual([]);
    expect(conversation).toMatchObject({ flowId: 'helpline/self-check', language, status: 'ended', outcome: 'handoff_requested', reachedPerson: 1 });
    const cases = db.cases(person.userId);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ status: 'pending', trigger: 'consent', level: 'INFO', language, source: 'poster_fier', conversationId: conversation?.id });
  });

  it.each([
    ['it', 'personIt'],
    ['el', 'personEl'],
  ] as const)('in %s, from /start to the services list and a recorded request for a person, with every text and button from that locale', async (language, who) => {
    const person = users[who];
    const client = textsIn(person.languageCode === 'it' ? 'it' : 'en');
    const t = textsIn(language);
    await toMenu(person, t);
    await pressUntil(person, 'h:m|services', t.helpline('country.prompt'));
    await pressUntil(person, 'h:k|al', t.helpline('services.region_prompt'));
    await person.press('h:g|none');
    await person.waitForReply((reply) => reply.text.startsWith(t.helpline('services.title')));
    await pressUntil(person, 'h:p', t.nobodyOnCall());

    expect(transcript(person)).toEqual([...toMenuTexts(client, t), t.helpline('country.prompt'), t.helpline('services.region_prompt'), servicesMessage(t), t.nobodyOnCall()]);
    const [prompt, notice, safety, menu] = harness.emulator!.historyOf(person.userId);
    // The prompt marks the language of the Telegram app; every name is in that language.
    expect(prompt?.buttons.slice(0, 4)).toEqual(
      (['sq', 'en', 'it', 'el'] as const).map((code) => ({ text: `${code === client.language ? '✓ ' : ''}${client.helpline(`language.names.${code}`)}`, data: `h:l|${code}` })),
    );
    expect(notice?.buttons).toEqual([{ text: t.helpline('notice.ok'), data: 'h:o' }, ...safetyRow(t)]);
    expect(safety?.buttons).toEqual([...(['safe', 'not_really', 'danger', 'doctor'] as const).map((answer) => ({ text: t.helpline(`safety.${answer}`), data: `h:y|${answer}` })), ...safetyRow(t)]);
    expect(menu?.buttons).toEqual([...(['check', 'worried', 'offer', 'services', 'privacy'] as const).map((item) => ({ text: t.helpline(`menu.${item}`), data: `h:m|${item}` })), ...safetyRow(t)]);

    expect(db.contact(person.userId)).toMatchObject({ language, source: null });
    expect(db.conversations(person.userId)).toEqual([]);
    const cases = db.cases(person.userId);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ status: 'pending', trigger: 'request', level: 'INFO', language, conversationId: null });
  });

  it('starts the young-person flow for someone under 18, in the language they chose rather than their app’s', async () => {
    const person = users.young;
    const t = textsIn('it');
    await toMenu(person, t);
    await pressUntil(person, 'h:m|check', t.helpline('age.text'));
    const replies = await pressUntil(person, 'h:a|yes', t.youngPerson('school.text'));

    // "Safe" and "under 18" were answered on the bot's screens: not asked again; Back still leads to them.
    expect(replies.map((reply) => reply.text)).toEqual([t.youngPerson('intro.text'), t.youngPerson('school.text')]);
    expect(last(replies).buttons).toEqual([
      ...(['yes_regularly', 'sometimes', 'stopped', 'never'] as const).map((code) => ({ text: t.youngPerson(`school.${code}`), data: `h:c|school|${code}` })),
      { text: t.flows('skip'), data: 'h:s|school' },
      { text: t.flows('back'), data: 'h:b' },
      ...safetyRow(t),
    ]);
    expect(db.conversations(person.userId)).toEqual([expect.objectContaining({ flowId: 'helpline/young-person', language: 'it', status: 'active' })]);
    expect(db.cases(person.userId)).toEqual([]);
  });

  it('hears urgent words typed in the middle of the self-check: one urgent message, an urgent case, then the same question again on a tap', async () => {
    const person = users.urgent;
    const t = textsIn('sq');
    const where = last(await enterScreening(person, t, { age: 30, next: 'where' }));
    expect(db.cases(person.userId)).toEqual([]);

    await person.sendText('më morën pasaportën');
    const urgent = await person.waitForReply((reply) => reply.text.includes(t.handoff('person.nobody_urgent')));
    expect(urgent.map((reply) => reply.text)).toEqual([t.urgentNobodyOnCall()]);
    // The words are not taken as an answer to a button question: no hint, the question again on a tap.
    const replies = await pressUntil(person, 'h:r|yes', t.selfCheck('where.text'));
    expect(last(replies).buttons).toEqual(where.buttons);
    const cases = db.cases(person.userId);
    expect(cases).toHaveLength(1);
    const [conversation] = db.conversations(person.userId);
    expect(cases[0]).toMatchObject({ trigger: 'urgent', level: 'URGENT', status: 'pending', language: 'sq', conversationId: conversation?.id });
    expect(JSON.parse(cases[0]!.summary)).toMatchObject({ flowId: 'helpline/self-check', urgentWords: 'passport_taken' });
    expect(conversation).toMatchObject({ status: 'active', reachedPerson: 1 });
    // The log says that urgent words came, never what was written. It reaches the test by
    // another pipe than the replies, so it may come a little later.
    const warned = (lines: LogLine[]) => lines.some((line) => line.msg === 'urgent words in a message' && line.words === 'passport_taken');
    expect(warned(await eventually(() => harness.logs(), warned))).toBe(true);
    expect(harness.output.join('\n')).not.toMatch(/pasaport/i);
  });

  /** Waits until Ura has recorded the id of the last message it sent, which it does right after sending it. */
  async function recorded(person: EmulatedUser) {
    const id = last(harness.emulator!.historyOf(person.userId)).messageId;
    expect(
      await eventually(
        () => db.messageIds(person.userId),
        (ids) => ids.includes(id),
      ),
    ).toContain(id);
  }

  /** Ids of everything still in the chat: the bot's messages and the person's own. */
  const chatContents = (person: EmulatedUser) => ({
    bot: harness.emulator!.sentTo(person.userId).map((reply) => reply.messageId),
    person: harness.emulator!.userMessagesIn(person.userId),
  });

  /**
   * Waits until Ura has deleted these messages and the chat is empty, then proves that
   * nothing was sent since, and that Ura forgot the deleted ids, by asking for the menu.
   */
  async function expectWipedSilently(person: EmulatedUser, t: Texts, ids: number[], sentBefore: number) {
    const deleted = (deletions: Deletion[]) => ids.filter((id) => !deletions.some((deletion) => deletion.messageId === id && deletion.found));
    expect(
      deleted(
        await eventually(
          () => harness.emulator!.deletionsIn(person.userId),
          (deletions) => deleted(deletions).length === 0,
        ),
      ),
    ).toEqual([]);
    expect(chatContents(person)).toEqual({ bot: [], person: [] });

    // Updates of one chat are handled in order: once /help is answered, the exit has ended.
    await person.sendCommand('help');
    const help = last(harness.emulator!.userMessagesIn(person.userId));
    const menu = last(await person.waitForReply((reply) => reply.text === t.helpline('menu.text')));
    expect(transcript(person).slice(sentBefore)).toEqual([t.helpline('menu.text')]);
    expect(db.conversations(person.userId).filter((conversation) => conversation.status === 'active')).toEqual([]);
    // Of the ids of the chat's messages only those written after the exit are kept (the
    // menu's is recorded right after it is sent).
    expect(
      await eventually(
        () => db.messageIds(person.userId),
        (rows) => rows.length >= 2,
      ),
    ).toEqual([help, menu.messageId]);
  }

  it('/exit deletes every message of the chat, the bot’s and the person’s, and sends nothing', async () => {
    const person = users.exits;
    const t = textsIn('en');
    await enterScreening(person, t, { age: 30, next: 'where' });
    await person.sendText('Tirana');
    // A typed answer to a button question: a hint, then the question again.
    await person.waitForReply((reply) => reply.text === t.flows('hint.choose'));
    await person.waitForReply((reply) => reply.text === t.selfCheck('where.text'));
    const before = chatContents(person);
    const sentBefore = transcript(person).length;
    expect(before.bot).toHaveLength(sentBefore);
    expect(before.person).toHaveLength(2); // /start and "Tirana"; button presses are not messages
    expect(db.conversations(person.userId)).toEqual([expect.objectContaining({ flowId: 'helpline/self-check', status: 'active' })]);

    await person.sendCommand('exit');
    const exitCommand = last(harness.emulator!.userMessagesIn(person.userId));
    const everything = [...before.bot, ...before.person, exitCommand];
    await expectWipedSilently(person, t, everything, sentBefore);
    expect(db.conversations(person.userId)).toEqual([expect.objectContaining({ status: 'ended', outcome: 'abandoned' })]);
  });

  it('the Exit button does the same from any screen', async () => {
    const person = users.exitButton;
    const t = textsIn('sq');
    await person.sendCommand('start');
    await person.waitForReply((reply) => reply.text === t.helpline('language.prompt'));
    await pressUntil(person, 'h:l|sq', t.helpline('notice.text', { days: RETENTION_DAYS }));
    await pressUntil(person, 'h:o', t.helpline('safety.text'));
    const before = chatContents(person);
    const sentBefore = transcript(person).length;
    expect(before).toMatchObject({ bot: [expect.any(Number), expect.any(Number), expect.any(Number)], person: [expect.any(Number)] });

    await person.press('h:x');
    await expectWipedSilently(person, t, [...before.bot, ...before.person], sentBefore);
  });

  it('/delete, once confirmed, leaves no row about the person, and every row about someone else', async () => {
    const { erased, stays } = users;
    const en = textsIn('en');
    const sq = textsIn('sq');
    for (const [person, t] of [
      [erased, en],
      [stays, sq],
    ] as const) {
      await toMenu(person, t);
      await pressUntil(person, 'h:m|check', t.helpline('age.text'));
      await person.press('h:a|no');
      await person.waitForReply((reply) => reply.text === t.selfCheck('where.text'));
      await pressUntil(person, 'h:p', t.nobodyOnCall({ answers: true }));
      await recorded(person);
    }
    const erasedContact = db.contactId(erased.userId);
    const erasedRows = db.rowsOf(erased.userId);
    const staysRows = db.rowsOf(stays.userId);
    for (const rows of [erasedRows, staysRows]) {
      expect(rows).toMatchObject({ Contact: 1, Conversation: 1, HelpCase: 1, ChatSession: 1 });
      expect(rows.ChatMessage).toBeGreaterThan(0);
    }
    const totalsBefore = db.counts();

    await erased.sendCommand('delete');
    const confirm = last(await erased.waitForReply((reply) => reply.text === en.helpline('delete.confirm')));
    expect(confirm.buttons).toEqual([{ text: en.helpline('delete.yes'), data: 'h:z|yes' }, { text: en.helpline('delete.no'), data: 'h:z|no' }, ...safetyRow(en)]);
    await pressUntil(erased, 'h:z|yes', en.helpline('delete.done'));

    const none = Object.fromEntries(TABLES.map((table) => [table, 0]));
    // The chat's state is removed after the last reply, as the update ends.
    expect(
      await eventually(
        () => db.rowsOf(erased.userId, erasedContact),
        (rows) => rows.ChatSession === 0,
      ),
    ).toEqual(none);
    expect(db.contactId(erased.userId)).toBeUndefined();
    expect(db.rowsOf(stays.userId)).toEqual(staysRows);
    // The erased person's request stays for the statistics, forgotten: linked to no one.
    const gone = { ...erasedRows, HelpCase: 0 };
    expect(db.counts()).toEqual(Object.fromEntries(TABLES.map((table) => [table, totalsBefore[table] - gone[table]])));
    expect(db.cases(stays.userId)).toEqual([expect.objectContaining({ trigger: 'request', status: 'pending' })]);
  });

  it('said everything in messages Telegram protects from forwarding and saving', () => {
    const sent = harness.emulator!.server.storage.botMessages;
    expect(sent.length).toBeGreaterThan(0);
    for (const stored of sent) expect(stored.message, stored.message.text).toMatchObject({ protect_content: true });
  });
});
