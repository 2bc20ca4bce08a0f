/**
 * Text forms of keys: base32 (RFC 4648 §6, as in otpauth URIs and authenticator apps), base64
 * (§4/§5, as in Steam secrets), hex, and random key generation (RFC 4226 §4 R6: keys come from a
 * cryptographically strong source).
 * @module
 */
import { decodeGroups, encodeGroups, isBytes, randomBytes } from './_bytes.ts';
import { algorithmName, type Algorithm, type AlgorithmInput } from './_algorithm.ts';
import { decodeBase64, encodeBase64 } from './_base64.ts';
import { OtpError } from './errors.ts';
import { checkedObject, describe, kindOf } from './_validate.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Algorithm, AlgorithmInput } from './_algorithm.ts';

/** The longest text `base32Decode` and `hexDecode` read: far above any real key, far below harm. */
export const MAX_KEY_TEXT = 65_536;

/** Symbol value by ASCII code: 'A'…'Z' and 'a'…'z' are 0 … 25, '2'…'7' are 26 … 31, anything else -1. */
const BASE32_VALUES: Readonly<Int8Array> = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 26; i++) table[65 + i] = table[97 + i] = i;
  for (let i = 0; i < 6; i++) table[50 + i] = 26 + i;
  return table;
})();

/** Separators people put in keys they copy or type: space, hyphen, tab, line breaks. */
function isSeparator(c: number): boolean {
  return c === 32 || c === 45 || c === 9 || c === 10 || c === 13;
}

function textInput(text: unknown, what: string, code: 'INVALID_BASE32' | 'INVALID_HEX' | 'INVALID_BASE64'): string {
  if (typeof text !== 'string') throw new OtpError(code, `${what} text must be a string, got ${kindOf(text)}`);
  if (text.length > MAX_KEY_TEXT) {
    throw new OtpError('INPUT_TOO_LONG', `${what} text is ${text.length} characters; at most ${MAX_KEY_TEXT} are read`);
  }
  return text;
}

/**
 * Decodes base32 leniently, as people and apps write keys: any case, spaces, hyphens and line
 * breaks anywhere, padding optional. Bits left over after the last whole byte are ignored, as
 * oathtool and Python's base64 module do. The position of a bad character is reported, never the
 * text itself (it may be a secret).
 * @param text - base32 text (RFC 4648 alphabet A–Z, 2–7)
 * @returns the decoded bytes
 * @throws OtpError `INVALID_BASE32` for a character outside the alphabet, a length no encoder
 *   produces (1, 3 or 6 symbols past a multiple of 8) or wrong padding (such as a whole group of
 *   '=', or '=' alone); `INPUT_TOO_LONG` past 65536
 * @example
 * ```ts
 * import { base32Decode } from 'oathkit/encoding';
 * base32Decode('jbsw y3dp-ehpk 3pxp'); // Uint8Array [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]
 * base32Decode('MZXQ'); // Uint8Array [0x66, 0x6f], padding optional
 * ```
 */
export function base32Decode(text: string): Uint8Array {
  const s = textInput(text, 'base32', 'INVALID_BASE32');
  const { bytes, symbols, padding } = decodeGroups(s, BASE32_VALUES, 5, isSeparator, (position, c, afterPadding) => {
    const hint = c >= 48 && c <= 57 ? ' (the digits 0, 1, 8 and 9 are not base32; 0 and 1 are often O and I)' : '';
    throw new OtpError(
      'INVALID_BASE32',
      afterPadding
        ? `base32 padding '=' may only stand at the end (character ${position})`
        : `invalid base32 character at position ${position}: expected A–Z or 2–7 in any case, spaces, hyphens or trailing '='${hint}`,
    );
  });
  const rest = symbols % 8;
  if (rest === 1 || rest === 3 || rest === 6) {
    throw new OtpError(
      'INVALID_BASE32',
      `base32 text has ${symbols} symbols; no encoder ends on ${rest} symbol${rest === 1 ? '' : 's'} past a multiple of 8 (a symbol is missing or extra)`,
    );
  }
  // Padding fills the last group exactly: a whole group more of it (after a whole group of
  // symbols, after the padding of a partial one, or alone) is no encoder's output.
  if (padding > 0 && (rest === 0 || padding !== 8 - rest)) {
    throw new OtpError(
      'INVALID_BASE32',
      rest === 0
        ? `base32 text of ${symbols} symbols fills its last group of 8: padding '=' must be left out`
        : `base32 padding must fill the last group of 8 symbols (${8 - rest} '='), or be left out`,
    );
  }
  return bytes;
}

/**
 * Encodes bytes as base32 (RFC 4648 alphabet, upper case).
 * @param bytes - the bytes to encode
 * @param options - `padding: true` adds the trailing '=' (default: none, as otpauth URIs use)
 * @returns base32 text
 * @throws OtpError `INVALID_KEY` when `bytes` is not a Uint8Array
 * @example
 * ```ts
 * import { base32Encode } from 'oathkit/encoding';
 * base32Encode(new TextEncoder().encode('fo')); // 'MZXQ'
 * base32Encode(new TextEncoder().encode('fo'), { padding: true }); // 'MZXQ===='
 * ```
 */
export function base32Encode(bytes: Uint8Array, options?: { padding?: boolean }): string {
  const { padding } = checkedObject(options, ['padding']);
  if (padding !== undefined && typeof padding !== 'boolean') {
    throw new OtpError('INVALID_OPTIONS', `padding must be true or false, got ${describe(padding)}`);
  }
  return encodeGroups(byteInput(bytes), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 5, padding ? 8 : 0);
}

function byteInput(bytes: unknown): Uint8Array {
  if (!isBytes(bytes)) throw new OtpError('INVALID_KEY', `bytes must be a Uint8Array, got ${kindOf(bytes)}`);
  return bytes;
}

/**
 * Decodes hexadecimal text, any case; whitespace is ignored.
 * @param text - an even number of hex digits
 * @returns the decoded bytes
 * @throws OtpError `INVALID_HEX` for another character or an odd digit count; `INPUT_TOO_LONG`
 * @example
 * ```ts
 * import { hexDecode } from 'oathkit/encoding';
 * hexDecode('3132 3334'); // Uint8Array [0x31, 0x32, 0x33, 0x34]
 * ```
 */
export function hexDecode(text: string): Uint8Array {
  const s = textInput(text, 'hex', 'INVALID_HEX');
  const out = new Uint8Array(s.length >>> 1);
  let length = 0;
  let high = -1;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) continue;
    // '0'…'9' are 0…9; below '0', c - 48 is negative and refused like any other character.
    const v = c <= 57 ? c - 48 : (c | 0x20) >= 97 && (c | 0x20) <= 102 ? (c | 0x20) - 87 : -1;
    if (v < 0) {
      throw new OtpError('INVALID_HEX', `invalid hex character at position ${i + 1}: expected 0–9, a–f or A–F`);
    }
    if (high < 0) high = v;
    else {
      out[length++] = (high << 4) | v;
      high = -1;
    }
  }
  if (high >= 0) throw new OtpError('INVALID_HEX', 'hex text has an odd number of digits: each byte takes two');
  return out.slice(0, length);
}

/**
 * Encodes bytes as lower-case hexadecimal.
 * @param bytes - the bytes to encode
 * @returns hex text, two digits a byte
 * @throws OtpError `INVALID_KEY` when `bytes` is not a Uint8Array
 * @example
 * ```ts
 * import { hexEncode } from 'oathkit/encoding';
 * hexEncode(new Uint8Array([0xde, 0xad])); // 'dead'
 * ```
 */
export function hexEncode(bytes: Uint8Array): string {
  let s = '';
  for (const b of byteInput(bytes)) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

/**
 * Decodes base64 leniently: the standard alphabet (RFC 4648 §4) or the URL-safe one (§5), padding
 * optional, spaces and line breaks ignored. Steam's `shared_secret` is base64.
 * @param text - base64 text
 * @returns the decoded bytes
 * @throws OtpError `INVALID_BASE64` for a character outside both alphabets, misplaced padding or a
 *   length no encoder produces; `INPUT_TOO_LONG` past 65536 characters
 * @example
 * ```ts
 * import { base64Decode } from 'oathkit/encoding';
 * base64Decode('SGVsbG8h3q2+7w=='); // Uint8Array [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]
 * base64Decode('SGVsbG8h3q2-7w'); // Uint8Array [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]
 * ```
 */
export function base64Decode(text: string): Uint8Array {
  return decodeBase64(textInput(text, 'base64', 'INVALID_BASE64'));
}

/**
 * Encodes bytes as standard base64 with padding (RFC 4648 §4).
 * @param bytes - the bytes to encode
 * @returns base64 text
 * @throws OtpError `INVALID_KEY` when `bytes` is not a Uint8Array
 * @example
 * ```ts
 * import { base64Encode } from 'oathkit/encoding';
 * base64Encode(new Uint8Array([0xde, 0xad, 0xbe, 0xef])); // '3q2+7w=='
 * ```
 */
export function base64Encode(bytes: Uint8Array): string {
  return encodeBase64(byteInput(bytes));
}

/** Key lengths matching each hash's output, as RFC 4226 §4 R6 and RFC 6238 §5.1 recommend. */
const KEY_LENGTHS: Readonly<Record<Algorithm, number>> = /* @__PURE__ */ Object.freeze({
  SHA1: 20,
  SHA224: 28,
  SHA256: 32,
  SHA384: 48,
  SHA512: 64,
});

/** The fewest and most bytes `generateKey` makes. RFC 4226 §4 R6 asks for at least 128 bits. */
const MIN_KEY_BYTES = 16;
const MAX_KEY_BYTES = 1024;

/**
 * Makes a random key from the platform's cryptographically secure generator
 * (`crypto.getRandomValues`). Never fewer than 16 bytes.
 * @param algorithm - a hash name (20, 32 or 64 bytes for SHA1, SHA256, SHA512; default SHA1),
 *   or a byte count from 16 to 1024
 * @returns a fresh key
 * @throws OtpError `INVALID_ALGORITHM`, or `INVALID_KEY_LENGTH` for a count outside 16 … 1024
 * @example
 * ```ts
 * import { generateKey, base32Encode } from 'oathkit/encoding';
 * const key = generateKey(); // 20 bytes, for SHA-1
 * const secret = base32Encode(key); // 32 symbols for an otpauth URI
 * generateKey('SHA256').length; // 32
 * ```
 */
export function generateKey(algorithm?: AlgorithmInput | number): Uint8Array {
  if (typeof algorithm !== 'number') return randomBytes(KEY_LENGTHS[algorithmName(algorithm)]);
  if (!Number.isInteger(algorithm) || algorithm < MIN_KEY_BYTES || algorithm > MAX_KEY_BYTES) {
    throw new OtpError('INVALID_KEY_LENGTH', `generateKey makes keys of ${MIN_KEY_BYTES} to ${MAX_KEY_BYTES} bytes, got ${describe(algorithm)}`);
  }
  return randomBytes(algorithm);
}
