import { describe, expect, it } from 'vitest';
import { monthOf, parseMonth } from '../../src/shared/month.js';

describe('months in the deployment time zone', () => {
  it('puts a case opened at 23:30 UTC on 31 October into November in Tirane', () => {
    const november = parseMonth('2026-11', 'Europe/Tirane');
    expect(november).toEqual({ month: '2026-11', from: new Date('2026-10-31T23:00:00Z'), to: new Date('2026-11-30T23:00:00Z') });
    const late = new Date('2026-10-31T23:30:00Z');
    expect(monthOf(late, 'Europe/Tirane')).toBe('2026-11');
    expect(monthOf(late, 'UTC')).toBe('2026-10');
    expect(monthOf(new Date('2026-10-31T22:59:59Z'), 'Europe/Tirane')).toBe('2026-10');
  });

  it('follows summer time: a month may begin at 22:00 or 23:00 UTC', () => {
    expect(parseMonth('2026-10', 'Europe/Tirane')).toMatchObject({ from: new Date('2026-09-30T22:00:00Z'), to: new Date('2026-10-31T23:00:00Z') });
    expect(parseMonth('2026-03', 'Europe/Tirane')).toMatchObject({ from: new Date('2026-02-28T23:00:00Z'), to: new Date('2026-03-31T22:00:00Z') });
    expect(parseMonth('2026-12', 'Europe/Tirane')).toMatchObject({ to: new Date('2026-12-31T23:00:00Z') });
    expect(parseMonth('2026-11', 'UTC')).toMatchObject({ from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-12-01T00:00:00Z') });
  });

  it.each(['2026-13', '2026-00', '2026-1', '26-11', 'november', '2026-11-01', '', '0026-11'])('refuses "%s" as a month', (text) => {
    expect(parseMonth(text, 'Europe/Tirane')).toEqual({ problem: expect.stringContaining('expected YYYY-MM') });
  });
});
