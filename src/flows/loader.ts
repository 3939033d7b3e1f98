import { join, relative, sep } from 'node:path';
import type { Resource } from 'i18next';
import type { Expression } from 'jsep';
import { readLocales } from '../i18n/index.js';
import { displayPath, filesUnder, readYamlFile } from '../shared/files.js';
import { packageRoot } from '../shared/paths.js';
import type { CompiledFlow, FlowCatalog, FlowProblem } from './catalog.js';
import { conditionsOf } from './catalog.js';
import { checkActions, checkButtons, checkKnownAnswers, checkPaths, checkReferences, checkStructure, checkTexts, checkUnusedTexts, type Finding, type FlowActions } from './checks.js';
import { parseExpression } from './expression.js';
import { flowSchema, indicatorSetSchema, type Flow, type IndicatorSet } from './schema.js';

export const FLOWS_DIR = join(packageRoot, 'flows');
const INDICATOR_FILE = /^indicators\.ya?ml$/;
/** Folders under flows/ that hold other data than flows: the events area's programme templates (src/events/templates.ts loads them). */
const NOT_FLOWS = new Set(['events']);

/** Prepares a valid flow for the engine (the loader calls it after every check passed). */
export function compileFlow(flow: Flow, set: IndicatorSet | undefined): CompiledFlow {
  const conditions = new Map<string, Expression>();
  for (const { source } of conditionsOf(flow)) conditions.set(source, parseExpression(source));
  return { flow, steps: new Map(flow.steps.map((step) => [step.id, step])), conditions, indicatorSet: set };
}

export interface LoadResult {
  catalog: FlowCatalog;
  problems: FlowProblem[];
}

/**
 * Loads every flow and indicator set under `dir` and checks them together:
 * schema, structure, paths, references, the actions the areas handle (`actions`;
 * none by default) and texts in every declared language. Only flows without
 * problems enter the catalog; start-up refuses any problem.
 */
export function loadFlows(dir: string = FLOWS_DIR, resources: Resource = readLocales(), actions: FlowActions = {}): LoadResult {
  const problems: FlowProblem[] = [];
  const sets = new Map<string, IndicatorSet>();
  const flows: { file: string; flow: Flow }[] = [];

  for (const file of filesUnder(dir, /\.(ya?ml|json)$/).filter((path) => !NOT_FLOWS.has(relative(dir, path).split(sep)[0] ?? ''))) {
    const report = (path: string, message: string) => problems.push({ file: displayPath(file), path, message });
    const name = file.split(sep).at(-1) ?? '';
    if (INDICATOR_FILE.test(name)) {
      const set = readYamlFile(file, indicatorSetSchema, report);
      if (!set) continue;
      if (sets.has(set.set)) report('set', `indicator set "${set.set}" is defined twice`);
      const ids = new Set<string>();
      set.indicators.forEach((indicator, i) => {
        if (ids.has(indicator.id)) report(`indicators[${i}].id`, `indicator "${indicator.id}" is defined twice`);
        ids.add(indicator.id);
      });
      sets.set(set.set, set);
    } else {
      const flow = readYamlFile(file, flowSchema, report);
      if (!flow) continue;
      const expected = relative(dir, file)
        .split(sep)
        .join('/')
        .replace(/\.(ya?ml|json)$/, '');
      if (flow.id !== expected) {
        report('id', `is "${flow.id}" but the file says "${expected}"; name the file after the id`);
        continue;
      }
      flows.push({ file, flow });
    }
  }

  const catalog = new Map<string, CompiledFlow>();
  for (const { file, flow } of flows) {
    const set = flow.indicators ? sets.get(flow.indicators) : undefined;
    const findings: Finding[] = [
      ...checkStructure(flow),
      ...checkButtons(flow),
      ...checkKnownAnswers(flow),
      ...checkPaths(flow),
      ...checkReferences(flow, set),
      ...checkActions(flow, actions),
      ...checkTexts(flow, set, resources),
      ...checkUnusedTexts(flow, resources),
    ];
    if (catalog.has(flow.id)) findings.push({ path: 'id', message: `flow "${flow.id}" is defined twice` });
    problems.push(...findings.map((finding) => ({ file: displayPath(file), ...finding })));
    if (findings.length === 0) catalog.set(flow.id, compileFlow(flow, set));
  }
  return { catalog: { flows: catalog, indicatorSets: sets, get: (id) => catalog.get(id) }, problems };
}
