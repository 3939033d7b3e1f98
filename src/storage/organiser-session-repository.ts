import { LANGUAGES } from '../i18n/index.js';
import type { OrganiserSession, OrganiserSessionStore } from '../staff/organiser-sign-in.js';
import type { UraPrisma } from './database.js';
import { storedOneOf } from './stored-values.js';

type SessionRow = Awaited<ReturnType<UraPrisma['organiserSession']['findUniqueOrThrow']>>;

const toSession = (row: SessionRow): OrganiserSession => ({ ...row, language: storedOneOf(LANGUAGES, row.language, 'sq') });

/** The organisers' sign-in links and web sessions, each stored by the hash of its secret. */
export function createOrganiserSessionRepository(prisma: UraPrisma): OrganiserSessionStore {
  return {
    addLink: async (link) => void (await prisma.organiserSignIn.create({ data: link })),
    linkByHash: async (tokenHash) => (await prisma.organiserSignIn.findUnique({ where: { tokenHash } })) ?? undefined,
    redeem: (tokenHash, session, at) =>
      prisma.$transaction(async (tx) => {
        // The conditional update is the one-time guarantee: of two requests with one
        // link, only one finds it still unused.
        const claimed = await tx.organiserSignIn.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: at } }, data: { usedAt: at } });
        if (claimed.count !== 1) return false;
        await tx.organiserSession.create({ data: session });
        return true;
      }),
    async session(idHash) {
      const row = await prisma.organiserSession.findUnique({ where: { idHash } });
      return row ? toSession(row) : undefined;
    },
    setLanguage: async (idHash, language) => void (await prisma.organiserSession.updateMany({ where: { idHash }, data: { language } })),
    end: async (idHash) => void (await prisma.organiserSession.deleteMany({ where: { idHash } })),
    async purge(at) {
      await prisma.organiserSignIn.deleteMany({ where: { expiresAt: { lte: at } } });
      await prisma.organiserSession.deleteMany({ where: { expiresAt: { lte: at } } });
    },
  };
}
