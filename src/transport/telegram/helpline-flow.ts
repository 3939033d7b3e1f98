import type { FlowInput } from '../../flows/engine.js';
import { flowNamespace } from '../../flows/schema.js';
import type { Contact } from '../../helpline/contacts.js';
import type { ReachedTurn, TurnResult } from '../../helpline/flow-turns.js';
import { FEEDBACK_FLOW, HELP_FLOWS, type HelpFlow } from '../../helpline/helpline.js';
import { viewOf } from './flow-view.js';
import { helplineButton } from './helpline-buttons.js';
import type { HelplineKit } from './helpline-kit.js';
import type { Private } from './helpline-screens.js';
import { holdChoice, requestedText } from './person-request.js';
import { numbersText } from '../../helpline/numbers-text.js';

/** The helpline's flows on Telegram: each turn shown, its effects rendered, and the way back to a flow left open. */
export function helplineFlow(kit: HelplineKit) {
  const { deps, t, send, say, choice, showMenu, showServices, showUrgent, nobodyOnCall } = kit;
  const { helpline, seeking, i18n } = deps;

  /** Renders a turn of a flow, and what its effects start (the team was paged already if it opened a case). */
  async function render(ctx: Private, contact: Contact, turn: ReachedTurn) {
    const tr = i18n.forLanguage(ctx.lang, flowNamespace(turn.conversation.flowId));
    const { reach } = turn;
    // A flow for young people shows the services for children.
    const young = helpline.ageBandOf(turn.conversation.flowId) === 'child';
    if (turn.effects.some((effect) => effect.type === 'urgent')) {
      // One message, not the flow's own danger texts, offer and goodbye after it: the
      // numbers, whether a person knows, the way out; a button back if the flow goes on.
      const goesOn = turn.conversation.state.status !== 'ended';
      await showUrgent(ctx, { ...(reach ? { reach } : {}), canContinue: goesOn });
      return;
    }
    for (const effect of turn.effects) {
      if (effect.type === 'action' && effect.name === 'show_services') await showServices(ctx, contact, young ? 'child' : undefined);
      else if (effect.type === 'action' && effect.name === 'offer_handoff') await say(ctx, t(ctx)('person.offer'));
      else if (effect.type === 'action' && effect.name === 'show_emergency') await say(ctx, numbersText(deps.directory, ctx.session.country, i18n.forLanguage(ctx.lang)));
      else if (effect.type === 'handoff')
        await say(ctx, turn.helpCase ? requestedText(t(ctx), turn.helpCase, reach ?? 'paged', nobodyOnCall(ctx, turn.helpCase)) : t(ctx)('person.requested'), turn.helpCase ? holdChoice(t(ctx)) : []);
      else {
        const view = viewOf(effect, tr, helpline.hintsOf(turn.conversation.flowId));
        if (view) await send(ctx, view);
      }
    }
    ctx.session.inFlow = turn.conversation.state.status !== 'ended';
    if (turn.conversation.state.status === 'ended') await showMenu(ctx);
  }

  /** Starts a flow with what the person already told the bot here (safety, under 18), so that the flow does not ask it again. */
  async function startFlow(ctx: Private, contact: Contact, flowId: HelpFlow) {
    await render(ctx, contact, await seeking.turns.start(contact, flowId, ctx.lang, ctx.session.known ?? {}));
  }

  /** A turn's result: the turn, or why there is none (the flow changed: started again; nothing to answer: the menu). */
  async function show(ctx: Private, contact: Contact, result: TurnResult) {
    if ('kind' in result) {
      if (result.kind === 'restart') {
        await say(ctx, t(ctx)('restart_needed'));
        const flowId = HELP_FLOWS.find((id) => id === result.flowId);
        if (flowId) return startFlow(ctx, contact, flowId);
      }
      await say(ctx, t(ctx)('hint.stale'));
      return showMenu(ctx);
    }
    await render(ctx, contact, result);
  }

  return {
    render,
    startFlow,
    show,
    answer: async (ctx: Private, contact: Contact, input: FlowInput) => show(ctx, contact, await seeking.turns.answer(contact, input)),

    /** "Continue" on a question asked again, or start over: the menu. */
    async resume(ctx: Private, contact: Contact, resume: boolean) {
      const turn = resume ? await seeking.turns.current(contact) : undefined;
      if (turn) return render(ctx, contact, turn);
      await helpline.abandon(contact);
      return showMenu(ctx);
    },

    async offerResumeOrMenu(ctx: Private, contact: Contact) {
      const open = await helpline.resumable(contact);
      if (!open) return showMenu(ctx);
      ctx.session.inFlow = false;
      const tr = t(ctx);
      await say(ctx, tr('resume.text'), [choice(tr('resume.continue'), helplineButton.resume(true)), choice(tr('resume.restart'), helplineButton.resume(false))]);
    },

    /**
     * The anonymous service-feedback survey, offered after an operator closes a case.
     * (To become the surveys area's use-case: its answers belong to no help-seeker.)
     */
    async startFeedback(ctx: Private, contact: Contact) {
      await render(ctx, contact, await seeking.turns.start(contact, FEEDBACK_FLOW, ctx.lang));
    },
  };
}

export type HelplineFlow = ReturnType<typeof helplineFlow>;
