import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, session, type Composer } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { areaOf } from '../../flows/buttons.js';
import { pickLanguage, type I18n } from '../../i18n/index.js';
import type { IdentityProtector } from '../../shared/crypto.js';
import { errorMessage } from '../../shared/errors.js';
import type { Logger } from '../../shared/logger.js';
import type { ReadFirst } from '../../storage/first-reads.js';
import type { SessionStore } from '../../storage/session-repository.js';
import { claimingFirst, isHandledElsewhere, type UpdateClaims } from './claim-first.js';
import type { SessionData, UraContext } from './context.js';
import { protectContent } from './protect-content.js';
import { privateSenderGuard } from './sender-guard.js';
import { isTransient } from './transient.js';

/** What every area's composer shares: the bot, its sessions, languages, the keyed hash, the log. */
export interface BotDeps {
  token: string;
  apiRoot: string;
  sessions: SessionStore<SessionData>;
  /** Reads ahead, in one statement, what every update of a private chat reads first (its session, its sender as staff and as a contact). */
  readFirst: ReadFirst;
  i18n: I18n;
  identity: IdentityProtector;
  logger: Logger;
  /** Known bot identity, which skips getMe (tests and benchmarks). */
  botInfo?: UserFromGetMe;
  /**
   * Where an update is recorded as handled before its first message (see claimingFirst):
   * webhook mode. Without it (polling, tests and benchmarks that feed each update once),
   * the update queue records it once it is handled.
   */
  claims?: UpdateClaims;
  /**
   * The areas' composers, in the order an update meets them (see `areaComposers`):
   * each answers its own updates and passes on the rest.
   */
  composers: readonly Composer<UraContext>[];
}

export function createBot(deps: BotDeps): Bot<UraContext> {
  const { i18n, identity, logger } = deps;
  const bot = new Bot<UraContext>(deps.token, { client: { apiRoot: deps.apiRoot }, ...(deps.botInfo ? { botInfo: deps.botInfo } : {}) });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  bot.api.config.use(protectContent);

  // Every message an update's handling sends goes through this, the error boundary's apology included.
  const { claims } = deps;
  if (claims) bot.use((ctx, next) => (ctx.api.config.use(claimingFirst(ctx.update.update_id, claims)), next()));

  // Before anything else reads the update: a private chat's sender must be its owner.
  bot.use(privateSenderGuard(logger));

  // Updates of one chat run in order, those of different chats concurrently, for
  // polling and webhooks alike. The key is a keyed hash: raw ids never reach logs.
  // Computed once per update: the runner and the session both ask for it.
  const keys = new WeakMap<object, string | undefined>();
  const chatKey = (ctx: { chat?: { id: number } }) => {
    if (!keys.has(ctx)) keys.set(ctx, ctx.chat === undefined ? undefined : identity.hashId('chat', ctx.chat.id));
    return keys.get(ctx);
  };
  bot.use(sequentialize(chatKey));

  // One error boundary for polling, webhooks and direct handleUpdate alike: the
  // person gets a localised apology, the log gets the update id (never the text).
  // A passing failure (the database away, a connection reset) is not apologised
  // for but thrown on: the update is handled again once the database is back (the
  // webhook answers 5xx so Telegram sends it again; polling retries it from the inbox).
  // Nor is an update that another try of it is answering: this one stops, silent.
  const guarded = bot.errorBoundary(async ({ ctx, error }) => {
    if (isTransient(error) || isHandledElsewhere(error)) throw error;
    logger.error({ updateId: ctx.update.update_id, err: errorMessage(error) }, 'update failed');
    if (ctx.chat?.type !== 'private') return;
    const language = ctx.lang ?? pickLanguage(ctx.from?.language_code);
    await ctx.reply(i18n.t(language, 'common:errors.generic')).catch(() => undefined);
  });
  // A private chat's update reads its session, its sender as staff, as a contact and the
  // contact's conversation: in one statement here, taken by each read in turn.
  guarded.use(async (ctx, next) => {
    const key = chatKey(ctx);
    if (ctx.chat?.type !== 'private' || ctx.from === undefined || key === undefined) return next();
    const release = await deps.readFirst({ chatKey: key, telegramId: String(ctx.from.id), idHash: identity.hashId('user', ctx.from.id) });
    try {
      await next();
    } finally {
      release();
    }
  });
  guarded.use(session({ storage: deps.sessions, getSessionKey: chatKey, initial: (): SessionData => ({}) }));
  guarded.use(async (ctx, next) => {
    // Updates without a chat (inline buttons on shared messages) have no session.
    const chosen = ctx.chat === undefined ? undefined : ctx.session.language;
    ctx.lang = chosen ?? pickLanguage(ctx.from?.language_code);
    await next();
  });
  for (const composer of deps.composers) guarded.use(composer);
  // A press on an area's button that no area took (an area no longer served here): answered, so it does not spin.
  guarded.on('callback_query:data', async (ctx) => {
    if (areaOf(ctx.callbackQuery.data)) await ctx.answerCallbackQuery().catch(() => undefined);
  });

  // Reached only if the boundary itself fails (for example, the chat is gone).
  bot.catch(({ ctx, error }) => logger.error({ updateId: ctx.update.update_id, err: errorMessage(error) }, 'update failed outside the error boundary'));
  return bot;
}
