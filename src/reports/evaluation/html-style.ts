/**
 * The report's one stylesheet, inlined so that the file stands alone: system fonts,
 * no url(). On paper: A4, each section from a new page, and no chart, legend or table
 * row split across two pages.
 */
export const REPORT_CSS = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --rule: #d0d4d9; --bar: #2166ac; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 60rem; padding: 1.5rem; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", "Noto Sans", "DejaVu Sans", Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; margin: 0 0 .75rem; border-bottom: 2px solid var(--ink); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .5rem; }
p { margin: .25rem 0 .5rem; }
section { margin: 2rem 0; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.25rem; }
.pair > [lang]:nth-child(2) { color: var(--muted); }
th .pair, td .pair { display: block; }
th .pair > span, td .pair > span { display: block; }
.note, .meta { color: var(--muted); font-size: .9rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem; vertical-align: top; text-align: left; }
thead th { border-bottom: 2px solid var(--ink); font-size: .85rem; vertical-align: bottom; }
th.num { text-align: right; }
td.num { text-align: right; white-space: nowrap; }
table.numbers, table.profile-table { width: 100%; font-size: .85rem; }
table.profile-table tbody th, table.profile-table tfoot th { width: 28%; }
.figures th { font-weight: normal; }
.figures td { font-weight: 600; }
.number { display: inline-block; min-width: 1.6rem; font-weight: 700; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; align-items: center; margin: 1rem 0 .5rem; font-size: .9rem; }
.legend .key { display: inline-flex; gap: .35rem; align-items: center; }
.item { margin: 0 0 .6rem; }
.item figcaption { display: grid; grid-template-columns: 2rem 1fr 7.5rem; gap: .5rem; align-items: baseline; }
.item figcaption > .change-cell { text-align: right; }
.marked { display: flex; gap: .4rem; }
.marked > .pair { flex: 1; }
svg { display: block; max-width: 100%; height: auto; }
svg.diverging { width: 100%; }
svg.swatch, svg.bar { display: inline-block; vertical-align: middle; }
svg.bar rect { fill: var(--bar); }
svg text { font: 9px system-ui, sans-serif; text-anchor: middle; dominant-baseline: central; }
svg text.on-dark { fill: #fff; }
svg text.on-light { fill: var(--ink); }
svg line.centre { stroke: var(--ink); stroke-width: 1.5; }
.change { white-space: nowrap; font-weight: 600; }
.change.up { color: #1a7f37; }
.change.down { color: #b2182b; }
.change.flat, .change.none { color: var(--muted); font-weight: normal; }
.wording-changed { color: #b26b00; font-weight: 700; }
blockquote { margin: .4rem 0; padding: .3rem .8rem; border-left: 3px solid var(--rule); font-style: italic; white-space: pre-line; }
figure, .item, .legend, tr, blockquote, .keep { break-inside: avoid; page-break-inside: avoid; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11px; }
  section { margin: 0; }
  section + section { break-before: page; page-break-before: always; }
  thead { display: table-header-group; }
}
`;
