/**
 * The ciphers of PSKC encryption (RFC 6030 §6.1, XML Encryption 1.0 §5.2 and §5.6) through
 * WebCrypto's `crypto.subtle`: AES-128/192/256-CBC with the IV prepended to the cipher text, and
 * AES key wrap (RFC 3394). Everything WebCrypto lacks is refused by the caller, by name.
 * @module
 */
import { OtpError } from './errors.ts';

/** What XML Encryption names a cipher by, and what this module does with it. */
export interface Cipher {
  readonly mode: 'cbc' | 'kw';
  /** The AES key length in bytes. */
  readonly keyBytes: 16 | 24 | 32;
  /** The name in messages: the URI's fragment. */
  readonly name: string;
}

const XMLENC = 'http://www.w3.org/2001/04/xmlenc#';

/** The ciphers WebCrypto provides, by algorithm URI. */
export const CIPHERS: ReadonlyMap<string, Cipher> = /* @__PURE__ */ new Map([
  [`${XMLENC}aes128-cbc`, { mode: 'cbc', keyBytes: 16, name: 'aes128-cbc' }],
  [`${XMLENC}aes192-cbc`, { mode: 'cbc', keyBytes: 24, name: 'aes192-cbc' }],
  [`${XMLENC}aes256-cbc`, { mode: 'cbc', keyBytes: 32, name: 'aes256-cbc' }],
  [`${XMLENC}kw-aes128`, { mode: 'kw', keyBytes: 16, name: 'kw-aes128' }],
  [`${XMLENC}kw-aes192`, { mode: 'kw', keyBytes: 24, name: 'kw-aes192' }],
  [`${XMLENC}kw-aes256`, { mode: 'kw', keyBytes: 32, name: 'kw-aes256' }],
] as const);

/** Why a known cipher is refused: WebCrypto does not have it. */
export function refusedCipher(uri: string): string {
  const fragment = uri.slice(uri.lastIndexOf('#') + 1);
  if (/tripledes|3des/i.test(fragment)) return `${fragment} (Triple DES) is not available in WebCrypto`;
  if (/camellia/i.test(fragment)) return `${fragment} (Camellia) is not available in WebCrypto`;
  if (/^rsa/i.test(fragment)) return `${fragment} (RSA key transport, RFC 6030 §6.3) is not supported: WebCrypto has no RSA PKCS #1 v1.5 decryption, and oathkit takes no private keys`;
  if (/-pad$/i.test(fragment)) return `${fragment} (AES key wrap with padding, RFC 5649) is not available in WebCrypto`;
  if (/gcm/i.test(fragment)) return `${fragment} is not a cipher RFC 6030 containers use`;
  return `the cipher ${JSON.stringify(uri.slice(0, 100))} is not one oathkit reads (AES-CBC and AES key wrap only)`;
}

interface Subtle {
  importKey(format: 'raw', key: Uint8Array, algorithm: unknown, extractable: boolean, usages: string[]): Promise<unknown>;
  encrypt(algorithm: unknown, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: unknown, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
  unwrapKey(
    format: 'raw',
    wrapped: Uint8Array,
    key: unknown,
    algorithm: unknown,
    unwrapped: unknown,
    extractable: boolean,
    usages: string[],
  ): Promise<unknown>;
  exportKey(format: 'raw', key: unknown): Promise<ArrayBuffer>;
}

/** WebCrypto's `crypto.subtle` (browsers in secure contexts, workers, Deno, Bun, Node ≥ 19). */
function subtle(): Subtle {
  const s = (globalThis as { crypto?: { subtle?: Subtle } }).crypto?.subtle;
  if (s === undefined) {
    throw new OtpError('PSKC_UNSUPPORTED', 'WebCrypto (crypto.subtle) is not available here: PSKC encryption needs its AES (browsers offer it in secure contexts only)');
  }
  return s;
}

/** An AES key, imported once, for the CBC and key-wrap operations of one container. */
export interface AesKey {
  readonly bytes: number;
  cbc?: unknown;
  kw?: unknown;
  readonly raw: Uint8Array;
}

/** Holds the raw key until an operation imports it in the form that operation needs. */
export function aesKey(raw: Uint8Array): AesKey {
  return { bytes: raw.length, raw: Uint8Array.from(raw) };
}

const BLOCK = 16;

/** Imports the raw key for one WebCrypto algorithm; a runtime without that key size says so. */
async function importAes(key: AesKey, name: 'AES-CBC' | 'AES-KW', usages: string[]): Promise<unknown> {
  try {
    return await subtle().importKey('raw', key.raw, { name }, false, usages);
  } catch (e) {
    if (e instanceof OtpError) throw e;
    throw new OtpError(
      'PSKC_UNSUPPORTED',
      `this runtime's WebCrypto refuses a ${key.bytes * 8}-bit ${name} key${key.bytes === 24 ? ' (Chromium has no AES-192)' : ''}`,
      { cause: e },
    );
  }
}

/**
 * AES-CBC decryption of IV ‖ cipher text without WebCrypto's padding check, which would refuse
 * the ISO 10126 padding XML Encryption allows (§5.2: only the last byte, the pad length, is
 * defined). One more block is appended that decrypts to a full block of PKCS #7 padding,
 * E(K, 0x10…10 ⊕ C_n), made by encrypting nothing under IV C_n; WebCrypto then strips exactly
 * that block and returns every original byte, padding included, for the caller to check.
 * @returns the plaintext with its padding, or `undefined` when the length is not IV + whole blocks
 */
export async function cbcDecryptRaw(key: AesKey, data: Uint8Array): Promise<Uint8Array | undefined> {
  if (data.length < 2 * BLOCK || data.length % BLOCK !== 0) return undefined;
  const s = subtle();
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
 * bytes, whose other values are arbitrary) or, when `strict`, PKCS #7's (every padding byte is n).
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
  const s = subtle();
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
 *   altered data) or the length is not a whole number of 8-byte blocks of at least 16 bytes
 */
export async function kwUnwrap(key: AesKey, wrapped: Uint8Array): Promise<Uint8Array | undefined> {
  if (wrapped.length < 24 || wrapped.length % 8 !== 0) return undefined;
  const s = subtle();
  key.kw ??= await importAes(key, 'AES-KW', ['unwrapKey']);
  try {
    const unwrapped = await s.unwrapKey('raw', wrapped, key.kw, { name: 'AES-KW' }, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
    return new Uint8Array(await s.exportKey('raw', unwrapped));
  } catch {
    return undefined;
  }
}
