import { afterEach, describe, expect, it } from 'vitest';
import { FORGOTTEN_CONTACT } from '../../src/helpline/retention.js';
import { helplineBot, toMenu } from '../support/helpline-bot.js';

type Harness = Awaited<ReturnType<typeof helplineBot>>;
const opened: Harness[] = [];
afterEach(async () => {
  for (const harness of opened.splice(0)) await harness.dispose();
});
async function setUp() {
  const harness = await helplineBot();
  opened.push(harness);
  return harness;
}

/** Through language, notice and safety to the menu. */
describe('the help-seeking conversation on Telegram', () => {
  it('asks the language first, pre-selected from the client, and records only an anonymous campaign source', async () => {
    const h = await setUp();
    await h.person({ userId: 70001, languageCode: 'en' }).start('src_poster_fier');
    expect(h.textsSince(0)).toEqual([h.i18n.t('en', 'helpline:language.prompt')]);
    expect(h.lastButtons().slice(0, 2)).toEqual([
      ['Shqip', 'h:l|sq'],
      ['✓ English', 'h:l|en'],
    ]);
    expect(h.lastButtons().slice(-2)).toEqual([
      ['Talk to a person', 'h:p'],
      ['Exit', 'h:x'],
    ]);
    const contact = await h.db.prisma.contact.findFirstOrThrow();
    expect(contact.source).toBe('poster_fier');
    expect(contact.idHash).toBe(h.identity.hashId('user', 70001));
  });

  it('shows what Ura is and keeps, checks safety, then offers the menu', async () => {
    const h = await setUp();
    const person = h.person({ userId: 70002, languageCode: 'sq' });
    await toMenu(person, 'sq');
    const texts = h.textsSince(0);
    expect(texts[1]).toBe(h.i18n.t('sq', 'helpline:notice.text', { days: 30 }));
    expect(texts[2]).toBe(h.i18n.t('sq', 'helpline:safety.text'));
    expect(texts.at(-1)).toBe(h.i18n.t('sq', 'helpline:menu.text'));
    expect(h.lastButtons().map(([, data]) => data)).toEqual(['h:m|check', 'h:m|worried', 'h:m|offer', 'h:m|services', 'h:m|privacy', 'h:p', 'h:x']);
  });

  it('starts the adult self-check, or the young-person flow for under-18s, without asking again what the person already answered', async () => {
    const h = await setUp();
    const adult = h.person({ userId: 70003, languageCode: 'en' });
    await toMenu(adult, 'en');
    await adult.press('m|check');
    await adult.press('a|no');
    expect(h.textsSince(0).at(-1)).toBe(h.i18n.t('en', 'helpline.self-check:where.text'));
    const child = h.person({ userId: 70004, languageCode: 'en' });
    await toMenu(child, 'en');
    await child.press('m|check');
    await child.press('a|yes');
    expect(h.textsSince(0).at(-1)).toBe(h.i18n.t('en', 'helpline.young-person:school.text'));
    expect((await h.db.prisma.conversation.findMany()).map((c) => c.flowId).sort()).toEqual(['helpline/self-check', 'helpline/young-person']);
  });

  it('does not ask a young person again whether they are safe and under 18, and the operator still reads both answers', async () => {
    const h = await setUp();
    const child = h.person({ userId: 70016, languageCode: 'sq' });
    await toMenu(child, 'sq');
    const before = h.sentCount();
    await child.press('m|check');
    await child.press('a|yes');
    const texts = h.textsSince(before);
    expect(texts).not.toContain(h.i18n.t('sq', 'helpline.young-person:safety.text'));
    expect(texts).not.toContain(h.i18n.t('sq', 'helpline.young-person:age.text'));
    expect(texts.at(-1)).toBe(h.i18n.t('sq', 'helpline.young-person:school.text'));
    await child.press('p');
    const helpCase = await h.db.prisma.helpCase.findFirstOrThrow();
    expect(helpCase.ageBand).toBe('child');
    expect(JSON.parse(helpCase.summary).answers).toEqual({ safety: { kind: 'choice', code: 'safe' }, age: { kind: 'choice', code: 'under_18' } });
  });

  it("asks the flow's safety question of someone who went to the menu without answering the bot's", async () => {
    const h = await setUp();
    const child = h.person({ userId: 70017, languageCode: 'en' });
    await child.start();
    await child.press('l|en');
    await child.command('menu');
    await child.press('m|check');
    await child.press('a|yes');
    expect(h.textsSince(0).at(-1)).toBe(h.i18n.t('en', 'helpline.young-person:safety.text'));
    await child.press('c|safety|safe');
    // The age was given on the bot's screen: not asked again.
    expect(h.textsSince(0).at(-1)).toBe(h.i18n.t('en', 'helpline.young-person:school.text'));
  });

  it('asks the flow\'s safety question again of someone who said "safe" and later "I\'m in danger now"', async () => {
    const h = await setUp();
    const person = h.person({ userId: 70020, languageCode: 'en' });
    await toMenu(person, 'en');
    await person.start();
    await person.press('y|danger');
    await person.command('menu');
    await person.press('m|check');
    await person.press('a|no');
    expect(h.textsSince(0).at(-1)).toBe(h.i18n.t('en', 'helpline.self-check:safety.text'));
  });

  it('speaks to a young person as "ti" in the hints of the young-person flow, and as "ju" in the adult one', async () => {
    const h = await setUp();
    const child = h.person({ userId: 70018, languageCode: 'sq' });
    await toMenu(child, 'sq');
    await child.press('m|check');
    await child.press('a|yes');
    await child.say('po');
    expect(h.textsSince(0)).toContain(h.i18n.t('sq', 'flows:hint_young.choose'));
    expect(h.i18n.t('sq', 'flows:hint_young.choose')).not.toMatch(/\bju\b|zgjidhni/i);
    const adult = h.person({ userId: 70019, languageCode: 'sq' });
    await toMenu(adult, 'sq');
    await adult.press('m|check');
    await adult.press('a|no');
    const before = h.sentCount();
    await adult.say('po');
    expect(h.textsSince(before)).toContain(h.i18n.t('sq', 'flows:hint.choose'));
  });

  it('hears urgent words in the middle of a flow: one message with the numbers at once, an urgent case, and the question again on a tap', async () => {
    const h = await setUp();
    const person = h.person({ userId: 70005, languageCode: 'sq' });
    await toMenu(person, 'sq');
    await person.press('m|check');
    await person.press('a|no');
    const before = h.sentCount();
    await person.say('ndihmë, më morën pasaportën');
    const texts = h.textsSince(before);
    expect(texts).toHaveLength(1);
    // The country is not known yet: the number that works widely, Albania's named as Albania's, and the question.
    expect(texts[0]).toContain(h.i18n.t('sq', 'helpline:urgent.elsewhere'));
    expect(texts[0]).toContain(h.i18n.t('sq', 'helpline:urgent.which_country'));
    // Nobody is on call in this test: the person is told so, honestly.
    expect(texts[0]).toContain(h.i18n.t('sq', 'handoff:person.nobody_urgent'));
    const helpCase = await h.db.prisma.helpCase.findFirstOrThrow();
    expect(helpCase).toMatchObject({ trigger: 'urgent', level: 'URGENT', status: 'pending' });
    expect(helpCase.code).toMatch(/^[2-9A-Z]{2}-[2-9A-Z]{3}$/);
    expect(h.lastButtons().map(([, data]) => data)).toContain('h:r|yes');
    await person.press('r|yes');
    expect(h.textsSince(before).at(-1)).toBe(h.i18n.t('sq', 'helpline.self-check:where.text'));
  });

  it('records a request for a person as a pending case, once, and says what the person will see', async () => {
    const h = await setUp();
    await h.db.prisma.operator.create({ data: { id: 'op-1', telegramId: '9001', role: 'operator', languages: '["en"]', skills: '[]', createdAt: new Date(), presence: 'on' } });
    const person = h.person({ userId: 70006, languageCode: 'en' });
    await toMenu(person, 'en');
    await person.press('p');
    await person.press('p');
    const requested = `${h.i18n.t('en', 'helpline:person.requested')}\n\n${h.i18n.t('en', 'helpline:person.quiet_tip')}`;
    expect(h.textsSince(0).filter((text) => text === requested)).toHaveLength(2);
    expect(await h.db.prisma.helpCase.count()).toBe(1);
  });

  it('says, when a person is asked for in the middle of a flow, that the team will see the answers so far', async () => {
    const h = await setUp();
    await h.db.prisma.operator.create({ data: { id: 'op-1', telegramId: '9001', role: 'operator', languages: '["en"]', skills: '[]', createdAt: new Date(), presence: 'on' } });
    const person = h.person({ userId: 70017, languageCode: 'en' });
    await toMenu(person, 'en');
    await person.press('m|check');
    await person.press('a|no');
    await person.press('c|safety|safe');
    const before = h.sentCount();
    await person.press('p');
    const [told] = h.textsSince(before);
    expect(told).toContain('The team will also see the answers you have given here so far.');
    expect(told).toContain(h.i18n.t('en', 'helpline:person.quiet_tip'));
    expect(told).not.toContain(h.i18n.t('en', 'helpline:person.limits_young'));
  });

  it('tells a young person who asks for someone, in their own words, when child protection is told', async () => {
    const h = await setUp();
    const person = h.person({ userId: 70018, languageCode: 'sq' });
    await toMenu(person, 'sq');
    await person.press('m|check');
    await person.press('a|yes');
    const before = h.sentCount();
    await person.press('p');
    const [told] = h.textsSince(before);
    expect(told).toContain("«Do t'u tregoni prindërve të mi apo policisë?»");
    expect(told).toContain(h.i18n.t('sq', 'helpline:person.quiet_tip'));
  });

  it('tells a person honestly when nobody is on call, with the numbers that answer now, and keeps the request', async () => {
    const h = await setUp();
    const person = h.person({ userId: 70016, languageCode: 'en' });
    await toMenu(person, 'en');
    await person.press('p');
    expect(h.textsSince(0).at(-1)).toBe(`${h.i18n.t('en', 'handoff:person.nobody')}\n\n${h.i18n.t('en', 'helpline:person.quiet_tip')}`);
    expect(h.textsSince(0).at(-1)).toMatch(/116 006/);
    expect(await h.db.prisma.helpCase.findFirstOrThrow()).toMatchObject({ status: 'pending' });
  });

  it('asks someone who comes back whether they can talk safely, then offers to continue', async () => {
    const h = await setUp();
    const person = h.person({ userId: 70007, languageCode: 'en' });
    await toMenu(person, 'en');
    await person.press('m|check');
    await person.press('a|no');
    await person.start();
    expect(h.textsSince(0).at(-1)).toBe(h.i18n.t('en', 'helpline:safety.text'));
    await person.press('y|safe');
    expect(h.textsSince(0).at(-1)).toBe(h.i18n.t('en', 'helpline:resume.text'));
    await person.press('r|yes');
    expect(h.textsSince(0).at(-1)).toBe(h.i18n.t('en', 'helpline.self-check:where.text'));
  });

  it('on exit deletes the chat messages it can and sends nothing that shows the topic', async () => {
    const h = await setUp();
    const person = h.person({ userId: 70008, languageCode: 'en' });
    await toMenu(person, 'en');
    await person.press('m|check');
    const before = h.sentCount();
    await person.command('exit');
    expect(h.sentCount()).toBe(before);
    const deleted = h.api.calls.filter((call) => call.method === 'deleteMessages').flatMap((call) => call.payload.message_ids as number[]);
    expect(deleted.length).toBeGreaterThanOrEqual(before + 1); // every bot message and the person's own
    expect(await h.db.prisma.chatMessage.count()).toBe(0);
  });

  it('erases everything about the person after /delete is confirmed', async () => {
    const h = await setUp();
    const person = h.person({ userId: 70009, languageCode: 'en' });
    await toMenu(person, 'en');
    await person.press('m|check');
    await person.press('a|no');
    await person.press('p');
    await person.command('delete');
    await person.press('z|yes');
    expect(h.textsSince(0).at(-1)).toBe(h.i18n.t('en', 'helpline:delete.done'));
    for (const count of [h.db.prisma.contact.count(), h.db.prisma.conversation.count(), h.db.prisma.chatMessage.count(), h.db.prisma.chatSession.count()]) {
      expect(await count).toBe(0);
    }
    // The request stays only as the statistics count it, out of the queue and linked to no one.
    expect(await h.db.prisma.helpCase.findMany({ select: { contactId: true, conversationId: true, summary: true, status: true } })).toEqual([
      { contactId: FORGOTTEN_CONTACT, conversationId: null, summary: '{}', status: 'closed' },
    ]);
  });

  it('answers photos, old buttons and forwarded messages with a short hint and keeps its place', async () => {
    const h = await setUp();
    const person = h.person({ userId: 70010, languageCode: 'en' });
    await toMenu(person, 'en');
    const before = h.sentCount();
    await h.handle({
      update_id: 990001,
      message: { message_id: 5001, date: 0, chat: { id: 70010, type: 'private', first_name: 'x' }, from: { id: 70010, is_bot: false, first_name: 'x' }, photo: [] },
    });
    await person.press('c|nowhere|x');
    await h.handle({
      update_id: 990002,
      message: {
        message_id: 5002,
        date: 0,
        chat: { id: 70010, type: 'private', first_name: 'x' },
        from: { id: 70010, is_bot: false, first_name: 'x' },
        text: 'SOS they took my passport',
        forward_origin: { type: 'hidden_user', date: 0, sender_user_name: 'someone' },
      },
    });
    expect(h.textsSince(before)).toEqual([
      h.i18n.t('en', 'helpline:hint.media'),
      h.i18n.t('en', 'helpline:hint.stale'),
      h.i18n.t('en', 'helpline:menu.text'),
      h.i18n.t('en', 'helpline:hint.forwarded'),
    ]);
    expect(await h.db.prisma.helpCase.count()).toBe(0);
  });

  it('asks a flood to slow down once, then drops it', async () => {
    const h = await setUp();
    const person = h.person({ userId: 70011, languageCode: 'en' });
    for (let i = 0; i < 30; i++) await person.command('privacy');
    const texts = h.textsSince(0);
    expect(texts.filter((text) => text === h.i18n.t('en', 'helpline:hint.slow_down'))).toHaveLength(1);
    expect(texts).toHaveLength(21);
  });

  it('shows national services always and those of a county only when the person chose it', async () => {
    const h = await setUp();
    const person = h.person({ userId: 70013, languageCode: 'en' });
    await toMenu(person, 'en');
    await person.press('m|services');
    expect(h.textsSince(0).at(-1)).toBe(h.i18n.t('en', 'helpline:country.prompt'));
    await person.press('k|al');
    expect(h.textsSince(0).at(-1)).toBe(h.i18n.t('en', 'helpline:services.region_prompt'));
    expect(h.lastButtons().map(([, data]) => data)).toContain('h:g|fier');
    await person.press('g|none');
    const national = h.textsSince(0).at(-1) ?? '';
    expect(national).toContain(`${h.i18n.t('en', 'directory:hotline_116006.name')}: 116006`);
    expect(national).not.toContain(h.i18n.t('en', 'directory:prefect_fier.name'));
    expect(national).toContain(h.i18n.t('en', 'helpline:services.emergency', { numbers: '112, 129' }));
    await person.press('g|ask');
    await person.press('g|fier');
    expect(h.textsSince(0).at(-1)).toContain(h.i18n.t('en', 'directory:prefect_fier.name'));
    expect((await h.db.prisma.contact.findFirstOrThrow()).region).toBe('fier');
    // Unverified entries are for operators, not for the person.
    expect(h.textsSince(0).at(-1)).not.toContain(h.i18n.t('en', 'directory:police_fier.name'));
  });

  it("keeps the person's answer when Telegram refuses to deliver the reply", async () => {
    const h = await setUp();
    const person = h.person({ userId: 70014, languageCode: 'en' });
    await toMenu(person, 'en');
    await person.press('m|check');
    await person.press('a|no');
    h.api.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user');
    await person.press('c|where|home_country');
    const conversation = await h.db.prisma.conversation.findFirstOrThrow();
    expect(JSON.parse(conversation.state)).toMatchObject({ current: 'documents', answers: { where: { kind: 'choice', code: 'home_country' } } });
    await person.start();
    await person.press('y|safe');
    await person.press('r|yes');
    expect(h.textsSince(0).at(-1)).toBe(h.i18n.t('en', 'helpline.self-check:documents.text'));
  });

  it('deletes on exit the commands the person typed too', async () => {
    const h = await setUp();
    const person = h.person({ userId: 70015, languageCode: 'en' });
    await toMenu(person, 'en');
    await person.command('privacy');
    await person.command('delete');
    const typed = await h.db.prisma.chatMessage.count();
    await person.command('exit');
    const deleted = h.api.calls.filter((call) => call.method === 'deleteMessages').flatMap((call) => call.payload.message_ids as number[]);
    // Everything the bot sent, and /start, /privacy, /delete and /exit themselves.
    expect(deleted).toHaveLength(typed + 1);
    expect(deleted.length).toBe(h.sentCount() + 4);
  });

  it('ignores groups', async () => {
    const h = await setUp();
    await h.person({ userId: 70012, chatType: 'group' }).start();
    expect(h.api.calls).toEqual([]);
  });
});
