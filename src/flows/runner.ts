import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';
import type { FlowCatalog } from './catalog.js';
import { askAgain, canResume, start, step, type Effect, type FlowInput } from './engine.js';
import { knownAnswers, type Known } from './known-answers.js';
import type { FlowState } from './state.js';

// The general runner: one conversation on a flow at a time per subject (a help-seeker's
// contact, an event participant, a survey respondent), kept by the area that owns the
// subject. The engine decides; the runner loads, steps and saves; the area says what a
// turn means to it (a case to open, a response completed) in `settle`.

/** What every area keeps of a conversation on a flow; an area's record adds its own fields. */
export interface FlowConversation {
  id: string;
  flowId: string;
  flowVersion: number;
  language: string;
  state: FlowState;
  startedAt: Date;
  updatedAt: Date;
}

/** An area's conversations, found by subject. The runner never looks inside a subject. */
export interface SubjectConversations<S, C extends FlowConversation> {
  /** The subject's conversation that has not ended, if any. */
  active(subject: S): Promise<C | undefined>;
  create(conversation: C): Promise<void>;
  save(conversation: C): Promise<void>;
}

/** What the area running a flow decides about its conversations. */
export interface RunnerArea<S, C extends FlowConversation, X extends object> {
  store: SubjectConversations<S, C>;
  /** The area's record of a conversation the subject begins. */
  begin(subject: S, base: FlowConversation): C;
  /**
   * What a turn means to the area, before its record is written: what the effects start
   * (`extra`, e.g. a case) and the record to write (its status, level, answers).
   */
  settle(subject: S, conversation: C, effects: readonly Effect[]): Promise<{ conversation: C; extra: X }>;
  /** The record of a conversation ended without an outcome (an exit, starting over). */
  abandoned(conversation: C, now: Date): C;
  /** The `extra` of a turn that only asks the current question again. */
  quiet: X;
}

/** A turn: the conversation as saved, the engine's effects to render, and what the area adds. */
export type FlowTurn<C, X> = X & { conversation: C; effects: Effect[] };

/** Why an input found nothing to apply to: no conversation, or one this version of its flow cannot continue. */
export type NotApplied = { kind: 'no_conversation' } | { kind: 'restart'; flowId: string };

export interface FlowRunner<S, C extends FlowConversation, X extends object> {
  /** Ends the subject's conversation, if any, and starts `flowId`; the questions `known` answers are recorded, not asked. */
  start(subject: S, flowId: string, language: string, known?: Known): Promise<FlowTurn<C, X>>;
  /** Applies an input (a button, typed text, back) to the subject's conversation. */
  answer(subject: S, input: FlowInput): Promise<FlowTurn<C, X> | NotApplied>;
  /**
   * Applies typed text to the current question. `urgent`: the words were a call for help,
   * not an answer, so a question that wants a button is only asked again.
   */
  typed(subject: S, text: string, options?: { urgent?: boolean }): Promise<FlowTurn<C, X> | NotApplied>;
  /** Goes back to the previous question. */
  back(subject: S): Promise<FlowTurn<C, X> | NotApplied>;
  /** The current question asked again, for a subject coming back; none when there is nothing to continue. */
  current(subject: S): Promise<FlowTurn<C, X> | undefined>;
  /** The conversation the subject can continue with this version of its flow, if any. */
  resumable(subject: S): Promise<C | undefined>;
  /** The subject's conversation that has not ended, resumable or not. */
  active(subject: S): Promise<C | undefined>;
  /** Ends the subject's conversation without an outcome. */
  abandon(subject: S): Promise<void>;
}

export function createFlowRunner<S, C extends FlowConversation, X extends object>(deps: { catalog: FlowCatalog; clock: Clock; area: RunnerArea<S, C, X> }): FlowRunner<S, C, X> {
  const { catalog, clock, area } = deps;
  const { store } = area;

  async function settle(subject: S, conversation: C, effects: Effect[], write: (c: C) => Promise<void>): Promise<FlowTurn<C, X>> {
    const settled = await area.settle(subject, conversation, effects);
    await write(settled.conversation);
    return { ...settled.extra, conversation: settled.conversation, effects };
  }

  /** The conversation's current question, asked again; none when it cannot be resumed. */
  function questionAgain(conversation: C): FlowTurn<C, X> | undefined {
    const compiled = catalog.get(conversation.flowId);
    const question = compiled && canResume(compiled, conversation.state) ? askAgain(compiled, conversation.state) : undefined;
    return question ? { ...area.quiet, conversation, effects: [question] } : undefined;
  }

  async function apply(subject: S, conversation: C, input: FlowInput): Promise<FlowTurn<C, X> | NotApplied> {
    const compiled = catalog.get(conversation.flowId);
    if (!compiled || !canResume(compiled, conversation.state)) return { kind: 'restart', flowId: conversation.flowId };
    const { state, effects } = step(compiled, conversation.state, input, clock.now());
    return settle(subject, { ...conversation, state, updatedAt: clock.now() }, effects, (c) => store.save(c));
  }

  const runner: FlowRunner<S, C, X> = {
    async start(subject, flowId, language, known = {}) {
      const compiled = catalog.get(flowId);
      if (!compiled) throw new Error(`flow ${flowId} is not loaded`);
      await runner.abandon(subject);
      const now = clock.now();
      const { state, effects } = start(compiled, now, knownAnswers(compiled, known));
      const conversation = area.begin(subject, { id: newId(), flowId, flowVersion: compiled.flow.version, language, state, startedAt: now, updatedAt: now });
      return settle(subject, conversation, effects, (c) => store.create(c));
    },

    async answer(subject, input) {
      const conversation = await store.active(subject);
      return conversation ? apply(subject, conversation, input) : { kind: 'no_conversation' };
    },

    async typed(subject, text, { urgent = false } = {}) {
      const conversation = await store.active(subject);
      const current = conversation?.state.current ? catalog.get(conversation.flowId)?.steps.get(conversation.state.current) : undefined;
      if (!conversation || !current) return { kind: 'no_conversation' };
      const wantsText = current.type === 'text' || current.type === 'number';
      if (urgent && !wantsText) return questionAgain(conversation) ?? { kind: 'no_conversation' };
      return apply(subject, conversation, { type: 'text', step: current.id, value: text });
    },

    back: (subject) => runner.answer(subject, { type: 'back' }),

    async current(subject) {
      const conversation = await store.active(subject);
      return conversation ? questionAgain(conversation) : undefined;
    },

    async resumable(subject) {
      const conversation = await store.active(subject);
      const compiled = conversation ? catalog.get(conversation.flowId) : undefined;
      return conversation && compiled && canResume(compiled, conversation.state) ? conversation : undefined;
    },

    active: (subject) => store.active(subject),

    async abandon(subject) {
      const active = await store.active(subject);
      if (active) await store.save(area.abandoned(active, clock.now()));
    },
  };
  return runner;
}
