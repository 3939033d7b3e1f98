/**
 * The shares every report prints. One rounding rule for all of them, so that a figure
 * in a chat, on a page and in a spreadsheet is the same figure.
 */

/** part ÷ whole in %, rounded half up to one decimal (37.93 → 37.9, 37.5 stays, 56.17 → 56.2), from integers so no float error creeps in; null when whole is 0. */
export const percent = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10);

/** A value rounded to `decimals` places, half away from zero, so that -2.25 and 2.25 round alike and 0 is never "-0". */
export function rounded(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  // The small nudge takes 1.005 (stored as 1.00499...) to 1.01, as it is written.
  const magnitude = Math.round(Math.abs(value) * scale + 1e-9) / scale;
  return value < 0 && magnitude !== 0 ? -magnitude : magnitude;
}
