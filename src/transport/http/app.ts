import express, { type ErrorRequestHandler, type RequestHandler } from 'express';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import { healthRoutes, type HealthDeps } from './health.js';
import { securityHeaders } from './security-headers.js';

export interface AppDeps {
  logger: Logger;
  health: HealthDeps;
  /** The webhook route (it parses its own body, after checking its secret). */
  telegramWebhook?: RequestHandler;
  /** The organisers' pages and JSON API (they parse their own bodies). */
  organiserWeb?: RequestHandler;
  /** The projector pages, /e/<public code> (they parse their own bodies). */
  projectorWeb?: RequestHandler;
  /** Whether browsers reach Ura over https (PUBLIC_URL): insecure requests are then upgraded. */
  https?: boolean;
}

/** Maps failures to `{ code, message }`; malformed JSON is the caller's fault (400), the rest is ours (500). */
const errorHandler =
  (logger: Logger): ErrorRequestHandler =>
  (error: unknown, req, res, _next) => {
    const status = typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number' ? error.status : 500;
    if (status >= 400 && status < 500) {
      logger.warn({ path: req.path, status }, 'bad request body');
      res.status(status).json({ code: status === 413 ? 'too_large' : 'bad_request', message: 'the request body could not be read as JSON' });
      return;
    }
    logger.error({ path: req.path, err: errorMessage(error) }, 'request failed');
    res.status(500).json({ code: 'internal', message: 'internal error' });
  };

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // First, so that every answer carries them: refusals, errors and 404s included.
  app.use(securityHeaders(deps.https ?? false));
  // Before the JSON parser: the webhook checks its secret before it reads a body.
  if (deps.telegramWebhook) app.use(deps.telegramWebhook);
  if (deps.organiserWeb) app.use(deps.organiserWeb);
  if (deps.projectorWeb) app.use(deps.projectorWeb);
  app.use(express.json({ limit: '1mb' }));
  app.use(healthRoutes(deps.health));
  app.use((_req, res) => void res.status(404).json({ code: 'not_found', message: 'no such page' }));
  app.use(errorHandler(deps.logger));
  return app;
}
