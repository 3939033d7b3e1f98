import { renderReportText } from '../table.js';
import type { EvaluationForm, EvaluationReport } from './model.js';
import type { NamedTable, TableText } from './table-parts.js';

/** The tables as a titled text document for a terminal or a text file; the title names the form in the language of the texts. */
export function evaluationText(report: EvaluationReport, form: EvaluationForm, tables: readonly NamedTable[], { t, language }: TableText): string {
  const title = form.title[language] ?? Object.values(form.title)[0] ?? report.form.id;
  return renderReportText({ title: t('text.title', { form: title }), notes: report.responses === 0 ? [t('text.noResponses')] : [], tables: tables.map(({ table }) => table) });
}
