/**
 * Base64 (RFC 4648 §4, and the URL-safe alphabet of §5), read leniently: Steam's `shared_secret`
 * and Google Authenticator's export payload arrive in either alphabet, with or without padding.
 * @module
 */
import { decodeGroups, encodeGroups } from './_bytes.ts';
import { OtpError } from './errors.ts';

/** Symbol value by ASCII code: both alphabets ('+' and '-' are 62, '/' and '_' are 63), else -1. */
const BASE64_VALUES: Readonly<Int8Array> = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1);
  for (let i = 0; i < 26; i++) {
    table[65 + i] = i;
    table[97 + i] = 26 + i;
  }
  for (let i = 0; i < 10; i++) table[48 + i] = 52 + i;
  table[43] = table[45] = 62; // '+', '-'
  table[47] = table[95] = 63; // '/', '_'
  return table;
})();

/**
 * Decodes base64 in either alphabet (they may even be mixed), padding optional, line breaks and
 * spaces ignored. Bits left over after the last whole byte are ignored, as most decoders do.
 * Linear in the length; the caller caps the length.
 * @throws OtpError `INVALID_BASE64` for another character, padding before the end, or a length
 *   no encoder produces (one symbol past a multiple of four)
 */
export function decodeBase64(s: string): Uint8Array {
  const { bytes, symbols, padding } = decodeGroups(
    s,
    BASE64_VALUES,
    6,
    (c) => c === 32 || c === 9 || c === 10 || c === 13,
    (position, _c, afterPadding) => {
      throw new OtpError(
        'INVALID_BASE64',
        afterPadding
          ? `base64 padding '=' may only stand at the end (character ${position})`
          : `invalid base64 character at position ${position}: expected A–Z, a–z, 0–9, '+' or '-', '/' or '_', trailing '='`,
      );
    },
  );
  if (symbols % 4 === 1) {
    throw new OtpError('INVALID_BASE64', `base64 text has ${symbols} symbols; no encoder ends one symbol past a multiple of 4`);
  }
  // Exactly the last group's padding: none after a whole group, no whole group more of it.
  if (padding > 0 && (symbols % 4 === 0 || padding !== 4 - (symbols % 4))) {
    throw new OtpError('INVALID_BASE64', `base64 padding must fill the last group of 4 symbols, or be left out`);
  }
  return bytes;
}

/** Standard base64 with padding (RFC 4648 §4). */
export function encodeBase64(bytes: Uint8Array): string {
  return encodeGroups(bytes, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', 6, 4);
}
