import { describe, expect, it } from 'vitest';
import { parseMonth } from '../../src/shared/month.js';
import { loadStatsCases } from '../../src/storage/stats-repository.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';

const november = parseMonth('2026-11', 'Europe/Tirane');
if ('problem' in november) throw new Error(november.problem);
const { from, to } = november;

const row = (id: string, createdAt: Date, extra: Record<string, unknown> = {}) => ({
  id,
  code: `K-${id}`,
  contactId: `c-${id}`,
  trigger: 'request',
  level: 'INFO',
  summary: '{}',
  language: 'sq',
  status: 'pending',
  createdAt,
  ...extra,
});

describe.each(PROVIDERS_UNDER_TEST)('stats repository on $name', ({ open, skip }) => {
  const test = suiteDatabase({ open, skip });

  it.skipIf(skip)('loads the cases opened from the first instant of the month up to, not including, the next', async () => {
    for (const data of [
      row('before', new Date(from.getTime() - 1)),
      row('first', from),
      row('late-october-utc', new Date('2026-10-31T23:30:00Z')),
      row('last', new Date(to.getTime() - 1)),
      row('next', to),
    ]) {
      await test.db.prisma.helpCase.create({ data });
    }
    const cases = await loadStatsCases(test.db.prisma, from, to);
    expect(cases.map((c) => c.createdAt.toISOString())).toEqual(['2026-10-31T23:00:00.000Z', '2026-10-31T23:30:00.000Z', '2026-11-30T22:59:59.999Z']);
  });

  it.skipIf(skip)('gives the counted columns only, as stored', async () => {
    const claimedAt = new Date('2026-11-15T10:04:00Z');
    await test.db.prisma.helpCase.create({
      data: row('closed', new Date('2026-11-15T10:00:00Z'), {
        level: 'URGENT',
        trigger: 'urgent',
        language: 'en',
        source: 'poster_fier',
        ageBand: 'child',
        status: 'closed',
        operatorId: 'o-1',
        claimedAt,
        closedAt: new Date('2026-11-15T11:00:00Z'),
        outcome: 'referred',
        referral: 'child_protection',
      }),
    });
    const cases = await loadStatsCases(test.db.prisma, new Date('2026-11-15T00:00:00Z'), new Date('2026-11-16T00:00:00Z'));
    expect(cases).toEqual([
      {
        level: 'URGENT',
        trigger: 'urgent',
        language: 'en',
        source: 'poster_fier',
        ageBand: 'child',
        status: 'closed',
        createdAt: new Date('2026-11-15T10:00:00Z'),
        claimedAt,
        outcome: 'referred',
        referral: 'child_protection',
      },
    ]);
    const [first] = await loadStatsCases(test.db.prisma, from, new Date(from.getTime() + 1));
    expect(first).toMatchObject({ source: null, ageBand: 'unknown', claimedAt: null, outcome: null, referral: null });
  });
});
