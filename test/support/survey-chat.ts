import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { EmulatedUser } from './emulator.js';
import { STEP_MS } from './event-chat-e2e.js';

/**
 * Answering a survey run in the chat, as a participant does, for any test that needs chat
 * answers (a combined chat and paper report included): per item code, a scale or choice
 * code (`'4'`, `'yes'`), `'NA'` for not applicable, typed words for an open question, or
 * `null` to skip it. An item without an entry is skipped too. `leaveBefore` stops at that
 * item, as someone who puts the phone away partway.
 */
export type ItemAnswers = Readonly<Record<string, string | null>>;

export interface ShownQuestion {
  text: string;
  buttons: readonly { text: string; data: string }[];
}

/** How a test reaches one chat: the newest question (or the end) after each action, a press, typed text. */
export interface SurveyChatDriver {
  /** The message that ends the bot's answer to the last action: a question with the run's buttons, or the end. */
  shown(): Promise<ShownQuestion>;
  press(data: string): Promise<void>;
  type(text: string): Promise<void>;
}

const QUESTION = /^s:[A-Z0-9]+\|[cnst]\|([a-z0-9_]+)/;

/** The item a message asks, from its buttons (every question of a run carries them, a text question its skip button). */
export const itemOf = (shown: ShownQuestion): string | undefined => shown.buttons.map((button) => QUESTION.exec(button.data)?.[1]).find((step) => step !== undefined);

/** Answers from the question shown now to the end (or to `leaveBefore`); returns the items answered or skipped, in order. */
export async function answerSurvey(chat: SurveyChatDriver, answers: ItemAnswers, options: { leaveBefore?: string } = {}): Promise<string[]> {
  const done: string[] = [];
  for (let shown = await chat.shown(), item = itemOf(shown); item !== undefined; shown = await chat.shown(), item = itemOf(shown)) {
    if (item === options.leaveBefore) break;
    const answer = answers[item] ?? null;
    const button = (tag: string, code?: string) => shown.buttons.find((candidate) => candidate.data.endsWith(`|${tag}|${item}${code === undefined ? '' : `|${code}`}`));
    const choice = answer === null ? undefined : answer === 'NA' ? button('n') : button('c', answer);
    const isText = !shown.buttons.some((candidate) => /\|[ct]\|/.test(candidate.data));
    if (choice) await chat.press(choice.data);
    else if (answer !== null && isText) await chat.type(answer);
    else if (answer === null && button('s')) await chat.press(button('s')?.data ?? '');
    else throw new Error(`item ${item}: no way to answer ${JSON.stringify(answer)} with ${shown.buttons.map((b) => b.data).join(', ')}`);
    done.push(item);
  }
  return done;
}

/** A participant on the emulated Bot API; `endText` is the form's closing text in their language. */
export function emulatedChat(user: EmulatedUser, endText: string): SurveyChatDriver {
  // The first question may be on screen already (the opening came before this chat was driven).
  let pending = false;
  const isQuestion = (reply: { text: string; buttons: readonly { text: string; data: string }[] }) => reply.text === endText || itemOf(reply) !== undefined;
  return {
    async shown() {
      const newest = user.replies().at(-1);
      if (!pending && newest && isQuestion(newest)) return newest;
      pending = false;
      const replies = await user.waitForReply(isQuestion, STEP_MS);
      const last = replies.at(-1);
      if (!last) throw new Error(`chat ${user.userId}: no question came`);
      return last;
    },
    press: async (data) => {
      pending = true;
      await user.press(data);
    },
    type: async (text) => {
      pending = true;
      await user.sendText(text);
    },
  };
}

/**
 * While Ura is down (`harness.restartUra(signal, bringRunForward(harness.dir, runId, 'sendAt'))`):
 * the stored time of a run's next step (its sending, or its reminder) comes now, as the clock
 * would have brought it; Ura's tick acts on it once it is back.
 */
export const bringRunForward = (dir: string, runId: string, column: 'sendAt' | 'remindAt' | 'closesAt') => () => {
  const db = new Database(join(dir, 'data', 'ura.db'), { fileMustExist: true });
  try {
    const now = Date.now() - 1000;
    // Stored as the driver stores a DateTime: milliseconds or an ISO text, as the row holds it.
    const current = (db.prepare(`SELECT "${column}" AS at FROM "SurveyRun" WHERE id = ?`).get(runId) as { at: unknown } | undefined)?.at;
    db.prepare(`UPDATE "SurveyRun" SET "${column}" = ? WHERE id = ?`).run(typeof current === 'number' ? now : new Date(now).toISOString(), runId);
  } finally {
    db.close();
  }
};
