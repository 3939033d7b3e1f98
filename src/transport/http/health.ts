import { Router } from 'express';
import type { Clock } from '../../shared/clock.js';
import { sameSecret } from '../../shared/crypto.js';
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
  /** ADMIN_TOKEN: the bearer token that shows /healthz's details; without it only the status shows. */
  adminToken: string | undefined;
}

type Access = 'status' | 'details' | 'refused';

/** No Authorization header: the status only. A bearer token: the details if it is ADMIN_TOKEN. */
function accessOf(authorization: string | undefined, adminToken: string | undefined): Access {
  if (authorization === undefined) return 'status';
  const given = /^Bearer (\S+)$/.exec(authorization)?.[1];
  return given !== undefined && adminToken !== undefined && sameSecret(given, adminToken) ? 'details' : 'refused';
}

/**
 * /healthz: liveness, always 200 while the process serves; its status to anyone, the
 * state of each part (which names the database, versions and errors) only to a
 * holder of ADMIN_TOKEN. /readyz: 200 only when the database answers and every
 * migration is applied.
 */
export function healthRoutes(deps: HealthDeps): Router {
  const router = Router();
  router.get('/healthz', async (req, res) => {
    const access = accessOf(req.get('Authorization'), deps.adminToken);
    if (access === 'refused') {
      res.status(401).json({ code: 'unauthorized', message: 'wrong admin token' });
      return;
    }
    const database = await deps.database();
    const bot = deps.bot();
    const oldest = database.reachable && deps.oldestUndelivered ? await deps.oldestUndelivered().catch(() => undefined) : undefined;
    const waitingSeconds = oldest ? Math.max(0, Math.round((deps.clock.now().getTime() - oldest.getTime()) / 1000)) : 0;
    const outbox = { oldestUndeliveredSeconds: waitingSeconds, stuck: waitingSeconds > OUTBOX_STUCK_SECONDS };
    const ok = database.reachable && database.pendingMigrations.length === 0 && bot.state !== 'failed' && !outbox.stuck;
    const status = ok ? 'ok' : 'degraded';
    if (access === 'status') {
      res.json({ status });
      return;
    }
    res.json({
      status,
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
