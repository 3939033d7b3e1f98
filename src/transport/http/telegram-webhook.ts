import { createHash, timingSafeEqual } from 'node:crypto';
import express, { Router, type RequestHandler } from 'express';
import type { Update } from 'grammy/types';
import { z } from 'zod';
import type { Logger } from '../../shared/logger.js';
import type { BotService } from '../telegram/bot-service.js';

export const WEBHOOK_PATH = '/telegram/webhook';
/** Well inside Telegram's own wait for a webhook answer. */
export const WEBHOOK_ACK_MS = 8000;
/** A Telegram update is a few kilobytes; anything much larger is not one. */
export const WEBHOOK_BODY_LIMIT = '256kb';

const updateSchema = z.custom<Update>((value) => typeof value === 'object' && value !== null && 'update_id' in value && Number.isSafeInteger(value.update_id) && Number(value.update_id) >= 0);

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Receives updates from Telegram at WEBHOOK_PATH. The secret header is compared
 * (in constant time) before the body is read as JSON, so a stranger cannot make
 * Ura parse anything; the body is then limited to WEBHOOK_BODY_LIMIT. Mount it
 * before any JSON body parser of the app.
 */
export function telegramWebhook(deps: { secret: string; bot: BotService; logger: Logger }): Router {
  const expected = digest(deps.secret);
  const checkSecret: RequestHandler = (req, res, next) => {
    const given = req.get('X-Telegram-Bot-Api-Secret-Token');
    if (given !== undefined && timingSafeEqual(digest(given), expected)) return next();
    deps.logger.warn({ ip: req.ip }, 'webhook request with a wrong secret refused');
    // The body is not read: the connection closes rather than taking it in.
    res.set('Connection', 'close').status(401).json({ code: 'unauthorized', message: 'wrong or missing secret token' });
  };
  const receive: RequestHandler = async (req, res) => {
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
    // Answered once handled, so that an update in progress when the process dies is
    // delivered again. An update that failed for a passing reason (the database is
    // away) is answered 503, and one still running after WEBHOOK_ACK_MS too: Telegram
    // delivers it again, and the copy waits behind the first in its chat's order and
    // is skipped if the first was handled.
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([deps.bot.dispatch(update.data), new Promise<'late'>((done) => (timer = setTimeout(() => done('late'), WEBHOOK_ACK_MS)))]);
    clearTimeout(timer);
    if (outcome === 'handled') res.status(200).json({ ok: true });
    else res.status(503).json({ code: 'try_again', message: 'the update could not be handled yet; Telegram will deliver it again' });
  };
  return Router().post(WEBHOOK_PATH, checkSecret, express.json({ limit: WEBHOOK_BODY_LIMIT, type: () => true }), receive);
}
