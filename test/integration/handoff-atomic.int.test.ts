import { describe, expect, it } from 'vitest';
import type { UraPrisma, UraTx } from '../../src/storage/database.js';
import { fakeClock } from '../support/clock.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase, type TestDatabase } from '../support/database.js';
import { addOperator, handoffHarness, PERSON, textsTo } from '../support/handoff.js';
import { command } from '../support/updates.js';

/** A transaction in which writing to the outbox fails, after whatever was written before it. */
function withFailingOutbox(tx: UraTx): UraTx {
  const outbox = new Proxy(tx.outboxMessage, {
    get: (target, key) => (key === 'createMany' ? async () => Promise.reject(new Error('disk full')) : Reflect.get(target, key)),
  });
  return new Proxy(tx, { get: (target, key) => (key === 'outboxMessage' ? outbox : Reflect.get(target, key)) });
}

/** The suite's database as Ura sees it, except that while `broken.on` every transaction fails at its outbox rows. */
function breakable(database: TestDatabase, broken: { on: boolean }): TestDatabase {
  const prisma = database.db.prisma;
  const wrapped = new Proxy(prisma, {
    get: (target, key) => (key === '$transaction' ? <R>(fn: (tx: UraTx) => Promise<R>) => target.$transaction((tx) => fn(broken.on ? withFailingOutbox(tx) : tx)) : Reflect.get(target, key)),
  }) as UraPrisma;
  return { name: database.name, url: database.url, db: { ...database.db, prisma: wrapped }, dispose: async () => undefined };
}

describe.each(PROVIDERS_UNDER_TEST)('each step of a case is written whole on $name', ({ open, skip }) => {
  const database = suiteDatabase({ open, skip });
  const { setUp, settle, caseRow, requestPerson } = handoffHarness(database);

  it.skipIf(skip)('leaves a case waiting and claimable when its claim cannot store its messages', async () => {
    const broken = { on: false };
    const h = await setUp({ database: breakable(database, broken) });
    const arta = await addOperator(h, 9001, { pseudonym: 'Arta' });
    const { code } = await requestPerson(h);

    broken.on = true;
    await arta.press(`h|take|${code}`);
    expect(await caseRow(h)).toMatchObject({ status: 'pending', operatorId: null, claimedAt: null });
    expect(await h.db.prisma.operator.findUniqueOrThrow({ where: { id: 'op-9001' } })).toMatchObject({ activeCaseId: null });
    expect(await h.db.prisma.caseEvent.count({ where: { action: 'claimed' } })).toBe(0);

    broken.on = false;
    await arta.press(`h|take|${code}`);
    await settle(h);
    expect(await caseRow(h)).toMatchObject({ status: 'active', operatorId: 'op-9001' });
    expect(textsTo(h, PERSON).at(-1)).toBe(h.i18n.t('sq', 'handoff:person.joined', { name: 'Arta' }));
  });

  it.skipIf(skip)('keeps an escalation step, a transfer and an exit from half happening', async () => {
    const clock = fakeClock('2026-06-01T09:00:00Z');
    const broken = { on: false };
    const h = await setUp({ clock, database: breakable(database, broken) });
    const arta = await addOperator(h, 9001);
    // Not paged at first (no Albanian): the first escalation step pages her.
    await addOperator(h, 9002, { languages: ['en'] });
    const { person, code } = await requestPerson(h);

    clock.advance(60 * 60_000);
    broken.on = true;
    await h.parts.duty.tick().catch(() => undefined);
    expect(await caseRow(h)).toMatchObject({ status: 'pending', escalation: 0 });
    expect(await h.db.prisma.caseEvent.count({ where: { action: 'escalated' } })).toBe(0);

    broken.on = false;
    await arta.press(`h|take|${code}`);
    await h.handle(command('transfer', code, { userId: 9001, languageCode: 'sq' }));
    broken.on = true;
    await arta.press(`h|tr|${code}|op-9002`);
    expect(await caseRow(h)).toMatchObject({ status: 'active', operatorId: 'op-9001' });
    expect(await h.db.prisma.operator.findUniqueOrThrow({ where: { id: 'op-9001' } })).toMatchObject({ activeCaseId: (await caseRow(h)).id });
    expect(await h.db.prisma.caseEvent.count({ where: { action: 'transferred' } })).toBe(0);

    await person.command('exit');
    expect(await caseRow(h)).toMatchObject({ status: 'active', leftAt: null, chatEndedAt: null });
    expect(await h.db.prisma.caseEvent.count({ where: { action: 'person_left' } })).toBe(0);
    broken.on = false;
    await person.command('exit');
    await settle(h);
    expect((await caseRow(h)).leftAt).not.toBeNull();
  });
});
