// The events area: coordination events (conferences, committee meetings, trainings),
// their programmes from templates, invitation lists and sign-in sheets, participants
// and their days present, the participant profile, and the projector's board. The CLI, the organisers' web
// side and the bot call what is exported here and nothing deeper; storage implements
// EventStore (src/storage/event-*.ts). Participants are not help-seekers: their rows
// live here only, their Telegram ids keyed with the participant purpose.

export { createEvents, type Creation, type Events, type EventsDeps, type Projector } from './events.js';
export {
  ATTENDANCE_SOURCES,
  EVENT_STATUSES,
  GROUP_ATTRIBUTES,
  INVITE_REGIONS,
  ORG_TYPES,
  PARTICIPANT_SOURCES,
  SESSION_KINDS,
  inviteeKey,
  personKeyOf,
  type Attendance,
  type AttendanceSource,
  type EventRecord,
  type EventSession,
  type EventStatus,
  type GroupAttribute,
  type Invitee,
  type InviteRegion,
  type Organisation,
  type OrgType,
  type Participant,
  type ParticipantSource,
  type SessionKind,
  type Texts,
} from './model.js';
export type { EventCatalogStore, EventChatRecord, EventChatStore, EventPeopleStore, EventStore, InviteChanges, SheetChanges } from './store.js';
export { DEFAULT_EVENT_LANGUAGES, MAX_EVENT_DAYS, type EventInput, type InputProblem } from './event-input.js';
export { EVENT_ERROR_CODES, EventError, type EventErrorCode } from './errors.js';
export { describeProblem, type RowProblem } from './columns.js';
export { EXPECTED_CODES, type Expectation, type ExpectedCode, expecting, sayExpected } from './expectation.js';
export { INVITE_COLUMNS } from './invite-list.js';
export { SHEET_COLUMNS } from './sign-in-sheet.js';
export type { InviteImport } from './invite-import.js';
export type { AttendanceImport, SheetPerson } from './attendance-import.js';
export { formatOf, MAX_ROWS, TABLE_FORMATS, type TableFile, type TableFormat } from '../shared/table-file.js';
export { participantProfile, percent, PROFILE_DIMENSIONS, type Profile, type ProfileCounts, type ProfileDimension, type ProfilePerson, type ProfileRow } from './profile.js';
export { profileTable } from './profile-table.js';
export type { RosterEntry } from './roster.js';
export type { ChatIdentity, Correction, Participants, Registration, WalkIn, WalkInChange } from './participants.js';
export {
  acceptsEntranceCode,
  ENTRANCE_CODE_DIGITS,
  ENTRANCE_CODE_TRIES,
  ENTRANCE_WINDOW_MINUTES,
  entranceCodeAt,
  entranceCodeIn,
  entranceWindowOf,
  readEntranceCode,
  type EntranceCode,
  type EntranceSigner,
} from './entrance-code.js';
export { eventDayAt } from './event-day.js';
export { evaluationSlot } from './evaluation-slot.js';
export { createEventChatRetention, endedAt, type EventChatRetentionStore } from './chat-retention.js';
export { ASKING_MINUTES, CORRECTIONS, createEventChat, type CorrectionField, type EventChat } from './event-chat.js';
export type { CardNote, ChatAnswer, ChatRefusal, ChatWho, ParticipantCard, QuestionHint } from './chat-answer.js';
export {
  advance,
  byRef,
  firstStep,
  isAsking,
  LETTERS_ABOVE,
  letterOf,
  NAME_LENGTH,
  ORGANISATION_LENGTH,
  ORGANISATIONS_PER_PAGE,
  PEOPLE_PER_PAGE,
  registrationStepSchema,
  shortRef,
  type Purpose,
  type RegistrationHint,
  type RegistrationInput,
  type RegistrationLists,
  type RegistrationStep,
  type Transition,
} from './registration.js';
export { questionOf, type Paged, type Question } from './registration-view.js';
export { createOrganiserDesk, DESK_PAGE, type DeskAnswer, type DeskView, type OrganiserDesk, type OrganiserDeskDeps } from './organiser-desk.js';
export { isBotUsername, JOIN_CODE_ALPHABET, JOIN_START_PREFIX, joinLink, newJoinCode, parseJoinCode } from './join-code.js';
export { joinQr, QR_FORMATS, qrFormatOf, type QrFormat } from './join-qr.js';
export { EVENTS_NAMESPACE, loadTemplates, TEMPLATES_DIR, textAt, type ProgrammeTemplate, type TemplateCatalog } from './templates.js';
export { cleanName, nameKey } from './normalise.js';
export { newPublicCode, parsePublicCode } from './public-code.js';
export {
  BOARD_ACTIONS,
  CONTROL_REFUSALS,
  createBoard,
  firstName,
  noBoardControls,
  type BoardAction,
  type BoardActionKind,
  type BoardControls,
  type BoardParts,
  type BoardGroup,
  type BoardPoll,
  type BoardTopic,
  type BoardRound,
  type BoardSnapshot,
  type BoardSource,
  type BoardTable,
  type BoardTheme,
  type CafeBoard,
  type CafeTable,
  type ControlOutcome,
  type ControlRefusal,
  type BoardRoundStatus,
} from './board.js';
export { createBoardControls, type BoardControlsDeps } from './board-controls.js';

/** Shown for an event in a language: its name there, else in its main language. */
export const eventName = (event: { names: Readonly<Record<string, string>>; languages: readonly string[] }, language: string): string =>
  event.names[language] ?? event.names[event.languages[0] ?? ''] ?? Object.values(event.names)[0] ?? '';
export {
  CAFE_PURPOSES,
  cafeBoard,
  cafeDeliveryRules,
  createCafe,
  createCafeDesk,
  createCafePlanning,
  createThemes,
  DEFAULT_TABLE_SIZE,
  HARVEST_MINUTES,
  ROUND_STATUSES,
  WARNING_MS,
  dueAction,
  remainingMs,
  stepRound,
  suggestThemes,
  themeCounts,
  themeInputSchema,
  type Cafe,
  type CafeAsk,
  type CafeCoding,
  type CafeDeps,
  type CafeDesk,
  type CafeDeskAnswer,
  type CafeNote,
  type CafePress,
  type CafeRound,
  type CafeRun,
  type CafeSeat,
  type CafeSession,
  type CafeSessionState,
  type CafeStore,
  type CafeTheme,
  type ControlAction,
  type RoundRefusal,
  type NoteResult,
  type PlanOptions,
  type PlanRefusal,
  type PlanResult,
  type RoundAction,
  type RoundChange,
  type RoundStatus,
  type Say,
  type ThemeCount,
  type ThemeInput,
  type Themes,
} from './cafe/index.js';
export {
  DEFAULT_SEED,
  planSeating,
  readSeatingList,
  replanSeating,
  SEATING_COLUMNS,
  SEATING_REFUSALS,
  SeatingError,
  seatingMetrics,
  seatingRefusals,
  tablesFor,
  type SeatingChange,
  type SeatingInput,
  type SeatingList,
  type SeatingMetrics,
  type SeatingOptions,
  type SeatingPair,
  type SeatingPerson,
  type SeatingPlan,
  type SeatingRefusal,
  type SeatingRefusalCode,
  type SeatingRound,
  type SeatingTable,
} from './seating/index.js';

// Group work with dot-voting, Open Space and live polls (issue 13).
export { createParticipation, type Participation, type PollBoard } from './participation.js';
export { PARTICIPATION_PURPOSES, type ParticipationDeps, type Written } from './participation-kit.js';
export type { ParticipationAnswer, ParticipationNote, ParticipationRefusal, TopicLine } from './participation-answer.js';
export type { GroupWorkStore, OpenSpaceStore, ParticipationStore, PollStore } from './participation-store.js';
export {
  isChoice,
  MAX_OPTIONS,
  POLL_KINDS,
  POLL_STATUSES,
  RATING_SCALE,
  ratingMean,
  shareOf,
  type Poll,
  type PollInput,
  type PollKind,
  type PollResult,
  type PollStatus,
  type PollVote,
} from './polls/poll.js';
export type { PollChange, PollCreation, Polls } from './polls/polls.js';
export {
  CHOSEN_ACTIONS,
  DEFAULT_DOTS,
  GROUP_WORK_STATUSES,
  MAX_DOTS,
  type ActionResult,
  type Dot,
  type GroupAction,
  type GroupResult,
  type GroupWork,
  type GroupWorkStatus,
} from './voting/dots.js';
export type { GroupVoting, GroupWorkMove, GroupWorkStart } from './voting/group-work.js';
export { MAX_SLOTS, TOPIC_SOURCES, type SignUp, type Topic, type TopicReport, type TopicSource } from './open-space/topics.js';
export type { OpenSpace, TopicInput } from './open-space/open-space.js';
