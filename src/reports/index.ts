// What other areas import from reports: suppression of small counts, tables, CSV, quantiles, shares, the evaluation report's HTML, PDF printing.
export { DEFAULT_THRESHOLD, WITHHELD, suppressCount, suppressDimension, suppressedMark, type Count, type Suppressed, type SuppressionOptions } from './suppression.js';
export { renderReportText, renderTableCsv, renderTableText, type Cell, type Column, type Report, type Table } from './table.js';
export { csvField, toCsv, type CsvValue } from './csv.js';
export { quantile } from './quantile.js';
export { percent, rounded } from './percent.js';
export { renderEvaluationHtml, type EvaluationHtmlOptions, type ThemeLabels, type Translator } from './evaluation/html.js';
export { printPdf } from './pdf.js';
export { CHROMIUM_PATH, ChromiumMissingError, withChromium } from './chromium.js';
