import { backInQueue, type HelpCase } from '../cases.js';
import type { CountryChoice } from '../countries.js';
import type { Language } from '../../i18n/index.js';
import type { Deliveries, DeliveryDeps } from './deliveries.js';
import type { OnDuty } from '../../staff/operators.js';
import { isSupervisor, matches, missingSkill, queueOrder, type Paging } from './paging.js';
import { caseEvent as event } from './commit.js';
import { createLeaving } from './leaving.js';
import { createRelay } from './relay.js';
import { consoleLanguage } from './views.js';

export type { Incoming } from './relay.js';

/** How a case may end, and where the person was referred (what the regional committee counts). */
export const CLOSE_OUTCOMES = ['referred', 'information', 'no_contact', 'not_relevant', 'other'] as const;
export const REFERRALS = ['police', 'child_protection', 'shelter', 'legal_aid', 'health', 'labour_inspectorate', 'hotline_116006', 'information_only', 'other'] as const;

/** What a press on Take gets: the case, or why not (`left`: the person left; `needs_*`: a colleague with that skill is on call). */
export type ClaimResult = { kind: 'claimed'; helpCase: HelpCase } | { kind: 'taken' | 'closed' | 'unknown' | 'yours' | 'left' | 'needs_child' | 'needs_female' };

export interface HandoffDeps extends DeliveryDeps {
  paging: Paging;
  deliveries: Deliveries;
}

export function createHandoff(deps: HandoffDeps) {
  const { store, views, clock } = deps;
  const tr = views.tr;

  const { deliveries } = deps;
  const { toOperator, toPerson, heldNotice, operatorById, commit, briefing, relayWaiting, claimedCards } = deliveries;
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

  /**
   * Routing is enforced on claim: a child's case, or the case of a person who asked for
   * a woman, goes to an operator with that skill, unless the operator is a supervisor or
   * nobody on call now matches the case (better anyone than nobody).
   */
  async function unsuited(operator: OnDuty, helpCase: HelpCase): Promise<'needs_child' | 'needs_female' | undefined> {
    const missing = isSupervisor(operator) ? undefined : missingSkill(operator, helpCase);
    if (!missing) return undefined;
    const { onCall } = await deps.paging.roster();
    return onCall.some((other) => matches(other, helpCase)) ? `needs_${missing}` : undefined;
  }

  /** Why a claim that lost the race lost it. */
  async function lost(caseId: string): Promise<ClaimResult> {
    const after = await store.byId(caseId);
    return { kind: after?.leftAt ? 'left' : after?.status === 'closed' ? 'closed' : 'taken' };
  }

  return {
    ...createRelay(deps, deliveries, { consoleCase, reachable }),
    ...createLeaving(deps, deliveries),
    consoleCase,
    reachable,
    liveCase: (contactId: string) => store.liveFor(contactId),

    async claim(operator: OnDuty, code: string): Promise<ClaimResult> {
      const helpCase = await store.byCode(code);
      if (!helpCase) return { kind: 'unknown' };
      if (helpCase.status === 'closed') return { kind: helpCase.leftAt ? 'left' : 'closed' };
      if (helpCase.status === 'active') return { kind: helpCase.operatorId === operator.id ? 'yours' : 'taken' };
      const refused = await unsuited(operator, helpCase);
      if (refused) return { kind: refused };
      const now = clock.now();
      // A chat ended with /end and put back in the queue opens again for whoever takes it: the person is told someone joined.
      const reopen = helpCase.chatEndedAt !== null && helpCase.blockedAt === null;
      const taken = { status: 'active', operatorId: operator.id, claimedAt: helpCase.claimedAt ?? now, escalateAt: null, ...(reopen ? { chatEndedAt: null } : {}) } as const;
      const claimed: HelpCase = { ...helpCase, ...taken };
      const language = personLanguage(claimed);
      const hello = operator.pseudonym ? tr(language)('person.joined', { name: operator.pseudonym }) : tr(language)('person.joined_anonymous');
      const cards = await claimedCards(claimed, operator);
      const brief = await briefing(claimed, operator, `claim${now.getTime()}`);
      // The database decides: only one conditional update finds the case still pending (and not left).
      const won = await commit({
        caseId: helpCase.id,
        expected: { status: 'pending', leftAt: null },
        changes: taken,
        activeCase: [{ operatorId: operator.id, caseId: helpCase.id }],
        events: [event(helpCase, 'claimed', operator.id, now)],
        outgoing: [...cards.outgoing, ...brief.outgoing, ...heldNotice(claimed, operator), ...(await toPerson(claimed, `joined:${claimed.id}:${operator.id}:${now.getTime()}`, hello))],
        retiredCards: cards.retired,
        relayed: { ids: brief.relayed, at: now },
      });
      if (!won) return lost(helpCase.id);
      // Written while the claim was being decided: not in the briefing, so relayed now.
      await relayWaiting(claimed, operator);
      return { kind: 'claimed', helpCase: claimed };
    },

    /**
     * The person chose "write to me only after I write" on their live case: from now on
     * the team's messages to them are held until they next write.
     */
    async holdReplies(contactId: string): Promise<boolean> {
      const helpCase = await store.liveFor(contactId);
      if (!helpCase) return false;
      return commit({ caseId: helpCase.id, expected: { leftAt: null }, changes: { holdUntilPersonWrites: true } });
    },

    /**
     * The person said which country they are in: their open cases keep it, so that a
     * notice sent later (taking longer) gives that country's numbers.
     */
    async countryChosen(contactId: string, country: CountryChoice): Promise<void> {
      for (const helpCase of await store.openOf(contactId)) {
        if (helpCase.country !== country) await commit({ caseId: helpCase.id, expected: { leftAt: null }, changes: { country } });
      }
    },

    /** The person wrote (a message or a button): what was held for them goes out now, in order. */
    async personWrote(contactId: string): Promise<void> {
      if ((await store.release(contactId, clock.now())) > 0) deps.outbox.kick();
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
      const language = consoleLanguage(operator);
      const parts = views.transcript(helpCase, await store.transcript(helpCase.id), language, now);
      const holds = helpCase.operatorId === operator.id;
      // The story first, then, for the case's holder, where their messages now go.
      if (holds) parts.push(tr(language)('console.now_on', { code: helpCase.code }));
      const shown = await commit({
        caseId: helpCase.id,
        expected: { status: helpCase.status, operatorId: helpCase.operatorId },
        changes: {},
        activeCase: holds ? [{ operatorId: operator.id, caseId: helpCase.id }] : [],
        events: [event(helpCase, 'viewed', operator.id, now)],
        outgoing: parts.map((text, index) => toOperator(operator, `view:${helpCase.id}:${operator.id}:${now.getTime()}:${index}`, text, {}, helpCase.id)),
      });
      return shown ? helpCase : undefined;
    },

    /**
     * Hands a case to another operator, or back to the queue (`queue`); the note stays in
     * the transcript. A case whose person left never goes back to the queue: it is closed.
     */
    async transfer(operator: OnDuty, code: string, target: string): Promise<'transferred' | 'queued' | 'unknown' | 'no_target' | 'left'> {
      const helpCase = await reachable(operator, code);
      if (!helpCase || helpCase.status !== 'active') return 'unknown';
      if (target === 'queue' && helpCase.leftAt !== null) return 'left';
      const now = clock.now();
      const next = target === 'queue' ? undefined : await operatorById(target);
      if (target !== 'queue' && !next) return 'no_target';
      const language = personLanguage(helpCase);
      const told = await toPerson(helpCase, `moved:${helpCase.id}:${now.getTime()}`, tr(language)(next ? 'person.transferred' : 'person.requeued'));
      const expected = { status: 'active', operatorId: helpCase.operatorId } as const;
      const release = helpCase.operatorId ? [{ operatorId: helpCase.operatorId, caseId: null, onlyIf: helpCase.id }] : [];
      if (!next) {
        const queued = backInQueue(now);
        const moved = await commit({
          caseId: helpCase.id,
          expected: { ...expected, leftAt: null },
          changes: queued,
          activeCase: release,
          events: [event(helpCase, 'released', operator.id, now)],
          outgoing: told,
        });
        if (!moved) return 'unknown';
        await deps.paging.caseOpened({ ...helpCase, ...queued });
        return 'queued';
      }
      const held: HelpCase = { ...helpCase, operatorId: next.id };
      const hello = toOperator(
        next,
        `handed:${held.id}:${next.id}:${now.getTime()}`,
        tr(consoleLanguage(next))('console.handed', { code: held.code, name: operator.pseudonym ?? tr(consoleLanguage(next))('a_colleague') }),
        {},
        held.id,
      );
      const brief = await briefing(held, next, `transfer${now.getTime()}`);
      const moved = await commit({
        caseId: helpCase.id,
        expected,
        changes: { operatorId: next.id },
        activeCase: [...release, { operatorId: next.id, caseId: held.id }],
        events: [event(helpCase, 'transferred', operator.id, now, next.id)],
        outgoing: [hello, ...brief.outgoing, ...told],
        relayed: { ids: brief.relayed, at: now },
      });
      if (!moved) return 'unknown';
      await relayWaiting(held, next);
      return 'transferred';
    },

    /** Stops the live chat; the person is back at the menu; the case stays open to close. */
    async end(operator: OnDuty): Promise<HelpCase | undefined> {
      const helpCase = await consoleCase(operator);
      if (!helpCase || helpCase.chatEndedAt !== null) return undefined;
      const now = clock.now();
      const language = personLanguage(helpCase);
      const menu = views.keyboard([[{ text: tr(language)('helpline:buttons.menu'), button: { does: 'menu' } }]]);
      const ended = await commit({
        caseId: helpCase.id,
        expected: { status: 'active', operatorId: operator.id, chatEndedAt: null },
        changes: { chatEndedAt: now },
        events: [event(helpCase, 'ended', operator.id, now)],
        outgoing: await toPerson(helpCase, `ended:${helpCase.id}:${now.getTime()}`, tr(language)('person.ended'), menu, { ending: true }),
      });
      return ended ? helpCase : undefined;
    },

    /** Closes with an outcome and a referral category; the person, unless they left, is offered the feedback survey. */
    async close(operator: OnDuty, code: string, outcome: string, referral: string): Promise<HelpCase | undefined> {
      const helpCase = await reachable(operator, code);
      if (!helpCase || helpCase.status !== 'active') return undefined;
      const now = clock.now();
      const t = tr(personLanguage(helpCase));
      const survey = views.keyboard([[{ text: t('person.feedback'), button: { does: 'feedback' } }], [{ text: t('helpline:buttons.menu'), button: { does: 'menu' } }]]);
      const closed = await commit({
        caseId: helpCase.id,
        expected: { status: 'active', operatorId: helpCase.operatorId },
        changes: { status: 'closed', closedAt: now, outcome, referral, chatEndedAt: helpCase.chatEndedAt ?? now },
        activeCase: helpCase.operatorId ? [{ operatorId: helpCase.operatorId, caseId: null, onlyIf: helpCase.id }] : [],
        events: [event(helpCase, 'closed', operator.id, now, `${outcome}/${referral}`)],
        outgoing: await toPerson(helpCase, `closed:${helpCase.id}`, t('person.closed'), survey, { ending: true }),
      });
      return closed ? { ...helpCase, status: 'closed', outcome, referral } : undefined;
    },
  };
}

export type Handoff = ReturnType<typeof createHandoff>;
