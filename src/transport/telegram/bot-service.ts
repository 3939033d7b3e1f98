import { GrammyError, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { LANGUAGES, DEFAULT_LANGUAGE, type I18n } from '../../i18n/index.js';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { UraContext } from './context.js';
import { isTransient } from './transient.js';
import type { UpdateInbox } from '../../storage/inbox-repository.js';
import { createUpdateQueue, type Outcome } from './update-queue.js';

export type BotState = 'disabled' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';
export interface BotStatus {
  state: BotState;
  mode: 'polling' | 'webhook' | null;
  detail?: string;
}

export interface BotService {
  status(): BotStatus;
  /** The bot's username once it is known (getMe answered); undefined before and while Telegram is off. */
  username(): string | undefined;
  /** Connects in the background; status() tells how far it got. */
  start(): void;
  /** Whether webhook updates can be processed now. */
  accepting(): boolean;
  /**
   * Processes a webhook update after the chat's earlier ones: `handled` (or failed for
   * good, logged and apologised for), or `again` when it failed for a passing reason
   * and Telegram must deliver it again.
   */
  dispatch(update: Update): Promise<Outcome>;
  /** Stops taking updates and waits, at most `graceMs`, for those in progress. */
  stop(graceMs: number): Promise<void>;
}

/** The command menu; its descriptions are neutral, so a glance at the phone reveals nothing. */
const BOT_COMMANDS = ['start', 'help', 'language', 'privacy', 'delete', 'exit'] as const;

const ALLOWED_UPDATES = ['message', 'edited_message', 'callback_query', 'my_chat_member'] as const;
const RETRY_MS = 5000;
/**
 * Updates taken from Telegram and not yet handled, at most (polling): beyond this Ura
 * asks for no more, and Telegram keeps them (unacknowledged) until there is room. In a
 * surge (thousands of new people at once, answered at Telegram's 30 messages a second)
 * every update taken waits in memory for its replies: 2,000 people at once took the
 * process to 894 MiB before this bound (`npm run bench -- surge`).
 */
export const MAX_UPDATES_IN_HAND = 200;

/** getUpdates waits this long for an update before answering empty. */
const LONG_POLL_SECONDS = 30;
/** Pauses after a failed getUpdates (another instance polling, Telegram unreachable): 1 s, 2 s, ... 60 s. */
const FETCH_RETRY_MS = { first: 1000, max: 60_000 };
/** Pauses while a fetched batch cannot be kept (the database is away): 0.5 s, 1 s, ... 5 s. */
const KEEP_RETRY_MS = { first: 500, max: 5000 };

export const disabledBot: BotService = {
  status: () => ({ state: 'disabled', mode: null }),
  username: () => undefined,
  start: () => undefined,
  accepting: () => false,
  dispatch: async () => 'again',
  stop: async () => undefined,
};

interface Options {
  bot: Bot<UraContext>;
  mode: 'polling' | 'webhook';
  i18n: I18n;
  logger: Logger;
  /** Where fetched updates wait until handled, and which were handled. */
  inbox: UpdateInbox;
  webhook?: { url: string; secret: string };
}

/**
 * Runs the bot in one of two modes.
 *
 * Webhook: Telegram posts each update and keeps it until answered 2xx. An update is
 * handled at most once (its id is recorded once handled, and an update delivered
 * again is skipped); one that failed because the database is away is answered 5xx,
 * so Telegram delivers it again.
 *
 * Polling: Ura's own getUpdates loop, because an update is acknowledged by the
 * offset of the next getUpdates call, and the runner asks for the next batch as soon
 * as it has one. Here a fetched batch is first kept in the inbox (sealed: updates
 * name their senders); only then does the next call acknowledge it. The batch is
 * then handled from the inbox, in order per chat, each update tried again while
 * the database is away (the chat's later updates wait for it), and deleted from
 * the inbox once handled. No more is asked for while MAX_UPDATES_IN_HAND are in
 * hand. At start the inbox is handled first, so a crash between a fetch and the
 * handling loses nothing. A 409 (another instance polls with the same
 * token) is retried with a growing pause and shown in /healthz; a 401 (the token was
 * revoked) stops the bot with a clear log line while the web side keeps serving.
 */
export function createBotService({ bot, mode, i18n, logger, webhook, inbox }: Options): BotService {
  let state: BotState = 'stopped';
  let detail: string | undefined;
  const abort = new AbortController();
  const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
  const queue = createUpdateQueue({ handle: (update) => bot.handleUpdate(update), inbox, logger });
  /** A pause that ends early when the service stops. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        abort.signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      abort.signal.addEventListener('abort', done);
    });
  /** Whether updates are being taken (not stopping, stopped or failed). */
  const active = () => state === 'running' || state === 'starting';

  /** A refusal by the peer at start-up is worth a warning, never a stopped service. */
  const tryCall = async (what: string, call: () => Promise<unknown>) => {
    try {
      await call();
    } catch (error) {
      logger.warn({ err: errorMessage(error) }, `Telegram refused ${what}; continuing without it`);
    }
  };

  const tokenRejected = () => {
    state = 'failed';
    detail = 'Telegram rejected TELEGRAM_BOT_TOKEN';
    logger.error('Telegram rejected TELEGRAM_BOT_TOKEN (401); the bot stopped. Check the token from @BotFather. The web side keeps running.');
  };

  /** Updates kept before a restart are handled first, in order per chat. */
  async function handleKept(): Promise<void> {
    for (let delay = KEEP_RETRY_MS.first; active(); delay = Math.min(delay * 2, KEEP_RETRY_MS.max)) {
      try {
        const kept = await inbox.waiting();
        if (kept.length > 0) logger.info({ updates: kept.length }, 'handling updates kept in the inbox before the restart');
        for (const update of kept) {
          await queue.room(MAX_UPDATES_IN_HAND);
          void queue.untilHandled(update);
        }
        return;
      } catch (error) {
        if (!isTransient(error)) throw error;
        logger.warn({ err: errorMessage(error) }, 'cannot read the inbox (the database is unavailable); trying again');
        await pause(delay);
      }
    }
  }

  /** Keeps a fetched batch; false if the service stopped first (Telegram still holds the batch). */
  async function keep(batch: Update[]): Promise<boolean> {
    for (let delay = KEEP_RETRY_MS.first; active(); delay = Math.min(delay * 2, KEEP_RETRY_MS.max)) {
      try {
        await inbox.keep(batch);
        return true;
      } catch (error) {
        if (!isTransient(error)) throw error;
        logger.warn({ updates: batch.length, err: errorMessage(error) }, 'cannot keep fetched updates (the database is unavailable); not acknowledged, trying again');
        await pause(delay);
      }
    }
    return false;
  }

  async function poll(): Promise<void> {
    await handleKept();
    let offset = 0; // 0: Telegram sends everything it has not had acknowledged
    let retry = FETCH_RETRY_MS.first;
    while (active()) {
      // Room first: what is not asked for stays with Telegram (and in nobody's memory).
      await queue.room(MAX_UPDATES_IN_HAND);
      if (!active()) return;
      let batch: Update[];
      try {
        // Not aborted at stop (grammY wants its own AbortSignal type): a batch that
        // arrives after the stop is neither kept nor acknowledged, so Telegram keeps it.
        batch = await bot.api.getUpdates({ offset, timeout: LONG_POLL_SECONDS, allowed_updates: [...ALLOWED_UPDATES] });
      } catch (error) {
        if (!active()) return;
        if (error instanceof GrammyError && error.error_code === 401) return tokenRejected();
        if (error instanceof GrammyError && error.error_code === 409) {
          detail = `another process is receiving this bot's updates (409 Conflict); trying again every ${Math.round(retry / 1000)} s`;
          logger.warn({ retryInSeconds: retry / 1000 }, "Telegram answered 409 Conflict: another Ura (or a webhook) takes this bot's updates; stop it. Trying again.");
        } else {
          logger.warn({ err: errorMessage(error), retryInSeconds: retry / 1000 }, 'cannot fetch updates from Telegram; trying again');
        }
        await pause(retry);
        retry = Math.min(retry * 2, FETCH_RETRY_MS.max);
        continue;
      }
      retry = FETCH_RETRY_MS.first;
      detail = undefined;
      const last = batch.at(-1);
      if (last === undefined) continue;
      // Kept before the next call acknowledges the batch.
      if (!(await keep(batch))) return;
      offset = last.update_id + 1;
      for (const update of batch) void queue.untilHandled(update);
    }
  }

  async function connect(): Promise<void> {
    while (state === 'starting') {
      try {
        await bot.init();
        break;
      } catch (error) {
        if (error instanceof GrammyError && (error.error_code === 401 || error.error_code === 404)) return tokenRejected();
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
    state = 'running';
    // Updates kept by an earlier polling run are handled whatever the mode is now.
    void (mode === 'polling' ? poll() : handleKept()).catch((error: unknown) => {
      if (state !== 'running') return;
      state = 'failed';
      detail = `updates stopped: ${errorMessage(error)}`;
      logger.error({ err: errorMessage(error) }, 'taking updates stopped on an unexpected error; the web side keeps running');
    });
    logger.info({ bot: bot.botInfo.username, mode }, 'Telegram bot running');
  }

  return {
    status: () => ({ state, mode, ...(detail ? { detail } : {}) }),
    username: () => (bot.isInited() ? bot.botInfo.username : undefined),
    start() {
      state = 'starting';
      void connect();
    },
    accepting: () => state === 'running' && mode === 'webhook',
    dispatch: (update) => queue.once(update),
    async stop(graceMs) {
      if (state === 'stopped' || state === 'disabled') return;
      const wasConnecting = state === 'starting';
      state = 'stopping';
      abort.abort();
      queue.stop();
      const drained = queue.idle();
      const finished = await Promise.race([drained.then(() => true), wait(graceMs).then(() => false)]);
      if (!finished) {
        const fate = mode === 'polling' ? 'they stay in the inbox and are handled at the next start' : 'Telegram delivers them again';
        logger.warn({ graceMs }, `updates still in progress at shutdown were abandoned; ${fate}`);
      }
      state = 'stopped';
      if (wasConnecting) logger.info('stopped before the bot finished connecting');
    },
  };
}
