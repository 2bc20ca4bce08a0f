// The AES layer the encrypted backups and PSKC share (src/_aes.ts), called directly: a runtime
// without WebCrypto or refusing a key size, the length checks made before WebCrypto is asked,
// PKCS #7 and XML Encryption padding at every boundary, and AES key unwrap (RFC 3394). Mutation
// testing (slice `backup-crypto`, 2026-11-30) found these unpinned by the backup tests, which only
// ever meet well-formed files on Node's WebCrypto. node:crypto is the independent AES here.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { aesKey, cbcDecryptRaw, cbcEncrypt, gcmOpen, gcmSeal, kwUnwrap, subtle, unpad, type AesKey, type AesUnsupported } from '../../src/_aes.ts';
import { openBackupWith, sealBackupWith } from '../../src/_backup-crypto.ts';
import { TINY } from './backup-crypto-helpers.ts';
import { otpError, otpRejection } from './otp-error.ts';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (seed * 31 + i * 7) & 0xff);
const CODES: AesUnsupported[] = ['PSKC_UNSUPPORTED', 'BACKUP_UNSUPPORTED'];

afterEach(() => {
  vi.restoreAllMocks();
});

/** Runs `f` with `globalThis.crypto` replaced by `value`, restoring it after. */
async function withCrypto<T>(value: unknown, f: () => Promise<T> | T): Promise<T> {
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'crypto')!;
  Object.defineProperty(globalThis, 'crypto', { value, configurable: true });
  try {
    return await f();
  } finally {
    Object.defineProperty(globalThis, 'crypto', saved);
  }
}

describe('a runtime without WebCrypto', () => {
  test('subtle() is the caller’s UNSUPPORTED code, naming crypto.subtle, with no crypto at all or one without subtle', async () => {
    for (const crypto of [undefined, {}, { getRandomValues: () => undefined }]) {
      await withCrypto(crypto, () => {
        for (const code of CODES) {
          const e = otpError(() => subtle(code));
          expect(e.code).toBe(code);
          expect(e.message).toContain('crypto.subtle');
          expect(e.message).toContain('secure context');
        }
      });
    }
  });

  test('every AES operation says so rather than crashing, with the code its key was made for', async () => {
    for (const code of CODES) {
      const key = aesKey(bytes(16), code);
      await withCrypto({}, async () => {
        for (const call of [
          () => cbcDecryptRaw(key, bytes(32)),
          () => cbcEncrypt(key, bytes(5), bytes(16)),
          () => kwUnwrap(key, bytes(24)),
          () => gcmOpen(key, bytes(12), bytes(32)),
          () => gcmSeal(key, bytes(12), bytes(5)),
        ]) {
          expect((await otpRejection(call())).code).toBe(code);
        }
      });
    }
  });

  test('openBackup and sealBackup: BACKUP_UNSUPPORTED before any key derivation', async () => {
    const sealed = await sealBackupWith(TINY, (n) => bytes(n, 3), '{"db":{}}', 'aegis', 'pw');
    const derive = vi.fn(TINY.scrypt);
    const profile = { ...TINY, scrypt: derive };
    await withCrypto(undefined, async () => {
      expect((await otpRejection(openBackupWith(profile, sealed, 'pw'))).code).toBe('BACKUP_UNSUPPORTED');
      expect((await otpRejection(sealBackupWith(profile, (n) => bytes(n), '{"db":{}}', 'aegis', 'pw'))).code).toBe('BACKUP_UNSUPPORTED');
    });
    expect(derive).not.toHaveBeenCalled();
  });
});

describe('a WebCrypto that refuses the key', () => {
  const OPERATIONS: [string, (key: AesKey) => Promise<unknown>][] = [
    ['AES-CBC', (key) => cbcDecryptRaw(key, bytes(32))],
    ['AES-CBC', (key) => cbcEncrypt(key, bytes(5), bytes(16))],
    ['AES-KW', (key) => kwUnwrap(key, bytes(24))],
    ['AES-GCM', (key) => gcmOpen(key, bytes(12), bytes(32))],
    ['AES-GCM', (key) => gcmSeal(key, bytes(12), bytes(5))],
  ];

  test('is the key’s UNSUPPORTED code naming the size in bits and the mode, WebCrypto’s error as the cause', async () => {
    const refusal = new DOMException('no such key size', 'NotSupportedError');
    vi.spyOn(crypto.subtle, 'importKey').mockRejectedValue(refusal);
    for (const [name, operate] of OPERATIONS) {
      for (const size of [16, 24, 32]) {
        for (const code of CODES) {
          const e = await otpRejection(operate(aesKey(bytes(size), code)));
          const what = `${name}, ${size} bytes`;
          expect(e.code, what).toBe(code);
          expect(e.message, what).toContain(`${size * 8}-bit ${name} key`);
          expect(e.cause, what).toBe(refusal);
          // Only AES-192 gets the hint (Chromium has none); the others' message ends with the key.
          if (size === 24) expect(e.message, what).toContain('Chromium has no AES-192');
          else expect(e.message.endsWith(`${name} key`), `${what}: ${e.message}`).toBe(true);
        }
      }
    }
  });

  test("Node's own refusal of a 20-byte key, through the same path", async () => {
    const e = await otpRejection(gcmSeal(aesKey(bytes(20), 'BACKUP_UNSUPPORTED'), bytes(12), bytes(5)));
    expect(e.code).toBe('BACKUP_UNSUPPORTED');
    expect(e.message).toContain('160-bit AES-GCM key');
    expect(e.cause).toBeInstanceOf(Error);
  });
});

test('the keys imported are not extractable: WebCrypto never hands the raw bytes out again (the caller wipes its copy)', async () => {
  const key = aesKey(bytes(32), 'PSKC_UNSUPPORTED');
  await cbcEncrypt(key, bytes(5), bytes(16));
  await gcmSeal(key, bytes(12), bytes(5));
  await kwUnwrap(key, bytes(24));
  for (const mode of ['cbc', 'gcm', 'kw'] as const) {
    const imported = key[mode] as { extractable: boolean; type: string };
    expect(imported.type, mode).toBe('secret');
    expect(imported.extractable, mode).toBe(false);
  }
});

describe('cbcDecryptRaw', () => {
  const raw = bytes(16, 5);
  /** node:crypto's AES-128-CBC decryption of IV ‖ blocks, without padding removal. */
  const nodeDecrypt = (data: Uint8Array) => {
    const d = createDecipheriv('aes-128-cbc', raw, data.subarray(0, 16)).setAutoPadding(false);
    return Buffer.concat([d.update(data.subarray(16)), d.final()]);
  };

  test('IV and at least one whole block: every byte decrypted, padding left in place (any padding)', async () => {
    const key = aesKey(raw, 'PSKC_UNSUPPORTED');
    for (const length of [32, 48, 64, 160]) {
      const data = bytes(length, length);
      expect(hex((await cbcDecryptRaw(key, data))!), `${length} bytes`).toBe(hex(nodeDecrypt(data)));
    }
  });

  test('anything else is undefined, not a WebCrypto error nor an empty plaintext (an IV alone)', async () => {
    const key = aesKey(raw, 'PSKC_UNSUPPORTED');
    for (let length = 0; length <= 81; length++) {
      if (length >= 32 && length % 16 === 0) continue;
      await expect(cbcDecryptRaw(key, bytes(length)), `${length} bytes`).resolves.toBeUndefined();
    }
  });
});

describe('unpad', () => {
  const pkcs7 = (plain: Uint8Array) => {
    const n = 16 - (plain.length % 16);
    return Uint8Array.from([...plain, ...new Array<number>(n).fill(n)]);
  };

  test('PKCS #7 padding of every length 1–16 comes off, strict or not: plaintexts of 0–40 bytes', () => {
    for (let length = 0; length <= 40; length++) {
      const plain = bytes(length, length);
      for (const strict of [true, false]) expect(hex(unpad(pkcs7(plain), strict)!), `${length} bytes`).toBe(hex(plain));
    }
    // The same padding as node:crypto writes it.
    const c = createCipheriv('aes-128-ecb', bytes(16), null);
    const d = createDecipheriv('aes-128-ecb', bytes(16), null).setAutoPadding(false);
    const padded = d.update(Buffer.concat([c.update(bytes(21)), c.final()]));
    expect(hex(unpad(new Uint8Array(padded), true)!)).toBe(hex(bytes(21)));
  });

  test('a padding byte other than n: refused when strict, taken as XML Encryption’s arbitrary bytes otherwise', () => {
    for (let n = 2; n <= 16; n++) {
      const plain = bytes(32, n);
      for (let at = 0; at < n - 1; at++) {
        const padded = pkcs7(plain.subarray(0, 32 - n));
        const i = padded.length - n + at;
        padded[i] = (padded[i]! + 1) & 0xff;
        expect(unpad(padded, true), `n = ${n}, byte ${at}`).toBeUndefined();
        expect(hex(unpad(padded, false)!), `n = ${n}, byte ${at}`).toBe(hex(plain.subarray(0, 32 - n)));
      }
    }
  });

  test('a last byte of 0 or past 16, or past the length, is refused either way', () => {
    for (const strict of [true, false]) {
      expect(unpad(new Uint8Array(0), strict)).toBeUndefined();
      for (const n of [0, 17, 32, 255]) expect(unpad(new Uint8Array(48).fill(n), strict), `${n}`).toBeUndefined();
      // n within 1–16 but longer than what there is (unpad is also given short texts by nothing
      // but its contract: the callers pass whole blocks).
      for (let n = 2; n <= 16; n++) {
        expect(unpad(new Uint8Array(n - 1).fill(n), strict), `${n}`).toBeUndefined();
        expect(unpad(new Uint8Array(n).fill(n), strict)!.length, `${n}`).toBe(0);
      }
    }
  });
});

describe('kwUnwrap (RFC 3394)', () => {
  const KEK = Buffer.from('000102030405060708090A0B0C0D0E0F', 'hex');
  const DATA = '00112233445566778899aabbccddeeff';
  const WRAPPED = Buffer.from('1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5', 'hex');

  test('RFC 3394 §4.1: the vector unwraps; a wrong key-encryption key or an altered byte is undefined', async () => {
    expect(hex((await kwUnwrap(aesKey(KEK, 'PSKC_UNSUPPORTED'), WRAPPED))!)).toBe(DATA);
    expect(await kwUnwrap(aesKey(bytes(16), 'PSKC_UNSUPPORTED'), WRAPPED)).toBeUndefined();
    const altered = Uint8Array.from(WRAPPED);
    altered[20]! ^= 1;
    expect(await kwUnwrap(aesKey(KEK, 'PSKC_UNSUPPORTED'), altered)).toBeUndefined();
  });

  test('a length other than three or more 8-byte blocks is refused here, whatever the runtime’s AES-KW would accept', async () => {
    // A permissive AES-KW (RFC 3394 leaves the one-block case to implementations): the length
    // check must be ours.
    const unwrap = vi.spyOn(crypto.subtle, 'unwrapKey').mockResolvedValue({} as CryptoKey);
    vi.spyOn(crypto.subtle, 'exportKey').mockResolvedValue(new ArrayBuffer(8));
    const key = aesKey(KEK, 'PSKC_UNSUPPORTED');
    for (let length = 0; length <= 41; length++) {
      const ok = length >= 24 && length % 8 === 0;
      const out = await kwUnwrap(key, bytes(length));
      expect(out === undefined, `${length} bytes`).toBe(!ok);
    }
    expect(unwrap).toHaveBeenCalledTimes(3); // 24, 32, 40
  });
});
