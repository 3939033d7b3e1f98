import type { DeliveryRules } from '../../delivery/outbox.js';
import type { EventPeopleStore } from '../store.js';
import { CAFE_PURPOSES } from './cafe-messages.js';
import { reachable } from './cafe-people.js';

/** What the outbox asks before a café message goes: its participant is still here (not left, not deleted). */
export const cafeDeliveryRules = (store: Pick<EventPeopleStore, 'participant'>): DeliveryRules => ({
  purposes: Object.values(CAFE_PURPOSES),
  mayReach: async (row) => row.recipientId === null || reachable(await store.participant(row.recipientId)),
});
