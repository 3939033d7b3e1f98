import { Router } from 'express';
import type { Clock } from '../../shared/clock.js';
import type { DatabaseHealth } from '../../storage/database-health.js';
import type { BotStatus } from '../telegram/bot-service.js';

/** Messages to Telegram waiting longer than this make Ura degraded: deliveries are stuck. */
const OUTBOX_STUCK_SECONDS = 300;

export interface HealthDeps {
  database: () => Promise<DatabaseHealth>;
  bot: () => BotStatus;
  /** When the oldest undelivered message was written (the bot's outbox), if the bot runs. */
  oldestUndelivered?: () => Promise<Date | undefined>;
  clock: Clock;
  startedAt: Date;
  version: string;
}

/**
 * /healthz: liveness, always 200 while the process serves, with the state of each
 * part. /readyz: 200 only when the database answers and every migration is applied.
 */
export function healthRoutes(deps: HealthDeps): Router {
  const router = Router();
  router.get('/healthz', async (_req, res) => {
    const database = await deps.database();
    const bot = deps.bot();
    const oldest = database.reachable && deps.oldestUndelivered ? await deps.oldestUndelivered().catch(() => undefined) : undefined;
    const waitingSeconds = oldest ? Math.max(0, Math.round((deps.clock.now().getTime() - oldest.getTime()) / 1000)) : 0;
    const outbox = { oldestUndeliveredSeconds: waitingSeconds, stuck: waitingSeconds > OUTBOX_STUCK_SECONDS };
    const ok = database.reachable && database.pendingMigrations.length === 0 && bot.state !== 'failed' && !outbox.stuck;
    res.json({
      status: ok ? 'ok' : 'degraded',
      version: deps.version,
      uptimeSeconds: Math.round((deps.clock.now().getTime() - deps.startedAt.getTime()) / 1000),
      process: { pid: process.pid, node: process.version, rssMb: Math.round(process.memoryUsage().rss / 1048576) },
      database,
      bot,
      outbox,
    });
  });
  router.get('/readyz', async (_req, res) => {
    const database = await deps.database();
    if (!database.reachable) {
      res.status(503).json({ ready: false, reason: 'database unreachable', detail: database.error });
    } else if (database.pendingMigrations.length > 0) {
      res.status(503).json({ ready: false, reason: 'migrations pending', pending: database.pendingMigrations });
    } else {
      res.json({ ready: true });
    }
  });
  return router;
}
