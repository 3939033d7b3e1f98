import type { OnDuty } from '../handoff/model.js';
import { OPERATOR_ROLES, type DutyStore, type Operator, type OperatorStore } from '../helpline/operators.js';
import { sequentialId } from '../shared/sequence.js';
import type { UraPrisma } from './database.js';
import { isUniqueViolation } from './prisma-errors.js';

type Row = Awaited<ReturnType<UraPrisma['operator']['findUniqueOrThrow']>>;

const list = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
};

const toOperator = (row: Row): Operator => ({
  id: row.id,
  telegramId: row.telegramId,
  pseudonym: row.pseudonym,
  role: OPERATOR_ROLES.find((role) => role === row.role) ?? 'operator',
  languages: list(row.languages),
  skills: list(row.skills),
  createdAt: row.createdAt,
});


export function createOperatorRepository(prisma: UraPrisma): OperatorStore {
  return {
    async add(operator) {
      try {
        await prisma.operator.create({ data: { ...operator, languages: JSON.stringify(operator.languages), skills: JSON.stringify(operator.skills) } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    list: async () => (await prisma.operator.findMany({ orderBy: { createdAt: 'asc' } })).map(toOperator),
    // A removed operator loses their cases at once: each goes back to the queue, to be
    // paged again by the running service's next tick, and their shifts go with them.
    remove: (idOrTelegramId) =>
      prisma.$transaction(async (tx) => {
        const operator = await tx.operator.findFirst({ where: { OR: [{ id: idOrTelegramId }, { telegramId: idOrTelegramId }] } });
        if (!operator) return false;
        const held = await tx.helpCase.findMany({ where: { operatorId: operator.id, status: 'active' }, select: { id: true, createdAt: true } });
        const now = new Date();
        for (const helpCase of held) {
          await tx.helpCase.update({ where: { id: helpCase.id }, data: { status: 'pending', operatorId: null, pagedAt: null, escalation: 0, escalateAt: now } });
          await tx.caseEvent.create({ data: { id: sequentialId(now), caseId: helpCase.id, action: 'released', operatorId: operator.id, detail: 'operator_removed', at: now } });
        }
        await tx.shift.deleteMany({ where: { operatorId: operator.id } });
        await tx.operator.delete({ where: { id: operator.id } });
        return true;
      }),
    async byTelegramId(telegramId) {
      const row = await prisma.operator.findUnique({ where: { telegramId } });
      return row ? toOperator(row) : undefined;
    },
  };
}

const toDuty = (row: Row): OnDuty => ({
  ...toOperator(row),
  presence: row.presence === 'on' || row.presence === 'off' ? row.presence : null,
  onShift: row.onShift,
  activeCaseId: row.activeCaseId,
});

export function createDutyRepository(prisma: UraPrisma): DutyStore {
  return {
    onDuty: async () => (await prisma.operator.findMany({ orderBy: { createdAt: 'asc' } })).map(toDuty),
    async dutyOf(telegramId) {
      const row = await prisma.operator.findUnique({ where: { telegramId } });
      return row ? toDuty(row) : undefined;
    },
    setPresence: async (id, presence) => void (await prisma.operator.updateMany({ where: { id }, data: { presence } })),
    announceShift: async (id, onShift) => (await prisma.operator.updateMany({ where: { id, onShift: !onShift }, data: { onShift, ...(onShift ? { presence: null } : {}) } })).count === 1,
    setActiveCase: async (id, caseId) => void (await prisma.operator.updateMany({ where: { id }, data: { activeCaseId: caseId } })),
  };
}
