import { describe, expect, it } from 'vitest';
import { hashToken } from '../../src/staff/invitations.js';
import { createOrganiserSignIn, SESSION_HOURS, SIGN_IN_MINUTES } from '../../src/staff/organiser-sign-in.js';
import type { Operator } from '../../src/staff/operators.js';
import { createOperatorRepository } from '../../src/storage/operator-repository.js';
import { createOrganiserSessionRepository } from '../../src/storage/organiser-session-repository.js';
import { fakeClock } from '../support/clock.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';

const MINUTE = 60_000;

describe.each(PROVIDERS_UNDER_TEST)('organiser sign-in and sessions on $name', ({ open, skip }) => {
  const test = suiteDatabase({ open, skip });
  let next = 1;

  async function setUp(role: Operator['role'] = 'organiser') {
    const clock = fakeClock('2026-11-20T07:00:00Z');
    const operators = createOperatorRepository(test.db.prisma);
    const member: Operator = { id: `staff-${next}`, telegramId: String(8000 + next++), pseudonym: 'Mira', role, languages: ['it', 'sq'], skills: [], createdAt: clock.now() };
    await operators.add(member);
    const signIn = createOrganiserSignIn({ store: createOrganiserSessionRepository(test.db.prisma), staff: operators, clock });
    return { clock, operators, member, signIn };
  }

  const issued = async (signIn: Awaited<ReturnType<typeof setUp>>['signIn'], telegramId: string) => {
    const link = await signIn.issue(telegramId);
    if (link === 'not_organiser') throw new Error('no link issued');
    return link;
  };

  it.skipIf(skip)('trades a link for a session once, stores only hashes, and opens the pages in the organiser’s first language', async () => {
    const { member, signIn } = await setUp();
    const link = await issued(signIn, member.telegramId);
    const session = await signIn.signIn(link.token);
    if (typeof session !== 'object') throw new Error(session);
    expect(await signIn.signIn(link.token)).toBe('used');
    expect(await signIn.visitor(session.sessionId)).toMatchObject({ kind: 'organiser', staff: { id: member.id }, language: 'it' });

    const links = await test.db.prisma.organiserSignIn.findMany({ where: { staffId: member.id } });
    const sessions = await test.db.prisma.organiserSession.findMany({ where: { staffId: member.id } });
    expect(links.map((row) => row.tokenHash)).toEqual([hashToken(link.token)]);
    expect(sessions.map((row) => row.idHash)).toEqual([hashToken(session.sessionId)]);
    expect(JSON.stringify([links, sessions])).not.toContain(link.token);
    expect(JSON.stringify([links, sessions])).not.toContain(session.sessionId);

    await signIn.setLanguage(session.sessionId, 'el');
    expect(await signIn.visitor(session.sessionId)).toMatchObject({ language: 'el' });
    await signIn.signOut(session.sessionId);
    expect(await signIn.visitor(session.sessionId)).toEqual({ kind: 'stranger' });
  });

  it.skipIf(skip)('opens exactly one session when two browsers use one link at the same moment', async () => {
    const { member, signIn } = await setUp();
    for (let round = 0; round < 5; round++) {
      const link = await issued(signIn, member.telegramId);
      const outcomes = await Promise.all([signIn.signIn(link.token), signIn.signIn(link.token)]);
      expect(outcomes.filter((outcome) => typeof outcome === 'object')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'used')).toHaveLength(1);
    }
    expect(await test.db.prisma.organiserSession.count({ where: { staffId: member.id } })).toBe(5);
  });

  it.skipIf(skip)('lets a link expire after a few minutes and a session after a working day, and clears both away', async () => {
    const { clock, member, signIn } = await setUp();
    const late = await issued(signIn, member.telegramId);
    clock.advance(SIGN_IN_MINUTES * MINUTE);
    expect(await signIn.signIn(late.token)).toBe('expired');
    const link = await issued(signIn, member.telegramId);
    const session = await signIn.signIn(link.token);
    if (typeof session !== 'object') throw new Error(session);
    clock.advance(SESSION_HOURS * 60 * MINUTE - 1);
    expect(await signIn.visitor(session.sessionId)).toMatchObject({ kind: 'organiser' });
    clock.advance(1);
    expect(await signIn.visitor(session.sessionId)).toEqual({ kind: 'stranger' });
    // The next sign-in clears what expired.
    const fresh = await issued(signIn, member.telegramId);
    expect(typeof (await signIn.signIn(fresh.token))).toBe('object');
    expect(await test.db.prisma.organiserSignIn.count({ where: { tokenHash: hashToken(late.token) } })).toBe(0);
    expect(await test.db.prisma.organiserSession.count({ where: { idHash: hashToken(session.sessionId) } })).toBe(0);
  });

  it.skipIf(skip)('tells a changed role and a removed organiser apart from an organiser, and removing signs them out everywhere', async () => {
    const { clock, operators, member, signIn } = await setUp();
    const first = await signIn.signIn((await issued(signIn, member.telegramId)).token);
    const second = await signIn.signIn((await issued(signIn, member.telegramId)).token);
    const unused = await issued(signIn, member.telegramId);
    if (typeof first !== 'object' || typeof second !== 'object') throw new Error('not signed in');
    await test.db.prisma.operator.update({ where: { id: member.id }, data: { role: 'operator' } });
    expect(await signIn.visitor(first.sessionId)).toMatchObject({ kind: 'not_organiser', staff: { role: 'operator' } });
    expect(await signIn.issue(member.telegramId)).toBe('not_organiser');
    await test.db.prisma.operator.update({ where: { id: member.id }, data: { role: 'organiser' } });

    expect(await operators.remove(member.id, clock.now())).toBe(true);
    expect(await signIn.visitor(first.sessionId)).toEqual({ kind: 'stranger' });
    expect(await signIn.visitor(second.sessionId)).toEqual({ kind: 'stranger' });
    expect(await signIn.signIn(unused.token)).toBe('unknown');
    expect(await test.db.prisma.organiserSession.count({ where: { staffId: member.id } })).toBe(0);
  });

  it.skipIf(skip)('gives no link to an operator, a supervisor or an admin', async () => {
    for (const role of ['operator', 'supervisor', 'admin'] as const) {
      const { member, signIn } = await setUp(role);
      expect(await signIn.issue(member.telegramId)).toBe('not_organiser');
    }
  });
});
