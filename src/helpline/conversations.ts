import type { FlowConversation } from '../flows/runner.js';
import type { RiskLevel } from '../flows/scoring.js';

/** A person's conversation on one of the helpline's flows, with the engine's state. */
export interface Conversation extends FlowConversation {
  contactId: string;
  status: 'active' | 'ended';
  level: RiskLevel | null;
  outcome: string | null;
  reachedPerson: boolean;
}

export interface ConversationStore {
  create(conversation: Conversation): Promise<void>;
  save(conversation: Conversation): Promise<void>;
  get(id: string): Promise<Conversation | undefined>;
  /** The person's most recent conversation that has not ended. */
  latestActive(contactId: string): Promise<Conversation | undefined>;
}
