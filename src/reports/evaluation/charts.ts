import { type Html, html } from '../../shared/html.js';

/**
 * The report's charts as inline SVG, drawn from counts alone (no script, no font to
 * fetch). A scale item is a diverging stacked bar: its lower points extend left of a
 * centre line and its higher points right, so that items read at a glance as leaning
 * one way or the other. On an even scale the centre lies between the two middle
 * points (between 2 and 3 of four); on an odd scale the middle point straddles it.
 * "Not applicable" is no point of the scale: a grey segment set apart on the right.
 * Every bar of a report shares one geometry, so the centre lines align down the page.
 */

/** One scale item's answers: counts per point, N/A, and n (those who answered, N/A included). */
export interface ScaleCounts {
  points: readonly string[];
  counts: Readonly<Record<string, number>>;
  na: number;
  n: number;
}

export interface Segment {
  /** A point's code, or `na`. */
  key: string;
  count: number;
  /** Percent of n. */
  share: number;
  x: number;
  width: number;
  fill: string;
}

/** Where the centre line is and how wide one percent of n is, for every bar of a report. */
export interface DivergingGeometry {
  width: number;
  centre: number;
  /** Pixels per percent of n. */
  unit: number;
  /** Where the N/A segments start. */
  naStart: number;
}

export const BAR_WIDTH = 600;
export const BAR_HEIGHT = 22;
const NA_GAP = 14;
const NA_FILL = '#9e9e9e';
/** Lower points red, higher points blue, lighter toward the centre (ColorBrewer RdBu). */
const LOWER = ['#f4a582', '#d6604d', '#b2182b'];
const HIGHER = ['#92c5de', '#4393c3', '#2166ac'];
const MIDDLE = '#d9d9d9';
/** Fills light enough for dark text on them. */
const LIGHT_FILLS = new Set([LOWER[0], HIGHER[0], MIDDLE, NA_FILL]);

const shareOf = (count: number, n: number) => (n === 0 ? 0 : (count * 100) / n);

/** The points left of the centre, the middle point (odd scales), and those right of it, each side listed from the centre outward. */
function halves(points: readonly string[]) {
  const half = Math.floor(points.length / 2);
  const odd = points.length % 2 === 1;
  return { left: points.slice(0, half).reverse(), middle: odd ? points[half] : undefined, right: points.slice(odd ? half + 1 : half) };
}

/** A point's colour by its side and its distance from the centre. */
export function pointFill(points: readonly string[], point: string): string {
  const { left, middle, right } = halves(points);
  if (point === middle) return MIDDLE;
  const side = left.includes(point) ? LOWER : HIGHER;
  const distance = Math.max(left.indexOf(point), right.indexOf(point));
  return side[Math.min(distance, side.length - 1)]!;
}

export const naFill = NA_FILL;

function extents(item: ScaleCounts) {
  const { left, middle, right } = halves(item.points);
  const sum = (points: readonly string[]) => points.reduce((total, point) => total + shareOf(item.counts[point] ?? 0, item.n), 0);
  const centre = middle === undefined ? 0 : shareOf(item.counts[middle] ?? 0, item.n) / 2;
  return { left: sum(left) + centre, right: sum(right) + centre, na: shareOf(item.na, item.n) };
}

/** One geometry for all the bars of a report: wide enough on each side for the item that leans furthest that way. */
export function divergingGeometry(items: readonly ScaleCounts[], width = BAR_WIDTH): DivergingGeometry {
  const all = items.map(extents);
  const left = Math.max(0, ...all.map((extent) => extent.left));
  const right = Math.max(0, ...all.map((extent) => extent.right));
  const na = Math.max(0, ...all.map((extent) => extent.na));
  const span = left + right + na;
  const unit = span === 0 ? 0 : (width - (na > 0 ? NA_GAP : 0)) / span;
  return { width, centre: left * unit, unit, naStart: (left + right) * unit + NA_GAP };
}

/** The segments of one item's bar, in the geometry of the report; empty points draw nothing. */
export function divergingSegments(item: ScaleCounts, geometry: DivergingGeometry): Segment[] {
  const { left, middle, right } = halves(item.points);
  const segment = (key: string, count: number, x: number, width: number, fill: string): Segment => ({ key, count, share: shareOf(count, item.n), x, width, fill });
  const widthOf = (count: number) => shareOf(count, item.n) * geometry.unit;
  const segments: Segment[] = [];
  const middleWidth = middle === undefined ? 0 : widthOf(item.counts[middle] ?? 0);
  if (middle !== undefined) segments.push(segment(middle, item.counts[middle] ?? 0, geometry.centre - middleWidth / 2, middleWidth, MIDDLE));
  let cursor = geometry.centre - middleWidth / 2;
  for (const point of left) {
    const count = item.counts[point] ?? 0;
    cursor -= widthOf(count);
    segments.push(segment(point, count, cursor, widthOf(count), pointFill(item.points, point)));
  }
  cursor = geometry.centre + middleWidth / 2;
  for (const point of right) {
    const count = item.counts[point] ?? 0;
    segments.push(segment(point, count, cursor, widthOf(count), pointFill(item.points, point)));
    cursor += widthOf(count);
  }
  segments.push(segment('na', item.na, geometry.naStart, widthOf(item.na), NA_FILL));
  return segments.filter((drawn) => drawn.count > 0);
}

const px = (value: number) => Math.round(value * 100) / 100;
/** Below this width a segment's share would not fit inside it. */
const LABEL_MIN_WIDTH = 38;

/**
 * One item's bar. `label` names the chart for screen readers (its <title>); `describe`
 * names a segment (its point, count and share), shown on hover and read aloud.
 */
export function divergingBar(item: ScaleCounts, geometry: DivergingGeometry, texts: { label: string; describe: (segment: Segment) => string; share: (segment: Segment) => string }): Html {
  const segments = divergingSegments(item, geometry);
  const height = BAR_HEIGHT;
  return html`<svg class="diverging" width="${geometry.width}" height="${height + 4}" viewBox="0 0 ${geometry.width} ${height + 4}" role="img" aria-label="${texts.label}"><title>${texts.label}</title>${segments.map(
    (drawn) =>
      html`<rect x="${px(drawn.x)}" y="2" width="${px(drawn.width)}" height="${height}" fill="${drawn.fill}" data-point="${drawn.key}" data-count="${drawn.count}"><title>${texts.describe(drawn)}</title></rect>${
        drawn.width >= LABEL_MIN_WIDTH
          ? html`<text x="${px(drawn.x + drawn.width / 2)}" y="${2 + height / 2}" class="${LIGHT_FILLS.has(drawn.fill) ? 'on-light' : 'on-dark'}">${texts.share(drawn)}</text>`
          : ''
      }`,
  )}<line class="centre" x1="${px(geometry.centre)}" x2="${px(geometry.centre)}" y1="0" y2="${height + 4}"></line></svg>`;
}

const SMALL_BAR_WIDTH = 220;
const SMALL_BAR_HEIGHT = 14;

/** A plain horizontal bar for a count out of the largest count of its chart. */
export function plainBar(value: number, max: number, label: string): Html {
  const width = max === 0 ? 0 : (value / max) * SMALL_BAR_WIDTH;
  return html`<svg class="bar" width="${SMALL_BAR_WIDTH}" height="${SMALL_BAR_HEIGHT}" viewBox="0 0 ${SMALL_BAR_WIDTH} ${SMALL_BAR_HEIGHT}" role="img" aria-label="${label}"><title>${label}</title><rect x="0" y="1" width="${px(width)}" height="${SMALL_BAR_HEIGHT - 2}" data-count="${value}"></rect></svg>`;
}

/** A colour swatch for a legend. */
export const swatch = (fill: string): Html => html`<svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true"><rect width="12" height="12" fill="${fill}"></rect></svg>`;
