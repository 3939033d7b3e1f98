import { type Html, html } from '../../shared/html.js';
import { barTable } from './html-bars.js';
import type { ReportText } from './html-text.js';
import type { Agreement, ChoiceItemReport, EvaluationForm, FormItem, OpenItemReport } from './model.js';

/** Theme labels by theme code and language, from the codebook. */
export type ThemeLabels = Readonly<Record<string, Readonly<Record<string, string>>>>;

const itemOf = <K extends FormItem['kind']>(form: EvaluationForm, code: string, kind: K) => form.items.find((item): item is Extract<FormItem, { kind: K }> => item.kind === kind && item.code === code);

function choiceItem(report: ChoiceItemReport, form: EvaluationForm, text: ReportText): Html {
  const item = itemOf(form, report.code, 'choice');
  // The form's options in its order, then any option only the answers name.
  const options = [...(item?.options ?? []), ...Object.keys(report.counts).filter((option) => !item?.options.includes(option))];
  const rows = options.map((option) => ({
    label: text.words(item?.optionLabels[option], option),
    plainLabel: text.plainWords(item?.optionLabels[option], option),
    value: report.counts[option] ?? 0,
    shown: text.count(report.counts[option] ?? 0),
  }));
  return html`<div class="keep" data-code="${report.code}">
<h3>${text.words(item?.text, report.code)}</h3>
<p class="meta">${text.say('choice.answered', { n: text.count(report.n), missing: text.count(report.missing) })}</p>
${barTable(rows, { label: text.say('choice.option'), value: text.say('choice.count') })}
</div>`;
}

export function choiceSection(choices: readonly ChoiceItemReport[], form: EvaluationForm, text: ReportText): Html {
  if (choices.length === 0) return html``;
  return html`<section class="choices">
<h2>${text.say('choice.heading')}</h2>
${choices.map((report) => choiceItem(report, form, text))}
</section>`;
}

function openItem(report: OpenItemReport, form: EvaluationForm, themes: ThemeLabels, text: ReportText): Html {
  const item = itemOf(form, report.code, 'text');
  const sorted = [...report.themes].sort((a, b) => b.respondents - a.respondents);
  const rows = sorted.map((theme) => ({
    label: text.words(themes[theme.theme], theme.theme),
    plainLabel: text.plainWords(themes[theme.theme], theme.theme),
    value: theme.respondents,
    shown: text.count(theme.respondents),
  }));
  const coded =
    rows.length > 0
      ? html`${barTable(rows, { label: text.say('open.theme'), value: text.say('open.respondents') })}<p class="note">${text.say('open.themes_note')}</p>`
      : report.answered > 0
        ? html`<p class="note">${text.say('open.not_coded')}</p>`
        : '';
  // Quotes are answers as written (anonymised by a coder), in whatever language they were written in.
  const quotes = report.quotes.length > 0 ? html`<h4>${text.say('open.quotes')}</h4>${report.quotes.map((quote) => html`<blockquote>${quote}</blockquote>`)}` : '';
  return html`<div data-code="${report.code}">
<h3>${text.words(item?.text, report.code)}</h3>
<p class="meta">${text.say('open.answered', { n: text.count(report.answered) })}</p>
${coded}${quotes}
</div>`;
}

export function openSection(open: readonly OpenItemReport[], form: EvaluationForm, themes: ThemeLabels, text: ReportText): Html {
  if (open.length === 0) return html``;
  return html`<section class="open">
<h2>${text.say('open.heading')}</h2>
${open.map((report) => openItem(report, form, themes, text))}
</section>`;
}

/**
 * Cohen's kappa per theme and overall. The disagreements themselves quote answers that
 * no coder has anonymised yet, so the report gives only how many are left to resolve.
 */
export function agreementSection(agreement: Agreement | null, themes: ThemeLabels, text: ReportText): Html {
  if (!agreement) return html``;
  const [first, second] = agreement.coders;
  return html`<section class="agreement">
<h2>${text.say('agreement.heading')}</h2>
<p class="meta">${text.say('agreement.coders', { first, second, answers: text.count(agreement.answers) })}</p>
<table class="kappa">
<thead><tr><th scope="col">${text.say('agreement.theme')}</th><th scope="col" class="num">${text.say('agreement.kappa')}</th><th scope="col" class="num">${text.say('agreement.agreement')}</th></tr></thead>
<tbody>${agreement.themes.map(
    (theme) =>
      html`<tr><th scope="row">${text.words(themes[theme.theme], theme.theme)}</th><td class="num">${text.decimal(theme.kappa, 2)}</td><td class="num">${text.percent(theme.agreementPct)}</td></tr>`,
  )}</tbody>
<tfoot><tr><th scope="row">${text.say('agreement.overall')}</th><td class="num">${text.decimal(agreement.overall, 2)}</td><td></td></tr></tfoot>
</table>
<p class="note">${text.say('agreement.disagreements', { count: text.count(agreement.disagreements.length) })}</p>
</section>`;
}
