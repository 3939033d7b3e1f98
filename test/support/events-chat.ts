import type { EventRecord } from '../../src/events/index.js';
import { entranceCodeIn, entranceWindowOf } from '../../src/events/index.js';
import { testIdentity } from './events.js';
import type { EventsHarness } from './events-bot.js';
import type { TestDatabase } from './database.js';

/** Every table a test of events in the chat writes to, emptied before each test on a shared database. */
export const CHAT_TABLES = [
  'cafeCoding',
  'cafeTheme',
  'cafeAsk',
  'cafeNote',
  'cafeSeat',
  'cafeRound',
  'cafeRun',
  'eventChat',
  'eventAttendance',
  'eventParticipant',
  'eventInvitee',
  'eventOrganisation',
  'eventSession',
  'eventOrganiser',
  'event',
  'caseEvent',
  'caseMessage',
  'outboxMessage',
  'helpCase',
  'conversation',
  'chatMessage',
  'chatSession',
  'contact',
  'operator',
] as const;

export async function emptyTables(database: TestDatabase): Promise<void> {
  for (const table of CHAT_TABLES) await (database.db.prisma[table] as unknown as { deleteMany(): Promise<unknown> }).deleteMany();
}

/** A participant in the chat, by their Telegram id (a private chat has its person's id). */
export function participant(h: EventsHarness, userId: number, languageCode = 'en') {
  const person = h.person({ userId, languageCode });
  return {
    ...person,
    userId,
    last: () => h.last(userId),
    /** Presses the button of the last message that shows this text. */
    tap: (text: string) => person.press(h.button(userId, text)),
  };
}
export type Participant = ReturnType<typeof participant>;

/** From the deep link to registered, choosing themself from the list: language, "on the list", letter, pages, organisation, name. */
export async function registerFromList(h: EventsHarness, who: Participant, event: EventRecord, organisation: string, name: string, language: 'sq' | 'en' = 'en') {
  await who.start(`ev_${event.joinCode}`);
  await who.tap(h.t(language, `chat.language.names.${language}`));
  await who.tap(h.t(language, 'chat.path.list'));
  if (who.last().buttons.some((button) => button.text === organisation.charAt(0))) await who.tap(organisation.charAt(0));
  while (!who.last().buttons.some((button) => button.text === organisation)) await who.tap(h.t(language, 'chat.buttons.next'));
  await who.tap(organisation);
  await who.tap(name);
}

/** From the deep link to registered as a walk-in. */
export async function registerWalkIn(
  h: EventsHarness,
  who: Participant,
  event: EventRecord,
  walkIn: { name: string; organisation: string; orgType?: string; region: string },
  language: 'sq' | 'en' = 'en',
) {
  await who.start(`ev_${event.joinCode}`);
  await who.tap(h.t(language, `chat.language.names.${language}`));
  await who.tap(h.t(language, 'chat.path.walk_in'));
  await who.say(walkIn.name);
  await who.say(walkIn.organisation);
  if (walkIn.orgType) await who.tap(h.t(language, `orgTypes.${walkIn.orgType}`));
  await who.tap(h.t(language, `regions.${walkIn.region}`));
}

/** The entrance code an event shows at `at`, as the organisers' page and /event compute it. */
export const entranceCodeAt = (event: EventRecord, at: Date) => entranceCodeIn((message) => testIdentity.hashId('entrance', message), event.id, entranceWindowOf(at));

/** Four digits that are not the code of this window nor of the last. */
export function wrongCodeAt(event: EventRecord, at: Date): string {
  const valid = [entranceCodeAt(event, at), entranceCodeAt(event, new Date(at.getTime() - 10 * 60_000))];
  return ['1111', '2222', '3333'].find((code) => !valid.includes(code))!;
}
