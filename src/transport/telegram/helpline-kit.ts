import type { HelpCase } from '../../helpline/cases.js';
import type { Contact, Contacts } from '../../helpline/contacts.js';
import type { Directory } from '../../helpline/directory.js';
import type { Handoff } from '../../helpline/handoff/handoff.js';
import type { HelpSeeking } from '../../helpline/help-seeking.js';
import type { Helpline } from '../../helpline/helpline.js';
import type { MessageLog } from '../../helpline/message-log.js';
import type { I18n } from '../../i18n/index.js';
import type { Clock } from '../../shared/clock.js';
import type { IdentityProtector } from '../../shared/crypto.js';
import type { Logger } from '../../shared/logger.js';
import { helplineScreens, type Private } from './helpline-screens.js';
import type { RateLimiter } from './rate-limiter.js';

/** What the helpline's composer needs: the helpline's use-cases and what it reads and shows. */
export interface HelplineBotDeps {
  /** The flows' questions a person may resume, and what a flow declares. */
  helpline: Pick<Helpline, 'resumable' | 'abandon' | 'ageBandOf' | 'hintsOf'>;
  /** The use-cases of help-seeking: flow turns, a person, urgent, the exit, forgetting. */
  seeking: HelpSeeking;
  /** The person's live case: what they write goes to it. */
  handoff: Pick<Handoff, 'liveCase' | 'fromPerson' | 'holdReplies' | 'personWrote' | 'countryChosen'>;
  directory: Directory;
  contacts: Contacts;
  messages: MessageLog;
  identity: IdentityProtector;
  i18n: I18n;
  rateLimits: { messages: RateLimiter; buttons: RateLimiter };
  clock: Clock;
  logger: Logger;
  retentionDays: number;
}

/** The screens, and the person's contact and live case, each looked up once per update however many steps ask. */
export function helplineKit(deps: HelplineBotDeps) {
  const seen = new WeakMap<object, Promise<Contact>>();
  /** Records the visit of the person behind a helpline update (the first visit keeps `source`). */
  function contactOf(ctx: Private, source?: string): Promise<Contact> {
    const known = seen.get(ctx);
    if (known) return known;
    // With the country the session holds at the start of the update, which a case opened keeps.
    const country = ctx.session.country;
    const contact = deps.contacts
      .recordVisit({ userId: ctx.from.id, chatId: ctx.chat.id, language: ctx.lang, source: source ?? null })
      .then((found): Contact => (country ? { ...found, country } : found));
    seen.set(ctx, contact);
    return contact;
  }

  const cases = new WeakMap<object, Promise<HelpCase | undefined>>();
  function caseOf(ctx: Private, contact: Contact): Promise<HelpCase | undefined> {
    const known = cases.get(ctx);
    if (known) return known;
    const live = deps.handoff.liveCase(contact.id);
    cases.set(ctx, live);
    return live;
  }

  return { deps, ...helplineScreens(deps), contactOf, caseOf };
}

export type HelplineKit = ReturnType<typeof helplineKit>;
