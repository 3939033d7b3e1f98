import { instantAt } from '../shared/zone.js';
import type { EventRecord, EventSession } from './model.js';

/**
 * When the programme's (first) evaluation session starts, as the venue's clocks show it
 * (the event's time zone, summer time included), and its day; undefined without one.
 */
export function evaluationSlot(event: Pick<EventRecord, 'startsOn' | 'timezone'>, programme: readonly EventSession[]): { at: Date; day: number } | undefined {
  const session = programme.find((candidate) => candidate.kind === 'evaluation');
  const [year, month, day] = event.startsOn.split('-').map(Number);
  const [hour, minute] = (session?.start ?? '').split(/[.:]/).map(Number);
  if (!session || year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) return undefined;
  return { at: instantAt({ year, month, day: day + session.day - 1, hour, minute }, event.timezone), day: session.day };
}
