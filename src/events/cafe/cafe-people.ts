import { type EventRecord, type Participant, personKeyOf } from '../model.js';
import type { EventPeopleStore } from '../store.js';

/** A participant as the café needs them: name, organisation type and region for seating, whether they are here. */
export interface CafePerson {
  participant: Participant;
  name: string | null;
  orgType: string;
  region: string;
  /** Checked in on the day and neither left nor deleted: seated, and told of rounds. */
  present: boolean;
}

/** Whether a participant may still be written to (not left, not deleted, reachable in a chat). */
export const reachable = (participant: Participant | undefined): participant is Participant & { chatCipher: string } =>
  participant !== undefined && participant.leftAt === null && participant.deletedAt === null && participant.chatCipher !== null;

/** Every participant of the event by id; present means checked in on `day`. */
export async function peopleOf(store: EventPeopleStore, event: EventRecord, day: number | undefined): Promise<Map<string, CafePerson>> {
  const [participants, invitees, organisations, attendance] = await Promise.all([store.participants(event.id), store.invitees(event.id), store.organisations(event.id), store.attendance(event.id)]);
  const inviteeById = new Map(invitees.map((invitee) => [invitee.id, invitee]));
  const orgTypeById = new Map(organisations.map((organisation) => [organisation.id, organisation.orgType]));
  const here = new Set(attendance.filter((row) => row.day === day).map((row) => row.personKey));
  return new Map(
    participants.map((participant) => {
      const invitee = participant.inviteeId === null ? undefined : inviteeById.get(participant.inviteeId);
      const organisationId = invitee?.organisationId ?? participant.organisationId;
      return [
        participant.id,
        {
          participant,
          name: participant.deletedAt === null ? (invitee?.name ?? participant.name) : null,
          orgType: (organisationId && orgTypeById.get(organisationId)) || 'other',
          region: invitee?.region ?? participant.region ?? 'national',
          present: participant.leftAt === null && participant.deletedAt === null && here.has(personKeyOf(participant)),
        },
      ];
    }),
  );
}

/** The first name shown on the projector: nothing more of anyone. */
export const firstName = (name: string | null): string | null => name?.trim().split(/\s+/)[0] ?? null;
