import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '../../src/events/index.js';
import { createCodingRepository } from '../../src/storage/coding-repository.js';
import { type CodebookTheme, createCoding, openAnswersOf } from '../../src/surveys/index.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import type { EventsHarness } from '../support/events-bot.js';
import { conferenceForRuns, EVALUATION, seedResponses, seedRun } from '../support/survey-answers.js';

// An event's organiser codes its open answers in the chat: /coding and the join code
// shows the next answer with the codebook's themes as buttons (💡 where the answer's
// words suggest one, never ticked for the coder), presses tick and untick, "save" or
// "no theme fits" stores the coder's choice and brings the next answer. The codings are
// the same as `ura coding`'s, and only the event's organisers can make them.

const ORGANISER = 9300;
const OTHER_ORGANISER = 9301;
const theme = (code: string, en: string, keywords: string[] = []): CodebookTheme => ({ code, labels: { sq: en, en }, definitions: { en: `About ${en.toLowerCase()}` }, keywords: { en: keywords } });
const THEMES = [theme('trust', 'Trust', ['trust']), theme('data', 'Data', ['statistics']), theme('shelter', 'Shelter', ['shelter'])];

describe.each(PROVIDERS_UNDER_TEST)('coding open answers in the chat on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  let h: EventsHarness;
  let event: EventRecord;

  beforeEach(async () => {
    if (skip) return;
    ({ h, event } = await conferenceForRuns(database));
    await h.db.prisma.codingTheme.deleteMany();
    await h.db.prisma.codingDecision.deleteMany();
    for (const [telegramId, pseudonym] of [
      [ORGANISER, 'Mira'],
      [OTHER_ORGANISER, 'Ben'],
    ] as const)
      await h.db.prisma.operator.create({
        data: { id: `op-${telegramId}`, telegramId: String(telegramId), pseudonym, role: 'organiser', languages: '["en"]', skills: '[]', createdAt: new Date('2026-05-01T08:00:00Z') },
      });
    await h.events.addOrganiser(event.id, `op-${ORGANISER}`);
  });
  afterEach(async () => h?.dispose());

  const en = (key: string, vars?: Record<string, string | number>) => h.i18n.t('en', `organiser:${key}`, vars);
  const last = () => h.last(ORGANISER);
  const calls = (method: string) => h.api.calls.filter((call) => call.method === method && (call.payload.chat_id === ORGANISER || call.payload.callback_query_id !== undefined));
  const keyboardOf = (payload: Record<string, unknown> | undefined) =>
    ((payload?.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)?.inline_keyboard ?? []).flat();

  async function answersToCode() {
    await createCoding({ store: createCodingRepository(h.db.prisma), clock: h.clock }).importCodebook({ formId: EVALUATION, eventId: null }, THEMES);
    const run = await seedRun(h.db.prisma, { eventId: event.id });
    const responses = await seedResponses(h.db.prisma, run, [{ open_learned: 'More shelters in the north' }, { open_learned: 'Nothing new for me' }]);
    return responses.map((response) => openAnswersOf({ ...response, formId: EVALUATION, eventId: event.id })[0]!);
  }

  it.skipIf(skip)('shows the next answer with its themes, ticks and unticks by buttons, and saves the choice, then the next, then says all is coded', async () => {
    const [shelters, nothing] = await answersToCode();
    const mira = h.person({ userId: ORGANISER, languageCode: 'en' });
    await mira.command('coding');
    expect(last().text).toBe(en('coding.usage'));

    await mira.command('coding', event.joinCode);
    expect(last().text).toContain('«More shelters in the north»');
    expect(last().text).toContain(en('coding.left', { count: 2 }));
    expect(last().buttons.map((button) => button.text)).toEqual(['Trust', 'Data', '💡 Shelter', en('coding.none_fits'), en('coding.save'), en('coding.quote')]);
    // Saving with nothing ticked is refused: "no theme fits" is a choice of its own.
    await mira.press(last().buttons.at(-2)!.data);
    expect(h.toasts().at(-1)).toBe(en('coding.tick_first'));

    // Ticks ride on the buttons: the message's keyboard changes, nothing is stored.
    await mira.press(last().buttons[2]!.data);
    let keyboard = keyboardOf(calls('editMessageReplyMarkup').at(-1)?.payload);
    expect(keyboard.map((button) => button.text)).toEqual(['Trust', 'Data', '✅ Shelter', en('coding.none_fits'), en('coding.save'), en('coding.quote')]);
    await mira.press(keyboard[0]!.callback_data);
    keyboard = keyboardOf(calls('editMessageReplyMarkup').at(-1)?.payload);
    expect(keyboard.map((button) => button.text)).toEqual(['✅ Trust', 'Data', '✅ Shelter', en('coding.none_fits'), en('coding.save'), en('coding.quote')]);
    await mira.press(keyboard[0]!.callback_data);
    keyboard = keyboardOf(calls('editMessageReplyMarkup').at(-1)?.payload);
    expect(await h.db.prisma.codingDecision.count()).toBe(0);

    await mira.press(keyboard.at(-2)!.callback_data);
    expect(h.toasts().at(-1)).toBe(en('coding.saved'));
    expect(await h.db.prisma.codingDecision.findMany({ select: { responseId: true, coder: true, themes: true } })).toEqual([
      { responseId: shelters!.responseId, coder: `Mira (p-${ORGANISER})`, themes: JSON.stringify(['shelter']) },
    ]);
    expect(last().text).toContain('«Nothing new for me»');
    expect(last().text).toContain(en('coding.left', { count: 1 }));

    await mira.press(last().buttons.find((button) => button.text === en('coding.none_fits'))!.data);
    expect(await h.db.prisma.codingDecision.count({ where: { responseId: nothing!.responseId, themes: '[]' } })).toBe(1);
    expect(last().text).toBe(en('coding.done', { event: 'National Conference' }));
  });

  it.skipIf(skip)('takes the next text as a quote of the answer, names removed by the coder; too long is said and asked again; a command lets the request go', async () => {
    const [shelters] = await answersToCode();
    const mira = h.person({ userId: ORGANISER, languageCode: 'en' });
    await mira.command('coding', event.joinCode);
    const quote = last().buttons.find((button) => button.text === en('coding.quote'))!.data;
    await mira.press(quote);
    expect(last().text).toBe(en('coding.quote_prompt', { max: 500, text: 'More shelters in the north' }));
    await mira.say('x'.repeat(501));
    expect(last().text).toBe(en('coding.quote_length', { max: 500 }));
    await mira.say('More shelters in [region]');
    expect(last().text).toBe(en('coding.quoted'));
    expect(await h.db.prisma.codingQuote.findMany({ select: { responseId: true, text: true } })).toEqual([{ responseId: shelters!.responseId, text: 'More shelters in [region]' }]);
    // The request is used up: the next text is not a quote (an organiser's text shows the help).
    await mira.say('Another text');
    expect(await h.db.prisma.codingQuote.count()).toBe(1);
    await mira.press(quote);
    await mira.command('help');
    await mira.say('Not a quote either');
    expect((await h.db.prisma.codingQuote.findFirstOrThrow()).text).toBe('More shelters in [region]');
  });

  it.skipIf(skip)('settles the answers two coders coded differently: both codings shown, the themes both gave ticked, the choice stored as the resolution', async () => {
    const [shelters, nothing] = await answersToCode();
    const coding = createCoding({ store: createCodingRepository(h.db.prisma), clock: h.clock });
    for (const [coder, first, second] of [
      ['Anna', ['shelter', 'data'], []],
      ['Besa', ['shelter'], []],
    ] as const) {
      await coding.code(shelters!.ref, coder, first);
      await coding.code(nothing!.ref, coder, second);
    }
    const mira = h.person({ userId: ORGANISER, languageCode: 'en' });
    // Two coders coded every answer: nothing is left for Mira to code, one disagreement to settle.
    await mira.command('coding', event.joinCode);
    expect(last().text).toBe(`${en('coding.done', { event: 'National Conference' })}\n\n${en('coding.settle_hint', { count: 1, code: event.joinCode })}`);
    await mira.command('settle', event.joinCode);
    expect(last().text).toContain('«More shelters in the north»');
    expect(last().text).toContain('Anna: Data, Shelter');
    expect(last().text).toContain('Besa: Shelter');
    expect(last().buttons.map((button) => button.text)).toEqual(['Trust', 'Data', '✅ Shelter', en('coding.none_fits'), en('coding.settle')]);
    await mira.press(last().buttons[1]!.data);
    const keyboard = keyboardOf(calls('editMessageReplyMarkup').at(-1)?.payload);
    expect(keyboard.map((button) => button.text)).toEqual(['Trust', '✅ Data', '✅ Shelter', en('coding.none_fits'), en('coding.settle')]);
    expect(await h.db.prisma.codingResolution.count()).toBe(0);
    await mira.press(keyboard.at(-1)!.callback_data);
    expect(h.toasts().at(-1)).toBe(en('coding.settled_one'));
    expect(await h.db.prisma.codingResolution.findMany({ select: { responseId: true, themes: true } })).toEqual([{ responseId: shelters!.responseId, themes: JSON.stringify(['data', 'shelter']) }]);
    expect(last().text).toBe(en('coding.settled', { event: 'National Conference' }));
    await mira.command('settle');
    expect(last().text).toBe(en('coding.settle_usage'));
  });

  it.skipIf(skip)("refuses another event's organiser, an unknown code and a forged button, and stores nothing", async () => {
    await answersToCode();
    const ben = h.person({ userId: OTHER_ORGANISER, languageCode: 'en' });
    await ben.command('coding', event.joinCode);
    expect(h.last(OTHER_ORGANISER).text).toBe(en('coding.not_organiser'));
    const mira = h.person({ userId: ORGANISER, languageCode: 'en' });
    await mira.command('coding', 'ZZZZZZ');
    expect(last().text).toBe(en('coding.unknown_event'));
    await mira.command('coding', event.joinCode);
    const save = last().buttons.at(-1)!.data;
    // Ben presses Mira's button: the event's organisers only.
    await ben.press(save.replace(/\|[0-9a-z]+\|v$/, '|1|v'));
    expect(h.toasts().at(-1)).toBe(en('coding.not_organiser'));
    for (const forged of ['k:', `k:${event.joinCode}|zz|1|v`, `k:${event.joinCode}|abcdef12-1|1|t99`, `${save}|x`]) {
      await mira.press(forged);
      expect(h.toasts().at(-1)).toBe(en('coding.stale'));
    }
    expect(await h.db.prisma.codingDecision.count()).toBe(0);
  });
});
