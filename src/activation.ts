/**
 * Activation strings: one token described completely, short enough to type. This file holds the
 * {@link TokenConfig} they decode to and SafeNet MobilePASS (legacy) activation codes, whose format
 * is public only through reverse engineering (the MobilePASSER project and its ports): 20 base32
 * symbols, every fifth a check symbol; the key is KDF1-SHA-256 of the 10 bytes of entropy and a
 * policy string; codes are RFC 4226 HOTP with HMAC-SHA-256 and 6 digits.
 * @module
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { isBytes } from '@noble/hashes/utils.js';
import type { Algorithm } from './_algorithm.ts';
import type { Counter } from './_counter.ts';
import { utf8Encode } from './_utf8.ts';
import { describe, kindOf, optionsObject } from './_validate.ts';
import { base32Decode, base32Encode } from './encoding.ts';
import { OtpError } from './errors.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Algorithm, AlgorithmInput } from './_algorithm.ts';
export type { Counter } from './_counter.ts';

/**
 * One token described completely: what `hotp`, `totp` or `ocra` need besides the moving factor's
 * current value. Decoders fill in the defaults the format implies.
 */
export interface TokenConfig {
  /** Which algorithm makes the codes. */
  kind: 'hotp' | 'totp' | 'ocra';
  /** The shared secret. */
  key: Uint8Array;
  /** HMAC hash (HOTP and TOTP). */
  algorithm?: Algorithm;
  /** Code length. */
  digits?: number;
  /** TOTP step in seconds. */
  period?: number;
  /** TOTP epoch in seconds. */
  t0?: number;
  /** HOTP counter, or the counter of an OCRA suite with C. */
  counter?: Counter;
  /** OCRA suite string. */
  suite?: string;
  /** The token's serial number, where the format carries one. */
  serial?: string;
  issuer?: string;
  account?: string;
}

/** Options of {@link decodeMobilePass}. */
export interface MobilePassOptions {
  /** The policy string the server configured (usually empty). */
  policy?: string;
}

/** Bytes of entropy a MobilePASS code carries: 16 base32 symbols. */
const ENTROPY_BYTES = 10;
/** The longest code text read, separators included. */
const MAX_CODE_TEXT = 256;
/** The longest policy string read. */
const MAX_POLICY = 4096;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The check symbol of the four symbols before it: Σ charCode × (1 + position) mod 32. */
function checkSymbol(group: string): string {
  let sum = 0;
  for (let i = 0; i < 4; i++) sum += group.charCodeAt(i) * (i + 1);
  return ALPHABET[sum % 32]!;
}

/**
 * Decodes a SafeNet MobilePASS (legacy) activation code into the token it provisions: HOTP with
 * HMAC-SHA-256, 6 digits, counter 0, key = SHA-256(entropy ‖ UTF-8(policy) ‖ 00 00 00 00) (KDF1
 * with counter 0). Case, hyphens, spaces and line breaks do not matter; `0` is read as `O` and `1`
 * as `I`, as the vendor's app reads them. Each fifth symbol checks the four before it, so a
 * mistyped symbol is reported rather than decoded into a wrong key.
 * @param code - 20 symbols, usually `XXXXX-XXXXX-XXXXX-XXXXX`
 * @param options - `policy` (default `''`)
 * @returns `{ kind: 'hotp', key, algorithm: 'SHA256', digits: 6, counter: 0 }`
 * @throws OtpError `INVALID_ACTIVATION` (not 20 base32 symbols), `ACTIVATION_CHECKSUM` (a check
 *   symbol does not match), `INVALID_OPTIONS` (policy not a string), `INPUT_TOO_LONG`
 * @example
 * ```ts
 * import { decodeMobilePass } from 'oathkit/activation';
 * import { hotp } from 'oathkit/hotp';
 * const token = decodeMobilePass('XUU75-RROTT-Y5IP6-U3BMV');
 * hotp(token.key, 0, { algorithm: token.algorithm, digits: token.digits }); // '246805'
 * ```
 */
export function decodeMobilePass(code: string, options?: MobilePassOptions): TokenConfig {
  const { policy = '' } = optionsObject(options);
  if (typeof policy !== 'string') {
    throw new OtpError('INVALID_OPTIONS', `policy must be a string, got ${describe(policy)}`);
  }
  if (policy.length > MAX_POLICY) {
    throw new OtpError('INPUT_TOO_LONG', `policy is ${policy.length} characters; at most ${MAX_POLICY} are read`);
  }
  if (typeof code !== 'string') {
    throw new OtpError('INVALID_ACTIVATION', `the activation code must be a string, got ${kindOf(code)}`);
  }
  if (code.length > MAX_CODE_TEXT) {
    throw new OtpError('INPUT_TOO_LONG', `the activation code is ${code.length} characters; at most ${MAX_CODE_TEXT} are read`);
  }
  let symbols = '';
  for (const c of code) {
    if (c === '-' || c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    // ASCII case only: String#toUpperCase would turn 'ı' into 'I' and 'ß' into 'SS'.
    const s = c === '0' ? 'O' : c === '1' ? 'I' : c >= 'a' && c <= 'z' ? String.fromCharCode(c.charCodeAt(0) - 32) : c;
    if (!ALPHABET.includes(s)) {
      throw new OtpError(
        'INVALID_ACTIVATION',
        `a MobilePASS code holds only A–Z and 2–7 (0 and 1 read as O and I), hyphens and spaces; symbol ${symbols.length + 1} is not one`,
      );
    }
    symbols += s;
  }
  if (symbols.length !== 20) {
    throw new OtpError('INVALID_ACTIVATION', `a MobilePASS code has 20 symbols (4 groups of 5), got ${symbols.length}`);
  }
  let data = '';
  for (let g = 0; g < 4; g++) {
    const group = symbols.slice(g * 5, g * 5 + 5);
    if (checkSymbol(group) !== group[4]) {
      throw new OtpError('ACTIVATION_CHECKSUM', `group ${g + 1} of the MobilePASS code does not match its check symbol: a symbol is mistyped`);
    }
    data += group.slice(0, 4);
  }
  const entropy = base32Decode(data);
  const policyBytes = utf8Encode(policy);
  if (policyBytes === undefined) throw new OtpError('INVALID_OPTIONS', 'policy is not well-formed Unicode (it holds a lone surrogate)');
  const input = new Uint8Array(entropy.length + policyBytes.length + 4); // KDF1 counter 0: four zero bytes
  input.set(entropy);
  input.set(policyBytes, entropy.length);
  return { kind: 'hotp', key: sha256(input), algorithm: 'SHA256', digits: 6, counter: 0 };
}

/**
 * Encodes 10 bytes of entropy as a MobilePASS (legacy) activation code, check symbols included:
 * what a server (or a test) hands a user to type.
 * @param entropy - exactly 10 bytes, from a cryptographically secure source
 * @returns `XXXXX-XXXXX-XXXXX-XXXXX`
 * @throws OtpError `INVALID_KEY` when `entropy` is not 10 bytes
 * @example
 * ```ts
 * import { encodeMobilePass, decodeMobilePass } from 'oathkit/activation';
 * const code = encodeMobilePass(new Uint8Array([0xbd, 0x29, 0xf8, 0xc5, 0xd3, 0xc7, 0x50, 0xfa, 0x6c, 0x2c]));
 * code; // 'XUU75-RROTT-Y5IP6-U3BMV'
 * decodeMobilePass(code).kind; // 'hotp'
 * ```
 */
export function encodeMobilePass(entropy: Uint8Array): string {
  if (!isBytes(entropy) || entropy.length !== ENTROPY_BYTES) {
    throw new OtpError(
      'INVALID_KEY',
      `entropy must be a Uint8Array of ${ENTROPY_BYTES} bytes, got ${isBytes(entropy) ? `${entropy.length} bytes` : kindOf(entropy)}`,
    );
  }
  const data = base32Encode(entropy);
  const groups: string[] = [];
  for (let g = 0; g < 4; g++) {
    const four = data.slice(g * 4, g * 4 + 4);
    groups.push(four + checkSymbol(four));
  }
  return groups.join('-');
}
