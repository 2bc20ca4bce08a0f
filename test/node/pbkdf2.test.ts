// PBKDF2 both ways: pbkdf2Async (WebCrypto where it has the hash, ours for SHA-224, an empty
// password, or no WebCrypto) and our own pbkdf2 give node:crypto's bytes, for every PRF hash.
import { pbkdf2Sync } from 'node:crypto';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { pbkdf2, pbkdf2Async } from '../../src/_pbkdf2.ts';

const NODE: Record<string, string> = { SHA1: 'sha1', SHA224: 'sha224', SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' };

test('pbkdf2Async and pbkdf2 equal node:crypto for every hash, empty passwords included', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'),
      fc.uint8Array({ maxLength: 80 }),
      fc.uint8Array({ maxLength: 40 }),
      fc.integer({ min: 1, max: 50 }),
      fc.integer({ min: 1, max: 100 }),
      async (hash, password, salt, iterations, length) => {
        const expected = pbkdf2Sync(password, salt, iterations, length, NODE[hash]!).toString('hex');
        expect(Buffer.from(await pbkdf2Async(hash as 'SHA1', password, salt, iterations, length)).toString('hex')).toBe(expected);
        expect(Buffer.from(pbkdf2(hash as 'SHA1', password, salt, iterations, length)).toString('hex')).toBe(expected);
      },
    ),
    { numRuns: 300, seed: 8018 },
  );
});

test('without WebCrypto, pbkdf2Async computes the same bytes itself', async () => {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
  Object.defineProperty(globalThis, 'crypto', { value: undefined, configurable: true });
  try {
    const out = await pbkdf2Async('SHA256', new TextEncoder().encode('password'), new TextEncoder().encode('salt'), 2, 32);
    expect(Buffer.from(out).toString('hex')).toBe('ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43'); // node:crypto's PBKDF2-HMAC-SHA256 of 'password', 'salt', c = 2
  } finally {
    if (saved) Object.defineProperty(globalThis, 'crypto', saved);
  }
});
