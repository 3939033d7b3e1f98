/**
 * The entrance code: four digits shown at the venue's door (on the organisers' event
 * page and in the organiser's /event), typed into the chat to check in. It is a keyed
 * MAC of the event and the current ten-minute window, so nobody works it out without
 * the server's key, and it changes every window: a code photographed and sent to someone
 * far away stops working within twenty minutes. A code is accepted in its own window and
 * the next, so that someone typing it just as it changes is not refused. Pure: the time
 * is passed in, the keyed MAC too.
 */

export const ENTRANCE_WINDOW_MINUTES = 10;
export const ENTRANCE_CODE_DIGITS = 4;
/** Wrong codes a participant may type in one window: 4 digits are few, so guessing is cut short. */
export const ENTRANCE_CODE_TRIES = 5;

const WINDOW_MS = ENTRANCE_WINDOW_MINUTES * 60_000;

/** A keyed MAC of a message, as base64url (IdentityProtector.hashId with the `entrance` purpose). */
export type EntranceSigner = (message: string) => string;

export interface EntranceCode {
  code: string;
  /** The window it was made for (minutes since 1970 ÷ 10). */
  window: number;
  /** When the next code takes over (the one shown now is still accepted for one more window). */
  changesAt: Date;
}

/** The window an instant falls in. */
export const entranceWindowOf = (at: Date): number => Math.floor(at.getTime() / WINDOW_MS);

/** The code of an event in a window. */
export function entranceCodeIn(sign: EntranceSigner, eventId: string, window: number): string {
  const mac = Buffer.from(sign(`${eventId}:${window}`), 'base64url');
  // 2^32 is not a multiple of 10^4: the bias is below one in 400 000, nothing a guesser can use.
  return String(mac.readUInt32BE(0) % 10 ** ENTRANCE_CODE_DIGITS).padStart(ENTRANCE_CODE_DIGITS, '0');
}

/** The code to show at the entrance at `at`. */
export function entranceCodeAt(sign: EntranceSigner, eventId: string, at: Date): EntranceCode {
  const window = entranceWindowOf(at);
  return { code: entranceCodeIn(sign, eventId, window), window, changesAt: new Date((window + 1) * WINDOW_MS) };
}

/** The digits of a typed code (spaces and a dash allowed between them), or undefined when it cannot be one. */
export function readEntranceCode(typed: string): string | undefined {
  const digits = typed.replace(/[\s-]/g, '');
  return new RegExp(`^\\d{${ENTRANCE_CODE_DIGITS}}$`).test(digits) ? digits : undefined;
}

/** Whether a typed code is the event's code of the window of `at` or of the one before. */
export function acceptsEntranceCode(sign: EntranceSigner, eventId: string, typed: string, at: Date): boolean {
  const digits = readEntranceCode(typed);
  if (digits === undefined) return false;
  const window = entranceWindowOf(at);
  return digits === entranceCodeIn(sign, eventId, window) || digits === entranceCodeIn(sign, eventId, window - 1);
}
