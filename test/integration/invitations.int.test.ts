import { describe, expect, it } from 'vitest';
import { createInvitations, hashToken } from '../../src/staff/invitations.js';
import { createInvitationRepository } from '../../src/storage/invitation-repository.js';
import { createOperatorRepository } from '../../src/storage/operator-repository.js';
import { fakeClock } from '../support/clock.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';

const HOUR = 3_600_000;

describe.each(PROVIDERS_UNDER_TEST)('invitations on $name', ({ open, skip }) => {
  const test = suiteDatabase({ open, skip });
  const clock = fakeClock('2026-06-01T08:00:00Z');

  const setUp = () => {
    const operators = createOperatorRepository(test.db.prisma);
    return { operators, invitations: createInvitations({ store: createInvitationRepository(test.db.prisma), operators, clock }) };
  };

  it.skipIf(skip)('registers whoever redeems it with the role, languages, skills and name it was made for, once', async () => {
    const { operators, invitations } = setUp();
    const { token, expiresAt } = await invitations.invite({ role: 'supervisor', pseudonym: 'Arta', languages: ['sq', 'en'], skills: ['child', 'female'], validHours: 72 });
    expect(token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
    expect(`inv_${token}`.length).toBeLessThanOrEqual(64);
    expect(expiresAt).toEqual(new Date(clock.now().getTime() + 72 * HOUR));
    expect(await invitations.inspect(token)).toMatchObject({ role: 'supervisor', languages: ['sq', 'en'], usedAt: null });

    const operator = await invitations.redeem(token, '7390514826');
    expect(operator).toMatchObject({ telegramId: '7390514826', role: 'supervisor', pseudonym: 'Arta', languages: ['sq', 'en'], skills: ['child', 'female'] });
    expect(await operators.byTelegramId('7390514826')).toMatchObject({ role: 'supervisor', pseudonym: 'Arta', languages: ['sq', 'en'], skills: ['child', 'female'] });

    expect(await invitations.redeem(token, '555')).toBe('used');
    expect(await invitations.inspect(token)).toBe('used');
    expect(await operators.byTelegramId('555')).toBeUndefined();
  });

  it.skipIf(skip)('stores only the hash of the token', async () => {
    const { invitations } = setUp();
    const { token } = await invitations.invite({ role: 'operator', pseudonym: null, languages: ['it'], skills: [], validHours: 1 });
    const rows = await test.db.prisma.invitation.findMany();
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(rows.map((row) => row.tokenHash)).toContain(hashToken(token));
  });

  it.skipIf(skip)('refuses an expired invitation and a token it never issued', async () => {
    const { operators, invitations } = setUp();
    const { token } = await invitations.invite({ role: 'operator', pseudonym: null, languages: ['sq'], skills: [], validHours: 2 });
    clock.advance(2 * HOUR);
    expect(await invitations.inspect(token)).toBe('expired');
    expect(await invitations.redeem(token, '601')).toBe('expired');
    expect(await invitations.redeem('A'.repeat(32), '601')).toBe('unknown');
    expect(await invitations.inspect('not a token')).toBe('unknown');
    expect(await operators.byTelegramId('601')).toBeUndefined();
  });

  it.skipIf(skip)('leaves the invitation unused when the Telegram id is already an operator', async () => {
    const { invitations } = setUp();
    const first = await invitations.invite({ role: 'operator', pseudonym: null, languages: ['sq'], skills: [], validHours: 24 });
    const second = await invitations.invite({ role: 'admin', pseudonym: null, languages: ['en'], skills: [], validHours: 24 });
    expect(await invitations.redeem(first.token, '702')).toMatchObject({ telegramId: '702' });
    expect(await invitations.redeem(second.token, '702')).toBe('already_operator');
    expect(await invitations.inspect(second.token)).toMatchObject({ role: 'admin', usedAt: null });
    expect(await invitations.redeem(second.token, '703')).toMatchObject({ telegramId: '703', role: 'admin' });
  });

  it.skipIf(skip)('registers exactly one operator when two people redeem one invitation at the same moment', async () => {
    const { operators, invitations } = setUp();
    for (let round = 0; round < 5; round++) {
      const { token } = await invitations.invite({ role: 'operator', pseudonym: null, languages: ['sq'], skills: [], validHours: 24 });
      const ids = [`90${round}1`, `90${round}2`];
      const outcomes = await Promise.all(ids.map((id) => invitations.redeem(token, id)));
      expect(outcomes.filter((outcome) => typeof outcome === 'object')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'used')).toHaveLength(1);
      const registered = await Promise.all(ids.map((id) => operators.byTelegramId(id)));
      expect(registered.filter(Boolean)).toHaveLength(1);
    }
  });
});
