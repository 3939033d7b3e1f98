import type { CompiledFlow } from './catalog.js';
import { holds } from './expression.js';
import { YES_NO, type Step } from './schema.js';
import { assess, NO_STANDING, scopeOf, type RiskAssessment } from './scoring.js';
import { countedAnswers, type Answer, type FlowState } from './state.js';

// The flow engine: step(flow, state, input, now) -> { state, effects }. Pure: no
// transport, storage, i18n or clock. Effects are data that transports render;
// texts are i18n keys (a key without a namespace belongs to the flow's).

export type FlowInput =
  | { type: 'choose'; step: string; code: string }
  | { type: 'toggle'; step: string; code: string }
  | { type: 'done'; step: string }
  | { type: 'text'; step: string; value: string }
  | { type: 'skip'; step: string }
  | { type: 'na'; step: string }
  | { type: 'back' };

export type Effect =
  | { type: 'say'; step: string; text: string; links: string[] }
  | { type: 'ask'; step: Step; selection: string[]; previous: Answer | undefined; canGoBack: boolean }
  | { type: 'invalid'; step: string; hint: string; vars: Record<string, number> }
  /** A named action of the area running the flow (the loader checked that an area handles it). */
  | { type: 'action'; step: string; name: string }
  | { type: 'handoff'; step: string }
  | { type: 'urgent'; assessment: RiskAssessment }
  | { type: 'end'; step: string; outcome: string; text: string; assessment: RiskAssessment | undefined };

export interface StepResult {
  state: FlowState;
  effects: Effect[];
}

/** Guards against a loop of message steps; the loader already rejects them. */
const MAX_AUTOMATIC_STEPS = 1000;

function mustStep(compiled: CompiledFlow, id: string): Step {
  const step = compiled.steps.get(id);
  if (!step) throw new Error(`flow ${compiled.flow.id} has no step "${id}"`);
  return step;
}

/** The first rule whose condition holds names the next step. */
function nextOf(compiled: CompiledFlow, step: Step, state: FlowState, assessment: RiskAssessment | undefined): string | undefined {
  if (step.next === undefined || typeof step.next === 'string') return step.next;
  const standing = assessment ? { fired: new Set(assessment.reasons.map((reason) => reason.indicator)), score: assessment.score, level: assessment.level } : NO_STANDING;
  const scope = scopeOf(compiled, countedAnswers(state), standing);
  const rule = step.next.find((candidate) => {
    const node = candidate.when === undefined ? undefined : compiled.conditions.get(candidate.when);
    return node === undefined || holds(node, scope);
  });
  return rule?.goto;
}

const ask = (step: Step, state: FlowState): Effect => ({
  type: 'ask',
  step,
  selection: state.selection,
  previous: state.answers[step.id],
  canGoBack: state.path.length > 0,
});

/**
 * Enters `id` and moves through message steps until a question or an end. The
 * answers do not change on the way, so their assessment is computed once, by the caller.
 */
function enter(compiled: CompiledFlow, state: FlowState, id: string | undefined, assessment: RiskAssessment | undefined, effects: Effect[]): FlowState {
  let next = id;
  for (let count = 0; next !== undefined; count++) {
    if (count > MAX_AUTOMATIC_STEPS) throw new Error(`flow ${compiled.flow.id} loops through messages at "${next}"`);
    const step = mustStep(compiled, next);
    const actions = (step.actions ?? []).map((name): Effect => ({ type: 'action', step: step.id, name }));
    // A message's actions follow its text (the text introduces them); a question or an
    // end comes last, after its actions, so that it is what the person answers or reads.
    if (step.type !== 'message') effects.push(...actions);
    if (step.type === 'end') {
      effects.push({ type: 'end', step: step.id, outcome: step.outcome, text: step.text, assessment });
      return { ...state, status: 'ended', current: null, selection: [], outcome: step.outcome };
    }
    if (step.type !== 'message') {
      const asking = { ...state, current: step.id, selection: [] };
      // Answered before the flow began: recorded, not asked (going back still asks it, to change it).
      const known = state.prefilled?.[step.id];
      if (known !== undefined && !state.path.includes(step.id)) return record(compiled, asking, step, known, effects);
      effects.push(ask(step, asking));
      return asking;
    }
    effects.push({ type: 'say', step: step.id, text: step.text, links: step.links ?? [] }, ...actions);
    next = nextOf(compiled, step, state, assessment);
  }
  throw new Error(`flow ${compiled.flow.id}: a step has nowhere to go`);
}

/**
 * Begins a flow: the first question, after any opening messages. `prefilled` holds
 * answers the person already gave (see `knownAnswers`): whenever the flow reaches one of
 * those questions it is recorded as answered, on the path like any answer (scoring and
 * the operator see it), and the flow moves on without asking it again.
 */
export function start(compiled: CompiledFlow, now: Date, prefilled: Readonly<Record<string, Answer>> = {}): StepResult {
  const at = now.toISOString();
  const fresh: FlowState = {
    flowId: compiled.flow.id,
    flowVersion: compiled.flow.version,
    status: 'active',
    current: null,
    path: [],
    answers: {},
    selection: [],
    outcome: null,
    urgent: false,
    ...(Object.keys(prefilled).length > 0 ? { prefilled: { ...prefilled } } : {}),
    startedAt: at,
    updatedAt: at,
  };
  const effects: Effect[] = [];
  return { state: enter(compiled, fresh, compiled.flow.start, assess(compiled, new Map()), effects), effects };
}

type Parsed = { answer: Answer } | { selection: string[] } | { hint: string; vars?: Record<string, number> };

/** Reads an input as an answer to `step`, or says why it does not fit. */
function parse(step: Step, input: Exclude<FlowInput, { type: 'back' }>, selection: string[]): Parsed {
  if (input.type === 'skip') return step.skippable ? { answer: { kind: 'skipped' } } : { hint: 'flows:hint.not_skippable' };
  if (input.type === 'na') return step.type === 'scale' && step.notApplicable ? { answer: { kind: 'na' } } : { hint: 'flows:hint.no_na' };
  switch (step.type) {
    case 'single':
    case 'scale': {
      const options = step.type === 'single' ? step.options : step.points;
      const known = input.type === 'choose' && options.some((option) => option.code === input.code);
      return known ? { answer: { kind: 'choice', code: input.code } } : { hint: 'flows:hint.choose' };
    }
    case 'yesno':
      return input.type === 'choose' && (YES_NO as readonly string[]).includes(input.code) ? { answer: { kind: 'choice', code: input.code } } : { hint: 'flows:hint.choose' };
    case 'consent':
      return input.type === 'choose' && (input.code === 'agree' || input.code === 'decline') ? { answer: { kind: 'consent', agreed: input.code === 'agree' } } : { hint: 'flows:hint.choose' };
    case 'multi': {
      if (input.type === 'toggle' && step.options.some((option) => option.code === input.code)) {
        const ticked = selection.includes(input.code) ? selection.filter((code) => code !== input.code) : [...selection, input.code];
        // Kept in the flow's order, so stored answers compare equal however they were ticked.
        return { selection: step.options.map((option) => option.code).filter((code) => ticked.includes(code)) };
      }
      if (input.type === 'done' && selection.length >= step.min) return { answer: { kind: 'choices', codes: selection } };
      return { hint: 'flows:hint.choose_at_least', vars: { min: Math.max(step.min, 1) } };
    }
    case 'text': {
      if (input.type !== 'text') return { hint: 'flows:hint.text_too_short', vars: { min: step.minLength } };
      const value = input.value.trim();
      if (value.length < step.minLength) return { hint: 'flows:hint.text_too_short', vars: { min: step.minLength } };
      if (value.length > step.maxLength) return { hint: 'flows:hint.text_too_long', vars: { max: step.maxLength } };
      return { answer: { kind: 'text', value } };
    }
    case 'number': {
      const text = input.type === 'text' ? input.value.trim().replace(',', '.') : '';
      const value = /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
      return Number.isFinite(value) && value >= step.min && value <= step.max ? { answer: { kind: 'number', value } } : { hint: 'flows:hint.number', vars: { min: step.min, max: step.max } };
    }
    default:
      return { hint: 'flows:hint.choose' };
  }
}

function goBack(compiled: CompiledFlow, state: FlowState, current: Step, effects: Effect[]): FlowState {
  const previous = state.path.at(-1);
  if (previous === undefined) {
    effects.push({ type: 'invalid', step: current.id, hint: 'flows:hint.nothing_to_go_back_to', vars: {} }, ask(current, state));
    return state;
  }
  const path = state.path.slice(0, -1);
  // The earlier answer stays to be shown; answers off the path are dropped.
  const keep = new Set([...path, previous]);
  const answers = Object.fromEntries(Object.entries(state.answers).filter(([step]) => keep.has(step)));
  const back = { ...state, path, answers, current: previous, selection: [] };
  effects.push(ask(mustStep(compiled, previous), back));
  return back;
}

/** Applies one input to a state. Input that does not fit changes nothing but the hint. */
export function step(compiled: CompiledFlow, state: FlowState, input: FlowInput, now: Date): StepResult {
  const effects: Effect[] = [];
  const touched = (next: FlowState): StepResult => ({ state: { ...next, updatedAt: now.toISOString() }, effects });
  if (state.status === 'ended' || state.current === null) {
    effects.push({ type: 'invalid', step: state.current ?? '', hint: 'flows:hint.ended', vars: {} });
    return { state, effects };
  }
  const current = mustStep(compiled, state.current);
  if (input.type === 'back') return touched(goBack(compiled, state, current, effects));
  if (input.step !== current.id) {
    effects.push({ type: 'invalid', step: current.id, hint: 'flows:hint.stale', vars: {} }, ask(current, state));
    return { state, effects };
  }

  const parsed = parse(current, input, state.selection);
  if ('hint' in parsed) {
    effects.push({ type: 'invalid', step: current.id, hint: parsed.hint, vars: parsed.vars ?? {} }, ask(current, state));
    return { state, effects };
  }
  if ('selection' in parsed) {
    const ticking = { ...state, selection: parsed.selection };
    effects.push(ask(current, ticking));
    return touched(ticking);
  }

  return touched(record(compiled, state, current, parsed.answer, effects));
}

/** Records an answer to the current question, gives the effects it starts, and moves on to the next question. */
function record(compiled: CompiledFlow, state: FlowState, current: Step, answer: Answer, effects: Effect[]): FlowState {
  let answered: FlowState = { ...state, answers: { ...state.answers, [current.id]: answer }, path: [...state.path, current.id], selection: [] };
  if (current.type === 'consent' && current.onAgree === 'handoff' && answer.kind === 'consent' && answer.agreed) {
    effects.push({ type: 'handoff', step: current.id });
  }
  // Urgent handling never waits for the flow to finish.
  const assessment = assess(compiled, countedAnswers(answered));
  if (assessment?.level === 'URGENT' && !answered.urgent) {
    effects.push({ type: 'urgent', assessment });
    answered = { ...answered, urgent: true };
  }
  return enter(compiled, answered, nextOf(compiled, current, answered, assessment), assessment, effects);
}

/** The current question of a state, asked again (a person coming back, or after urgent words). */
export function askAgain(compiled: CompiledFlow, state: FlowState): Effect | undefined {
  const current = state.status === 'active' && state.current ? compiled.steps.get(state.current) : undefined;
  return current && current.type !== 'message' && current.type !== 'end' ? ask(current, state) : undefined;
}

/**
 * Whether a saved state can go on with this version of its flow: the same
 * version, or one the flow declares compatible whose answered steps all still
 * exist. Otherwise the person is offered a clean restart, never a half-read state.
 */
export function canResume(compiled: CompiledFlow, state: FlowState): boolean {
  if (state.flowId !== compiled.flow.id || state.status !== 'active' || state.current === null) return false;
  if (state.flowVersion === compiled.flow.version) return true;
  if (!compiled.flow.compatibleWith.includes(state.flowVersion)) return false;
  return [...state.path, state.current].every((id) => compiled.steps.has(id));
}

/** The risk assessment of a state, for flows with indicators. */
export const assessState = (compiled: CompiledFlow, state: FlowState): RiskAssessment | undefined => assess(compiled, countedAnswers(state));
