import { randomBytes } from 'node:crypto';
import { isLanguage, type Language } from '../i18n/index.js';
import type { Clock } from '../shared/clock.js';
import { hashToken } from './invitations.js';
import type { Operator, OperatorStore } from './operators.js';

/** A sign-in link works this long after the bot sent it: enough to open it, too short to be worth stealing. */
export const SIGN_IN_MINUTES = 10;
/** A session on the organiser pages lasts one working day; the next day the organiser asks the bot again. */
export const SESSION_HOURS = 12;

/** A one-time sign-in link as stored: the hash of its token, never the token. */
export interface SignInLink {
  tokenHash: string;
  staffId: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

/** A signed-in browser as stored: the hash of its session id (the cookie's value), never the id. */
export interface OrganiserSession {
  idHash: string;
  staffId: string;
  language: Language;
  createdAt: Date;
  expiresAt: Date;
}

export interface OrganiserSessionStore {
  addLink(link: SignInLink): Promise<void>;
  linkByHash(tokenHash: string): Promise<SignInLink | undefined>;
  /**
   * In one transaction: marks the link used, only if it is still unused and unexpired
   * at `at`, and opens the session. False when someone else used it first (or it
   * expired meanwhile): nothing is opened.
   */
  redeem(tokenHash: string, session: OrganiserSession, at: Date): Promise<boolean>;
  session(idHash: string): Promise<OrganiserSession | undefined>;
  setLanguage(idHash: string, language: Language): Promise<void>;
  end(idHash: string): Promise<void>;
  /** Deletes links and sessions that expired before `at`. */
  purge(at: Date): Promise<void>;
}

export type LinkState = 'valid' | 'unknown' | 'expired' | 'used';
export type SignInRefusal = Exclude<LinkState, 'valid'> | 'not_organiser';

/**
 * Who is asking, from their session: nobody signed in (`stranger`), a session whose
 * staff member no longer exists (`not_staff`: removed, or never staff), a staff member
 * without the organiser role (`not_organiser`), or an organiser.
 */
export type Visitor = { kind: 'stranger' } | { kind: 'not_staff' } | { kind: 'not_organiser'; staff: Operator } | { kind: 'organiser'; staff: Operator; language: Language; expiresAt: Date };

/** 32 random bytes, base64url: 43 characters. */
const SECRET_BYTES = 32;
const SECRET = /^[A-Za-z0-9_-]{43}$/;
const newSecret = () => randomBytes(SECRET_BYTES).toString('base64url');

export const isOrganiser = (staff: Pick<Operator, 'role'>): boolean => staff.role === 'organiser';

/** The language a staff member's pages open in: their first one Ura speaks, else Albanian. */
export const staffLanguage = (staff: Pick<Operator, 'languages'>): Language => staff.languages.find(isLanguage) ?? 'sq';

/**
 * Signing organisers in to the web pages: the bot asks for a one-time link
 * (`issue`), the browser trades it for a session (`signIn`), and every request
 * says who it comes from (`visitor`), with the staff member's role read afresh, so
 * that a removed organiser or a changed role loses access at once.
 */
export function createOrganiserSignIn(deps: { store: OrganiserSessionStore; staff: Pick<OperatorStore, 'byTelegramId' | 'find'>; clock: Clock }) {
  const { store, staff, clock } = deps;
  const later = (minutes: number) => new Date(clock.now().getTime() + minutes * 60_000);

  async function inspect(token: string): Promise<LinkState> {
    if (!SECRET.test(token)) return 'unknown';
    const link = await store.linkByHash(hashToken(token));
    if (!link) return 'unknown';
    if (link.usedAt) return 'used';
    return link.expiresAt.getTime() <= clock.now().getTime() ? 'expired' : 'valid';
  }

  return {
    /** A new sign-in link for the staff member with this Telegram id, if they are an organiser. */
    async issue(telegramId: string): Promise<{ token: string; expiresAt: Date } | 'not_organiser'> {
      const member = await staff.byTelegramId(telegramId);
      if (!member || !isOrganiser(member)) return 'not_organiser';
      const token = newSecret();
      const expiresAt = later(SIGN_IN_MINUTES);
      await store.addLink({ tokenHash: hashToken(token), staffId: member.id, createdAt: clock.now(), expiresAt, usedAt: null });
      return { token, expiresAt };
    },

    inspect,

    /** Trades a link for a session: its id goes in the cookie, only its hash is stored. */
    async signIn(token: string): Promise<{ sessionId: string; expiresAt: Date } | SignInRefusal> {
      const state = await inspect(token);
      if (state !== 'valid') return state;
      const tokenHash = hashToken(token);
      const link = await store.linkByHash(tokenHash);
      const member = link && (await staff.find(link.staffId));
      if (!link || !member || !isOrganiser(member)) return 'not_organiser';
      const now = clock.now();
      await store.purge(now);
      const sessionId = newSecret();
      const session: OrganiserSession = { idHash: hashToken(sessionId), staffId: member.id, language: staffLanguage(member), createdAt: now, expiresAt: later(SESSION_HOURS * 60) };
      if (await store.redeem(tokenHash, session, now)) return { sessionId, expiresAt: session.expiresAt };
      // Used a moment ago by another request, or expired meanwhile: say which.
      const after = await inspect(token);
      return after === 'valid' ? 'used' : after;
    },

    async visitor(sessionId: string | undefined): Promise<Visitor> {
      if (sessionId === undefined || !SECRET.test(sessionId)) return { kind: 'stranger' };
      const session = await store.session(hashToken(sessionId));
      if (!session || session.expiresAt.getTime() <= clock.now().getTime()) return { kind: 'stranger' };
      const member = await staff.find(session.staffId);
      if (!member) return { kind: 'not_staff' };
      if (!isOrganiser(member)) return { kind: 'not_organiser', staff: member };
      return { kind: 'organiser', staff: member, language: session.language, expiresAt: session.expiresAt };
    },

    setLanguage: (sessionId: string, language: Language) => store.setLanguage(hashToken(sessionId), language),

    signOut: (sessionId: string) => store.end(hashToken(sessionId)),
  };
}

export type OrganiserSignIn = ReturnType<typeof createOrganiserSignIn>;
