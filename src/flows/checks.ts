import { isDeepStrictEqual } from 'node:util';
import type { Resource } from 'i18next';
import { ExpressionError, parseExpression, references } from './expression.js';
import { AREA_PREFIX_BYTES, BUTTON_TOKEN_LIMIT, CALLBACK_DATA_LIMIT, decodeAnswer, encodeAnswer, encodeInput, isButtonToken } from './buttons.js';
import { choicesOf, conditionsOf, optionsOf, stepIndicators, stepKeys, successors } from './catalog.js';
import type { FlowInput } from './engine.js';
import { flowNamespace, indicatorNamespace, referralLabel, type Flow, type IndicatorSet, type Step } from './schema.js';

/** A problem inside one file: where, and what. */
export type Finding = { path: string; message: string };

const stepPath = (flow: Flow, id: string) => `steps[${flow.steps.findIndex((step) => step.id === id)}]`;

/** Ids are unique, every target exists, only the last rule is unconditional, every non-end step says where to go. */
export function checkStructure(flow: Flow): Finding[] {
  const findings: Finding[] = [];
  const ids = new Set<string>();
  flow.steps.forEach((step, i) => {
    if (ids.has(step.id)) findings.push({ path: `steps[${i}].id`, message: `step id "${step.id}" is used twice` });
    ids.add(step.id);
    const codes = optionsOf(step);
    const seen = new Set<string>();
    for (const option of codes) {
      if (seen.has(option.code)) findings.push({ path: `steps[${i}]`, message: `answer code "${option.code}" is used twice` });
      seen.add(option.code);
    }
    if (step.type !== 'end' && step.next === undefined) findings.push({ path: `steps[${i}].next`, message: 'says nowhere to go next' });
    if (Array.isArray(step.next)) {
      step.next.forEach((rule, r) => {
        const last = r === (step.next?.length ?? 0) - 1;
        if (last && rule.when) findings.push({ path: `steps[${i}].next[${r}]`, message: 'the last rule needs no `when`, so that there is always a way on' });
        if (!last && !rule.when) findings.push({ path: `steps[${i}].next[${r}]`, message: 'a rule without `when` must be the last' });
      });
    }
    if (step.type === 'number' && step.min >= step.max) findings.push({ path: `steps[${i}].max`, message: 'must be above min' });
    if (step.type === 'text' && step.minLength > step.maxLength) findings.push({ path: `steps[${i}].maxLength`, message: 'must not be below minLength' });
    if (step.type === 'multi' && step.min > step.options.length) findings.push({ path: `steps[${i}].min`, message: 'asks for more choices than there are' });
  });
  if (!ids.has(flow.start)) findings.push({ path: 'start', message: `step "${flow.start}" does not exist` });
  flow.steps.forEach((step, i) => successors(step).forEach((target) => !ids.has(target) && findings.push({ path: `steps[${i}].next`, message: `goes to step "${target}", which does not exist` })));
  return findings;
}

/**
 * A step marked `from` can take the helpline's earlier answer: `safety` on a single
 * choice that offers its codes, `age` on a yes/no or an age question; each at most once.
 */
export function checkKnownAnswers(flow: Flow): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  flow.steps.forEach((step, i) => {
    if (step.from === undefined) return;
    const path = `steps[${i}].from`;
    if (seen.has(step.from)) findings.push({ path, message: `"from: ${step.from}" is already on another step` });
    seen.add(step.from);
    if (step.from === 'safety' && !(step.type === 'single' && SAFETY_CODES.every((code) => step.options.some((option) => option.code === code)))) {
      findings.push({ path, message: `"from: safety" needs a single-choice step with the options ${SAFETY_CODES.join(' and ')}` });
    }
    if (step.from === 'age' && !(step.type === 'yesno' || (step.type === 'number' && step.role === 'age'))) {
      findings.push({ path, message: '"from: age" needs a yes/no step or a number step with role age' });
    }
  });
  return findings;
}

/**
 * The action names each area handles, by area (`helpline: ['show_services', ...]`). The
 * engine only passes a step's actions on as effects; the area running the flow performs
 * them, so the areas say which names exist, not the flow schema.
 */
export type FlowActions = Readonly<Record<string, readonly string[]>>;

/** Every action a step names is handled by an area: a typo fails at load, not in someone's chat. */
export function checkActions(flow: Flow, actions: FlowActions): Finding[] {
  const known = new Set(Object.values(actions).flat());
  const list = known.size > 0 ? `the areas handle ${[...known].sort().join(', ')}` : 'no area handles any action';
  const findings: Finding[] = [];
  flow.steps.forEach((step, i) =>
    step.actions?.forEach((name, a) => {
      if (!known.has(name)) findings.push({ path: `steps[${i}].actions[${a}]`, message: `action "${name}" is not handled by any area; ${list}` });
    }),
  );
  return findings;
}

/** The helpline's safety answers that lead on to a flow (see Known). */
const SAFETY_CODES = ['safe', 'not_really'] as const;

/** Any area: every prefix has the same length, so a button that fits and reads back under one does under all. */
const ANY_AREA = 'a';

/** The buttons a step shows, as the answers they send, with where their code is written. */
export function buttonsOf(step: Step): { path: string; input: FlowInput }[] {
  const field = step.type === 'scale' ? 'points' : 'options';
  // Yes/no and consent answers have fixed codes: nothing in the file to point at but the step.
  const written = step.type === 'single' || step.type === 'multi' || step.type === 'scale';
  const buttons = choicesOf(step).map(({ code }, o): { path: string; input: FlowInput } => ({
    path: written ? `${field}[${o}].code` : 'id',
    input: { type: step.type === 'multi' ? 'toggle' : 'choose', step: step.id, code },
  }));
  if (step.type === 'multi') buttons.push({ path: 'id', input: { type: 'done', step: step.id } });
  if (step.type === 'scale' && step.notApplicable) buttons.push({ path: 'id', input: { type: 'na', step: step.id } });
  if (step.skippable) buttons.push({ path: 'id', input: { type: 'skip', step: step.id } });
  return buttons;
}

/**
 * Every button fits Telegram's callback data and is read back as the answer it
 * stands for, measured with the encoder and decoder the bot uses, prefix of the
 * area that runs the flow included: a button that does neither would be refused by
 * Telegram or do nothing when pressed.
 */
export function checkButtons(flow: Flow): Finding[] {
  const findings: Finding[] = [];
  flow.steps.forEach((step, i) => {
    const buttons = buttonsOf(step);
    if (buttons.length === 0) return;
    if (!isButtonToken(step.id)) {
      findings.push({ path: `steps[${i}].id`, message: `step id "${step.id}" has ${step.id.length} characters; a step with buttons may have at most ${BUTTON_TOKEN_LIMIT}` });
      return;
    }
    for (const { path, input } of buttons) {
      const data = encodeInput(input);
      const bytes = Buffer.byteLength(data);
      if (bytes + AREA_PREFIX_BYTES > CALLBACK_DATA_LIMIT) {
        findings.push({
          path: `steps[${i}].${path}`,
          message: `the button "${data}" takes ${bytes} bytes; Telegram carries at most ${CALLBACK_DATA_LIMIT}, ${AREA_PREFIX_BYTES} of them for the prefix of the area that runs the flow. Shorten the step id or the code`,
        });
      } else if (!isDeepStrictEqual(decodeAnswer(ANY_AREA, encodeAnswer(ANY_AREA, input)), input)) {
        findings.push({ path: `steps[${i}].${path}`, message: `the button "${data}" would not be understood when pressed; a code on a button may have at most ${BUTTON_TOKEN_LIMIT} characters` });
      }
    }
  });
  return findings;
}

/** Every step is reachable from the start, every reachable step can reach an end, and no loop of messages runs forever. */
export function checkPaths(flow: Flow): Finding[] {
  const byId = new Map(flow.steps.map((step) => [step.id, step]));
  const reached = new Set<string>();
  const queue = byId.has(flow.start) ? [flow.start] : [];
  while (queue.length) {
    const id = queue.pop() ?? '';
    if (reached.has(id)) continue;
    reached.add(id);
    const step = byId.get(id);
    if (step) queue.push(...successors(step).filter((target) => byId.has(target)));
  }
  const findings: Finding[] = flow.steps
    .filter((step) => !reached.has(step.id))
    .map((step) => ({ path: stepPath(flow, step.id), message: `step "${step.id}" cannot be reached from "${flow.start}"` }));

  // Walk backwards from the ends: whatever is not met cannot finish.
  const canEnd = new Set(flow.steps.filter((step) => step.type === 'end').map((step) => step.id));
  for (let grew = true; grew; ) {
    grew = false;
    for (const step of flow.steps) {
      if (!canEnd.has(step.id) && successors(step).some((target) => canEnd.has(target))) {
        canEnd.add(step.id);
        grew = true;
      }
    }
  }
  for (const id of reached) {
    if (!canEnd.has(id)) findings.push({ path: stepPath(flow, id), message: `from step "${id}" no path reaches an end (a loop without a way out?)` });
  }
  // Message steps move on by themselves: a loop made only of them never stops.
  for (const step of flow.steps) {
    if (step.type !== 'message') continue;
    const seen = new Set<string>();
    let current: string | undefined = step.id;
    for (let here = byId.get(current); here?.type === 'message' && !seen.has(here.id); here = current ? byId.get(current) : undefined) {
      seen.add(here.id);
      const next = successors(here);
      current = next.length === 1 ? next[0] : undefined;
    }
    if (current === step.id) findings.push({ path: stepPath(flow, step.id), message: 'message steps loop back here without a question in between' });
  }
  return findings;
}

/** Conditions parse, and name only steps, indicators and guards that exist; indicators exist in the set. */
export function checkReferences(flow: Flow, set: IndicatorSet | undefined): Finding[] {
  const findings: Finding[] = [];
  const steps = new Set(flow.steps.map((step) => step.id));
  const indicators = new Set(set?.indicators.map((indicator) => indicator.id) ?? []);
  if (flow.indicators && !set) findings.push({ path: 'indicators', message: `indicator set "${flow.indicators}" does not exist` });
  for (const { path, source } of conditionsOf(flow)) {
    try {
      for (const reference of references(parseExpression(source))) {
        if (reference.kind === 'answer' && !steps.has(reference.name)) findings.push({ path, message: `answers.${reference.name}: there is no such step` });
        if (reference.kind === 'fired' && !indicators.has(reference.name)) findings.push({ path, message: `fired.${reference.name}: there is no such indicator` });
        if (reference.kind === 'guard' && path.startsWith('guards.')) findings.push({ path, message: `a guard may not use another name ("${reference.name}"); write the condition out` });
        else if (reference.kind === 'guard' && !(reference.name in flow.guards)) findings.push({ path, message: `"${reference.name}" is not a guard of this flow` });
      }
    } catch (error) {
      findings.push({ path, message: error instanceof ExpressionError ? error.message : String(error) });
    }
  }
  flow.steps.forEach((step, i) =>
    stepIndicators(step).forEach(({ path, id }) => {
      if (!flow.indicators) findings.push({ path: `steps[${i}].${path}`, message: `indicator "${id}" is attached, but the flow names no indicator set` });
      else if (set && !indicators.has(id)) findings.push({ path: `steps[${i}].${path}`, message: `indicator "${id}" is not in set "${set.set}"` });
    }),
  );
  return findings;
}

function lookup(resources: Resource, language: string, key: string, defaultNs: string): unknown {
  const [ns, path] = key.includes(':') ? key.split(':', 2) : [defaultNs, key];
  let node: unknown = resources[language]?.[ns ?? defaultNs];
  for (const part of (path ?? '').split('.')) node = typeof node === 'object' && node !== null ? Reflect.get(node, part) : undefined;
  return node;
}

/** Every key the flow shows exists, as non-empty text, in every language it declares. */
export function checkTexts(flow: Flow, set: IndicatorSet | undefined, resources: Resource): Finding[] {
  const findings: Finding[] = [];
  const ns = flowNamespace(flow.id);
  const keys = [{ path: 'title', key: flow.title }, ...flow.steps.flatMap((step, i) => stepKeys(step).map(({ path, key }) => ({ path: `steps[${i}].${path}`, key })))];
  for (const language of flow.languages) {
    for (const { path, key } of keys) {
      const text = lookup(resources, language, key, ns);
      if (typeof text !== 'string' || text.trim() === '')
        findings.push({ path, message: `text "${key}" is missing in ${language} (locales/${language}/${key.includes(':') ? key.split(':')[0] : ns}.json)` });
    }
    set?.indicators.forEach((indicator, i) => {
      if (typeof lookup(resources, language, indicator.label, indicatorNamespace(set.set)) !== 'string') {
        findings.push({ path: `indicator set ${set.set}: indicators[${i}].label`, message: `operator label "${indicator.label}" is missing in ${language}` });
      }
      const refer = indicator.forChild?.refer;
      if (refer && typeof lookup(resources, language, referralLabel(refer), indicatorNamespace(set.set)) !== 'string') {
        findings.push({ path: `indicator set ${set.set}: indicators[${i}].forChild.refer`, message: `operator label "${referralLabel(refer)}" is missing in ${language}` });
      }
    });
  }
  return findings;
}

const flatKeys = (node: unknown, prefix = ''): string[] =>
  typeof node === 'object' && node !== null ? Object.entries(node).flatMap(([name, inner]) => flatKeys(inner, `${prefix}${name}.`)) : [prefix.slice(0, -1)];

/** Texts in the flow's own locale files that nothing shows: left over, or a typo on one side. */
export function checkUnusedTexts(flow: Flow, resources: Resource): Finding[] {
  const ns = flowNamespace(flow.id);
  const used = new Set([flow.title, ...flow.steps.flatMap((step) => stepKeys(step).map(({ key }) => key))].filter((key) => !key.includes(':')));
  return flow.languages.flatMap((language) =>
    flatKeys(resources[language]?.[ns])
      .filter((key) => key !== '' && !used.has(key))
      .map((key) => ({ path: `locales/${language}/${ns}.json`, message: `text "${key}" is not used by the flow` })),
  );
}
