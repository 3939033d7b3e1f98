import type { HelpCase } from '../cases.js';
import type { CaseEvent, CaseStep, HandoffStore } from './model.js';
import type { Outgoing } from '../../delivery/model.js';
import type { Outbox } from '../../delivery/outbox.js';

/** A step as the handoff writes it: the messages as decided, sealed here before the transaction. */
export type Step = Omit<CaseStep, 'outgoing'> & { outgoing?: Outgoing[] };

/** The one way the handoff writes a step of a case: whole, in one transaction, then the outbox is woken. */
export function createCommit(store: HandoffStore, outbox: Outbox) {
  return async (step: Step): Promise<boolean> => {
    const done = await store.commit({ ...step, outgoing: outbox.prepare(step.outgoing ?? []) });
    if (done) outbox.kick();
    return done;
  };
}

export type Commit = ReturnType<typeof createCommit>;

/** An audit line of a step. */
export const caseEvent = (helpCase: Pick<HelpCase, 'id'>, action: CaseEvent['action'], operatorId: string | null, at: Date, detail: string | null = null): CaseEvent => ({
  caseId: helpCase.id,
  action,
  operatorId,
  detail,
  at,
});
