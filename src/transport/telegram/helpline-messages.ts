import type { HelpCase } from '../../helpline/cases.js';
import type { Contact } from '../../helpline/contacts.js';
import type { HelplineFlow } from './helpline-flow.js';
import type { HelplineKit } from './helpline-kit.js';
import type { Private } from './helpline-screens.js';
import type { HelplineUrgent } from './helpline-urgent.js';
import { incomingOf } from './incoming.js';

/** What a person writes: kept for their case, an answer to a flow's question, urgent words, or a way to the menu. */
export function helplineMessages(kit: HelplineKit, flow: HelplineFlow, urgent: HelplineUrgent) {
  const { deps, t, say, showLanguages, contactOf, caseOf } = kit;

  /**
   * A message during the person's live case (`live`): relayed to the operator who holds
   * it, or kept for whoever takes it unless it answers a question of a flow. False: not
   * the case's. `only: 'active'`: a waiting case does not take it. `quiet`: the person was
   * already answered (urgent words), so no "saved" note.
   */
  async function toCase(ctx: Private, live: HelpCase | undefined, options: { only?: 'active'; quiet?: boolean } = {}): Promise<boolean> {
    if (!ctx.msg || !live || (live.status === 'pending' && (ctx.session.inFlow || options.only === 'active'))) return false;
    const result = await deps.handoff.fromPerson(live, incomingOf(ctx.msg));
    if (result === 'queued' && !options.quiet) await say(ctx, t(ctx)('handoff:person.queued'));
    return true;
  }

  /** Relayed in a live chat; otherwise answered with `hint` (a forward, a photo: never read as an answer). */
  async function toCaseOr(ctx: Private, hint: string): Promise<void> {
    const contact = await contactOf(ctx);
    if (await toCase(ctx, await caseOf(ctx, contact))) return;
    await say(ctx, t(ctx)(hint));
  }

  async function text(ctx: Private, contact: Contact, written: string): Promise<void> {
    // In a live chat everything goes to the operator, who reads any urgent words themself.
    const live = await caseOf(ctx, contact);
    if (await toCase(ctx, live, { only: 'active' })) return;
    // Urgent words are heard wherever they are written, and never wait for a flow; a
    // waiting case is raised to urgent and paged again.
    const heard = urgent.hear(ctx, written);
    const inFlow = ctx.session.inFlow === true;
    const waiting = heard ? await urgent.heard(ctx, contact, heard, inFlow) : live;
    if (!ctx.session.language) return showLanguages(ctx);
    if (inFlow) {
      const result = await deps.seeking.turns.typed(contact, written, { urgent: heard !== undefined });
      // After urgent words the urgent message is the only answer: its button asks the question again.
      if (!('kind' in result && result.kind === 'no_conversation')) return heard ? undefined : flow.show(ctx, contact, result);
    }
    // Waiting for an operator: kept for whoever takes the case (urgent words may just have opened it).
    if (await toCase(ctx, waiting, { quiet: heard !== undefined })) return;
    if (!heard) return flow.offerResumeOrMenu(ctx, contact);
  }

  return { toCaseOr, text };
}
