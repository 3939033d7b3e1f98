import type { HelpCase } from '../cases.js';
import type { Deliveries, DeliveryDeps } from './deliveries.js';
import { caseEvent as event } from './commit.js';
import { consoleLanguage } from './views.js';

/**
 * The person leaves (quick exit, /delete) or can no longer be reached (blocked the
 * bot): contact ends on every path, each change in one step with what it causes.
 */
export function createLeaving(deps: DeliveryDeps, deliveries: Deliveries) {
  const { store, views, clock } = deps;
  const tr = views.tr;
  const { toOperator, operatorById, commit, editCards } = deliveries;

  /**
   * The person left a waiting case: it leaves the queue, closed as contact lost (never
   * taken), and every card sent for it says so. Nothing still queued for them goes out.
   */
  async function leaveWaiting(helpCase: HelpCase, now: Date): Promise<boolean> {
    const cards = await editCards(helpCase, `left:${now.getTime()}`, (_holder, language) => tr(language)('card.left', { code: helpCase.code }));
    return commit({
      caseId: helpCase.id,
      expected: { status: 'pending', leftAt: null },
      changes: { status: 'closed', closedAt: now, outcome: 'no_contact', chatEndedAt: helpCase.chatEndedAt ?? now, leftAt: now, escalateAt: null },
      events: [event(helpCase, 'person_left', null, now), event(helpCase, 'closed', null, now, 'no_contact')],
      outgoing: cards.outgoing,
      retiredCards: cards.retired,
      forget: { contactId: helpCase.contactId },
    });
  }

  /** The person left a case an operator holds: its chat ends for good, and the operator is told to close it. */
  async function leaveHeld(helpCase: HelpCase, now: Date): Promise<boolean> {
    const operator = await operatorById(helpCase.operatorId);
    return commit({
      caseId: helpCase.id,
      expected: { status: 'active', operatorId: helpCase.operatorId, leftAt: null },
      changes: { leftAt: now, chatEndedAt: helpCase.chatEndedAt ?? now },
      events: [event(helpCase, 'person_left', null, now)],
      outgoing: operator ? [toOperator(operator, `left:${helpCase.id}`, tr(consoleLanguage(operator))('console.person_left', { code: helpCase.code }), {}, helpCase.id)] : [],
      forget: { contactId: helpCase.contactId },
    });
  }

  return {
    /**
     * The person used the quick exit (or deleted their data): every case of theirs ends
     * for good, and nothing still queued for them goes out. A waiting case leaves the
     * queue; a held one stays with its operator to close.
     */
    async personLeft(contactId: string): Promise<void> {
      const now = clock.now();
      const open = await store.openOf(contactId);
      if (open.length === 0) return deps.outboxStore.forget(contactId);
      for (const found of open) {
        // Taken, put back or left at this very moment: read again and decide on what it is now.
        for (let helpCase: HelpCase | undefined = found, attempt = 0; helpCase && helpCase.status !== 'closed' && helpCase.leftAt === null && attempt < 5; attempt++) {
          if (await (helpCase.status === 'pending' ? leaveWaiting(helpCase, now) : leaveHeld(helpCase, now))) break;
          helpCase = await store.byId(helpCase.id);
        }
      }
    },

    /** Telegram refused a message to the person for good: the case is marked and its operator told. */
    async blocked(caseId: string): Promise<void> {
      const helpCase = await store.byId(caseId);
      if (!helpCase || helpCase.blockedAt !== null) return;
      const now = clock.now();
      const operator = await operatorById(helpCase.operatorId);
      await commit({
        caseId: helpCase.id,
        expected: { blockedAt: null },
        changes: { blockedAt: now, chatEndedAt: helpCase.chatEndedAt ?? now },
        events: [event(helpCase, 'blocked', null, now)],
        outgoing: operator ? [toOperator(operator, `blocked:${helpCase.id}`, tr(consoleLanguage(operator))('console.blocked', { code: helpCase.code }), {}, helpCase.id)] : [],
      });
    },
  };
}
