import type { Outgoing } from '../delivery/model.js';
import type { Outbox } from '../delivery/outbox.js';
import type { Clock } from '../shared/clock.js';
import type { IdentityProtector } from '../shared/crypto.js';
import type { OperatorStore } from '../staff/operators.js';
import type { ChatWho } from './chat-answer.js';
import { eventDayAt } from './event-day.js';
import type { Events } from './events.js';
import type { EventRecord, Participant } from './model.js';
import type { ParticipationAnswer, ParticipationRefusal } from './participation-answer.js';
import type { ParticipationStore } from './participation-store.js';
import type { RosterEntry } from './roster.js';
import type { EventStore } from './store.js';

/** The outbox purposes of participation: each message names its participant (the recipient) and what it is about (the topic). */
export const PARTICIPATION_PURPOSES = { poll: 'event_poll', groupWork: 'event_group_work' } as const;

/** A message as the transport writes it for a participant's chat: text and inline buttons. */
export interface Written {
  text: string;
  keyboard?: { text: string; callback_data: string }[][];
}

export interface ParticipationDeps {
  events: Pick<Events, 'roster' | 'organisedBy' | 'isOrganiser' | 'programme'>;
  people: Pick<EventStore, 'eventByJoinCode' | 'event' | 'participants' | 'participant' | 'participantByTelegramKey' | 'chat'>;
  store: ParticipationStore;
  staff: Pick<OperatorStore, 'byTelegramId'>;
  identity: IdentityProtector;
  outbox: Pick<Outbox, 'prepare' | 'kick'>;
  /** Writes what a participant is sent through the outbox (a poll's question, their group's actions), in their language. */
  write(answer: ParticipationAnswer): Written;
  /** A text of the events.voting namespace in a language (the words yes and no a yes/no poll stores). */
  label(language: string, key: string): string | undefined;
  clock: Clock;
  /** The languages Ura writes. */
  languages: readonly string[];
}

/** A participant of an open event, in their language. */
export interface Member {
  event: EventRecord;
  participant: Participant;
  language: string;
}

/** A facilitator: a staff member the event names as organiser. */
export interface Facilitator {
  event: EventRecord;
  language: string;
}

const refused = (reason: ParticipationRefusal, language: string, event?: EventRecord, detail?: string): ParticipationAnswer => ({
  kind: 'refused',
  reason,
  language,
  ...(event ? { event } : {}),
  ...(detail !== undefined ? { detail } : {}),
});

/** What the participation use-cases share: who is who, who is checked in, and the messages to them. */
export function participationKit(deps: ParticipationDeps) {
  const { people, identity, clock } = deps;
  const usable = (language: string | undefined) => (language !== undefined && deps.languages.includes(language) ? language : undefined);
  const keyOf = (who: ChatWho) => identity.hashId('participant', who.telegramId);

  /** A participant's language for an event: theirs if the event runs in it, else the event's main one. */
  const languageOf = (event: EventRecord, participant: Pick<Participant, 'language'>, fallback: string): string =>
    usable(event.languages.includes(participant.language) ? participant.language : undefined) ?? usable(event.languages[0]) ?? fallback;

  async function memberOf(who: ChatWho, event: EventRecord | undefined): Promise<Member | ParticipationAnswer> {
    if (!event) return refused('not_registered', who.language);
    const participant = await people.participantByTelegramKey(event.id, keyOf(who));
    if (!participant || participant.deletedAt !== null || participant.leftAt !== null) return refused('not_registered', who.language, event);
    const language = languageOf(event, participant, who.language);
    if (event.status !== 'open') return refused('event_closed', language, event);
    return { event, participant, language };
  }

  /** The participant of the event a button names by its join code. */
  const memberByCode = async (who: ChatWho, joinCode: string) => memberOf(who, await people.eventByJoinCode(joinCode));

  /** The participant of the event the chat joined last (for a command). */
  async function memberOfChat(who: ChatWho): Promise<Member | ParticipationAnswer> {
    const chat = await people.chat(keyOf(who));
    return memberOf(who, chat ? await people.event(chat.eventId) : undefined);
  }

  /**
   * A facilitator of the event a button names, or (for a command) of the event they
   * organise that runs today, else of the latest; undefined for anyone else, before
   * anything about an event is read.
   */
  async function facilitatorOf(who: ChatWho, joinCode?: string): Promise<Facilitator | undefined> {
    const member = await deps.staff.byTelegramId(String(who.telegramId));
    if (!member) return undefined;
    const language = member.languages.map(usable).find((found) => found !== undefined) ?? who.language;
    if (joinCode !== undefined) {
      const event = await people.eventByJoinCode(joinCode);
      return event && (await deps.events.isOrganiser(event.id, member.id)) ? { event, language } : undefined;
    }
    const organised = await deps.events.organisedBy(member.id);
    const event = organised.find((candidate) => eventDayAt(candidate, clock.now()) !== undefined) ?? organised[0];
    return event ? { event, language } : undefined;
  }

  /**
   * The participants checked in now: registered in the chat, still taking part, and
   * recorded present on the event's current day (outside its days: on any day).
   */
  async function checkedIn(event: EventRecord): Promise<{ participant: Participant; entry: RosterEntry }[]> {
    const [roster, participants] = await Promise.all([deps.events.roster(event.id), people.participants(event.id)]);
    const day = eventDayAt(event, clock.now());
    const byId = new Map(participants.map((participant) => [participant.id, participant]));
    return roster.flatMap((entry) => {
      const participant = entry.participantId === null ? undefined : byId.get(entry.participantId);
      const present = day === undefined ? entry.days.length > 0 : entry.days.includes(day);
      return participant && present && participant.leftAt === null && participant.deletedAt === null ? [{ participant, entry }] : [];
    });
  }

  /** A checked-in participant's roster entry, or the refusal. */
  async function present(member: Member): Promise<RosterEntry | ParticipationAnswer> {
    const found = (await checkedIn(member.event)).find((row) => row.participant.id === member.participant.id);
    return found ? found.entry : refused('not_checked_in', member.language, member.event);
  }

  /** A message to a participant's chat through the outbox; none without a chat address. */
  function toParticipant(participant: Participant, answer: ParticipationAnswer, purpose: string, topic: string, dedupeKey: string): Outgoing[] {
    if (participant.chatCipher === null) return [];
    const written = deps.write(answer);
    return [
      {
        chatId: Number(identity.open(participant.chatCipher)),
        method: 'sendMessage',
        payload: { text: written.text, ...(written.keyboard ? { reply_markup: { inline_keyboard: written.keyboard } } : {}) },
        dedupeKey,
        purpose,
        topic,
        recipientId: participant.id,
      },
    ];
  }

  return { deps, refused, languageOf, memberByCode, memberOfChat, facilitatorOf, checkedIn, present, toParticipant };
}

export type ParticipationKit = ReturnType<typeof participationKit>;

export const isAnswer = (value: object): value is ParticipationAnswer => 'kind' in value && typeof value.kind === 'string';
