import { isLanguage, type Language } from '../../i18n/index.js';
import { Html, html } from '../../shared/html.js';
import { agreementSection, choiceSection, openSection, type ThemeLabels } from './html-answers.js';
import { breakdownSection, profileSection, summarySection } from './html-people.js';
import { scaleSection } from './html-scale.js';
import { REPORT_CSS } from './html-style.js';
import { type ReportText, reportText, type Translator } from './html-text.js';
import type { EvaluationForm, EvaluationReport } from './model.js';

export type { ThemeLabels } from './html-answers.js';
export type { Translator } from './html-text.js';

export interface EvaluationHtmlOptions {
  /** One language, or two shown side by side (headings and wordings in two columns, numbers once, written as the first language writes them). */
  languages: readonly string[];
  /** Translates a key with its namespace in a language: `I18n.t`. */
  t: Translator;
  /** The codebook's theme labels, by theme code and language; a theme without one shows its code. */
  themes?: ThemeLabels;
}

/**
 * Nothing on the page may load anything: no script, no image, no font, no frame. A
 * policy in the page itself backs that up wherever the file is opened.
 */
const POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function checkedLanguages(languages: readonly string[]): Language[] {
  if (languages.length < 1 || languages.length > 2) throw new RangeError(`a report is in one language or two side by side, not ${languages.length}`);
  if (new Set(languages).size !== languages.length) throw new RangeError(`the two languages of a report must differ (got ${languages.join(', ')})`);
  return languages.map((language) => {
    if (!isLanguage(language)) throw new RangeError(`"${language}" is not a language of Ura's texts`);
    return language;
  });
}

function header(report: EvaluationReport, form: EvaluationForm, text: ReportText) {
  const name = (language: Language) => ({ name: report.scope.name?.[language] ?? report.scope.id });
  const title = (language: Language) => ({ title: form.title[language] ?? form.id, version: form.version });
  return html`<header>
<h1>${text.say('title')}</h1>
<p>${text.say(`scope.${report.scope.kind}`, name)}</p>
<p class="meta">${text.say('form', title)}</p>
${report.previous ? html`<p class="meta">${text.say(`previous.${report.previous.kind}`, { id: report.previous.id })}</p>` : ''}
</header>`;
}

/**
 * The evaluation report as one self-contained HTML document: inline CSS and SVG only,
 * every text escaped, printable on A4 (see printPdf). With zero responses it says so
 * and shows no chart.
 */
export function renderEvaluationHtml(report: EvaluationReport, form: EvaluationForm, options: EvaluationHtmlOptions): string {
  const languages = checkedLanguages(options.languages);
  const text = reportText(languages, options.t);
  const themes = options.themes ?? {};
  const body =
    report.responses === 0
      ? html`<section class="summary">${header(report, form, text)}${summarySection(report, text)}</section>${profileSection(report.profile, text)}`
      : html`<section class="summary">${header(report, form, text)}${summarySection(report, text)}</section>
${profileSection(report.profile, text)}
${scaleSection(report.items, form, text)}
${choiceSection(report.choices, form, text)}
${openSection(report.open, form, themes, text)}
${agreementSection(report.agreement, themes, text)}
${breakdownSection(report, text)}`;
  const title = languages.map((language) => form.title[language] ?? form.id).join(' / ');
  return `<!doctype html>\n${html`<html lang="${languages[0]}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${new Html(REPORT_CSS)}</style>
</head>
<body${languages.length === 2 ? html` class="bilingual"` : ''}>
${body}
</body>
</html>`}\n`;
}
