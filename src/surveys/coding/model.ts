import type { Answer } from '../../flows/state.js';

/** Texts by language code ("sq", "en"). */
export type Texts = Readonly<Record<string, string>>;

/**
 * A theme of a codebook for a form's open answers: a short code, its label and short
 * definition per language, and the keywords per language that suggest it to a coder.
 */
export interface CodebookTheme {
  code: string;
  labels: Texts;
  definitions: Texts;
  keywords: Readonly<Record<string, readonly string[]>>;
}

/**
 * Whose codebook: a form's own (eventId null), used by every run of the form, or one
 * event's, used instead by that event's runs when it has one.
 */
export interface CodebookScope {
  formId: string;
  eventId: string | null;
}

/** Which answers: a form's runs, all of them, an event's, one run, or runs named by id. */
export interface CodingTarget {
  formId: string;
  eventId?: string;
  runId?: string;
  runIds?: readonly string[];
}

/** A finished response (completed or left unfinished) as coding reads it: no respondent key, nobody named. */
export interface CodedResponse {
  id: string;
  runId: string;
  /** The survey flow the run asks. */
  formId: string;
  /** The event the response's run belongs to, if any. */
  eventId: string | null;
  answers: Readonly<Record<string, Answer>>;
}

/** One open answer to code: an item of a response, named by a short reference that leads to no one. */
export interface OpenAnswer {
  ref: string;
  responseId: string;
  eventId: string | null;
  item: string;
  text: string;
}

/** A coder's themes for one answer; coding it again replaces them. No theme is a decision too. */
export interface Coding {
  responseId: string;
  item: string;
  coder: string;
  themes: string[];
  codedAt: Date;
}

/** The themes decided for an answer on which two coders disagreed: they replace both codings in counts. */
export interface Resolution {
  responseId: string;
  item: string;
  themes: string[];
  resolvedAt: Date;
}

/** A quote chosen from an answer, as the coder edited it to anonymise it (names removed); kept apart from the answer. */
export interface Quote {
  responseId: string;
  item: string;
  text: string;
  quotedAt: Date;
}

export interface CodingStore {
  /** A codebook's themes in their order; none when it has none. */
  themes(scope: CodebookScope): Promise<CodebookTheme[]>;
  /** Replaces a codebook's themes, in one transaction. */
  replaceThemes(scope: CodebookScope, themes: readonly CodebookTheme[]): Promise<void>;
  /** The finished responses of the target's runs, oldest first. */
  responses(target: CodingTarget): Promise<CodedResponse[]>;
  /** Finished responses whose id starts with `prefix`. */
  responsesStartingWith(prefix: string): Promise<CodedResponse[]>;
  codings(responseIds: readonly string[]): Promise<Coding[]>;
  /** Stores a coder's themes for an answer, replacing theirs; true when it replaced a coding. */
  saveCoding(coding: Coding): Promise<boolean>;
  resolutions(responseIds: readonly string[]): Promise<Resolution[]>;
  saveResolution(resolution: Resolution): Promise<void>;
  quotes(responseIds: readonly string[]): Promise<Quote[]>;
  /** Stores the answer's quote, replacing one chosen before; true when it replaced one. */
  saveQuote(quote: Quote): Promise<boolean>;
}
