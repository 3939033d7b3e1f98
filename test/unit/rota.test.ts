import { describe, expect, it } from 'vitest';
import { formatShift, isOnCall, isOnShift, parseShifts } from '../../src/helpline/handoff/rota.js';

const TIRANE = 'Europe/Tirane';

/** The shifts of specs that must parse. */
function shifts(...specs: string[]) {
  const result = parseShifts(specs);
  if ('problems' in result) throw new Error(result.problems.join('\n'));
  return result.shifts;
}

describe('parseShifts', () => {
  it('reads day ranges, day lists, overnight and whole-day shifts, sorted through the week', () => {
    expect(shifts('sat 22:00-06:00', 'mon-fri 08:00-16:00', 'sun 00:00-24:00').map(formatShift)).toEqual([
      'Mon 08:00-16:00',
      'Tue 08:00-16:00',
      'Wed 08:00-16:00',
      'Thu 08:00-16:00',
      'Fri 08:00-16:00',
      'Sat 22:00-06:00',
      'Sun 00:00-24:00',
    ]);
    expect(shifts('mon,wed,fri 09:00-13:00')).toEqual([
      { weekday: 1, start: '09:00', end: '13:00' },
      { weekday: 3, start: '09:00', end: '13:00' },
      { weekday: 5, start: '09:00', end: '13:00' },
    ]);
  });

  it('runs a range through the weekend, ignores case and spacing, and drops repeats', () => {
    expect(shifts('fri-mon 18:00-23:00').map((shift) => shift.weekday)).toEqual([1, 5, 6, 7]);
    expect(shifts('  MON , Wed   10:00-11:00 ', 'mon 10:00-11:00').map(formatShift)).toEqual(['Mon 10:00-11:00', 'Wed 10:00-11:00']);
  });

  it('reads back what formatShift writes', () => {
    const week = shifts('tue,thu 07:30-15:30', 'sun 20:00-02:00');
    expect(shifts(...week.map(formatShift))).toEqual(week);
  });

  it('reports every problem, one line each, naming the spec, and keeps no shift', () => {
    const result = parseShifts(['mon-fri 08:00-16:00', 'mo 25:00-08:00', 'tue 8:00-09:60', 'wed 09:00-09:00', 'thu', '24:00-06:00', 'sat 08:00']);
    expect(result).not.toHaveProperty('shifts');
    expect('problems' in result && result.problems).toEqual([
      '"mo 25:00-08:00" has "mo", which is not a weekday or a range of them (mon, tue, wed, thu, fri, sat, sun; e.g. mon-fri)',
      '"mo 25:00-08:00" starts at "25:00", which is not a time HH:MM from 00:00 to 23:59',
      '"tue 8:00-09:60" starts at "8:00", which is not a time HH:MM from 00:00 to 23:59',
      '"tue 8:00-09:60" ends at "09:60", which is not a time HH:MM from 00:00 to 24:00',
      '"wed 09:00-09:00" starts and ends at the same time',
      '"thu" gives no time range HH:MM-HH:MM',
      '"24:00-06:00" names no weekday (e.g. mon-fri 08:00-16:00)',
      '"24:00-06:00" starts at "24:00", which is not a time HH:MM from 00:00 to 23:59',
      '"sat 08:00" has "08:00", which is not a time range HH:MM-HH:MM',
    ]);
  });

  it('takes 24:00 only as an end', () => {
    expect(shifts('mon 18:00-24:00')).toEqual([{ weekday: 1, start: '18:00', end: '24:00' }]);
    expect(parseShifts(['mon 24:00-02:00'])).toHaveProperty('problems');
  });
});

describe('isOnShift', () => {
  // 2026-06-01 is a Monday; Tirane is at UTC+2 in summer.
  const at = (localIso: string) => new Date(`${localIso}+02:00`);
  const week = shifts('mon-fri 08:00-16:00');

  it('counts the start and not the end, on the shift days only', () => {
    expect(isOnShift(week, at('2026-06-01T07:59'), TIRANE)).toBe(false);
    expect(isOnShift(week, at('2026-06-01T08:00'), TIRANE)).toBe(true);
    expect(isOnShift(week, at('2026-06-05T15:59'), TIRANE)).toBe(true);
    expect(isOnShift(week, at('2026-06-05T16:00'), TIRANE)).toBe(false);
    expect(isOnShift(week, at('2026-06-06T10:00'), TIRANE)).toBe(false);
    expect(isOnShift([], at('2026-06-01T10:00'), TIRANE)).toBe(false);
  });

  it('carries an overnight shift into the next morning', () => {
    const night = shifts('wed 22:00-06:00');
    expect(isOnShift(night, at('2026-06-03T21:59'), TIRANE)).toBe(false);
    expect(isOnShift(night, at('2026-06-03T23:30'), TIRANE)).toBe(true);
    expect(isOnShift(night, at('2026-06-04T05:59'), TIRANE)).toBe(true);
    expect(isOnShift(night, at('2026-06-04T06:00'), TIRANE)).toBe(false);
    expect(isOnShift(night, at('2026-06-04T23:00'), TIRANE)).toBe(false);
    expect(isOnShift(night, at('2026-06-02T02:00'), TIRANE)).toBe(false);
  });

  it('carries a Sunday night into Monday morning', () => {
    const night = shifts('sun 20:00-02:00');
    expect(isOnShift(night, at('2026-06-07T20:00'), TIRANE)).toBe(true);
    expect(isOnShift(night, at('2026-06-08T01:30'), TIRANE)).toBe(true);
    expect(isOnShift(night, at('2026-06-08T02:00'), TIRANE)).toBe(false);
    expect(isOnShift(night, at('2026-06-01T01:30'), TIRANE)).toBe(true);
    expect(isOnShift(night, at('2026-06-06T01:30'), TIRANE)).toBe(false);
  });

  it('covers a whole day with 00:00-24:00', () => {
    const sunday = shifts('sun 00:00-24:00');
    expect(isOnShift(sunday, at('2026-06-07T00:00'), TIRANE)).toBe(true);
    expect(isOnShift(sunday, at('2026-06-07T23:59'), TIRANE)).toBe(true);
    expect(isOnShift(sunday, at('2026-06-08T00:00'), TIRANE)).toBe(false);
  });

  it('reads the hours of the configured time zone, not of UTC', () => {
    const morning = shifts('mon 08:00-09:00');
    const utc8 = new Date('2026-06-01T08:30:00Z');
    expect(isOnShift(morning, utc8, 'UTC')).toBe(true);
    expect(isOnShift(morning, utc8, TIRANE)).toBe(false);
    // 23:30 UTC on Sunday is already Monday 01:30 in Tirane.
    expect(isOnShift(shifts('mon 01:00-02:00'), new Date('2026-05-31T23:30:00Z'), TIRANE)).toBe(true);
  });

  it('follows Tirane clocks when they go forward on 2026-03-29 and back on 2026-10-25', () => {
    const weekend = shifts('sat,sun 08:00-16:00');
    // March: Saturday at UTC+1, Sunday at UTC+2.
    expect(isOnShift(weekend, new Date('2026-03-28T07:30:00Z'), TIRANE)).toBe(true);
    expect(isOnShift(weekend, new Date('2026-03-29T06:30:00Z'), TIRANE)).toBe(true);
    expect(isOnShift(weekend, new Date('2026-03-29T14:30:00Z'), TIRANE)).toBe(false);
    // October: Saturday at UTC+2, Sunday at UTC+1.
    expect(isOnShift(weekend, new Date('2026-10-24T06:30:00Z'), TIRANE)).toBe(true);
    expect(isOnShift(weekend, new Date('2026-10-25T06:30:00Z'), TIRANE)).toBe(false);
    expect(isOnShift(weekend, new Date('2026-10-25T14:30:00Z'), TIRANE)).toBe(true);
  });

  it('keeps a night shift right through the night the clocks change', () => {
    const night = shifts('sat 22:00-06:00');
    // 05:30 local on both Sundays: UTC+2 after the March change, UTC+1 after October's.
    expect(isOnShift(night, new Date('2026-03-29T03:30:00Z'), TIRANE)).toBe(true);
    expect(isOnShift(night, new Date('2026-03-29T04:30:00Z'), TIRANE)).toBe(false);
    expect(isOnShift(night, new Date('2026-10-25T04:30:00Z'), TIRANE)).toBe(true);
    expect(isOnShift(night, new Date('2026-10-25T05:30:00Z'), TIRANE)).toBe(false);
  });
});

describe('isOnCall', () => {
  const week = shifts('mon-fri 08:00-16:00');
  const monday10 = new Date('2026-06-01T10:00:00+02:00');
  const sunday10 = new Date('2026-06-07T10:00:00+02:00');

  it('lets the rota decide when the operator has set no presence', () => {
    expect(isOnCall({ presence: null }, week, monday10, TIRANE)).toBe(true);
    expect(isOnCall({ presence: null }, week, sunday10, TIRANE)).toBe(false);
  });

  it("puts the operator's own presence above the rota", () => {
    expect(isOnCall({ presence: 'off' }, week, monday10, TIRANE)).toBe(false);
    expect(isOnCall({ presence: 'on' }, week, sunday10, TIRANE)).toBe(true);
    expect(isOnCall({ presence: 'on' }, [], sunday10, TIRANE)).toBe(true);
  });
});
