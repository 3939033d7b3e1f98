import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Update } from 'grammy/types';
import { z } from 'zod';
import type { Logger } from '../../shared/logger.js';
import type { BotService } from '../telegram/bot-service.js';

export const WEBHOOK_PATH = '/telegram/webhook';
/** Well inside Telegram's own wait for a webhook answer. */
export const WEBHOOK_ACK_MS = 8000;

const updateSchema = z.custom<Update>(
  (value) =>
    typeof value === 'object' && value !== null && 'update_id' in value && Number.isSafeInteger(value.update_id) && Number(value.update_id) >= 0,
);

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Receives updates from Telegram. The secret header is compared in constant time;
 * the update goes through the same pipeline as polling and is acknowledged once handled.
 */
export function telegramWebhook(deps: { secret: string; bot: BotService; logger: Logger }): RequestHandler {
  const expected = digest(deps.secret);
  return async (req, res) => {
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
    // Acknowledged once handled, so that an update in progress when the process dies is
    // delivered again by Telegram (and recognised, where it matters, when it comes back);
    // an update still running after WEBHOOK_ACK_MS is acknowledged anyway and finishes here.
    const handled = deps.bot.dispatch(update.data);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([handled, new Promise<void>((done) => (timer = setTimeout(done, WEBHOOK_ACK_MS)))]);
    clearTimeout(timer);
    res.status(200).json({ ok: true });
  };
}
