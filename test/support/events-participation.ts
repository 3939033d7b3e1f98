import type { EventRecord } from '../../src/events/index.js';
import { command } from './updates.js';
import type { TestDatabase } from './database.js';
import type { EventsHarness } from './events-bot.js';
import { emptyTables, entranceCodeAt, participant, type Participant, registerWalkIn } from './events-chat.js';

/** The participation tables, emptied (with the events' and the helpline's) before each test on a shared database. */
const PARTICIPATION_TABLES = ['eventPollVote', 'eventPoll', 'eventDot', 'eventAction', 'eventGroupWork', 'eventSignUp', 'eventTopicReport', 'eventTopic'] as const;

export async function emptyParticipation(database: TestDatabase): Promise<void> {
  for (const table of PARTICIPATION_TABLES) await (database.db.prisma[table] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
  await emptyTables(database);
}

/** An organiser of the event (a staff member with the organiser role, reading English). */
export async function organiserOf(h: EventsHarness, event: EventRecord, telegramId: number): Promise<Participant> {
  await h.db.prisma.operator.create({
    data: { id: `op-${telegramId}`, telegramId: String(telegramId), pseudonym: null, role: 'organiser', languages: JSON.stringify(['en']), skills: '[]', createdAt: h.clock.now(), presence: 'off' },
  });
  await h.events.addOrganiser(event.id, `op-${telegramId}`);
  return participant(h, telegramId, 'en');
}

/** A walk-in registered in English from a county and checked in by the entrance code (unless `checkIn` is false). */
export async function presentWalkIn(h: EventsHarness, event: EventRecord, userId: number, name: string, region: string, options: { checkIn?: boolean; orgType?: string } = {}): Promise<Participant> {
  const who = participant(h, userId, 'en');
  await registerWalkIn(h, who, event, { name, organisation: 'Qendra Vatra', region, ...(options.orgType ? { orgType: options.orgType } : {}) });
  if (options.checkIn !== false) await who.say(entranceCodeAt(event, h.clock.now()));
  return who;
}

/** What a participation harness reads of a chat: the last text it was shown (sent or edited), its buttons, and the toasts. */
export function chatReader(h: EventsHarness) {
  const shown = (chatId: number) => h.api.calls.filter((call) => (call.method === 'sendMessage' || call.method === 'editMessageText') && call.payload.chat_id === chatId);
  const buttonsOf = (payload: Record<string, unknown> | undefined) =>
    ((payload?.reply_markup as { inline_keyboard?: { text: string; callback_data?: string }[][] } | undefined)?.inline_keyboard ?? [])
      .flat()
      .map((b) => ({ text: b.text, data: b.callback_data ?? '' }));
  return {
    /** The last text the chat was shown, sent or edited in place. */
    shown: (chatId: number) => String(shown(chatId).at(-1)?.payload.text ?? ''),
    buttons: (chatId: number) => buttonsOf(shown(chatId).at(-1)?.payload),
    /** The data of the button showing this text, in the last message the chat was shown. */
    data(chatId: number, text: string): string {
      const found = buttonsOf(shown(chatId).at(-1)?.payload).find((b) => b.text === text);
      if (!found) throw new Error(`no button "${text}" in ${JSON.stringify(buttonsOf(shown(chatId).at(-1)?.payload))}`);
      return found.data;
    },
    /** The last toast (an alert answering a press). */
    toast: () => h.toasts().at(-1) ?? '',
    /** A text of the events.voting namespace. */
    v: (key: string, vars?: Record<string, string | number>) => h.i18n.t('en', `events.voting:${key}`, vars),
  };
}

/** A command with what follows it (on its line and the next ones), as a participant sends it. */
export const commandOf = (h: EventsHarness, who: Participant, name: string, args = '') => h.handle(command(name, args, { userId: who.userId, languageCode: 'en' }));
