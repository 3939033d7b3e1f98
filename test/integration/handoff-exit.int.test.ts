import { describe, expect, it } from 'vitest';
import { createOperatorRepository } from '../../src/storage/operator-repository.js';
import { fakeClock } from '../support/clock.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { addOperator, answers, buttonsOf, callsTo, handoffHarness, PERSON, textsTo, type Harness } from '../support/handoff.js';
import { command } from '../support/updates.js';

/** Messages the person got after the `from`-th call Telegram received. */
const toPersonSince = (h: Harness, from: number) => h.api.calls.slice(from).filter((call) => call.payload.chat_id === PERSON && call.method !== 'deleteMessages' && call.method !== 'deleteMessage');

describe.each(PROVIDERS_UNDER_TEST)('the exit ends contact on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  const { setUp, settle, caseRow, requestPerson } = handoffHarness(database);

  it.skipIf(skip)('takes a waiting case out of the queue when the person leaves: every card says so, nobody can take it, nothing reaches the person', async () => {
    const clock = fakeClock('2026-06-01T09:00:00Z');
    const h = await setUp({ clock });
    const arta = await addOperator(h, 9001);
    // Reads the console in English.
    await addOperator(h, 9002, { languages: ['en', 'sq'] });
    const { person, code } = await requestPerson(h);
    await person.command('exit');
    await settle(h);
    const left = h.api.calls.length;

    expect(await caseRow(h)).toMatchObject({ status: 'closed', outcome: 'no_contact', operatorId: null, claimedAt: null });
    expect((await caseRow(h)).leftAt).not.toBeNull();
    // Both operators who were paged see on their card that the person left.
    const edits = h.api.calls.filter((call) => call.method === 'editMessageText').map((call) => [call.payload.chat_id, call.payload.text]);
    expect(edits).toEqual(
      expect.arrayContaining([
        [9001, h.i18n.t('sq', 'handoff:card.left', { code })],
        [9002, h.i18n.t('en', 'handoff:card.left', { code })],
      ]),
    );

    await arta.press(`h|take|${code}`);
    await settle(h);
    expect(answers(h).at(-1)).toBe(h.i18n.t('sq', 'handoff:claim.left', { code }));
    expect(await caseRow(h)).toMatchObject({ status: 'closed', operatorId: null });
    await arta.command('cases');
    expect(textsTo(h, 9001).at(-1)).toBe(h.i18n.t('sq', 'handoff:cases.none'));

    // Every escalation deadline passes: nothing more for anyone, above all nothing for the person.
    for (let step = 0; step < 4; step++) {
      clock.advance(60 * 60_000);
      await h.parts.duty.tick();
    }
    expect(toPersonSince(h, left)).toEqual([]);
    expect(await h.db.prisma.caseEvent.count({ where: { action: 'escalated' } })).toBe(0);
  });

  it.skipIf(skip)('deletes what is still on its way to the person when they leave, and never sends them one written at the same moment', async () => {
    let telegramDown = true;
    const delivered: unknown[] = [];
    const h = await setUp({
      // Telegram is unreachable for the person's chat: what the operator writes stays queued.
      call: async (_method, payload) => {
        if (payload.chat_id !== PERSON) return { ok: true, messageId: 7000 };
        if (telegramDown) return { ok: false, code: 502, description: 'Bad Gateway' };
        delivered.push(payload.text);
        return { ok: true, messageId: 7001 };
      },
    });
    const arta = await addOperator(h, 9001);
    const { person, code } = await requestPerson(h);
    await arta.press(`h|take|${code}`);
    await arta.say('Are you safe now?');
    await arta.say('Where are you, roughly?');
    await settle(h);
    const queued = () => h.db.prisma.outboxMessage.count({ where: { status: 'pending', recipientId: { not: null } } });
    expect(await queued()).toBeGreaterThanOrEqual(3);

    await person.command('exit');
    expect(await queued()).toBe(0);

    // A message to the person that a slower process put in the outbox just after they left.
    const helpCase = await caseRow(h);
    await h.parts.outbox.enqueue([
      { chatId: PERSON, method: 'sendMessage', payload: { text: 'written as they left' }, dedupeKey: 'late', purpose: 'case', topic: helpCase.id, recipientId: helpCase.contactId },
    ]);
    telegramDown = false;
    h.clock.advance(10 * 60_000);
    await h.parts.outbox.drain();
    await h.parts.outbox.idle();
    expect(delivered).toEqual([]);
    expect(await h.db.prisma.outboxMessage.count({ where: { dedupeKey: 'late' } })).toBe(0);
  });

  it.skipIf(skip)('ends contact whichever comes first when the person leaves at the moment their case is taken', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    const { person, code } = await requestPerson(h);
    await Promise.all([arta.press(`h|take|${code}`), person.command('exit')]);
    await settle(h);
    const helpCase = await caseRow(h);
    expect(helpCase.leftAt).not.toBeNull();
    expect(helpCase.chatEndedAt).not.toBeNull();
    // Either the exit won (the case never reached Arta) or the claim did (Arta holds it, told the person left).
    if (helpCase.status === 'closed') expect(helpCase).toMatchObject({ outcome: 'no_contact', operatorId: null });
    else expect(helpCase).toMatchObject({ status: 'active', operatorId: 'op-9001' });
    expect(await h.db.prisma.outboxMessage.count({ where: { recipientId: { not: null }, status: 'pending' } })).toBe(0);
    await arta.say('hello?');
    await settle(h);
    expect(textsTo(h, 9001).at(-1)).toBe(h.i18n.t('sq', 'handoff:console.no_case'));
  });

  it.skipIf(skip)('sends nothing to a person who left a live chat: no transfer notice, no closing survey, and the case never goes back to the queue', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    const besa = await addOperator(h, 9002);
    const { person, code } = await requestPerson(h);
    await arta.press(`h|take|${code}`);
    await settle(h);
    await person.command('exit');
    await settle(h);
    const left = h.api.calls.length;
    expect((await caseRow(h)).leftAt).not.toBeNull();

    await arta.press(`h|tr|${code}|queue`);
    expect(textsTo(h, 9001).at(-1)).toBe(h.i18n.t('sq', 'handoff:transfer.left', { code }));
    expect(await caseRow(h)).toMatchObject({ status: 'active', operatorId: 'op-9001' });
    await arta.press(`h|tr|${code}|op-9002`);
    await settle(h);
    expect(await caseRow(h)).toMatchObject({ status: 'active', operatorId: 'op-9002' });
    await besa.say('hello?');
    await besa.press(`h|ref|${code}|no_contact|information_only`);
    await settle(h);
    expect(await caseRow(h)).toMatchObject({ status: 'closed', outcome: 'no_contact' });
    expect(toPersonSince(h, left)).toEqual([]);
  });

  it.skipIf(skip)('closes the case of a person who left when their operator is removed, instead of queueing it for nobody', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    await addOperator(h, 9002);
    const { person, code } = await requestPerson(h);
    await arta.press(`h|take|${code}`);
    await person.command('exit');
    await settle(h);
    expect(await createOperatorRepository(h.db.prisma).remove('9001', h.clock.now())).toBe(true);
    expect(await caseRow(h)).toMatchObject({ status: 'closed', outcome: 'no_contact', operatorId: null });
    await h.parts.duty.tick();
    expect(callsTo(h, 9002).filter((call) => buttonsOf(call.payload).includes(`o:take|${code}`))).toHaveLength(1);
  });

  /** The person and Arta talk, Arta ends the chat with /end; `requeue` puts the case back in the queue. */
  async function endedThenRequeued(requeue: (h: Harness, code: string) => Promise<void>) {
    const h = await setUp();
    const arta = await addOperator(h, 9001, { pseudonym: 'Arta' });
    const besa = await addOperator(h, 9002, { pseudonym: 'Besa' });
    const { person, code } = await requestPerson(h);
    await arta.press(`h|take|${code}`);
    await arta.command('end');
    await settle(h);
    const ended = h.api.calls.length;
    await requeue(h, code);
    await settle(h);
    expect(await caseRow(h)).toMatchObject({ status: 'pending', operatorId: null });
    // The chat is over for the person: no "passing you on" while nobody has taken it yet.
    expect(toPersonSince(h, ended)).toEqual([]);

    await besa.press(`h|take|${code}`);
    await settle(h);
    expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('sq', 'handoff:person.joined', { name: 'Besa' }));
    expect((await caseRow(h)).chatEndedAt).toBeNull();
    await besa.say('I am here now. How can I help?');
    await settle(h);
    expect(textsTo(h, PERSON).at(-1)).toBe('Besa: I am here now. How can I help?');
    await person.say('thank you');
    await settle(h);
    expect(textsTo(h, 9002).at(-1)).toBe(`[${code}] thank you`);
  }

  it.skipIf(skip)('re-opens the chat when a case ended with /end and put back in the queue is taken again', async () => {
    await endedThenRequeued(async (h, code) => {
      await h.handle(command('transfer', code, { userId: 9001, languageCode: 'sq' }));
      await h.person({ userId: 9001, languageCode: 'sq' }).press(`h|tr|${code}|queue`);
    });
  });

  it.skipIf(skip)('re-opens the chat when a case ended with /end goes back to the queue because its operator was removed', async () => {
    await endedThenRequeued(async (h) => {
      expect(await createOperatorRepository(h.db.prisma).remove('9001', h.clock.now())).toBe(true);
      await h.parts.duty.tick();
    });
  });

  it.skipIf(skip)('tells a person whose chat was ended nothing while the case waits again, not even that it is taking longer', async () => {
    const clock = fakeClock('2026-06-01T09:00:00Z');
    const h = await setUp({ clock });
    const arta = await addOperator(h, 9001);
    const { code } = await requestPerson(h);
    await arta.press(`h|take|${code}`);
    await arta.command('end');
    await settle(h);
    const ended = h.api.calls.length;
    await h.handle(command('transfer', code, { userId: 9001, languageCode: 'sq' }));
    await arta.press(`h|tr|${code}|queue`);
    for (let step = 0; step < 4; step++) {
      clock.advance(60 * 60_000);
      await h.parts.duty.tick();
    }
    expect(await caseRow(h)).toMatchObject({ status: 'pending', escalation: 3 });
    expect(toPersonSince(h, ended)).toEqual([]);
  });

  it.skipIf(skip)('does not re-open the chat of a person who blocked the bot when their case is taken again', async () => {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    const besa = await addOperator(h, 9002);
    const { code } = await requestPerson(h);
    await arta.press(`h|take|${code}`);
    await settle(h);
    h.api.failNext('sendMessage', 403, 'Forbidden: bot was blocked by the user');
    await arta.say('Are you safe?');
    await settle(h);
    expect((await caseRow(h)).blockedAt).not.toBeNull();
    await arta.press(`h|tr|${code}|queue`);
    await settle(h);
    const blocked = h.api.calls.length;
    await besa.press(`h|take|${code}`);
    await settle(h);
    await besa.say('hello?');
    await settle(h);
    expect(await caseRow(h)).toMatchObject({ status: 'active', operatorId: 'op-9002' });
    expect((await caseRow(h)).chatEndedAt).not.toBeNull();
    expect(toPersonSince(h, blocked)).toEqual([]);
    expect(textsTo(h, 9002).at(-1)).toBe(h.i18n.t('sq', 'handoff:console.no_case'));
  });
});

describe.each(PROVIDERS_UNDER_TEST)('routing on claim on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  const { setUp, settle, caseRow, requestPerson } = handoffHarness(database);

  /** A waiting case of a child (or of a person who asked for a woman), with Arta (no such skill) and Drita (trained) registered. */
  async function specialCase(need: 'child' | 'female', drita: { presence?: 'on' | 'off' } = {}) {
    const h = await setUp();
    const arta = await addOperator(h, 9001);
    const dritaChat = await addOperator(h, 9002, { skills: [need], presence: drita.presence ?? 'on' });
    const { code } = await requestPerson(h);
    const helpCase = await caseRow(h);
    await h.db.prisma.helpCase.update({
      where: { id: helpCase.id },
      data:
        need === 'child'
          ? { ageBand: 'child' }
          : { summary: JSON.stringify({ flowId: 'helpline/self-check', reasons: [], answers: { wants: { kind: 'choices', codes: ['talk_to_woman'] } }, urgentWords: null }) },
    });
    return { h, arta, drita: dritaChat, code };
  }

  it.skipIf(skip)('keeps a child’s case for an operator trained for children while one is on call', async () => {
    const { h, arta, drita, code } = await specialCase('child');
    await arta.press(`h|take|${code}`);
    expect(answers(h).at(-1)).toBe(h.i18n.t('sq', 'handoff:claim.needs_child', { code }));
    expect(await caseRow(h)).toMatchObject({ status: 'pending', operatorId: null });
    await drita.press(`h|take|${code}`);
    await settle(h);
    expect(await caseRow(h)).toMatchObject({ status: 'active', operatorId: 'op-9002' });
  });

  it.skipIf(skip)('keeps the case of a person who asked for a woman for an operator with the female skill', async () => {
    const { h, arta, code } = await specialCase('female');
    await arta.press(`h|take|${code}`);
    expect(answers(h).at(-1)).toBe(h.i18n.t('sq', 'handoff:claim.needs_female', { code }));
    expect(await caseRow(h)).toMatchObject({ status: 'pending' });
  });

  it.skipIf(skip)('lets a supervisor take a child’s case', async () => {
    const { h, code } = await specialCase('child');
    const sokol = await addOperator(h, 9003, { role: 'supervisor', presence: null });
    await sokol.press(`h|take|${code}`);
    await settle(h);
    expect(await caseRow(h)).toMatchObject({ status: 'active', operatorId: 'op-9003' });
  });

  it.skipIf(skip)('lets any operator take a child’s case when nobody trained for children is on call', async () => {
    const { h, arta, code } = await specialCase('child', { presence: 'off' });
    await arta.press(`h|take|${code}`);
    await settle(h);
    expect(answers(h).at(-1)).toBe(h.i18n.t('sq', 'handoff:claim.claimed', { code }));
    expect(await caseRow(h)).toMatchObject({ status: 'active', operatorId: 'op-9001' });
  });
});
