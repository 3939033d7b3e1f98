import { backInQueue, type HelpCase } from '../helpline/cases.js';
import type { Language } from '../i18n/index.js';
import type { Deliveries, DeliveryDeps } from './deliveries.js';
import type { OnDuty } from './model.js';
import { isSupervisor, queueOrder, type Paging } from './paging.js';
import { createRelay } from './relay.js';
import { consoleLanguage } from './views.js';
import { button, FEEDBACK } from '../transport/telegram/callback-data.js';

export type { Incoming } from './relay.js';

/** How a case may end, and where the person was referred (what the regional committee counts). */
export const CLOSE_OUTCOMES = ['referred', 'information', 'no_contact', 'not_relevant', 'other'] as const;
export const REFERRALS = ['police', 'child_protection', 'shelter', 'legal_aid', 'health', 'labour_inspectorate', 'hotline_116006', 'information_only', 'other'] as const;

const MENU_BUTTON = button.menu('home');

export type ClaimResult = { kind: 'claimed'; helpCase: HelpCase } | { kind: 'taken' | 'closed' | 'unknown' | 'yours' };

export interface HandoffDeps extends DeliveryDeps {
  paging: Paging;
  deliveries: Deliveries;
}

export function createHandoff(deps: HandoffDeps) {
  const { store, duty, views, clock } = deps;
  const tr = views.tr;

  const { deliveries } = deps;
  const { toOperator, toPerson, operatorById, send, briefing, retireCards } = deliveries;
  const personLanguage = (helpCase: HelpCase) => helpCase.language as Language;

  /** The case an operator's messages go to: the one on their console, if they still hold it and its chat is live. */
  async function consoleCase(operator: OnDuty): Promise<HelpCase | undefined> {
    const helpCase = operator.activeCaseId ? await store.byId(operator.activeCaseId) : undefined;
    return helpCase && helpCase.status === 'active' && helpCase.operatorId === operator.id ? helpCase : undefined;
  }

  /** What an operator may act on: their own case, or any open case for supervisors and admins. */
  async function reachable(operator: OnDuty, code: string): Promise<HelpCase | undefined> {
    const helpCase = await store.byCode(code.toUpperCase());
    if (!helpCase || helpCase.status === 'closed') return undefined;
    return helpCase.operatorId === operator.id || isSupervisor(operator) ? helpCase : undefined;
  }

  return {
    ...createRelay(deps, deliveries, { consoleCase, reachable }),
    consoleCase,
    reachable,
    liveCase: (contactId: string) => store.liveFor(contactId),

    async claim(operator: OnDuty, code: string): Promise<ClaimResult> {
      const helpCase = await store.byCode(code);
      if (!helpCase) return { kind: 'unknown' };
      if (helpCase.status === 'closed') return { kind: 'closed' };
      if (helpCase.status === 'active') return { kind: helpCase.operatorId === operator.id ? 'yours' : 'taken' };
      const now = clock.now();
      // The database decides: only one conditional update finds the case still pending.
      const taken = { status: 'active', operatorId: operator.id, claimedAt: helpCase.claimedAt ?? now, escalateAt: null } as const;
      if (!(await store.change(helpCase.id, { status: 'pending' }, taken))) {
        const after = await store.byId(helpCase.id);
        return { kind: after?.status === 'closed' ? 'closed' : 'taken' };
      }
      const claimed: HelpCase = { ...helpCase, ...taken };
      await duty.setActiveCase(operator.id, claimed.id);
      await store.record({ caseId: claimed.id, action: 'claimed', operatorId: operator.id, detail: null, at: now });
      const language = personLanguage(claimed);
      const hello = operator.pseudonym ? tr(language)('person.joined', { name: operator.pseudonym }) : tr(language)('person.joined_anonymous');
      const joined = await toPerson(claimed, `joined:${claimed.id}:${operator.id}:${now.getTime()}`, hello);
      await send([...(await retireCards(claimed, operator)), ...(await briefing(claimed, operator, `claim${now.getTime()}`)), joined]);
      return { kind: 'claimed', helpCase: claimed };
    },

    /** Open cases an operator may see: their own and the queue; supervisors and admins see all. */
    async visible(operator: OnDuty): Promise<HelpCase[]> {
      const open = await store.open();
      const mine = open.filter((helpCase) => helpCase.status === 'pending' || helpCase.operatorId === operator.id || isSupervisor(operator));
      // The queue first, in its order (risk, then waiting time); then the cases being handled.
      return [...mine.filter((helpCase) => helpCase.status === 'pending').sort(queueOrder), ...mine.filter((helpCase) => helpCase.status !== 'pending')];
    },

    /** Puts a case on the operator's console and shows its transcript; recorded as a view. */
    async use(operator: OnDuty, code: string): Promise<HelpCase | undefined> {
      const helpCase = await reachable(operator, code);
      if (!helpCase) return undefined;
      const now = clock.now();
      if (helpCase.operatorId === operator.id) await duty.setActiveCase(operator.id, helpCase.id);
      await store.record({ caseId: helpCase.id, action: 'viewed', operatorId: operator.id, detail: null, at: now });
      const language = consoleLanguage(operator);
      const parts = views.transcript(helpCase, await store.transcript(helpCase.id), language, now);
      // The story first, then, for the case's holder, where their messages now go.
      if (helpCase.operatorId === operator.id) parts.push(tr(language)('console.now_on', { code: helpCase.code }));
      await send(parts.map((text, index) => toOperator(operator, `view:${helpCase.id}:${operator.id}:${now.getTime()}:${index}`, text, {}, helpCase.id)));
      return helpCase;
    },

    /** Hands a case to another operator, or back to the queue (`queue`); the note stays in the transcript. */
    async transfer(operator: OnDuty, code: string, target: string): Promise<'transferred' | 'queued' | 'unknown' | 'no_target'> {
      const helpCase = await reachable(operator, code);
      if (!helpCase || helpCase.status !== 'active') return 'unknown';
      const now = clock.now();
      const next = target === 'queue' ? undefined : await operatorById(target);
      if (target !== 'queue' && !next) return 'no_target';
      const moved = await store.change(
        helpCase.id,
        { status: 'active', operatorId: helpCase.operatorId },
        next ? { operatorId: next.id } : backInQueue(now),
      );
      if (!moved) return 'unknown';
      const previous = await operatorById(helpCase.operatorId);
      if (previous?.activeCaseId === helpCase.id) await duty.setActiveCase(previous.id, null);
      await store.record({ caseId: helpCase.id, action: next ? 'transferred' : 'released', operatorId: operator.id, detail: next?.id ?? null, at: now });
      const language = personLanguage(helpCase);
      const told = await toPerson(helpCase, `moved:${helpCase.id}:${now.getTime()}`, tr(language)(next ? 'person.transferred' : 'person.requeued'));
      if (!next) {
        await send([told]);
        await deps.paging.caseOpened({ ...helpCase, ...backInQueue(now) });
        return 'queued';
      }
      const held: HelpCase = { ...helpCase, operatorId: next.id };
      await duty.setActiveCase(next.id, held.id);
      const hello = toOperator(next, `handed:${held.id}:${next.id}:${now.getTime()}`, tr(consoleLanguage(next))('console.handed', { code: held.code, name: operator.pseudonym ?? tr(consoleLanguage(next))('a_colleague') }), {}, held.id);
      await send([hello, ...(await briefing(held, next, `transfer${now.getTime()}`)), told]);
      return 'transferred';
    },

    /** Stops the live chat; the person is back at the menu; the case stays open to close. */
    async end(operator: OnDuty): Promise<HelpCase | undefined> {
      const helpCase = await consoleCase(operator);
      if (!helpCase || helpCase.chatEndedAt !== null) return undefined;
      const now = clock.now();
      if (!(await store.change(helpCase.id, { status: 'active', chatEndedAt: null }, { chatEndedAt: now }))) return undefined;
      await store.record({ caseId: helpCase.id, action: 'ended', operatorId: operator.id, detail: null, at: now });
      const language = personLanguage(helpCase);
      await send([await toPerson(helpCase, `ended:${helpCase.id}`, tr(language)('person.ended'), [[{ text: tr(language)('helpline:buttons.menu'), callback_data: MENU_BUTTON }]])]);
      return helpCase;
    },

    /** Closes with an outcome and a referral category; the person, unless they left, is offered the feedback survey. */
    async close(operator: OnDuty, code: string, outcome: string, referral: string): Promise<HelpCase | undefined> {
      const helpCase = await reachable(operator, code);
      if (!helpCase || helpCase.status !== 'active') return undefined;
      const now = clock.now();
      const closed = await store.change(helpCase.id, { status: 'active', operatorId: helpCase.operatorId }, { status: 'closed', closedAt: now, outcome, referral, chatEndedAt: helpCase.chatEndedAt ?? now });
      if (!closed) return undefined;
      const holder = await operatorById(helpCase.operatorId);
      if (holder?.activeCaseId === helpCase.id) await duty.setActiveCase(holder.id, null);
      await store.record({ caseId: helpCase.id, action: 'closed', operatorId: operator.id, detail: `${outcome}/${referral}`, at: now });
      const left = (await store.events(helpCase.id)).some((event) => event.action === 'person_left');
      if (!left && helpCase.blockedAt === null) {
        const language = personLanguage(helpCase);
        const t = tr(language);
        await send([await toPerson(helpCase, `closed:${helpCase.id}`, t('person.closed'), [[{ text: t('person.feedback'), callback_data: FEEDBACK }], [{ text: t('helpline:buttons.menu'), callback_data: MENU_BUTTON }]])]);
      }
      return { ...helpCase, status: 'closed', outcome, referral };
    },

    /** The person used the quick exit: the live chat stops, and nothing more is sent to them about it. */
    async personLeft(contactId: string): Promise<void> {
      const helpCase = await store.liveFor(contactId);
      if (!helpCase) return;
      const now = clock.now();
      await store.record({ caseId: helpCase.id, action: 'person_left', operatorId: null, detail: null, at: now });
      if (helpCase.status !== 'active') return;
      await store.change(helpCase.id, { status: 'active', chatEndedAt: null }, { chatEndedAt: now });
      const operator = await operatorById(helpCase.operatorId);
      if (operator) await send([toOperator(operator, `left:${helpCase.id}`, tr(consoleLanguage(operator))('console.person_left', { code: helpCase.code }), {}, helpCase.id)]);
    },

    /** Telegram refused a message to the person for good: the case is marked and its operator told. */
    async blocked(caseId: string): Promise<void> {
      const helpCase = await store.byId(caseId);
      if (!helpCase || helpCase.blockedAt !== null) return;
      const now = clock.now();
      await store.change(helpCase.id, {}, { blockedAt: now, chatEndedAt: helpCase.chatEndedAt ?? now });
      await store.record({ caseId: helpCase.id, action: 'blocked', operatorId: null, detail: null, at: now });
      const operator = await operatorById(helpCase.operatorId);
      if (operator) await send([toOperator(operator, `blocked:${helpCase.id}`, tr(consoleLanguage(operator))('console.blocked', { code: helpCase.code }), {}, helpCase.id)]);
    },
  };
}

export type Handoff = ReturnType<typeof createHandoff>;
