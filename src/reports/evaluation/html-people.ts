import { type Html, html } from '../../shared/html.js';
import { type Count, suppressCount } from '../suppression.js';
import { barTable } from './html-bars.js';
import type { ReportText } from './html-text.js';
import type { Breakdown, EvaluationReport, ProfileSection } from './model.js';

/**
 * Who answered and who took part: the response figures, the participant profile (as
 * the events area counts it, labelled with its own texts), and the breakdowns of top
 * boxes by group, where a suppressed count shows only its mark.
 */

export function summarySection(report: EvaluationReport, text: ReportText): Html {
  const row = (key: string, value: string) => html`<tr><th scope="row">${text.say(key)}</th><td class="num">${value}</td></tr>`;
  const sources = [
    { key: 'summary.chat', value: report.bySource.chat },
    { key: 'summary.paper', value: report.bySource.paper },
  ];
  const bySource =
    report.responses > 0
      ? html`<h3>${text.say('summary.source')}</h3>${barTable(
          sources.map(({ key, value }) => ({ label: text.say(key), plainLabel: text.plain(key), value, shown: text.count(value) })),
          { label: text.say('summary.source'), value: text.say('summary.responses') },
        )}`
      : html`<p class="empty-report"><strong>${text.say('summary.none')}</strong></p>`;
  return html`<h2>${text.say('summary.heading')}</h2>
<table class="figures">
<tbody>${row('summary.responses', text.count(report.responses))}${row('summary.participants', report.participants === null ? text.plain('summary.unknown') : text.count(report.participants))}${row(
    'summary.rate',
    report.responseRate === null ? text.plain('summary.unknown') : text.percent(report.responseRate),
  )}</tbody>
</table>
<p class="note">${text.say('summary.rate_note')}</p>
${bySource}`;
}

const PERCENT_COLUMN = /^pct/;

export function profileSection(profile: ProfileSection | null, text: ReportText): Html {
  if (!profile || profile.rows.length === 0) return html``;
  const by = 'region' in profile.rows[0]! ? 'region' : 'orgType';
  const prefix = by === 'region' ? 'events:regions' : 'events:orgTypes';
  const groupOf = (row: Record<string, string | number | null>) => String(row[by] ?? '');
  const columns = Object.keys(profile.rows[0]!).filter((column) => column !== by);
  const cell = (column: string, value: string | number | null | undefined) =>
    html`<td class="num">${typeof value !== 'number' ? text.empty : PERCENT_COLUMN.test(column) ? text.percent(value) : text.count(value)}</td>`;
  const bars = profile.rows.map((row) => {
    const participants = typeof row.participants === 'number' ? row.participants : 0;
    return { label: text.label(prefix, groupOf(row)), plainLabel: text.plainLabel(prefix, groupOf(row)), value: participants, shown: text.count(participants) };
  });
  return html`<section class="profile">
<h2>${text.say('profile.heading')}</h2>
<h3>${text.say(`profile.chart_${by}`)}</h3>
${barTable(bars, { label: text.say(`events:profile.${by}`), value: text.say('events:profile.participants') })}
<table class="profile-table">
<thead><tr><th scope="col">${text.say(`events:profile.${by}`)}</th>${columns.map((column) => html`<th scope="col" class="num">${text.say(`events:profile.${column}`)}</th>`)}</tr></thead>
<tbody>${profile.rows.map((row) => html`<tr><th scope="row">${text.label(prefix, groupOf(row))}</th>${columns.map((column) => cell(column, row[column]))}</tr>`)}</tbody>
<tfoot><tr><th scope="row">${text.say('events:profile.total')}</th>${columns.map((column) => cell(column, profile.total[column]))}</tr></tfoot>
</table>
</section>`;
}

/**
 * A group's count as shown: a number in the language's digits, or its suppression mark
 * ("<5", "x") as it is. A small count that reached the page unsuppressed is hidden here
 * all the same: the page is the last place that can keep a few people from being seen.
 */
const shownCount = (count: Count): Count => (typeof count === 'number' ? suppressCount(count) : count);

function breakdownTable(breakdown: Breakdown, numbers: ReadonlyMap<string, number>, text: ReportText): Html {
  const prefix = breakdown.by === 'region' ? 'events:regions' : 'events:orgTypes';
  return html`<h3>${text.say(`breakdown.${breakdown.by}`)}</h3>
<table class="breakdown" data-by="${breakdown.by}">
<thead><tr><th scope="col">${text.say('scale.item')}</th><th scope="col">${text.say('breakdown.group')}</th><th scope="col" class="num">${text.say('breakdown.respondents')}</th><th scope="col" class="num">${text.say(
    'breakdown.top_all',
  )}</th></tr></thead>
${breakdown.items.map(
  (item) =>
    html`<tbody>${item.rows.map((row, index) => {
      const respondents = shownCount(row.respondents);
      // A suppressed group's top box would tell what its few people answered: it is never shown.
      const topBox = typeof respondents === 'number' ? text.percent(row.topBoxOfAll) : text.empty;
      const group = index === 0 ? html`<th scope="rowgroup" rowspan="${item.rows.length}">${numbers.get(item.code) ?? item.code}.</th>` : '';
      return html`<tr>${group}<th scope="row">${text.label(prefix, row.key)}</th><td class="num">${typeof respondents === 'number' ? text.count(respondents) : respondents}</td><td class="num">${topBox}</td></tr>`;
    })}</tbody>`,
)}
</table>`;
}

export function breakdownSection(report: EvaluationReport, text: ReportText): Html {
  if (report.breakdowns.length === 0) return html``;
  // Items are numbered as in the ratings section.
  const numbers = new Map(report.items.map((item, index) => [item.code, index + 1]));
  return html`<section class="breakdowns">
<h2>${text.say('breakdown.heading')}</h2>
${report.breakdowns.map((breakdown) => breakdownTable(breakdown, numbers, text))}
<p class="note">${text.say('breakdown.note')}</p>
</section>`;
}
