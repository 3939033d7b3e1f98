import { wallClock } from '../shared/zone.js';
import type { EventRecord } from './model.js';

const DAY_MS = 86_400_000;

/**
 * The day of the event (1 = its first) that an instant falls on in the event's own
 * time zone, or undefined before the first day and after the last. Check-in records
 * this day: a participant at a venue in Tirana at 00:30 local time is on the next day,
 * whatever the server's clock says.
 */
export function eventDayAt(event: Pick<EventRecord, 'startsOn' | 'days' | 'timezone'>, at: Date): number | undefined {
  const local = wallClock(at, event.timezone);
  const [year, month, day] = event.startsOn.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return undefined;
  const offset = Math.round((Date.UTC(local.year, local.month - 1, local.day) - Date.UTC(year, month - 1, day)) / DAY_MS);
  return offset >= 0 && offset < event.days ? offset + 1 : undefined;
}
