import { randomInt } from 'node:crypto';
import type { RiskLevel, RiskReason } from '../flows/scoring.js';
import type { Answer } from '../flows/state.js';

/** What an operator will see: never the person's Telegram identity. */
export interface CaseSummary {
  flowId: string | null;
  reasons: RiskReason[];
  answers: Record<string, Answer>;
  /** Why the case is urgent, when a phrase in a message made it so. */
  urgentWords: string | null;
}

export interface HelpCase {
  id: string;
  code: string;
  contactId: string;
  conversationId: string | null;
  trigger: 'request' | 'urgent' | 'consent';
  level: RiskLevel;
  summary: CaseSummary;
  language: string;
  source: string | null;
  status: 'pending';
  createdAt: Date;
}

export interface CaseStore {
  /** Records a case; false when its code is taken (the caller draws another). */
  open(helpCase: HelpCase): Promise<boolean>;
  pendingFor(contactId: string): Promise<HelpCase | undefined>;
  /** Raises a pending case's level and adds to its summary (a later urgent sign). */
  escalate(id: string, level: RiskLevel, summary: CaseSummary): Promise<void>;
}

// No 0/O, 1/I/L: codes are read aloud and typed by operators.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const draw = (length: number) => Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** A short pseudonymous case code such as K7-4QF. */
export const newCaseCode = (): string => `${draw(2)}-${draw(3)}`;
