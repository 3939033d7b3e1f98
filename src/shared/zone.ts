/** One formatter per time zone: building an Intl.DateTimeFormat is the costly part. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 1 = Monday ... 7 = Sunday */
  weekday: number;
}

/** What the clocks of `timeZone` show at an instant (Intl knows the zone's rules, summer time included). */
export function wallClock(at: Date, timeZone: string): WallClock {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(at).map((part) => [part.type, Number(part.value)]));
  const part = (type: string) => parts[type] ?? 0;
  const [year, month, day] = [part('year'), part('month'), part('day')];
  return { year, month, day, hour: part('hour') % 24, minute: part('minute'), second: part('second'), weekday: ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1 };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetMs(at: number, timeZone: string): number {
  const p = wallClock(new Date(at), timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at / 1000) * 1000;
}

/** The instant the zone's clocks show a wall time (`month` 13 is January of the next year, as Date.UTC reads it). */
export function instantAt(wall: { year: number; month: number; day: number; hour?: number; minute?: number }, timeZone: string): Date {
  const at = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0);
  // A first guess from the offset at the wall time, corrected by the offset at the guess (around a DST change).
  const guess = at - offsetMs(at, timeZone);
  return new Date(at - offsetMs(guess, timeZone));
}

/** `2026-11-20T18:00` in APP_TIMEZONE, or with its own offset (`Z`, `+01:00`). */
export function readTime(text: string, timeZone: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
  if (month === undefined || month < 1 || month > 12 || day === undefined || day < 1 || day > 31 || hour === undefined || hour > 23 || minute === undefined || minute > 59) return undefined;
  const at = match[6] ? new Date(text.trim().replace(' ', 'T')) : instantAt({ year: year ?? 0, month, day, hour, minute }, timeZone);
  return Number.isNaN(at.getTime()) ? undefined : at;
}
