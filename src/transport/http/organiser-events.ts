import type { Language } from '../../i18n/index.js';
import type { EvaluationFormat, ReportFile } from '../../reports/evaluation/output.js';
import type { Expectation, InviteRegion, OrgType, Profile, ProfileCounts, ProfileDimension, ProfileRow } from '../../events/index.js';
import type { RunProblem } from '../../surveys/index.js';
/**
 * What the organiser pages and the JSON API need from the events area: the port the
 * web side is written against. The events area's use-cases implement it (the adapter
 * in src/compose-organiser-events.ts); the pages' unit tests use an in-memory fake. Names and organisations of
 * participants come through here and go only to an event's own organisers (or the
 * holder of ADMIN_TOKEN).
 */

/** An event as the list of events shows it. */
export interface EventSummary {
  id: string;
  /** The event's name in each of its languages, by language code (`sq`, `en`...). */
  names: Readonly<Record<string, string>>;
  /** The first day, YYYY-MM-DD, in the event's time zone. */
  startsOn: string;
  days: number;
  venue: string | null;
  /** The code participants join with (also in the deep link). */
  joinCode: string;
}

/** One event, with who may manage it and how participants join. */
export interface EventDetail extends EventSummary {
  /** Staff ids (Operator.id) of the event's organisers: only they see its pages. */
  organiserIds: readonly string[];
  /** The Telegram deep link that joins the event (`https://t.me/<bot>?start=...`), drawn as the QR code; none while the bot's name is unknown. */
  joinLink: string | null;
}

/** One participant of an event, from the invitation list or a walk-in. */
export interface Registration {
  /** The person's, the same before and after an invitee registers. */
  id: string;
  name: string;
  organisation: string;
  orgType: OrgType;
  region: InviteRegion;
  /** Invited: on the imported list; false for a walk-in. */
  invited: boolean;
  /** When they registered in the chat; null for an invitation not (yet) taken up. */
  registeredAt: Date | null;
  /** When Ura first recorded them present (the entrance code, an organiser, a sign-in sheet's import); null if never. */
  checkedInAt: Date | null;
}

/** The participant profile (the 2006 report's table), as the events area computes it. */
export type { Profile, ProfileCounts, ProfileRow };
export type ProfileBy = ProfileDimension;

/** Where an invite list is wrong: nothing of it was imported. Rows count from 1 at the header, as a spreadsheet shows them. */
export interface ImportProblem {
  row: number;
  column: string;
  value: string;
  /** What the column expects, as a code and values: said in the reader's language (`events:expected.<code>`). */
  expected: Expectation;
}

export type InviteImport = { imported: number; skipped: number } | { problems: ImportProblem[] };

/** An invite list as uploaded: the file's bytes and its name (its extension tells CSV from XLSX). */
export interface InviteFile {
  bytes: Uint8Array;
  name: string;
}

/** The code shown at the entrance for check-in; it rotates. */
export interface EntranceCode {
  code: string;
  validUntil: Date;
}

/** How the event's projector page is reached (`/e/<publicCode>`) and whether it shows first names at tables or table numbers only. */
export interface ProjectorSetting {
  publicCode: string;
  namesShown: boolean;
}

/** Which evaluation report: the survey flow, the format, and one language or two side by side. */
export interface EvaluationRequest {
  form: string;
  format: EvaluationFormat;
  languages: Language[];
}

/** The report's files (CSV: one per table), or why none: the form is not a survey an event is evaluated with. */
export type EvaluationDownload = { files: ReportFile[] } | { refused: 'unknown_form'; forms: string[] };

/** One of the event's evaluation runs as organisers see it: its times and counts, never who answered. */
export interface EvaluationRun {
  id: string;
  /** The survey flow it collects. */
  form: string;
  /** Taking answers now, or waiting for its evaluation slot. */
  open: boolean;
  /** When the checked-in participants receive it (the programme's evaluation slot); none: by its link only. */
  sendAt: Date | null;
  sentAt: Date | null;
  closesAt: Date | null;
  closedAt: Date | null;
  /** Minutes after sending for the one reminder; none: no reminder. */
  remindAfter: number | null;
  /** The link that opens it in the bot (also as a QR code); none while the bot's name is unknown. */
  link: string | null;
  counts: { invited: number; started: number; completed: number };
}

/** A run to open for the event: the form, when it stops taking answers (none: when closed by hand), and the reminder's delay (none: no reminder). */
export interface RunRequest {
  form: string;
  closesAt: Date | null;
  remindAfter: number | null;
}

export type RunOpened = { opened: EvaluationRun } | { problems: RunProblem[] };
export type RunClosing = 'closed' | 'already_closed' | 'not_found';

export interface OrganiserEvents {
  /** The events of one organiser (by staff id), or every event when none is given (the API's admin). */
  list(organiserId: string | undefined): Promise<EventSummary[]>;
  get(eventId: string): Promise<EventDetail | undefined>;
  registrations(eventId: string): Promise<Registration[]>;
  profile(eventId: string, by: ProfileBy): Promise<Profile>;
  /** Validates every row; on any bad row imports nothing and lists the problems, unless `skipInvalid`. */
  importInvites(eventId: string, file: InviteFile, options: { skipInvalid: boolean }): Promise<InviteImport>;
  entranceCode(eventId: string): Promise<EntranceCode | undefined>;
  projector(eventId: string): Promise<ProjectorSetting>;
  setNamesShown(eventId: string, namesShown: boolean): Promise<void>;
  /** The event's evaluation report (its chat and paper answers) in a format. */
  evaluation(eventId: string, request: EvaluationRequest): Promise<EvaluationDownload>;
  /** The event's evaluation runs, newest first, and the forms a run can be opened with. */
  surveyRuns(eventId: string): Promise<{ runs: EvaluationRun[]; forms: string[] }>;
  /** One of the event's runs; another event's run is none. */
  surveyRun(eventId: string, runId: string): Promise<EvaluationRun | undefined>;
  /** Opens a run of a form for the event: sent to the checked-in participants at the programme's evaluation slot, or by its link. */
  openSurveyRun(eventId: string, request: RunRequest): Promise<RunOpened>;
  /** Closes one of the event's runs now; another event's run is none. */
  closeSurveyRun(eventId: string, runId: string): Promise<RunClosing>;
}

/** The event's name in a language, else in any of its languages, else its join code. */
export const eventName = (event: Pick<EventSummary, 'names' | 'joinCode'>, language: string): string => event.names[language] ?? Object.values(event.names)[0] ?? event.joinCode;

/** The group a profile row counts: its organisation type or its region. */
export const profileGroup = (row: ProfileRow): string => ('orgType' in row ? row.orgType : row.region);
