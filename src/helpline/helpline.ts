import type { CompiledFlow, FlowCatalog } from '../flows/catalog.js';
import { askAgain, assessState, canResume, start, step, type Effect, type FlowInput } from '../flows/engine.js';
import type { Hints } from '../flows/hints.js';
import { knownAnswers, type Known } from '../flows/known-answers.js';
import { RISK_LEVELS, type RiskAssessment, type RiskLevel } from '../flows/scoring.js';
import { countedAnswers } from '../flows/state.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import { newCaseCode, unclaimed, type AgeBand, type CaseStore, type CaseSummary, type HelpCase } from './cases.js';
import type { Contact } from './contacts.js';
import type { Conversation, ConversationStore } from './conversations.js';

/** The flows a person can start from the menu. */
export const HELP_FLOWS = ['helpline/self-check', 'helpline/young-person', 'helpline/worried-about-someone', 'helpline/check-an-offer'] as const;
export type HelpFlow = (typeof HELP_FLOWS)[number];
/** Offered after an operator closes a case: anonymous feedback on the service. */
export const FEEDBACK_FLOW = 'surveys/service-feedback';

export interface Turn {
  conversation: Conversation;
  effects: Effect[];
  /** The case opened or raised by this turn, if any. */
  helpCase: HelpCase | undefined;
}

export type AnswerResult = Turn | { kind: 'no_conversation' } | { kind: 'restart'; flowId: string };

export interface Helpline {
  /** Starts a flow; the questions `known` already answers (the helpline's safety and age questions) are recorded, not asked again. */
  startFlow(contact: Contact, flowId: HelpFlow | typeof FEEDBACK_FLOW, language: string, known?: Known): Promise<Turn>;
  /** Applies an input to the person's active conversation. */
  answer(contact: Contact, input: FlowInput): Promise<AnswerResult>;
  /**
   * Applies typed text to the current question. After urgent words, a question that
   * wants a button is only asked again: the words were a call for help, not an answer.
   */
  typed(contact: Contact, text: string, options: { urgent: boolean }): Promise<AnswerResult>;
  /** The conversation a returning person can continue, if any. */
  resumable(contact: Contact): Promise<Conversation | undefined>;
  /** Repeats the current question of the active conversation. */
  current(contact: Contact): Promise<Turn | undefined>;
  /** Ends the active conversation without an outcome (quick exit, starting over). */
  abandon(contact: Contact): Promise<void>;
  /** Who a flow is for, as it declares: child, adult, or unknown for a flow for anyone. */
  ageBandOf(flowId: string): AgeBand;
  /** The register of the shared hints a flow declares (`hints` in its file): `young` speaks as "ti". */
  hintsOf(flowId: string): Hints;
  /** The person asked for a person, or urgent words were seen: opens a case or raises the pending one. */
  requestPerson(contact: Contact, trigger: 'request' | 'urgent', urgentWords?: string): Promise<HelpCase>;
}


const higher = (a: RiskLevel, b: RiskLevel): RiskLevel => (RISK_LEVELS.indexOf(a) >= RISK_LEVELS.indexOf(b) ? a : b);

/** The age band a flow declares it is for (`audience` in its file); a flow for anyone tells nothing. */
const ageBandOf = (compiled: CompiledFlow | undefined): AgeBand => (compiled?.flow.audience === 'any' || !compiled ? 'unknown' : compiled.flow.audience);

export function createHelpline(deps: { catalog: FlowCatalog; conversations: ConversationStore; cases: CaseStore; clock: Clock }): Helpline {
  const { catalog, conversations, cases, clock } = deps;

  const summaryOf = (conversation: Conversation | undefined, assessment: RiskAssessment | undefined, urgentWords: string | null): CaseSummary => ({
    flowId: conversation?.flowId ?? null,
    reasons: assessment?.reasons ?? [],
    answers: conversation ? Object.fromEntries(countedAnswers(conversation.state)) : {},
    urgentWords,
  });

  /**
   * One case per person at a time: a new reason raises the live case instead of opening another.
   * A person the answers show to be, or maybe be, under 18 (`child`) is a child's case whatever
   * the flow was written for, so that an operator with the child skill takes it.
   */
  async function openCase(contact: Contact, trigger: HelpCase['trigger'], level: RiskLevel, summary: CaseSummary, conversation?: Conversation, child = false): Promise<HelpCase> {
    const pending = await cases.liveFor(contact.id);
    if (pending) {
      const raised = higher(level, pending.level);
      const merged: CaseSummary = {
        flowId: summary.flowId ?? pending.summary.flowId,
        reasons: summary.reasons.length > 0 ? summary.reasons : pending.summary.reasons,
        answers: Object.keys(summary.answers).length > 0 ? summary.answers : pending.summary.answers,
        urgentWords: summary.urgentWords ?? pending.summary.urgentWords,
      };
      await cases.escalate(pending.id, raised, merged);
      return { ...pending, level: raised, summary: merged };
    }
    for (;;) {
      const helpCase: HelpCase = {
        id: newId(),
        code: newCaseCode(),
        contactId: contact.id,
        conversationId: conversation?.id ?? null,
        trigger,
        level,
        summary,
        language: conversation?.language ?? contact.language,
        source: contact.source,
        country: contact.country ?? null,
        ageBand: child ? 'child' : ageBandOf(conversation ? catalog.get(conversation.flowId) : undefined),
        createdAt: clock.now(),
        ...unclaimed,
      };
      if (await cases.open(helpCase)) return helpCase;
    }
  }

  /** Saves the turn (`write`: create a new conversation or save a known one) and turns urgent and handoff effects into a case. */
  async function settle(contact: Contact, conversation: Conversation, effects: Effect[], write: (c: Conversation) => Promise<void> = conversations.save): Promise<Turn> {
    const compiled = catalog.get(conversation.flowId);
    const assessment = compiled ? assessState(compiled, conversation.state) : undefined;
    let helpCase: HelpCase | undefined;
    const urgent = effects.find((effect) => effect.type === 'urgent');
    if (urgent) helpCase = await openCase(contact, 'urgent', 'URGENT', summaryOf(conversation, assessment, null), conversation, assessment?.child);
    if (effects.some((effect) => effect.type === 'handoff')) {
      helpCase = await openCase(contact, 'consent', assessment?.level ?? 'INFO', summaryOf(conversation, assessment, null), conversation, assessment?.child);
    }
    const saved: Conversation = {
      ...conversation,
      status: conversation.state.status,
      level: assessment?.level ?? null,
      outcome: conversation.state.outcome,
      reachedPerson: conversation.reachedPerson || helpCase !== undefined,
      updatedAt: clock.now(),
    };
    await write(saved);
    return { conversation: saved, effects, helpCase };
  }

  /** The conversation's current question, asked again; none when it cannot be resumed. */
  function questionAgain(conversation: Conversation): Turn | undefined {
    const compiled = catalog.get(conversation.flowId);
    const question = compiled && canResume(compiled, conversation.state) ? askAgain(compiled, conversation.state) : undefined;
    return question ? { conversation, effects: [question], helpCase: undefined } : undefined;
  }

  async function apply(contact: Contact, conversation: Conversation, input: FlowInput): Promise<AnswerResult> {
    const compiled = catalog.get(conversation.flowId);
    if (!compiled || !canResume(compiled, conversation.state)) return { kind: 'restart', flowId: conversation.flowId };
    const { state, effects } = step(compiled, conversation.state, input, clock.now());
    return settle(contact, { ...conversation, state }, effects);
  }

  return {
    async startFlow(contact, flowId, language, known = {}) {
      const compiled = catalog.get(flowId);
      if (!compiled) throw new Error(`flow ${flowId} is not loaded`);
      await this.abandon(contact);
      const { state, effects } = start(compiled, clock.now(), knownAnswers(compiled, known));
      const conversation: Conversation = {
        id: newId(),
        contactId: contact.id,
        flowId,
        flowVersion: compiled.flow.version,
        language,
        state,
        status: 'active',
        level: null,
        outcome: null,
        reachedPerson: false,
        startedAt: clock.now(),
        updatedAt: clock.now(),
      };
      return settle(contact, conversation, effects, conversations.create);
    },

    async answer(contact, input) {
      const conversation = await conversations.latestActive(contact.id);
      if (!conversation) return { kind: 'no_conversation' };
      return apply(contact, conversation, input);
    },

    async typed(contact, text, { urgent }) {
      const conversation = await conversations.latestActive(contact.id);
      const current = conversation?.state.current ? catalog.get(conversation.flowId)?.steps.get(conversation.state.current) : undefined;
      if (!conversation || !current) return { kind: 'no_conversation' };
      const wantsText = current.type === 'text' || current.type === 'number';
      if (urgent && !wantsText) return questionAgain(conversation) ?? { kind: 'no_conversation' };
      return apply(contact, conversation, { type: 'text', step: current.id, value: text });
    },

    ageBandOf: (flowId) => ageBandOf(catalog.get(flowId)),
    hintsOf: (flowId) => catalog.get(flowId)?.flow.hints,

    async resumable(contact) {
      const conversation = await conversations.latestActive(contact.id);
      const compiled = conversation ? catalog.get(conversation.flowId) : undefined;
      return conversation && compiled && canResume(compiled, conversation.state) ? conversation : undefined;
    },

    async current(contact) {
      const conversation = await conversations.latestActive(contact.id);
      return conversation ? questionAgain(conversation) : undefined;
    },

    async abandon(contact) {
      const active = await conversations.latestActive(contact.id);
      if (active) await conversations.save({ ...active, status: 'ended', outcome: active.outcome ?? 'abandoned', updatedAt: clock.now() });
    },

    async requestPerson(contact, trigger, urgentWords) {
      const conversation = await conversations.latestActive(contact.id);
      const compiled = conversation ? catalog.get(conversation.flowId) : undefined;
      const assessment = compiled && conversation ? assessState(compiled, conversation.state) : undefined;
      const level = trigger === 'urgent' ? 'URGENT' : (assessment?.level ?? 'INFO');
      const helpCase = await openCase(contact, trigger, level, summaryOf(conversation, assessment, urgentWords ?? null), conversation, assessment?.child);
      if (conversation && !conversation.reachedPerson) await conversations.save({ ...conversation, reachedPerson: true, updatedAt: clock.now() });
      return helpCase;
    },
  };
}
