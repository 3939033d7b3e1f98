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
