import { describe, expect, it } from 'vitest';
import type { Operator } from '../../src/staff/operators.js';
import { createOperatorRepository } from '../../src/storage/operator-repository.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';

const operator = (id: string, telegramId: string, extra: Partial<Operator> = {}): Operator => ({
  id,
  telegramId,
  pseudonym: null,
  role: 'operator',
  languages: ['sq'],
  skills: [],
  createdAt: new Date('2026-06-01T08:00:00Z'),
  ...extra,
});

describe.each(PROVIDERS_UNDER_TEST)('operator repository on $name', ({ open, skip }) => {
  const test = suiteDatabase({ open, skip });

  it.skipIf(skip)('registers each Telegram id once, and keeps ids beyond 32 bits exactly', async () => {
    const operators = createOperatorRepository(test.db.prisma);
    expect(await operators.add(operator('o-1', '7390514826', { pseudonym: 'Arta', role: 'supervisor', languages: ['sq', 'en'], skills: ['child', 'female'] }))).toBe(true);
    expect(await operators.add(operator('o-2', '7390514826'))).toBe(false);
    expect(await operators.byTelegramId('7390514826')).toEqual(operator('o-1', '7390514826', { pseudonym: 'Arta', role: 'supervisor', languages: ['sq', 'en'], skills: ['child', 'female'] }));
  });

  it.skipIf(skip)('lists in order of registration and removes by operator id or Telegram id', async () => {
    const operators = createOperatorRepository(test.db.prisma);
    await operators.add(operator('o-3', '555', { createdAt: new Date('2026-06-02T08:00:00Z') }));
    expect((await operators.list()).map((o) => o.id)).toEqual(['o-1', 'o-3']);
    expect(await operators.remove('o-1', new Date('2026-06-03T08:00:00Z'))).toBe(true);
    expect(await operators.remove('555', new Date('2026-06-03T08:00:00Z'))).toBe(true);
    expect(await operators.remove('555', new Date('2026-06-03T08:00:00Z'))).toBe(false);
    expect(await operators.list()).toEqual([]);
  });
});
