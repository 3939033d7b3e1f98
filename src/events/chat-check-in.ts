import type { ChatAnswer } from './chat-answer.js';
import type { ChatKit } from './chat-kit.js';
import { acceptsEntranceCode, ENTRANCE_CODE_TRIES, type EntranceSigner, entranceWindowOf } from './entrance-code.js';
import { eventDayAt } from './event-day.js';
import { type EventRecord, type Participant, personKeyOf } from './model.js';
import type { EventChatRecord } from './store.js';

/**
 * Check-in by the entrance code typed in the chat: on a day of the event (in its time
 * zone), by a registered participant who has not left, with the code of this window or
 * the last. Wrong codes are counted per window and cut short after ENTRANCE_CODE_TRIES.
 */
interface Ready {
  participant: Participant;
  day: number;
}
const isReady = (value: Ready | ChatAnswer): value is Ready => 'participant' in value;

export function chatCheckIn(kit: ChatKit, sign: EntranceSigner) {
  const { store, participants, clock } = kit.deps;

  /** The participant and the day they would check in on now, or why they cannot. */
  function ready(event: EventRecord, participant: Participant | undefined, language: string): Ready | ChatAnswer {
    if (event.status !== 'open') return kit.refused('closed', language, event);
    if (!participant) return kit.refused('not_registered', language, event);
    if (participant.leftAt !== null) return kit.refused('left', language, event);
    const day = eventDayAt(event, clock.now());
    return day === undefined ? kit.refused('not_today', language, event) : { participant, day };
  }

  const presentOn = async (event: EventRecord, participant: Participant, day: number) => {
    const key = personKeyOf(participant);
    return (await store.attendance(event.id)).some((row) => row.personKey === key && row.day === day);
  };

  return {
    /** The "check in" button: asks for the code (typed text is then the check-in's for a while). */
    async prompt(key: string, event: EventRecord, participant: Participant | undefined, language: string): Promise<ChatAnswer> {
      const now = ready(event, participant, language);
      if (!isReady(now)) return now;
      const { day } = now;
      if (await presentOn(event, now.participant, day)) return { kind: 'checked_in', event, language, day, already: true };
      await kit.save(key, event, language, { at: 'code' });
      return { kind: 'ask_code', event, language };
    },

    /** A code typed in the chat. */
    async typed(chat: EventChatRecord, event: EventRecord, participant: Participant | undefined, text: string): Promise<ChatAnswer> {
      const language = chat.language;
      const checking = ready(event, participant, language);
      if (!isReady(checking)) return checking;
      const now = clock.now();
      const window = entranceWindowOf(now);
      const tries = chat.tries?.window === window ? chat.tries.count : 0;
      if (tries >= ENTRANCE_CODE_TRIES) return kit.refused('too_many_tries', language, event);
      if (!acceptsEntranceCode(sign, event.id, text, now)) {
        // Still asking: the next thing typed is a second try, whatever it looks like.
        await kit.save(chat.key, event, language, { at: 'code' }, { window, count: tries + 1 });
        return kit.refused('wrong_code', language, event);
      }
      const recorded = await participants.checkIn(event, checking.participant.id, checking.day, 'chat_code');
      await kit.save(chat.key, event, language, { at: 'done' });
      return { kind: 'checked_in', event, language, day: checking.day, already: !recorded };
    },
  };
}
