import type { HelpCase } from '../helpline/cases.js';
import type { Contacts } from '../helpline/contacts.js';
import type { DutyStore } from '../helpline/operators.js';
import type { Language } from '../i18n/index.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { HandoffStore, OnDuty, Outgoing } from './model.js';
import type { Outbox } from './outbox.js';
import { matches, queueOrder, type PageMode, type Paging } from './paging.js';
import { isOnShift, type ShiftStore } from './rota.js';
import { targetMs, type ClaimTargets } from './targets.js';
import { consoleLanguage, type Views } from './views.js';

/** After each missed deadline, in turn: every on-call operator, then supervisors, then the person is told. */
const STEPS: (PageMode | 'tell_person')[] = ['all', 'supervisors', 'tell_person'];

export interface DutyDeps {
  store: HandoffStore;
  duty: DutyStore;
  shifts: ShiftStore;
  paging: Paging;
  outbox: Outbox;
  contacts: Pick<Contacts, 'chatOf'>;
  views: Views;
  clock: Clock;
  timezone: string;
  targets: ClaimTargets;
  logger: Logger;
}

/**
 * The on-call side that runs on a clock: shift announcements and escalation of
 * unclaimed cases. Every step is a conditional update in the database, so a tick
 * repeated or run by two processes does each thing once.
 */
export function createDuty(deps: DutyDeps) {
  const { store, duty, paging, outbox, views, clock } = deps;

  const toOperator = (operator: OnDuty, dedupeKey: string, text: string): Outgoing => ({ chatId: Number(operator.telegramId), method: 'sendMessage', payload: { text }, dedupeKey, operatorId: operator.id });

  async function pendingFor(operator: OnDuty): Promise<HelpCase[]> {
    return (await store.open()).filter((helpCase) => helpCase.status === 'pending' && matches(operator, helpCase)).sort(queueOrder);
  }

  /** Pages one operator who just came on call with every matching case waiting. */
  async function catchUp(operator: OnDuty): Promise<number> {
    const waiting = await pendingFor(operator);
    for (const helpCase of waiting) await paging.page(helpCase, 'match', { operators: [operator], onCall: [operator] });
    return waiting.length;
  }

  async function announceShifts(): Promise<void> {
    const [operators, shifts] = await Promise.all([duty.onDuty(), deps.shifts.all()]);
    const now = clock.now();
    for (const operator of operators) {
      const own = shifts.filter((shift) => shift.operatorId === operator.id);
      const scheduled = isOnShift(own, now, deps.timezone);
      if (scheduled === operator.onShift || !(await duty.announceShift(operator.id, scheduled))) continue;
      const t = views.tr(consoleLanguage(operator));
      const waiting = scheduled ? (await pendingFor(operator)).length : 0;
      const text = scheduled ? t('shift.started', { count: waiting }) : t('shift.ended');
      await outbox.enqueue([toOperator(operator, `shift:${operator.id}:${scheduled ? 'in' : 'out'}:${now.getTime()}`, text)]);
      if (scheduled) await catchUp({ ...operator, presence: null, onShift: true });
    }
  }

  async function escalate(helpCase: HelpCase): Promise<void> {
    const now = clock.now();
    const step = STEPS[helpCase.escalation];
    if (!step) return;
    const next = helpCase.escalation + 1 < STEPS.length ? new Date(now.getTime() + targetMs(deps.targets, helpCase.level)) : null;
    // Only the tick that moves the case from this step to the next acts on it.
    if (!(await store.change(helpCase.id, { status: 'pending', escalation: helpCase.escalation }, { escalation: helpCase.escalation + 1, escalateAt: next }))) return;
    await store.record({ caseId: helpCase.id, action: 'escalated', operatorId: null, detail: step, at: now });
    deps.logger.warn({ case: helpCase.code, level: helpCase.level, step }, 'case not claimed in time; escalated');
    if (step !== 'tell_person') {
      await paging.page(helpCase, step);
      return;
    }
    const chatId = await deps.contacts.chatOf(helpCase.contactId);
    if (chatId === undefined) return;
    const language = helpCase.language as Language;
    await outbox.enqueue([{ chatId, method: 'sendMessage', payload: { text: views.tr(language)('person.taking_longer'), reply_markup: { inline_keyboard: [views.exitRow(language)] } }, dedupeKey: `longer:${helpCase.id}`, caseId: helpCase.id, contactId: helpCase.contactId }]);
  }

  return {
    /** One pass: shifts, cases never paged (opened while Ura was down, or put back), missed deadlines, then the outbox. */
    async tick(): Promise<void> {
      await announceShifts();
      for (const helpCase of await store.needingAttention(clock.now())) {
        if (helpCase.pagedAt === null) await paging.caseOpened(helpCase.id);
        else await escalate(helpCase);
      }
      outbox.kick();
      await outbox.idle();
    },

    /** /oncall and /offcall: steps in (and gets the waiting cards) or out until the next shift starts. */
    async setPresence(operator: OnDuty, on: boolean): Promise<number> {
      await duty.setPresence(operator.id, on ? 'on' : 'off');
      if (!on) return 0;
      const waiting = await catchUp({ ...operator, presence: 'on' });
      outbox.kick();
      return waiting;
    },

    queue: async () => (await store.open()).filter((helpCase) => helpCase.status === 'pending').sort(queueOrder),
  };
}

export type Duty = ReturnType<typeof createDuty>;
