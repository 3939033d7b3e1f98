import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventRecord, Events } from '../../src/events/index.js';
import { conference2006, inviteRows, writeCsv, type Person } from './conference-2006.js';
import { eventsOn, scratchDir } from './events.js';
import { helplineBot, type HelplineBotOptions } from './helpline-bot.js';

export const INVITE_HEADER = ['name', 'organisation', 'org_type', 'region'];

/** The bot with the events area, its events made with the same identity and clock, and what tests read of a chat. */
export async function eventsBot(options: HelplineBotOptions = {}) {
  const h = await helplineBot(options);
  const events: Events = eventsOn(h.db.prisma, h.clock);
  const sent = (chatId: number) => h.api.calls.filter((call) => call.method === 'sendMessage' && call.payload.chat_id === chatId);
  const buttonsIn = (payload: Record<string, unknown> | undefined) =>
    ((payload?.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [])
      .flat()
      .map((b) => ({ text: b.text, data: b.callback_data ?? '' }));

  /** An event on the day the clock shows (in Tirana), with an invitation list. */
  async function conference(options: { invitees?: readonly Person[]; languages?: string[]; startsOn?: string; days?: number } = {}): Promise<EventRecord> {
    const created = await events.create({
      names: { sq: 'Konferenca Kombëtare', en: 'National Conference' },
      startsOn: options.startsOn ?? h.clock.now().toISOString().slice(0, 10),
      days: options.days ?? 2,
      venue: 'Tirana',
      ...(options.languages ? { languages: options.languages } : {}),
      templateId: 'annual-conference',
    });
    if (created.kind !== 'created') throw new Error(JSON.stringify(created.problems));
    const invitees = options.invitees ?? conference2006().invited;
    if (invitees.length > 0) {
      const path = join(scratchDir(), 'invited.csv');
      writeCsv(path, INVITE_HEADER, inviteRows(invitees));
      const imported = await events.importInvites(created.event.id, { format: 'csv', bytes: readFileSync(path) });
      if (imported.kind !== 'imported') throw new Error(JSON.stringify(imported));
    }
    return created.event;
  }

  return {
    ...h,
    events,
    conference,
    /** The last message sent to a chat: its text and buttons. */
    last(chatId: number) {
      const call = sent(chatId).at(-1);
      return { text: String(call?.payload.text ?? ''), buttons: buttonsIn(call?.payload) };
    },
    /** Every text sent to a chat, in order. */
    texts: (chatId: number) => sent(chatId).map((call) => String(call.payload.text)),
    /** The data of the last message's button showing this text. */
    button(chatId: number, text: string): string {
      const call = sent(chatId).at(-1);
      const found = buttonsIn(call?.payload).find((b) => b.text === text);
      if (!found) throw new Error(`no button "${text}" in ${JSON.stringify(buttonsIn(call?.payload))} under "${String(call?.payload.text)}"`);
      return found.data;
    },
    /** What the bot answered to presses (toasts), in order. */
    toasts: () => h.api.calls.filter((call) => call.method === 'answerCallbackQuery' && typeof call.payload.text === 'string').map((call) => String(call.payload.text)),
    /** A text of the events namespace. */
    t: (language: 'sq' | 'en' | 'it' | 'el', key: string, vars?: Record<string, string | number>) => h.i18n.t(language, `events:${key}`, vars),
  };
}

export type EventsHarness = Awaited<ReturnType<typeof eventsBot>>;
