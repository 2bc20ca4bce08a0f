/**
 * AES through the platform's Web Cryptography API (W3C WebCrypto: AES-CBC §26, AES-GCM §27, AES-KW
 * §28), for the two places oathkit decrypts: PSKC containers (RFC 6030 §6.1, XML Encryption 1.0
 * §5.2 and §5.6: CBC with the IV prepended, key wrap RFC 3394) and the encrypted backups of
 * authenticator apps (GCM; Authenticator Pro's legacy CBC). Present in Node ≥ 20, Deno, Bun,
 * browsers (secure contexts) and workers; hence asynchronous. A failed check (a GCM tag, an AES-KW
 * integrity value) is returned, not thrown, for the caller to name as its format's error.
 * @module
 */
import { OtpError } from './errors.ts';

/** The code a missing WebCrypto (or key size) is reported with: the caller's format's. */
export type AesUnsupported = 'PSKC_UNSUPPORTED' | 'BACKUP_UNSUPPORTED';

/** The part of `crypto.subtle` used here (src/ is compiled without the DOM library's types). */
interface Subtle {
  importKey(format: 'raw', key: Uint8Array, algorithm: unknown, extractable: boolean, usages: string[]): Promise<unknown>;
  encrypt(algorithm: unknown, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: unknown, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
  unwrapKey(format: 'raw', wrapped: Uint8Array, key: unknown, algorithm: unknown, unwrapped: unknown, extractable: boolean, usages: string[]): Promise<unknown>;
  exportKey(format: 'raw', key: unknown): Promise<ArrayBuffer>;
}

/**
 * WebCrypto's `crypto.subtle`, or the caller's UNSUPPORTED error (a browser page over plain http;
 * Hermes and QuickJS, which have none). Callers also ask it up front, before any key derivation: a
 * runtime without it is told so at once, not after seconds of scrypt or Argon2id.
 */
export function subtle(code: AesUnsupported): Subtle {
  const s = (globalThis as { crypto?: { subtle?: Subtle } }).crypto?.subtle;
  if (s === undefined) {
    throw new OtpError(
      code,
      'WebCrypto (crypto.subtle) is not available here: the AES of encrypted files needs it (browsers offer it in secure contexts only)',
    );
  }
  return s;
}

/** An AES key, imported once per mode, for the operations of one file. */
export interface AesKey {
  readonly bytes: number;
  readonly raw: Uint8Array;
  /** The error code when WebCrypto is missing or refuses the key. */
  readonly code: AesUnsupported;
  cbc?: unknown;
  kw?: unknown;
  gcm?: unknown;
}

/** Holds the raw key (a copy) until an operation imports it in the form that operation needs. */
export function aesKey(raw: Uint8Array, code: AesUnsupported): AesKey {
  return { bytes: raw.length, raw: Uint8Array.from(raw), code };
}

const BLOCK = 16;

/** Imports the raw key for one WebCrypto algorithm; a runtime without that key size says so. */
async function importAes(key: AesKey, name: 'AES-CBC' | 'AES-KW' | 'AES-GCM', usages: string[]): Promise<unknown> {
  const s = subtle(key.code);
  try {
    // Not extractable: callers wipe their copy of the raw key after use, and the imported key
    // must not hand the bytes out again.
    return await s.importKey('raw', key.raw, { name }, false, usages);
  } catch (e) {
    throw new OtpError(key.code, `this runtime's WebCrypto refuses a ${key.bytes * 8}-bit ${name} key${key.bytes === 24 ? ' (Chromium has no AES-192)' : ''}`, {
      cause: e,
    });
  }
}

/**
 * AES-CBC decryption of IV ‖ cipher text without WebCrypto's padding check, which would refuse
 * the ISO 10126 padding XML Encryption allows (§5.2: only the last byte, the pad length, is
 * defined). One more block is appended that decrypts to a full block of PKCS #7 padding,
 * E(K, 0x10…10 ⊕ C_n), made by encrypting nothing under IV C_n; WebCrypto then strips exactly
 * that block and returns every original byte, padding included, for the caller to check
 * ({@link unpad}).
 * @returns the plaintext with its padding, or `undefined` when the length is not IV + whole blocks
 */
export async function cbcDecryptRaw(key: AesKey, data: Uint8Array): Promise<Uint8Array | undefined> {
  if (data.length < 2 * BLOCK || data.length % BLOCK !== 0) return undefined;
  const s = subtle(key.code);
  key.cbc ??= await importAes(key, 'AES-CBC', ['encrypt', 'decrypt']);
  const last = data.subarray(data.length - BLOCK);
  const extra = new Uint8Array(await s.encrypt({ name: 'AES-CBC', iv: Uint8Array.from(last) }, key.cbc, new Uint8Array(0)));
  const body = new Uint8Array(data.length);
  body.set(data.subarray(BLOCK));
  body.set(extra.subarray(0, BLOCK), data.length - BLOCK);
  return new Uint8Array(await s.decrypt({ name: 'AES-CBC', iv: data.slice(0, BLOCK) }, key.cbc, body));
}

/**
 * Removes block-cipher padding: XML Encryption's (the last byte n, 1 ≤ n ≤ 16, counts the padding
 * bytes, whose other values are arbitrary) or, when `strict`, PKCS #7's (RFC 5652 §6.3: every
 * padding byte is n).
 * @returns the plaintext, or `undefined` when the padding is not of that form
 */
export function unpad(padded: Uint8Array, strict: boolean): Uint8Array | undefined {
  const n = padded[padded.length - 1] ?? 0;
  if (n < 1 || n > BLOCK || n > padded.length) return undefined;
  if (strict) {
    // Not secret-dependent in a way an attacker can query: there is no oracle here, one answer per file.
    for (let i = padded.length - n; i < padded.length; i++) if (padded[i] !== n) return undefined;
  }
  return padded.slice(0, padded.length - n);
}

/** AES-CBC encryption with PKCS #7 padding under the IV given (fresh and random): IV ‖ cipher text. */
export async function cbcEncrypt(key: AesKey, plaintext: Uint8Array, iv: Uint8Array): Promise<Uint8Array> {
  const s = subtle(key.code);
  key.cbc ??= await importAes(key, 'AES-CBC', ['encrypt', 'decrypt']);
  const body = new Uint8Array(await s.encrypt({ name: 'AES-CBC', iv }, key.cbc, plaintext));
  const out = new Uint8Array(BLOCK + body.length);
  out.set(iv);
  out.set(body, BLOCK);
  return out;
}

/**
 * AES key unwrap (RFC 3394 §2.2.2) through WebCrypto's AES-KW: the wrapped value is unwrapped as
 * an extractable HMAC key and exported, the one way WebCrypto hands out unwrapped bytes.
 * @returns the unwrapped bytes, or `undefined` when the integrity check fails (a wrong key or
 *   altered data) or the length is not a whole number of 8-byte blocks, at least three (RFC 3394
 *   §2.2.2: the integrity block and n ≥ 2 blocks of key data); that check is made here, before
 *   WebCrypto is asked, since what an AES-KW does with one block is the implementation's choice
 */
export async function kwUnwrap(key: AesKey, wrapped: Uint8Array): Promise<Uint8Array | undefined> {
  if (wrapped.length < 24 || wrapped.length % 8 !== 0) return undefined;
  const s = subtle(key.code);
  key.kw ??= await importAes(key, 'AES-KW', ['unwrapKey']);
  try {
    const unwrapped = await s.unwrapKey('raw', wrapped, key.kw, { name: 'AES-KW' }, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
    return new Uint8Array(await s.exportKey('raw', unwrapped));
  } catch {
    // The integrity check failed: a wrong key or altered data (answered below). The block holds no
    // statement, so Stryker has no equivalent "empty block" mutant to make of it.
  }
  return undefined;
}

/** GCM's tag: every format here uses the full 128 bits. */
export const GCM_TAG_BYTES = 16;
/** GCM's nonce as every writer here makes it (96 bits, NIST SP 800-38D §8.2). */
export const GCM_NONCE_BYTES = 12;

/** A decryption that either gave the plaintext or failed its check, keeping WebCrypto's error. */
export type Opened = { ok: true; bytes: Uint8Array } | { ok: false; error: unknown };

/**
 * AES-GCM decryption of `sealed` (cipher text followed by the 16-byte tag). A tag that does not
 * verify (a wrong key, altered bytes) is `{ ok: false }`.
 */
export async function gcmOpen(key: AesKey, nonce: Uint8Array, sealed: Uint8Array): Promise<Opened> {
  const s = subtle(key.code);
  key.gcm ??= await importAes(key, 'AES-GCM', ['encrypt', 'decrypt']);
  try {
    return { ok: true, bytes: new Uint8Array(await s.decrypt({ name: 'AES-GCM', iv: nonce, tagLength: 128 }, key.gcm, sealed)) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** AES-GCM encryption: the cipher text followed by the 16-byte tag. */
export async function gcmSeal(key: AesKey, nonce: Uint8Array, plain: Uint8Array): Promise<Uint8Array> {
  const s = subtle(key.code);
  key.gcm ??= await importAes(key, 'AES-GCM', ['encrypt', 'decrypt']);
  return new Uint8Array(await s.encrypt({ name: 'AES-GCM', iv: nonce, tagLength: 128 }, key.gcm, plain));
}
