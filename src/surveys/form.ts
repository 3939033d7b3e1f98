import type { CompiledFlow, FlowCatalog } from '../flows/catalog.js';
import { choicesOf } from '../flows/catalog.js';
import { flowNamespace, type Step } from '../flows/schema.js';
import { type I18n, isLanguage } from '../i18n/index.js';
import type { EvaluationForm, FormItem } from '../reports/evaluation/model.js';
import type { FormWording } from './model.js';

/** A text by language and i18n key; a key without a namespace is read in the flow's own. */
export type FormTranslate = (language: string, key: string) => string;

/** Ura's texts as a form reads them: a language Ura has no texts in gives the key back. */
export const formTranslate =
  (i18n: Pick<I18n, 't'>): FormTranslate =>
  (language, key) =>
    isLanguage(language) ? i18n.t(language, key) : key;

/**
 * The form a survey flow is, as reports and the paper import read it: its questions in
 * the flow's order, their step ids being the item codes that chat and paper answers share.
 *   scale          -> a scale item: point codes lowest first, N/A when the step offers it
 *   single, multi  -> a choice item (multi: several codes)
 *   yesno          -> a choice item with the codes a chat answer stores: yes, no, unsure
 *   text           -> an open item, with the step's longest answer
 * Messages and ends ask nothing. Number and consent steps are left out: no survey asks
 * them, a report has no measure for them (a consent is a gate, not an opinion), and a
 * paper file naming one is refused as an unknown column rather than read half-way.
 */
export function evaluationForm(compiled: CompiledFlow, translate: FormTranslate): EvaluationForm {
  const { flow } = compiled;
  const namespace = flowNamespace(flow.id);
  const byLanguage = (key: string): Record<string, string> => Object.fromEntries(flow.languages.map((language) => [language, translate(language, key.includes(':') ? key : `${namespace}:${key}`)]));
  const labels = (options: readonly { code: string; label: string }[]) => Object.fromEntries(options.map((option) => [option.code, byLanguage(option.label)]));

  const itemOf = (step: Step): FormItem | undefined => {
    const text = byLanguage(step.text);
    switch (step.type) {
      case 'scale': {
        const points = step.points.map((point) => point.code);
        const pointLabels = Object.fromEntries(flow.languages.map((language) => [language, step.points.map((point) => byLanguage(point.label)[language] ?? '')]));
        return { code: step.id, kind: 'scale', points, notApplicable: step.notApplicable !== undefined, text, pointLabels };
      }
      case 'single':
      case 'multi':
      case 'yesno': {
        const options = choicesOf(step);
        return { code: step.id, kind: 'choice', multiple: step.type === 'multi', options: options.map((option) => option.code), text, optionLabels: labels(options) };
      }
      case 'text':
        return { code: step.id, kind: 'text', text, maxLength: step.maxLength };
      default:
        return undefined;
    }
  };

  return { id: flow.id, version: flow.version, title: byLanguage(flow.title), items: flow.steps.flatMap((step) => itemOf(step) ?? []), anonymous: flow.anonymous };
}

/** A form's wording as a run keeps it: each item's text by language. */
export const formWording = (form: Pick<EvaluationForm, 'items'>): FormWording => Object.fromEntries(form.items.map((item) => [item.code, item.text]));

/** The survey flows an event's evaluation can be reported on: every survey but the helpline's service feedback. */
export const evaluationForms = (catalog: FlowCatalog): string[] =>
  [...catalog.flows.values()].filter(({ flow }) => flow.kind === 'survey' && flow.id !== 'surveys/service-feedback').map(({ flow }) => flow.id);
