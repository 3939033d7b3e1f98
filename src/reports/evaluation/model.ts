import type { Count } from '../suppression.js';

/**
 * An evaluation report: what organisers publish after an event, computed from survey
 * answers (given in chat or typed in from paper forms). Pure data, the same for JSON,
 * HTML, CSV, XLSX and PDF. Percentages are numbers rounded to one decimal.
 */

/** A form's item as a report needs it, read from the survey flow (its step ids are the item codes). */
export type FormItem =
  | {
      code: string;
      kind: 'scale';
      /** The scale's point codes, lowest first ("1" to "4"). */
      points: readonly string[];
      /** Whether "not applicable" is offered. */
      notApplicable: boolean;
      /** The item's wording by language, to label it and to see a change of wording between versions. */
      text: Readonly<Record<string, string>>;
      /** The points' labels by language, in point order. */
      pointLabels: Readonly<Record<string, readonly string[]>>;
    }
  | { code: string; kind: 'choice'; multiple: boolean; options: readonly string[]; text: Readonly<Record<string, string>>; optionLabels: Readonly<Record<string, Readonly<Record<string, string>>>> }
  | {
      code: string;
      kind: 'text';
      text: Readonly<Record<string, string>>;
      /** The longest answer the form takes, in characters (the chat step's limit); absent, no limit of the form's own. */
      maxLength?: number;
    };

export interface EvaluationForm {
  id: string;
  version: number;
  /** The form's title by language. */
  title: Readonly<Record<string, string>>;
  items: readonly FormItem[];
  /** Anonymous (the default): its responses keep no profile. Otherwise each keeps the respondent's type of organisation and region, for breakdowns. */
  anonymous: boolean;
}

/** One answer as a report reads it; an item absent from a response was not answered (or not asked). */
export type ReportAnswer = { kind: 'choice'; code: string } | { kind: 'choices'; codes: readonly string[] } | { kind: 'text'; value: string } | { kind: 'na' } | { kind: 'skipped' };

/** One respondent's answers. Profile fields only where the form is not anonymous. */
export interface ReportResponse {
  source: 'chat' | 'paper';
  answers: Readonly<Record<string, ReportAnswer>>;
  /** Items this respondent was asked: a paper form of an older version may lack some; all when absent. */
  asked?: readonly string[];
  profile?: { orgType: string | null; region: string | null };
}

/** Percentages two ways: of all who answered the item (N/A in the denominator), and of valid answers (N/A left out). */
export interface Share {
  ofAll: number | null;
  ofValid: number | null;
}

export interface PreviousItem {
  topBox: { ofAll: number | null };
  deltaPoints: { ofAll: number | null };
  /** The item's wording differs from the previous edition's: the change may not be comparable. */
  wordingChanged: boolean;
}

export interface ScaleItemReport {
  code: string;
  /** Answered the item, N/A included; no-answer excluded. */
  n: number;
  counts: Record<string, number>;
  na: number;
  /** Asked but not answered (skipped or left empty). */
  missing: number;
  /** Mean of the scale points' positions (1 for the lowest), N/A excluded; null with no valid answer. */
  mean: number | null;
  topBox: Share;
  topTwo: Share;
  previous: PreviousItem | null;
}

export interface ChoiceItemReport {
  code: string;
  n: number;
  missing: number;
  counts: Record<string, number>;
}

export interface ThemeCount {
  theme: string;
  /** Respondents with at least one answer coded with the theme. */
  respondents: number;
}

export interface OpenItemReport {
  code: string;
  /** Respondents who wrote something. */
  answered: number;
  themes: ThemeCount[];
  /** Quotes chosen by a coder, anonymised. */
  quotes: string[];
}

/** A breakdown of one scale item's top box (of all) by a profile field, suppressed. */
export interface BreakdownRow {
  key: string;
  respondents: Count;
  topBoxOfAll: number | null;
}

export interface Breakdown {
  by: 'orgType' | 'region';
  items: { code: string; rows: BreakdownRow[] }[];
}

/** Cohen's kappa between two coders, per theme and overall (pooled over themes). */
export interface Agreement {
  coders: [string, string];
  /** Answers both coders coded. */
  answers: number;
  overall: number | null;
  themes: { theme: string; kappa: number | null; agreementPct: number }[];
  disagreements: { item: string; answer: string; theme: string; codedBy: string }[];
}

/** The participant profile table of the events area, as the report carries it. */
export interface ProfileSection {
  rows: Record<string, string | number | null>[];
  total: Record<string, string | number | null>;
}

export interface EvaluationReport {
  form: { id: string; version: number };
  /** What was reported on: an event, a run, or a file read directly. */
  scope: { kind: 'event' | 'run' | 'file'; id: string; name?: Readonly<Record<string, string>> };
  responses: number;
  bySource: { chat: number; paper: number };
  participants: number | null;
  responseRate: number | null;
  items: ScaleItemReport[];
  choices: ChoiceItemReport[];
  open: OpenItemReport[];
  breakdowns: Breakdown[];
  profile: ProfileSection | null;
  agreement: Agreement | null;
  /** Previous edition compared with, if any. */
  previous: { kind: PreviousEdition['kind']; id: string } | null;
}

/**
 * An earlier edition's top box (of all) per item code: another event's report in Ura, or
 * a file of percentages from an edition run before Ura. The wording, where known, tells
 * whether an item still asks the same question.
 */
export interface PreviousEdition {
  kind: 'event' | 'file';
  id: string;
  items: Readonly<Record<string, { topBoxOfAll: number | null; text?: Readonly<Record<string, string>> }>>;
}

/** What coders made of one open item: theme counts and chosen quotes, from the coding of open answers. */
export interface OpenItemCoding {
  item: string;
  themes: readonly ThemeCount[];
  quotes: readonly string[];
}
