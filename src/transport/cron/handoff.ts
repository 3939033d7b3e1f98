import cron from 'node-cron';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

/** Every 15 seconds: escalation deadlines are minutes, so a deadline is acted on within 15 s. */
const HANDOFF_SCHEDULE = '*/15 * * * * *';

/**
 * Runs the handoff's tick (shift announcements, paging, escalation, the outbox) on a
 * schedule, and once at start so that what was waiting before a restart goes out at
 * once. node-cron's noOverlap keeps two ticks of this process from ever overlapping;
 * conditional updates in the database keep two processes from doing a step twice.
 */
export function scheduleHandoff(deps: { tick(): Promise<void>; timezone: string; logger: Logger }): { stop(): Promise<void> } {
  const run = async () => {
    try {
      await deps.tick();
    } catch (error) {
      deps.logger.error({ err: errorMessage(error) }, 'handoff tick failed; it runs again at the next one');
    }
  };
  void run();
  const task = cron.schedule(HANDOFF_SCHEDULE, run, { timezone: deps.timezone, noOverlap: true, name: 'handoff' });
  return { stop: async () => void (await task.stop()) };
}
