import { describe, expect, it } from 'vitest';
import { fakeClock } from '../support/clock.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { addOperator, buttonsOf, callsTo, handoffHarness, PERSON, textsTo, toMenu } from '../support/handoff.js';

const ORGANISER = 9100;

describe.each(PROVIDERS_UNDER_TEST)('the organiser role on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  const { setUp, settle, caseRow } = handoffHarness(database);

  it.skipIf(skip)('takes no cases: an organiser on call, on shift, with every language and skill, is never paged, offered, told of shifts or shown as a colleague', async () => {
    // A Monday, 09:00 in Tirana.
    const clock = fakeClock('2026-06-01T07:00:00Z');
    const h = await setUp({ clock });
    const organiser = await addOperator(h, ORGANISER, { role: 'organiser', languages: ['sq', 'en', 'it', 'el'], skills: ['child', 'female'], presence: 'on' });
    await h.parts.shifts.replaceFor(`op-${ORGANISER}`, [{ weekday: 1, start: '08:00', end: '16:00' }]);
    const arta = await addOperator(h, 9001, { presence: null });
    await addOperator(h, 9003, { role: 'supervisor', presence: null });

    expect((await h.parts.paging.roster()).onCall).toEqual([]);
    const person = h.person({ userId: PERSON, languageCode: 'sq' });
    await toMenu(person, 'sq');
    await person.press('y|danger');
    await settle(h);
    const { code } = await caseRow(h);
    // Escalation: everyone on call, then supervisors, then the person is told.
    for (let step = 0; step < 4; step++) {
      clock.advance(120_000);
      await h.parts.duty.tick();
    }
    await settle(h);
    expect(callsTo(h, 9003).some((call) => buttonsOf(call.payload).includes(`o:take|${code}`))).toBe(true);
    expect(callsTo(h, ORGANISER)).toEqual([]);
    expect(await h.db.prisma.caseEvent.count({ where: { operatorId: `op-${ORGANISER}` } })).toBe(0);

    // The organiser's own chat is not a case console: no queue, no claim, no presence.
    for (const name of ['cases', 'oncall']) await organiser.command(name);
    await organiser.press(`o:take|${code}`);
    await settle(h);
    expect(textsTo(h, ORGANISER).every((text) => text === h.i18n.t('en', 'organiser:bot.help') || text === h.i18n.t('sq', 'organiser:bot.help'))).toBe(true);
    expect(textsTo(h, ORGANISER).join('\n')).not.toContain(code);
    expect(await caseRow(h)).toMatchObject({ status: 'pending', operatorId: null });

    // A colleague to transfer to is one who takes cases.
    await arta.press(`o:take|${code}`);
    await settle(h);
    await arta.command('transfer');
    const transfer = callsTo(h, 9001).at(-1)!;
    expect(buttonsOf(transfer.payload).some((data) => data.includes('op-9003'))).toBe(true);
    expect(buttonsOf(transfer.payload).some((data) => data.includes(`op-${ORGANISER}`))).toBe(false);
  });

  it.skipIf(skip)('sends an organiser, and only an organiser, a one-time sign-in link on /web, without a link preview', async () => {
    const h = await setUp();
    const organiser = await addOperator(h, ORGANISER, { role: 'organiser', languages: ['en'] });
    const operator = await addOperator(h, 9001);
    const stranger = h.person({ userId: 70_500, languageCode: 'en' });
    await operator.command('web');
    await stranger.command('web');
    expect(await h.db.prisma.organiserSignIn.count()).toBe(0);
    expect(h.api.texts().join('\n')).not.toContain('/organiser/signin');

    await organiser.command('web');
    const reply = callsTo(h, ORGANISER).at(-1)!;
    const url = /http:\/\/127\.0\.0\.1:3000\/organiser\/signin\?t=([A-Za-z0-9_-]{43})/.exec(String(reply.payload.text));
    expect(url).not.toBeNull();
    expect(reply.payload.link_preview_options).toEqual({ is_disabled: true });
    const rows = await h.db.prisma.organiserSignIn.findMany();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(url?.[1]);
    expect(rows[0]).toMatchObject({ staffId: `op-${ORGANISER}`, usedAt: null });
    expect(rows[0]!.expiresAt.getTime() - rows[0]!.createdAt.getTime()).toBe(10 * 60_000);
    // Their own command menu, in their chat.
    await organiser.command('start');
    const menu = h.api.calls.filter((call) => call.method === 'setMyCommands').at(-1);
    expect(menu?.payload).toMatchObject({ scope: { type: 'chat', chat_id: ORGANISER }, commands: [{ command: 'web' }, { command: 'coding' }, { command: 'settle' }, { command: 'help' }] });
    // Only the stranger reached the help-seekers' pipeline.
    expect(await h.db.prisma.contact.count()).toBe(1);
  });
});
