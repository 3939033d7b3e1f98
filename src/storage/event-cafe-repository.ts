import { type CafeRound, type CafeStore, type CafeTheme, ROUND_STATUSES } from '../events/index.js';
import type { UraPrisma } from './database.js';
import { insertOutbox } from './outbox-repository.js';
import { storedJson } from './event-json.js';
import { isUniqueViolation } from './prisma-errors.js';
import { storedOneOf } from './stored-values.js';

type RoundRow = Awaited<ReturnType<UraPrisma['cafeRound']['findUniqueOrThrow']>>;
type ThemeRow = Awaited<ReturnType<UraPrisma['cafeTheme']['findUniqueOrThrow']>>;

const toRound = (row: RoundRow): CafeRound => ({ ...row, status: storedOneOf(ROUND_STATUSES, row.status, 'ended') });
const toTheme = (row: ThemeRow): CafeTheme => ({
  ...row,
  labels: storedJson.texts(row.labels),
  definitions: storedJson.texts(row.definitions),
  keywords: storedJson.strings(row.keywords),
});

/** A round's columns as stored: everything but its id and place. */
const roundState = ({ id: _id, eventId: _eventId, sessionId: _sessionId, number: _number, ...state }: CafeRound) => state;

/** World Café rows; every change of a round is conditional on its version (see CafeStore.changeRound). */
export function createEventCafeRepository(prisma: UraPrisma): CafeStore {
  return {
    async run(sessionId) {
      const row = await prisma.cafeRun.findUnique({ where: { sessionId } });
      return row ? { ...row, hosts: storedJson.strings(row.hosts) } : undefined;
    },
    async saveRun(run) {
      const data = { ...run, hosts: JSON.stringify(run.hosts) };
      await prisma.cafeRun.upsert({ where: { sessionId: run.sessionId }, create: data, update: data });
    },
    rounds: async (sessionId) => (await prisma.cafeRound.findMany({ where: { sessionId }, orderBy: { number: 'asc' } })).map(toRound),
    eventRounds: async (eventId) => (await prisma.cafeRound.findMany({ where: { eventId }, orderBy: [{ sessionId: 'asc' }, { number: 'asc' }] })).map(toRound),
    async dueRounds(now) {
      const rows = await prisma.cafeRound.findMany({ where: { status: 'running', OR: [{ endsAt: { lte: now } }, { warnedAt: null, warnAt: { lte: now } }] }, orderBy: { endsAt: 'asc' } });
      return rows.map(toRound);
    },
    runningRounds: async () => (await prisma.cafeRound.findMany({ where: { status: 'running' } })).map(toRound),
    async savePlan(sessionId, newRounds, seats, fromRound) {
      try {
        return await prisma.$transaction(async (tx) => {
          if (newRounds.length > 0) await tx.cafeRound.createMany({ data: [...newRounds] });
          // A round of the plan started meanwhile: its seats are played and stay.
          if ((await tx.cafeRound.count({ where: { sessionId, number: { gte: fromRound }, status: { not: 'planned' } } })) > 0) throw new PlanRaced();
          await tx.cafeSeat.deleteMany({ where: { sessionId, round: { gte: fromRound } } });
          if (seats.length > 0) await tx.cafeSeat.createMany({ data: [...seats] });
          return true;
        });
      } catch (error) {
        if (error instanceof PlanRaced || isUniqueViolation(error)) return false;
        throw error;
      }
    },
    seats: (sessionId) => prisma.cafeSeat.findMany({ where: { sessionId }, orderBy: [{ round: 'asc' }, { table: 'asc' }, { participantId: 'asc' }] }),
    async changeRound(change) {
      return prisma.$transaction(async (tx) => {
        const { count } = await tx.cafeRound.updateMany({ where: { id: change.round.id, version: change.expectedVersion }, data: roundState(change.round) });
        if (count !== 1) return false;
        for (const seat of change.seats ?? []) {
          await tx.cafeSeat.updateMany({ where: { sessionId: seat.sessionId, round: seat.round, participantId: seat.participantId }, data: { host: seat.host } });
        }
        for (const ask of change.asks ?? []) await tx.cafeAsk.upsert({ where: { key: ask.key }, create: ask, update: ask });
        await insertOutbox(tx, change.outgoing);
        return true;
      });
    },
    ask: async (key) => (await prisma.cafeAsk.findUnique({ where: { key } })) ?? undefined,
    forgetAsks: async (now) => void (await prisma.cafeAsk.deleteMany({ where: { until: { lte: now } } })),
    addNote: async (note) => void (await prisma.cafeNote.create({ data: note })),
    notes: (eventId) => prisma.cafeNote.findMany({ where: { eventId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    themes: async (eventId) => (await prisma.cafeTheme.findMany({ where: { eventId }, orderBy: { code: 'asc' } })).map(toTheme),
    async addTheme(theme) {
      try {
        await prisma.cafeTheme.create({ data: { ...theme, labels: JSON.stringify(theme.labels), definitions: JSON.stringify(theme.definitions), keywords: JSON.stringify(theme.keywords) } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    codings: (eventId) => prisma.cafeCoding.findMany({ where: { eventId }, orderBy: { codedAt: 'asc' } }),
    async addCoding(coding) {
      if (await prisma.cafeCoding.findUnique({ where: { noteId_themeId: { noteId: coding.noteId, themeId: coding.themeId } } })) return false;
      try {
        await prisma.cafeCoding.create({ data: coding });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
  };
}

/** A plan that lost to a round's start: rolled back whole. */
class PlanRaced extends Error {}
