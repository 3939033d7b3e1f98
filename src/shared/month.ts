import { instantAt, wallClock } from './zone.js';

// Month boundaries in the deployment time zone, with Intl only: reports count by the
// month people live in, not by UTC's.

/** The instant the first day of a month begins in the zone; `month` 13 is January of the next year. */
const monthStart = (year: number, month: number, timeZone: string): Date => instantAt({ year, month, day: 1 }, timeZone);

/** The month (YYYY-MM) an instant falls in, in the zone. */
export function monthOf(at: Date, timeZone: string): string {
  const { year, month } = wallClock(at, timeZone);
  return `${year}-${String(month).padStart(2, '0')}`;
}

/** Reads YYYY-MM and gives the month's [from, to) instants in the zone, or a problem line. */
export function parseMonth(text: string, timeZone: string): { month: string; from: Date; to: Date } | { problem: string } {
  const match = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(text.trim());
  const year = Number(match?.[1]);
  if (!match || year < 1970) return { problem: `"${text}" is not a month; expected YYYY-MM with a month from 01 to 12, such as 2026-11` };
  const month = Number(match[2]);
  return { month: `${match[1]}-${match[2]}`, from: monthStart(year, month, timeZone), to: monthStart(year, month + 1, timeZone) };
}
