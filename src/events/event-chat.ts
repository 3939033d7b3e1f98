import type { ChatAnswer, ChatWho } from './chat-answer.js';
import { chatCheckIn } from './chat-check-in.js';
import { type ChatKitDeps, chatKit, isStanding, type Standing } from './chat-kit.js';
import type { EntranceSigner } from './entrance-code.js';
import { parseJoinCode } from './join-code.js';
import type { EventRecord } from './model.js';
import { readEntranceCode } from './entrance-code.js';
import { advance, firstStep, isAsking, listStart, type RegistrationInput, type RegistrationLists, type RegistrationStep, type Transition } from './registration.js';
import type { EventChatRecord } from './store.js';

/** How long typed text belongs to a registration step left waiting; after that it goes on (to the helpline). */
export const ASKING_MINUTES = 30;

/** The fields a participant corrects: a walk-in's one by one, an invitee's by choosing again from the list. */
export const CORRECTIONS = ['name', 'organisation', 'org_type', 'region', 'invitation'] as const;
export type CorrectionField = (typeof CORRECTIONS)[number];

/**
 * The events area in a participant's chat: joining by the event's code, registering,
 * seeing and correcting their data, leaving, deleting it, checking in by the entrance
 * code. Every use-case returns data (ChatAnswer) for the transport to write; every
 * button names its event by join code, so a button of a closed event, of another
 * event or of a step the chat has left is refused with nothing changed.
 */
export interface EventChat {
  /** `/start ev_<code>`: starts (or shows) the chat's registration for the event. */
  join(who: ChatWho, code: string): Promise<ChatAnswer>;
  /** A registration button. */
  step(who: ChatWho, joinCode: string, input: RegistrationInput): Promise<ChatAnswer>;
  /**
   * Something written in the chat (text, or undefined for anything else): the answer,
   * or undefined when it is not the events area's (no registration waiting for it, and
   * not an entrance code of a participant). One read by primary key decides.
   */
  typed(who: ChatWho, text: string | undefined): Promise<ChatAnswer | undefined>;
  /** `/me`: the participant's data for the event the chat joined last, or the registration where it stopped. */
  me(who: ChatWho): Promise<ChatAnswer>;
  /** The participant's data (a button). */
  card(who: ChatWho, joinCode: string): Promise<ChatAnswer>;
  /** What to correct (no field), starting a correction, or `cancel` back to the data. */
  correct(who: ChatWho, joinCode: string, field?: CorrectionField | 'cancel'): Promise<ChatAnswer>;
  /** The "check in" button: asks for the entrance code. */
  checkIn(who: ChatWho, joinCode: string): Promise<ChatAnswer>;
  /** Leaving the event: asked first (undefined), then done (true) or not (false). */
  leave(who: ChatWho, joinCode: string, confirmed?: boolean): Promise<ChatAnswer>;
  /** Deleting the participant's data: asked first, then done or not. */
  erase(who: ChatWho, joinCode: string, confirmed?: boolean): Promise<ChatAnswer>;
}

export function createEventChat(deps: ChatKitDeps & { sign: EntranceSigner }): EventChat {
  const kit = chatKit(deps);
  const { store, participants, clock } = deps;
  const codes = chatCheckIn(kit, deps.sign);

  /** What a transition comes to: the next question saved, or the registration or correction recorded. */
  async function settle(who: ChatWho, at: Standing & { chat: EventChatRecord }, transition: Transition, lists: RegistrationLists): Promise<ChatAnswer> {
    const { event, key, chat, participant } = at;
    const identity = { telegramId: who.telegramId, chatId: who.chatId, language: chat.language };
    const again = (hint: 'invitee_taken') => kit.question(event, chat.language, chat.step, lists, { hint });
    const done = async (note: 'registered' | 'already_registered' | 'corrected' | 'type_shared', registered: NonNullable<Standing['participant']>) => {
      await kit.save(key, event, chat.language, { at: 'done' });
      return kit.card(event, chat.language, registered, note);
    };
    switch (transition.kind) {
      case 'stale':
        return kit.refused('stale', chat.language, event);
      case 'ask': {
        const language = transition.language ?? chat.language;
        await kit.save(key, event, language, transition.step);
        return kit.question(event, language, transition.step, lists, transition.hint ? { hint: transition.hint } : {});
      }
      case 'register_invitee':
      case 'register_walk_in': {
        const result =
          transition.kind === 'register_invitee' ? await participants.registerInvitee(event, transition.inviteeId, identity) : await participants.registerWalkIn(event, transition.walkIn, identity);
        if (result.kind === 'closed') return kit.refused('closed', chat.language, event);
        if (result.kind === 'invitee_taken') return again('invitee_taken');
        return done(result.kind, result.participant);
      }
      case 'rechoose':
      case 'correct': {
        if (!participant) return kit.refused('not_registered', chat.language, event);
        const result = transition.kind === 'rechoose' ? await participants.rechoose(event, participant.id, transition.inviteeId) : await participants.correct(event, participant.id, transition.change);
        if (result.kind === 'closed') return kit.refused('closed', chat.language, event);
        if (result.kind === 'invitee_taken') return again('invitee_taken');
        if (result.kind === 'not_applicable') return kit.refused('stale', chat.language, event);
        return done(result.kind === 'type_shared' ? 'type_shared' : 'corrected', result.kind === 'corrected' ? result.participant : participant);
      }
    }
  }

  /** A registered participant of an open event named by a button, or the refusal. */
  async function registered(who: ChatWho, joinCode: string): Promise<(Standing & { participant: NonNullable<Standing['participant']> }) | ChatAnswer> {
    const at = await kit.standing(who, joinCode);
    if (!isStanding(at)) return at;
    const { participant } = at;
    return participant ? { ...at, participant } : kit.refused('not_registered', at.language, at.event);
  }

  /** Starts a correction's first step. */
  function correctionStep(field: CorrectionField, invited: boolean, lists: RegistrationLists): RegistrationStep | undefined {
    if (invited) return field === 'invitation' ? listStart(lists, 'correct') : undefined;
    switch (field) {
      case 'name':
        return { at: 'name', purpose: 'correct' };
      case 'organisation':
        return { at: 'organisation', purpose: 'correct', name: null };
      case 'org_type':
        return { at: 'org_type', purpose: 'correct', name: null, organisation: null };
      case 'region':
        return { at: 'region', purpose: 'correct', name: null, organisation: null, orgType: null };
      case 'invitation':
        return undefined;
    }
  }

  const fresh = (chat: EventChatRecord) => clock.now().getTime() - chat.updatedAt.getTime() < ASKING_MINUTES * 60_000;

  /** The chat's record and its event; a record whose event is gone is dropped. */
  async function current(who: ChatWho): Promise<{ chat: EventChatRecord; event: EventRecord } | undefined> {
    const chat = await store.chat(kit.keyOf(who));
    if (!chat) return undefined;
    const event = await store.event(chat.eventId);
    if (event) return { chat, event };
    await store.deleteChat(chat.key);
    return undefined;
  }

  return {
    async join(who, code) {
      const joinCode = parseJoinCode(code);
      const event = joinCode === undefined ? undefined : await store.eventByJoinCode(joinCode);
      if (!event) return kit.refused('unknown_code', who.language);
      const key = kit.keyOf(who);
      const before = await store.chat(key);
      const language = kit.languageFor(event, who, before);
      if (event.status !== 'open') return kit.refused('closed', language, event);
      const participant = await participants.of(event.id, who.telegramId);
      if (participant) {
        if (participant.leftAt !== null) await participants.rejoin(participant.id);
        await kit.save(key, event, language, { at: 'done' });
        return kit.card(event, language, { ...participant, leftAt: null }, participant.leftAt !== null ? 'rejoined' : 'already_registered');
      }
      const lists = await kit.listsOf(event);
      const step = firstStep(lists);
      await kit.save(key, event, language, step);
      return kit.question(event, language, step, lists, { welcome: true });
    },

    async step(who, joinCode, input) {
      const at = await kit.standing(who, joinCode);
      if (!isStanding(at)) return at;
      const { chat } = at;
      if (!chat || !isAsking(chat.step) || chat.step.at === 'code') return kit.refused('stale', at.language, at.event);
      const lists = await kit.listsOf(at.event);
      return settle(who, { ...at, chat }, advance(chat.step, input, lists), lists);
    },

    async typed(who, text) {
      const found = await current(who);
      if (!found) return undefined;
      const { chat, event } = found;
      const asking = isAsking(chat.step) && fresh(chat);
      const looksLikeCode = text !== undefined && readEntranceCode(text) !== undefined;
      if (!asking && !looksLikeCode) return undefined;
      const participant = await participants.of(event.id, who.telegramId);
      if (chat.step.at === 'code' || (!asking && looksLikeCode)) {
        // An entrance code typed by someone who never registered is not the events area's.
        if (!participant && !asking) return undefined;
        return text === undefined ? kit.refused('wrong_code', chat.language, event) : codes.typed(chat, event, participant, text);
      }
      if (event.status !== 'open') return kit.refused('closed', chat.language, event);
      const lists = await kit.listsOf(event);
      if (text === undefined) return kit.question(event, chat.language, chat.step, lists, { hint: 'type_text' });
      const at: Standing & { chat: EventChatRecord } = { event, key: chat.key, chat, participant, language: chat.language };
      return settle(who, at, advance(chat.step, { kind: 'text', text }, lists), lists);
    },

    async me(who) {
      const found = await current(who);
      if (!found) return kit.refused('not_registered', who.language);
      const { chat, event } = found;
      const participant = await participants.of(event.id, who.telegramId);
      if (participant) return kit.card(event, chat.language, participant, 'shown');
      if (isAsking(chat.step) && chat.step.at !== 'code' && event.status === 'open') return kit.question(event, chat.language, chat.step, await kit.listsOf(event));
      return kit.refused('not_registered', chat.language, event);
    },

    async card(who, joinCode) {
      const at = await registered(who, joinCode);
      return isStanding(at) ? kit.card(at.event, at.language, at.participant, 'shown') : at;
    },

    async correct(who, joinCode, field) {
      const at = await registered(who, joinCode);
      if (!isStanding(at)) return at;
      const { event, key, participant, language } = at;
      const invited = participant.inviteeId !== null;
      if (field === undefined) return { kind: 'correct_menu', event, language, invited };
      if (field === 'cancel') {
        await kit.save(key, event, language, { at: 'done' });
        return kit.card(event, language, participant, 'shown');
      }
      const lists = await kit.listsOf(event);
      const step = correctionStep(field, invited, lists);
      if (!step) return kit.refused('stale', language, event);
      await kit.save(key, event, language, step);
      return kit.question(event, language, step, lists);
    },

    async checkIn(who, joinCode) {
      const at = await kit.standing(who, joinCode);
      return isStanding(at) ? codes.prompt(at.key, at.event, at.participant, at.language) : at;
    },

    async leave(who, joinCode, confirmed) {
      const at = await registered(who, joinCode);
      if (!isStanding(at)) return at;
      const { event, key, participant, language } = at;
      if (confirmed === undefined) return { kind: 'confirm', event, language, what: 'leave' };
      if (!confirmed) return kit.card(event, language, participant, 'shown');
      await participants.leave(participant.id);
      await kit.save(key, event, language, { at: 'done' });
      return kit.card(event, language, { ...participant, leftAt: participant.leftAt ?? clock.now() }, 'left');
    },

    async erase(who, joinCode, confirmed) {
      const at = await registered(who, joinCode);
      if (!isStanding(at)) return at;
      const { event, key, participant, language } = at;
      if (confirmed === undefined) return { kind: 'confirm', event, language, what: 'erase' };
      if (!confirmed) return kit.card(event, language, participant, 'shown');
      await participants.erase(participant.id);
      // Nothing keyed by this chat stays in the events area.
      await store.deleteChat(key);
      return { kind: 'erased', event, language };
    },
  };
}
