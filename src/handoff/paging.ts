import { RISK_LEVELS } from '../flows/scoring.js';
import type { HelpCase } from '../helpline/cases.js';
import type { DutyStore } from '../helpline/operators.js';
import type { Clock } from '../shared/clock.js';
import type { HandoffStore, OnDuty, Outgoing, OutboxStore } from './model.js';
import type { Outbox } from './outbox.js';
import { isOnCall, shiftsByOperator, type ShiftStore } from './rota.js';
import { targetMs, type ClaimTargets } from './targets.js';
import { consoleLanguage, type Views } from './views.js';

/** Who a page goes to: matching on-call operators, every on-call operator, or supervisors (on call or not). */
export type PageMode = 'match' | 'all' | 'supervisors';

/** Every operator, and those on call now: read once for a round of paging. */
export interface Roster {
  operators: OnDuty[];
  onCall: OnDuty[];
}

/** The person asked to talk to a woman (an answer in a screening). */
export const wantsWoman = (helpCase: HelpCase): boolean =>
  Object.values(helpCase.summary.answers).some(
    (answer) => (answer.kind === 'choice' && answer.code === 'talk_to_woman') || (answer.kind === 'choices' && answer.codes.includes('talk_to_woman')),
  );

/** Language first; the `child` skill for under-18s; `female` where the person asked for a woman. */
export function matches(operator: OnDuty, helpCase: HelpCase): boolean {
  if (!operator.languages.includes(helpCase.language)) return false;
  if (helpCase.ageBand === 'child' && !operator.skills.includes('child')) return false;
  if (wantsWoman(helpCase) && !operator.skills.includes('female')) return false;
  return true;
}

/** Queue order: risk level first, then waiting time. */
export const queueOrder = (a: HelpCase, b: HelpCase) =>
  RISK_LEVELS.indexOf(b.level) - RISK_LEVELS.indexOf(a.level) || a.createdAt.getTime() - b.createdAt.getTime();

export const isSupervisor = (operator: Pick<OnDuty, 'role'>) => operator.role === 'supervisor' || operator.role === 'admin';

export interface PagingDeps {
  store: HandoffStore;
  outboxStore: OutboxStore;
  outbox: Outbox;
  duty: DutyStore;
  shifts: ShiftStore;
  views: Views;
  clock: Clock;
  timezone: string;
  targets: ClaimTargets;
}

export function createPaging(deps: PagingDeps) {
  const { store, outbox, duty, views, clock, timezone } = deps;

  /** Every operator, and those on call now. */
  async function roster(): Promise<Roster> {
    const [operators, shifts] = await Promise.all([duty.onDuty(), deps.shifts.all()]);
    const byOperator = shiftsByOperator(shifts);
    const now = clock.now();
    return { operators, onCall: operators.filter((operator) => isOnCall(operator, byOperator.get(operator.id) ?? [], now, timezone)) };
  }

  /** Sends case cards to whoever `mode` names and has none yet; returns how many got one now. */
  async function page(helpCase: HelpCase, mode: PageMode, known?: Roster): Promise<number> {
    const { operators, onCall } = known ?? (await roster());
    let chosen: OnDuty[];
    if (mode === 'supervisors') chosen = operators.filter(isSupervisor);
    else if (mode === 'all') chosen = onCall;
    else {
      const matching = onCall.filter((operator) => matches(operator, helpCase));
      // Nobody on call matches: better any colleague now than the right one after the deadline.
      chosen = matching.length > 0 ? matching : onCall;
    }
    // A card per operator and round: a case put back in the queue is paged afresh.
    const earlier = await deps.outboxStore.cardsOf(helpCase.id);
    const current = new Set(earlier.filter((card) => card.purpose === 'card').map((card) => card.operatorId));
    const round = (operator: OnDuty) => earlier.filter((card) => card.operatorId === operator.id).length;
    const fresh = chosen.filter((operator) => !current.has(operator.id));
    const now = clock.now();
    const cards: Outgoing[] = fresh.map((operator) => ({
      chatId: Number(operator.telegramId),
      method: 'sendMessage',
      payload: views.card(helpCase, consoleLanguage(operator), now),
      dedupeKey: `card:${helpCase.id}:${operator.id}:${round(operator)}`,
      caseId: helpCase.id,
      purpose: 'card',
      operatorId: operator.id,
    }));
    if (cards.length > 0) {
      await outbox.enqueue(cards);
      // Who was paged, how (match, all, supervisors) and when: one audit line per operator.
      await store.record(fresh.map((operator) => ({ caseId: helpCase.id, action: 'paged' as const, operatorId: operator.id, detail: mode, at: now })));
    }
    return cards.length;
  }

  /**
   * A case was opened or raised: its deadline follows its level, and matching
   * operators are paged. Says whether anyone is on call to answer.
   */
  async function caseOpened(helpCase: HelpCase, known?: Roster): Promise<{ onCall: number }> {
    if (helpCase.status !== 'pending') return { onCall: 0 };
    const due = new Date(helpCase.createdAt.getTime() + targetMs(deps.targets, helpCase.level));
    const escalateAt = helpCase.escalateAt && helpCase.escalateAt < due ? helpCase.escalateAt : due;
    known ??= await roster();
    // Taken meanwhile: nobody needs a card any more.
    if (await store.change(helpCase.id, { status: 'pending' }, { pagedAt: clock.now(), escalateAt })) await page(helpCase, 'match', known);
    outbox.kick();
    return { onCall: known.onCall.length };
  }

  return { roster, page, caseOpened };
}

export type Paging = ReturnType<typeof createPaging>;
