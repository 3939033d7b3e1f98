import type { SurveyCoding } from './coding.js';
import type { CodebookTheme, OpenAnswer } from './model.js';

/** An event as coding in the chat finds it: by id or join code, with its name. */
export interface CodingEvent {
  id: string;
  joinCode: string;
  name(language: string): string;
}

/** What coding in the chat asks of the events area (wired in src/compose.ts). */
export interface CodingEvents {
  find(ref: string): Promise<CodingEvent | undefined>;
  /** Whether a staff member organises the event: only its organisers code its answers. */
  organises(eventId: string, staffId: string): Promise<boolean>;
}

/** The staff member coding: their id (who may) and the name their codings carry (as `ura coding --coder` does). */
export interface ChatCoder {
  staffId: string;
  name: string;
}

/** One answer to code, with the codebook's themes, those its words suggest, and the themes this coder gave it before (none: not coded yet). */
export interface AnswerToCode {
  kind: 'answer';
  event: CodingEvent;
  form: string;
  answer: OpenAnswer;
  themes: readonly CodebookTheme[];
  suggested: readonly string[];
  coded: readonly string[] | null;
  /** Answers still waiting for this coder in the event, this one included; unknown when an answer is shown again. */
  left: number | null;
}

/** An answer two coders coded differently, with both codings, for someone to settle which themes count. */
export interface DisagreementToSettle extends Omit<AnswerToCode, 'kind' | 'coded'> {
  kind: 'disagreement';
  codings: readonly { coder: string; themes: readonly string[] }[];
}

export type CodingScreen =
  | AnswerToCode
  | DisagreementToSettle
  /** Every answer of the event is coded by this coder, or by two others; `unsettled` answers two coders disagree on wait to be settled. */
  | { kind: 'done'; event: CodingEvent; unsettled: number }
  /** No disagreement of the event waits to be settled. */
  | { kind: 'settled'; event: CodingEvent }
  /** Answers wait, but their form has no codebook yet (`ura coding codebook import`). */
  | { kind: 'no_codebook'; event: CodingEvent; forms: string[] }
  | { kind: 'unknown_event' }
  | { kind: 'not_organiser' }
  /** The answer is gone (retention) or is not this event's, or the codebook changed under the buttons. */
  | { kind: 'stale' }
  /** Two other coders coded it already: agreement compares two. */
  | { kind: 'third_coder' };

/**
 * Coding an event's open answers in the chat, by its organisers: the next answer this coder
 * has not coded (of the event's evaluation forms, in order), the themes its words suggest
 * (the coder always decides), and saving the themes chosen, which brings the next. The
 * same coding as `ura coding`, named by the coder's staff name.
 */
export function createCodingChat(deps: { coding: Pick<SurveyCoding, 'next' | 'answer' | 'code' | 'quote' | 'unsettled' | 'resolve'>; events: CodingEvents; forms: readonly string[] }) {
  const { coding, events, forms } = deps;

  async function eventFor(coder: ChatCoder, ref: string): Promise<CodingEvent | CodingScreen> {
    const event = await events.find(ref);
    if (!event) return { kind: 'unknown_event' };
    return (await events.organises(event.id, coder.staffId)) ? event : { kind: 'not_organiser' };
  }
  const isEvent = (found: CodingEvent | CodingScreen): found is CodingEvent => !('kind' in found);

  async function nextIn(coder: ChatCoder, event: CodingEvent): Promise<CodingScreen> {
    const waiting: string[] = [];
    for (const form of forms) {
      const next = await coding.next({ formId: form, eventId: event.id }, coder.name);
      if (next.kind === 'next') return { kind: 'answer', event, form, answer: next.answer, themes: next.themes, suggested: next.suggested.map((theme) => theme.code), coded: null, left: next.left };
      if (next.kind === 'no_codebook') waiting.push(form);
    }
    if (waiting.length > 0) return { kind: 'no_codebook', event, forms: waiting };
    return { kind: 'done', event, unsettled: (await unsettledIn(event)).length };
  }

  /** The event's answers two coders disagree on, not settled yet, form by form. */
  async function unsettledIn(event: CodingEvent) {
    return (await Promise.all(forms.map((form) => coding.unsettled({ formId: form, eventId: event.id })))).flat();
  }

  async function nextDisagreementIn(coder: ChatCoder, event: CodingEvent): Promise<CodingScreen> {
    const unsettled = await unsettledIn(event);
    const [first] = unsettled;
    if (!first) return { kind: 'settled', event };
    const found = await coding.answer(first.ref, coder.name);
    if (found.kind !== 'answer') return { kind: 'stale' };
    const { form, answer, themes, suggested, codings } = found;
    return { kind: 'disagreement', event, form, answer, themes, suggested: suggested.map((theme) => theme.code), codings, left: unsettled.length };
  }

  /**
   * The themes chosen on an answer's buttons (their places in its codebook) as codes, checked
   * first like every press: the coder organises the event, the answer is the event's, and
   * each place is a theme of its codebook (a codebook changed under the buttons is stale).
   */
  async function chosen(coder: ChatCoder, eventRef: string, ref: string, ticked: ReadonlySet<number>): Promise<{ event: CodingEvent; codes: string[] } | CodingScreen> {
    const event = await eventFor(coder, eventRef);
    if (!isEvent(event)) return event;
    const shown = await answerIn(coder, event, ref);
    if (shown.kind !== 'answer') return shown;
    const codes = [...ticked].sort((a, b) => a - b).map((index) => shown.themes[index]?.code);
    return codes.every((code) => code !== undefined) ? { event, codes } : { kind: 'stale' };
  }

  /** The answer a reference names, if it is the event's. */
  async function answerIn(coder: ChatCoder, event: CodingEvent, ref: string): Promise<CodingScreen> {
    const found = await coding.answer(ref, coder.name);
    if (found.kind !== 'answer' || found.answer.eventId !== event.id) return { kind: 'stale' };
    const { form, answer, themes, suggested, coded } = found;
    return { kind: 'answer', event, form, answer, themes, suggested: suggested.map((theme) => theme.code), coded, left: null };
  }

  return {
    /** `/coding <event>`: the first answer waiting for this coder. */
    async next(coder: ChatCoder, eventRef: string): Promise<CodingScreen> {
      const event = await eventFor(coder, eventRef);
      return isEvent(event) ? nextIn(coder, event) : event;
    },

    /** One answer again (after a theme is ticked or unticked). */
    async show(coder: ChatCoder, eventRef: string, ref: string): Promise<CodingScreen> {
      const event = await eventFor(coder, eventRef);
      return isEvent(event) ? answerIn(coder, event, ref) : event;
    },

    /** Saves the coder's themes for an answer, by their places in its codebook (none: no theme fits), then the next answer. */
    async save(coder: ChatCoder, eventRef: string, ref: string, ticked: ReadonlySet<number>): Promise<CodingScreen> {
      const choice = await chosen(coder, eventRef, ref, ticked);
      if ('kind' in choice) return choice;
      const coded = await coding.code(ref, coder.name, choice.codes);
      if (coded.kind === 'third_coder') return { kind: 'third_coder' };
      if (coded.kind !== 'coded' && coded.kind !== 'replaced') return { kind: 'stale' };
      return nextIn(coder, choice.event);
    },

    /** `/settle <event>`: the first answer two coders disagree on, with both codings. */
    async nextDisagreement(coder: ChatCoder, eventRef: string): Promise<CodingScreen> {
      const event = await eventFor(coder, eventRef);
      return isEvent(event) ? nextDisagreementIn(coder, event) : event;
    },

    /** Settles which themes count for an answer two coders disagree on, by their places in its codebook (none: no theme), then the next disagreement. */
    async settle(coder: ChatCoder, eventRef: string, ref: string, ticked: ReadonlySet<number>): Promise<CodingScreen> {
      const choice = await chosen(coder, eventRef, ref, ticked);
      if ('kind' in choice) return choice;
      const resolved = await coding.resolve(ref, choice.codes);
      if (resolved.kind !== 'resolved') return { kind: 'stale' };
      return nextDisagreementIn(coder, choice.event);
    },

    /** Stores a quote of the answer as the coder typed it, names removed (choosing again replaces it); the report shows it under the answer's question. */
    async quote(coder: ChatCoder, eventRef: string, ref: string, text: string): Promise<{ kind: 'quoted' | 'replaced' | 'quote_length' | 'stale' | 'unknown_event' | 'not_organiser' }> {
      const event = await eventFor(coder, eventRef);
      if (!isEvent(event)) return event.kind === 'unknown_event' || event.kind === 'not_organiser' ? event : { kind: 'stale' };
      const shown = await answerIn(coder, event, ref);
      if (shown.kind !== 'answer') return { kind: 'stale' };
      const quoted = await coding.quote(ref, text);
      if (quoted.kind === 'invalid') return { kind: 'quote_length' };
      return quoted.kind === 'no_answer' ? { kind: 'stale' } : { kind: quoted.kind };
    },
  };
}

export type CodingChat = ReturnType<typeof createCodingChat>;
