// The helpline's self-check as a person goes through it: /start, Albanian, the notice,
// "safe", "check my situation", not under 18, then every question of
// helpline/self-check, and consent to be contacted, which records a pending case.
//
// The answers are not written here: they are derived from the flow in the catalog with
// the pure engine, choosing at each question the first option that does not make the
// situation urgent (for a multiple choice: ticking one option, then "done"; for a
// number: typing 30, within the step's range), backtracking where a choice would not
// lead to an end with a handoff. A change to the flow's content changes the script,
// not this file. The helpline benchmark and the two-process test both walk it.
import { choicesOf, type CompiledFlow } from '../../src/flows/catalog.js';
import { start, step, type Effect, type FlowInput, type StepResult } from '../../src/flows/engine.js';
import { knownAnswers } from '../../src/flows/known-answers.js';
import { flowNamespace, type Step } from '../../src/flows/schema.js';
import type { FlowState } from '../../src/flows/state.js';
import type { I18n, Language } from '../../src/i18n/index.js';
import { helplineButton as button } from '../../src/transport/telegram/helpline-buttons.js';

export const SELF_CHECK_FLOW = 'helpline/self-check';
export const LANGUAGE: Language = 'sq';
/** What a person types at a number step (the age), moved into the step's range if needed. */
const TYPED_NUMBER = 30;
const TYPED_TEXT = 'a few words about my situation';
export const ENGINE_NOW = new Date('2026-06-01T09:00:00Z');
/** What the helpline asks before a flow (safe to talk, not under 18): the flow does not ask it again. */
export const PRE_FLOW = { safety: 'safe', under18: false } as const;

/** One update a person sends, and what the bot's last message to them must show before it. */
export interface Action {
  /** What the person does. */
  send: { kind: 'command'; name: string } | { kind: 'press'; data: string } | { kind: 'type'; text: string };
  /** The text the bot's last message must have, when known (flow questions). */
  expectText?: string;
  /** A button the bot's last message must offer (the one about to be pressed). */
  expectButton?: string;
  /** Buttons of a multiple choice the bot's last message must show ticked (what the person ticked before "done"). */
  expectTicked?: string[];
  /** For messages in failures. */
  label: string;
}

export interface Script {
  actions: Action[];
  /** Outcome of the end the script reaches. */
  outcome: string;
  /** The text of the menu, which the bot shows last after the flow ends. */
  finalText: string;
  /** The answers a finished self-check holds (the prefilled ones included). */
  answers: number;
}

/** A person's possible answers to one question, in the order the benchmark prefers them. */
function candidates(current: Step): FlowInput[][] {
  const id = current.id;
  const choose = (code: string): FlowInput[] => [{ type: 'choose', step: id, code }];
  const list: FlowInput[][] = (() => {
    switch (current.type) {
      case 'consent':
        // Only agreeing leads to the handoff the benchmark is about.
        return [choose('agree')];
      case 'multi': {
        const ticks = Math.max(current.min, 1);
        const found: FlowInput[][] = [];
        for (let i = 0; i + ticks <= current.options.length; i++) {
          const toggles = current.options.slice(i, i + ticks).map((option): FlowInput => ({ type: 'toggle', step: id, code: option.code }));
          found.push([...toggles, { type: 'done', step: id }]);
        }
        return found;
      }
      case 'number':
        return [[{ type: 'text', step: id, value: String(Math.min(current.max, Math.max(current.min, TYPED_NUMBER))) }]];
      case 'text':
        return [[{ type: 'text', step: id, value: TYPED_TEXT }]];
      default:
        // single, scale, yesno: the buttons in the order the person sees them.
        return choicesOf(current).map((choice) => choose(choice.code));
    }
  })();
  if (current.skippable) list.push([{ type: 'skip', step: id }]);
  return list;
}

/**
 * The first sequence of answers (depth first, in the order of candidates()) that
 * ends the flow after a handoff without anything urgent on the way.
 */
function deriveFlowInputs(compiled: CompiledFlow): { inputs: FlowInput[]; outcome: string } {
  let explored = 0;
  const walk = (state: FlowState, handoff: boolean): { inputs: FlowInput[]; outcome: string } | undefined => {
    if (++explored > 100_000) throw new Error(`${compiled.flow.id}: no path to a handoff found in 100,000 steps of search`);
    if (state.status === 'ended') return handoff && state.outcome ? { inputs: [], outcome: state.outcome } : undefined;
    const current = compiled.steps.get(state.current ?? '');
    if (!current) return undefined;
    for (const inputs of candidates(current)) {
      let result: StepResult = { state, effects: [] };
      let ok = true;
      let handedOff = handoff;
      for (const input of inputs) {
        result = step(compiled, result.state, input, ENGINE_NOW);
        if (result.effects.some((effect) => effect.type === 'urgent' || effect.type === 'invalid')) ok = false;
        if (result.effects.some((effect) => effect.type === 'handoff')) handedOff = true;
      }
      if (!ok) continue;
      const rest = walk(result.state, handedOff);
      if (rest) return { inputs: [...inputs, ...rest.inputs], outcome: rest.outcome };
    }
    return undefined;
  };
  const first = start(compiled, ENGINE_NOW, knownAnswers(compiled, PRE_FLOW));
  if (first.effects.some((effect: Effect) => effect.type === 'urgent')) throw new Error(`${compiled.flow.id} is urgent before any answer`);
  const found = walk(first.state, false);
  if (!found) throw new Error(`${compiled.flow.id}: no way through the flow reaches an end with a handoff without an urgent answer`);
  return found;
}

export function buildScript(compiled: CompiledFlow, i18n: I18n): Script {
  const { inputs, outcome } = deriveFlowInputs(compiled);
  const t = (key: string) => i18n.t(LANGUAGE, key.includes(':') ? key : `helpline:${key}`);
  const ns = flowNamespace(compiled.flow.id);
  // The helpline's screens before the flow (src/transport/telegram/helpline-presses.ts).
  const actions: Action[] = [
    { send: { kind: 'command', name: 'start' }, label: '/start' },
    { send: { kind: 'press', data: button.language(LANGUAGE) }, expectText: t('language.prompt'), expectButton: button.language(LANGUAGE), label: 'language' },
    { send: { kind: 'press', data: button.notice }, expectButton: button.notice, label: 'notice' },
    { send: { kind: 'press', data: button.safety('safe') }, expectText: t('safety.text'), expectButton: button.safety('safe'), label: 'safety' },
    { send: { kind: 'press', data: button.menu('check') }, expectText: t('menu.text'), expectButton: button.menu('check'), label: 'menu' },
    { send: { kind: 'press', data: button.age(false) }, expectText: t('age.text'), expectButton: button.age(false), label: 'age' },
  ];
  // Then the flow: before each input, the bot's last message is the question it answers.
  let state = start(compiled, ENGINE_NOW, knownAnswers(compiled, PRE_FLOW)).state;
  let ticked: string[] = [];
  for (const input of inputs) {
    const current = compiled.steps.get(state.current ?? '');
    if (!current) throw new Error(`script for ${compiled.flow.id} answers past its end`);
    const question = i18n.t(LANGUAGE, current.text.includes(':') ? current.text : `${ns}:${current.text}`);
    const label = `${current.id} (${input.type}${'code' in input ? ` ${input.code}` : ''})`;
    if (input.type === 'text') actions.push({ send: { kind: 'type', text: input.value }, expectText: question, label });
    else {
      const data = button.flow(input);
      actions.push({ send: { kind: 'press', data }, expectText: question, expectButton: data, ...(input.type === 'done' ? { expectTicked: ticked } : {}), label });
      ticked = input.type === 'toggle' ? [...ticked, data] : [];
    }
    state = step(compiled, state, input, ENGINE_NOW).state;
  }
  return { actions, outcome, finalText: t('menu.text'), answers: Object.keys(state.answers).length };
}
