/**
 * The primitives under the encrypted backup formats, all from the platform's Web Cryptography API
 * (W3C WebCrypto: AES-GCM §27, AES-CBC §26, PBKDF2 §33, SHA-256 §31), present in Node ≥ 20, Deno,
 * Bun, browsers (secure contexts) and workers; and the small readers they share (strict hex, the
 * password's UTF-8, JSON with the exact text of its top-level members). A failed GCM tag or CBC
 * padding is returned, not thrown, with WebCrypto's error kept for the `cause` of the OtpError the
 * format then chooses (BACKUP_PASSWORD or INVALID_BACKUP).
 * @module
 */
import { OtpError } from './errors.ts';
import { utf8Encode } from './_utf8.ts';

/** The part of `crypto.subtle` used here (src/ is compiled without the DOM library's types). */
interface Subtle {
  importKey(format: 'raw', key: Uint8Array, algorithm: string, extractable: false, usages: string[]): Promise<unknown>;
  encrypt(algorithm: object, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
  decrypt(algorithm: object, key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
  deriveBits(algorithm: object, key: unknown, length: number): Promise<ArrayBuffer>;
  digest(algorithm: string, data: Uint8Array): Promise<ArrayBuffer>;
}

function subtle(): Subtle {
  const s = (globalThis as { crypto?: { subtle?: Subtle } }).crypto?.subtle;
  // Not an OtpError: the input is fine, the platform lacks the API (a browser page over plain http).
  if (s === undefined) throw new Error('crypto.subtle is not available: encrypted backups need the Web Crypto API (a secure context in browsers)');
  return s;
}

/** GCM's tag: every format here uses the full 128 bits. */
export const GCM_TAG_BYTES = 16;
/** GCM's nonce as every writer here makes it (96 bits, NIST SP 800-38D §8.2). */
export const GCM_NONCE_BYTES = 12;

/** A decryption that either gave the plaintext or failed its check, keeping WebCrypto's error. */
export type Opened = { ok: true; bytes: Uint8Array } | { ok: false; error: unknown };

/**
 * AES-GCM decryption of `sealed` (ciphertext followed by the 16-byte tag) under a 16/24/32-byte key.
 * A tag that does not verify (wrong key, altered bytes) is `{ ok: false }`.
 */
export async function gcmOpen(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Promise<Opened> {
  const s = subtle();
  const k = await s.importKey('raw', key, 'AES-GCM', false, ['decrypt']);
  try {
    return { ok: true, bytes: new Uint8Array(await s.decrypt({ name: 'AES-GCM', iv: nonce, tagLength: 128 }, k, sealed)) };
  } catch (error) {
    return { ok: false, error };
  }
}

/** AES-GCM encryption: the ciphertext followed by the 16-byte tag. */
export async function gcmSeal(key: Uint8Array, nonce: Uint8Array, plain: Uint8Array): Promise<Uint8Array> {
  const s = subtle();
  const k = await s.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  return new Uint8Array(await s.encrypt({ name: 'AES-GCM', iv: nonce, tagLength: 128 }, k, plain));
}

/**
 * AES-CBC decryption with PKCS#7 padding (RFC 5652 §6.3), which WebCrypto removes and checks. The
 * caller checks that `data` is a non-empty multiple of 16 bytes. Bad padding is `{ ok: false }`;
 * good padding proves nothing (a wrong key passes it about once in 256 tries).
 */
export async function cbcOpen(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Opened> {
  const s = subtle();
  const k = await s.importKey('raw', key, 'AES-CBC', false, ['decrypt']);
  try {
    return { ok: true, bytes: new Uint8Array(await s.decrypt({ name: 'AES-CBC', iv }, k, data)) };
  } catch (error) {
    return { ok: false, error };
  }
}

/**
 * PBKDF2 (RFC 8018 §5.2) with HMAC-SHA-1 or HMAC-SHA-256, `length` bytes. WebCrypto's rather than
 * one on oathkit's own HMAC: the AES must come from WebCrypto anyway, its PBKDF2 is native (andOTP's
 * 160,000 SHA-1 iterations take about 0.1 s), and it is one call less to audit. The caller bounds
 * `iterations` (≥ 1) before calling.
 */
export async function pbkdf2(hash: 'SHA-1' | 'SHA-256', password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Promise<Uint8Array> {
  const s = subtle();
  // HMAC pads a key shorter than the hash's 64-byte block with zeros (RFC 2104 §2): an empty
  // password is the same key as 64 zero bytes, which every WebCrypto imports (some refuse empty keys).
  const k = await s.importKey('raw', password.length === 0 ? new Uint8Array(64) : password, 'PBKDF2', false, ['deriveBits']);
  return new Uint8Array(await s.deriveBits({ name: 'PBKDF2', hash, salt, iterations }, k, length * 8));
}

/** SHA-256 (FIPS 180-4) of `data`. */
export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-256', data));
}

/**
 * The password as UTF-8, as every app here encodes it (Java's PBEKeySpec on Android 4.4+, Kotlin's
 * `toByteArray`, .NET's `Encoding.UTF8`). A lone surrogate has no UTF-8 form: no app could have
 * used such a password, so it is refused rather than replaced.
 * @throws OtpError `BACKUP_PASSWORD` for a non-string or a string with a lone surrogate
 */
export function passwordBytes(password: unknown): Uint8Array {
  if (typeof password !== 'string') {
    throw new OtpError('BACKUP_PASSWORD', `password must be a string, got ${password === null ? 'null' : typeof password}`);
  }
  const bytes = utf8Encode(password);
  if (bytes === undefined) throw new OtpError('BACKUP_PASSWORD', 'password must be well-formed Unicode (it holds a lone surrogate)');
  return bytes;
}

/** Strict UTF-8 of bytes (a byte-order mark dropped), or undefined. */
export function decodeUtf8(bytes: Uint8Array): string | undefined {
  const TD = (globalThis as { TextDecoder?: new (label: string, options: { fatal: boolean }) => { decode(b: Uint8Array): string } })
    .TextDecoder;
  if (TD === undefined) throw new Error('TextDecoder is not available');
  try {
    return new TD('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** UTF-8 bytes of well-formed text. */
export function encodeUtf8(text: string): Uint8Array {
  const TE = (globalThis as { TextEncoder?: new () => { encode(s: string): Uint8Array } }).TextEncoder;
  if (TE === undefined) throw new Error('TextEncoder is not available');
  return new TE().encode(text);
}

/** Lower- or upper-case hex of exactly `bytes` bytes (`min`…`max` when a range is given), or undefined. */
export function hexBytes(value: unknown, min: number, max = min): Uint8Array | undefined {
  if (typeof value !== 'string' || value.length % 2 !== 0 || value.length < 2 * min || value.length > 2 * max) return undefined;
  if (!/^[0-9a-fA-F]*$/.test(value)) return undefined;
  const out = new Uint8Array(value.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(value.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Lower-case hex. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

/** Whether `bytes` begins with the ASCII text `prefix`. */
export function startsWithAscii(bytes: Uint8Array, prefix: string): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix.charCodeAt(i)) return false;
  return true;
}

/** Concatenation. */
export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A plain JSON object as `JSON.parse` makes it (own properties only are read). */
export type JsonRecord = Record<string, unknown>;

/** Own property of a parsed object (`__proto__` in a file is an own key, never the prototype). */
export function field(o: JsonRecord, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** Whether `value` is a JSON object (not an array, not null). */
export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * `JSON.parse`, with every failure (a syntax error, or a RangeError from nesting in engines whose
 * parser recurses) as undefined. `JSON.parse` keeps `__proto__` as an own key; its rounding of
 * integers past 2^53 does not matter here, where only the few fields a format's crypto needs are
 * read from the parsed value (the text itself is passed on exactly, see {@link topMembers}).
 */
export function parseJsonText(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** A top-level member of a JSON object: its key and the exact source text of its value. */
export interface Member {
  key: string;
  value: string;
}

/**
 * The top-level members of `text`, which must already have parsed as a JSON object, in order and
 * with their values' exact text: a member is copied or replaced as text, so numbers past 2^53 (an
 * HOTP counter) and formatting inside values survive a round trip unchanged. One pass; strings
 * are skipped by their escapes, nesting is counted by brackets outside strings.
 */
export function topMembers(text: string): Member[] {
  const members: Member[] = [];
  let i = text.indexOf('{') + 1;
  let depth = 0;
  let key: string | undefined;
  let start = -1;
  const skipString = (): void => {
    // text[i] is the opening quote
    for (i++; text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    i++;
  };
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const from = i;
      skipString();
      if (depth === 0 && key === undefined) {
        key = JSON.parse(text.slice(from, i)) as string;
      }
      continue;
    }
    if (depth === 0 && key !== undefined && start < 0 && c === 58 /* : */) {
      start = i + 1;
    } else if (c === 123 || c === 91 /* { [ */) {
      depth++;
    } else if (c === 125 || c === 93 /* } ] */) {
      if (depth === 0) break; // the object's own closing brace
      depth--;
    } else if (c === 44 /* , */ && depth === 0) {
      members.push({ key: key!, value: text.slice(start, i).trim() });
      key = undefined;
      start = -1;
    }
    i++;
  }
  if (key !== undefined) members.push({ key, value: text.slice(start, i).trim() });
  return members;
}

/** A JSON object's text from members (values as given; no spaces between them). */
export function joinMembers(members: readonly Member[]): string {
  return `{${members.map((m) => `${JSON.stringify(m.key)}:${m.value}`).join(',')}}`;
}
