import { type Html, html } from '../../shared/html.js';
import { type DivergingGeometry, divergingBar, divergingGeometry, naFill, pointFill, type ScaleCounts, swatch } from './charts.js';
import type { ReportText } from './html-text.js';
import type { EvaluationForm, FormItem, ScaleItemReport } from './model.js';

/**
 * The ratings: for each scale item its wording and a diverging bar (with the change
 * since the previous edition beside it), under a legend of its scale's points; then
 * one table with every number, each top box labelled with its denominator.
 */

type ScaleItem = Extract<FormItem, { kind: 'scale' }>;

interface Rated {
  number: number;
  report: ScaleItemReport;
  item: ScaleItem | undefined;
  counts: ScaleCounts;
}

function rated(items: readonly ScaleItemReport[], form: EvaluationForm): Rated[] {
  return items.map((report, index) => {
    const item = form.items.find((candidate): candidate is ScaleItem => candidate.kind === 'scale' && candidate.code === report.code);
    // Without the form's item, the report's own counts say which points there are.
    const points = item?.points ?? Object.keys(report.counts);
    return { number: index + 1, report, item, counts: { points, counts: report.counts, na: report.na, n: report.n } };
  });
}

/** The arrow and points of the change since the previous edition, flagged when the wording changed. */
export function changeMark(report: ScaleItemReport, text: ReportText): Html {
  const previous = report.previous;
  if (!previous) return html`<span class="change-cell"></span>`;
  const wording = previous.wordingChanged ? html` <span class="wording-changed" title="${text.plain('change.wording')}">*</span>` : '';
  const delta = previous.deltaPoints.ofAll;
  if (delta === null) return html`<span class="change-cell"><span class="change none">${text.say('change.none')}</span>${wording}</span>`;
  const direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  const arrow = { up: '▲', down: '▼', flat: '▶' }[direction];
  const points = text.points(delta);
  return html`<span class="change-cell"><span class="change ${direction}" data-delta="${delta}" aria-label="${text.plain(`change.${direction}`, { points })}"><span aria-hidden="true">${arrow}${
    direction === 'flat' ? '' : ` ${points}`
  }</span></span>${wording}</span>`;
}

/** Consecutive items with the same point labels share a legend (objectives run "not at all" to "very much", process "poor" to "very good"). */
function byScale(items: readonly Rated[]): Rated[][] {
  const groups: Rated[][] = [];
  const key = (entry: Rated) => JSON.stringify([entry.counts.points, entry.item?.pointLabels ?? {}]);
  for (const entry of items) {
    const last = groups.at(-1);
    if (last && key(last[0]!) === key(entry)) last.push(entry);
    else groups.push([entry]);
  }
  return groups;
}

/** A point's label in every language, as "4 Shumë / Very much"; the code alone when the form has no labels. */
function pointLabel(entry: Rated, point: string, text: ReportText): string {
  if (point === 'na') return text.plain('scale.na');
  const index = entry.counts.points.indexOf(point);
  const labels = Object.fromEntries(Object.entries(entry.item?.pointLabels ?? {}).flatMap(([language, byPoint]) => (byPoint[index] ? [[language, byPoint[index]]] : [])));
  return `${point} ${text.plainWords(labels, '')}`.trim();
}

function legend(entry: Rated, text: ReportText): Html {
  const { points } = entry.counts;
  // One line per point: a legend in two columns would part a colour from its second label.
  const na = entry.item?.notApplicable !== false ? html`<span class="key" role="listitem">${swatch(naFill)}${pointLabel(entry, 'na', text)}</span>` : '';
  return html`<div class="legend" role="list" aria-label="${text.plain('scale.legend')}">${points.map(
    (point) => html`<span class="key" role="listitem">${swatch(pointFill(points, point))}${pointLabel(entry, point, text)}</span>`,
  )}${na}</div>`;
}

function itemFigure(entry: Rated, geometry: DivergingGeometry, text: ReportText): Html {
  const wording = text.plainWords(entry.item?.text, entry.report.code);
  const bar = divergingBar(entry.counts, geometry, {
    label: `${entry.number}. ${wording} (n = ${text.count(entry.report.n)})`,
    describe: (segment) => text.plain('scale.bar', { label: pointLabel(entry, segment.key, text), count: text.count(segment.count), share: text.percent(segment.share) }),
    share: (segment) => text.percent(segment.share, 0),
  });
  return html`<figure class="item" data-code="${entry.report.code}"><figcaption><span class="number">${entry.number}.</span>${text.words(entry.item?.text, entry.report.code)}${changeMark(entry.report, text)}</figcaption>${bar}</figure>`;
}

function numbersTable(items: readonly Rated[], text: ReportText): Html {
  const points = items.reduce<readonly string[]>((widest, entry) => (entry.counts.points.length > widest.length ? entry.counts.points : widest), []);
  const withPrevious = items.some((entry) => entry.report.previous);
  // Each column: its header (a text key, or a point code as it is) and its cell.
  const columns: { head: Html | string; cell: (report: ScaleItemReport) => Html | string }[] = [
    { head: text.say('scale.n'), cell: (report) => text.count(report.n) },
    ...points.map((point) => ({ head: point, cell: (report: ScaleItemReport) => (point in report.counts ? text.count(report.counts[point] ?? 0) : text.empty) })),
    { head: text.say('scale.na'), cell: (report) => text.count(report.na) },
    { head: text.say('scale.missing'), cell: (report) => text.count(report.missing) },
    { head: text.say('scale.mean'), cell: (report) => text.decimal(report.mean, 2) },
    { head: text.say('scale.top_all'), cell: (report) => text.percent(report.topBox.ofAll) },
    { head: text.say('scale.top_valid'), cell: (report) => text.percent(report.topBox.ofValid) },
    ...(withPrevious
      ? [
          { head: text.say('scale.previous'), cell: (report: ScaleItemReport) => (report.previous ? text.percent(report.previous.topBox.ofAll) : text.empty) },
          { head: text.say('scale.change'), cell: (report: ScaleItemReport) => changeMark(report, text) },
        ]
      : []),
  ];
  const wordingChanged = items.some((entry) => entry.report.previous?.wordingChanged);
  return html`<h3>${text.say('scale.table')}</h3>
<table class="numbers">
<thead><tr><th scope="col">${text.say('scale.item')}</th>${columns.map((column) => html`<th scope="col" class="num">${column.head}</th>`)}</tr></thead>
<tbody>${items.map(({ number, report }) => html`<tr data-code="${report.code}"><th scope="row">${number}.</th>${columns.map((column) => html`<td class="num">${column.cell(report)}</td>`)}</tr>`)}</tbody>
</table>
${['scale.n_note', 'scale.all_note', 'scale.valid_note', 'scale.mean_note', ...(withPrevious ? ['change.note'] : [])].map((key) => html`<p class="note">${text.say(key)}</p>`)}${
  wordingChanged ? html`<p class="note marked"><span class="wording-changed">*</span>${text.say('change.wording')}</p>` : ''
}`;
}

export function scaleSection(items: readonly ScaleItemReport[], form: EvaluationForm, text: ReportText): Html {
  if (items.length === 0) return html``;
  const entries = rated(items, form);
  const geometry = divergingGeometry(entries.map((entry) => entry.counts));
  return html`<section class="scale">
<h2>${text.say('scale.heading')}</h2>
<p class="note">${text.say('scale.chart_note')}</p>
${byScale(entries).map((group) => html`${legend(group[0]!, text)}${group.map((entry) => itemFigure(entry, geometry, text))}`)}
${numbersTable(entries, text)}
</section>`;
}
