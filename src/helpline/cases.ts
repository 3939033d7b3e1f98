import { randomInt } from 'node:crypto';
import type { RiskLevel, RiskReason } from '../flows/scoring.js';
import type { Answer } from '../flows/state.js';
import type { CountryChoice } from './countries.js';

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
  trigger: (typeof CASE_TRIGGERS)[number];
  level: RiskLevel;
  summary: CaseSummary;
  language: string;
  source: string | null;
  /** child when the person took the young people's screening, adult after the adults' one. */
  ageBand: AgeBand;
  /** The country the person said they are in (kept up to date while the case is open): the numbers later notices give. */
  country: CountryChoice | null;
  /** pending: queued for an operator; active: an operator holds it; closed: done. */
  status: CaseStatus;
  createdAt: Date;
  operatorId: string | null;
  claimedAt: Date | null;
  /** The live chat stopped (the operator's /end, the person's exit); the case may still be open. Cleared when a case put back in the queue is taken again. */
  chatEndedAt: Date | null;
  closedAt: Date | null;
  outcome: string | null;
  referral: string | null;
  /** When on-call operators were paged; null: still to page. */
  pagedAt: Date | null;
  /** Escalation steps taken while unclaimed, and when the next is due. */
  escalation: number;
  escalateAt: Date | null;
  /** Telegram refused to deliver to the person (they blocked the bot). */
  blockedAt: Date | null;
  /** The person left (quick exit or /delete): nothing about this case is sent to them again. */
  leftAt: Date | null;
  /** The person asked to be written to only after they write: the team's messages wait until they next do. */
  holdUntilPersonWrites: boolean;
}

export const CASE_TRIGGERS = ['request', 'urgent', 'consent'] as const;
export const AGE_BANDS = ['child', 'adult', 'unknown'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];
export const CASE_STATUSES = ['pending', 'active', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** A new, unclaimed case: what the helpline fills in when it opens one. */
export const unclaimed = {
  status: 'pending',
  operatorId: null,
  claimedAt: null,
  chatEndedAt: null,
  closedAt: null,
  outcome: null,
  referral: null,
  pagedAt: null,
  escalation: 0,
  escalateAt: null,
  blockedAt: null,
  leftAt: null,
  holdUntilPersonWrites: false,
} as const satisfies Partial<HelpCase>;

/** A case put back in the queue (transferred there, or its operator removed): paged afresh, its deadline due now. */
export const backInQueue = (now: Date) => ({ status: 'pending', operatorId: null, pagedAt: null, escalation: 0, escalateAt: now }) as const satisfies Partial<HelpCase>;

export interface CaseStore {
  /** Records a case; false when its code is taken (the caller draws another). */
  open(helpCase: HelpCase): Promise<boolean>;
  /** The person's case that is waiting, or held by an operator with the chat still live. */
  liveFor(contactId: string): Promise<HelpCase | undefined>;
  /** Raises a live case's level and adds to its summary (a later urgent sign). */
  escalate(id: string, level: RiskLevel, summary: CaseSummary): Promise<void>;
}

// No 0/O, 1/I/L: codes are read aloud and typed by operators.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const draw = (length: number) => Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** A short pseudonymous case code such as K7-4QF. */
export const newCaseCode = (): string => `${draw(2)}-${draw(3)}`;

/** What a case code looks like (the alphabet above): anything else is not one. */
export const CASE_CODE = new RegExp(`^[${ALPHABET}]{2}-[${ALPHABET}]{3}$`);
