import { describe, expect, it } from 'vitest';
import { createShiftRepository } from '../../src/storage/shift-repository.js';
import { PROVIDERS_UNDER_TEST, suiteDatabase } from '../support/database.js';

const times = (shifts: { weekday: number; start: string; end: string }[]) => shifts.map(({ weekday, start, end }) => ({ weekday, start, end }));

describe.each(PROVIDERS_UNDER_TEST)('shift repository on $name', ({ open, skip }) => {
  const test = suiteDatabase({ open, skip });

  it.skipIf(skip)("stores an operator's week and gives it back in week order, each shift with its own id", async () => {
    const shifts = createShiftRepository(test.db.prisma);
    await shifts.replaceFor('o-1', [
      { weekday: 6, start: '22:00', end: '06:00' },
      { weekday: 1, start: '13:00', end: '17:00' },
      { weekday: 1, start: '08:00', end: '12:00' },
    ]);
    const stored = await shifts.forOperator('o-1');
    expect(times(stored)).toEqual([
      { weekday: 1, start: '08:00', end: '12:00' },
      { weekday: 1, start: '13:00', end: '17:00' },
      { weekday: 6, start: '22:00', end: '06:00' },
    ]);
    expect(stored.every((shift) => shift.operatorId === 'o-1')).toBe(true);
    expect(new Set(stored.map((shift) => shift.id)).size).toBe(3);
  });

  it.skipIf(skip)("replaces only that operator's week, and an empty week clears it", async () => {
    const shifts = createShiftRepository(test.db.prisma);
    await shifts.replaceFor('o-2', [{ weekday: 7, start: '00:00', end: '24:00' }]);
    await shifts.replaceFor('o-1', [{ weekday: 3, start: '09:00', end: '13:00' }]);
    expect(times(await shifts.forOperator('o-1'))).toEqual([{ weekday: 3, start: '09:00', end: '13:00' }]);
    expect((await shifts.all()).map((shift) => [shift.operatorId, shift.weekday])).toEqual([
      ['o-1', 3],
      ['o-2', 7],
    ]);

    await shifts.replaceFor('o-1', []);
    expect(await shifts.forOperator('o-1')).toEqual([]);
    expect((await shifts.all()).map((shift) => shift.operatorId)).toEqual(['o-2']);
    expect(await shifts.forOperator('nobody')).toEqual([]);
  });

  it.skipIf(skip)('keeps the old week when the new one cannot be stored', async () => {
    const shifts = createShiftRepository(test.db.prisma);
    // A shift without a start fails on insert, after the old week was deleted in the same transaction.
    const broken = { weekday: 1, start: null as unknown as string, end: '16:00' };
    await expect(shifts.replaceFor('o-2', [{ weekday: 2, start: '08:00', end: '16:00' }, broken])).rejects.toThrow();
    expect(times(await shifts.forOperator('o-2'))).toEqual([{ weekday: 7, start: '00:00', end: '24:00' }]);
  });
});
