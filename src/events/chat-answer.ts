import type { EventRecord, InviteRegion, OrgType } from './model.js';
import type { RegistrationHint } from './registration.js';
import type { Question } from './registration-view.js';

/** A participant's own data, as they see it in the chat. */
export interface ParticipantCard {
  /** Their name: the invitation's, or the one a walk-in typed. */
  name: string | null;
  organisation: string;
  orgType: OrgType;
  region: InviteRegion;
  /** On the invitation list (corrected by choosing again) or a walk-in (corrected field by field). */
  invited: boolean;
  /** The days they were recorded present, in order. */
  days: number[];
  left: boolean;
}

/** What a card is shown after. */
export type CardNote = 'registered' | 'already_registered' | 'rejoined' | 'corrected' | 'shown' | 'type_shared' | 'left';

/** What the chat is refused, each with its own clear answer. */
export type ChatRefusal =
  /** No event has that join code. */
  | 'unknown_code'
  | 'closed'
  /** A button that belongs to no step the chat is on (old, or forged): nothing changed. */
  | 'stale'
  | 'not_registered'
  | 'wrong_code'
  | 'too_many_tries'
  /** Not a day of the event in its time zone. */
  | 'not_today'
  /** The participant left the event (the link takes them back). */
  | 'left';

/** Why a question is asked again: the step's own hints, or the invitee chosen being someone else's registration. */
export type QuestionHint = RegistrationHint | 'invitee_taken' | 'type_text';

/**
 * What the events area answers a chat: data, never text. The transport writes it in
 * the chat's language (`language`, one of the event's) with the events namespace.
 */
export type ChatAnswer =
  | { kind: 'question'; event: EventRecord; language: string; question: Question; hint?: QuestionHint; welcome?: boolean }
  | { kind: 'card'; event: EventRecord; language: string; card: ParticipantCard; note: CardNote }
  | { kind: 'correct_menu'; event: EventRecord; language: string; invited: boolean }
  | { kind: 'confirm'; event: EventRecord; language: string; what: 'leave' | 'erase' }
  | { kind: 'erased'; event: EventRecord; language: string }
  | { kind: 'ask_code'; event: EventRecord; language: string }
  | { kind: 'checked_in'; event: EventRecord; language: string; day: number; already: boolean }
  | { kind: 'refused'; reason: ChatRefusal; language: string; event?: EventRecord };

/** Someone in a private chat: their Telegram ids (hashed and sealed by the area, never stored as given) and the language they read. */
export interface ChatWho {
  telegramId: number | bigint | string;
  chatId: number | bigint | string;
  /** The language the chat is answered in so far (the Telegram app's, or the one chosen). */
  language: string;
}
