import { RISK_LEVELS } from '../../flows/scoring.js';
import type { HelpCase } from '../cases.js';
import type { DutyStore } from '../../staff/operators.js';
import type { Clock } from '../../shared/clock.js';
import { createCommit } from './commit.js';
import { CARD_PURPOSES, PURPOSES, type CaseEvent, type HandoffStore } from './model.js';
import type { Outgoing, OutboxStore } from '../../delivery/model.js';
import type { OnDuty } from '../../staff/operators.js';
import type { Outbox } from '../../delivery/outbox.js';
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
  Object.values(helpCase.summary.answers).some((answer) => (answer.kind === 'choice' && answer.code === 'talk_to_woman') || (answer.kind === 'choices' && answer.codes.includes('talk_to_woman')));

/** The skill a case asks for that the operator lacks: `child` for under-18s, `female` where the person asked for a woman. */
export function missingSkill(operator: Pick<OnDuty, 'skills'>, helpCase: HelpCase): 'child' | 'female' | undefined {
  if (helpCase.ageBand === 'child' && !operator.skills.includes('child')) return 'child';
  if (wantsWoman(helpCase) && !operator.skills.includes('female')) return 'female';
  return undefined;
}

/** Language first; the `child` skill for under-18s; `female` where the person asked for a woman. */
export function matches(operator: OnDuty, helpCase: HelpCase): boolean {
  return operator.languages.includes(helpCase.language) && missingSkill(operator, helpCase) === undefined;
}

/** Queue order: risk level first, then waiting time. */
export const queueOrder = (a: HelpCase, b: HelpCase) => RISK_LEVELS.indexOf(b.level) - RISK_LEVELS.indexOf(a.level) || a.createdAt.getTime() - b.createdAt.getTime();

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
  const { duty, views, clock, timezone } = deps;
  const commit = createCommit(deps.store, deps.outbox);

  /** Every operator, and those on call now. */
  async function roster(): Promise<Roster> {
    const [operators, shifts] = await Promise.all([duty.onDuty(), deps.shifts.all()]);
    const byOperator = shiftsByOperator(shifts);
    const now = clock.now();
    return { operators, onCall: operators.filter((operator) => isOnCall(operator, byOperator.get(operator.id) ?? [], now, timezone)) };
  }

  /** Cards for whoever `mode` names and has none yet, and the audit line of each page. */
  async function cardsFor(helpCase: HelpCase, mode: PageMode, known?: Roster): Promise<{ outgoing: Outgoing[]; events: CaseEvent[] }> {
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
    // A card is the operator's whose chat it went to.
    const earlier = await deps.outboxStore.about(helpCase.id, CARD_PURPOSES);
    const chats = new Map(chosen.map((operator) => [operator.id, deps.outbox.chatKey(Number(operator.telegramId), PURPOSES.card)]));
    const current = new Set(earlier.filter((card) => card.purpose === PURPOSES.card).map((card) => card.chatKey));
    const round = (operator: OnDuty) => earlier.filter((card) => card.chatKey === chats.get(operator.id)).length;
    const fresh = chosen.filter((operator) => !current.has(chats.get(operator.id) ?? ''));
    const now = clock.now();
    return {
      outgoing: fresh.map((operator) => ({
        chatId: Number(operator.telegramId),
        method: 'sendMessage',
        payload: views.card(helpCase, consoleLanguage(operator), now),
        dedupeKey: `card:${helpCase.id}:${operator.id}:${round(operator)}`,
        purpose: PURPOSES.card,
        topic: helpCase.id,
      })),
      // Who was paged, how (match, all, supervisors) and when: one audit line per operator.
      events: fresh.map((operator) => ({ caseId: helpCase.id, action: 'paged', operatorId: operator.id, detail: mode, at: now })),
    };
  }

  /** Sends case cards to whoever `mode` names and has none yet, while the case waits; returns how many got one now. */
  async function page(helpCase: HelpCase, mode: PageMode, known?: Roster): Promise<number> {
    const { outgoing, events } = await cardsFor(helpCase, mode, known);
    if (outgoing.length === 0) return 0;
    return (await commit({ caseId: helpCase.id, expected: { status: 'pending' }, changes: { pagedAt: clock.now() }, events, outgoing })) ? outgoing.length : 0;
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
    const { outgoing, events } = await cardsFor(helpCase, 'match', known);
    // Taken or left meanwhile: nobody needs a card any more.
    await commit({ caseId: helpCase.id, expected: { status: 'pending' }, changes: { pagedAt: clock.now(), escalateAt }, events, outgoing });
    return { onCall: known.onCall.length };
  }

  return { roster, cardsFor, page, caseOpened };
}

export type Paging = ReturnType<typeof createPaging>;
