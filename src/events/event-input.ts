import { z } from 'zod';
import { LANGUAGES } from '../i18n/index.js';

/** The longest name, venue or title an event may have: what fits a badge and a projector line. */
const MAX_TEXT = 200;
export const MAX_EVENT_DAYS = 14;
export const DEFAULT_EVENT_LANGUAGES = ['sq', 'en'] as const;

const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.includes('/') || zone === 'UTC';
  } catch {
    return false;
  }
};

const text = z.string().trim().min(1, 'must not be empty').max(MAX_TEXT, `must be at most ${MAX_TEXT} characters`);

/**
 * What an organiser gives to create an event. `names` has the event's name by
 * language; the first of `languages` (the event's main language, Albanian unless
 * told) must have one. Days and the time zone default to the template's days (or 1)
 * and to APP_TIMEZONE.
 */
export const eventInputSchema = z
  .object({
    names: z.record(z.string(), text),
    startsOn: z.iso.date({ error: 'must be a real date written YYYY-MM-DD' }),
    days: z.int({ error: 'must be a whole number of days' }).min(1, 'must be at least 1').max(MAX_EVENT_DAYS, `must be at most ${MAX_EVENT_DAYS}`).optional(),
    venue: text.nullable().optional(),
    timezone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/Tirane').optional(),
    languages: z
      .array(z.enum(LANGUAGES, { error: `must be language codes among ${LANGUAGES.join(', ')}` }))
      .min(1, 'must name at least one language')
      .refine((codes) => new Set(codes).size === codes.length, 'must name each language once')
      .optional(),
    templateId: z.string().nullable().optional(),
  })
  .superRefine((input, ctx) => {
    const languages: readonly string[] = input.languages ?? DEFAULT_EVENT_LANGUAGES;
    const main = languages[0] ?? 'sq';
    if (input.names[main] === undefined) ctx.addIssue({ code: 'custom', path: ['names', main], message: `is required: the event's name in its main language (${main})` });
    for (const language of Object.keys(input.names)) {
      if (!languages.includes(language))
        ctx.addIssue({ code: 'custom', path: ['names', language], message: `is a name in ${language}, which is not one of the event's languages (${languages.join(', ')})` });
    }
  });

/** What a caller gives, checked by eventInputSchema (the CLI passes what was typed, the web side a form). */
export interface EventInput {
  names: Record<string, string>;
  startsOn: string;
  days?: number;
  venue?: string | null;
  timezone?: string;
  languages?: string[];
  templateId?: string | null;
}

/** Why an event was not created: the input field (`names.en`, `startsOn`, `templateId`...) and what is wrong with it. */
export interface InputProblem {
  field: string;
  message: string;
}
