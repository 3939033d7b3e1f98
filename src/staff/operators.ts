import { z } from 'zod';

/**
 * Staff roles. Operators, supervisors and admins take help-seekers' cases; an
 * organiser runs coordination events (the organiser pages) and takes no cases.
 */
export const OPERATOR_ROLES = ['operator', 'supervisor', 'admin', 'organiser'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

/** The roles that take help-seekers' cases: paged, offered the queue, given a console. */
export const CASE_ROLES: readonly OperatorRole[] = ['operator', 'supervisor', 'admin'];
export const takesCases = (staff: Pick<Operator, 'role'>): boolean => CASE_ROLES.includes(staff.role);

/** A staff member: one who takes cases, or an organiser. Help-seekers see only the pseudonym (or "Team member"). */
export interface Operator {
  id: string;
  telegramId: string;
  pseudonym: string | null;
  role: OperatorRole;
  languages: string[];
  /** `child`, `female` and free tags, used to match cases. */
  skills: string[];
  createdAt: Date;
}

/** What an admin gives to register an operator; every field is checked before anything is stored. */
export const operatorInputSchema = z.object({
  telegramId: z.string().regex(/^\d{1,15}$/, 'must be the numeric Telegram user id'),
  pseudonym: z.string().trim().min(1).max(40, 'must be at most 40 characters').nullable(),
  role: z.enum(OPERATOR_ROLES, { error: `must be one of ${OPERATOR_ROLES.join(', ')}` }),
  languages: z.array(z.string().regex(/^[a-z]{2}$/, 'must be two-letter codes such as sq,en')).min(1, 'must name at least one language'),
  skills: z.array(z.string().regex(/^[a-z][a-z0-9_-]{0,30}$/, 'must be short lower-case tags such as child,female')),
});
export type OperatorInput = z.infer<typeof operatorInputSchema>;

/** An operator with what changes during duty: presence, the shift last announced, the case on the console. */
export interface OnDuty extends Operator {
  presence: 'on' | 'off' | null;
  onShift: boolean;
  activeCaseId: string | null;
}

export interface OperatorStore {
  /** Registers an operator; false when that Telegram id is already registered. */
  add(operator: Operator): Promise<boolean>;
  list(): Promise<Operator[]>;
  /** Removes by operator id or Telegram id, putting their open cases back in the queue at `at`; false when there was none. */
  remove(idOrTelegramId: string, at: Date): Promise<boolean>;
  byTelegramId(telegramId: string): Promise<Operator | undefined>;
  /** By operator id or Telegram id, as admins name them. */
  find(idOrTelegramId: string): Promise<Operator | undefined>;
}

/** What changes while operators are on duty. */
export interface DutyStore {
  onDuty(): Promise<OnDuty[]>;
  dutyOf(telegramId: string): Promise<OnDuty | undefined>;
  byId(operatorId: string): Promise<OnDuty | undefined>;
  setPresence(operatorId: string, presence: OnDuty['presence']): Promise<void>;
  /** Records the shift announcement; false when another tick announced it first. */
  announceShift(operatorId: string, onShift: boolean): Promise<boolean>;
  setActiveCase(operatorId: string, caseId: string | null): Promise<void>;
}

/**
 * The duty store as the handoff sees it: only staff who take cases. An organiser is
 * never on the roster, so never paged, offered the queue, shown as a colleague to
 * transfer to, told about shifts, or served by the case console.
 */
export function caseTakers(store: DutyStore): DutyStore {
  const only = (staff: OnDuty | undefined) => (staff && takesCases(staff) ? staff : undefined);
  return {
    ...store,
    onDuty: async () => (await store.onDuty()).filter(takesCases),
    dutyOf: async (telegramId) => only(await store.dutyOf(telegramId)),
    byId: async (operatorId) => only(await store.byId(operatorId)),
  };
}
