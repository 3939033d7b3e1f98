import type { Clock } from '../shared/clock.js';
import type { IdentityProtector } from '../shared/crypto.js';
import { newId } from '../shared/ids.js';
import type { CountryChoice } from './countries.js';

/** A person who wrote to the bot, as Ura knows them: no Telegram identity at all. */
export interface Contact {
  id: string;
  language: string;
  /** Anonymous campaign source of the first visit (from a deep link). */
  source: string | null;
  /** Coarse region the person chose, if any. */
  region: string | null;
  /**
   * The country the person said they are in, as their chat's session keeps it (it is
   * not stored with the contact): a case they open keeps it, for the notices sent later.
   */
  country?: CountryChoice;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

export interface ContactStore {
  /** Creates the contact for `idHash`, or updates its chat address, language and last visit. */
  upsert(input: { id: string; idHash: string; chatCipher: string; language: string; at: Date; source?: string | null }): Promise<Contact>;
  update(id: string, changes: { language?: string; region?: string | null }): Promise<void>;
  findByIdHash(idHash: string): Promise<Contact | undefined>;
  /** The sealed chat address, to reply outside an update (an operator's message). */
  chatCipherOf(id: string): Promise<string | undefined>;
}

export interface Contacts {
  /** Records that a Telegram user wrote from a chat, keeping only a hash and a sealed address. */
  recordVisit(visit: { userId: number; chatId: number; language: string; source?: string | null }): Promise<Contact>;
  /** Remembers the county the person chose for regional services (`national`: none). */
  setRegion(contactId: string, region: string): Promise<void>;
  /** The language the person chose. */
  setLanguage(contactId: string, language: string): Promise<void>;
  /** The chat to write to, opened from its sealed form; undefined when the person is gone. */
  chatOf(contactId: string): Promise<number | undefined>;
}

/** How stale `lastSeenAt` may be: retention counts in days, so minutes are plenty. */
const SEEN_PRECISION_MS = 10 * 60 * 1000;

export function createContacts(deps: { store: ContactStore; identity: IdentityProtector; clock: Clock }): Contacts {
  const { store, identity, clock } = deps;
  return {
    async recordVisit({ userId, chatId, language, source }) {
      const idHash = identity.hashId('user', userId);
      const at = clock.now();
      // Every update passes here: a known person whose language is unchanged and who was
      // seen a moment ago costs one read, not a write (the sealed address would differ each time).
      const known = await store.findByIdHash(idHash);
      if (known && known.language === language && at.getTime() - known.lastSeenAt.getTime() < SEEN_PRECISION_MS) return known;
      return store.upsert({ id: newId(), idHash, chatCipher: identity.seal(String(chatId)), language, at, source: source ?? null });
    },
    setRegion: (contactId, region) => store.update(contactId, { region }),
    setLanguage: (contactId, language) => store.update(contactId, { language }),
    async chatOf(contactId) {
      const sealed = await store.chatCipherOf(contactId);
      return sealed === undefined ? undefined : Number(identity.open(sealed));
    },
  };
}
