import type { Effect } from '../flows/engine.js';
import type { IdentityProtector } from '../shared/crypto.js';
import type { RespondentProfile, SurveyRun } from './model.js';

/** An event as a run needs it: its name, languages, and its programme's evaluation slot. */
export interface SurveyEvent {
  id: string;
  name(language: string): string;
  /** The main language first. */
  languages: readonly string[];
  /** When the programme's evaluation session starts (the event's time zone), and its day; none without one. */
  evaluation: { at: Date; day: number } | null;
}

/** A checked-in participant who can be written to in their chat. */
export interface SurveyRecipient {
  participantId: string;
  /** What their responses and tokens are keyed by (see participantSubject). */
  subject: string;
  chatId: number;
  language: string;
}

/** What the surveys area asks of the events area (wired in src/compose-surveys.ts). */
export interface SurveyAttendees {
  /** By id or join code. */
  event(ref: string): Promise<SurveyEvent | undefined>;
  /** Participants checked in on `day` (on any day when null), still there and reachable in a chat. */
  present(eventId: string, day: number | null): Promise<SurveyRecipient[]>;
  /** What a Telegram user's responses on an event's runs are keyed by (see participantSubject), read from nothing. */
  subjectOf(telegramId: number): string;
  /** The participant a Telegram user is at the event, when checked in (any day) and still there. */
  checkedIn(eventId: string, telegramId: number): Promise<{ subject: string; language: string } | undefined>;
  /** The type of organisation and region a checked-in participant registered with: what a form that is not anonymous keeps. */
  profile(eventId: string, telegramId: number): Promise<RespondentProfile | null>;
  /** Whether a participant may still be written to (not left, not deleted). */
  reachable(participantId: string): Promise<boolean>;
}

/** Bot API sendMessage parameters (without chat_id), as the transport writes them. */
export type MessagePayload = Record<string, unknown>;

/** How a run's messages read, in a language: written by the transport, queued by the area. */
export interface SurveyWriter {
  /** The run's opening (its first messages and first question, with the run's buttons). */
  opening(run: SurveyRun, language: string, effects: readonly Effect[]): MessagePayload[];
  /** The one reminder to finish, with a button that continues where they stopped; it says what the answers are kept with. */
  reminder(run: SurveyRun, language: string, eventName: string, anonymous: boolean): MessagePayload;
}

/** Who answers a run in the chat: whoever the transport knows (a Telegram user) and the chat's language. */
export interface RunWho {
  telegramId: number;
  language: string;
}

/**
 * The subject of a run's response: on an event's run, the participant by their Telegram key
 * (never their row's id, which stays after they delete their data: a response in progress then
 * leads to nobody); on a standalone run, the chat.
 */
export const participantSubject = (telegramKey: string): string => `participant:${telegramKey}`;
export const chatSubject = (telegramId: number): string => `chat:${telegramId}`;

/** A run's one-way token of a subject. */
export type RunToken = (runId: string, subject: string) => string;

/**
 * A keyed hash (ID_PEPPER) with a purpose of its own, scoped to the run: it differs from the
 * respondent key of the same subject, so a token never finds a response.
 */
export const runTokens =
  (identity: Pick<IdentityProtector, 'hashId'>): RunToken =>
  (runId, subject) =>
    identity.hashId(`survey-token:${runId}`, subject);

/** The outbox purposes of runs: the opening sent at the evaluation slot, and the reminder. */
export const RUN_PURPOSES = { opening: 'survey_opening', reminder: 'survey_reminder' } as const;
/** The surveys area's name on the outbox: its chats are keyed apart from every other area's. */
export const SURVEYS_AREA = 'surveys';
export const runTopic = (runId: string): string => `survey:${runId}`;
