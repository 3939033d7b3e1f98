import { describe, expect, it } from 'vitest';
import { createIdentityProtector } from '../../src/shared/crypto.js';

const protector = (pepper = 'pepper-pepper-pepper-pepper-pepper-01', key = Buffer.alloc(32, 1)) => createIdentityProtector({ dataKey: key, idPepper: pepper });

describe('identity protection', () => {
  it('hashes the same id to the same value without revealing it', () => {
    const identity = protector();
    expect(identity.hashId('user', 123456789)).toBe(identity.hashId('user', 123456789));
    expect(identity.hashId('user', 123456789)).not.toContain('123456789');
    expect(identity.hashId('user', 1)).not.toBe(identity.hashId('chat', 1));
  });

  it('gives unrelated hashes under another pepper', () => {
    expect(protector('a'.repeat(32)).hashId('user', 42)).not.toBe(protector('b'.repeat(32)).hashId('user', 42));
  });

  it('seals and opens a chat address, differently each time', () => {
    const identity = protector();
    const a = identity.seal('-100123');
    const b = identity.seal('-100123');
    expect(a).not.toBe(b);
    expect(a).not.toContain('100123');
    expect(identity.open(a)).toBe('-100123');
  });

  it('refuses a tampered or foreign sealed value', () => {
    const identity = protector();
    const sealed = identity.seal('555');
    const tampered = `${sealed.slice(0, -2)}${sealed.endsWith('A') ? 'B' : 'A'}A`;
    expect(() => identity.open(tampered)).toThrow();
    expect(() => protector(undefined, Buffer.alloc(32, 2)).open(sealed)).toThrow();
    expect(() => identity.open('plain text')).toThrow(/not a sealed value/);
  });

  it('refuses a truncated authentication tag, which would otherwise weaken the check', () => {
    const identity = protector();
    const [version, iv, tag, body] = identity.seal('-100123').split('.');
    const tagBytes = Buffer.from(tag ?? '', 'base64url');
    for (const length of [4, 8, 12, 15]) {
      const truncated = [version, iv, tagBytes.subarray(0, length).toString('base64url'), body].join('.');
      expect(() => identity.open(truncated), `a ${length}-byte tag`).toThrow();
    }
    expect(() => identity.open([version, iv, '', body].join('.'))).toThrow();
  });

  it('refuses a ciphertext changed by one bit', () => {
    const identity = protector();
    const [version, iv, tag, body] = identity.seal('-100123').split('.');
    const bytes = Buffer.from(body ?? '', 'base64url');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    expect(() => identity.open([version, iv, tag, bytes.toString('base64url')].join('.'))).toThrow();
  });

  it('still opens a chat address sealed by earlier versions of Ura', () => {
    const identity = protector('p'.repeat(32), Buffer.alloc(32, 7));
    expect(identity.open('v1.buvysYTT1Vm9g3yh.Cn2dg_oKAke_D3qRxZ-rAw.WoMJ-9Uzf_RAF_o')).toBe('-1001234567');
  });
});
