import type { UserFromGetMe } from 'grammy/types';
import type { RequestHandler } from 'express';
import { areaBotDeps, telegramState, type Areas } from './compose.js';
import type { TelegramOn } from './config.js';
import type { BotCall } from './delivery/outbox.js';
import type { Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';
import type { Database } from './storage/database.js';
import type { UpdateInbox } from './storage/inbox-repository.js';
import { telegramWebhook, WEBHOOK_PATH } from './transport/http/telegram-webhook.js';
import { areaComposers } from './transport/telegram/area-composers.js';
import { createBot } from './transport/telegram/bot.js';
import { createBotCall } from './transport/telegram/bot-call.js';
import { createBotService, type BotService } from './transport/telegram/bot-service.js';

/** How the outbox reaches Telegram: its own Bot API client, without grammY's retries (the outbox keeps its own). */
export const telegramCall = (telegram: TelegramOn): BotCall => createBotCall({ token: telegram.token, apiRoot: telegram.apiRoot }).call;

/**
 * The Telegram transport over the areas: the bot, run by polling or by the webhook
 * (whose route this returns for the web side). The one place that builds the bot.
 */
export function composeTelegram(
  telegram: TelegramOn,
  areas: Areas,
  deps: { sql: Database['sql']; clock: Clock; logger: Logger; inbox: UpdateInbox; botInfo?: UserFromGetMe },
): { bot: BotService; webhookRoute?: RequestHandler } {
  const { i18n } = areas;
  const { sessions, readFirst, rateLimits } = telegramState(deps.sql, deps.clock);
  const grammyBot = createBot({
    token: telegram.token,
    apiRoot: telegram.apiRoot,
    sessions,
    readFirst,
    i18n,
    identity: areas.identity,
    logger: deps.logger,
    // Only a webhook has copies of an update handled at once (Telegram's redelivery, to
    // another process): a poller is the only one, and after a crash it answers an update
    // cut off midway again rather than never (see claimingFirst).
    ...(telegram.mode === 'webhook' ? { claims: deps.inbox } : {}),
    ...(deps.botInfo ? { botInfo: deps.botInfo } : {}),
    composers: areaComposers(areaBotDeps(areas, rateLimits)),
  });
  if (telegram.mode === 'polling') return { bot: createBotService({ bot: grammyBot, mode: 'polling', i18n, logger: deps.logger, inbox: deps.inbox }) };
  const webhook = { url: `${telegram.publicUrl}${WEBHOOK_PATH}`, secret: telegram.webhookSecret };
  const bot = createBotService({ bot: grammyBot, mode: 'webhook', i18n, logger: deps.logger, inbox: deps.inbox, webhook });
  return { bot, webhookRoute: telegramWebhook({ secret: telegram.webhookSecret, bot, logger: deps.logger }) };
}
