import { Api, GrammyError, HttpError } from 'grammy';
import { SEND_TIMEOUT_MS, type BotCall } from '../../delivery/outbox.js';
import { errorMessage } from '../../shared/errors.js';
import { protectContent } from './protect-content.js';

/**
 * The Bot API as the outbox uses it: no automatic retries (the outbox keeps its
 * own, in the database), protected content, and every answer reduced to a Delivery.
 * A call is abandoned after `timeoutMs` (SEND_TIMEOUT_MS, under the outbox's lease;
 * grammY's own default is 500 s): it then counts as a lost connection and is retried
 * by whoever holds the message next, never while this call may still reach Telegram.
 */
export function createBotCall(options: { token: string; apiRoot: string; timeoutMs?: number }): { api: Api; call: BotCall } {
  const api = new Api(options.token, { apiRoot: options.apiRoot, timeoutSeconds: (options.timeoutMs ?? SEND_TIMEOUT_MS) / 1000 });
  api.config.use(protectContent);
  const call: BotCall = async (method, payload) => {
    try {
      const result: unknown = await (api.raw as unknown as Record<string, (payload: Record<string, unknown>) => Promise<unknown>>)[method]!(payload);
      const messageId = typeof result === 'object' && result !== null && 'message_id' in result && typeof result.message_id === 'number' ? result.message_id : null;
      return { ok: true, messageId };
    } catch (error) {
      if (error instanceof GrammyError) {
        return { ok: false, code: error.error_code, description: error.description, ...(error.parameters.retry_after ? { retryAfter: error.parameters.retry_after } : {}) };
      }
      if (error instanceof HttpError) return { ok: false, code: 0, description: errorMessage(error) };
      throw error;
    }
  };
  return { api, call };
}
