import type { Contact, ContactStore } from '../helpline/contacts.js';
import type { UraPrisma } from './database.js';
import { type HotSql, readAheadOr } from './hot-path.js';

/** What Ura reads of a contact: never its hash nor its sealed chat address (first-reads.ts reads the same). */
export const CONTACT_COLUMNS = ['id', 'language', 'source', 'region', 'firstSeenAt', 'lastSeenAt'] as const;

const BY_ID_HASH = `SELECT ${CONTACT_COLUMNS.map((column) => `"${column}"`).join(', ')} FROM "Contact" WHERE "idHash" = ?`;

const toContact = (row: { id: string; language: string; source: string | null; region: string | null; firstSeenAt: Date; lastSeenAt: Date }): Contact => ({
  id: row.id,
  language: row.language,
  source: row.source,
  region: row.region,
  firstSeenAt: row.firstSeenAt,
  lastSeenAt: row.lastSeenAt,
});

export function createContactRepository(prisma: UraPrisma, sql: HotSql): ContactStore {
  return {
    async upsert({ id, idHash, chatCipher, language, at, source }) {
      // The campaign source is that of the first visit; later links do not overwrite it.
      sql.ahead.drop('contact', idHash);
      const row = await prisma.contact.upsert({
        where: { idHash },
        create: { id, idHash, chatCipher, language, source: source ?? null, firstSeenAt: at, lastSeenAt: at },
        update: { chatCipher, language, lastSeenAt: at },
      });
      return toContact(row);
    },
    update: async (id, changes) => (sql.ahead.dropWhere('contact', (row) => row.id === id), void (await prisma.contact.updateMany({ where: { id }, data: changes }))),
    async chatCipherOf(id) {
      return (await prisma.contact.findUnique({ where: { id }, select: { chatCipher: true } }))?.chatCipher;
    },
    async findByIdHash(idHash) {
      // Every update: SQL straight to the driver (see hot-path.ts).
      const [row] = await readAheadOr<Parameters<typeof toContact>[0]>(sql, 'contact', idHash, BY_ID_HASH, [idHash]);
      return row ? toContact(row) : undefined;
    },
  };
}
