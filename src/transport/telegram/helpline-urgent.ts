import type { HelpCase } from '../../helpline/cases.js';
import type { Contact } from '../../helpline/contacts.js';
import type { UrgentButton } from '../../helpline/raise-urgent.js';
import type { UrgentMatch } from '../../helpline/urgent-words.js';
import type { UraContext } from './context.js';
import type { HelplineKit } from './helpline-kit.js';
import type { Private } from './helpline-screens.js';

/** Asking for a person, and the urgent path: the case is opened or raised by a use-case, and the person told who knows. */
export function helplineUrgent(kit: HelplineKit) {
  const { deps, showUrgent, showRequested } = kit;
  const { seeking } = deps;

  return {
    /** The urgent words in a message, in the languages this person is heard in. */
    hear: (ctx: UraContext, text: string): UrgentMatch | undefined => seeking.urgent.hear(text, { chosen: ctx.session.language, app: ctx.lang }),

    /** "Talk to a person". */
    async requestPerson(ctx: Private, contact: Contact): Promise<void> {
      const { helpCase, reach } = await seeking.requestPerson(contact, 'request');
      await showRequested(ctx, helpCase, reach);
    },

    /** "I'm in danger now" or "I need a doctor now": the one urgent message (a doctor's numbers for the second). */
    async pressed(ctx: Private, contact: Contact, button: UrgentButton): Promise<void> {
      const { reach } = await seeking.urgent.button(contact, button);
      await showUrgent(ctx, { ...(button === 'doctor' ? { medical: true } : {}), reach });
    },

    /**
     * Urgent words in a message: the one urgent message, with a line for thoughts of
     * self-harm and, in a flow, a way back to its question. Returns the case raised.
     */
    async heard(ctx: Private, contact: Contact, match: UrgentMatch, inFlow: boolean): Promise<HelpCase> {
      const { helpCase, reach } = await seeking.urgent.words(contact, match);
      // Thoughts of self-harm: the country's crisis lines first, and a line of their own, in the one urgent message.
      await showUrgent(ctx, { canContinue: inFlow, selfHarm: match.category === 'self_harm', reach });
      return helpCase;
    },
  };
}

export type HelplineUrgent = ReturnType<typeof helplineUrgent>;
