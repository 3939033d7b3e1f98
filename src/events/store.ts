import type { Attendance, EventRecord, EventSession, EventStatus, Invitee, Organisation, OrgType, Participant } from './model.js';
import type { RegistrationStep } from './registration.js';

/** Events, their programmes and organisers (src/storage/event-repository.ts). */
export interface EventCatalogStore {
  /** Stores an event with its programme in one transaction; false when its join code is taken (draw another). */
  createEvent(event: EventRecord, sessions: readonly EventSession[]): Promise<boolean>;
  event(id: string): Promise<EventRecord | undefined>;
  eventByJoinCode(joinCode: string): Promise<EventRecord | undefined>;
  eventByPublicCode(publicCode: string): Promise<EventRecord | undefined>;
  /** Gives an event without one its projector code; false when it has one already (or there is no such event, or the code is taken). */
  setPublicCode(eventId: string, publicCode: string): Promise<boolean>;
  /** False when there is no such event. */
  setNamesShown(eventId: string, namesShown: boolean): Promise<boolean>;
  /** Every event, the latest first day first. */
  events(): Promise<EventRecord[]>;
  /** False when there is no such event. */
  setStatus(eventId: string, status: EventStatus): Promise<boolean>;
  /** The programme in order. */
  sessions(eventId: string): Promise<EventSession[]>;
  /** Operator ids, in the order they were added. */
  organisers(eventId: string): Promise<string[]>;
  /** False when the operator organises the event already. */
  addOrganiser(eventId: string, operatorId: string, at: Date): Promise<boolean>;
  removeOrganiser(eventId: string, operatorId: string): Promise<boolean>;
  /** The events an operator organises, the latest first day first. */
  organisedBy(operatorId: string): Promise<EventRecord[]>;
}

/** What an invitation list import changes, worked out by the area; applied in one transaction. */
export interface InviteChanges {
  newOrganisations: readonly Organisation[];
  /** Organisations whose type the new list changes. */
  changedOrganisations: readonly Organisation[];
  newInvitees: readonly Invitee[];
  changedInvitees: readonly Invitee[];
}

/** What a sign-in sheet adds: walk-ins (with their new organisations) and the days people were there; one transaction. */
export interface SheetChanges {
  newOrganisations: readonly Organisation[];
  newParticipants: readonly Participant[];
  attendance: readonly Attendance[];
}

/** Organisations, invitees, participants and attendance (src/storage/event-people-repository.ts). */
export interface EventPeopleStore {
  organisations(eventId: string): Promise<Organisation[]>;
  invitees(eventId: string): Promise<Invitee[]>;
  /** Throws on a unique violation (another import of the same event at the same moment): nothing is applied. */
  saveInvites(changes: InviteChanges): Promise<void>;
  participants(eventId: string): Promise<Participant[]>;
  participant(id: string): Promise<Participant | undefined>;
  participantByTelegramKey(eventId: string, telegramKey: string): Promise<Participant | undefined>;
  /** Stores a participant (with a walk-in's new organisation); false when that Telegram key or invitee is registered already. */
  createParticipant(participant: Participant, newOrganisation?: Organisation): Promise<boolean>;
  saveParticipant(participant: Participant): Promise<void>;
  /**
   * Saves a participant whose invitation or organisation changed (with a new organisation
   * if they named one), in one transaction with their days present, which move to their
   * new attendance key (`personKeyOf`); a day the new key has already is kept once. False
   * when another participant registered as that invitee.
   */
  reassignParticipant(participant: Participant, newOrganisation?: Organisation): Promise<boolean>;
  setOrganisationType(organisationId: string, orgType: OrgType): Promise<void>;
  attendance(eventId: string): Promise<Attendance[]>;
  /** False when that person's presence on that day is recorded already (the first record stays). */
  addAttendance(attendance: Attendance): Promise<boolean>;
  /** Throws on a unique violation (the same sheet imported twice at the same moment): nothing is applied. */
  saveSheet(changes: SheetChanges): Promise<void>;
}

/**
 * A chat's place in the events area: the event it joined last, its language there and
 * the registration step it is on. Keyed by the participant hash of the Telegram id (as
 * Participant.telegramKey), never by the helpline's chat session, so nothing links it to
 * a help-seeker.
 */
export interface EventChatRecord {
  key: string;
  eventId: string;
  language: string;
  step: RegistrationStep;
  /** Wrong entrance codes typed in one window (see ENTRANCE_CODE_TRIES). */
  tries: { window: number; count: number } | null;
  updatedAt: Date;
}

/** Chats' places in the events area (src/storage/event-chat-repository.ts); one read by primary key. */
export interface EventChatStore {
  chat(key: string): Promise<EventChatRecord | undefined>;
  saveChat(record: EventChatRecord): Promise<void>;
  deleteChat(key: string): Promise<void>;
}

export type EventStore = EventCatalogStore & EventPeopleStore & EventChatStore;
