import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { callsTo, helplineBot, textsTo, toMenu } from '../support/helpline-bot.js';
import { callbackQuery, command, privateText } from '../support/updates.js';

type Harness = Awaited<ReturnType<typeof helplineBot>>;

const PERSON = 70_201;
const OTHER = 70_202;
const OPERATOR = 9101;

/** Ids of the messages Telegram says were put in a chat (by the bot or the outbox). */
const idsSentTo = (h: Harness, chatId: number) =>
  callsTo(h, chatId).flatMap((call) => {
    const result = call.result;
    return typeof result === 'object' && result !== null && 'message_id' in result && typeof result.message_id === 'number' ? [result.message_id] : [];
  });
const deletedIn = (h: Harness, chatId: number) =>
  callsTo(h, chatId).flatMap((call) => (call.method === 'deleteMessages' ? (call.payload.message_ids as number[]) : call.method === 'deleteMessage' ? [call.payload.message_id as number] : []));

/** A message in the person's chat carrying something other than text. */
function personMessage(chatId: number, content: Record<string, unknown>): Update {
  const update = privateText('', { userId: chatId, languageCode: 'en' });
  const { text: _text, ...message } = update.message!;
  return { ...update, message: { ...message, ...content } } as Update;
}

const CONTACT_CARD = { contact: { phone_number: '+355691234567', first_name: 'Ana', user_id: 555 } };
const LOCATION = { location: { latitude: 41.3275, longitude: 19.8187 } };
const LIVE_LOCATION = { location: { latitude: 41.3275, longitude: 19.8187, live_period: 900 } };
const VENUE = { location: { latitude: 41.3275, longitude: 19.8187 }, venue: { location: { latitude: 41.3275, longitude: 19.8187 }, title: 'Bar', address: 'Rruga e Durrësit 1' } };

describe.each(PROVIDERS_UNDER_TEST)("the help-seeker's chat at its edges on $name", ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });

  async function setUp(): Promise<Harness> {
    const prisma = database.db.prisma;
    for (const table of ['caseEvent', 'caseMessage', 'outboxMessage', 'helpCase', 'conversation', 'chatMessage', 'chatSession', 'contact', 'operator', 'shift'] as const) {
      await (prisma[table] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
    }
    return helplineBot({ database });
  }
  const settle = (h: Harness) => h.parts.outbox.idle();

  /** A person in a live chat with an operator; returns both and the case code. */
  async function liveChat(h: Harness) {
    await h.db.prisma.operator.create({
      data: { id: 'op-1', telegramId: String(OPERATOR), pseudonym: 'Arta', role: 'operator', languages: '["en","sq"]', skills: '[]', createdAt: new Date('2026-05-01T08:00:00Z'), presence: 'on' },
    });
    const operator = h.person({ userId: OPERATOR, languageCode: 'en' });
    const person = h.person({ userId: PERSON, languageCode: 'en' });
    await toMenu(person, 'en');
    await person.press('p');
    await settle(h);
    const { code } = await h.db.prisma.helpCase.findFirstOrThrow();
    await operator.press(`h|take|${code}`);
    await settle(h);
    expect(await h.db.prisma.helpCase.findFirstOrThrow()).toMatchObject({ status: 'active' });
    return { person, operator, code };
  }

  it.skipIf(skip)('relays every message of a burst in a live chat to the operator, in order, and never asks the person to slow down', async () => {
    const h = await setUp();
    const { person, code } = await liveChat(h);
    const words = Array.from({ length: 60 }, (_, i) => `message ${i + 1}`);
    for (const text of words) await person.say(text);
    await settle(h);
    expect(textsTo(h, OPERATOR).filter((text) => text.startsWith(`[${code}] `))).toEqual(words.map((text) => `[${code}] ${text}`));
    expect(textsTo(h, PERSON)).not.toContain(h.i18n.t('en', 'helpline:hint.slow_down'));
    expect(await h.db.prisma.caseMessage.count({ where: { author: 'person' } })).toBe(60);
  });

  it.skipIf(skip)('keeps every message of a burst for whoever takes a waiting case', async () => {
    const h = await setUp();
    const person = h.person({ userId: PERSON, languageCode: 'en' });
    await toMenu(person, 'en');
    await person.press('p');
    for (let i = 1; i <= 40; i++) await person.say(`waiting ${i}`);
    expect(await h.db.prisma.caseMessage.count({ where: { author: 'person' } })).toBe(40);
    expect(textsTo(h, PERSON)).not.toContain(h.i18n.t('en', 'helpline:hint.slow_down'));
  });

  it.skipIf(skip)('lets the exit through a flood, and deletes every message that was in the chat: the flood, the slow-down notice and an error reply', async () => {
    const h = await setUp();
    const person = h.person({ userId: PERSON, languageCode: 'en' });
    await toMenu(person, 'en');
    const typed: number[] = [];
    const type = async (update: Update) => {
      typed.push(update.message!.message_id);
      await h.handle(update);
    };
    for (let i = 0; i < 30; i++) await type(privateText(`hello ${i}`, { userId: PERSON, languageCode: 'en' }));
    expect(textsTo(h, PERSON).filter((text) => text === h.i18n.t('en', 'helpline:hint.slow_down'))).toHaveLength(1);
    h.clock.advance(61_000);
    // Telegram refuses a reply: the person gets the apology instead.
    h.api.failNext('sendMessage', 400, 'Bad Request: message is too long');
    await type(command('privacy', '', { userId: PERSON, languageCode: 'en' }));
    expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('en', 'common:errors.generic'));
    // Another flood, so that the exit comes while the person is over the limit.
    for (let i = 0; i < 25; i++) await type(privateText(`again ${i}`, { userId: PERSON, languageCode: 'en' }));
    const exit = command('exit', '', { userId: PERSON, languageCode: 'en' });
    await type(exit);
    const inChat = [...typed, ...idsSentTo(h, PERSON)];
    expect(inChat.length).toBeGreaterThan(60);
    expect(deletedIn(h, PERSON)).toEqual(expect.arrayContaining(inChat));
    expect(await h.db.prisma.chatMessage.count()).toBe(0);
  });

  it.skipIf(skip)(
    'opens no urgent case for an ordinary request for help, in any language, and an urgent one for thoughts of suicide',
    async () => {
      const h = await setUp();
      const person = h.person({ userId: PERSON, languageCode: 'sq' });
      await toMenu(person, 'sq');
      await person.say('Kam nevojë për ndihmë për të gjetur punë');
      const other = h.person({ userId: OTHER, languageCode: 'en' });
      await toMenu(other, 'en');
      await other.say('I have my passport with me');
      // Both are offered the menu again, as for any message outside a flow, and nobody is paged.
      expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('sq', 'helpline:menu.text'));
      expect(textsTo(h, OTHER).at(-1)).toBe(h.i18n.t('en', 'helpline:menu.text'));
      expect(await h.db.prisma.helpCase.count()).toBe(0);

      const before = textsTo(h, PERSON).length;
      await person.say("s'dua me jetu ma");
      expect(await h.db.prisma.helpCase.findFirst()).toMatchObject({ trigger: 'urgent', level: 'URGENT' });
      expect(JSON.parse((await h.db.prisma.helpCase.findFirstOrThrow()).summary)).toMatchObject({ urgentWords: 'suicide' });
      // One message: the numbers, a line for thoughts of self-harm, and the way out.
      const answers = textsTo(h, PERSON).slice(before);
      expect(answers).toHaveLength(1);
      expect(answers[0]).toContain(h.i18n.t('sq', 'urgent:self_harm_hint'));
      expect(answers[0]).toContain(h.i18n.t('sq', 'helpline:urgent.exit'));
    },
    45_000,
  );

  it.skipIf(skip)(
    "hears urgent words before a language is chosen, in the Telegram app's language and in Albanian",
    async () => {
      const h = await setUp();
      const person = h.person({ userId: PERSON, languageCode: 'en' });
      await person.start();
      await person.say('më rrahin');
      expect(await h.db.prisma.helpCase.findFirst()).toMatchObject({ trigger: 'urgent', level: 'URGENT' });
      const other = h.person({ userId: OTHER, languageCode: 'it' });
      await other.start();
      await other.say('mi hanno preso il passaporto');
      expect(await h.db.prisma.helpCase.count()).toBe(2);
    },
    45_000,
  );

  it.skipIf(skip)('hears urgent words written in the middle of a flood, and asks the flood to slow down kindly, with the way out at hand', async () => {
    const h = await setUp();
    const person = h.person({ userId: PERSON, languageCode: 'sq' });
    await toMenu(person, 'sq');
    for (let i = 0; i < 25; i++) await person.say(`përshëndetje ${i}`);
    const notice = h.api.calls.find((call) => call.payload.text === h.i18n.t('sq', 'helpline:hint.slow_down'));
    expect(notice?.payload.reply_markup).toMatchObject({ inline_keyboard: [[{ callback_data: 'h:p' }, { callback_data: 'h:x' }]] });
    await person.say('ndihmë, më morën pasaportën');
    expect(await h.db.prisma.helpCase.findFirst()).toMatchObject({ trigger: 'urgent', level: 'URGENT' });
    expect(textsTo(h, PERSON).at(-1)).toContain(h.i18n.t('sq', 'helpline:urgent.elsewhere'));
  });

  it.skipIf(skip)('lets the exit button through a flood of button presses', async () => {
    const h = await setUp();
    const person = h.person({ userId: PERSON, languageCode: 'en' });
    await toMenu(person, 'en');
    for (let i = 0; i < 100; i++) await person.press('m|privacy');
    const before = deletedIn(h, PERSON).length;
    await person.press('x');
    expect(deletedIn(h, PERSON).length).toBeGreaterThan(before);
    expect(await h.db.prisma.chatMessage.count()).toBe(0);
  });

  it.skipIf(skip)("ignores a forged update whose sender is not the chat's owner: the operator's next words still reach the person", async () => {
    const h = await setUp();
    const { operator } = await liveChat(h);
    // Long enough for Ura to record the person's visit again (and so their chat address).
    h.clock.advance(11 * 60_000);
    const calls = h.api.calls.length;
    // From the person, but carrying someone else's chat.
    const forged = callbackQuery('y|safe', { userId: PERSON, languageCode: 'en' });
    forged.callback_query!.message!.chat = { id: OTHER, type: 'private', first_name: 'x' };
    await h.handle(forged);
    const forgedText = privateText('hello', { userId: PERSON, languageCode: 'en' });
    forgedText.message!.chat = { id: OTHER, type: 'private', first_name: 'x' };
    await h.handle(forgedText);
    await settle(h);
    expect(h.api.calls.slice(calls)).toEqual([]);
    await operator.say('Are you safe now?');
    await settle(h);
    expect(textsTo(h, PERSON).at(-1)).toBe('Arta: Are you safe now?');
    expect(callsTo(h, OTHER)).toEqual([]);
  });

  it.skipIf(skip)('refuses contact cards, locations and venues from the person, kindly, and relays or keeps none of them', async () => {
    const h = await setUp();
    await liveChat(h);
    const toOperator = callsTo(h, OPERATOR).length;
    const stored = await h.db.prisma.caseMessage.count();
    for (const content of [CONTACT_CARD, LOCATION, LIVE_LOCATION, VENUE]) {
      await h.handle(personMessage(PERSON, content));
      expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('en', 'helpline:hint.private_details'));
    }
    await settle(h);
    expect(callsTo(h, OPERATOR).slice(toOperator)).toEqual([]);
    expect(await h.db.prisma.caseMessage.count()).toBe(stored);
    expect(await h.db.prisma.outboxMessage.count({ where: { status: 'queued' } })).toBe(0);
    // Outside a chat too: the same words, not the hint about media.
    const other = h.person({ userId: OTHER, languageCode: 'sq' });
    await toMenu(other, 'sq');
    await h.handle(personMessage(OTHER, CONTACT_CARD));
    expect(textsTo(h, OTHER).at(-1)).toBe(h.i18n.t('sq', 'helpline:hint.private_details'));
  });

  it.skipIf(skip)('refuses contact cards and locations from the operator, and tells them nothing was sent', async () => {
    const h = await setUp();
    await liveChat(h);
    const toPerson = callsTo(h, PERSON).length;
    for (const content of [CONTACT_CARD, LOCATION, VENUE]) {
      await h.handle(personMessage(OPERATOR, content));
      expect(textsTo(h, OPERATOR).at(-1)).toBe(h.i18n.t('en', 'handoff:console.private_details'));
    }
    await settle(h);
    expect(callsTo(h, PERSON).slice(toPerson)).toEqual([]);
    expect(await h.db.prisma.caseMessage.count({ where: { author: 'operator' } })).toBe(0);
  });
});
