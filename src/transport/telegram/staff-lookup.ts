import type { OnDuty } from '../../staff/operators.js';

/** Finds the staff member behind an update, however many staff composers ask: one read per update. */
export type StaffOf = (update: object, telegramId: number) => Promise<OnDuty | undefined>;

/**
 * Looked up on every update (a removed staff member, or one given another role, is not
 * served any more), but once: the organisers' and the case console's composers share it.
 */
export function staffLookup(find: (telegramId: string) => Promise<OnDuty | undefined>): StaffOf {
  const seen = new WeakMap<object, Promise<OnDuty | undefined>>();
  return (update, telegramId) => {
    const known = seen.get(update);
    if (known) return known;
    const found = find(String(telegramId));
    seen.set(update, found);
    return found;
  };
}
