import type { Priority } from '../../delivery/model.js';
import type { DeliveryRules } from '../../delivery/outbox.js';
import { EVENTS_AREA } from '../model.js';
import type { EventPeopleStore } from '../store.js';
import { CAFE_PURPOSES } from './cafe-messages.js';
import { reachable } from './cafe-people.js';

/**
 * The café's messages are due to the minute (a room waits on the start, the warning must
 * come before the end), so none is bulk: they give way to a help-seeker's case only.
 */
const CAFE_PRIORITIES: Readonly<Record<(typeof CAFE_PURPOSES)[keyof typeof CAFE_PURPOSES], Priority>> = { [CAFE_PURPOSES.round]: 'normal', [CAFE_PURPOSES.harvest]: 'normal' };

/** What the outbox asks before a café message goes: its participant is still here (not left, not deleted). */
export const cafeDeliveryRules = (store: Pick<EventPeopleStore, 'participant'>): DeliveryRules => ({
  area: EVENTS_AREA,
  purposes: CAFE_PRIORITIES,
  mayReach: async (row) => row.recipientId === null || reachable(await store.participant(row.recipientId)),
});
