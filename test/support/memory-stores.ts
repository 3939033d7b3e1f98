import type { Contact, ContactStore } from '../../src/helpline/contacts.js';
import type { SessionStore } from '../../src/storage/session-repository.js';

/** In-memory stand-ins for unit tests of transports; the real ones have contract tests. */
export function memoryContactStore(): ContactStore & { rows: Map<string, Contact & { idHash: string; chatCipher: string }> } {
  const rows = new Map<string, Contact & { idHash: string; chatCipher: string }>();
  const strip = ({ id, language, source, region, firstSeenAt, lastSeenAt }: Contact): Contact => ({ id, language, source, region, firstSeenAt, lastSeenAt });
  return {
    rows,
    async upsert({ id, idHash, chatCipher, language, at, source }) {
      const existing = rows.get(idHash);
      const row = existing
        ? { ...existing, chatCipher, language, lastSeenAt: at }
        : { id, idHash, chatCipher, language, source: source ?? null, region: null, firstSeenAt: at, lastSeenAt: at };
      rows.set(idHash, row);
      return strip(row);
    },
    update: async (id, changes) => {
      for (const [hash, row] of rows) if (row.id === id) rows.set(hash, { ...row, ...changes });
    },
    findByIdHash: async (idHash) => {
      const row = rows.get(idHash);
      return row && strip(row);
    },
    chatCipherOf: async (id) => [...rows.values()].find((row) => row.id === id)?.chatCipher,
    remove: async (id) => {
      const row = [...rows.values()].find((candidate) => candidate.id === id);
      return row ? rows.delete(row.idHash) : false;
    },
  };
}

export function memorySessionStore<T>(): SessionStore<T> & { values: Map<string, T> } {
  const values = new Map<string, T>();
  return {
    values,
    read: async (key) => values.get(key),
    write: async (key, value) => void values.set(key, value),
    delete: async (key) => void values.delete(key),
  };
}
