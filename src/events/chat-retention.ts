import type { Clock } from '../shared/clock.js';
import { wallClock } from '../shared/zone.js';
import type { EventRecord } from './model.js';
import type { EventCatalogStore } from './store.js';

const DAY_MS = 86_400_000;

/** What the nightly run asks of storage (src/storage/event-chat-repository.ts). */
export interface EventChatRetentionStore {
  /** Deletes the chats' places in these events, then makes the deleted data unreadable in the database files; how many. */
  forgetChats(eventIds: readonly string[]): Promise<number>;
}

/** Whether the event's last day, in its own time zone, is over at `at`. */
export function endedAt(event: Pick<EventRecord, 'startsOn' | 'days' | 'timezone'>, at: Date): boolean {
  const local = wallClock(at, event.timezone);
  const [year, month, day] = event.startsOn.split('-').map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  return Date.UTC(local.year, local.month - 1, local.day) >= Date.UTC(year, month - 1, day) + event.days * DAY_MS;
}

/**
 * A chat's place in an event (the event it joined, where its registration stands,
 * what it was typing) serves the event only: `days` after the event's last day it is
 * deleted. The participant's registration and days present stay, for the event's
 * report; this is the link from a Telegram chat to the event that goes.
 */
export function createEventChatRetention(deps: { events: Pick<EventCatalogStore, 'events'>; store: EventChatRetentionStore; clock: Clock; days: number }) {
  return {
    async run(): Promise<{ chats: number }> {
      const cutoff = new Date(deps.clock.now().getTime() - deps.days * DAY_MS);
      const over = (await deps.events.events()).filter((event) => endedAt(event, cutoff)).map((event) => event.id);
      return { chats: over.length === 0 ? 0 : await deps.store.forgetChats(over) };
    },
  };
}
