import type { RiskLevel } from '../flows/scoring.js';
import type { FlowState } from '../flows/state.js';

/** A person's conversation on one flow, with the engine's state. */
export interface Conversation {
  id: string;
  contactId: string;
  flowId: string;
  flowVersion: number;
  language: string;
  state: FlowState;
  status: 'active' | 'ended';
  level: RiskLevel | null;
  outcome: string | null;
  reachedPerson: boolean;
  startedAt: Date;
  updatedAt: Date;
}

export interface ConversationStore {
  create(conversation: Conversation): Promise<void>;
  save(conversation: Conversation): Promise<void>;
  get(id: string): Promise<Conversation | undefined>;
  /** The person's most recent conversation that has not ended. */
  latestActive(contactId: string): Promise<Conversation | undefined>;
}
