import { EVENT_STATUSES, type EventCatalogStore, type EventRecord, type EventSession, type EventStore, GROUP_ATTRIBUTES, SESSION_KINDS } from '../events/index.js';
import type { UraPrisma } from './database.js';
import { createEventChatRepository } from './event-chat-repository.js';
import { createEventPeopleRepository } from './event-people-repository.js';
import { isUniqueViolation } from './prisma-errors.js';
import { storedJson } from './event-json.js';
import { storedOneOf } from './stored-values.js';

type EventRow = Awaited<ReturnType<UraPrisma['event']['findUniqueOrThrow']>>;
type SessionRow = Awaited<ReturnType<UraPrisma['eventSession']['findUniqueOrThrow']>>;

const { texts, strings: list, textsList } = storedJson;

const toEvent = (row: EventRow): EventRecord => ({ ...row, names: texts(row.names), languages: list(row.languages), status: storedOneOf(EVENT_STATUSES, row.status, 'closed') });

const eventRow = (event: EventRecord) => ({ ...event, names: JSON.stringify(event.names), languages: JSON.stringify(event.languages) });

function toSession(row: SessionRow): EventSession {
  const base = { id: row.id, eventId: row.eventId, position: row.position, day: row.day, start: row.start, end: row.end, title: texts(row.title) };
  const kind = storedOneOf(SESSION_KINDS, row.kind, 'plenary');
  if (kind === 'world_cafe') return { ...base, kind, rounds: row.rounds ?? 0, roundMinutes: row.roundMinutes ?? 0, questions: textsList(row.questions) };
  if (kind === 'group_work') return { ...base, kind, groupBy: storedOneOf(GROUP_ATTRIBUTES, row.groupBy, 'region') };
  return { ...base, kind };
}

const sessionRow = (session: EventSession) => ({
  id: session.id,
  eventId: session.eventId,
  position: session.position,
  day: session.day,
  start: session.start,
  end: session.end,
  kind: session.kind,
  title: JSON.stringify(session.title),
  rounds: session.kind === 'world_cafe' ? session.rounds : null,
  roundMinutes: session.kind === 'world_cafe' ? session.roundMinutes : null,
  questions: session.kind === 'world_cafe' ? JSON.stringify(session.questions) : null,
  groupBy: session.kind === 'group_work' ? session.groupBy : null,
});

const LATEST_FIRST = [{ startsOn: 'desc' as const }, { createdAt: 'desc' as const }];

export function createEventCatalogRepository(prisma: UraPrisma): EventCatalogStore {
  return {
    async createEvent(event, sessions) {
      try {
        await prisma.$transaction(async (tx) => {
          await tx.event.create({ data: eventRow(event) });
          if (sessions.length > 0) await tx.eventSession.createMany({ data: sessions.map(sessionRow) });
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async event(id) {
      const row = await prisma.event.findUnique({ where: { id } });
      return row ? toEvent(row) : undefined;
    },
    async eventByJoinCode(joinCode) {
      const row = await prisma.event.findUnique({ where: { joinCode } });
      return row ? toEvent(row) : undefined;
    },
    async eventByPublicCode(publicCode) {
      const row = await prisma.event.findUnique({ where: { publicCode } });
      return row ? toEvent(row) : undefined;
    },
    async setPublicCode(eventId, publicCode) {
      try {
        return (await prisma.event.updateMany({ where: { id: eventId, publicCode: null }, data: { publicCode } })).count === 1;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    setNamesShown: async (eventId, namesShown) => (await prisma.event.updateMany({ where: { id: eventId }, data: { namesShown } })).count === 1,
    events: async () => (await prisma.event.findMany({ orderBy: LATEST_FIRST })).map(toEvent),
    setStatus: async (eventId, status) => (await prisma.event.updateMany({ where: { id: eventId }, data: { status } })).count === 1,
    sessions: async (eventId) => (await prisma.eventSession.findMany({ where: { eventId }, orderBy: { position: 'asc' } })).map(toSession),
    organisers: async (eventId) => (await prisma.eventOrganiser.findMany({ where: { eventId }, orderBy: { addedAt: 'asc' } })).map((row) => row.operatorId),
    async addOrganiser(eventId, operatorId, at) {
      try {
        await prisma.eventOrganiser.create({ data: { eventId, operatorId, addedAt: at } });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    removeOrganiser: async (eventId, operatorId) => (await prisma.eventOrganiser.deleteMany({ where: { eventId, operatorId } })).count === 1,
    async organisedBy(operatorId) {
      const ids = (await prisma.eventOrganiser.findMany({ where: { operatorId } })).map((row) => row.eventId);
      return (await prisma.event.findMany({ where: { id: { in: ids } }, orderBy: LATEST_FIRST })).map(toEvent);
    },
  };
}

/** The events area's whole store. */
export const createEventStore = (prisma: UraPrisma): EventStore => ({ ...createEventCatalogRepository(prisma), ...createEventPeopleRepository(prisma), ...createEventChatRepository(prisma) });
