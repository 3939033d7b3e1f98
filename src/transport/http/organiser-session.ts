import { createHash } from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Request, Response } from 'express';
import type { Language } from '../../i18n/index.js';
import type { Operator } from '../../staff/operators.js';
import { sameSecret } from '../../shared/crypto.js';

/** The session cookie: only ever sent to the organiser pages and the projector's pages (its paths), never readable by scripts. */
export const SESSION_COOKIE = 'ura_organiser';
export const ORGANISER_PATH = '/organiser';
/** The projector's control view (/e/<code>/control) is an organiser's page too. */
export const PROJECTOR_PATH = '/e';
/**
 * A cookie has one path, so the session is set as two cookies of the same name and
 * value, one per path: /organiser never receives the /e one and the other way round,
 * and the rest of Ura (the webhook, /healthz) receives neither.
 */
const SESSION_PATHS = [ORGANISER_PATH, PROJECTOR_PATH] as const;

/** Who a guarded organiser route serves: set by the guard, read by the handlers. */
export interface Organiser {
  staff: Operator;
  language: Language;
  sessionId: string;
  /** The per-session token every state-changing request must carry (a form field or a header). */
  csrfToken: string;
}

export const sessionIdOf = (req: Request): string | undefined => parseCookie(req.get('Cookie') ?? '')[SESSION_COOKIE];

/**
 * SameSite=Strict: the browser never sends the cookie with a request another site
 * starts, a link from Telegram or another page included, so no other site can act
 * with it. The sign-in itself is a form on Ura's own page, so Strict does not get in
 * its way; a link to an organiser page followed from elsewhere arrives without the
 * cookie and is shown "open the page again" (a same-site navigation, which carries it).
 * Secure whenever Ura is reached over https (PUBLIC_URL); httpOnly always.
 */
export function setSessionCookie(res: Response, sessionId: string, expiresAt: Date, secure: boolean, now: Date): void {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  for (const path of SESSION_PATHS) res.append('Set-Cookie', stringifySetCookie(SESSION_COOKIE, sessionId, { httpOnly: true, sameSite: 'strict', secure, path, maxAge }));
}

export function clearSessionCookie(res: Response, secure: boolean): void {
  for (const path of SESSION_PATHS) res.append('Set-Cookie', stringifySetCookie(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', secure, path, maxAge: 0 }));
}

/**
 * The CSRF token of a session, derived from its id (which only the browser holding the
 * cookie knows): it needs no storage, and a page of another site can neither read
 * the cookie nor the token in Ura's pages.
 */
export const csrfTokenOf = (sessionId: string): string => createHash('sha256').update(`csrf:${sessionId}`, 'utf8').digest('base64url');

/** The token a request carries: the `X-CSRF-Token` header (fetch) or the `_csrf` field (a form). */
export function carriesCsrfToken(req: Request, expected: string): boolean {
  const body: unknown = req.body;
  const field = typeof body === 'object' && body !== null && '_csrf' in body && typeof body._csrf === 'string' ? body._csrf : undefined;
  const given = req.get('X-CSRF-Token') ?? field;
  return given !== undefined && sameSecret(given, expected);
}

/** A path under the organiser pages, or a projector's control view, to come back to after signing in; anything else is dropped (no open redirect). */
export const localPath = (value: unknown): string | undefined =>
  typeof value === 'string' && (/^\/organiser(\/[A-Za-z0-9_-]+)*\/?$/.test(value) || /^\/e\/[A-Za-z0-9_-]+\/control$/.test(value)) ? value : undefined;
