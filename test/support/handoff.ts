import type { TestDatabase } from './database.js';
import { helplineBot, type HelplineBotOptions } from './helpline-bot.js';

export type Harness = Awaited<ReturnType<typeof helplineBot>>;
export type Person = ReturnType<Harness['person']>;

/** The help-seeker of the handoff tests. */
export const PERSON = 70_101;

/** From /start to the menu: language, notice, safe to talk. */
export async function toMenu(person: Person, language: 'sq' | 'en') {
  await person.start();
  await person.press(`l|${language}`);
  await person.press('o');
  await person.press('y|safe');
}

export interface OperatorOptions {
  pseudonym?: string | null;
  role?: string;
  languages?: string[];
  skills?: string[];
  presence?: 'on' | 'off' | null;
}

/** Registers an operator (on call unless told otherwise) and returns them as a Telegram user. */
export async function addOperator(h: Harness, telegramId: number, extra: OperatorOptions = {}) {
  await h.db.prisma.operator.create({
    data: {
      id: `op-${telegramId}`,
      telegramId: String(telegramId),
      pseudonym: extra.pseudonym ?? null,
      role: extra.role ?? 'operator',
      languages: JSON.stringify(extra.languages ?? ['sq', 'en']),
      skills: JSON.stringify(extra.skills ?? []),
      createdAt: new Date('2026-05-01T08:00:00Z'),
      presence: extra.presence === undefined ? 'on' : extra.presence,
    },
  });
  return h.person({ userId: telegramId, languageCode: 'sq' });
}

/** Calls to one chat, in order, as Telegram received them. */
export const callsTo = (h: Harness, chatId: number) => h.api.calls.filter((call) => call.payload.chat_id === chatId);
export const textsTo = (h: Harness, chatId: number) => callsTo(h, chatId).flatMap((call) => (typeof call.payload.text === 'string' ? [call.payload.text] : []));
export const buttonsOf = (payload: Record<string, unknown>) =>
  ((payload.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? []).flat().map((button) => button.callback_data ?? '');
/** What the bot answered to button presses, in order. */
export const answers = (h: Harness) => h.api.calls.filter((call) => call.method === 'answerCallbackQuery' && typeof call.payload.text === 'string').map((call) => call.payload.text);

/** The handoff on one provider's suite database: each `setUp` starts from empty tables. */
export function handoffHarness(database: TestDatabase) {
  async function setUp(options: Omit<HelplineBotOptions, 'database'> & { database?: TestDatabase } = {}): Promise<Harness> {
    const prisma = database.db.prisma;
    for (const table of [
      'caseEvent',
      'caseMessage',
      'outboxMessage',
      'helpCase',
      'conversation',
      'chatMessage',
      'chatSession',
      'contact',
      'operator',
      'shift',
      'surveyResponse',
      'surveyRun',
    ] as const) {
      await (prisma[table] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
    }
    return helplineBot({ database, ...options });
  }
  const settle = (h: Harness) => h.parts.outbox.idle();
  const caseRow = (h: Harness) => h.db.prisma.helpCase.findFirstOrThrow();

  /** The person reaches the menu and asks for a person; returns them and the case code the cards carry. */
  async function requestPerson(h: Harness, language: 'sq' | 'en' = 'sq') {
    const person = h.person({ userId: PERSON, languageCode: language });
    await toMenu(person, language);
    await person.press('p');
    await settle(h);
    return { person, code: (await caseRow(h)).code };
  }

  return { setUp, settle, caseRow, requestPerson };
}
