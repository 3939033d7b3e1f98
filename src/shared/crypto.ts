import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Protects help-seekers' Telegram identities: ids become a keyed hash (HMAC-SHA256
 * with ID_PEPPER), so the same person maps to the same record without the id being
 * stored; chat addresses needed to reply are sealed with AES-256-GCM under DATA_KEY.
 */
export interface IdentityProtector {
  /**
   * `kind` gives the hash its purpose: the same id hashed for another purpose does not match.
   * `participant` keys an event participant's Telegram id, so that a participant and a
   * help-seeker contact (`user`) cannot be linked from the database. `entrance` makes an
   * event's rotating entrance code from the event and the time (no identity in it).
   * `survey-token:<run>` only says that a respondent answered a run, and matches no response's key.
   */
  hashId(kind: 'user' | 'chat' | 'participant' | 'entrance' | `survey-respondent:${string}` | `survey-token:${string}` | `outbox:${string}`, id: number | bigint | string): string;
  seal(plain: string): string;
  open(sealed: string): string;
}

const SEAL_VERSION = 'v1';
const CIPHER = 'aes-256-gcm';
// The full 16-byte tag, stated on both sides: Node would otherwise accept a tag cut
// down to 4 bytes on opening, and a short tag is far easier to forge.
const TAG_BYTES = 16;

export function createIdentityProtector(secrets: { dataKey: Buffer; idPepper: string }): IdentityProtector {
  if (secrets.dataKey.length !== 32) throw new Error('DATA_KEY must be 32 bytes');
  const { dataKey, idPepper } = secrets;
  return {
    hashId: (kind, id) =>
      createHmac('sha256', idPepper)
        .update(`${kind}:${String(id)}`)
        .digest('base64url'),
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv(CIPHER, dataKey, iv, { authTagLength: TAG_BYTES });
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [SEAL_VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== SEAL_VERSION || iv === undefined || tag === undefined || body === undefined) {
        throw new Error('not a sealed value');
      }
      const decipher = createDecipheriv(CIPHER, dataKey, Buffer.from(iv, 'base64url'), { authTagLength: TAG_BYTES });
      // Throws on a tag of any other length.
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Whether a secret someone presented is the expected one, compared in constant time. */
export function sameSecret(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
