import type { HelpCase } from '../cases.js';
import type { Contacts } from '../contacts.js';
import type { DutyStore } from '../../staff/operators.js';
import type { Language } from '../../i18n/index.js';
import type { Clock } from '../../shared/clock.js';
import { CARD_PURPOSES, PURPOSES, type CaseMessage, type HandoffStore } from './model.js';
import type { Outgoing, OutboxStore } from '../../delivery/model.js';
import type { OnDuty } from '../../staff/operators.js';
import { createCommit } from './commit.js';
import type { Outbox } from '../../delivery/outbox.js';
import { CAPTION_LIMIT, consoleLanguage, MESSAGE_LIMIT, tagged, type Views } from './views.js';

/** Media whose caption can carry the case code; others are preceded by a line naming the case. */
const CAPTIONED = new Set(['photo', 'video', 'document', 'audio', 'voice', 'animation']);

export interface DeliveryDeps {
  store: HandoffStore;
  outboxStore: OutboxStore;
  outbox: Outbox;
  duty: DutyStore;
  contacts: Pick<Contacts, 'chatOf'>;
  views: Views;
  clock: Clock;
}

/** How the handoff addresses operators and people: the messages it puts in the outbox. */
export function createDeliveries(deps: DeliveryDeps) {
  const { store, outbox, duty, contacts, views, clock } = deps;
  const tr = views.tr;
  const commit = createCommit(store, outbox);

  const toOperator = (operator: Pick<OnDuty, 'telegramId' | 'id'>, dedupeKey: string, text: string, extra: Record<string, unknown> = {}, caseId?: string): Outgoing => ({
    chatId: Number(operator.telegramId),
    method: 'sendMessage',
    payload: { text, ...extra },
    dedupeKey,
    ...(caseId ? { purpose: PURPOSES.case, topic: caseId } : { purpose: PURPOSES.duty }),
  });

  const exitRow = (helpCase: HelpCase) => views.exitRow(helpCase.language as Language);

  /** Every card of a case: current ones and those of earlier rounds. */
  const cardsOf = (helpCase: Pick<HelpCase, 'id'>) => deps.outboxStore.about(helpCase.id, CARD_PURPOSES);
  /** The key of an operator's chat, as the outbox stores it: a card is the operator's whose chat it went to. */
  const chatOf = (operator: Pick<OnDuty, 'telegramId'>) => outbox.chatKey(Number(operator.telegramId), PURPOSES.card);

  /**
   * The one way to a case's person: their chat, or none when nothing may reach them:
   * they left (quick exit, /delete), blocked the bot, or the chat is over. Only the
   * message that ends the chat or closes the case (`ending`) goes after the chat is over.
   */
  async function personChat(helpCase: HelpCase, options: { ending?: boolean } = {}): Promise<number | undefined> {
    if (helpCase.leftAt !== null || helpCase.blockedAt !== null) return undefined;
    if (helpCase.chatEndedAt !== null && !options.ending) return undefined;
    return contacts.chatOf(helpCase.contactId);
  }

  /** A notice from the team to the case's person, with the one-tap exit; none when nothing may reach them. */
  async function toPerson(helpCase: HelpCase, dedupeKey: string, text: string, keyboard: { text: string; callback_data: string }[][] = [], options: { ending?: boolean } = {}): Promise<Outgoing[]> {
    const chatId = await personChat(helpCase, options);
    if (chatId === undefined) return [];
    const payload = { text, reply_markup: { inline_keyboard: [...keyboard, exitRow(helpCase)] } };
    return [{ chatId, method: 'sendMessage', payload, dedupeKey, purpose: PURPOSES.case, topic: helpCase.id, recipientId: helpCase.contactId }];
  }

  /**
   * Tells the operator, once per case, that the person asked to be written to only
   * after they write: what the team sends waits until then (the store holds it).
   */
  const heldNotice = (helpCase: HelpCase, operator: OnDuty): Outgoing[] =>
    helpCase.holdUntilPersonWrites ? [toOperator(operator, `held:${helpCase.id}:${operator.id}`, tr(consoleLanguage(operator))('console.held', { code: helpCase.code }), {}, helpCase.id)] : [];

  /** What an operator wrote, as the case's person sees it; none when nothing may reach them. */
  async function relayToPerson(helpCase: HelpCase, operator: OnDuty, message: CaseMessage): Promise<Outgoing[]> {
    const chatId = await personChat(helpCase);
    if (chatId === undefined) return [];
    return relayed(message, {
      chatId,
      fromChatId: Number(operator.telegramId),
      tag: views.operatorTag(operator.pseudonym, helpCase.language as Language),
      key: `relay:${message.id}`,
      caseId: helpCase.id,
      personId: helpCase.contactId,
      keyboard: [exitRow(helpCase)],
    });
  }

  const operatorById = async (id: string | null) => (id ? duty.byId(id) : undefined);

  /** The transcript and then the person's messages nobody has seen yet, for the operator now holding the case; `relayed`: those messages. */
  async function briefing(helpCase: HelpCase, operator: OnDuty, reason: string): Promise<{ outgoing: Outgoing[]; relayed: string[] }> {
    const language = consoleLanguage(operator);
    const messages = await store.transcript(helpCase.id);
    const seen = messages.filter((message) => message.relayedAt !== null || message.author !== 'person');
    const waiting = messages.filter((message) => message.relayedAt === null && message.author === 'person');
    const parts = views.transcript(helpCase, seen, language, clock.now());
    const outgoing: Outgoing[] = parts.map((text, index) => toOperator(operator, `brief:${helpCase.id}:${operator.id}:${reason}:${index}`, text, {}, helpCase.id));
    outgoing.push(...(await relayToOperator(helpCase, operator, waiting)));
    return { outgoing, relayed: waiting.map((message) => message.id) };
  }

  /**
   * One message relayed as the other side will see it, tagged: text in parts that fit
   * Telegram's limit; media copied (never forwarded) with the tag as caption, or after
   * a tag line for media without one, and a caption too long to carry the tag sent as text first.
   */
  function relayed(
    message: Pick<CaseMessage, 'kind' | 'text' | 'messageId'>,
    route: { chatId: number; fromChatId: number | undefined; tag: string; key: string; caseId: string; personId?: string; keyboard?: { text: string; callback_data: string }[][] },
  ): Outgoing[] {
    const { chatId, fromChatId, tag, key, caseId } = route;
    const markup = route.keyboard ? { reply_markup: { inline_keyboard: route.keyboard } } : {};
    const to = { chatId, purpose: PURPOSES.case, topic: caseId, ...(route.personId ? { recipientId: route.personId } : {}) };
    const texts = (text: string, suffix: string): Outgoing[] =>
      tagged(tag, text, MESSAGE_LIMIT).map((part, index) => ({ ...to, method: 'sendMessage', payload: { text: part, ...markup }, dedupeKey: `${key}${suffix}:${index}` }));
    if (message.kind === 'text' || message.messageId === null || fromChatId === undefined) return texts(message.text ?? `[${message.kind}]`, '');
    const copy = (caption: string | undefined): Outgoing => ({
      ...to,
      method: 'copyMessage',
      fromChatId,
      payload: { message_id: message.messageId, ...(caption === undefined ? {} : { caption }), ...markup },
      dedupeKey: key,
    });
    if (!CAPTIONED.has(message.kind)) return [...texts('⤵', ':head'), copy(undefined)];
    const caption = tagged(tag, message.text ?? '', CAPTION_LIMIT);
    return caption.length === 1 ? [copy(caption[0])] : [...texts(message.text ?? '', ':caption'), copy(tag.trim())];
  }

  async function relayToOperator(helpCase: HelpCase, operator: OnDuty, messages: CaseMessage[]): Promise<Outgoing[]> {
    const personChat = await contacts.chatOf(helpCase.contactId);
    const tag = views.personTag(helpCase.code);
    return messages.flatMap((message) => relayed(message, { chatId: Number(operator.telegramId), fromChatId: personChat, tag, key: `relay:${message.id}:${operator.id}`, caseId: helpCase.id }));
  }

  /**
   * The person's messages nobody has relayed yet, to the operator now holding the case:
   * those written while it was being taken. Relayed by a key, so twice is once.
   */
  async function relayWaiting(helpCase: HelpCase, holder: OnDuty): Promise<void> {
    const waiting = (await store.transcript(helpCase.id)).filter((message) => message.author === 'person' && message.relayedAt === null);
    if (waiting.length === 0) return;
    await commit({
      caseId: helpCase.id,
      expected: { status: 'active', operatorId: holder.id },
      changes: {},
      relayed: { ids: waiting.map((message) => message.id), at: clock.now() },
      outgoing: await relayToOperator(helpCase, holder, waiting),
    });
  }

  /** Edits every current card of the case with `text` (for its holder); `retired`: the cards, now of an earlier round. */
  async function editCards(helpCase: HelpCase, key: string, text: (holder: OnDuty, language: Language) => string): Promise<{ outgoing: Outgoing[]; retired: string[] }> {
    const cards = (await cardsOf(helpCase)).filter((card) => card.purpose === PURPOSES.card);
    const holders = new Map((await duty.onDuty()).map((operator) => [chatOf(operator), operator]));
    const outgoing = cards.flatMap((card): Outgoing[] => {
      const holder = holders.get(card.chatKey);
      if (!holder || card.sentMessageId === null) return [];
      return [{ ...toOperator(holder, `${key}:${card.id}`, text(holder, consoleLanguage(holder)), { message_id: card.sentMessageId }, helpCase.id), method: 'editMessageText' }];
    });
    return { outgoing, retired: cards.map((card) => card.id) };
  }

  /** The cards of a case just taken: "yours" for the winner, "taken" for the others. */
  const claimedCards = (helpCase: HelpCase, winner: OnDuty) =>
    editCards(helpCase, `retire:${winner.id}:${helpCase.claimedAt?.getTime() ?? 0}`, (holder, language) =>
      holder.id === winner.id ? tr(language)('card.yours', { code: helpCase.code }) : tr(language)('card.taken', { code: helpCase.code, name: winner.pseudonym ?? tr(language)('a_colleague') }),
    );

  return { toOperator, toPerson, heldNotice, relayToPerson, exitRow, operatorById, commit, briefing, relayToOperator, relayWaiting, editCards, claimedCards };
}

export type Deliveries = ReturnType<typeof createDeliveries>;
