import { DEFAULT_LANGUAGE, type Language } from '../i18n/index.js';
import type { Logger } from '../shared/logger.js';
import type { Contact } from './contacts.js';
import type { Reached } from './reach.js';
import type { RequestPerson } from './request-person.js';
import type { UrgentMatch, UrgentWords } from './urgent-words.js';

/** The safety screen's calls for help: "I'm in danger now", "I need a doctor now". */
export type UrgentButton = 'danger' | 'doctor';

/**
 * Urgent words are heard in the person's language only (other languages' words raised
 * false alarms). Before a language is chosen, in the Telegram app's language and in Albanian.
 */
export function listeningLanguages(languages: { chosen: Language | undefined; app: Language }): Language[] {
  return languages.chosen ? [languages.chosen] : [...new Set([languages.app, DEFAULT_LANGUAGE])];
}

/** Raising to urgent: urgent words in a message, or an urgent button, open or raise the person's case to urgent, and the team is paged. */
export function createRaiseUrgent(deps: { urgentWords: UrgentWords; requestPerson: RequestPerson; logger: Logger }) {
  return {
    /** The urgent words in a message, if any, in the languages the person is heard in. */
    hear(text: string, languages: { chosen: Language | undefined; app: Language }): UrgentMatch | undefined {
      for (const language of listeningLanguages(languages)) {
        const found = deps.urgentWords.detect(text, language);
        if (found) return found;
      }
      return undefined;
    },

    /** Urgent words were heard: the case is raised with what they mean (never the words themselves). */
    async words(contact: Contact, match: UrgentMatch): Promise<Reached> {
      deps.logger.warn({ words: match.meaning, category: match.category }, 'urgent words in a message');
      return deps.requestPerson(contact, 'urgent', match.meaning);
    },

    async button(contact: Contact, button: UrgentButton): Promise<Reached> {
      return deps.requestPerson(contact, 'urgent', `${button}_button`);
    },
  };
}

export type RaiseUrgent = ReturnType<typeof createRaiseUrgent>;
