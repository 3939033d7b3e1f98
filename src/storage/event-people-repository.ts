import {
  ATTENDANCE_SOURCES,
  type Attendance,
  type EventPeopleStore,
  INVITE_REGIONS,
  type Invitee,
  type InviteRegion,
  ORG_TYPES,
  type Organisation,
  PARTICIPANT_SOURCES,
  type Participant,
  personKeyOf,
} from '../events/index.js';
import type { UraPrisma, UraTx } from './database.js';
import { isUniqueViolation } from './prisma-errors.js';
import { storedOneOf } from './stored-values.js';

type OrganisationRow = Awaited<ReturnType<UraPrisma['eventOrganisation']['findUniqueOrThrow']>>;
type InviteeRow = Awaited<ReturnType<UraPrisma['eventInvitee']['findUniqueOrThrow']>>;
type ParticipantRow = Awaited<ReturnType<UraPrisma['eventParticipant']['findUniqueOrThrow']>>;
type AttendanceRow = Awaited<ReturnType<UraPrisma['eventAttendance']['findUniqueOrThrow']>>;

const toOrganisation = (row: OrganisationRow): Organisation => ({ ...row, orgType: storedOneOf(ORG_TYPES, row.orgType, 'other') });
const toInvitee = (row: InviteeRow): Invitee => ({ ...row, region: storedOneOf(INVITE_REGIONS, row.region, 'national') });
const regionOrNull = (raw: string | null): InviteRegion | null => INVITE_REGIONS.find((region) => region === raw) ?? null;
const toParticipant = (row: ParticipantRow): Participant => ({ ...row, region: regionOrNull(row.region), source: storedOneOf(PARTICIPANT_SOURCES, row.source, 'chat') });
const toAttendance = (row: AttendanceRow): Attendance => ({ ...row, source: storedOneOf(ATTENDANCE_SOURCES, row.source, 'organiser') });

/** Many rows in one statement where the provider allows, in the transaction given. */
async function createAll(tx: UraTx, changes: { organisations?: readonly Organisation[]; invitees?: readonly Invitee[]; participants?: readonly Participant[]; attendance?: readonly Attendance[] }) {
  if (changes.organisations?.length) await tx.eventOrganisation.createMany({ data: [...changes.organisations] });
  if (changes.invitees?.length) await tx.eventInvitee.createMany({ data: [...changes.invitees] });
  if (changes.participants?.length) await tx.eventParticipant.createMany({ data: [...changes.participants] });
  if (changes.attendance?.length) await tx.eventAttendance.createMany({ data: [...changes.attendance] });
}

export function createEventPeopleRepository(prisma: UraPrisma): EventPeopleStore {
  return {
    organisations: async (eventId) => (await prisma.eventOrganisation.findMany({ where: { eventId }, orderBy: { nameKey: 'asc' } })).map(toOrganisation),
    invitees: async (eventId) => (await prisma.eventInvitee.findMany({ where: { eventId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })).map(toInvitee),
    async saveInvites(changes) {
      await prisma.$transaction(async (tx) => {
        await createAll(tx, { organisations: changes.newOrganisations, invitees: changes.newInvitees });
        for (const organisation of changes.changedOrganisations) await tx.eventOrganisation.update({ where: { id: organisation.id }, data: { orgType: organisation.orgType } });
        for (const invitee of changes.changedInvitees) {
          await tx.eventInvitee.update({ where: { id: invitee.id }, data: { region: invitee.region, contact: invitee.contact, updatedAt: invitee.updatedAt } });
        }
      });
    },
    participants: async (eventId) => (await prisma.eventParticipant.findMany({ where: { eventId }, orderBy: [{ registeredAt: 'asc' }, { id: 'asc' }] })).map(toParticipant),
    async participant(id) {
      const row = await prisma.eventParticipant.findUnique({ where: { id } });
      return row ? toParticipant(row) : undefined;
    },
    async participantByTelegramKey(eventId, telegramKey) {
      const row = await prisma.eventParticipant.findUnique({ where: { eventId_telegramKey: { eventId, telegramKey } } });
      return row ? toParticipant(row) : undefined;
    },
    async createParticipant(participant, newOrganisation) {
      try {
        await prisma.$transaction((tx) => createAll(tx, { organisations: newOrganisation ? [newOrganisation] : [], participants: [participant] }));
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async saveParticipant(participant) {
      const { id, eventId, ...fields } = participant;
      await prisma.eventParticipant.update({ where: { id }, data: fields });
    },
    async reassignParticipant(participant, newOrganisation) {
      const { id, eventId, ...fields } = participant;
      const personKey = personKeyOf(participant);
      try {
        await prisma.$transaction(async (tx) => {
          if (newOrganisation) await tx.eventOrganisation.create({ data: newOrganisation });
          await tx.eventParticipant.update({ where: { id }, data: fields });
          for (const row of await tx.eventAttendance.findMany({ where: { eventId, participantId: id, NOT: { personKey } } })) {
            const kept = await tx.eventAttendance.findUnique({ where: { eventId_personKey_day: { eventId, personKey, day: row.day } } });
            // The new key was recorded present that day already (a sheet): one record of the day stays.
            if (kept) await tx.eventAttendance.delete({ where: { id: row.id } });
            else await tx.eventAttendance.update({ where: { id: row.id }, data: { personKey, inviteeId: participant.inviteeId } });
          }
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    setOrganisationType: async (organisationId, orgType) => void (await prisma.eventOrganisation.update({ where: { id: organisationId }, data: { orgType } })),
    attendance: async (eventId) => (await prisma.eventAttendance.findMany({ where: { eventId }, orderBy: [{ at: 'asc' }, { id: 'asc' }] })).map(toAttendance),
    async addAttendance(attendance) {
      try {
        await prisma.eventAttendance.create({ data: attendance });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },
    async saveSheet(changes) {
      await prisma.$transaction((tx) => createAll(tx, { organisations: changes.newOrganisations, participants: changes.newParticipants, attendance: changes.attendance }));
    },
  };
}
