import type { HelpCase } from '../helpline/cases.js';
import type { Contacts } from '../helpline/contacts.js';
import type { DutyStore } from '../helpline/operators.js';
import type { Clock } from '../shared/clock.js';
import type { CaseMessage, HandoffStore, OnDuty, Outgoing, OutboxStore } from './model.js';
import type { Outbox } from './outbox.js';
import { consoleLanguage, type Views } from './views.js';

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

  async function toPerson(helpCase: HelpCase, dedupeKey: string, text: string, keyboard: { text: string; callback_data: string }[][] = []): Promise<Outgoing | undefined> {
    const chatId = await contacts.chatOf(helpCase.contactId);
    if (chatId === undefined) return undefined;
    return {
      chatId,
      method: 'sendMessage',
      payload: { text, ...(keyboard.length > 0 ? { reply_markup: { inline_keyboard: keyboard } } : {}) },
      dedupeKey,
      caseId: helpCase.id,
      contactId: helpCase.contactId,
    };
  }

  const operatorById = async (id: string | null) => (id ? (await duty.onDuty()).find((operator) => operator.id === id) : undefined);

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

  async function relayToOperator(helpCase: HelpCase, operator: OnDuty, messages: CaseMessage[]): Promise<Outgoing[]> {
    const personChat = await contacts.chatOf(helpCase.contactId);
    return messages.flatMap((message): Outgoing[] => {
      const key = `relay:${message.id}:${operator.id}`;
      if (message.kind === 'text' || message.messageId === null || personChat === undefined) {
        return [toOperator(operator, key, views.fromPerson(helpCase.code, message.text ?? tr(consoleLanguage(operator))('transcript.media', { kind: message.kind })), {}, helpCase.id)];
      }
      const copy: Outgoing = {
        chatId: Number(operator.telegramId),
        method: 'copyMessage',
        fromChatId: personChat,
        payload: { message_id: message.messageId, ...(CAPTIONED.has(message.kind) ? { caption: views.fromPerson(helpCase.code, message.text ?? '') } : {}) },
        dedupeKey: key,
        caseId: helpCase.id,
        operatorId: operator.id,
      };
      return CAPTIONED.has(message.kind) ? [copy] : [toOperator(operator, `${key}:head`, views.fromPerson(helpCase.code, '⤵'), {}, helpCase.id), copy];
    });
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

  return { toOperator, toPerson, operatorById, send, briefing, relayToOperator, retireCards, captioned: (kind: string) => CAPTIONED.has(kind) };
}

export type Deliveries = ReturnType<typeof createDeliveries>;
