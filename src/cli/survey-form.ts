import type { CompiledFlow } from '../flows/catalog.js';
import { loadAreaFlows } from '../flow-actions.js';
import { createI18n, readLocales } from '../i18n/index.js';
import type { EvaluationForm } from '../reports/evaluation/model.js';
import { evaluationForm, formTranslate } from '../surveys/index.js';
import { EXIT, ExitError } from './environment.js';

/**
 * The form of a shipped survey flow, with its wording in every language, for the commands
 * that read answers (`ura surveys import`, the evaluation report). Anything that is not a
 * usable survey flow is a usage problem (exit code 2) listing the survey flows.
 */
export function surveyForm(id: string, flag = '--form'): { compiled: CompiledFlow; form: EvaluationForm } {
  const locales = readLocales();
  const { catalog } = loadAreaFlows(undefined, locales);
  const compiled = catalog.get(id);
  if (!compiled || compiled.flow.kind !== 'survey') {
    const surveys = [...catalog.flows.values()].filter(({ flow }) => flow.kind === 'survey').map(({ flow }) => flow.id);
    throw new ExitError(EXIT.badConfig, [`${flag} must be a survey flow (${surveys.join(', ')}), not "${id}". \`ura flows check\` lists problems.`]);
  }
  return { compiled, form: evaluationForm(compiled, formTranslate(createI18n(locales))) };
}
