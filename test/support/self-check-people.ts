import type { FakeCall, FakeTelegram } from './fake-telegram.js';
import type { Action, Script } from './self-check-script.js';

/** What the bot showed a chat: a message's text and its buttons (label by callback data). */
export interface Shown {
  text: string;
  buttons: Map<string, string>;
}

const shownOf = (call: FakeCall): Shown => {
  const markup = call.payload.reply_markup;
  const parsed: { inline_keyboard?: { text: string; callback_data?: string }[][] } = typeof markup === 'string' ? JSON.parse(markup) : (markup ?? {});
  return {
    text: String(call.payload.text),
    buttons: new Map((parsed.inline_keyboard ?? []).flat().flatMap((button) => (button.callback_data === undefined ? [] : [[button.callback_data, button.text]]))),
  };
};

/** Whether a message asks what the person is about to answer (a multiple choice: with their ticks on it). */
export const shows = (shown: Shown | undefined, action: Pick<Action, 'expectText' | 'expectButton' | 'expectTicked'>): boolean =>
  shown !== undefined &&
  (action.expectText === undefined || shown.text === action.expectText) &&
  (action.expectButton === undefined || shown.buttons.has(action.expectButton)) &&
  (action.expectTicked ?? []).every((data) => shown.buttons.get(data)?.startsWith('✓'));

/** The messages the bot sent each person's chat, in order, and a wait for the next one. */
export interface Screens {
  of(chatId: number): readonly Shown[];
  /** Resolves true once a message after the first `after` of the chat's is its newest and `accept`s it; false after `timeoutMs`. */
  until(chatId: number, after: number, accept: (shown: Shown) => boolean, timeoutMs: number): Promise<boolean>;
}

export function watchScreens(telegram: FakeTelegram, isPerson: (chatId: number) => boolean): Screens {
  const screens = new Map<number, Shown[]>();
  const waiters = new Map<number, Set<() => void>>();
  telegram.onCall((call) => {
    const chatId = Number(call.payload.chat_id);
    if (call.method !== 'sendMessage' || !isPerson(chatId)) return;
    const list = screens.get(chatId) ?? [];
    list.push(shownOf(call));
    screens.set(chatId, list);
    for (const wake of [...(waiters.get(chatId) ?? [])]) wake();
  });
  const of = (chatId: number) => screens.get(chatId) ?? [];
  return {
    of,
    until(chatId, after, accept, timeoutMs) {
      const met = () => of(chatId).length > after && accept(of(chatId).at(-1)!);
      if (met()) return Promise.resolve(true);
      return new Promise((done) => {
        const chatWaiters = waiters.get(chatId) ?? new Set();
        waiters.set(chatId, chatWaiters);
        const finish = (result: boolean) => {
          clearTimeout(timer);
          chatWaiters.delete(check);
          done(result);
        };
        const check = () => void (met() && finish(true));
        const timer = setTimeout(() => finish(false), timeoutMs);
        chatWaiters.add(check);
      });
    },
  };
}

export interface WalkOptions {
  /** How long the person waits for an answer before pressing the same button again. */
  replyWaitMs: number;
  /** Presses of the same button again before giving up (0: none, a missing answer fails). */
  maxRepresses: number;
  /** Called with the time from each update sent to the answer the person waited for. */
  answered?: (ms: number) => void;
}

/**
 * One person going through the script: each action once the bot's newest message
 * asks for it. When nothing that does comes within `replyWaitMs`, the person presses
 * the same button again, as a real person does when the bot stays silent; the labels
 * of the actions done again are returned, once per re-press.
 */
export async function walk(telegram: FakeTelegram, screens: Screens, chatId: number, script: Script, options: WalkOptions): Promise<{ represses: string[] }> {
  const chat = telegram.chat(chatId);
  const send = (action: Action) => {
    if (action.send.kind === 'command') chat.sendCommand(action.send.name);
    else if (action.send.kind === 'press') chat.press(action.send.data);
    else chat.sendText(action.send.text);
  };
  const represses: string[] = [];
  const finalScreen = { expectText: script.finalText };
  for (let index = 0; index < script.actions.length; index++) {
    const action = script.actions[index]!;
    const next = script.actions[index + 1] ?? finalScreen;
    for (let tries = 0; ; tries++) {
      const before = screens.of(chatId).length;
      const sentAt = performance.now();
      send(action);
      if (await screens.until(chatId, before, (shown) => shows(shown, next), options.replyWaitMs)) {
        options.answered?.(performance.now() - sentAt);
        break;
      }
      if (tries === options.maxRepresses) {
        throw new Error(`person ${chatId}: after ${action.label} the bot shows ${JSON.stringify(screens.of(chatId).at(-1)?.text.slice(0, 80))}, not what comes next`);
      }
      represses.push(action.label);
    }
  }
  return { represses };
}
