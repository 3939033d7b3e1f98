import { newId } from '../shared/ids.js';
import type { EventSession, Texts } from './model.js';
import type { ProgrammeTemplate } from './templates.js';

/** A text of the events namespace in a language (undefined when missing). */
export type EventText = (language: string, key: string) => string | undefined;

/** A key's text in each of the event's languages; a language without it is left out (the loader makes sure none is). */
export const textsOf = (key: string, languages: readonly string[], text: EventText): Texts =>
  Object.fromEntries(
    languages.flatMap((language) => {
      const value = text(language, key);
      return value === undefined ? [] : [[language, value]];
    }),
  );

/** An event's programme from a template, its texts copied in the event's languages. */
export function programmeFrom(template: ProgrammeTemplate, eventId: string, languages: readonly string[], text: EventText): EventSession[] {
  return template.sessions.map((session, position): EventSession => {
    const base = { id: newId(), eventId, position, day: session.day, start: session.start, end: session.end ?? null, title: textsOf(session.title, languages, text) };
    switch (session.kind) {
      case 'world_cafe':
        return { ...base, kind: session.kind, rounds: session.rounds, roundMinutes: session.minutes, questions: session.questions.map((key) => textsOf(key, languages, text)) };
      case 'group_work':
        return { ...base, kind: session.kind, groupBy: session.groupBy };
      default:
        return { ...base, kind: session.kind };
    }
  });
}
