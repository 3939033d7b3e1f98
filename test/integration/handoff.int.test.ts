import { describe, expect, it } from 'vitest';
import { LEASE_MS } from '../../src/delivery/outbox.js';
import { createInvitations } from '../../src/staff/invitations.js';
import { createInvitationRepository } from '../../src/storage/invitation-repository.js';
import { createOperatorRepository } from '../../src/storage/operator-repository.js';
import { fakeClock, type FakeClock } from '../support/clock.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { addOperator, buttonsOf, callsTo, handoffHarness, PERSON, textsTo, toMenu } from '../support/handoff.js';
import { helplineBot } from '../support/helpline-bot.js';

describe.each(PROVIDERS_UNDER_TEST)('operator handoff on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });

  const { setUp, settle, caseRow, requestPerson } = handoffHarness(database);

  it.skipIf(skip)('takes a person from a request to an operator and back: claim, relay both ways, close with a referral, feedback offer', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001, { pseudonym: 'Arta' });
    await addOperator(h, 9002, { pseudonym: 'Besa' });
    const { person, code } = await requestPerson(h);
    expect(textsTo(h, PERSON).at(-1)).toBe(`${h.i18n.t('sq', 'helpline:person.requested')}\n\n${h.i18n.t('sq', 'helpline:person.quiet_tip')}`);
    for (const operatorChat of [9001, 9002]) {
      const card = callsTo(h, operatorChat).find((call) => buttonsOf(call.payload).includes(`o:take|${code}`));
      expect(card?.payload.text).toContain(code);
    }

    await arta.press(`h|take|${code}`);
    await settle(h);
    expect(await caseRow(h)).toMatchObject({ status: 'active', operatorId: 'op-9001' });
    expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('sq', 'handoff:person.joined', { name: 'Arta' }));
    const edits = h.api.calls.filter((call) => call.method === 'editMessageText');
    expect(edits.map((call) => [call.payload.chat_id, call.payload.text])).toEqual(
      expect.arrayContaining([
        [9001, h.i18n.t('sq', 'handoff:card.yours', { code })],
        [9002, h.i18n.t('sq', 'handoff:card.taken', { code, name: 'Arta' })],
      ]),
    );

    await person.say('Më mbajnë pasaportën dhe s’më lënë të dal');
    await settle(h);
    expect(textsTo(h, 9001).at(-1)).toBe(`[${code}] Më mbajnë pasaportën dhe s’më lënë të dal`);
    await arta.say('Jeni në siguri tani? Ku ndodheni afërsisht?');
    await settle(h);
    expect(textsTo(h, PERSON).at(-1)).toBe('Arta: Jeni në siguri tani? Ku ndodheni afërsisht?');
    // The one-tap exit stays at hand during the chat.
    expect(buttonsOf(callsTo(h, PERSON).at(-1)!.payload)).toEqual(['h:x']);

    await arta.command('close');
    expect(buttonsOf(callsTo(h, 9001).at(-1)!.payload)).toContain(`o:out|${code}|referred`);
    await arta.press(`h|out|${code}|referred`);
    expect(buttonsOf(callsTo(h, 9001).at(-1)!.payload)).toContain(`o:ref|${code}|referred|shelter`);
    await arta.press(`h|ref|${code}|referred|shelter`);
    await settle(h);
    expect(await caseRow(h)).toMatchObject({ status: 'closed', outcome: 'referred', referral: 'shelter' });
    const closing = callsTo(h, PERSON).at(-1)!;
    expect(closing.payload.text).toBe(h.i18n.t('sq', 'handoff:person.closed'));
    expect(buttonsOf(closing.payload)).toContain('h:f');

    await person.press('f');
    // The feedback is the survey's, in its own tables: nothing of it among the person's conversations.
    const run = await h.db.prisma.surveyRun.findFirstOrThrow({ where: { flowId: 'surveys/service-feedback' } });
    expect(await h.db.prisma.surveyResponse.findFirst({ where: { runId: run.id, status: 'active' } })).not.toBeNull();
    expect(await h.db.prisma.conversation.findFirst({ where: { flowId: 'surveys/service-feedback' } })).toBeNull();
    const events = (await h.db.prisma.caseEvent.findMany({ orderBy: { id: 'asc' } })).map((event) => [event.action, event.operatorId, event.detail]);
    expect(events).toEqual([
      ['paged', 'op-9001', 'match'],
      ['paged', 'op-9002', 'match'],
      ['claimed', 'op-9001', null],
      ['closed', 'op-9001', 'referred/shelter'],
    ]);
  });

  it.skipIf(skip)('never shows either side the other one’s Telegram identity', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001, { pseudonym: null as unknown as undefined });
    const { person, code } = await requestPerson(h, 'en');
    await arta.press(`h|take|${code}`);
    await person.say('hello, can you help me?');
    await arta.say('Yes. You are safe to write here.');
    await settle(h);
    const toPerson = JSON.stringify(callsTo(h, PERSON).map((call) => ({ ...call.payload, chat_id: undefined })));
    const toOperator = JSON.stringify(callsTo(h, 9001).map((call) => ({ ...call.payload, chat_id: undefined, from_chat_id: undefined })));
    expect(toPerson).not.toContain('9001');
    expect(toOperator).not.toContain(String(PERSON));
    expect(toOperator).not.toMatch(/"Test"|username/);
    expect(textsTo(h, PERSON).at(-1)).toBe(`${h.i18n.t('en', 'handoff:team_member')}: Yes. You are safe to write here.`);
    expect(h.api.calls.some((call) => call.method === 'forwardMessage')).toBe(false);
  });

  it.skipIf(skip)('lets exactly one of two operators who press Take at the same moment win', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    const besa = await addOperator(h, 9002);
    const { code } = await requestPerson(h);
    await Promise.all([arta.press(`h|take|${code}`), besa.press(`h|take|${code}`)]);
    await settle(h);
    const answers = h.api.calls.filter((call) => call.method === 'answerCallbackQuery' && typeof call.payload.text === 'string').map((call) => call.payload.text);
    expect(answers.sort()).toEqual([h.i18n.t('sq', 'handoff:claim.claimed', { code }), h.i18n.t('sq', 'handoff:claim.taken', { code })].sort());
    expect((await h.db.prisma.caseEvent.findMany({ where: { action: 'claimed' } })).length).toBe(1);
    const joined = h.i18n.t('sq', 'handoff:person.joined_anonymous');
    expect(textsTo(h, PERSON).filter((text) => text === joined)).toHaveLength(1);
  });

  it.skipIf(skip)('decides 100 concurrent claims in the database: one winner', async () => {
    const h = await setUp();
    const person = h.person({ userId: PERSON, languageCode: 'sq' });
    await toMenu(person, 'sq');
    await person.press('p');
    for (let i = 0; i < 100; i++) await addOperator(h, 9100 + i, { presence: null });
    const operators = await h.parts.dutyStore.onDuty();
    const { code } = await caseRow(h);
    const results = await Promise.all(operators.map((operator) => h.parts.handoff.claim(operator, code)));
    expect(results.filter((result) => result.kind === 'claimed')).toHaveLength(1);
    expect(results.filter((result) => result.kind === 'taken')).toHaveLength(99);
    await settle(h);
  });

  it.skipIf(skip)('escalates an unclaimed urgent case on time: everyone on call, then supervisors, then tells the person', async () => {
    const clock = fakeClock('2026-06-01T09:00:00Z');
    const h = await setUp({ clock });
    await addOperator(h, 9001, { languages: ['en'] });
    await addOperator(h, 9002, { languages: ['sq'], presence: null });
    await addOperator(h, 9003, { languages: ['en'], role: 'supervisor', presence: null });
    const person = h.person({ userId: PERSON, languageCode: 'sq' });
    await toMenu(person, 'sq');
    await person.press('y|danger');
    await settle(h);
    const opened = await caseRow(h);
    expect(opened).toMatchObject({ level: 'URGENT', status: 'pending', escalation: 0 });
    // Nobody on call speaks Albanian: the one operator on call is paged rather than nobody.
    expect(callsTo(h, 9001).some((call) => buttonsOf(call.payload).includes(`o:take|${opened.code}`))).toBe(true);

    const tick = () => h.parts.duty.tick();
    clock.advance(119_000);
    await tick();
    expect((await caseRow(h)).escalation).toBe(0);
    clock.advance(1_000);
    await Promise.all([tick(), tick()]);
    expect((await caseRow(h)).escalation).toBe(1);
    clock.advance(120_000);
    await tick();
    expect(callsTo(h, 9003).some((call) => buttonsOf(call.payload).includes(`o:take|${opened.code}`))).toBe(true);
    expect(callsTo(h, 9002)).toHaveLength(0);
    clock.advance(120_000);
    await tick();
    await tick();
    expect(textsTo(h, PERSON).filter((text) => text === h.i18n.t('sq', 'handoff:person.taking_longer'))).toHaveLength(1);
    const row = await caseRow(h);
    expect(row).toMatchObject({ status: 'pending', escalation: 3, escalateAt: null });
    const steps = await h.db.prisma.caseEvent.findMany({ where: { action: 'escalated' }, orderBy: { id: 'asc' } });
    expect(steps.map((event) => [event.detail, event.at.toISOString()])).toEqual([
      ['all', '2026-06-01T09:02:00.000Z'],
      ['supervisors', '2026-06-01T09:04:00.000Z'],
      ['tell_person', '2026-06-01T09:06:00.000Z'],
    ]);
  });

  it.skipIf(skip)('delivers a relay message exactly once after the process stops between storing and delivering it', async () => {
    const clock = fakeClock('2026-06-01T09:00:00Z');
    // The first process: Telegram never answers its outbox, as if it died mid-delivery.
    const frozen = await setUp({ clock, call: () => new Promise(() => undefined) });
    const arta = await addOperator(frozen, 9001);
    const person = frozen.person({ userId: PERSON, languageCode: 'sq' });
    await toMenu(person, 'sq');
    await person.press('p');
    const { code } = await caseRow(frozen);
    await frozen.parts.handoff.claim((await frozen.parts.dutyStore.dutyOf('9001'))!, code);
    void arta;
    const update = (await import('../support/updates.js')).privateText('a message that must arrive once', { userId: PERSON, languageCode: 'sq' });
    await frozen.handle(update);
    expect(await frozen.db.prisma.caseMessage.count({ where: { author: 'person' } })).toBe(1);
    expect(await frozen.db.prisma.outboxMessage.count({ where: { status: 'pending' } })).toBeGreaterThan(0);

    // The process is gone. A new one starts on the same database, once the held lease has passed.
    clock.advance(LEASE_MS + 1);
    const restarted = await helplineBot({ database, clock });
    await restarted.parts.duty.tick();
    // Telegram delivers the same update again, since the old process never confirmed it.
    await restarted.handle(update);
    await restarted.parts.duty.tick();
    const deliveries = textsTo(restarted, 9001).filter((text) => text === `[${code}] a message that must arrive once`);
    expect(deliveries).toHaveLength(1);
    expect(await restarted.db.prisma.caseMessage.count({ where: { author: 'person' } })).toBe(1);
  });

  it.skipIf(skip)('keeps an operator who writes with no case from reaching anyone, and strangers from seeing cases', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    const { code } = await requestPerson(h);
    const before = callsTo(h, PERSON).length;
    await arta.say('is anyone there?');
    await settle(h);
    expect(textsTo(h, 9001).at(-1)).toBe(h.i18n.t('sq', 'handoff:console.no_case'));
    expect(callsTo(h, PERSON)).toHaveLength(before);

    const stranger = h.person({ userId: 555_555, languageCode: 'sq' });
    const seen = h.api.calls.length;
    await stranger.press(`h|take|${code}`);
    await settle(h);
    expect(h.api.calls.slice(seen).map((call) => [call.method, call.payload.text])).toEqual([['answerCallbackQuery', undefined]]);
    expect(await h.db.prisma.contact.count()).toBe(1);
    expect(await caseRow(h)).toMatchObject({ status: 'pending' });
  });

  it.skipIf(skip)('ends a live chat when the person leaves with /exit, and tells the operator', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    const { person, code } = await requestPerson(h);
    await arta.press(`h|take|${code}`);
    await arta.say('Can you tell me more?');
    await settle(h);
    const sentToPerson = callsTo(h, PERSON).filter((call) => call.method === 'sendMessage').length;
    const fromTheTeam = (await h.db.prisma.outboxMessage.findMany({ where: { recipientId: { not: null }, status: 'sent' } })).map((row) => row.sentMessageId);
    expect(fromTheTeam.length).toBeGreaterThanOrEqual(2);
    await person.command('exit');
    await settle(h);
    // What the team wrote is deleted from the person's chat with everything else.
    const deleted = h.api.calls.filter((call) => call.method === 'deleteMessages').flatMap((call) => call.payload.message_ids as number[]);
    expect(deleted).toEqual(expect.arrayContaining(fromTheTeam));
    expect(textsTo(h, 9001).at(-1)).toBe(h.i18n.t('sq', 'handoff:console.person_left', { code }));
    expect((await caseRow(h)).chatEndedAt).not.toBeNull();
    await arta.say('are you still there?');
    await settle(h);
    expect(callsTo(h, PERSON).filter((call) => call.method === 'sendMessage')).toHaveLength(sentToPerson);
    expect(textsTo(h, 9001).at(-1)).toBe(h.i18n.t('sq', 'handoff:console.no_case'));
  });

  it.skipIf(skip)('puts the cases of an operator who is removed back in the queue, and answers them no more', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    await addOperator(h, 9002);
    const { code } = await requestPerson(h);
    await arta.press(`h|take|${code}`);
    await settle(h);
    expect(await createOperatorRepository(h.db.prisma).remove('9001', h.clock.now())).toBe(true);
    expect(await caseRow(h)).toMatchObject({ status: 'pending', operatorId: null, pagedAt: null });
    const before = h.api.calls.length;
    await arta.say('I am still here');
    await settle(h);
    // Now a stranger: taken for a help-seeker, never relayed to the person.
    expect(callsTo(h, PERSON).filter((call) => h.api.calls.indexOf(call) >= before)).toHaveLength(0);
    // Besa's first card now says "taken": she gets a fresh one.
    await h.parts.duty.tick();
    expect(callsTo(h, 9002).filter((call) => call.method === 'sendMessage' && buttonsOf(call.payload).includes(`o:take|${code}`))).toHaveLength(2);
  });

  it.skipIf(skip)('keeps what a waiting person writes for whoever takes the case, and hears urgent words in it', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    const { person, code } = await requestPerson(h);
    await person.say('I work in a bar in Durrës');
    expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('sq', 'handoff:person.queued'));
    await person.say('ndihmë, më morën pasaportën');
    expect(await caseRow(h)).toMatchObject({ level: 'URGENT', status: 'pending' });
    expect(await h.db.prisma.helpCase.count()).toBe(1);
    await arta.press(`h|take|${code}`);
    await settle(h);
    const toArta = textsTo(h, 9001);
    expect(toArta.slice(-2)).toEqual([`[${code}] I work in a bar in Durrës`, `[${code}] ndihmë, më morën pasaportën`]);
  });

  it.skipIf(skip)('registers an invited operator through the bot without ever recording them as a help-seeker', async () => {
    const h = await setUp();
    const invitations = createInvitations({ store: createInvitationRepository(h.db.prisma), operators: createOperatorRepository(h.db.prisma), clock: h.clock });
    const { token } = await invitations.invite({ role: 'operator', pseudonym: 'Drilona', languages: ['sq'], skills: ['child'], validHours: 72 });
    const invited = h.person({ userId: 9050, languageCode: 'sq' });
    await invited.start(`inv_${token}`);
    await invited.press(`v|${token}`);
    expect(await h.db.prisma.operator.findUnique({ where: { telegramId: '9050' } })).toMatchObject({ pseudonym: 'Drilona', skills: '["child"]' });
    expect(await h.db.prisma.contact.count()).toBe(0);
    await invited.command('oncall');
    expect(textsTo(h, 9050).at(-1)).toBe(h.i18n.t('sq', 'handoff:console.on_call', { count: 0 }));
    // Their own command menu, in their chat only.
    const menu = h.api.calls.filter((call) => call.method === 'setMyCommands').at(-1);
    expect(menu?.payload.scope).toEqual({ type: 'chat', chat_id: 9050 });
    expect((menu?.payload.commands as { command: string }[]).map((entry) => entry.command)).toEqual(['oncall', 'offcall', 'cases', 'note', 'transfer', 'close', 'end']);
    const { code } = await requestPerson(h);
    expect(callsTo(h, 9050).some((call) => buttonsOf(call.payload).includes(`o:take|${code}`))).toBe(true);
  });

  it.skipIf(skip)('relays exactly once a message written at the very moment the case is taken', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    const { person, code } = await requestPerson(h);
    await Promise.all([arta.press(`h|take|${code}`), person.say('written while you were joining')]);
    await settle(h);
    expect(textsTo(h, 9001).filter((text) => text === `[${code}] written while you were joining`)).toHaveLength(1);
  });

  it.skipIf(skip)('relays a message longer than Telegram allows in tagged parts, losing nothing', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    const { person, code } = await requestPerson(h);
    await arta.press(`h|take|${code}`);
    await settle(h);
    const story = 'Më morën pasaportën. '.repeat(250);
    await person.say(story);
    await settle(h);
    const parts = textsTo(h, 9001).slice(-2);
    expect(parts.every((part) => part.startsWith(`[${code}] `) && part.length <= 4096)).toBe(true);
    expect(parts.map((part) => part.slice(code.length + 3)).join('')).toBe(story);
  });

  it.skipIf(skip)('lists the queue in its order for /cases: the highest risk first, then the longest waiting', async () => {
    const clock = fakeClock('2026-06-01T09:00:00Z');
    const h = await setUp({ clock });
    const arta = await addOperator(h, 9001, { presence: null });
    const ask = async (userId: number, press: string) => {
      const person = h.person({ userId, languageCode: 'sq' });
      await toMenu(person, 'sq');
      await person.press(press);
      clock.advance(60_000);
      return (await h.db.prisma.helpCase.findFirstOrThrow({ orderBy: { createdAt: 'desc' } })).code;
    };
    const first = await ask(70_201, 'p');
    const second = await ask(70_202, 'p');
    const danger = await ask(70_203, 'y|danger');
    await arta.command('cases');
    expect(buttonsOf(callsTo(h, 9001).at(-1)!.payload)).toEqual([`o:take|${danger}`, `o:take|${first}`, `o:take|${second}`]);
  });

  it.skipIf(skip)('tells operators when their shift starts and ends, once, and pages them with what is waiting', async () => {
    const clock = fakeClock('2026-06-01T05:59:00Z'); // a Monday, 07:59 in Tirane
    const h = await setUp({ clock });
    await addOperator(h, 9001, { presence: null });
    await h.parts.shifts.replaceFor('op-9001', [{ weekday: 1, start: '08:00', end: '16:00' }]);
    const { code } = await requestPerson(h);
    expect(textsTo(h, PERSON).at(-1)).toBe(`${h.i18n.t('sq', 'handoff:person.nobody')}\n\n${h.i18n.t('sq', 'helpline:person.quiet_tip')}`);
    clock.advance(60_000);
    await Promise.all([h.parts.duty.tick(), h.parts.duty.tick()]);
    expect(textsTo(h, 9001).filter((text) => text === h.i18n.t('sq', 'handoff:shift.started', { count: 1 }))).toHaveLength(1);
    expect(callsTo(h, 9001).some((call) => buttonsOf(call.payload).includes(`o:take|${code}`))).toBe(true);
    clock.set('2026-06-01T14:00:00Z');
    await h.parts.duty.tick();
    await h.parts.duty.tick();
    expect(textsTo(h, 9001).filter((text) => text === h.i18n.t('sq', 'handoff:shift.ended'))).toHaveLength(1);
  });

  it.skipIf(skip)('lists open cases, switches the console between them, and ends a chat with /end', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    const { person, code } = await requestPerson(h);
    await arta.command('cases');
    expect(buttonsOf(callsTo(h, 9001).at(-1)!.payload)).toEqual([`o:take|${code}`]);
    await arta.press(`h|take|${code}`);
    await arta.command('cases');
    expect(buttonsOf(callsTo(h, 9001).at(-1)!.payload)).toEqual([`o:use|${code}`]);
    await arta.press(`h|use|${code}`);
    await settle(h);
    expect(textsTo(h, 9001).at(-1)).toBe(h.i18n.t('sq', 'handoff:console.now_on', { code }));
    await arta.command('end');
    await settle(h);
    expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('sq', 'handoff:person.ended'));
    expect(buttonsOf(callsTo(h, PERSON).at(-1)!.payload)).toContain('h:m|home');
    // Back with the bot: what the person writes now is not relayed.
    const toOperator = callsTo(h, 9001).length;
    await person.say('hello?');
    await settle(h);
    expect(callsTo(h, 9001)).toHaveLength(toOperator);
    const actions = (await h.db.prisma.caseEvent.findMany({ orderBy: { id: 'asc' } })).map((event) => event.action);
    expect(actions).toEqual(['paged', 'claimed', 'viewed', 'ended']);
  });

  it.skipIf(skip)('marks the case and tells the operator when the person has blocked the bot', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    const { code } = await requestPerson(h);
    await arta.press(`h|take|${code}`);
    await settle(h);
    h.api.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user');
    await arta.say('Are you safe?');
    await settle(h);
    expect((await caseRow(h)).blockedAt).not.toBeNull();
    expect(textsTo(h, 9001).at(-1)).toBe(h.i18n.t('sq', 'handoff:console.blocked', { code }));
  });

  it.skipIf(skip)('lets a supervisor see a colleague’s case and hand it on', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    await addOperator(h, 9002);
    const sokol = await addOperator(h, 9003, { role: 'supervisor', presence: null });
    const { code } = await requestPerson(h);
    await arta.press(`h|take|${code}`);
    await sokol.command('cases');
    expect(buttonsOf(callsTo(h, 9003).at(-1)!.payload)).toEqual([`o:use|${code}`]);
    await h.handle((await import('../support/updates.js')).command('transfer', `${code} needs a colleague who speaks English`, { userId: 9003, languageCode: 'sq' }));
    expect(buttonsOf(callsTo(h, 9003).at(-1)!.payload)).toContain(`o:tr|${code}|op-9002`);
    await sokol.press(`h|tr|${code}|op-9002`);
    await settle(h);
    expect(await caseRow(h)).toMatchObject({ operatorId: 'op-9002' });
    expect(await h.db.prisma.caseMessage.findFirst({ where: { author: 'note' } })).toMatchObject({ operatorId: 'op-9003', text: 'needs a colleague who speaks English' });
    const besa = h.person({ userId: 9002, languageCode: 'sq' });
    await besa.command('cases');
    expect(buttonsOf(callsTo(h, 9002).at(-1)!.payload)).toEqual([`o:use|${code}`]);
  });

  it.skipIf(skip)('transfers a case to a colleague with a note, who gets the whole story', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001, { pseudonym: 'Arta' });
    await addOperator(h, 9002, { pseudonym: 'Besa' });
    const { person, code } = await requestPerson(h);
    await arta.press(`h|take|${code}`);
    await person.say('punoja në Itali');
    await settle(h);
    await h.handle((await import('../support/updates.js')).command('transfer', 'flet vetëm italisht', { userId: 9001, languageCode: 'sq' }));
    expect(buttonsOf(callsTo(h, 9001).at(-1)!.payload)).toEqual([`o:tr|${code}|op-9002`, `o:tr|${code}|queue`]);
    await arta.press(`h|tr|${code}|op-9002`);
    await settle(h);
    expect(await caseRow(h)).toMatchObject({ status: 'active', operatorId: 'op-9002' });
    const briefing = textsTo(h, 9002).join('\n');
    expect(briefing).toContain('punoja në Itali');
    expect(briefing).toContain('flet vetëm italisht');
    expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('sq', 'handoff:person.transferred'));
    await arta.say('still here?');
    await settle(h);
    expect(textsTo(h, 9001).at(-1)).toBe(h.i18n.t('sq', 'handoff:console.no_case'));
  });
});

export type { FakeClock };
