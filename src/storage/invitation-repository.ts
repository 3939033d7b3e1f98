import type { Invitation, InvitationStore } from '../staff/invitations.js';
import { OPERATOR_ROLES } from '../staff/operators.js';
import type { UraPrisma } from './database.js';
import { operatorData, textList } from './operator-repository.js';
import { isUniqueViolation } from './prisma-errors.js';
import { storedOneOf } from './stored-values.js';

type Row = Awaited<ReturnType<UraPrisma['invitation']['findUniqueOrThrow']>>;

const toInvitation = (row: Row): Invitation => ({
  ...row,
  role: storedOneOf(OPERATOR_ROLES, row.role, 'operator'),
  languages: textList(row.languages),
  skills: textList(row.skills),
});

export function createInvitationRepository(prisma: UraPrisma): InvitationStore {
  return {
    async add(invitation) {
      await prisma.invitation.create({ data: { ...invitation, languages: JSON.stringify(invitation.languages), skills: JSON.stringify(invitation.skills) } });
    },
    async byHash(tokenHash) {
      const row = await prisma.invitation.findUnique({ where: { tokenHash } });
      return row ? toInvitation(row) : undefined;
    },
    async redeem(tokenHash, operator, at) {
      try {
        return await prisma.$transaction(async (tx) => {
          // The conditional update is the one-time guarantee: of two concurrent
          // redemptions, only one finds the row still unused.
          const claimed = await tx.invitation.updateMany({
            where: { tokenHash, usedAt: null, expiresAt: { gt: at } },
            data: { usedAt: at, operatorId: operator.id },
          });
          if (claimed.count !== 1) return 'taken' as const;
          // A Telegram id registered meanwhile fails here, which rolls the claim back.
          await tx.operator.create({ data: operatorData(operator) });
          return 'redeemed' as const;
        });
      } catch (error) {
        if (isUniqueViolation(error)) return 'already_operator';
        throw error;
      }
    },
  };
}
