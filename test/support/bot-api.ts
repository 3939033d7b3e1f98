import type { Api } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  /** What Telegram answered (absent for a call made to fail). */
  result?: unknown;
}

export interface BotApiRecorder {
  readonly calls: RecordedCall[];
  /** Texts sent with sendMessage, in order. */
  texts(): string[];
  /** Makes the next call to `method` fail as Telegram would. */
  failNext(method: string, errorCode: number, description: string, parameters?: Record<string, unknown>): void;
}

let nextMessageId = 1000;

/** A plausible Bot API result, so grammY and Ura code can read what they expect. */
function fakeResult(method: string, payload: Record<string, unknown>): unknown {
  if (method === 'getMe') return { id: 42, is_bot: true, first_name: 'Ura', username: 'ura_test_bot', can_join_groups: false, can_read_all_group_messages: false, supports_inline_queries: false };
  if (method === 'getUpdates') return [];
  if (method.startsWith('send') || method === 'copyMessage' || method === 'editMessageText') {
    return { message_id: nextMessageId++, date: Math.floor(Date.now() / 1000), chat: { id: payload.chat_id, type: 'private', first_name: 'x' }, text: payload.text };
  }
  return true;
}

/**
 * Installs a transformer that answers every Bot API call in-process and records
 * it: unit tests and benchmarks run the real bot with no network. Several targets
 * (the bot and the outbox's API) share one record, in the order calls were made.
 */
export function recordBotApi(...targets: { api: Api }[]): BotApiRecorder {
  const calls: RecordedCall[] = [];
  const failures = new Map<string, { error_code: number; description: string; parameters?: Record<string, unknown> }>();
  for (const { api } of targets)
    api.config.use(async (_prev, method, payload) => {
      const body = { ...(payload as Record<string, unknown>) };
      const call: RecordedCall = { method, payload: body };
      calls.push(call);
      const failure = failures.get(method);
      if (failure) {
        failures.delete(method);
        return { ok: false, ...failure } as never;
      }
      call.result = fakeResult(method, body);
      return { ok: true, result: call.result } as never;
    });
  return {
    calls,
    texts: () => calls.filter((call) => call.method === 'sendMessage').map((call) => String(call.payload.text)),
    failNext: (method, errorCode, description, parameters) => void failures.set(method, { error_code: errorCode, description, ...(parameters ? { parameters } : {}) }),
  };
}

export const TEST_BOT_INFO: UserFromGetMe = {
  id: 42,
  is_bot: true,
  first_name: 'Ura',
  username: 'ura_test_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};
