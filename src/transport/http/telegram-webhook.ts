import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Update } from 'grammy/types';
import { z } from 'zod';
import type { Logger } from '../../shared/logger.js';
import type { BotService } from '../telegram/bot-service.js';

export const WEBHOOK_PATH = '/telegram/webhook';

const updateSchema = z.custom<Update>(
  (value) =>
    typeof value === 'object' && value !== null && 'update_id' in value && Number.isSafeInteger(value.update_id) && Number(value.update_id) >= 0,
);

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Receives updates from Telegram. The secret header is compared in constant time;
 * the update is acknowledged at once and processed by the same pipeline as polling.
 */
export function telegramWebhook(deps: { secret: string; bot: BotService; logger: Logger }): RequestHandler {
  const expected = digest(deps.secret);
  return (req, res) => {
    const given = req.get('X-Telegram-Bot-Api-Secret-Token');
    if (given === undefined || !timingSafeEqual(digest(given), expected)) {
      deps.logger.warn({ ip: req.ip }, 'webhook request with a wrong secret refused');
      res.status(401).json({ code: 'unauthorized', message: 'wrong or missing secret token' });
      return;
    }
    const update = updateSchema.safeParse(req.body);
    if (!update.success) {
      deps.logger.warn('webhook request without a valid update refused');
      res.status(400).json({ code: 'bad_update', message: 'the body is not a Telegram update' });
      return;
    }
    if (!deps.bot.accepting()) {
      res.status(503).json({ code: 'not_ready', message: 'the bot is starting; Telegram will retry' });
      return;
    }
    res.status(200).json({ ok: true });
    deps.bot.dispatch(update.data);
  };
}
