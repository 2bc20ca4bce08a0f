/**
 * Activation strings: one token described completely, short enough to read aloud, type or scan,
 * and checked so that a typo is reported instead of enrolling a different token; and SafeNet
 * MobilePASS (legacy) codes. Both decode to a {@link Token}.
 *
 * oathkit's activation string (specified here and in docs/formats.md, section Activation strings):
 * - Text: Crockford base32 symbols `0-9 A-Z` without I, L, O, U (value = position in
 *   `0123456789ABCDEFGHJKMNPQRSTVWXYZ`), written upper-case in groups of 4 joined by hyphens, so it
 *   fits QR alphanumeric mode. Read in any case, O as 0, I and L as 1; hyphens, spaces, tabs and
 *   line breaks are ignored. At most 4096 characters are read.
 * - Framing, the same in every version: the first symbol is the version (1); the last 4 symbols
 *   are a CRC-20 (src/_crc.ts) of the bit string of every symbol before them, 5 bits a symbol, most
 *   significant first. The check is verified before the version is read, so a mistyped version
 *   symbol is `ACTIVATION_CHECKSUM`, and a checked string of another version is
 *   `ACTIVATION_VERSION`. No version has exactly 20 symbols (a MobilePASS code's count).
 * - Version 1 body, the bits between, most significant first:
 *   kind 2 bits (0 TOTP, 1 HOTP, 2 OCRA, 3 Steam Guard); for OCRA the suite in 22 to 39 bits
 *   (src/_activation-suite.ts); options 1 bit (0: every optional field has its default); if 1, a
 *   presence map of one bit per optional field of the kind, at least one set — TOTP: algorithm,
 *   digits, period, t0, serial, issuer, account; HOTP: algorithm, digits, counter, serial, issuer,
 *   account; OCRA: counter, serial, issuer, account; Steam Guard: period, t0, serial, issuer,
 *   account — then the present fields in that order: algorithm 2 bits (0 SHA256, 1 SHA512,
 *   2 SHA224, 3 SHA384; absent SHA1), digits 2 bits (digits − 7; absent 6),
 *   period varint (1 … 2^32 s; absent 30), t0 varint of zigzag(t0) (|t0| ≤ 8.64e12 s; absent 0),
 *   counter varint (1 … 2^64-1; absent 0), serial / issuer / account a varint byte count (1 … 32 /
 *   64 / 128) then UTF-8; then the key, which is the rest: 10 … 128 whole bytes; then 0 to 4 zero
 *   bits to the end of the symbol. Varints are protobuf's (LEB128), each byte written as 8 bits, in
 *   their shortest form. A present field never holds its default, so every token has one string.
 *
 * MobilePASS (legacy) codes are public only through reverse engineering (the MobilePASSER project
 * and its ports): 20 base32 symbols, every fifth a check symbol; the key is KDF1-SHA-256 of the 10
 * bytes of entropy and a policy string; codes are RFC 4226 HOTP with HMAC-SHA-256 and 6 digits.
 * @module
 */
import { isBytes } from './_bytes.ts';
import { digest } from './_kernel.ts';
import { activationToken, readBody, writeBody } from './_activation-body.ts';
import { BitReader, BitWriter } from './_bits.ts';
import { crc20 } from './_crc.ts';
import { countSymbols, readSymbols, writeSymbols } from './_crockford.ts';
import { utf8Encode } from './_utf8.ts';
import { checkedObject, describe, kindOf } from './_validate.ts';
import { detectFormat, type NotATokenFormat, type TokenFormat } from './detect.ts';
import { base32Decode, base32Encode } from './encoding.ts';
import { OtpError } from './errors.ts';
import type { Token, TokenInput } from './token.ts';
import { parseOtpauthUri } from './uri.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Algorithm, AlgorithmInput } from './_algorithm.ts';
export type { Counter } from './_counter.ts';
export type { Token, TokenInput, TokenKind } from './token.ts';

/** Options of {@link decodeMobilePass} and {@link decodeActivation}. */
export interface MobilePassOptions {
  /** The policy string the server configured (usually empty); read only for a MobilePASS code. */
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
export function decodeMobilePass(code: string, options?: MobilePassOptions): Token {
  const { policy = '' } = checkedObject(options, ['policy']);
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
    // ASCII case only: String#toUpperCase would turn 'ı' into 'I' and 'ß' into 'SS'. Anything from
    // 'a' on moves down 32 places: a to z become A to Z, and a character past 'z' lands past 'Z',
    // where no symbol is, and is refused below as it is.
    const s = c === '0' ? 'O' : c === '1' ? 'I' : c >= 'a' ? String.fromCharCode(c.charCodeAt(0) - 32) : c;
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
  // Stryker disable next-line EqualityOperator: a fifth pass (g <= 4) would check an empty group, whose check symbol (ALPHABET[NaN], undefined) equals its missing fifth symbol, and add nothing
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
  return { kind: 'hotp', key: digest('SHA256', input), algorithm: 'SHA256', digits: 6, counter: 0 };
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

/** The longest text {@link decodeActivation} reads (an otpauth URI's cap too). */
export const MAX_ACTIVATION_TEXT = 4096;
/** The version this code writes; the value of the first symbol. */
const VERSION = 1;
/** Symbols of the CRC-20 at the end. */
const CHECK = 4;
/** Symbols per hyphen-separated group. */
const GROUP = 4;
/**
 * Formats that hold a list of tokens, each with what it is and what reads it. Every other format
 * the detector names but the three this function reads is a backup of an authenticator app
 * (`aegis`, `2fas-encrypted`, …): {@link listOf} names its reader.
 */
const LISTS: Readonly<Partial<Record<TokenFormat, readonly [string, string]>>> = /* @__PURE__ */ Object.freeze({
  google: ['a Google Authenticator export', 'parseMigrationUri (one QR code) or readBackup'],
  uris: ['a list of otpauth URIs', 'readBackup'],
  pskc: ['a PSKC key container', 'readPskc or decryptPskc'],
});

/** What a text of `format` is and what reads it, when it is not one token; `undefined` when it may be. */
function listOf(format: TokenFormat | NotATokenFormat): readonly [string, string] | undefined {
  if (['otpauth', 'mobilepass', 'activation', 'base32-secret', 'unknown'].includes(format)) return undefined;
  const encrypted = format.endsWith('-encrypted');
  return (
    LISTS[format as TokenFormat] ?? [
      `an app's ${encrypted ? 'encrypted ' : ''}backup (${format.replace('-encrypted', '')})`,
      encrypted ? 'decryptBackup and its password' : 'readBackup',
    ]
  );
}

/** The fewest symbols of a version 1 string: version, kind and options bits, a 10-byte key, check. */
const MIN_SYMBOLS = 22;
const BARE_SECRET =
  'make an otpauth URI or an activation string from it with its kind and parameters (formatOtpauthUri, encodeActivation; oathkit uri make --key KEY)';

/**
 * Encodes a token as an activation string: Crockford base32 in groups of 4, ending in a CRC-20 that
 * detects every changed symbol and every swap of two neighbours (format in the module header and
 * docs/formats.md). Fields that have their default cost nothing: a TOTP/SHA-1/6-digit/30-s token with a
 * 20-byte key is 38 symbols. The string holds the key: handle it as the key.
 * @param token - the token, of any kind; its key 10 … 128 bytes; `serial`, `issuer`, `account` at
 *   most 32, 64 and 128 bytes of UTF-8. `extras` are not written: an activation string carries
 *   what makes the codes and the labels.
 * @returns the string: upper-case symbols in groups of 4 joined by hyphens
 * @throws OtpError as `normalizeToken` for a bad token, `INVALID_KEY` (not 10 … 128 bytes),
 *   `INVALID_ACTIVATION` (a label longer than its cap)
 * @example
 * ```ts
 * import { encodeActivation, decodeActivation } from 'oathkit/activation';
 * const key = new TextEncoder().encode('12345678901234567890');
 * const text = encodeActivation({ kind: 'totp', key });
 * text; // '10RK-4CSM-6MV3-EE1S-60RK-4CSM-6MV3-EE1S-60YC-92'
 * decodeActivation(text.toLowerCase()); // { kind: 'totp', key, algorithm: 'SHA1', digits: 6, period: 30, t0: 0 }
 * encodeActivation({ kind: 'hotp', key, counter: 5, issuer: 'ACME' }).replaceAll('-', '').length; // 49
 * ```
 */
export function encodeActivation(token: TokenInput): string {
  const w = new BitWriter();
  w.uint(VERSION, 5);
  writeBody(w, activationToken(token));
  const data = w.symbols();
  const out = new Uint8Array(data.length + CHECK);
  out.set(data);
  const crc = crc20(data, data.length);
  // The CRC-20 as CHECK (4) symbols, most significant first.
  out.set([crc >>> 15, (crc >>> 10) & 31, (crc >>> 5) & 31, crc & 31], data.length);
  return writeSymbols(out, GROUP);
}

/**
 * Reads a token from any text a user may paste, type or scan: an oathkit activation string, an
 * `otpauth://` URI or a MobilePASS (legacy) code. They are told apart by their form alone
 * ({@link detectFormat}), so one can never be read as another:
 * 1. an `otpauth:` URI: parseOtpauthUri reads it (an `otpauth-migration:` export or several URIs
 *    hold many tokens and are refused: use parseMigrationUri, or readBackup);
 * 2. exactly 20 symbols of base32 (separators aside) is a MobilePASS code: decodeMobilePass reads it;
 * 3. anything else is read as an activation string (every one has at least 22 symbols, and none
 *    has 20); text too short to be one, such as a bare base32 secret, is refused as not one.
 * The result is a {@link Token} in normal form (a URI's extras such as `image` included).
 * The typo guarantee (every single-symbol error and neighbour swap refused) is the activation
 * string's own; a MobilePASS code has only the vendor's check symbols, which miss some typos
 * (a letter replaced by one 16 or 32 code points away can decode to another key).
 * @param text - the text; at most 4096 characters
 * @param options - `policy`: the MobilePASS policy string, used only for a MobilePASS code
 * @returns the token, with its defaults made explicit
 * @throws OtpError `ACTIVATION_CHECKSUM` (the check does not match: a symbol was mistyped, swapped,
 *   left out or added), `ACTIVATION_VERSION` (a well-formed string of a version this release does
 *   not read), `INVALID_ACTIVATION` (a character that is not a symbol, too few symbols, a body the
 *   encoder would not write), `INPUT_TOO_LONG`, `INVALID_OPTIONS`, and for URIs and MobilePASS
 *   codes the errors of parseOtpauthUri and decodeMobilePass
 * @example
 * ```ts
 * import { decodeActivation } from 'oathkit/activation';
 * decodeActivation('10rk 4csm 6mv3 ee1s 60rk 4csm 6mv3 ee1s 60yc 92').period; // 30
 * decodeActivation('otpauth://hotp/ACME:alice?secret=JBSWY3DPEHPK3PXP&counter=7').counter; // 7
 * decodeActivation('XUU75-RROTT-Y5IP6-U3BMV').algorithm; // 'SHA256'
 * ```
 */
export function decodeActivation(text: string, options?: MobilePassOptions): Token {
  const { policy } = checkedObject(options, ['policy']);
  if (policy !== undefined && typeof policy !== 'string') {
    throw new OtpError('INVALID_OPTIONS', `policy must be a string, got ${describe(policy)}`);
  }
  if (typeof text !== 'string') {
    throw new OtpError('INVALID_ACTIVATION', `the activation text must be a string, got ${kindOf(text)}`);
  }
  if (text.length > MAX_ACTIVATION_TEXT) {
    throw new OtpError('INPUT_TOO_LONG', `the activation text is ${text.length} characters; at most ${MAX_ACTIVATION_TEXT} are read`);
  }
  const format = detectFormat(text);
  const list = listOf(format);
  if (list !== undefined) {
    throw new OtpError('INVALID_ACTIVATION', `this is ${list[0]}, which holds a list of tokens: read it with ${list[1]}`);
  }
  if (format === 'otpauth') return parseOtpauthUri(text);
  if (format === 'mobilepass') return decodeMobilePass(text, { policy });
  const count = countSymbols(text);
  const notOne = () =>
    new OtpError(
      'INVALID_ACTIVATION',
      `the text (${count} symbol${count === 1 ? '' : 's'}) is not an otpauth:// URI, not an activation string (${MIN_SYMBOLS} or more symbols, ` +
        'such as 10RK-4CSM-6MV3-EE1S-60RK-4CSM-6MV3-EE1S-60YC-92) and not a MobilePASS code (20 symbols, such as XUU75-RROTT-Y5IP6-U3BMV)' +
        (format === 'base32-secret' ? `: it looks like a bare base32 key, which says nothing else of the token; ${BARE_SECRET}` : ''),
    );
  if (count < 1 + CHECK) throw notOne();
  const symbols = readSymbols(text);
  const end = symbols.length - CHECK;
  let check = 0;
  for (let i = end; i < symbols.length; i++) check = (check << 5) | symbols[i]!;
  if (crc20(symbols, end) !== check) {
    // Text two symbols or more short of the shortest string is not a mistyped one. (A string of
    // another version may be shorter; its check passes, and it is ACTIVATION_VERSION below.)
    if (count < MIN_SYMBOLS - 1) throw notOne();
    throw new OtpError(
      'ACTIVATION_CHECKSUM',
      'the activation string does not match its check: a symbol was mistyped, swapped, left out or added' +
        (format === 'base32-secret' ? ` (or it is not an activation string but a bare base32 secret: ${BARE_SECRET})` : ''),
    );
  }
  if (symbols[0] !== VERSION) {
    throw new OtpError('ACTIVATION_VERSION', `the activation string is version ${symbols[0]}; this release reads version ${VERSION} only`);
  }
  return readBody(new BitReader(symbols, 1, end));
}
