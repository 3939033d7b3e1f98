import cron from 'node-cron';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

/** When Ura's scheduled work runs, in the deployment's time zone. */
export const SCHEDULES = {
  /** Every night at 03:30. */
  retention: '30 3 * * *',
  /** Every 15 seconds: escalation deadlines are minutes, so a deadline is acted on within 15 s. */
  handoff: '*/15 * * * * *',
  /** Every 5 seconds: World Café warnings and round ends are due to the minute, and a room waits for them. */
  events: '*/5 * * * * *',
  /** Every hour at minute 10: records of handled Telegram updates older than a day are deleted. */
  updates: '10 * * * *',
} as const;

/**
 * Runs `job` on its schedule (and once at once with `runAtStart`). node-cron's
 * noOverlap keeps two runs of this process from overlapping; a failed run is
 * logged and the next one comes as planned.
 */
export function scheduleJob(name: keyof typeof SCHEDULES, job: () => Promise<void>, options: { timezone: string; logger: Logger; runAtStart?: boolean }): { stop(): Promise<void> } {
  const run = async () => {
    try {
      await job();
    } catch (error) {
      options.logger.error({ job: name, err: errorMessage(error) }, `${name} run failed; it runs again at the next one`);
    }
  };
  if (options.runAtStart) void run();
  const task = cron.schedule(SCHEDULES[name], run, { timezone: options.timezone, noOverlap: true, name });
  return { stop: async () => void (await task.stop()) };
}
