/**
 * The weekly on-call rota: which operators Ura counts as on call, and when.
 * Times are local to the configured time zone (APP_TIMEZONE); the clock is
 * always passed in, never read here.
 */
import { wallClock } from '../../shared/zone.js';

/** One weekly shift. `weekday` 1 = Monday ... 7 = Sunday; `end` before `start` means it ends the next day. */
export interface Shift {
  id: string;
  operatorId: string;
  weekday: number;
  start: string;
  end: string;
}

export type WeeklyShift = Omit<Shift, 'id' | 'operatorId'>;
type ShiftTimes = Pick<Shift, 'weekday' | 'start' | 'end'>;

export interface ShiftStore {
  /** Replaces all of an operator's shifts at once; an empty list clears the week. */
  replaceFor(operatorId: string, shifts: WeeklyShift[]): Promise<void>;
  /** Every shift, by operator, weekday and start. */
  all(): Promise<Shift[]>;
  /** One operator's shifts, by weekday and start. */
  forOperator(operatorId: string): Promise<Shift[]>;
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const MINUTES_PER_DAY = 24 * 60;

/** Minutes since midnight of `HH:MM`, or undefined when it is no time of day; `24:00` only as an end. */
function minutesOf(time: string, asEnd: boolean): number | undefined {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (asEnd && hours === 24 && minutes === 0) return MINUTES_PER_DAY;
  return hours <= 23 && minutes <= 59 ? hours * 60 + minutes : undefined;
}

const dayNumber = (name: string): number | undefined => {
  const index = DAYS.indexOf(name as (typeof DAYS)[number]);
  return index < 0 ? undefined : index + 1;
};

/** `mon`, `mon-fri`, `fri-mon` (through the weekend), joined by commas. */
function parseDays(text: string): { days: number[]; problems: string[] } {
  const days: number[] = [];
  const problems: string[] = [];
  for (const item of text.split(',').map((part) => part.trim())) {
    const [from, to, ...rest] = item.split('-').map((part) => part.trim());
    const first = dayNumber(from ?? '');
    const last = to === undefined ? first : dayNumber(to);
    if (first === undefined || last === undefined || rest.length > 0) {
      problems.push(`has "${item}", which is not a weekday or a range of them (mon, tue, wed, thu, fri, sat, sun; e.g. mon-fri)`);
      continue;
    }
    for (let day = first; ; day = (day % 7) + 1) {
      days.push(day);
      if (day === last) break;
    }
  }
  return { days, problems };
}

function parseSpec(spec: string): { shifts: WeeklyShift[]; problems: string[] } {
  const text = spec.trim().toLowerCase().replace(/\s+/g, ' ');
  const split = text.lastIndexOf(' ');
  // One word alone is the times when it has digits, else the weekdays.
  const alone = split < 0 ? (/\d/.test(text) ? 'times' : 'days') : undefined;
  const dayText = alone === 'times' ? '' : alone === 'days' ? text : text.slice(0, split);
  const timeText = alone === 'days' ? '' : alone === 'times' ? text : text.slice(split + 1);
  const days = dayText ? parseDays(dayText) : { days: [], problems: ['names no weekday (e.g. mon-fri 08:00-16:00)'] };
  const problems = [...days.problems];

  const [start = '', end, ...rest] = timeText.split('-');
  if (!timeText) {
    problems.push('gives no time range HH:MM-HH:MM');
  } else if (end === undefined || rest.length > 0) {
    problems.push(`has "${timeText}", which is not a time range HH:MM-HH:MM`);
  } else {
    const from = minutesOf(start, false);
    const to = minutesOf(end, true);
    if (from === undefined) problems.push(`starts at "${start}", which is not a time HH:MM from 00:00 to 23:59`);
    if (to === undefined) problems.push(`ends at "${end}", which is not a time HH:MM from 00:00 to 24:00`);
    if (from !== undefined && from === to) problems.push('starts and ends at the same time');
  }
  if (problems.length > 0) return { shifts: [], problems: problems.map((problem) => `"${spec}" ${problem}`) };
  return { shifts: days.days.map((weekday) => ({ weekday, start, end: end ?? '' })), problems: [] };
}

const byWeek = (a: ShiftTimes, b: ShiftTimes) => a.weekday - b.weekday || a.start.localeCompare(b.start) || a.end.localeCompare(b.end);

/**
 * Reads shifts such as `mon-fri 08:00-16:00`, `sat 22:00-06:00` (overnight),
 * `sun 00:00-24:00` or `mon,wed,fri 09:00-13:00`. Either every shift, sorted
 * through the week with repeats dropped, or every problem, one line each.
 */
export function parseShifts(specs: string[]): { shifts: WeeklyShift[] } | { problems: string[] } {
  const results = specs.map(parseSpec);
  const problems = results.flatMap((result) => result.problems);
  if (problems.length > 0) return { problems };
  const unique = new Map(results.flatMap((result) => result.shifts).map((shift) => [formatShift(shift), shift]));
  return { shifts: [...unique.values()].sort(byWeek) };
}

/** The weekday (1 = Monday) and minutes since midnight at `now` on the clocks of `timeZone`. */
function localTime(now: Date, timeZone: string): { weekday: number; minutes: number } {
  const { weekday, hour, minute } = wallClock(now, timeZone);
  return { weekday, minutes: hour * 60 + minute };
}

/** Whether `now` falls within one of the shifts, read on the clocks of `timeZone` (so across daylight-saving changes too). */
export function isOnShift(shifts: readonly ShiftTimes[], now: Date, timeZone: string): boolean {
  const { weekday, minutes } = localTime(now, timeZone);
  return shifts.some((shift) => {
    const start = minutesOf(shift.start, false) ?? 0;
    const end = minutesOf(shift.end, true) ?? 0;
    if (start < end) return weekday === shift.weekday && minutes >= start && minutes < end;
    const nextDay = (shift.weekday % 7) + 1;
    return (weekday === shift.weekday && minutes >= start) || (weekday === nextDay && minutes < end);
  });
}

/** An operator's own presence wins over the rota: `on` and `off` say so; without one, the shifts decide. */
export function isOnCall(operator: { presence: 'on' | 'off' | null }, shifts: readonly ShiftTimes[], now: Date, timeZone: string): boolean {
  if (operator.presence === 'on') return true;
  if (operator.presence === 'off') return false;
  return isOnShift(shifts, now, timeZone);
}

/** Each operator's shifts, by operator id. */
export function shiftsByOperator<S extends Pick<Shift, 'operatorId'>>(shifts: readonly S[]): Map<string, S[]> {
  const byOperator = new Map<string, S[]>();
  for (const shift of shifts) byOperator.set(shift.operatorId, [...(byOperator.get(shift.operatorId) ?? []), shift]);
  return byOperator;
}

/** `Mon 08:00-16:00`; this is also a spec `parseShifts` reads. */
export function formatShift(shift: ShiftTimes): string {
  const day = DAYS[shift.weekday - 1] ?? '???';
  return `${day.charAt(0).toUpperCase()}${day.slice(1)} ${shift.start}-${shift.end}`;
}
