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
  hit(key: string, now: Date): 'ok' | 'warn' | 'blocked';
}

export function createRateLimiter(options: { limit: number; windowMs: number }): RateLimiter {
  const recent = new Map<string, { times: number[]; warnedAt: number | undefined }>();
  let sweptAt = 0;
  return {
    hit(key, now) {
      const at = now.getTime();
      // Forgetting people who went quiet, at most once a window: never a scan per update, even in a flood.
      if (recent.size > 10_000 && at - sweptAt >= options.windowMs) {
        sweptAt = at;
        for (const [other, entry] of recent) if ((entry.times.at(-1) ?? 0) <= at - options.windowMs) recent.delete(other);
      }
      const entry = recent.get(key) ?? { times: [], warnedAt: undefined };
      entry.times = entry.times.filter((time) => time > at - options.windowMs);
      recent.set(key, entry);
      if (entry.times.length < options.limit) {
        entry.times.push(at);
        return 'ok';
      }
      if (entry.warnedAt !== undefined && entry.warnedAt > at - options.windowMs) return 'blocked';
      entry.warnedAt = at;
      return 'warn';
    },
  };
}
