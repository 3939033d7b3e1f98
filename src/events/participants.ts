import type { IdentityProtector } from '../shared/crypto.js';
import { newId } from '../shared/ids.js';
import { EventError } from './errors.js';
import type { AttendanceSource, EventRecord, Organisation, Participant, WalkIn, WalkInChange } from './model.js';
import { personKeyOf } from './model.js';
import { cleanName, nameKey } from './normalise.js';
import type { EventPeopleStore } from './store.js';

/**
 * Participants and their days present: what registration and check-in (in the chat,
 * or by an organiser) build on. A participant is found by a keyed hash of their
 * Telegram id with the participant purpose, never the helpline's, so a participant
 * and a help-seeker contact cannot be linked from the database.
 */

/** Who registers from a chat: their Telegram ids (hashed and sealed here, never stored as given) and language. */
export interface ChatIdentity {
  telegramId: number | bigint | string;
  chatId: number | bigint | string;
  language: string;
}

export type { WalkIn, WalkInChange } from './model.js';

export type Registration =
  | { kind: 'registered'; participant: Participant }
  /** This Telegram account registered for the event before (returned as it is). */
  | { kind: 'already_registered'; participant: Participant }
  /** Another account registered as this invitee. */
  | { kind: 'invitee_taken' }
  | { kind: 'closed' };

export type Correction =
  | { kind: 'corrected'; participant: Participant }
  /** Another account registered as the invitee chosen. */
  | { kind: 'invitee_taken' }
  /** The type of an organisation others belong to is the organisers' to set (their list), not one participant's. */
  | { kind: 'type_shared' }
  /** A walk-in's correction asked of an invitee, or the other way round. */
  | { kind: 'not_applicable' }
  | { kind: 'closed' };

export interface Participants {
  /** The participant a Telegram account registered as, if it did (and did not delete it). */
  of(eventId: string, telegramId: number | bigint | string): Promise<Participant | undefined>;
  registerInvitee(event: EventRecord, inviteeId: string, who: ChatIdentity): Promise<Registration>;
  registerWalkIn(event: EventRecord, walkIn: WalkIn, who: ChatIdentity): Promise<Registration>;
  /** Records the participant present on a day; false when they were already. */
  checkIn(event: EventRecord, participantId: string, day: number, source: AttendanceSource): Promise<boolean>;
  /** The participant leaves the event: no more messages; their registration and days present stay. */
  leave(participantId: string): Promise<void>;
  /**
   * Deletes what identifies the participant: name, Telegram key, chat address. The row
   * stays marked deleted with its organisation and region, so the event's counts do not
   * change; the invitation list (the organisers' own record) is not touched.
   */
  erase(participantId: string): Promise<void>;
  /** A participant who left takes part again: the same registration, the same days present. */
  rejoin(participantId: string): Promise<void>;
  /** A walk-in corrects their name, organisation, its type or their region. */
  correct(event: EventRecord, participantId: string, change: WalkInChange): Promise<Correction>;
  /** An invitee who chose the wrong line of the list chooses again; their days present go with them. */
  rechoose(event: EventRecord, participantId: string, inviteeId: string): Promise<Correction>;
}

export function createParticipants(deps: { store: EventPeopleStore; identity: IdentityProtector; now: () => Date }): Participants {
  const { store, identity, now } = deps;
  const keyOf = (telegramId: number | bigint | string) => identity.hashId('participant', telegramId);

  async function existing(id: string): Promise<Participant> {
    const participant = await store.participant(id);
    if (!participant || participant.deletedAt !== null) throw new EventError('participant_not_found', `no participant ${id}`);
    return participant;
  }

  async function register(event: EventRecord, who: ChatIdentity, fields: Pick<Participant, 'inviteeId' | 'name' | 'organisationId' | 'region'>, newOrganisation?: Organisation): Promise<Registration> {
    if (event.status !== 'open') return { kind: 'closed' };
    const telegramKey = keyOf(who.telegramId);
    const before = await store.participantByTelegramKey(event.id, telegramKey);
    if (before) return { kind: 'already_registered', participant: before };
    const participant: Participant = {
      id: newId(),
      eventId: event.id,
      ...fields,
      telegramKey,
      chatCipher: identity.seal(String(who.chatId)),
      language: who.language,
      source: 'chat',
      registeredAt: now(),
      leftAt: null,
      deletedAt: null,
    };
    if (await store.createParticipant(participant, newOrganisation)) return { kind: 'registered', participant };
    const raced = await store.participantByTelegramKey(event.id, telegramKey);
    return raced ? { kind: 'already_registered', participant: raced } : { kind: 'invitee_taken' };
  }

  /** Whether anyone but this participant is of the organisation: invited, or registered and not deleted. */
  async function sharedOrganisation(eventId: string, organisationId: string, participantId: string): Promise<boolean> {
    const [invitees, participants] = await Promise.all([store.invitees(eventId), store.participants(eventId)]);
    return (
      invitees.some((invitee) => invitee.organisationId === organisationId) ||
      participants.some((other) => other.id !== participantId && other.deletedAt === null && other.organisationId === organisationId)
    );
  }

  return {
    async of(eventId, telegramId) {
      const participant = await store.participantByTelegramKey(eventId, keyOf(telegramId));
      return participant?.deletedAt === null ? participant : undefined;
    },
    async registerInvitee(event, inviteeId, who) {
      const invitee = (await store.invitees(event.id)).find((candidate) => candidate.id === inviteeId);
      if (!invitee) throw new EventError('invitee_not_found', `no invitee ${inviteeId} in event ${event.id}`);
      return register(event, who, { inviteeId, name: null, organisationId: invitee.organisationId, region: invitee.region });
    },
    async registerWalkIn(event, walkIn, who) {
      const key = nameKey(walkIn.organisation);
      const attempt = async (): Promise<Registration> => {
        const known = (await store.organisations(event.id)).find((organisation) => organisation.nameKey === key);
        const organisation = known ?? { id: newId(), eventId: event.id, name: cleanName(walkIn.organisation), nameKey: key, orgType: walkIn.orgType };
        return register(event, who, { inviteeId: null, name: cleanName(walkIn.name), organisationId: organisation.id, region: walkIn.region }, known ? undefined : organisation);
      };
      const first = await attempt();
      // Another walk-in of the same new organisation registered at the same moment: theirs is on the lists now.
      return first.kind === 'invitee_taken' ? attempt() : first;
    },
    async checkIn(event, participantId, day, source) {
      if (day < 1 || day > event.days) throw new EventError('day_out_of_range', `day ${day} is not a day of the event (1 to ${event.days})`);
      const participant = await existing(participantId);
      return store.addAttendance({ id: newId(), eventId: event.id, personKey: personKeyOf(participant), inviteeId: participant.inviteeId, participantId, day, source, at: now() });
    },
    async leave(participantId) {
      const participant = await existing(participantId);
      if (participant.leftAt === null) await store.saveParticipant({ ...participant, leftAt: now() });
    },
    async rejoin(participantId) {
      const participant = await existing(participantId);
      if (participant.leftAt !== null) await store.saveParticipant({ ...participant, leftAt: null });
    },
    async correct(event, participantId, change) {
      if (event.status !== 'open') return { kind: 'closed' };
      const participant = await existing(participantId);
      if (participant.inviteeId !== null || participant.organisationId === null) return { kind: 'not_applicable' };
      const organisations = await store.organisations(event.id);
      const current = organisations.find((organisation) => organisation.id === participant.organisationId);
      if (change.organisation !== undefined) {
        const named = change.organisation;
        const attempt = async (): Promise<Correction | undefined> => {
          const key = nameKey(named);
          const known = (await store.organisations(event.id)).find((organisation) => organisation.nameKey === key);
          const organisation = known ?? { id: newId(), eventId: event.id, name: cleanName(named), nameKey: key, orgType: change.orgType ?? current?.orgType ?? 'other' };
          const moved = { ...participant, organisationId: organisation.id };
          return (await store.reassignParticipant(moved, known ? undefined : organisation)) ? { kind: 'corrected', participant: moved } : undefined;
        };
        // Another walk-in named the same new organisation at the same moment: it is on the lists now.
        return (await attempt()) ?? (await attempt()) ?? { kind: 'not_applicable' };
      }
      if (change.orgType !== undefined && current) {
        if (await sharedOrganisation(event.id, current.id, participant.id)) return { kind: 'type_shared' };
        await store.setOrganisationType(current.id, change.orgType);
      }
      const corrected = { ...participant, ...(change.name !== undefined ? { name: cleanName(change.name) } : {}), ...(change.region !== undefined ? { region: change.region } : {}) };
      await store.saveParticipant(corrected);
      return { kind: 'corrected', participant: corrected };
    },
    async rechoose(event, participantId, inviteeId) {
      if (event.status !== 'open') return { kind: 'closed' };
      const participant = await existing(participantId);
      if (participant.inviteeId === null) return { kind: 'not_applicable' };
      const invitee = (await store.invitees(event.id)).find((candidate) => candidate.id === inviteeId);
      if (!invitee) throw new EventError('invitee_not_found', `no invitee ${inviteeId} in event ${event.id}`);
      if (invitee.id === participant.inviteeId) return { kind: 'corrected', participant };
      const moved = { ...participant, inviteeId: invitee.id, organisationId: invitee.organisationId, region: invitee.region };
      return (await store.reassignParticipant(moved)) ? { kind: 'corrected', participant: moved } : { kind: 'invitee_taken' };
    },
    async erase(participantId) {
      const participant = await existing(participantId);
      const at = now();
      await store.saveParticipant({ ...participant, name: null, telegramKey: null, chatCipher: null, leftAt: participant.leftAt ?? at, deletedAt: at });
    },
  };
}
