import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { operatorInputSchema, type Operator, type OperatorRole, type OperatorStore } from './operators.js';
import type { Clock } from '../shared/clock.js';
import { newId } from '../shared/ids.js';

export const MAX_VALID_HOURS = 720;
const HOURS = `must be a whole number of hours from 1 to ${MAX_VALID_HOURS}`;

/** What an admin gives to invite an operator: who they will be, except their Telegram id, and for how long the invitation works. */
export const invitationInputSchema = operatorInputSchema.omit({ telegramId: true }).extend({
  validHours: z.number({ error: HOURS }).int(HOURS).min(1, HOURS).max(MAX_VALID_HOURS, HOURS),
});
export type InvitationInput = z.infer<typeof invitationInputSchema>;

/** A stored invitation. The token itself is never stored, only its SHA-256 hash. */
export interface Invitation {
  tokenHash: string;
  role: OperatorRole;
  pseudonym: string | null;
  languages: string[];
  skills: string[];
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  /** The operator it registered, once used. */
  operatorId: string | null;
}

export type InvitationState = 'unknown' | 'expired' | 'used';
export type RedeemFailure = InvitationState | 'already_operator';

export interface InvitationStore {
  add(invitation: Invitation): Promise<void>;
  byHash(tokenHash: string): Promise<Invitation | undefined>;
  /**
   * In one transaction: marks the invitation used, only if it still is unused and
   * unexpired at `at`, and registers the operator. `taken` when someone else got
   * there first (or it expired meanwhile); `already_operator` when that Telegram id
   * is registered, in which case the invitation stays unused.
   */
  redeem(tokenHash: string, operator: Operator, at: Date): Promise<'redeemed' | 'taken' | 'already_operator'>;
}

export interface Invitations {
  invite(input: InvitationInput): Promise<{ token: string; expiresAt: Date }>;
  inspect(token: string): Promise<Invitation | InvitationState>;
  redeem(token: string, telegramId: string): Promise<Operator | RedeemFailure>;
}

/** base64url of 24 random bytes: 32 characters, which fit a Telegram deep link (64 at most, A-Za-z0-9_-). */
const TOKEN_BYTES = 24;
/** What a token may look like: at most 60, so that `inv_<token>` fits a deep link and `v|<token>` a button's 64 bytes. */
const TOKEN = /^[A-Za-z0-9_-]{22,60}$/;

export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** One-time invitations that register whoever redeems them as an operator. */
export function createInvitations(deps: { store: InvitationStore; operators: OperatorStore; clock: Clock }): Invitations {
  const { store, operators, clock } = deps;

  async function inspect(token: string): Promise<Invitation | InvitationState> {
    if (!TOKEN.test(token)) return 'unknown';
    const invitation = await store.byHash(hashToken(token));
    if (!invitation) return 'unknown';
    if (invitation.usedAt) return 'used';
    if (invitation.expiresAt.getTime() <= clock.now().getTime()) return 'expired';
    return invitation;
  }

  return {
    async invite(input) {
      const { validHours, ...who } = invitationInputSchema.parse(input);
      const token = randomBytes(TOKEN_BYTES).toString('base64url');
      const createdAt = clock.now();
      const expiresAt = new Date(createdAt.getTime() + validHours * 3_600_000);
      await store.add({ tokenHash: hashToken(token), ...who, createdAt, expiresAt, usedAt: null, operatorId: null });
      return { token, expiresAt };
    },

    inspect,

    async redeem(token, telegramId) {
      const invitation = await inspect(token);
      if (typeof invitation === 'string') return invitation;
      if (await operators.byTelegramId(telegramId)) return 'already_operator';
      const { role, pseudonym, languages, skills } = invitation;
      const now = clock.now();
      const operator: Operator = { id: newId(), telegramId, pseudonym, role, languages, skills, createdAt: now };
      const outcome = await store.redeem(invitation.tokenHash, operator, now);
      if (outcome === 'redeemed') return operator;
      if (outcome === 'already_operator') return outcome;
      // Taken by someone else a moment ago, or expired meanwhile: say which.
      const after = await inspect(token);
      return typeof after === 'string' ? after : 'used';
    },
  };
}
