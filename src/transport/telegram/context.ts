import type { Context, SessionFlavor } from 'grammy';
import { z } from 'zod';
import { COUNTRY_CHOICES } from '../../helpline/directory.js';
import { LANGUAGES, type Language } from '../../i18n/index.js';

/** What the bot keeps about a chat between updates (stored in ChatSession). */
export const sessionSchema = z.object({
  language: z.enum(LANGUAGES).optional(),
  /** Whether typed text answers the current question of a flow (otherwise it leads to the menu). */
  inFlow: z.boolean().optional(),
  /** The country the person said they are in (a button, never location data): its numbers and services are shown. */
  country: z.enum(COUNTRY_CHOICES).optional(),
  /** What the person answered on the bot's own screens (safety, under 18): a flow started later does not ask it again. */
  /** The person asked the team to write only after they write: their next message or press releases what is held. */
  holding: z.boolean().optional(),
  known: z.object({ safety: z.enum(['safe', 'not_really']).optional(), under18: z.boolean().optional() }).optional(),
  /** An organiser asked to quote an open answer: their next text is the quote (see organiser-coding.ts). */
  quoting: z.object({ event: z.string().max(12), ref: z.string().max(16) }).optional(),
});
export type SessionData = z.infer<typeof sessionSchema>;

export const parseSession = (value: unknown): SessionData | undefined => {
  const parsed = sessionSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

export type UraContext = Context &
  SessionFlavor<SessionData> & {
    /** The language this chat is answered in. */
    lang: Language;
  };
