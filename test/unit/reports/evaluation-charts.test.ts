import { describe, expect, it } from 'vitest';
import { divergingGeometry, divergingSegments, type ScaleCounts } from '../../../src/reports/evaluation/charts.js';

const four = (counts: [number, number, number, number], na = 0): ScaleCounts => ({
  points: ['1', '2', '3', '4'],
  counts: { 1: counts[0], 2: counts[1], 3: counts[2], 4: counts[3] },
  na,
  n: counts.reduce((sum, count) => sum + count, na),
});
const segment = (segments: ReturnType<typeof divergingSegments>, key: string) => segments.find((drawn) => drawn.key === key)!;

describe('diverging bars', () => {
  it('share one centre line for all the items of a report, placed for the item that leans furthest left', () => {
    const items = [four([10, 10, 0, 0]), four([0, 0, 5, 15])];
    const geometry = divergingGeometry(items, 400);
    // The first item is all left of the centre, the second all right: each takes half the width.
    expect(geometry.centre).toBeCloseTo(200);
    const [left, right] = items.map((item) => divergingSegments(item, geometry));
    expect(segment(left!, '1').x).toBeCloseTo(0);
    expect(segment(left!, '2').x + segment(left!, '2').width).toBeCloseTo(200);
    expect(segment(right!, '3').x).toBeCloseTo(200);
    expect(segment(right!, '4').x + segment(right!, '4').width).toBeCloseTo(400);
  });

  it('put the middle point of an odd scale across the centre, half on each side', () => {
    const five: ScaleCounts = { points: ['1', '2', '3', '4', '5'], counts: { 1: 2, 2: 4, 3: 10, 4: 4, 5: 0 }, na: 0, n: 20 };
    const geometry = divergingGeometry([five], 400);
    const segments = divergingSegments(five, geometry);
    const middle = segment(segments, '3');
    expect(middle.x + middle.width / 2).toBeCloseTo(geometry.centre);
    expect(segment(segments, '2').x + segment(segments, '2').width).toBeCloseTo(middle.x);
    expect(segment(segments, '4').x).toBeCloseTo(middle.x + middle.width);
    // A point nobody chose draws nothing.
    expect(segments.map((drawn) => drawn.key)).toEqual(['3', '2', '1', '4']);
  });

  it('set N/A apart to the right of every item’s higher points, in the same unit as the points', () => {
    const items = [four([0, 2, 4, 4], 0), four([0, 0, 2, 6], 2)];
    const geometry = divergingGeometry(items, 500);
    const second = divergingSegments(items[1]!, geometry);
    const na = segment(second, 'na');
    const rightmost = Math.max(...items.flatMap((item) => divergingSegments(item, geometry).filter((drawn) => drawn.key !== 'na')).map((drawn) => drawn.x + drawn.width));
    expect(na.x).toBeGreaterThan(rightmost);
    expect(na.width).toBeCloseTo(segment(second, '3').width);
    expect(na.x + na.width).toBeCloseTo(500);
  });

  it('draw nothing for an item nobody answered, without dividing by zero', () => {
    const nobody = four([0, 0, 0, 0]);
    const geometry = divergingGeometry([nobody]);
    expect(geometry.unit).toBe(0);
    expect(divergingSegments(nobody, geometry)).toEqual([]);
  });
});
