import { type Html, html } from '../../shared/html.js';
import { plainBar } from './charts.js';

export interface BarRow {
  label: Html;
  /** The label as plain text, for the bar's title. */
  plainLabel: string;
  value: number;
  /** The value as the report's language writes it. */
  shown: string;
}

/**
 * A bar chart that is also its own table: one row per bar, its label, the bar (scaled
 * to the largest value) and the number, so that a screen reader and a printout read
 * the same figures as the chart shows.
 */
export function barTable(rows: readonly BarRow[], headers: { label: Html; value: Html }): Html {
  const max = Math.max(0, ...rows.map((row) => row.value));
  return html`<table class="bars keep">
<thead><tr><th scope="col">${headers.label}</th><td></td><th scope="col" class="num">${headers.value}</th></tr></thead>
<tbody>${rows.map((row) => html`<tr><th scope="row">${row.label}</th><td>${plainBar(row.value, max, `${row.plainLabel}: ${row.shown}`)}</td><td class="num">${row.shown}</td></tr>`)}</tbody>
</table>`;
}
