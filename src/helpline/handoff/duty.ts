import type { HelpCase } from '../cases.js';
import type { DutyStore } from '../../staff/operators.js';
import type { Language } from '../../i18n/index.js';
import type { Clock } from '../../shared/clock.js';
import type { Logger } from '../../shared/logger.js';
import type { Deliveries } from './deliveries.js';
import type { HandoffStore } from './model.js';
import type { OnDuty } from '../../staff/operators.js';
import type { Outbox } from '../../delivery/outbox.js';
import { matches, queueOrder, type PageMode, type Paging, type Roster } from './paging.js';
import { isOnShift, shiftsByOperator, type ShiftStore } from './rota.js';
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
  deliveries: Deliveries;
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
  const { toOperator, toPerson, commit } = deps.deliveries;

  const waitingFor = (operator: OnDuty, open: HelpCase[]) => open.filter((helpCase) => helpCase.status === 'pending' && matches(operator, helpCase)).sort(queueOrder);

  /** Pages one operator who just came on call with every matching case waiting; returns how many. */
  async function catchUp(operator: OnDuty, waiting: HelpCase[]): Promise<number> {
    for (const helpCase of waiting) await paging.page(helpCase, 'match', { operators: [operator], onCall: [operator] });
    return waiting.length;
  }

  async function announceShifts(): Promise<void> {
    const [operators, shifts] = await Promise.all([duty.onDuty(), deps.shifts.all()]);
    const byOperator = shiftsByOperator(shifts);
    const now = clock.now();
    let open: HelpCase[] | undefined;
    for (const operator of operators) {
      const scheduled = isOnShift(byOperator.get(operator.id) ?? [], now, deps.timezone);
      if (scheduled === operator.onShift || !(await duty.announceShift(operator.id, scheduled))) continue;
      const t = views.tr(consoleLanguage(operator));
      const waiting = scheduled ? waitingFor(operator, (open ??= await store.open())) : [];
      const text = scheduled ? t('shift.started', { count: waiting.length }) : t('shift.ended');
      await outbox.enqueue([toOperator(operator, `shift:${operator.id}:${scheduled ? 'in' : 'out'}:${now.getTime()}`, text)]);
      await catchUp(operator, waiting);
    }
  }

  async function escalate(helpCase: HelpCase, known: Roster): Promise<void> {
    const now = clock.now();
    const step = STEPS[helpCase.escalation];
    if (!step) return;
    const next = helpCase.escalation + 1 < STEPS.length ? new Date(now.getTime() + targetMs(deps.targets, helpCase.level)) : null;
    const pages = step === 'tell_person' ? { outgoing: [], events: [] } : await paging.cardsFor(helpCase, step, known);
    const told = step === 'tell_person' ? await toPerson(helpCase, `longer:${helpCase.id}`, views.takingLonger(helpCase, helpCase.language as Language)) : [];
    // Only the tick that moves the case from this step to the next acts on it.
    const moved = await commit({
      caseId: helpCase.id,
      expected: { status: 'pending', escalation: helpCase.escalation },
      changes: { escalation: helpCase.escalation + 1, escalateAt: next },
      events: [{ caseId: helpCase.id, action: 'escalated', operatorId: null, detail: step, at: now }, ...pages.events],
      outgoing: [...pages.outgoing, ...told],
    });
    if (moved) deps.logger.warn({ case: helpCase.code, level: helpCase.level, step }, 'case not claimed in time; escalated');
  }

  return {
    /** One pass: shifts, cases never paged (opened while Ura was down, or put back), missed deadlines, then the outbox. */
    async tick(): Promise<void> {
      await announceShifts();
      const attention = await store.needingAttention(clock.now());
      if (attention.length > 0) {
        const known = await paging.roster();
        for (const helpCase of attention) {
          if (helpCase.pagedAt === null) await paging.caseOpened(helpCase, known);
          else await escalate(helpCase, known);
        }
      }
      outbox.kick();
      await outbox.idle();
    },

    /** /oncall and /offcall: steps in (and gets the waiting cards) or out until the next shift starts. */
    async setPresence(operator: OnDuty, on: boolean): Promise<number> {
      await duty.setPresence(operator.id, on ? 'on' : 'off');
      if (!on) return 0;
      const waiting = await catchUp(operator, waitingFor(operator, await store.open()));
      outbox.kick();
      return waiting;
    },
  };
}

export type Duty = ReturnType<typeof createDuty>;
