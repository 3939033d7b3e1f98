import cron from 'node-cron';
import type { RetentionResult } from '../../helpline/retention.js';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';

/** Every night at 03:30 in the deployment's time zone. */
const RETENTION_SCHEDULE = '30 3 * * *';

/** Schedules the retention run; node-cron's noOverlap keeps two runs from ever overlapping. */
export function scheduleRetention(deps: { run(): Promise<RetentionResult>; timezone: string; logger: Logger }): { stop(): Promise<void> } {
  const task = cron.schedule(
    RETENTION_SCHEDULE,
    async () => {
      try {
        deps.logger.info({ retention: await deps.run() }, 'retention run');
      } catch (error) {
        deps.logger.error({ err: errorMessage(error) }, 'retention run failed; it runs again at the next tick');
      }
    },
    { timezone: deps.timezone, noOverlap: true, name: 'retention' },
  );
  return { stop: async () => void (await task.stop()) };
}
