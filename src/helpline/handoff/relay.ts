import type { HelpCase } from '../cases.js';
import { sequentialId } from '../../shared/sequence.js';
import type { Deliveries, DeliveryDeps } from './deliveries.js';
import type { CaseMessage } from './model.js';
import type { OnDuty } from '../../staff/operators.js';

/** A message as it arrived: text, or media that is copied from the author's chat. */
export interface Incoming {
  messageId: number;
  /** `text`, or photo, voice, document, video, audio, animation, sticker, video_note, ... */
  kind: string;
  text: string | null;
}

/**
 * What each side writes during a case: stored first, then relayed through the
 * outbox, or kept for whoever takes a waiting case.
 */
export function createRelay(
  deps: DeliveryDeps,
  deliveries: Deliveries,
  access: { consoleCase(operator: OnDuty): Promise<HelpCase | undefined>; reachable(operator: OnDuty, code: string): Promise<HelpCase | undefined> },
) {
  const { store, outbox, clock } = deps;
  const { operatorById, relayWaiting, relayToOperator, relayToPerson, heldNotice } = deliveries;
  const { consoleCase, reachable } = access;

  return {
    /**
     * A person wrote during their live case: stored, then relayed to the operator who
     * holds it, or kept for whoever claims it.
     */
    async fromPerson(helpCase: HelpCase, incoming: Incoming): Promise<'relayed' | 'queued' | 'repeated'> {
      const now = clock.now();
      const message: CaseMessage = {
        id: sequentialId(now),
        caseId: helpCase.id,
        author: 'person',
        operatorId: null,
        kind: incoming.kind,
        text: incoming.text,
        messageId: incoming.messageId,
        createdAt: now,
        relayedAt: null,
      };
      const operator = helpCase.status === 'active' ? await operatorById(helpCase.operatorId) : undefined;
      if (!operator) {
        if (!(await store.addMessage(message, []))) return 'repeated';
        // Taken while this was being stored: the claim's briefing may have missed it.
        const now = await store.byId(helpCase.id);
        const holder = now?.status === 'active' ? await operatorById(now.operatorId) : undefined;
        if (!now || !holder) return 'queued';
        await relayWaiting(now, holder);
        return 'relayed';
      }
      const outgoing = await relayToOperator(helpCase, operator, [message]);
      const stored = await store.addMessage({ ...message, relayedAt: now }, outbox.prepare(outgoing));
      outbox.kick();
      return stored ? 'relayed' : 'repeated';
    },

    /** An operator wrote in their console: to the person under the pseudonym, or `no_case`. */
    async fromOperator(operator: OnDuty, incoming: Incoming): Promise<'relayed' | 'repeated' | 'no_case' | 'gone'> {
      const helpCase = await consoleCase(operator);
      if (!helpCase || helpCase.chatEndedAt !== null) return 'no_case';
      const now = clock.now();
      const message: CaseMessage = {
        id: sequentialId(now),
        caseId: helpCase.id,
        author: 'operator',
        operatorId: operator.id,
        kind: incoming.kind,
        text: incoming.text,
        messageId: incoming.messageId,
        createdAt: now,
        relayedAt: now,
      };
      const outgoing = await relayToPerson(helpCase, operator, message);
      // The chat is live, so only a person whose data is gone cannot be reached.
      if (outgoing.length === 0) return 'gone';
      const stored = await store.addMessage(message, outbox.prepare([...heldNotice(helpCase, operator), ...outgoing]));
      outbox.kick();
      return stored ? 'relayed' : 'repeated';
    },

    /** An internal note on the console's case (or on `code`, which a supervisor may name): stored, shown in transcripts, never sent to the person. */
    async note(operator: OnDuty, text: string, code?: string): Promise<HelpCase | undefined> {
      const helpCase = code === undefined ? await consoleCase(operator) : await reachable(operator, code);
      if (!helpCase) return undefined;
      const now = clock.now();
      await store.addMessage({ id: sequentialId(now), caseId: helpCase.id, author: 'note', operatorId: operator.id, kind: 'text', text, messageId: null, createdAt: now, relayedAt: now }, []);
      return helpCase;
    },
  };
}
