import type { Expression } from 'jsep';
import { YES_NO, type Flow, type IndicatorSet, type Step } from './schema.js';

/** A validated flow, ready for the engine: steps by id and conditions parsed once. */
export interface CompiledFlow {
  readonly flow: Flow;
  readonly steps: ReadonlyMap<string, Step>;
  /** Parsed conditions, by their source text. */
  readonly conditions: ReadonlyMap<string, Expression>;
  readonly indicatorSet: IndicatorSet | undefined;
}

export interface FlowCatalog {
  readonly flows: ReadonlyMap<string, CompiledFlow>;
  readonly indicatorSets: ReadonlyMap<string, IndicatorSet>;
  get(id: string): CompiledFlow | undefined;
}

export interface FlowProblem {
  file: string;
  /** Where in the file, e.g. `steps[3].options[0].label`. */
  path: string;
  message: string;
}

export const formatProblem = (problem: FlowProblem): string => `${problem.file}${problem.path ? ` at ${problem.path}` : ''}: ${problem.message}`;

/** `N problem(s) in <what>:` and one indented line per problem. */
export const formatProblems = (problems: FlowProblem[], what: string): string[] => [`${problems.length} problem(s) in ${what}:`, ...problems.map((problem) => `  ${formatProblem(problem)}`)];

/** Every i18n key a step shows, with where it sits in the step. */
export function stepKeys(step: Step): { path: string; key: string }[] {
  const keys = [{ path: 'text', key: step.text }];
  if (step.type === 'single' || step.type === 'multi') step.options.forEach((option, i) => keys.push({ path: `options[${i}].label`, key: option.label }));
  if (step.type === 'multi') keys.push({ path: 'done', key: step.done });
  if (step.type === 'scale') {
    step.points.forEach((point, i) => keys.push({ path: `points[${i}].label`, key: point.label }));
    if (step.notApplicable) keys.push({ path: 'notApplicable', key: step.notApplicable });
  }
  if (step.type === 'consent') keys.push({ path: 'agree', key: step.agree }, { path: 'decline', key: step.decline });
  return keys;
}

/** Step ids a step can go to next. */
export function successors(step: Step): string[] {
  if (step.next === undefined) return [];
  return typeof step.next === 'string' ? [step.next] : step.next.map((rule) => rule.goto);
}

/** Every condition of a flow, with where it is written. */
export function conditionsOf(flow: Flow): { path: string; source: string }[] {
  const found = Object.entries(flow.guards).map(([name, source]) => ({ path: `guards.${name}`, source }));
  flow.steps.forEach((step, i) => {
    if (Array.isArray(step.next)) {
      step.next.forEach((rule, r) => rule.when && found.push({ path: `steps[${i}].next[${r}].when`, source: rule.when }));
    }
    step.flags?.forEach((flag, f) => found.push({ path: `steps[${i}].flags[${f}].when`, source: flag.when }));
  });
  return found;
}

/** The options a step's file lists: a choice's options or a scale's points (none for other steps). */
export const optionsOf = (step: Step) => (step.type === 'single' || step.type === 'multi' ? step.options : step.type === 'scale' ? step.points : []);

/** Indicator ids a step attaches to its answers, with where. */
export function stepIndicators(step: Step): { path: string; id: string }[] {
  const found: { path: string; id: string }[] = [];
  const options = optionsOf(step);
  const field = step.type === 'scale' ? 'points' : 'options';
  options.forEach((option, o) => option.indicators?.forEach((id, n) => found.push({ path: `${field}[${o}].indicators[${n}]`, id })));
  if (step.type === 'yesno' && step.indicators) {
    for (const [answer, ids] of Object.entries(step.indicators)) ids?.forEach((id, n) => found.push({ path: `indicators.${answer}[${n}]`, id }));
  }
  step.flags?.forEach((flag, f) => flag.indicators.forEach((id, n) => found.push({ path: `flags[${f}].indicators[${n}]`, id })));
  return found;
}

/** The answers a step offers as buttons, in order: options, scale points, yes/no/unsure, agree/decline. */
export function choicesOf(step: Step): { code: string; label: string }[] {
  switch (step.type) {
    case 'single':
    case 'multi':
      return step.options;
    case 'scale':
      return step.points;
    case 'yesno':
      return YES_NO.map((code) => ({ code, label: `flows:${code}` }));
    case 'consent':
      return [
        { code: 'agree', label: step.agree },
        { code: 'decline', label: step.decline },
      ];
    default:
      return [];
  }
}
