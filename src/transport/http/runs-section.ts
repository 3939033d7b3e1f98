import { flowNamespace } from '../../flows/schema.js';
import type { Language, Translate } from '../../i18n/index.js';
import { DEFAULT_REMIND_AFTER_MINUTES, MAX_REMIND_AFTER_MINUTES } from '../../surveys/index.js';
import { html, type Html } from './html.js';
import type { EvaluationRun } from './organiser-events.js';
import type { Organiser } from './organiser-session.js';

/** A day and time as the venue's clocks show it. */
export const wallTime = (at: Date, language: Language, timeZone: string): string =>
  new Intl.DateTimeFormat(language, { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

const formTitle = (t: Translate, form: string) => t(`${flowNamespace(form)}:title`, { defaultValue: form });

function runRow(t: Translate, who: Organiser, path: string, timeZone: string, run: EvaluationRun): Html {
  const time = (at: Date) => wallTime(at, who.language, timeZone);
  const sending = run.sentAt ? t('runs.sent', { time: time(run.sentAt) }) : run.sendAt ? t('runs.scheduled', { time: time(run.sendAt) }) : t('runs.by_link');
  const status = run.open ? t('runs.open') : run.closedAt ? t('runs.closed_at', { time: time(run.closedAt) }) : t('runs.closed');
  const closes = run.closesAt ? time(run.closesAt) : t('runs.never');
  const { invited, started, completed } = run.counts;
  const close = run.open
    ? html`<form method="post" action="${path}/runs/${encodeURIComponent(run.id)}/close"><input type="hidden" name="_csrf" value="${who.csrfToken}"><button type="submit" data-close-run="${run.id}">${t('runs.close')}</button></form>`
    : '';
  return html`<tr data-run="${run.id}" data-open="${String(run.open)}"><td>${formTitle(t, run.form)}</td><td>${status}</td><td>${sending}</td><td>${closes}</td><td class="num" data-counts>${invited} · ${started} · ${completed}</td><td>${run.link ? html`<a href="${run.link}" rel="noopener">${run.link}</a> · <a href="${path}/runs/${encodeURIComponent(run.id)}/qr.svg" target="_blank" rel="noopener" data-run-qr>${t('runs.qr')}</a>` : '–'}</td><td>${close}</td></tr>`;
}

/** The event's evaluation runs (times, counts, link, a button to close each) and a form to open one. */
export function runsSection(t: Translate, who: Organiser, path: string, timeZone: string, runs: { runs: readonly EvaluationRun[]; forms: readonly string[] }): Html {
  const table =
    runs.runs.length === 0
      ? html`<p>${t('runs.none')}</p>`
      : html`<table class="runs"><thead><tr><th>${t('runs.form')}</th><th>${t('runs.status')}</th><th>${t('runs.sending')}</th><th>${t('runs.closes')}</th><th class="num">${t('runs.counts')}</th><th>${t('runs.link')}</th><th></th></tr></thead>
<tbody>${runs.runs.map((run) => runRow(t, who, path, timeZone, run))}</tbody></table>`;
  const form =
    runs.forms.length === 0
      ? ''
      : html`<form method="post" action="${path}/runs" class="open-run">
<input type="hidden" name="_csrf" value="${who.csrfToken}">
<fieldset><legend>${t('runs.new')}</legend>
<label>${t('runs.form')} <select name="form">${runs.forms.map((one) => html`<option value="${one}">${formTitle(t, one)}</option>`)}</select></label>
<label>${t('runs.closes_label', { zone: timeZone })} <input type="datetime-local" name="closes"></label>
<label>${t('runs.remind_label')} <input type="number" name="remindAfter" min="1" max="${MAX_REMIND_AFTER_MINUTES}" value="${DEFAULT_REMIND_AFTER_MINUTES}"></label>
<button type="submit" class="primary">${t('runs.submit')}</button>
</fieldset>
</form>`;
  return html`<section class="runs" id="runs">
<h2>${t('runs.title')}</h2>
<p>${t('runs.help')}</p>
${table}
${form}
</section>`;
}
