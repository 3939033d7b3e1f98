import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLD, suppressCount, suppressDimension, suppressedMark, WITHHELD } from '../../../src/reports/index.js';

describe('primary suppression', () => {
  it.each([
    [0, 0],
    [1, '<5'],
    [4, '<5'],
    [5, 5],
    [120, 120],
  ])('shows %i as %s at the default threshold of 5', (n, shown) => {
    expect(DEFAULT_THRESHOLD).toBe(5);
    expect(suppressCount(n)).toBe(shown);
  });

  it('takes another threshold, and says so in the mark', () => {
    expect(suppressedMark(10)).toBe('<10');
    expect(suppressCount(9, { threshold: 10 })).toBe('<10');
    expect(suppressCount(10, { threshold: 10 })).toBe(10);
    expect(suppressCount(1, { threshold: 1 })).toBe(1);
  });
});

describe('secondary suppression over a dimension', () => {
  it('withholds the smallest other count when exactly one count is suppressed, so the total cannot give it away', () => {
    // Total 20 = 12 + 6 + 2: with the total shown, "<5" would be 20 - 12 - 6.
    expect(
      suppressDimension([
        ['a', 12],
        ['b', 2],
        ['c', 6],
      ]),
    ).toEqual([
      ['a', 12],
      ['b', '<5'],
      ['c', WITHHELD],
    ]);
  });

  it('keeps the order given, whatever the keys, and withholds the first of equal smallest counts', () => {
    expect(
      suppressDimension([
        ['5', 7],
        ['4', 3],
        ['3', 7],
        ['2', 9],
      ]),
    ).toEqual([
      ['5', WITHHELD],
      ['4', '<5'],
      ['3', 7],
      ['2', 9],
    ]);
  });

  it('withholds nothing more when two or more counts are suppressed already: they hide each other', () => {
    expect(
      suppressDimension([
        ['a', 1],
        ['b', 2],
        ['c', 9],
      ]),
    ).toEqual([
      ['a', '<5'],
      ['b', '<5'],
      ['c', 9],
    ]);
  });

  it('withholds nothing when no count is suppressed', () => {
    expect(
      suppressDimension([
        ['a', 5],
        ['b', 6],
      ]),
    ).toEqual([
      ['a', 5],
      ['b', 6],
    ]);
  });

  it('never withholds a 0 (it says nothing about the suppressed count) and shows it', () => {
    expect(
      suppressDimension([
        ['a', 0],
        ['b', 3],
        ['c', 8],
        ['d', 0],
      ]),
    ).toEqual([
      ['a', 0],
      ['b', '<5'],
      ['c', WITHHELD],
      ['d', 0],
    ]);
  });

  it('leaves a single suppressed count alone when every other count is 0: the total is suppressed with it', () => {
    expect(
      suppressDimension([
        ['a', 0],
        ['b', 3],
      ]),
    ).toEqual([
      ['a', 0],
      ['b', '<5'],
    ]);
    expect(suppressCount(3)).toBe('<5');
  });

  it('withholds nothing more when the total itself is suppressed: every count is then', () => {
    expect(
      suppressDimension([
        ['a', 1],
        ['b', 2],
      ]),
    ).toEqual([
      ['a', '<5'],
      ['b', '<5'],
    ]);
    expect(suppressDimension([['only', 4]])).toEqual([['only', '<5']]);
  });

  it('withholds the other count of a pair that adds up to the total', () => {
    expect(
      suppressDimension([
        ['claimed', 9],
        ['not claimed', 2],
      ]),
    ).toEqual([
      ['claimed', WITHHELD],
      ['not claimed', '<5'],
    ]);
  });

  it('shows an empty dimension and one of zeros as they are', () => {
    expect(suppressDimension([])).toEqual([]);
    expect(
      suppressDimension([
        ['a', 0],
        ['b', 0],
      ]),
    ).toEqual([
      ['a', 0],
      ['b', 0],
    ]);
  });

  it('applies both rules at another threshold', () => {
    expect(
      suppressDimension(
        [
          ['a', 9],
          ['b', 10],
          ['c', 30],
        ],
        { threshold: 10 },
      ),
    ).toEqual([
      ['a', '<10'],
      ['b', WITHHELD],
      ['c', 30],
    ]);
  });

  it('never leaves a suppressed count that the total and the counts shown give away', () => {
    // Every dimension of up to four counts from 0 to 7: one hidden count alone is never computable.
    const values = [0, 1, 2, 3, 4, 5, 6, 7];
    for (const a of values)
      for (const b of values)
        for (const c of values)
          for (const d of values) {
            const shown = suppressDimension([
              ['a', a],
              ['b', b],
              ['c', c],
              ['d', d],
            ]);
            const hidden = shown.filter(([, count]) => typeof count === 'string');
            const total = a + b + c + d;
            if (total >= DEFAULT_THRESHOLD) expect(hidden.length).not.toBe(1);
          }
  });
});
