import { afterEach, describe, expect, it } from 'vitest';
import { createInvitations } from '../../src/staff/invitations.js';
import { createInvitationRepository } from '../../src/storage/invitation-repository.js';
import { createOperatorRepository } from '../../src/storage/operator-repository.js';
import { addOperator, answers, buttonsOf, callsTo, PERSON, textsTo } from '../support/handoff.js';
import { helplineBot, toMenu, type HelplineHarness } from '../support/helpline-bot.js';

// Each area reads its own buttons, and only the helpline makes someone a help-seeker.
let h: HelplineHarness | undefined;
afterEach(async () => h?.dispose());

const contacts = (harness: HelplineHarness) => harness.db.prisma.contact.count();
const caseRow = (harness: HelplineHarness) => harness.db.prisma.helpCase.findFirstOrThrow();

describe('areas on one bot', () => {
  it("keeps the buttons people already have working after the prefixes: the helpline's and the console's", async () => {
    h = await helplineBot();
    const arta = await addOperator(h, 9001);
    const person = h.person({ userId: PERSON, languageCode: 'sq' });
    // The screens' buttons as they were written before areas had prefixes.
    await person.start();
    for (const old of ['l|sq', 'o', 'y|safe']) await person.press(old);
    expect(h.textsSince(0).at(-1)).toBe(h.i18n.t('sq', 'helpline:menu.text'));
    await person.press('p');
    await h.parts.outbox.idle();
    const { code } = await caseRow(h);
    // Today's case card carries the console's prefix; one sent before it still claims the case.
    expect(callsTo(h, 9001).some((call) => buttonsOf(call.payload).includes(`o:take|${code}`))).toBe(true);
    await arta.press(`h|take|${code}`);
    expect(await caseRow(h)).toMatchObject({ status: 'active', operatorId: 'op-9001' });
    // An exit button sent before the prefix still leaves.
    await person.press('x');
    expect(await caseRow(h)).toMatchObject({ leftAt: expect.any(Date) });
  });

  it("serves the buttons it writes today, under the helpline's prefix", async () => {
    h = await helplineBot();
    const person = h.person({ userId: PERSON, languageCode: 'en' });
    await person.start();
    for (const data of ['h:l|en', 'h:o', 'h:y|safe']) {
      expect(h.lastButtons().map(([, shown]) => shown)).toContain(data);
      await person.press(data);
    }
    expect(h.textsSince(0).at(-1)).toBe(h.i18n.t('en', 'helpline:menu.text'));
    await person.press('h:m|check');
    await person.press('h:a|no');
    const question = h.lastButtons().find(([, data]) => data.startsWith('h:c|'));
    expect(question).toBeDefined();
    await person.press(question![1]);
    expect(await h.db.prisma.conversation.findFirstOrThrow()).toMatchObject({ status: 'active' });
  });

  it('never makes an operator a help-seeker, whatever they send or press', async () => {
    h = await helplineBot();
    const arta = await addOperator(h, 9001);
    await arta.start();
    await arta.command('cases');
    await arta.say('hello');
    for (const data of ['h:p', 'p', 'x', 'o:take|K7-4QF', 'e:x']) await arta.press(data);
    expect(await contacts(h)).toBe(0);
    expect(textsTo(h, 9001)[0]).toBe(h.i18n.t('sq', 'handoff:console.help'));
  });

  it('never makes whoever opens or answers an invitation a help-seeker', async () => {
    h = await helplineBot();
    const invitations = createInvitations({ store: createInvitationRepository(h.db.prisma), operators: createOperatorRepository(h.db.prisma), clock: h.clock });
    const first = await invitations.invite({ role: 'operator', pseudonym: null, languages: ['sq'], skills: [], validHours: 72 });
    const declined = h.person({ userId: 9060, languageCode: 'sq' });
    await declined.start(`inv_${first.token}`);
    expect(h.lastButtons().map(([, data]) => data)).toEqual([`i:${first.token}`, 'i:no']);
    await declined.press('i:no');
    await declined.press('v|no');
    expect(await contacts(h)).toBe(0);
    const invited = h.person({ userId: 9050, languageCode: 'sq' });
    await invited.start(`inv_${first.token}`);
    await invited.press(`i:${first.token}`);
    expect(await h.db.prisma.operator.count({ where: { telegramId: '9050' } })).toBe(1);
    expect(await contacts(h)).toBe(0);
  });

  it('tells a stranger who presses a console button nothing and records no visit; a press of an area no one serves is answered and records none', async () => {
    h = await helplineBot();
    const stranger = h.person({ userId: 555_555, languageCode: 'sq' });
    // `z:` is no area's letter (`e:` now is the events area's, which answers a forged press of its own).
    for (const data of ['o:take|K7-4QF', 'h|take|K7-4QF', 'z:x']) await stranger.press(data);
    expect(await contacts(h)).toBe(0);
    expect(h.api.calls.filter((call) => call.method === 'answerCallbackQuery')).toHaveLength(3);
    expect(answers(h)).toEqual([]);
    expect(h.sentCount()).toBe(0);
  });

  it('records a visit for what the helpline serves', async () => {
    h = await helplineBot();
    const person = h.person({ userId: PERSON, languageCode: 'sq' });
    await toMenu(person, 'sq');
    expect(await contacts(h)).toBe(1);
  });
});
