import type { HelpCase } from '../helpline/cases.js';
import type { Contacts } from '../helpline/contacts.js';
import type { DutyStore } from '../helpline/operators.js';
import type { Language } from '../i18n/index.js';
import type { Clock } from '../shared/clock.js';
import type { CaseMessage, HandoffStore, OnDuty, Outgoing, OutboxStore } from './model.js';
import type { Outbox } from './outbox.js';
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

  const toOperator = (operator: Pick<OnDuty, 'telegramId' | 'id'>, dedupeKey: string, text: string, extra: Record<string, unknown> = {}, caseId?: string): Outgoing => ({
    chatId: Number(operator.telegramId),
    method: 'sendMessage',
    payload: { text, ...extra },
    dedupeKey,
    operatorId: operator.id,
    ...(caseId ? { caseId } : {}),
  });

  const exitRow = (helpCase: HelpCase) => views.exitRow(helpCase.language as Language);

  async function toPerson(helpCase: HelpCase, dedupeKey: string, text: string, keyboard: { text: string; callback_data: string }[][] = []): Promise<Outgoing | undefined> {
    const chatId = await contacts.chatOf(helpCase.contactId);
    if (chatId === undefined) return undefined;
    return {
      chatId,
      method: 'sendMessage',
      payload: { text, reply_markup: { inline_keyboard: [...keyboard, exitRow(helpCase)] } },
      dedupeKey,
      caseId: helpCase.id,
      contactId: helpCase.contactId,
    };
  }

  const operatorById = async (id: string | null) => (id ? duty.byId(id) : undefined);

  async function send(messages: (Outgoing | undefined)[]) {
    const defined = messages.filter((message): message is Outgoing => message !== undefined);
    if (defined.length > 0) await outbox.enqueue(defined);
    outbox.kick();
  }

  /** The transcript and then the person's messages nobody has seen yet, to the operator now holding the case. */
  async function briefing(helpCase: HelpCase, operator: OnDuty, reason: string): Promise<Outgoing[]> {
    const language = consoleLanguage(operator);
    const messages = await store.transcript(helpCase.id);
    const seen = messages.filter((message) => message.relayedAt !== null || message.author !== 'person');
    const waiting = messages.filter((message) => message.relayedAt === null && message.author === 'person');
    const parts = views.transcript(helpCase, seen, language, clock.now());
    const out: Outgoing[] = parts.map((text, index) => toOperator(operator, `brief:${helpCase.id}:${operator.id}:${reason}:${index}`, text, {}, helpCase.id));
    out.push(...(await relayToOperator(helpCase, operator, waiting)));
    if (waiting.length > 0) await store.markRelayed(waiting.map((message) => message.id), clock.now());
    return out;
  }

  /**
   * One message relayed as the other side will see it, tagged: text in parts that fit
   * Telegram's limit; media copied (never forwarded) with the tag as caption, or after
   * a tag line for media without one, and a caption too long to carry the tag sent as text first.
   */
  function relayed(
    message: Pick<CaseMessage, 'kind' | 'text' | 'messageId'>,
    route: { chatId: number; fromChatId: number | undefined; tag: string; key: string; caseId: string; operatorId?: string; contactId?: string; keyboard?: { text: string; callback_data: string }[][] },
  ): Outgoing[] {
    const { chatId, fromChatId, tag, key, caseId } = route;
    const markup = route.keyboard ? { reply_markup: { inline_keyboard: route.keyboard } } : {};
    const to = { chatId, caseId, ...(route.operatorId ? { operatorId: route.operatorId } : {}), ...(route.contactId ? { contactId: route.contactId } : {}) };
    const texts = (text: string, suffix: string): Outgoing[] =>
      tagged(tag, text, MESSAGE_LIMIT).map((part, index) => ({ ...to, method: 'sendMessage', payload: { text: part, ...markup }, dedupeKey: `${key}${suffix}:${index}` }));
    if (message.kind === 'text' || message.messageId === null || fromChatId === undefined) return texts(message.text ?? `[${message.kind}]`, '');
    const copy = (caption: string | undefined): Outgoing => ({ ...to, method: 'copyMessage', fromChatId, payload: { message_id: message.messageId, ...(caption === undefined ? {} : { caption }), ...markup }, dedupeKey: key });
    if (!CAPTIONED.has(message.kind)) return [...texts('⤵', ':head'), copy(undefined)];
    const caption = tagged(tag, message.text ?? '', CAPTION_LIMIT);
    return caption.length === 1 ? [copy(caption[0])] : [...texts(message.text ?? '', ':caption'), copy(tag.trim())];
  }

  async function relayToOperator(helpCase: HelpCase, operator: OnDuty, messages: CaseMessage[]): Promise<Outgoing[]> {
    const personChat = await contacts.chatOf(helpCase.contactId);
    const tag = views.personTag(helpCase.code);
    return messages.flatMap((message) =>
      relayed(message, { chatId: Number(operator.telegramId), fromChatId: personChat, tag, key: `relay:${message.id}:${operator.id}`, caseId: helpCase.id, operatorId: operator.id }),
    );
  }

  /** Edits every card of the case: "taken" for the others, "yours" for the winner. */
  async function retireCards(helpCase: HelpCase, winner: OnDuty): Promise<Outgoing[]> {
    const cards = (await deps.outboxStore.cardsOf(helpCase.id)).filter((card) => card.purpose === 'card');
    await deps.outboxStore.retireCards(helpCase.id);
    const operators = await duty.onDuty();
    return cards.flatMap((card): Outgoing[] => {
      const holder = operators.find((operator) => operator.id === card.operatorId);
      if (!holder || card.sentMessageId === null) return [];
      const language = consoleLanguage(holder);
      const text = holder.id === winner.id ? tr(language)('card.yours', { code: helpCase.code }) : tr(language)('card.taken', { code: helpCase.code, name: winner.pseudonym ?? tr(language)('a_colleague') });
      return [{ ...toOperator(holder, `retire:${card.id}:${winner.id}:${helpCase.claimedAt?.getTime() ?? 0}`, text, { message_id: card.sentMessageId }, helpCase.id), method: 'editMessageText' }];
    });
  }

  return { toOperator, toPerson, exitRow, operatorById, send, briefing, relayed, relayToOperator, retireCards };
}

export type Deliveries = ReturnType<typeof createDeliveries>;
