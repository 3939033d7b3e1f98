import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { acceptsEntranceCode, ENTRANCE_WINDOW_MINUTES, entranceCodeAt, entranceCodeIn, entranceWindowOf, readEntranceCode, type EntranceSigner } from '../../../src/events/entrance-code.js';
import { eventDayAt } from '../../../src/events/event-day.js';

const signer =
  (key: string): EntranceSigner =>
  (message) =>
    createHmac('sha256', key).update(message).digest('base64url');
const sign = signer('pepper');
const EVENT = 'b3a1c2d4-0000-4000-8000-000000000001';
const at = (iso: string) => new Date(iso);
const WINDOW = ENTRANCE_WINDOW_MINUTES * 60_000;

describe('the entrance code', () => {
  it('is four digits, the same for everyone in a window, another for another event, another key or the next window', () => {
    const now = at('2026-06-01T09:03:00Z');
    const { code, window, changesAt } = entranceCodeAt(sign, EVENT, now);
    expect(code).toMatch(/^\d{4}$/);
    expect(entranceCodeAt(sign, EVENT, at('2026-06-01T09:09:59Z')).code).toBe(code);
    expect(window).toBe(entranceWindowOf(now));
    expect(changesAt).toEqual(at('2026-06-01T09:10:00Z'));
    // Over many windows and events the codes spread: no constant, no shared code between events.
    const codes = Array.from({ length: 300 }, (_, i) => entranceCodeIn(sign, EVENT, window + i));
    expect(new Set(codes).size).toBeGreaterThan(250);
    expect(codes.filter((other, i) => other === entranceCodeIn(sign, 'another-event', window + i)).length).toBeLessThan(5);
    expect(codes.filter((other, i) => other === entranceCodeIn(signer('another key'), EVENT, window + i)).length).toBeLessThan(5);
  });

  it('is accepted in its window and the next, not before and not after', () => {
    // A window whose neighbours' codes all differ from its own, so that each answer below is the window's doing.
    const base = entranceWindowOf(at('2026-06-01T09:03:00Z'));
    const window = Array.from({ length: 50 }, (_, i) => base + i).find((w) => new Set([-1, 0, 1, 2].map((d) => entranceCodeIn(sign, EVENT, w + d))).size === 4)!;
    const start = window * WINDOW;
    const shown = entranceCodeIn(sign, EVENT, window);
    const when = (ms: number) => new Date(start + ms);
    expect(acceptsEntranceCode(sign, EVENT, shown, when(0))).toBe(true);
    expect(acceptsEntranceCode(sign, EVENT, shown, when(WINDOW - 1))).toBe(true);
    // Typed just after the code changed: still accepted.
    expect(acceptsEntranceCode(sign, EVENT, shown, when(WINDOW))).toBe(true);
    expect(acceptsEntranceCode(sign, EVENT, shown, when(2 * WINDOW - 1))).toBe(true);
    // Expired, and not yet shown.
    expect(acceptsEntranceCode(sign, EVENT, shown, when(2 * WINDOW))).toBe(false);
    expect(acceptsEntranceCode(sign, EVENT, shown, when(-1))).toBe(false);
  });

  it('refuses another event’s code, and whatever is not four digits', () => {
    const now = at('2026-06-01T09:03:00Z');
    const ours = entranceCodeAt(sign, EVENT, now).code;
    const window = entranceWindowOf(now);
    // An event whose code now is neither of ours.
    const other = Array.from({ length: 20 }, (_, i) => `another-event-${i}`).find((id) => ![ours, entranceCodeIn(sign, EVENT, window - 1)].includes(entranceCodeAt(sign, id, now).code))!;
    expect(acceptsEntranceCode(sign, EVENT, entranceCodeAt(sign, other, now).code, now)).toBe(false);
    for (const typed of ['', '123', '12345', 'abcd', '12a4', `${ours}0`]) expect(acceptsEntranceCode(sign, EVENT, typed, now)).toBe(false);
  });

  it('is read as typed: spaces and a dash between the digits do not matter', () => {
    expect(readEntranceCode(' 12 34 ')).toBe('1234');
    expect(readEntranceCode('12-34')).toBe('1234');
    expect(readEntranceCode('0042')).toBe('0042');
    for (const typed of ['123', '1234 5', 'K7M3', '١٢٣٤', 'twelve']) expect(readEntranceCode(typed)).toBeUndefined();
    const now = at('2026-06-01T09:03:00Z');
    const { code } = entranceCodeAt(sign, EVENT, now);
    expect(acceptsEntranceCode(sign, EVENT, `${code.slice(0, 2)} ${code.slice(2)}`, now)).toBe(true);
  });
});

describe("the event's current day", () => {
  const event = { startsOn: '2026-06-01', days: 2, timezone: 'Europe/Tirane' };

  it('is counted in the time zone of the venue, not the server’s', () => {
    // 22:30 UTC on 31 May is 00:30 on 1 June in Tirana (summer time, UTC+2).
    expect(eventDayAt(event, at('2026-05-31T22:30:00Z'))).toBe(1);
    expect(eventDayAt(event, at('2026-05-31T21:59:59Z'))).toBeUndefined();
    expect(eventDayAt(event, at('2026-06-01T21:59:59Z'))).toBe(1);
    expect(eventDayAt(event, at('2026-06-01T22:00:00Z'))).toBe(2);
    expect(eventDayAt(event, at('2026-06-02T21:59:59Z'))).toBe(2);
    expect(eventDayAt(event, at('2026-06-02T22:00:00Z'))).toBeUndefined();
  });

  it('crosses a change of summer time and a month', () => {
    const autumn = { startsOn: '2026-10-24', days: 3, timezone: 'Europe/Tirane' };
    expect(eventDayAt(autumn, at('2026-10-25T12:00:00Z'))).toBe(2);
    expect(eventDayAt(autumn, at('2026-10-26T23:30:00Z'))).toBeUndefined();
    expect(eventDayAt(autumn, at('2026-10-26T22:59:00Z'))).toBe(3);
    expect(eventDayAt({ startsOn: '2026-01-31', days: 2, timezone: 'UTC' }, at('2026-02-01T10:00:00Z'))).toBe(2);
  });
});
