import type { Events } from './events/index.js';
import type { FlowCatalog } from './flows/catalog.js';
import type { I18n } from './i18n/index.js';
import type { ProfileSection } from './reports/evaluation/model.js';
import { renderEvaluation } from './reports/evaluation/output.js';
import { type CodingOf, evaluationForm, evaluationForms, type EvaluationSubject, evaluationReport, formTranslate, type SurveyStore } from './surveys/index.js';
import type { EvaluationDownload, EvaluationRequest } from './transport/http/organiser-events.js';

/** An event as the subject of its evaluation report: its names, checked-in count and participant profile by organisation type. */
export async function eventEvaluationSubject(events: Pick<Events, 'profile'>, event: { id: string; names: Readonly<Record<string, string>> }): Promise<EvaluationSubject> {
  const profile = await events.profile(event.id, 'org_type');
  const section: ProfileSection = { rows: profile.rows.map((row) => ({ ...row })), total: { ...profile.total } };
  return { kind: 'event', id: event.id, name: event.names, checkedIn: profile.total.participants, profile: section };
}

/**
 * An event's evaluation report as the organiser pages and the API give it: the same
 * report as `ura report evaluation --event`, from the event's run of the form (chat and
 * paper answers), its checked-in participants and its profile.
 */
export function evaluationDownloads(deps: { catalog: FlowCatalog; i18n: I18n; store: SurveyStore; events: Events; coding?: CodingOf }) {
  const { catalog, i18n, store, events } = deps;
  return async (eventId: string, request: EvaluationRequest): Promise<EvaluationDownload> => {
    const compiled = catalog.get(request.form);
    if (!compiled || !evaluationForms(catalog).includes(request.form)) return { refused: 'unknown_form', forms: evaluationForms(catalog) };
    const form = evaluationForm(compiled, formTranslate(i18n));
    const subject = await eventEvaluationSubject(events, await events.get(eventId));
    const { report, themes } = await evaluationReport({ store, ...(deps.coding ? { coding: deps.coding } : {}) }, { form, subject });
    return { files: await renderEvaluation(report, form, { format: request.format, languages: request.languages, i18n, themes }) };
  };
}
