import type { I18n, Language } from '../../i18n/index.js';
import { printPdf } from '../pdf.js';
import { evaluationCsv } from './csv.js';
import { type ThemeLabels, renderEvaluationHtml } from './html.js';
import type { EvaluationForm, EvaluationReport } from './model.js';
import { evaluationTables } from './tables.js';
import { evaluationText } from './text.js';
import { evaluationXlsx } from './xlsx.js';

/** The forms an evaluation report is given in: the same numbers in each. */
export const EVALUATION_FORMATS = ['json', 'text', 'html', 'pdf', 'csv', 'xlsx'] as const;
export type EvaluationFormat = (typeof EVALUATION_FORMATS)[number];

export const isEvaluationFormat = (value: string): value is EvaluationFormat => (EVALUATION_FORMATS as readonly string[]).includes(value);

/** One file of a report: CSV gives one per table, every other format one. */
export interface ReportFile {
  /** A file name without folder: `evaluation.html`, `scale.csv`. */
  name: string;
  contentType: string;
  body: string | Buffer;
}

export interface OutputOptions {
  format: EvaluationFormat;
  /** One language, or two side by side (HTML and PDF); the tables and the text use the first. */
  languages: readonly Language[];
  i18n: I18n;
  themes?: ThemeLabels;
  /** Chromium for the PDF, where it is not the Debian package's path. */
  chromium?: string;
}

/**
 * The report in one format. JSON is the report itself; text, CSV and XLSX are its tables
 * in the first language; HTML is one self-contained page; PDF is that page printed by
 * Chromium.
 */
export async function renderEvaluation(report: EvaluationReport, form: EvaluationForm, options: OutputOptions): Promise<ReportFile[]> {
  const [language = 'sq'] = options.languages;
  const text = { t: options.i18n.forLanguage(language, 'reports'), language };
  const htmlOf = () => renderEvaluationHtml(report, form, { languages: options.languages, t: options.i18n.t, themes: options.themes });
  switch (options.format) {
    case 'json':
      return [{ name: 'evaluation.json', contentType: 'application/json; charset=utf-8', body: `${JSON.stringify(report, null, 2)}\n` }];
    case 'text': {
      const tables = evaluationTables(report, form, text);
      return [{ name: 'evaluation.txt', contentType: 'text/plain; charset=utf-8', body: `${evaluationText(report, form, tables, text)}\n` }];
    }
    case 'html':
      return [{ name: 'evaluation.html', contentType: 'text/html; charset=utf-8', body: htmlOf() }];
    case 'pdf':
      return [{ name: 'evaluation.pdf', contentType: 'application/pdf', body: await printPdf(htmlOf(), options.chromium ? { executablePath: options.chromium } : {}) }];
    case 'csv':
      return evaluationCsv(evaluationTables(report, form, text)).map(({ name, csv }) => ({ name, contentType: 'text/csv; charset=utf-8', body: csv }));
    case 'xlsx':
      return [{ name: 'evaluation.xlsx', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: await evaluationXlsx(evaluationTables(report, form, text)) }];
  }
}
