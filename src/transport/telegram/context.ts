import type { Context, SessionFlavor } from 'grammy';
import { z } from 'zod';
import { LANGUAGES, type Language, type Translate } from '../../i18n/index.js';

/** What the bot keeps about a chat between updates (stored in ChatSession). */
export const STAGES = ['language', 'notice', 'safety', 'menu', 'age', 'flow', 'resume', 'delete'] as const;

export const sessionSchema = z.object({
  language: z.enum(LANGUAGES).optional(),
  /** Which screen of the helpline the chat is on. */
  stage: z.enum(STAGES).optional(),
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
    t: Translate;
  };
