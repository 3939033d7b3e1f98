import type { CompiledFlow, FlowCatalog } from '../flows/catalog.js';
import { assessState, type Effect, type FlowInput } from '../flows/engine.js';
import type { Known } from '../flows/known-answers.js';
import { createFlowRunner, type FlowConversation, type NotApplied } from '../flows/runner.js';
import type { Hints } from '../flows/hints.js';
import { RISK_LEVELS, type RiskAssessment, type RiskLevel } from '../flows/scoring.js';
import { countedAnswers } from '../flows/state.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { Surveys, SurveyTurn } from '../surveys/index.js';
import { newCaseCode, unclaimed, type AgeBand, type CaseStore, type CaseSummary, type HelpCase } from './cases.js';
import type { Contact } from './contacts.js';
import type { Conversation, ConversationStore } from './conversations.js';

/** The flows a person can start from the menu. */
export const HELP_FLOWS = ['helpline/self-check', 'helpline/young-person', 'helpline/worried-about-someone', 'helpline/check-an-offer'] as const;
export type HelpFlow = (typeof HELP_FLOWS)[number];
/**
 * Offered after an operator closes a case: anonymous feedback on the service. Its answers
 * go to the survey tables (a standing run), not to the person's conversations.
 */
export const FEEDBACK_FLOW = 'surveys/service-feedback';

export interface Turn {
  /** The conversation as saved: one of the helpline's, or the person's feedback response. */
  conversation: FlowConversation;
  effects: Effect[];
  /** The case opened or raised by this turn, if any. */
  helpCase: HelpCase | undefined;
}

export type AnswerResult = Turn | NotApplied;

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
  resumable(contact: Contact): Promise<FlowConversation | undefined>;
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

export function createHelpline(deps: { catalog: FlowCatalog; conversations: ConversationStore; cases: CaseStore; surveys: Pick<Surveys, 'standing'>; clock: Clock }): Helpline {
  const { catalog, conversations, cases, clock } = deps;
  // Answered by the person's contact while in progress; once completed it names nobody.
  const feedback = deps.surveys.standing(FEEDBACK_FLOW, 'service_feedback');

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

  /** The help-seeking flows, one conversation per person; a turn that asks for a person or finds urgency opens a case. */
  const help = createFlowRunner<Contact, Conversation, { helpCase: HelpCase | undefined }>({
    catalog,
    clock,
    area: {
      store: { active: (contact) => conversations.latestActive(contact.id), create: (c) => conversations.create(c), save: (c) => conversations.save(c) },
      begin: (contact, base) => ({ ...base, contactId: contact.id, status: 'active', level: null, outcome: null, reachedPerson: false }),
      /** Turns urgent and handoff effects into a case, then gives the conversation's level and status to save. */
      async settle(contact, conversation, effects) {
        const compiled = catalog.get(conversation.flowId);
        const assessment = compiled ? assessState(compiled, conversation.state) : undefined;
        let helpCase: HelpCase | undefined;
        if (effects.some((effect) => effect.type === 'urgent')) helpCase = await openCase(contact, 'urgent', 'URGENT', summaryOf(conversation, assessment, null), conversation, assessment?.child);
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
        return { conversation: saved, extra: { helpCase } };
      },
      abandoned: (active, now) => ({ ...active, status: 'ended', outcome: active.outcome ?? 'abandoned', updatedAt: now }),
      quiet: { helpCase: undefined },
    },
  });

  const fromSurvey = (turn: SurveyTurn): Turn => ({ conversation: turn.conversation, effects: turn.effects, helpCase: undefined });

  /** A person has one conversation at a time: with none in the helpline's, an input may be for their feedback. */
  async function orFeedback(result: AnswerResult, toFeedback: () => Promise<SurveyTurn | NotApplied>): Promise<AnswerResult> {
    if ('kind' in result && result.kind === 'no_conversation') {
      const answered = await toFeedback();
      return 'kind' in answered ? answered : fromSurvey(answered);
    }
    return result;
  }

  return {
    async startFlow(contact, flowId, language, known = {}) {
      if (flowId === FEEDBACK_FLOW) {
        await help.abandon(contact);
        const turn = await feedback.start(contact.id, language);
        // A standing run has no dates; only a flow missing from the catalog closes it, and start-up refuses that.
        if ('kind' in turn) throw new Error(`the survey ${FEEDBACK_FLOW} takes no answers`);
        return fromSurvey(turn);
      }
      await feedback.abandon(contact.id);
      return help.start(contact, flowId, language, known);
    },

    answer: async (contact, input) => orFeedback(await help.answer(contact, input), () => feedback.answer(contact.id, input)),

    typed: async (contact, text, { urgent }) => orFeedback(await help.typed(contact, text, { urgent }), () => feedback.typed(contact.id, text, { urgent })),

    ageBandOf: (flowId) => ageBandOf(catalog.get(flowId)),
    hintsOf: (flowId) => catalog.get(flowId)?.flow.hints,

    resumable: async (contact) => (await help.resumable(contact)) ?? (await feedback.resumable(contact.id)),

    async current(contact) {
      const turn = await help.current(contact);
      if (turn) return turn;
      const survey = await feedback.current(contact.id);
      return survey ? fromSurvey(survey) : undefined;
    },

    async abandon(contact) {
      await help.abandon(contact);
      await feedback.abandon(contact.id);
    },

    async requestPerson(contact, trigger, urgentWords) {
      const conversation = await help.active(contact);
      const compiled = conversation ? catalog.get(conversation.flowId) : undefined;
      const assessment = compiled && conversation ? assessState(compiled, conversation.state) : undefined;
      const level = trigger === 'urgent' ? 'URGENT' : (assessment?.level ?? 'INFO');
      const helpCase = await openCase(contact, trigger, level, summaryOf(conversation, assessment, urgentWords ?? null), conversation, assessment?.child);
      if (conversation && !conversation.reachedPerson) await conversations.save({ ...conversation, reachedPerson: true, updatedAt: clock.now() });
      return helpCase;
    },
  };
}
