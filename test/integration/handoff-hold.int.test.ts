import { describe, expect, it } from 'vitest';
import { createRetention } from '../../src/helpline/retention.js';
import { createRetentionRepository } from '../../src/storage/retention-repository.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';
import { addOperator, buttonsOf, callsTo, handoffHarness, PERSON, textsTo, type Harness, type Person } from '../support/handoff.js';

/** What the person's chat received after the `from`-th call Telegram got: texts (and copies) from the team. */
const textsToPersonSince = (h: Harness, from: number) =>
  h.api.calls.slice(from).flatMap((call) => (call.payload.chat_id === PERSON && (call.method === 'sendMessage' || call.method === 'copyMessage') ? [String(call.payload.text ?? '')] : []));

describe.each(PROVIDERS_UNDER_TEST)('"write to me only after I write" on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  const { setUp, settle, caseRow, requestPerson } = handoffHarness(database);

  /** A person asks for a person and (unless `hold` is false) presses "write to me only after I write"; Arta is on call. */
  async function heldCase(hold = true) {
    const h = await setUp();
    const arta = await addOperator(h, 9001, { pseudonym: 'Arta' });
    const { person, code } = await requestPerson(h);
    if (hold) await person.press('w');
    await settle(h);
    return { h, arta, person, code };
  }

  it.skipIf(skip)('offers the choice with the reply to the request for a person, and says what it does', async () => {
    const h = await setUp();
    await addOperator(h, 9001);
    const { person } = await requestPerson(h);
    const reply = callsTo(h, PERSON).filter((call) => typeof call.payload.text === 'string' && call.payload.text.startsWith(h.i18n.t('sq', 'helpline:person.requested')));
    expect(reply).toHaveLength(1);
    expect(buttonsOf(reply[0]!.payload)).toContain('h:w');

    await person.press('w');
    expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('sq', 'helpline:person.hold_set'));
    expect((await caseRow(h)).holdUntilPersonWrites).toBe(true);
  });

  it.skipIf(skip)('holds the joined notice and the operator’s messages until the person writes, then sends them in order; the operator is told once', async () => {
    const { h, arta, person, code } = await heldCase();
    const before = h.api.calls.length;
    await arta.press(`h|take|${code}`);
    await arta.say('Are you safe now?');
    await arta.say('Where are you, roughly?');
    await settle(h);

    expect(textsToPersonSince(h, before)).toEqual([]);
    const held = h.i18n.t('sq', 'handoff:console.held', { code });
    expect(textsTo(h, 9001).filter((text) => text === held)).toHaveLength(1);

    const beforeWriting = h.api.calls.length;
    await person.say('I am here');
    await settle(h);
    const arrived = textsToPersonSince(h, beforeWriting);
    expect(arrived).toHaveLength(3);
    expect(arrived[0]).toBe(h.i18n.t('sq', 'handoff:person.joined', { name: 'Arta' }));
    expect(arrived[1]).toContain('Are you safe now?');
    expect(arrived[2]).toContain('Where are you, roughly?');
    // The operator got what the person wrote.
    expect(textsTo(h, 9001).some((text) => text.includes('I am here'))).toBe(true);

    // Once released, the chat goes on as usual: the next reply is not held again.
    await arta.say('Thank you for writing.');
    await settle(h);
    expect(textsTo(h, PERSON).at(-1)).toContain('Thank you for writing.');
    expect(textsTo(h, 9001).filter((text) => text === held)).toHaveLength(1);
  });

  it.skipIf(skip).each([
    { way: 'the quick exit', leave: (person: Person) => person.press('x') },
    { way: '/delete', leave: async (person: Person) => (await person.command('delete'), await person.press('z|yes')) },
  ])('deletes held messages when the person leaves by $way, and never sends them', async ({ leave }) => {
    const { h, arta, person, code } = await heldCase();
    const before = h.api.calls.length;
    await arta.press(`h|take|${code}`);
    await arta.say('Are you safe now?');
    await settle(h);
    expect(await h.db.prisma.outboxMessage.count({ where: { status: 'held' } })).toBe(2);

    await leave(person);
    await settle(h);
    expect(await h.db.prisma.outboxMessage.count({ where: { recipientId: { not: null }, status: { in: ['held', 'pending'] } } })).toBe(0);
    h.clock.advance(24 * 60 * 60_000);
    await h.parts.outbox.drain();
    // Only Ura's own answers to leaving (the /delete confirmation) are in the chat: nothing from the team.
    expect(textsToPersonSince(h, before).filter((text) => text !== h.i18n.t('sq', 'helpline:delete.confirm') && text !== h.i18n.t('sq', 'helpline:delete.done'))).toEqual([]);
  });

  it.skipIf(skip)('says so, and holds nothing, when the choice is pressed after the person left', async () => {
    const { h, person } = await heldCase(false);
    await person.press('x');
    await person.press('w');
    expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('sq', 'helpline:person.hold_none'));
    expect((await caseRow(h)).holdUntilPersonWrites).toBe(false);
  });

  it.skipIf(skip)('keeps held messages through the daily clean-up until the person comes back days later', async () => {
    const { h, arta, person, code } = await heldCase();
    await arta.press(`h|take|${code}`);
    await arta.say('Are you safe now?');
    await settle(h);
    h.clock.advance(3 * 24 * 60 * 60_000);
    await createRetention({ store: createRetentionRepository(h.db), clock: h.clock, days: 30 }).run();

    const before = h.api.calls.length;
    await person.say('I can talk now');
    await settle(h);
    const arrived = textsToPersonSince(h, before);
    expect(arrived).toHaveLength(2);
    expect(arrived[1]).toContain('Are you safe now?');
  });

  it.skipIf(skip)('never sends a held message, even to a sender that reads it directly', async () => {
    const { h, arta, code } = await heldCase();
    const before = h.api.calls.length;
    await arta.press(`h|take|${code}`);
    await settle(h);
    const row = await h.db.prisma.outboxMessage.findFirstOrThrow({ where: { status: 'held' } });
    h.clock.advance(60 * 60_000);
    expect(await h.parts.outboxStore.lease(row.id, h.clock.now(), new Date(h.clock.now().getTime() + 30_000))).toBe(false);
    await h.parts.outbox.drain();
    expect(textsToPersonSince(h, before)).toEqual([]);
  });

  it.skipIf(skip)('without the option, the operator’s messages go out at once, as before', async () => {
    const { h, arta, code } = await heldCase(false);
    const before = h.api.calls.length;
    await arta.press(`h|take|${code}`);
    await arta.say('Are you safe now?');
    await settle(h);
    const arrived = textsToPersonSince(h, before);
    expect(arrived).toHaveLength(2);
    expect(arrived[0]).toBe(h.i18n.t('sq', 'handoff:person.joined', { name: 'Arta' }));
    expect(arrived[1]).toContain('Are you safe now?');
    expect(textsTo(h, 9001)).not.toContain(h.i18n.t('sq', 'handoff:console.held', { code }));
  });
});
