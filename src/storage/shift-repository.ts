import type { Shift, ShiftStore } from '../helpline/handoff/rota.js';
import { newId } from '../shared/ids.js';
import type { UraPrisma } from './database.js';

const WEEK_ORDER = [{ weekday: 'asc' as const }, { start: 'asc' as const }, { end: 'asc' as const }];

const toShift = (row: Shift): Shift => ({ id: row.id, operatorId: row.operatorId, weekday: row.weekday, start: row.start, end: row.end });

export function createShiftRepository(prisma: UraPrisma): ShiftStore {
  return {
    async replaceFor(operatorId, shifts) {
      await prisma.$transaction(async (tx) => {
        await tx.shift.deleteMany({ where: { operatorId } });
        if (shifts.length > 0) await tx.shift.createMany({ data: shifts.map((shift) => ({ id: newId(), operatorId, weekday: shift.weekday, start: shift.start, end: shift.end })) });
      });
    },
    all: async () => (await prisma.shift.findMany({ orderBy: [{ operatorId: 'asc' }, ...WEEK_ORDER] })).map(toShift),
    forOperator: async (operatorId) => (await prisma.shift.findMany({ where: { operatorId }, orderBy: WEEK_ORDER })).map(toShift),
  };
}
