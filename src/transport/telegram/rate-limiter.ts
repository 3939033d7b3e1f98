/**
 * A per-person limit on updates, so that a flood (a stuck key, a script) cannot
 * bury the operators. The first update over the limit gets a polite answer, the
 * rest are dropped until the window has room again. Kept in memory on purpose:
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
  const recent = new Map<string, { hits: { at: number; updateId: number | undefined }[]; warned: boolean }>();
  let sweptAt = 0;
  return {
    hit(key, now, updateId) {
      const at = now.getTime();
      // Forgetting people who went quiet, at most once a window: never a scan per update, even in a flood.
      if (recent.size > 10_000 && at - sweptAt >= options.windowMs) {
        sweptAt = at;
        for (const [other, entry] of recent) if ((entry.hits.at(-1)?.at ?? 0) <= at - options.windowMs) recent.delete(other);
      }
      const entry = recent.get(key) ?? { hits: [], warned: false };
      entry.hits = entry.hits.filter((hit) => hit.at > at - options.windowMs);
      if (entry.hits.length === 0) entry.warned = false;
      if (updateId !== undefined && entry.hits.some((hit) => hit.updateId === updateId)) return 'ok';
      entry.hits.push({ at, updateId });
      recent.set(key, entry);
      if (entry.hits.length <= options.limit) return 'ok';
      if (entry.warned) return 'blocked';
      entry.warned = true;
      return 'warn';
    },
  };
}
