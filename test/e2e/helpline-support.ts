/**
 * What the end-to-end tests of the help-seeking conversation share: the texts a
 * person should see, read from the locale files themselves (never through
 * src/i18n, so a test follows whatever the locale says), a person walking a flow
 * by pressing the buttons Ura showed, and a read-only look into Ura's SQLite file.
 */
import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import { createIdentityProtector } from '../../src/shared/crypto.js';
import type { EmulatedUser, Reply } from '../support/emulator.js';

export type Language = 'sq' | 'en' | 'it' | 'el';

const LOCALES = resolve(import.meta.dirname, '../../locales');
const files = new Map<string, unknown>();

/** A text of locales/<language>/<namespace>.json by its dotted key, with {{vars}} filled in. */
export function localeText(language: Language, namespace: string, key: string, vars: Record<string, string | number> = {}): string {
  const file = `${language}/${namespace}.json`;
  if (!files.has(file)) files.set(file, JSON.parse(readFileSync(join(LOCALES, file), 'utf8')));
  const value = key.split('.').reduce<unknown>((node, part) => (typeof node === 'object' && node !== null ? Reflect.get(node, part) : undefined), files.get(file));
  if (typeof value !== 'string') throw new Error(`locales/${file} has no text "${key}"`);
  return value.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** A request passed on: whether it was taken, that the answers so far go with it, and the lock-screen tip. */
const requested = (language: Language, first: string, options: { answers?: boolean }) =>
  [first, ...(options.answers ? [localeText(language, 'helpline', 'person.shares_answers')] : []), localeText(language, 'helpline', 'person.quiet_tip')].join('\n\n');
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The texts of one language, by namespace. */
export const textsIn = (language: Language) => ({
  language,
  helpline: (key: string, vars?: Record<string, string | number>) => localeText(language, 'helpline', key, vars),
  handoff: (key: string, vars?: Record<string, string | number>) => localeText(language, 'handoff', key, vars),
  /** What a person who asks for someone is told when, as in these tests, nobody is on call (`answers`: they answered questions first). */
  nobodyOnCall: (options: { answers?: boolean } = {}) => requested(language, localeText(language, 'handoff', 'person.nobody'), options),
  /** What a person who asks for someone is told when an operator is on call. */
  personRequested: (options: { answers?: boolean } = {}) => requested(language, localeText(language, 'helpline', 'person.requested'), options),
  /** The one urgent message before the country is known: the number that works widely first, the honest word that nobody is on call, the way out last. */
  urgentNobodyOnCall: () =>
    expect.stringMatching(
      new RegExp(
        `^${escape(localeText(language, 'helpline', 'urgent.elsewhere'))}\\n[^]*\\n\\n${escape(localeText(language, 'handoff', 'person.nobody_urgent'))}\\n\\n${escape(localeText(language, 'helpline', 'urgent.exit'))}$`,
      ),
    ),
  bot: (key: string) => localeText(language, 'bot', key),
  flows: (key: string, vars?: Record<string, string | number>) => localeText(language, 'flows', key, vars),
  selfCheck: (key: string) => localeText(language, 'helpline.self-check', key),
  youngPerson: (key: string) => localeText(language, 'helpline.young-person', key),
});
export type Texts = ReturnType<typeof textsIn>;

/** The list of services in Albania: its localised title, one line per service, and the numbers for danger last. */
export const servicesMessage = (texts: Texts) =>
  expect.stringMatching(new RegExp(`^${escape(texts.helpline('services.title'))}\\n(• .+\\n)+\\n${escape(texts.helpline('services.emergency', { numbers: '112, 129' }))}$`));

/** Every screen carries "talk to a person" and "exit", in the person's language. */
export const safetyRow = (texts: Texts) => [
  { text: texts.bot('buttons.person'), data: 'h:p' },
  { text: texts.bot('buttons.exit'), data: 'h:x' },
];

/** Presses a button and waits until the chat shows the message with this text. */
export async function pressUntil(person: EmulatedUser, data: string, text: string): Promise<Reply[]> {
  await person.press(data);
  return person.waitForReply((reply) => reply.text === text);
}

/** /start, the language, the notice and "I'm safe", up to the menu. */
export async function toMenu(person: EmulatedUser, texts: Texts, start = 'start'): Promise<void> {
  await person.sendCommand(start);
  await person.waitForReply((reply) => reply.buttons.some((button) => button.data === `h:l|${texts.language}`));
  await pressUntil(person, `h:l|${texts.language}`, texts.helpline('notice.text', { days: RETENTION_DAYS }));
  await pressUntil(person, 'h:o', texts.helpline('safety.text'));
  await pressUntil(person, 'h:y|safe', texts.helpline('menu.text'));
}

/**
 * From /start into a screening: the self-check, or the young-person flow for someone
 * under 18. "Safe" and the age were answered on the bot's screens, so the flow does not
 * ask them again. Returns the messages up to the next question.
 */
export async function enterScreening(person: EmulatedUser, texts: Texts, options: { age: number; next: string; start?: string }): Promise<Reply[]> {
  const young = options.age < 18;
  const flowText = young ? texts.youngPerson : texts.selfCheck;
  await toMenu(person, texts, options.start);
  await pressUntil(person, 'h:m|check', texts.helpline('age.text'));
  await person.press(young ? 'h:a|yes' : 'h:a|no');
  return person.waitForReply((reply) => reply.text === flowText(`${options.next}.text`));
}

/** Given to Ura in the tests' environment, so the notice's number is known and not the default. */
export const RETENTION_DAYS = 45;

/** How one question is answered: a choice, ticks then "Done", "Prefer not to say", or typed text. */
export type Move = { choose: string } | { tick: string[] } | { skip: true } | { type: string };

const stepOf = (data: string) => (/^h:[ctdsn]\|/.test(data) ? data.split('|')[1] : undefined);

/**
 * Answers a flow's questions in order, each only once Ura has asked it: the
 * question's text must be the locale's and its buttons those of that step.
 */
export async function answerQuestions(person: EmulatedUser, questionText: (key: string) => string, plan: [step: string, move: Move][]): Promise<void> {
  for (const [step, move] of plan) {
    const text = questionText(`${step}.text`);
    await person.waitForReply((reply) => reply.text === text && reply.buttons.some((button) => stepOf(button.data) === step));
    if ('choose' in move) await person.press(`h:c|${step}|${move.choose}`);
    else if ('skip' in move) await person.press(`h:s|${step}`);
    else if ('type' in move) await person.sendText(move.type);
    else {
      for (const code of move.tick) {
        await person.press(`h:t|${step}|${code}`);
        // Each tick asks the question again, the ticked answer marked.
        await person.waitForReply((reply) => reply.text === text && reply.buttons.some((button) => button.data === `h:t|${step}|${code}` && button.text.startsWith('✓ ')));
      }
      await person.press(`h:d|${step}`);
    }
  }
}

export const TABLES = ['Contact', 'Conversation', 'HelpCase', 'ChatMessage', 'ChatSession'] as const;
export type Table = (typeof TABLES)[number];

export interface CaseRow {
  code: string;
  trigger: string;
  level: string;
  status: string;
  language: string;
  source: string | null;
  summary: string;
  conversationId: string | null;
}

export interface ConversationRow {
  id: string;
  flowId: string;
  status: string;
  outcome: string | null;
  language: string;
  reachedPerson: number;
}

/**
 * Ura's SQLite file, opened read-only next to the running Ura. People are found
 * the way Ura finds them: by the keyed hash of their Telegram id, with the pepper
 * from data/secrets.json.
 */
export function openDatabase(dir: string) {
  const dataDir = join(dir, 'data');
  const db = new Database(join(dataDir, 'ura.db'), { readonly: true, fileMustExist: true });
  const { ID_PEPPER } = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8')) as { ID_PEPPER: string };
  // Only hashId is used, which needs the pepper and not the data key.
  const identity = createIdentityProtector({ dataKey: Buffer.alloc(32), idPepper: ID_PEPPER });
  const contactId = (userId: number) => (db.prepare('SELECT id FROM "Contact" WHERE idHash = ?').get(identity.hashId('user', userId)) as { id: string } | undefined)?.id;
  const byContact = <Row>(sql: string, userId: number): Row[] => {
    const id = contactId(userId);
    return id === undefined ? [] : (db.prepare(sql).all(id) as Row[]);
  };
  return {
    contactId,
    contact: (userId: number) =>
      db.prepare('SELECT id, language, source, region FROM "Contact" WHERE idHash = ?').get(identity.hashId('user', userId)) as
        | { id: string; language: string; source: string | null; region: string | null }
        | undefined,
    cases: (userId: number) => byContact<CaseRow>('SELECT * FROM "HelpCase" WHERE contactId = ? ORDER BY createdAt', userId),
    conversations: (userId: number) => byContact<ConversationRow>('SELECT * FROM "Conversation" WHERE contactId = ? ORDER BY startedAt', userId),
    messageIds: (userId: number) => byContact<{ messageId: number }>('SELECT messageId FROM "ChatMessage" WHERE contactId = ? ORDER BY messageId', userId).map((row) => row.messageId),
    /** Rows linked to one person in each table; the contact id is looked up by the caller when the contact is gone. */
    rowsOf(userId: number, knownContactId = contactId(userId)): Record<Table, number> {
      const count = (sql: string, value: string | undefined) => (value === undefined ? 0 : (db.prepare(sql).get(value) as { n: number }).n);
      return {
        Contact: count('SELECT COUNT(*) AS n FROM "Contact" WHERE id = ?', knownContactId),
        Conversation: count('SELECT COUNT(*) AS n FROM "Conversation" WHERE contactId = ?', knownContactId),
        HelpCase: count('SELECT COUNT(*) AS n FROM "HelpCase" WHERE contactId = ?', knownContactId),
        ChatMessage: count('SELECT COUNT(*) AS n FROM "ChatMessage" WHERE contactId = ?', knownContactId),
        ChatSession: count('SELECT COUNT(*) AS n FROM "ChatSession" WHERE key = ?', identity.hashId('chat', userId)),
      };
    },
    counts: (): Record<Table, number> => Object.fromEntries(TABLES.map((table) => [table, (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n])) as Record<Table, number>,
    close: () => db.close(),
  };
}
export type UraDatabase = ReturnType<typeof openDatabase>;

/** Polls a condition Ura reaches after its last reply (a session written back, rows deleted), within a bound. */
export async function eventually<T>(read: () => T, accept: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((done) => setTimeout(done, 25));
  }
}
