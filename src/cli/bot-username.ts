import type { Config } from '../config.js';

const GET_ME_TIMEOUT_MS = 5000;

/** The bot's username from Telegram's getMe, or why it is not known. Never mentions the bot token. */
export async function botUsername(telegram: Config['telegram']): Promise<{ username: string } | { reason: string }> {
  if (!telegram.token) return { reason: 'TELEGRAM_BOT_TOKEN is not set, so the link to the bot is not known.' };
  try {
    const response = await fetch(`${telegram.apiRoot}/bot${telegram.token}/getMe`, { signal: AbortSignal.timeout(GET_ME_TIMEOUT_MS) });
    const body = (await response.json().catch(() => undefined)) as { result?: { username?: unknown } } | undefined;
    const username = body?.result?.username;
    if (response.ok && typeof username === 'string' && /^[A-Za-z0-9_]{3,32}$/.test(username)) return { username };
    return { reason: `Telegram (${telegram.apiRoot}) answered getMe with HTTP ${response.status}, so the link to the bot is not known.` };
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { reason: `Telegram (${telegram.apiRoot}) ${timedOut ? `did not answer within ${GET_ME_TIMEOUT_MS / 1000} s` : 'could not be reached'}, so the link to the bot is not known.` };
  }
}
