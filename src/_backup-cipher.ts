/**
 * What the encrypted backup formats share beyond the AES (WebCrypto's, through `_aes.ts`, shared
 * with PSKC; PBKDF2 is oathkit's own on its HMAC, `_pbkdf2.ts`, also PSKC's): AES calls on raw
 * derived keys (wiped after use), the password's UTF-8, strict hex, and JSON with the exact text
 * of its top-level members. A failed GCM tag or CBC padding is returned, not thrown, with
 * WebCrypto's error kept for the `cause` of the OtpError the format then chooses (BACKUP_PASSWORD
 * or INVALID_BACKUP).
 * @module
 */
import { aesKey, cbcDecryptRaw, gcmOpen as aesGcmOpen, gcmSeal as aesGcmSeal, unpad, type AesKey, type Opened } from './_aes.ts';
import { OtpError } from './errors.ts';
import { utf8Encode } from './_utf8.ts';

export { GCM_NONCE_BYTES, GCM_TAG_BYTES, type Opened } from './_aes.ts';

/** Runs `use` with an AES key made of `raw` and wipes the key's copy of the bytes afterwards. */
async function underKey<T>(raw: Uint8Array, use: (key: AesKey) => Promise<T>): Promise<T> {
  const key = aesKey(raw, 'BACKUP_UNSUPPORTED');
  try {
    return await use(key);
  } finally {
    key.raw.fill(0);
  }
}

/** AES-GCM decryption under a raw key (ciphertext ‖ 16-byte tag); a tag that fails is `{ ok: false }`. */
export function gcmOpen(raw: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Promise<Opened> {
  return underKey(raw, (key) => aesGcmOpen(key, nonce, sealed));
}

/** AES-GCM encryption under a raw key: the ciphertext followed by the 16-byte tag. */
export function gcmSeal(raw: Uint8Array, nonce: Uint8Array, plain: Uint8Array): Promise<Uint8Array> {
  return underKey(raw, (key) => aesGcmSeal(key, nonce, plain));
}

/**
 * AES-CBC decryption with PKCS#7 padding (RFC 5652 §6.3). The caller checks that `data` is a
 * non-empty multiple of 16 bytes. Bad padding is `{ ok: false }`; good padding proves nothing (a
 * wrong key passes it about once in 256 tries).
 */
export function cbcOpen(raw: Uint8Array, iv: Uint8Array, data: Uint8Array): Promise<Opened> {
  return underKey(raw, async (key): Promise<Opened> => {
    const padded = await cbcDecryptRaw(key, concat(iv, data));
    const plain = padded === undefined ? undefined : unpad(padded, true);
    return plain === undefined ? { ok: false, error: new Error('bad PKCS#7 padding') } : { ok: true, bytes: plain };
  });
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

/**
 * UTF-8 bytes of text oathkit wrote (well-formed), without TextEncoder (Hermes and QuickJS lack it).
 * @throws OtpError `INVALID_BACKUP` for a lone surrogate (text from writeBackup never holds one)
 */
export function encodeUtf8(text: string): Uint8Array {
  const bytes = utf8Encode(text);
  if (bytes === undefined) throw new OtpError('INVALID_BACKUP', 'the plain file holds a lone surrogate, which UTF-8 cannot carry');
  return bytes;
}

/** Lower- or upper-case hex of exactly `bytes` bytes (`min`…`max` when a range is given), or undefined. */
export function hexBytes(value: unknown, min: number, max = min): Uint8Array | undefined {
  if (typeof value !== 'string' || value.length % 2 !== 0 || value.length < 2 * min || value.length > 2 * max) return undefined;
  if (!/^[0-9a-fA-F]*$/.test(value)) return undefined;
  const out = new Uint8Array(value.length / 2);
  // Stryker disable next-line EqualityOperator: one more pass writes NaN at out.length, which a typed array drops
  for (let i = 0; i < out.length; i++) out[i] = parseInt(value.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Whether `bytes` begins with the ASCII text `prefix`. */
export function startsWithAscii(bytes: Uint8Array, prefix: string): boolean {
  // Shorter bytes end in undefined, which equals no char code: no length check is needed.
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
    // A syntax error, or a RangeError from deep nesting: not JSON (answered below). The block holds
    // no statement, so Stryker has no equivalent "empty block" mutant to make of it.
  }
  return undefined;
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
  // Where the current member's value starts: set at its colon, which comes before any read.
  let start = 0;
  const skipString = (): void => {
    // text[i] is the opening quote
    for (i++; text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92) i++;
    i++;
  };
  // Stryker disable next-line EqualityOperator: a JSON object's own closing brace ends the loop first; one more pass past the end reads NaN, which matches no branch
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      const from = i;
      skipString();
      // A member's name is the first string after the opening brace or a comma at depth 0; inside
      // its value (the only place depth > 0) the key is already set.
      if (key === undefined) key = JSON.parse(text.slice(from, i)) as string;
      continue;
    }
    // Outside strings, a colon at depth 0 is the one after a member's name (nested members' are deeper).
    if (c === 58 /* : */ && depth === 0) {
      start = i + 1;
    } else if (c === 123 || c === 91 /* { [ */) {
      depth++;
    } else if (c === 125 || c === 93 /* } ] */) {
      if (depth === 0) break; // the object's own closing brace
      depth--;
    } else if (c === 44 /* , */ && depth === 0) {
      members.push({ key: key!, value: text.slice(start, i).trim() });
      key = undefined;
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
