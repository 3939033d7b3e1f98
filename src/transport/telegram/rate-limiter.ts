/**
 * A per-person limit on updates, so that a flood (a stuck key, a script) cannot
 * bury the menus and flows. Only what was let through counts: someone told to
 * slow down is let through again as soon as the window has room, however often
 * they tried meanwhile. An update over the limit gets a polite answer (`warn`) at
 * most once a window; the others are refused quietly. The helpline
 * decides what is never limited (a live chat, the exit). Kept in memory on purpose:
 * it protects this process for a minute and has nothing worth keeping across a
 * restart. Keys are keyed hashes, never Telegram ids.
 */
export interface RateLimiter {
  /**
   * Counts an update of the person. An update handled again (its handling failed
   * while the database was away) is counted once: a repeated `updateId` within the
   * window is let through (one dropped here was recorded as handled, so it does not
   * come again).
   */
  hit(key: string, now: Date, updateId?: number): 'ok' | 'warn' | 'blocked';
}

export function createRateLimiter(options: { limit: number; windowMs: number }): RateLimiter {
  const recent = new Map<string, { hits: { at: number; updateId: number | undefined }[]; warnedAt: number | undefined }>();
  let sweptAt = 0;
  return {
    hit(key, now, updateId) {
      const at = now.getTime();
      // Forgetting people who went quiet, at most once a window: never a scan per update, even in a flood.
      if (recent.size > 10_000 && at - sweptAt >= options.windowMs) {
        sweptAt = at;
        for (const [other, entry] of recent) if ((entry.hits.at(-1)?.at ?? 0) <= at - options.windowMs) recent.delete(other);
      }
      const entry = recent.get(key) ?? { hits: [], warnedAt: undefined };
      entry.hits = entry.hits.filter((hit) => hit.at > at - options.windowMs);
      recent.set(key, entry);
      // An update handled again (after an outage) was counted when it first came.
      if (updateId !== undefined && entry.hits.some((hit) => hit.updateId === updateId)) return 'ok';
      if (entry.hits.length < options.limit) {
        entry.hits.push({ at, updateId });
        return 'ok';
      }
      if (entry.warnedAt !== undefined && entry.warnedAt > at - options.windowMs) return 'blocked';
      entry.warnedAt = at;
      return 'warn';
    },
  };
}
