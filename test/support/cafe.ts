import type { EventRecord, EventSession } from '../../src/events/index.js';
import type { EventsHarness } from './events-bot.js';

export type CafeSessionOf = Extract<EventSession, { kind: 'world_cafe' }>;

/** A checked-in participant of the café test event, by their Telegram id (their private chat's id too). */
export interface CafePerson {
  id: string;
  telegramId: number;
  name: string;
}

const ORG_TYPES = ['ngo', 'central_gov', 'local_gov', 'international'] as const;
const REGIONS = ['tirane', 'shkoder', 'vlore', 'korce'] as const;

/** The annual conference on the clock's day, with `count` walk-ins registered from the chat and checked in (unless `checkedIn` says how many). */
export async function cafeEvent(h: EventsHarness, count: number, options: { checkedIn?: number; language?: (index: number) => 'sq' | 'en' | 'it' | 'el' } = {}) {
  const event: EventRecord = await h.conference({ invitees: [] });
  const session = (await h.events.programme(event.id)).find((candidate): candidate is CafeSessionOf => candidate.kind === 'world_cafe');
  if (!session) throw new Error('the annual conference has no World Café');
  const people: CafePerson[] = [];
  for (let index = 0; index < count; index++) {
    const telegramId = 7001 + index;
    const name = `Person${index + 1} Surname${index + 1}`;
    const registered = await h.events.participants.registerWalkIn(
      event,
      { name, organisation: `Org ${index % 6}`, orgType: ORG_TYPES[index % ORG_TYPES.length] ?? 'ngo', region: REGIONS[index % REGIONS.length] ?? 'tirane' },
      { telegramId, chatId: telegramId, language: options.language?.(index) ?? 'en' },
    );
    if (registered.kind !== 'registered') throw new Error(registered.kind);
    if (index < (options.checkedIn ?? count)) await h.events.participants.checkIn(event, registered.participant.id, 1, 'organiser');
    people.push({ id: registered.participant.id, telegramId, name });
  }
  return { event, session, people };
}

/** What the outbox holds for a chat: the texts and purposes, in order. */
export async function outboxTo(h: EventsHarness, chatId: number): Promise<{ text: string; purpose: string; status: string }[]> {
  const rows = await h.db.prisma.outboxMessage.findMany({ where: { chatKey: h.parts.outbox.chatKey(chatId, 'cafe_round') }, orderBy: { id: 'asc' } });
  return rows.map((row) => ({ text: String(JSON.parse(row.payload).text ?? ''), purpose: row.purpose ?? '', status: row.status }));
}

/** A text of the World Café namespace. */
export const cafeText = (h: EventsHarness, language: 'sq' | 'en' | 'it' | 'el', key: string, vars?: Record<string, string | number>) => h.i18n.t(language, `events.cafe:${key}`, vars);

/** A staff member who organises the event. */
export async function organiserOf(h: EventsHarness, event: EventRecord, telegramId: number, role = 'organiser') {
  await h.db.prisma.operator.create({
    data: { id: `op-${telegramId}`, telegramId: String(telegramId), pseudonym: null, role, languages: JSON.stringify(['en']), skills: '[]', createdAt: h.clock.now(), presence: 'off' },
  });
  await h.events.addOrganiser(event.id, `op-${telegramId}`);
}
