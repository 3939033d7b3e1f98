// The peer the helpline benchmark measures Ura against: the same self-check written as a
// developer would write it from grammY's documentation, with `session()` over a storage
// adapter (a minimal one over better-sqlite3 for SQLite, @grammyjs/storage-psql for
// PostgreSQL), and the same bot again with @grammyjs/conversations. Each answers the
// benchmark's script with the same texts and buttons as Ura (Ura's locales, Ura's button
// data), keeps every answer in its session, and marks the request for a person there, so
// that the run can be checked afterwards as Ura's is.
//
// What the peers do not do, and Ura does: hash the sender into a contact, seal the chat
// address, log every message for the quick exit, count usage, look for urgent words in
// typed text, write the conversation and the case as rows of their own, and answer a
// button press. The benchmark reports the gap; these lines say what it buys.
import { conversations, createConversation, type Conversation, type ConversationFlavor } from '@grammyjs/conversations';
import { PsqlAdapter } from '@grammyjs/storage-psql';
import Sqlite from 'better-sqlite3';
import { Bot, type Context, InlineKeyboard, session, type SessionFlavor, type StorageAdapter } from 'grammy';
import pg from 'pg';
import { choicesOf, type CompiledFlow } from '../src/flows/catalog.js';
import { decodeAnswer } from '../src/flows/buttons.js';
import { start, step, type FlowInput } from '../src/flows/engine.js';
import { knownAnswers } from '../src/flows/known-answers.js';
import { flowNamespace, type Step } from '../src/flows/schema.js';
import type { FlowState } from '../src/flows/state.js';
import type { I18n, Language } from '../src/i18n/index.js';
import { helplineButton as button, MENU_ITEMS, SAFETY } from '../src/transport/telegram/helpline-buttons.js';
import { CALLBACK_PREFIX } from '../src/transport/telegram/callback-prefix.js';
import { recordBotApi, TEST_BOT_INFO, type BotApiRecorder } from '../test/support/bot-api.js';

const TOKEN = '123456:bench-token-never-sent-anywhere';

/** What a peer keeps per chat. */
export interface PeerSession {
  screen: 'language' | 'notice' | 'safety' | 'menu' | 'age' | 'flow';
  language: Language;
  flow: FlowState | null;
  /** The person agreed to be contacted: the peer's "case". */
  caseRequested: boolean;
}

/** A peer's storage: the session rows, all of them read back for the check after a run, and emptied before the next. */
export interface PeerStorage<T> {
  adapter: StorageAdapter<T>;
  /** Every row as [key, value]. */
  all(): Promise<[string, T][]>;
  clear(): Promise<void>;
  close(): Promise<void>;
}

/**
 * grammY's storage adapters take a key and a value; this is the minimal one over
 * better-sqlite3 that the documentation's "write your own adapter" section describes,
 * with the journal and sync settings of the database Ura uses in the same run.
 */
export function sqliteStorage<T>(file: string, pragmas: { journalMode: string; synchronous: number }): PeerStorage<T> {
  const db = new Sqlite(file);
  db.pragma(`journal_mode = ${pragmas.journalMode}`);
  db.pragma(`synchronous = ${pragmas.synchronous}`);
  db.exec('CREATE TABLE IF NOT EXISTS sessions (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
  const read = db.prepare<[string], { value: string }>('SELECT value FROM sessions WHERE key = ?');
  const write = db.prepare<[string, string]>('INSERT INTO sessions (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  const remove = db.prepare<[string]>('DELETE FROM sessions WHERE key = ?');
  return {
    adapter: {
      read: (key) => {
        const row = read.get(key);
        return row ? (JSON.parse(row.value) as T) : undefined;
      },
      write: (key, value) => void write.run(key, JSON.stringify(value)),
      delete: (key) => void remove.run(key),
    },
    all: async () =>
      db
        .prepare<[], { key: string; value: string }>('SELECT key, value FROM sessions')
        .all()
        .map((row): [string, T] => [row.key, JSON.parse(row.value) as T]),
    clear: async () => void db.exec('DELETE FROM sessions'),
    close: async () => void db.close(),
  };
}

/** @grammyjs/storage-psql over a pool as large as Ura's, in a table of its own in `schema`. */
export async function postgresStorage<T>(url: string, schema: string, table: string, poolSize: number): Promise<PeerStorage<T>> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: `-c search_path="${schema}"` });
  // The adapter only calls `client.query(text, values)`, which a pool answers as a client does.
  const adapter = await PsqlAdapter.create({ tableName: table, client: pool as unknown as pg.Client });
  return {
    adapter: adapter as StorageAdapter<T>,
    all: async () => (await pool.query<{ key: string; value: string }>(`SELECT key, value FROM "${table}"`)).rows.map((row): [string, T] => [row.key, JSON.parse(row.value) as T]),
    // Vacuumed too, as Ura's tables are before each run (bench/helpline.ts).
    clear: async () => {
      await pool.query(`DELETE FROM "${table}"`);
      await pool.query(`VACUUM ANALYZE "${table}"`);
    },
    close: () => pool.end(),
  };
}

/** The texts and buttons of each screen, as Ura shows them. */
function screens(i18n: I18n, compiled: CompiledFlow) {
  const t = (language: Language, key: string) => i18n.t(language, key.includes(':') ? key : `helpline:${key}`);
  const ns = flowNamespace(compiled.flow.id);
  const keyboard = (rows: [string, string][][]) => InlineKeyboard.from(rows.map((row) => row.map(([text, data]) => InlineKeyboard.text(text, data))));
  const exit = (language: Language): [string, string] => [t(language, 'buttons.exit'), button.exit];
  return {
    language: (language: Language) => ({
      text: t(language, 'language.prompt'),
      markup: keyboard([
        [
          ['Shqip', button.language('sq')],
          ['English', button.language('en')],
        ],
      ]),
    }),
    notice: (language: Language) => ({ text: t(language, 'notice.text'), markup: keyboard([[[t(language, 'notice.ok'), button.notice]]]) }),
    safety: (language: Language) => ({
      text: t(language, 'safety.text'),
      markup: keyboard([...SAFETY.map((answer): [string, string][] => [[t(language, `safety.${answer}`), button.safety(answer)]]), [exit(language)]]),
    }),
    menu: (language: Language) => ({
      text: t(language, 'menu.text'),
      markup: keyboard([...MENU_ITEMS.map((item): [string, string][] => [[t(language, `menu.${item}`), button.menu(item)]]), [exit(language)]]),
    }),
    age: (language: Language) => ({
      text: t(language, 'age.text'),
      markup: keyboard([
        [
          [t(language, 'age.yes'), button.age(true)],
          [t(language, 'age.no'), button.age(false)],
        ],
      ]),
    }),
    question: (language: Language, current: Step) => {
      const text = i18n.t(language, current.text.includes(':') ? current.text : `${ns}:${current.text}`);
      const label = (key: string) => i18n.t(language, key.includes(':') ? key : `${ns}:${key}`);
      const tick = current.type === 'multi';
      const rows: [string, string][][] = choicesOf(current).map((choice) => [
        [label(choice.label), button.flow(tick ? { type: 'toggle', step: current.id, code: choice.code } : { type: 'choose', step: current.id, code: choice.code })],
      ]);
      if (tick) rows.push([[t(language, 'buttons.done'), button.flow({ type: 'done', step: current.id })]]);
      if (current.skippable) rows.push([[t(language, 'buttons.skip'), button.flow({ type: 'skip', step: current.id })]]);
      rows.push([exit(language)]);
      return { text, markup: keyboard(rows) };
    },
  };
}

/** What the person pressed or typed, as the flow's input at its current step; undefined for anything else. */
function flowInput(ctx: Context, state: FlowState): FlowInput | undefined {
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) return decodeAnswer(CALLBACK_PREFIX.helpline, data);
  const text = ctx.message?.text;
  return text !== undefined && state.current ? { type: 'text', step: state.current, value: text } : undefined;
}

export interface Peer {
  bot: Bot<Context>;
  api: BotApiRecorder;
}

type SessionContext = Context & SessionFlavor<PeerSession>;

/** The self-check with `session()`: each update reads the chat's session, moves it one screen on, and writes it back. */
export function sessionPeer(storage: PeerStorage<PeerSession>, i18n: I18n, compiled: CompiledFlow, now: Date, preFlow: Record<string, unknown>): Peer {
  const bot = new Bot<SessionContext>(TOKEN, { botInfo: TEST_BOT_INFO });
  const api = recordBotApi(bot);
  const show = screens(i18n, compiled);
  const say = (ctx: SessionContext, screen: { text: string; markup: InlineKeyboard }) => ctx.reply(screen.text, { reply_markup: screen.markup });
  bot.use(session({ initial: (): PeerSession => ({ screen: 'language', language: 'sq', flow: null, caseRequested: false }), storage: storage.adapter }));
  bot.command('start', async (ctx) => {
    ctx.session.screen = 'language';
    await say(ctx, show.language(ctx.session.language));
  });
  bot.on(['callback_query:data', 'message:text'], async (ctx) => {
    const data = ctx.callbackQuery?.data;
    const s = ctx.session;
    if (data === button.language('sq') || data === button.language('en')) {
      s.language = data.endsWith('sq') ? 'sq' : 'en';
      s.screen = 'notice';
      return void (await say(ctx, show.notice(s.language)));
    }
    if (data === button.notice) {
      s.screen = 'safety';
      return void (await say(ctx, show.safety(s.language)));
    }
    if (data === button.safety('safe')) {
      s.screen = 'menu';
      return void (await say(ctx, show.menu(s.language)));
    }
    if (data === button.menu('check')) {
      s.screen = 'age';
      return void (await say(ctx, show.age(s.language)));
    }
    if (data === button.age(false)) {
      s.screen = 'flow';
      s.flow = start(compiled, now, knownAnswers(compiled, preFlow)).state;
      return void (await say(ctx, show.question(s.language, compiled.steps.get(s.flow.current ?? '')!)));
    }
    const input = s.screen === 'flow' && s.flow ? flowInput(ctx, s.flow) : undefined;
    if (!input || !s.flow) return void (await say(ctx, show.menu(s.language)));
    const result = step(compiled, s.flow, input, now);
    s.flow = result.state;
    if (result.effects.some((effect) => effect.type === 'handoff')) s.caseRequested = true;
    if (result.state.status === 'ended') {
      s.screen = 'menu';
      return void (await say(ctx, show.menu(s.language)));
    }
    await say(ctx, show.question(s.language, compiled.steps.get(result.state.current ?? '')!));
  });
  return { bot: bot as unknown as Bot<Context>, api };
}

/** What the conversations peer keeps per chat, beside the plugin's own state: the outcome, for the check. */
export interface ConversationSession {
  language: Language;
  flow: FlowState | null;
  caseRequested: boolean;
}

type ConversationContext = ConversationFlavor<Context & SessionFlavor<ConversationSession>>;

/**
 * The self-check with @grammyjs/conversations: one function waits for each answer in
 * turn, and the plugin replays it from its stored log on every update. Its log and
 * the session go to the same storage (separate keys).
 */
export function conversationsPeer(storage: PeerStorage<unknown>, i18n: I18n, compiled: CompiledFlow, now: Date, preFlow: Record<string, unknown>): Peer {
  const bot = new Bot<ConversationContext>(TOKEN, { botInfo: TEST_BOT_INFO });
  const api = recordBotApi(bot);
  const show = screens(i18n, compiled);
  const say = (ctx: Context, screen: { text: string; markup: InlineKeyboard }) => ctx.reply(screen.text, { reply_markup: screen.markup });
  const sessions = storage.adapter as StorageAdapter<ConversationSession>;
  bot.use(session({ initial: (): ConversationSession => ({ language: 'sq', flow: null, caseRequested: false }), storage: sessions, getSessionKey: (ctx) => `s${ctx.chatId}` }));
  // A conversation's context calls the Bot API through an Api of its own: it is sent
  // through the bot's, so that the benchmark's fake API and its watchers see every call.
  const throughBotApi = async (ctx: Context, next: () => Promise<void>) => {
    const raw = bot.api.raw as unknown as Record<string, (payload: unknown, signal?: never) => Promise<unknown>>;
    ctx.api.config.use(async (_prev, method, payload, signal) => ({ ok: true, result: await raw[method]!(payload, signal as never) }) as never);
    await next();
  };
  bot.use(conversations({ storage: { type: 'key', adapter: storage.adapter as never, getStorageKey: (ctx: Context) => `c${ctx.chatId}` }, plugins: [throughBotApi] }));

  const pressed = async (conversation: Conversation<ConversationContext, Context>, data: string): Promise<Context> =>
    conversation.waitForCallbackQuery(data, { otherwise: (ctx) => say(ctx, show.menu('sq')) });
  async function selfCheck(conversation: Conversation<ConversationContext, Context>, ctx: Context) {
    await say(ctx, show.language('sq'));
    let last = await pressed(conversation, button.language('sq'));
    await say(last, show.notice('sq'));
    last = await pressed(conversation, button.notice);
    await say(last, show.safety('sq'));
    last = await pressed(conversation, button.safety('safe'));
    await say(last, show.menu('sq'));
    last = await pressed(conversation, button.menu('check'));
    await say(last, show.age('sq'));
    last = await pressed(conversation, button.age(false));
    let state = start(compiled, now, knownAnswers(compiled, preFlow)).state;
    let caseRequested = false;
    await say(last, show.question('sq', compiled.steps.get(state.current ?? '')!));
    while (state.status !== 'ended') {
      const answer = await conversation.wait();
      const input = flowInput(answer, state);
      if (!input) {
        await say(answer, show.question('sq', compiled.steps.get(state.current ?? '')!));
        continue;
      }
      const result = step(compiled, state, input, now);
      state = result.state;
      if (result.effects.some((effect) => effect.type === 'handoff')) caseRequested = true;
      if (state.status !== 'ended') await say(answer, show.question('sq', compiled.steps.get(state.current ?? '')!));
      else {
        const ended = state;
        const requested = caseRequested;
        await conversation.external((outside: ConversationContext) => {
          outside.session.flow = ended;
          outside.session.caseRequested = requested;
        });
        await say(answer, show.menu('sq'));
      }
    }
  }
  bot.use(createConversation(selfCheck, 'self-check'));
  bot.command('start', (ctx) => ctx.conversation.enter('self-check'));
  return { bot: bot as unknown as Bot<Context>, api };
}
