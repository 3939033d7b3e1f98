import { randomBytes } from 'node:crypto';

/**
 * The projector page's code, `/e/<code>`: anyone with it sees the board (the round,
 * first names at tables, theme counts, poll results), so it must not be guessed or
 * worked out from the join code, which is printed and spoken. 16 random bytes (128
 * bits) in base64url: 22 characters that need no escaping in a URL.
 */
const PUBLIC_CODE_BYTES = 16;
const PATTERN = /^[A-Za-z0-9_-]{22}$/;

export const newPublicCode = (): string => randomBytes(PUBLIC_CODE_BYTES).toString('base64url');

/** The code of an address as given, or undefined when it cannot be one (no database look-up is needed for those). */
export const parsePublicCode = (given: string): string | undefined => (PATTERN.test(given) ? given : undefined);
