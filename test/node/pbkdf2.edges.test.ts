// PBKDF2's cost and which implementation runs (src/_pbkdf2.ts). Both give node:crypto's bytes
// (pbkdf2.test.ts), so mutation testing (test/MUTATION.md, slice `pskc-write`) found the choice
// between them unpinned: WebCrypto's is native and off the page's thread, ours costs seconds at
// PSKC's 100,000 iterations, so which one runs matters. Here WebCrypto is watched (spies that
// call through) and ours counted, HMAC by HMAC.
import { pbkdf2Sync } from 'node:crypto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Algorithm } from '../../src/_algorithm.ts';
import { pbkdf2, pbkdf2Async } from '../../src/_pbkdf2.ts';

/** How many HMACs the kernel's message MACs have run (each `run` is one HMAC). */
const counted = { hmacs: 0 };
vi.mock('../../src/_kernel.ts', async (original) => {
  const real = await original<typeof import('../../src/_kernel.ts')>();
  return {
    ...real,
    messageMac: (...args: Parameters<typeof real.messageMac>) => {
      const m = real.messageMac(...args);
      const run = m.run.bind(m);
      m.run = (from: number) => {
        counted.hmacs++;
        run(from);
      };
      return m;
    },
  };
});

const NODE: Record<string, string> = { SHA1: 'sha1', SHA224: 'sha224', SHA256: 'sha256', SHA384: 'sha384', SHA512: 'sha512' };
const HASH_BYTES: Record<string, number> = { SHA1: 20, SHA224: 28, SHA256: 32, SHA384: 48, SHA512: 64 };
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const expected = (hash: string, password: Uint8Array, salt: Uint8Array, iterations: number, length: number) =>
  pbkdf2Sync(password, salt, iterations, length, NODE[hash]!).toString('hex');
const PASSWORD = new TextEncoder().encode('correct horse');
const SALT = new TextEncoder().encode('NaCl and more');

afterEach(() => {
  vi.restoreAllMocks();
});

test('pbkdf2 runs c HMACs per block of the hash, ⌈dkLen / hLen⌉ blocks, no more', () => {
  for (const hash of Object.keys(NODE)) {
    const hLen = HASH_BYTES[hash]!;
    // A whole number of blocks (where one more would write nothing), one byte either side of it.
    for (const length of [1, hLen - 1, hLen, hLen + 1, 2 * hLen, 2 * hLen + 1]) {
      counted.hmacs = 0;
      const out = pbkdf2(hash as Algorithm, PASSWORD, SALT, 3, length);
      expect(counted.hmacs, `${hash}, ${length} bytes`).toBe(3 * Math.ceil(length / hLen));
      expect(hex(out)).toBe(expected(hash, PASSWORD, SALT, 3, length));
    }
  }
});

describe('pbkdf2Async: WebCrypto where it has the hash and takes the password, ours otherwise', () => {
  const spies = () => ({ importKey: vi.spyOn(crypto.subtle, 'importKey'), deriveBits: vi.spyOn(crypto.subtle, 'deriveBits') });

  test("SHA-1/256/384/512 with a password: WebCrypto's PBKDF2, its key raw and not extractable, its bits returned", async () => {
    for (const [hash, name] of [
      ['SHA1', 'SHA-1'],
      ['SHA256', 'SHA-256'],
      ['SHA384', 'SHA-384'],
      ['SHA512', 'SHA-512'],
    ] as const) {
      const { importKey, deriveBits } = spies();
      counted.hmacs = 0;
      const out = await pbkdf2Async(hash, PASSWORD, SALT, 5, 40);
      expect(hex(out), hash).toBe(expected(hash, PASSWORD, SALT, 5, 40));
      expect(counted.hmacs, hash).toBe(0);
      expect(importKey.mock.calls, hash).toEqual([['raw', PASSWORD, 'PBKDF2', false, ['deriveBits']]]);
      const key = await importKey.mock.results[0]!.value;
      expect(deriveBits.mock.calls, hash).toEqual([[{ name: 'PBKDF2', hash: name, salt: SALT, iterations: 5 }, key, 320]]);
      vi.restoreAllMocks();
    }
    // What WebCrypto derives is the answer (not recomputed, not checked against ours).
    const { deriveBits } = spies();
    deriveBits.mockResolvedValueOnce(new Uint8Array(16).fill(7).buffer);
    expect(hex(await pbkdf2Async('SHA256', PASSWORD, SALT, 5, 16))).toBe('07'.repeat(16));
  });

  test('SHA-224 (WebCrypto has none) and an empty password (some engines refuse one): ours, WebCrypto untouched', async () => {
    for (const [hash, password] of [
      ['SHA224', PASSWORD],
      ['SHA1', new Uint8Array(0)],
      ['SHA256', new Uint8Array(0)],
    ] as const) {
      const { importKey, deriveBits } = spies();
      counted.hmacs = 0;
      const out = await pbkdf2Async(hash, password, SALT, 4, 24);
      expect(hex(out), hash).toBe(expected(hash, password, SALT, 4, 24));
      expect(counted.hmacs, hash).toBe(4 * Math.ceil(24 / HASH_BYTES[hash]!));
      expect(importKey, hash).not.toHaveBeenCalled();
      expect(deriveBits, hash).not.toHaveBeenCalled();
      vi.restoreAllMocks();
    }
  });

  test('a WebCrypto that refuses the key or the derivation: the same bytes from ours', async () => {
    for (const method of ['importKey', 'deriveBits'] as const) {
      vi.spyOn(crypto.subtle, method).mockRejectedValueOnce(new DOMException('not here', 'NotSupportedError'));
      counted.hmacs = 0;
      const out = await pbkdf2Async('SHA256', PASSWORD, SALT, 6, 32);
      expect(hex(out), method).toBe(expected('SHA256', PASSWORD, SALT, 6, 32));
      expect(counted.hmacs, method).toBe(6);
      vi.restoreAllMocks();
    }
  });

  test('without crypto.subtle: ours', async () => {
    const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto');
    Object.defineProperty(globalThis, 'crypto', { value: {}, configurable: true });
    try {
      counted.hmacs = 0;
      const out = await pbkdf2Async('SHA1', PASSWORD, SALT, 2, 20);
      expect(hex(out)).toBe(expected('SHA1', PASSWORD, SALT, 2, 20));
      expect(counted.hmacs).toBe(2);
    } finally {
      if (saved) Object.defineProperty(globalThis, 'crypto', saved);
    }
  });
});
