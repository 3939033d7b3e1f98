import { describe, expect, it } from 'vitest';
import { quantile } from '../../../src/reports/index.js';

describe('quantile', () => {
  it('interpolates between neighbours as PERCENTILE.INC does', () => {
    expect(quantile([1, 2, 3, 4, 10], 0.5)).toBe(3);
    expect(quantile([1, 2, 3, 4, 10], 0.9)).toBeCloseTo(7.6);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0)).toBe(1);
    expect(quantile([1, 2, 3, 4], 1)).toBe(4);
  });

  it('gives the one value of one, and 0 of none', () => {
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBe(0);
  });
});
