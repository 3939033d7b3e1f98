import { run, type RunnerHandle } from '@grammyjs/runner';
import { GrammyError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { LANGUAGES, DEFAULT_LANGUAGE, type I18n } from '../../i18n/index.js';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { UraContext } from './context.js';

export type BotState = 'disabled' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';
export interface BotStatus {
  state: BotState;
  mode: 'polling' | 'webhook' | null;
  detail?: string;
}

export interface BotService {
  status(): BotStatus;
  /** Connects in the background; status() tells how far it got. */
  start(): void;
  /** Whether webhook updates can be processed now. */
  accepting(): boolean;
  /** Processes a webhook update; resolves when it was handled (or failed and was logged). */
  dispatch(update: Update): Promise<void>;
  /** Stops taking updates and waits, at most `graceMs`, for those in progress. */
  stop(graceMs: number): Promise<void>;
}

/** The command menu; its descriptions are neutral, so a glance at the phone reveals nothing. */
const BOT_COMMANDS = ['start', 'help', 'language', 'privacy', 'delete', 'exit'] as const;

const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;
const RETRY_MS = 5000;

export const disabledBot: BotService = {
  status: () => ({ state: 'disabled', mode: null }),
  start: () => undefined,
  accepting: () => false,
  dispatch: async () => undefined,
  stop: async () => undefined,
};

interface Options {
  bot: Bot<UraContext>;
  mode: 'polling' | 'webhook';
  i18n: I18n;
  logger: Logger;
  webhook?: { url: string; secret: string };
}

export function createBotService({ bot, mode, i18n, logger, webhook }: Options): BotService {
  let state: BotState = 'stopped';
  let detail: string | undefined;
  let runner: RunnerHandle | undefined;
  const inFlight = new Set<Promise<void>>();
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

  /** A refusal by the peer at start-up is worth a warning, never a stopped service. */
  const tryCall = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (error) {
      logger.warn({ err: errorMessage(error) }, `Telegram refused ${what}; continuing without it`);
    }
  };

  async function connect(): Promise<void> {
    while (state === 'starting') {
      try {
        await bot.init();
        break;
      } catch (error) {
        if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) {
          state = 'failed';
          detail = 'Telegram rejected TELEGRAM_BOT_TOKEN';
          logger.error('Telegram rejected TELEGRAM_BOT_TOKEN; check the token from @BotFather. The web side keeps running.');
          return;
        }
        logger.warn({ err: errorMessage(error) }, `cannot reach Telegram; retrying in ${RETRY_MS / 1000}s`);
        await wait(RETRY_MS);
      }
    }
    if (state !== 'starting') return;
    for (const language of LANGUAGES) {
      const commands = BOT_COMMANDS.map((command) => ({ command, description: i18n.t(language, `commands.${command}`) }));
      await tryCall('setMyCommands', () => bot.api.setMyCommands(commands, language === DEFAULT_LANGUAGE ? {} : { language_code: language }));
    }
    if (mode === 'webhook' && webhook) {
      // Without a registered webhook no update ever arrives: that is a failure to
      // report in /healthz, not a detail to warn about.
      try {
        await bot.api.setWebhook(webhook.url, { secret_token: webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
      } catch (error) {
        if (state !== 'starting') return;
        state = 'failed';
        detail = `Telegram refused the webhook ${webhook.url}: ${errorMessage(error)}`;
        logger.error(`${detail}. Check PUBLIC_URL (Telegram needs https). The web side keeps running.`);
        return;
      }
    } else {
      await tryCall('deleteWebhook', () => bot.api.deleteWebhook());
    }
    if (state !== 'starting') return; // stopped while connecting
    if (mode === 'polling') runner = run(bot, { runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] } } });
    state = 'running';
    logger.info({ bot: bot.botInfo.username, mode }, 'Telegram bot running');
  }

  return {
    status: () => ({ state, mode, ...(detail ? { detail } : {}) }),
    start() {
      state = 'starting';
      void connect();
    },
    accepting: () => state === 'running' && mode === 'webhook',
    dispatch(update) {
      const task: Promise<void> = bot
        .handleUpdate(update)
        .catch((error: unknown) => logger.error({ updateId: update.update_id, err: errorMessage(error) }, 'webhook update failed'))
        .finally(() => inFlight.delete(task));
      inFlight.add(task);
      return task;
    },
    async stop(graceMs) {
      if (state === 'stopped' || state === 'disabled') return;
      const wasConnecting = state === 'starting';
      state = 'stopping';
      const drained = Promise.all([runner?.isRunning() ? runner.stop() : undefined, ...inFlight]);
      const finished = await Promise.race([drained.then(() => true), wait(graceMs).then(() => false)]);
      if (!finished) {
        const fate = mode === 'polling' ? 'Telegram delivers them again at the next start' : 'unless they had been acknowledged (after WEBHOOK_ACK_MS), Telegram delivers them again';
        logger.warn({ graceMs }, `updates still in progress at shutdown were abandoned; ${fate}`);
      }
      state = 'stopped';
      if (wasConnecting) logger.info('stopped before the bot finished connecting');
    },
  };
}
