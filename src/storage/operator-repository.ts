import type { OnDuty } from '../staff/operators.js';
import { OPERATOR_ROLES, type DutyStore, type Operator, type OperatorStore } from '../staff/operators.js';
import { backInQueue } from '../helpline/cases.js';
import type { UraPrisma } from './database.js';
import { eventRow } from './handoff-repository.js';
import { type HotSql, readAheadOr } from './hot-path.js';
import { isUniqueViolation } from './prisma-errors.js';
import { storedOneOf } from './stored-values.js';

type Row = Awaited<ReturnType<UraPrisma['operator']['findUniqueOrThrow']>>;

/** Languages and skills are stored as JSON lists of strings. */
export const textList = (json: string): string[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
};

/** An operator as its row is written (by registration and by a redeemed invitation). */
export const operatorData = (operator: Operator) => ({ ...operator, languages: JSON.stringify(operator.languages), skills: JSON.stringify(operator.skills) });

const toOperator = (row: Row): Operator => ({
  id: row.id,
  telegramId: row.telegramId,
  pseudonym: row.pseudonym,
  role: storedOneOf(OPERATOR_ROLES, row.role, 'operator'),
  languages: textList(row.languages),
  skills: textList(row.skills),
  createdAt: row.createdAt,
});

const byRef = (idOrTelegramId: string) => ({ OR: [{ id: idOrTelegramId }, { telegramId: idOrTelegramId }] });

export function createOperatorRepository(prisma: UraPrisma): OperatorStore {
  return {
    async add(operator) {
      try {
        await prisma.operator.create({ data: operatorData(operator) });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    list: async () => (await prisma.operator.findMany({ orderBy: { createdAt: 'asc' } })).map(toOperator),
    // A removed operator loses their cases at once: each goes back to the queue, to be
    // paged again by the running service's next tick, and their shifts go with them. A
    // case whose person left has nobody to answer: it is closed as contact lost instead.
    // (An organiser holds no cases: removing one only signs them out.)
    remove: (idOrTelegramId, at) =>
      prisma.$transaction(async (tx) => {
        const operator = await tx.operator.findFirst({ where: byRef(idOrTelegramId) });
        if (!operator) return false;
        const held = await tx.helpCase.findMany({ where: { operatorId: operator.id, status: 'active' }, select: { id: true, leftAt: true } });
        const queued = held.filter((row) => row.leftAt === null).map((row) => row.id);
        const closed = held.filter((row) => row.leftAt !== null).map((row) => row.id);
        await tx.helpCase.updateMany({ where: { id: { in: queued } }, data: backInQueue(at) });
        await tx.helpCase.updateMany({ where: { id: { in: closed } }, data: { status: 'closed', closedAt: at, outcome: 'no_contact', operatorId: null } });
        await tx.caseEvent.createMany({
          data: [
            ...queued.map((caseId) => eventRow({ caseId, action: 'released', operatorId: operator.id, detail: 'operator_removed', at })),
            ...closed.map((caseId) => eventRow({ caseId, action: 'closed', operatorId: operator.id, detail: 'no_contact/operator_removed', at })),
          ],
        });
        await tx.shift.deleteMany({ where: { operatorId: operator.id } });
        // An organiser's browsers are signed out, and links not yet opened stop working.
        await tx.organiserSession.deleteMany({ where: { staffId: operator.id } });
        await tx.organiserSignIn.deleteMany({ where: { staffId: operator.id } });
        await tx.operator.delete({ where: { id: operator.id } });
        return true;
      }),
    async find(idOrTelegramId) {
      const row = await prisma.operator.findFirst({ where: byRef(idOrTelegramId) });
      return row ? toOperator(row) : undefined;
    },
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

export function createDutyRepository(prisma: UraPrisma, sql: HotSql): DutyStore {
  const dropAhead = (id: string) => sql.ahead.dropWhere('operator', (row) => row.id === id);
  return {
    // Asked each time a case is paged: SQL straight to the driver (see hot-path.ts).
    onDuty: async () => (await sql.query<Row>('SELECT * FROM "Operator" ORDER BY "createdAt" ASC, "id" ASC', [])).map(toDuty),
    async dutyOf(telegramId) {
      // Asked of every update's sender: SQL straight to the driver (see hot-path.ts).
      const [row] = await readAheadOr<Row>(sql, 'operator', telegramId, 'SELECT * FROM "Operator" WHERE "telegramId" = ?', [telegramId]);
      return row ? toDuty(row) : undefined;
    },
    async byId(id) {
      const row = await prisma.operator.findUnique({ where: { id } });
      return row ? toDuty(row) : undefined;
    },
    setPresence: async (id, presence) => (dropAhead(id), void (await prisma.operator.updateMany({ where: { id }, data: { presence } }))),
    announceShift: async (id, onShift) => (
      dropAhead(id), (await prisma.operator.updateMany({ where: { id, onShift: !onShift }, data: { onShift, ...(onShift ? { presence: null } : {}) } })).count === 1
    ),
    setActiveCase: async (id, caseId) => (dropAhead(id), void (await prisma.operator.updateMany({ where: { id }, data: { activeCaseId: caseId } }))),
  };
}
