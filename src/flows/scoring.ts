import { optionsOf, type CompiledFlow } from './catalog.js';
import { holds, type Scope, type Value } from './expression.js';
import { AGE_BANDS, indicatorNamespace, referralLabel, RISK_LEVELS, YES_NO, type Indicator, type Referral, type RiskLevel, type Step } from './schema.js';
import { answerValue, type Answer } from './state.js';

export { RISK_LEVELS, type RiskLevel };

/** One indicator that fired, with the answers that fired it: what an operator reads. */
export interface RiskReason {
  indicator: string;
  /** i18n key of the operator's label, with its namespace. */
  label: string;
  level: Indicator['level'];
  element: Indicator['element'];
  weight: number;
  answers: { step: string; value: Value }[];
  /** For a child: the service this situation is referred to, with the i18n key of what an operator reads. */
  refer?: { to: Referral; label: string };
}

export interface RiskAssessment {
  level: RiskLevel;
  score: number;
  child: boolean;
  reasons: RiskReason[];
  /** Services the situation is referred to (from the reasons), e.g. child protection for a sexually exploited child. */
  referrals: Referral[];
  flow: { id: string; version: number };
  indicatorSet: { id: string; version: number };
}

const SEVERITY: Record<Indicator['level'], number> = { critical: 0, high: 1, medium: 2, context: 3 };

/**
 * Under 18 by the answer marked `role: age` (a number, or the helpline's "under 18?" in AGE_BANDS); without an age, by "could they be
 * under 18?" (`role: minor`) answered yes or unsure; otherwise by the flow's audience.
 */
export function isChild(compiled: CompiledFlow, answers: ReadonlyMap<string, Answer>): boolean {
  let maybe: boolean | undefined;
  for (const [id, answer] of answers) {
    const step = compiled.steps.get(id);
    if (step?.type === 'number' && step.role === 'age' && answer.kind === 'number') return answer.value < 18;
    // "Are you under 18?" answered before the flow, recorded on the age question.
    if (step?.type === 'number' && step.role === 'age' && answer.kind === 'choice') return answer.code === AGE_BANDS.under18;
    if (step?.type === 'yesno' && step.role === 'minor' && answer.kind === 'choice') maybe = answer.code === 'yes' || answer.code === 'unsure';
  }
  return maybe ?? compiled.flow.audience === 'child';
}

/** What conditions can see of the assessment so far. */
export interface Standing {
  fired: ReadonlySet<string>;
  score: number;
  level: RiskLevel;
}

export const NO_STANDING: Standing = { fired: new Set(), score: 0, level: 'INFO' };

/** The scope conditions are evaluated in. */
export function scopeOf(compiled: CompiledFlow, answers: ReadonlyMap<string, Answer>, standing: Standing): Scope {
  const { fired, score, level } = standing;
  const scope: Scope = {
    answer: (step) => {
      const answer = answers.get(step);
      return answer ? answerValue(answer) : null;
    },
    score,
    level,
    child: isChild(compiled, answers),
    fired: (indicator) => fired.has(indicator),
    guard: (name) => {
      const source = compiled.flow.guards[name];
      const node = source === undefined ? undefined : compiled.conditions.get(source);
      return node ? holds(node, scope) : false;
    },
  };
  return scope;
}

/** Indicators an answer attaches directly (through its options or yes/no). */
function attached(step: Step, answer: Answer): string[] {
  if (step.type === 'yesno' && answer.kind === 'choice') {
    const code = answer.code;
    const yesNo = YES_NO.find((candidate) => candidate === code);
    return yesNo ? (step.indicators?.[yesNo] ?? []) : [];
  }
  const options = optionsOf(step);
  const codes = answer.kind === 'choice' ? [answer.code] : answer.kind === 'choices' ? answer.codes : [];
  return options.filter((option) => codes.includes(option.code)).flatMap((option) => option.indicators ?? []);
}

const higher = (a: RiskLevel, b: RiskLevel): RiskLevel => (RISK_LEVELS.indexOf(a) >= RISK_LEVELS.indexOf(b) ? a : b);

/** The level the definition and the thresholds give (see assess). */
function byDefinition(reasons: readonly RiskReason[], child: boolean, levels: { concern: number; high: number }): RiskLevel {
  const score = reasons.reduce((sum, reason) => sum + reason.weight, 0);
  const has = (element: Indicator['element']) => reasons.some((reason) => reason.element === element);
  const elements = (['act', 'means', 'purpose'] as const).filter(has).length;
  if (reasons.some((reason) => reason.level === 'critical')) return 'URGENT';
  if (score >= levels.high || (child ? has('act') && has('purpose') : elements === 3)) return 'HIGH';
  if (score >= levels.concern || reasons.some((reason) => reason.level === 'high') || (child ? has('act') || has('purpose') : elements >= 2)) return 'CONCERN';
  return 'INFO';
}

/** The level that reasons amount to: by the definition, raised for a child to the floor the set gives its indicators. */
function grade(reasons: readonly RiskReason[], child: boolean, levels: { concern: number; high: number }, byId: ReadonlyMap<string, Indicator>): RiskLevel {
  const level = byDefinition(reasons, child, levels);
  if (!child) return level;
  return reasons.reduce((found, reason) => higher(found, byId.get(reason.indicator)?.forChild?.minimumLevel ?? 'INFO'), level);
}

/**
 * The risk level of the answers given so far, with its reasons. Any critical
 * indicator makes it URGENT. Otherwise the flow's score thresholds decide, and so
 * does the definition of trafficking: act, means and purpose together make an
 * adult's situation HIGH, act and purpose a child's, since a child's consent is
 * never valid and "means" are not required; a single act or purpose indicator
 * already makes a child's situation a CONCERN, and the set may raise it further:
 * an indicator's `forChild.minimumLevel` is the lowest level a child's situation
 * with it can have (any exploitation of a child is at least HIGH), and its
 * `forChild.refer` names the service the child is referred to.
 */
export function assess(compiled: CompiledFlow, answers: ReadonlyMap<string, Answer>): RiskAssessment | undefined {
  const set = compiled.indicatorSet;
  const levels = compiled.flow.levels;
  if (!set || !levels) return undefined;
  const child = isChild(compiled, answers);
  const applies = (indicator: Indicator) => indicator.appliesTo === 'both' || indicator.appliesTo === (child ? 'child' : 'adult');
  const byId = new Map(set.indicators.map((indicator) => [indicator.id, indicator]));
  const evidence = new Map<string, { step: string; value: Value }[]>();
  const fire = (id: string, step: string, answer: Answer) => {
    const indicator = byId.get(id);
    if (!indicator || !applies(indicator)) return;
    evidence.set(id, [...(evidence.get(id) ?? []), { step, value: answerValue(answer) }]);
  };

  for (const [id, answer] of answers) {
    const step = compiled.steps.get(id);
    if (step) for (const indicator of attached(step, answer)) fire(indicator, id, answer);
  }
  const namespace = indicatorNamespace(set.set);
  const referralOf = (indicator: Indicator): Pick<RiskReason, 'refer'> => {
    const to = child ? indicator.forChild?.refer : undefined;
    return to ? { refer: { to, label: `${namespace}:${referralLabel(to)}` } } : {};
  };
  const reasonsOf = (found: Map<string, { step: string; value: Value }[]>): RiskReason[] =>
    [...found].flatMap(([id, given]) => {
      const indicator = byId.get(id);
      return indicator
        ? [{ indicator: id, label: `${namespace}:${indicator.label}`, level: indicator.level, element: indicator.element, weight: indicator.weight, answers: given, ...referralOf(indicator) }]
        : [];
    });

  // Flags see what the answers' own indicators amount to, never their own result.
  const first = reasonsOf(evidence);
  const scope = scopeOf(compiled, answers, {
    fired: new Set(evidence.keys()),
    score: first.reduce((sum, reason) => sum + reason.weight, 0),
    level: grade(first, child, levels, byId),
  });
  for (const [id, answer] of answers) {
    for (const flag of compiled.steps.get(id)?.flags ?? []) {
      const node = compiled.conditions.get(flag.when);
      if (node && holds(node, scope)) for (const indicator of flag.indicators) fire(indicator, id, answer);
    }
  }

  const reasons = reasonsOf(evidence);
  reasons.sort((a, b) => SEVERITY[a.level] - SEVERITY[b.level] || b.weight - a.weight || a.indicator.localeCompare(b.indicator));
  const score = reasons.reduce((sum, reason) => sum + reason.weight, 0);
  const level = grade(reasons, child, levels, byId);

  return {
    level,
    score,
    child,
    reasons,
    referrals: [...new Set(reasons.flatMap((reason) => (reason.refer ? [reason.refer.to] : [])))],
    flow: { id: compiled.flow.id, version: compiled.flow.version },
    indicatorSet: { id: set.set, version: set.version },
  };
}
