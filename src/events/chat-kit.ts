import type { Clock } from '../shared/clock.js';
import type { IdentityProtector } from '../shared/crypto.js';
import type { CardNote, ChatAnswer, ChatRefusal, ChatWho, ParticipantCard, QuestionHint } from './chat-answer.js';
import { type EventRecord, type Participant, personKeyOf } from './model.js';
import type { Participants } from './participants.js';
import type { RegistrationLists, RegistrationStep } from './registration.js';
import { questionOf } from './registration-view.js';
import type { EventChatRecord, EventStore } from './store.js';

export interface ChatKitDeps {
  store: EventStore;
  participants: Participants;
  identity: IdentityProtector;
  clock: Clock;
  /** The languages Ura can write in; an event's other languages are not offered in the chat. */
  languages: readonly string[];
}

/** Where a chat stands with an event: the event, the chat's record if it is on this event, the participant if registered. */
export interface Standing {
  event: EventRecord;
  key: string;
  chat: EventChatRecord | undefined;
  participant: Participant | undefined;
  language: string;
}

/** What the chat's use-cases share: the chat's key and language, the lists, saving a step, the card. */
export function chatKit(deps: ChatKitDeps) {
  const { store, participants, identity, clock } = deps;
  const keyOf = (who: ChatWho) => identity.hashId('participant', who.telegramId);

  /** The event's languages Ura writes, its main one first. */
  const languagesOf = (event: EventRecord): string[] => {
    const usable = event.languages.filter((language) => deps.languages.includes(language));
    return usable.length > 0 ? usable : [deps.languages[0] ?? 'sq'];
  };
  /** The chat's language for an event: the one chosen, else the reader's if the event runs in it, else the event's main one. */
  const languageFor = (event: EventRecord, who: ChatWho, chat?: EventChatRecord): string => {
    const usable = languagesOf(event);
    if (chat?.eventId === event.id && usable.includes(chat.language)) return chat.language;
    return usable.includes(who.language) ? who.language : (usable[0] ?? who.language);
  };

  async function listsOf(event: EventRecord): Promise<RegistrationLists> {
    const [organisations, invitees] = await Promise.all([store.organisations(event.id), store.invitees(event.id)]);
    return { languages: languagesOf(event), organisations, invitees };
  }

  /** Where the chat stands with the event a button names by its join code; a refusal for an unknown or closed event. */
  async function standing(who: ChatWho, joinCode: string): Promise<Standing | ChatAnswer> {
    const event = await store.eventByJoinCode(joinCode);
    if (!event) return { kind: 'refused', reason: 'stale', language: who.language };
    const key = keyOf(who);
    const record = await store.chat(key);
    const chat = record?.eventId === event.id ? record : undefined;
    const language = languageFor(event, who, chat);
    if (event.status !== 'open') return { kind: 'refused', reason: 'closed', language, event };
    return { event, key, chat, participant: await participants.of(event.id, who.telegramId), language };
  }

  const save = (key: string, event: EventRecord, language: string, step: RegistrationStep, tries: EventChatRecord['tries'] = null) =>
    store.saveChat({ key, eventId: event.id, language, step, tries, updatedAt: clock.now() });

  const refused = (reason: ChatRefusal, language: string, event?: EventRecord): ChatAnswer => ({ kind: 'refused', reason, language, ...(event ? { event } : {}) });

  function question(event: EventRecord, language: string, step: RegistrationStep, lists: RegistrationLists, extra: { hint?: QuestionHint; welcome?: boolean } = {}): ChatAnswer {
    return { kind: 'question', event, language, question: questionOf(step, lists), ...(extra.hint ? { hint: extra.hint } : {}), ...(extra.welcome ? { welcome: true } : {}) };
  }

  async function cardOf(event: EventRecord, participant: Participant): Promise<ParticipantCard> {
    const [organisations, invitees, attendance] = await Promise.all([store.organisations(event.id), store.invitees(event.id), store.attendance(event.id)]);
    const invitee = participant.inviteeId === null ? undefined : invitees.find((candidate) => candidate.id === participant.inviteeId);
    const organisation = organisations.find((candidate) => candidate.id === (invitee?.organisationId ?? participant.organisationId));
    const key = personKeyOf(participant);
    return {
      name: invitee?.name ?? participant.name,
      organisation: organisation?.name ?? '',
      orgType: organisation?.orgType ?? 'other',
      region: invitee?.region ?? participant.region ?? 'national',
      invited: participant.inviteeId !== null,
      days: attendance
        .filter((row) => row.personKey === key)
        .map((row) => row.day)
        .sort((a, b) => a - b),
      left: participant.leftAt !== null,
    };
  }

  const card = async (event: EventRecord, language: string, participant: Participant, note: CardNote): Promise<ChatAnswer> => ({
    kind: 'card',
    event,
    language,
    card: await cardOf(event, participant),
    note: participant.leftAt !== null && note === 'shown' ? 'left' : note,
  });

  return { deps, keyOf, languagesOf, languageFor, listsOf, standing, save, refused, question, card };
}

export type ChatKit = ReturnType<typeof chatKit>;

export const isStanding = (value: Standing | ChatAnswer): value is Standing => 'key' in value;
