import { randomBytes } from 'node:crypto';

let lastMs = 0;
let counter = 0;

/**
 * Identifiers that sort in the order they were made in this process (time, then
 * a counter), with a random tail so that two processes never collide. Used where
 * order matters: the outbox and case transcripts.
 */
export function sequentialId(now: Date): string {
  const ms = Math.max(now.getTime(), lastMs);
  counter = ms === lastMs ? counter + 1 : 0;
  lastMs = ms;
  return `${ms.toString(36).padStart(9, '0')}${counter.toString(36).padStart(4, '0')}${randomBytes(4).toString('hex')}`;
}
