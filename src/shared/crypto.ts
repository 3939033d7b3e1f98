import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/**
 * Protects help-seekers' Telegram identities: ids become a keyed hash (HMAC-SHA256
 * with ID_PEPPER), so the same person maps to the same record without the id being
 * stored; chat addresses needed to reply are sealed with AES-256-GCM under DATA_KEY.
 */
export interface IdentityProtector {
  hashId(kind: 'user' | 'chat', id: number | bigint | string): string;
  seal(plain: string): string;
  open(sealed: string): string;
}

const SEAL_VERSION = 'v1';

export function createIdentityProtector(secrets: { dataKey: Buffer; idPepper: string }): IdentityProtector {
  if (secrets.dataKey.length !== 32) throw new Error('DATA_KEY must be 32 bytes');
  const { dataKey, idPepper } = secrets;
  return {
    hashId: (kind, id) => createHmac('sha256', idPepper).update(`${kind}:${String(id)}`).digest('base64url'),
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [SEAL_VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== SEAL_VERSION || iv === undefined || tag === undefined || body === undefined) {
        throw new Error('not a sealed value');
      }
      const decipher = createDecipheriv('aes-256-gcm', dataKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    },
  };
}
