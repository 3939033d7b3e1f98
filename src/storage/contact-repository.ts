import type { Contact, ContactStore } from '../helpline/contacts.js';
import type { UraPrisma } from './database.js';

const toContact = (row: { id: string; language: string; firstSeenAt: Date; lastSeenAt: Date }): Contact => ({
  id: row.id,
  language: row.language,
  firstSeenAt: row.firstSeenAt,
  lastSeenAt: row.lastSeenAt,
});

export function createContactRepository(prisma: UraPrisma): ContactStore {
  return {
    async upsert({ id, idHash, chatCipher, language, at }) {
      const row = await prisma.contact.upsert({
        where: { idHash },
        create: { id, idHash, chatCipher, language, firstSeenAt: at, lastSeenAt: at },
        update: { chatCipher, language, lastSeenAt: at },
      });
      return toContact(row);
    },
    async findByIdHash(idHash) {
      const row = await prisma.contact.findUnique({ where: { idHash } });
      return row ? toContact(row) : undefined;
    },
    async chatCipherOf(id) {
      const row = await prisma.contact.findUnique({ where: { id }, select: { chatCipher: true } });
      return row?.chatCipher;
    },
    async remove(id) {
      const { count } = await prisma.contact.deleteMany({ where: { id } });
      return count > 0;
    },
  };
}
