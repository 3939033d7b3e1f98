import { describe, expect, it } from 'vitest';
import { fakeClock, type FakeClock } from '../support/clock.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { callsTo, helplineBot, textsTo, toMenu } from '../support/helpline-bot.js';

type Harness = Awaited<ReturnType<typeof helplineBot>>;
type Person = ReturnType<Harness['person']>;

const PERSON = 70_301;

/** The buttons' data of the last message to the person. */
const lastButtons = (h: Harness) => {
  const markup = callsTo(h, PERSON).at(-1)?.payload.reply_markup as { inline_keyboard?: { callback_data?: string }[][] } | undefined;
  return (markup?.inline_keyboard ?? []).flat().map((b) => b.callback_data ?? '');
};
/** A number as a line of the urgent message or of the services list shows it. */
const calls = (text: string, phone: string) => new RegExp(`(^|\\n)• ${phone}:|: ${phone}( |\\n|$)|: ${phone}\\.?$`).test(text);

describe.each(PROVIDERS_UNDER_TEST)('numbers for the country the person is in, and one urgent message, on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });

  async function setUp(options: { onCall?: boolean; clock?: FakeClock } = {}): Promise<Harness> {
    const prisma = database.db.prisma;
    for (const table of ['caseEvent', 'caseMessage', 'outboxMessage', 'helpCase', 'conversation', 'chatMessage', 'chatSession', 'contact', 'operator', 'shift'] as const) {
      await (prisma[table] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
    }
    if (options.onCall) {
      await prisma.operator.create({
        data: { id: 'op-1', telegramId: '9301', role: 'operator', languages: '["en","sq","it","el"]', skills: '[]', createdAt: new Date('2026-05-01T08:00:00Z'), presence: 'on' },
      });
    }
    return helplineBot({ database, ...(options.clock ? { clock: options.clock } : {}) });
  }

  /** Through the menu to the country question, and a country chosen there. */
  async function chooseCountry(h: Harness, person: Person, country: string) {
    await person.press('m|services');
    expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('en', 'helpline:country.prompt'));
    expect(lastButtons(h)).toEqual(expect.arrayContaining(['h:k|al', 'h:k|xk', 'h:k|mk', 'h:k|me', 'h:k|rs', 'h:k|gr', 'h:k|it', 'h:k|gb', 'h:k|other']));
    await person.press(`k|${country}`);
  }

  it.skipIf(skip)("asks the country with buttons before the first services, and shows Italy's, Greece's or the UK's numbers, never 129", async () => {
    const h = await setUp();
    const person = h.person({ userId: PERSON, languageCode: 'en' });
    await toMenu(person, 'en');
    for (const [country, own] of [
      ['it', ['800290290', '112']],
      ['gr', ['112']],
      ['gb', ['08000121700', '999']],
    ] as const) {
      if (country === 'it') await chooseCountry(h, person, country);
      else {
        // Changed from the services screen, which shows the country chosen before.
        await person.press('m|services');
        expect(lastButtons(h)).toContain('h:k|ask');
        await person.press('k|ask');
        await person.press(`k|${country}`);
      }
      const services = textsTo(h, PERSON).at(-1) ?? '';
      for (const phone of own) expect(calls(services, phone), `${country} ${phone}`).toBe(true);
      expect(services).not.toMatch(/129|116006|116 006/);
      // No county question outside Albania, and no county button.
      expect(lastButtons(h)).not.toContain('h:g|ask');

      const before = callsTo(h, PERSON).length;
      await person.press('y|danger');
      const urgent = textsTo(h, PERSON).slice(-1)[0] ?? '';
      expect(callsTo(h, PERSON).length - before).toBe(1);
      expect(urgent.startsWith(h.i18n.t('en', 'helpline:urgent.numbers_in', { country: h.i18n.t('en', `helpline:countries.${country.toUpperCase()}`) }))).toBe(true);
      for (const phone of own) expect(calls(urgent, phone), `${country} urgent ${phone}`).toBe(true);
      expect(urgent).not.toMatch(/129/);
    }
  });

  it.skipIf(skip)('in Albania asks the county next, and says so plainly when the county has no service of its own', async () => {
    const h = await setUp();
    const person = h.person({ userId: PERSON, languageCode: 'en' });
    await toMenu(person, 'en');
    await chooseCountry(h, person, 'al');
    expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('en', 'helpline:services.region_prompt'));
    await person.press('g|kukes');
    const kukes = textsTo(h, PERSON).at(-1) ?? '';
    expect(kukes).toContain(h.i18n.t('en', 'helpline:services.none_in_county', { county: 'Kukës' }));
    expect(kukes).toContain(h.i18n.t('en', 'helpline:services.emergency', { numbers: '112, 129' }));
    await person.press('g|ask');
    await person.press('g|fier');
    const fier = textsTo(h, PERSON).at(-1) ?? '';
    expect(fier).toContain(h.i18n.t('en', 'directory:prefect_fier.name'));
    expect(fier).not.toContain(h.i18n.t('en', 'helpline:services.none_in_county', { county: 'Fier' }));
  });

  it.skipIf(skip)("sends one urgent message when the country is unknown: numbers that work widely, Albania's, the country buttons, and that nobody is on call", async () => {
    const h = await setUp();
    const person = h.person({ userId: PERSON, languageCode: 'it' });
    await toMenu(person, 'it');
    const before = callsTo(h, PERSON).length;
    await person.press('y|danger');
    expect(callsTo(h, PERSON).length - before).toBe(1);
    const text = textsTo(h, PERSON).at(-1) ?? '';
    const t = (key: string, vars?: Record<string, string>) => h.i18n.t('it', key, vars);
    expect(text.startsWith(t('helpline:urgent.elsewhere'))).toBe(true);
    // Albania's numbers, named as Albania's: never 129 as if it answered everywhere.
    expect(text).toContain(`${t('helpline:urgent.numbers_in', { country: t('helpline:countries.AL') })}\n• 112: `);
    expect(text).toContain(t('helpline:urgent.which_country'));
    expect(text).toContain(t('handoff:person.nobody_urgent'));
    expect(text.endsWith(t('helpline:urgent.exit'))).toBe(true);
    expect(lastButtons(h)).toEqual(expect.arrayContaining(['h:e|it', 'h:e|gr', 'h:e|gb', 'h:e|other', 'h:y|doctor', 'h:p', 'h:x']));
    expect(await database.db.prisma.helpCase.findFirstOrThrow()).toMatchObject({ trigger: 'urgent', level: 'URGENT' });

    // The country from the urgent message: that country's numbers, and no second case.
    await person.press('e|it');
    const italy = textsTo(h, PERSON).at(-1) ?? '';
    expect(italy.startsWith(t('helpline:urgent.numbers_in', { country: t('helpline:countries.IT') }))).toBe(true);
    expect(calls(italy, '800290290')).toBe(true);
    expect(italy).not.toMatch(/129/);
    expect(await database.db.prisma.helpCase.count()).toBe(1);
  });

  it.skipIf(skip)('says honestly that the team was alerted when someone is on call', async () => {
    const h = await setUp({ onCall: true });
    const person = h.person({ userId: PERSON, languageCode: 'en' });
    await toMenu(person, 'en');
    await person.press('y|danger');
    const text = textsTo(h, PERSON).at(-1) ?? '';
    expect(text).toContain(h.i18n.t('en', 'helpline:urgent.team_paged'));
    expect(text).not.toContain(h.i18n.t('en', 'handoff:person.nobody_urgent'));
  });

  it.skipIf(skip)('sends one message on the urgent path of a flow: a danger answer in the self-check, and urgent words typed in it', async () => {
    const h = await setUp();
    const person = h.person({ userId: PERSON, languageCode: 'en' });
    await toMenu(person, 'en');
    await chooseCountry(h, person, 'gr');
    await person.press('m|check');
    await person.press('a|no');
    // Safe at first, then back in the flow (past the age already given) to say it is not.
    await person.press('b');
    await person.press('b');
    let before = callsTo(h, PERSON).length;
    await person.press('c|safety|danger');
    expect(
      callsTo(h, PERSON)
        .map((call) => call.method)
        .slice(before),
    ).toEqual(['sendMessage']);
    const text = textsTo(h, PERSON).at(-1) ?? '';
    expect(text.startsWith(h.i18n.t('en', 'helpline:urgent.numbers_in', { country: 'Greece' }))).toBe(true);
    expect(text).not.toMatch(/129/);
    expect(await database.db.prisma.helpCase.findFirstOrThrow()).toMatchObject({ trigger: 'urgent', level: 'URGENT' });

    // Urgent words typed in the middle of a flow: one message, with a way back to the question.
    await person.press('m|check');
    await person.press('a|no');
    before = callsTo(h, PERSON).length;
    await person.say('they took my passport');
    expect(
      callsTo(h, PERSON)
        .map((call) => call.method)
        .slice(before),
    ).toEqual(['sendMessage']);
    expect(lastButtons(h)).toContain('h:r|yes');
    await person.press('r|yes');
    expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('en', 'helpline.self-check:where.text'));
  });

  it.skipIf(skip)('offers "I need a doctor now" with the danger options: the ambulance number of the person\'s country, and an urgent case', async () => {
    const h = await setUp();
    const person = h.person({ userId: PERSON, languageCode: 'sq' });
    await person.start();
    await person.press('l|sq');
    await person.press('o');
    expect(lastButtons(h)).toEqual(['h:y|safe', 'h:y|not_really', 'h:y|danger', 'h:y|doctor', 'h:p', 'h:x']);
    await person.press('y|safe');
    await person.press('m|services');
    await person.press('k|al');
    await person.press('g|none');
    const before = callsTo(h, PERSON).length;
    await person.press('y|doctor');
    expect(callsTo(h, PERSON).length - before).toBe(1);
    const text = textsTo(h, PERSON).at(-1) ?? '';
    expect(text.startsWith(`${h.i18n.t('sq', 'helpline:urgent.doctor_in', { country: 'Shqipëria' })}\n• 127: `)).toBe(true);
    expect(text).not.toMatch(/116006/);
    expect(lastButtons(h)).not.toContain('h:y|doctor');
    expect(await database.db.prisma.helpCase.findFirstOrThrow()).toMatchObject({ trigger: 'urgent', level: 'URGENT' });
  });

  it.skipIf(skip)('lets "I\'m in danger now" and "I need a doctor now" through a flood of button presses', async () => {
    const h = await setUp();
    const person = h.person({ userId: PERSON, languageCode: 'en' });
    await toMenu(person, 'en');
    for (let i = 0; i < 100; i++) await person.press('m|home');
    const before = callsTo(h, PERSON).length;
    await person.press('m|privacy');
    expect(callsTo(h, PERSON).length).toBe(before); // over the limit: a menu press is dropped
    await person.press('y|danger');
    expect(await database.db.prisma.helpCase.findFirst()).toMatchObject({ trigger: 'urgent', level: 'URGENT' });
    expect(textsTo(h, PERSON).at(-1)).toContain(h.i18n.t('en', 'helpline:urgent.elsewhere'));
    await person.press('y|doctor');
    expect(textsTo(h, PERSON).at(-1)).toContain(h.i18n.t('en', 'helpline:urgent.doctor_elsewhere'));
  });

  it.skipIf(skip)("tells someone in the UK who asks for a person while nobody is on call the UK's numbers, not Albania's", async () => {
    const h = await setUp();
    const person = h.person({ userId: PERSON, languageCode: 'en' });
    await toMenu(person, 'en');
    await chooseCountry(h, person, 'gb');
    await person.press('p');
    const text = textsTo(h, PERSON).at(-1) ?? '';
    expect(text.startsWith(h.i18n.t('en', 'handoff:person.nobody_urgent'))).toBe(true);
    expect(calls(text, '08000121700')).toBe(true);
    expect(calls(text, '999')).toBe(true);
    expect(text).not.toMatch(/129|116 006/);
    expect(await database.db.prisma.helpCase.findFirstOrThrow()).toMatchObject({ status: 'pending' });
  });

  it.skipIf(skip)('gives someone in Greece who writes of suicide one message: the crisis line 1018 first, then the numbers to call now', async () => {
    const h = await setUp();
    const t = (key: string, vars?: Record<string, string>) => h.i18n.t('en', key, vars);
    const person = h.person({ userId: PERSON, languageCode: 'en' });
    await toMenu(person, 'en');
    await chooseCountry(h, person, 'gr');
    const before = callsTo(h, PERSON).length;
    await person.say('I want to kill myself');
    expect(callsTo(h, PERSON).length - before).toBe(1);
    const text = textsTo(h, PERSON).at(-1) ?? '';
    expect(text.startsWith(`${t('helpline:urgent.crisis_in', { country: 'Greece' })}\n• 1018: `)).toBe(true);
    expect(text.indexOf('• 1018: ')).toBeLessThan(text.indexOf('• 112: '));
    expect(text).toContain(t('urgent:self_harm_hint'));
    expect(text).not.toMatch(/129/);
    expect(await database.db.prisma.helpCase.findFirstOrThrow()).toMatchObject({ trigger: 'urgent', level: 'URGENT', country: 'GR' });
  });

  it.skipIf(skip)("with the country unknown, answers a suicidal sentence with the widely working numbers and Albania's; a country chosen there gives its crisis line first", async () => {
    const h = await setUp();
    const t = (key: string, vars?: Record<string, string>) => h.i18n.t('en', key, vars);
    const person = h.person({ userId: PERSON, languageCode: 'en' });
    await toMenu(person, 'en');
    await person.say('I want to kill myself');
    const text = textsTo(h, PERSON).at(-1) ?? '';
    expect(text.startsWith(t('helpline:urgent.elsewhere'))).toBe(true);
    expect(text).toContain(`${t('helpline:urgent.numbers_in', { country: 'Albania' })}\n• 112: `);
    expect(text).toContain(t('helpline:urgent.which_country'));
    expect(text).toContain(t('urgent:self_harm_hint'));
    expect(lastButtons(h)).toEqual(expect.arrayContaining(['h:u|it', 'h:u|gr', 'h:u|gb', 'h:u|al', 'h:u|other']));
    expect(await database.db.prisma.helpCase.findFirstOrThrow()).toMatchObject({ country: null });

    await person.press('u|it');
    const italy = textsTo(h, PERSON).at(-1) ?? '';
    // A line that does not answer day and night says when it does.
    expect(italy.startsWith(`${t('helpline:urgent.crisis_in', { country: 'Italy' })}\n• 0223272327: ${t('directory:italy_telefono_amico.name')} (${t('directory:italy_telefono_amico.hours')})`)).toBe(
      true,
    );
    expect(italy).toContain(t('helpline:urgent.numbers_in', { country: 'Italy' }));
    expect(calls(italy, '800290290')).toBe(true);
    expect(italy).toContain(t('urgent:self_harm_hint'));
    expect(italy).not.toMatch(/129/);
    // The same case, which now knows the country.
    expect(await database.db.prisma.helpCase.count()).toBe(1);
    expect(await database.db.prisma.helpCase.findFirstOrThrow()).toMatchObject({ country: 'IT' });
  });

  it.skipIf(skip)("tells a person in Italy whose request waits past every deadline that it takes longer, with Italy's numbers, not Albania's", async () => {
    const clock = fakeClock('2026-06-01T09:00:00Z');
    const h = await setUp({ clock });
    const t = (key: string, vars?: Record<string, string>) => h.i18n.t('en', key, vars);
    const person = h.person({ userId: PERSON, languageCode: 'en' });
    await toMenu(person, 'en');
    // Asked for a person before saying where they are: Albania's numbers, as before a country is known.
    await person.press('p');
    expect(textsTo(h, PERSON).at(-1)?.startsWith(t('handoff:person.nobody'))).toBe(true);
    expect(await database.db.prisma.helpCase.findFirstOrThrow()).toMatchObject({ status: 'pending', country: null });
    // The country chosen while the request waits: the case keeps it.
    await chooseCountry(h, person, 'it');
    expect(await database.db.prisma.helpCase.findFirstOrThrow()).toMatchObject({ status: 'pending', country: 'IT' });

    // Past the deadline three times over (everyone on call, supervisors, then the person is told).
    for (let step = 0; step < 3; step++) {
      clock.advance(61 * 60_000);
      await h.parts.duty.tick();
    }
    expect(await database.db.prisma.helpCase.findFirstOrThrow()).toMatchObject({ status: 'pending', escalation: 3 });
    const notices = textsTo(h, PERSON).filter((text) => text.startsWith(t('handoff:person.taking_longer_intro')));
    expect(notices).toHaveLength(1);
    const notice = notices[0] ?? '';
    expect(notice).toContain(t('helpline:urgent.numbers_in', { country: 'Italy' }));
    expect(calls(notice, '112')).toBe(true);
    expect(calls(notice, '800290290')).toBe(true);
    expect(notice).not.toMatch(/129|116 006/);
  });
});
