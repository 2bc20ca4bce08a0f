/**
 * `otpauth://TYPE/LABEL?PARAMETERS` URIs, as in Google's Key Uri Format (the google-authenticator
 * wiki), with the extensions seen in the wild (FreeOTP's `image`/`color`, `encoder=steam`). The
 * export format and Steam Guard are re-exported here: this subpath is everything tokens travel in.
 * @module
 */
import type { Algorithm } from './_algorithm.ts';
import { algorithmName } from './_algorithm.ts';
import type { Counter } from './_counter.ts';
import { checkKey, isSteam, joinLabel, OWN_PARAMS, splitLabel, STEAM_DIGITS } from './_label.ts';
import { base32Decode, base32Encode } from './encoding.ts';
import { OtpError } from './errors.ts';
import { describe } from './_validate.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Algorithm, AlgorithmInput } from './_algorithm.ts';
export type { Counter } from './_counter.ts';
export {
  formatMigrationUri,
  parseMigrationExport,
  parseMigrationUri,
  MAX_MIGRATION_PAYLOAD,
  MAX_MIGRATION_URI,
  type MigrationBatch,
  type MigrationExport,
  type MigrationSkipped,
} from './migration.ts';
export { steamGuard, type SteamGuardOptions } from './steam.ts';

/** One token as an `otpauth://` URI describes it. */
export interface OtpAuthKey {
  /** `'totp'` (time-based, RFC 6238) or `'hotp'` (counter-based, RFC 4226). */
  type: 'hotp' | 'totp';
  /** The shared secret, decoded from the URI's base32. */
  secret: Uint8Array;
  /** The account name: the label without its issuer prefix. */
  account: string;
  /** The service; absent when neither the `issuer` parameter nor a label prefix names one. */
  issuer?: string;
  /** HMAC hash (`'SHA1'` when the URI names none). */
  algorithm: Algorithm;
  /** Code length: 6 … 10, or 5 for a Steam Guard key. */
  digits: number;
  /** TOTP only: the step in seconds (30 when the URI names none). */
  period?: number;
  /** HOTP only: the next counter; a `bigint` above 2^53-1, exact. */
  counter?: Counter;
  /** Every other query parameter (`image`, `color`, `encoder`, …), as decoded text; written back as is. */
  params?: Record<string, string>;
}

/** The longest URI {@link parseOtpauthUri} reads (and {@link formatOtpauthUri} writes): 4 KiB. */
export const MAX_URI_LENGTH = 4096;

const MAX_U64 = (1n << 64n) - 1n;

/**
 * Percent-decodes one URI component (UTF-8). In the query, `+` is a space (HTML form encoding, as
 * many writers use); in the label it is a plus sign, as RFC 3986 reads a path.
 */
function decodeComponent(text: string, plusIsSpace: boolean, what: string): string {
  try {
    return decodeURIComponent(plusIsSpace ? text.replaceAll('+', ' ') : text);
  } catch {
    throw new OtpError('INVALID_URI', `${what} has a malformed percent-escape: expected %XX sequences of UTF-8`);
  }
}

/** Percent-encodes text for the URI; `@` and `:` may stay literal in the label (RFC 3986 pchar). */
function encodeComponent(text: string, what: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new OtpError('INVALID_URI', `${what} is not well-formed Unicode (it holds a lone surrogate)`);
  }
}

function decimal(value: string, name: string, code: 'INVALID_DIGITS' | 'INVALID_PERIOD' | 'INVALID_COUNTER'): bigint {
  if (!/^[0-9]{1,40}$/.test(value)) {
    throw new OtpError(code, `the ${name} parameter must be a decimal integer, got ${describe(value)}`);
  }
  return BigInt(value);
}

function smallNumber(value: string, name: string, min: number, max: number, code: 'INVALID_DIGITS' | 'INVALID_PERIOD'): number {
  const n = decimal(value, name, code);
  if (n < BigInt(min) || n > BigInt(max)) {
    const allowed = min === max ? `${min}` : `from ${min} to ${max}`;
    throw new OtpError(code, `the ${name} parameter must be ${allowed}, got ${describe(value)}`);
  }
  return Number(n);
}

/**
 * Reads an `otpauth://` URI. Lenient where real writers differ, strict where a guess could be wrong:
 * - the label is `issuer:account` with `:` or `%3A` (any case) and optional spaces after it; when
 *   the `issuer` parameter is present it wins over a differing label prefix (never an error);
 * - `+` in a parameter value is a space; in the label it is a plus sign;
 * - `secret` is base32 in any case, with or without padding and spaces;
 * - `algorithm` (default SHA1; `sha256`, `SHA-256` … accepted), `digits` (default 6, must be 6 … 10),
 *   `period` (TOTP, default 30), `counter` (HOTP, default 0 as in Google Authenticator and FreeOTP;
 *   above 2^53-1 it comes back as an exact `bigint`);
 * - every other parameter is kept in `params` (also `period` on an HOTP URI and `counter` on a TOTP
 *   one, which those types do not use); a fragment (`#…`) is ignored, as URI parsers do;
 * - `encoder=steam`, or the type `steam` (read as `totp` with `encoder=steam`), marks a Steam Guard
 *   key: `digits` is then 5 and `algorithm` SHA1.
 * @param uri - the URI text, at most 4096 characters
 * @returns the key, with defaults filled in: `period` for TOTP, `counter` for HOTP
 * @throws OtpError `INVALID_URI` (not an otpauth URI, unknown type, missing or empty secret, a
 *   repeated parameter, a malformed %-escape), `INVALID_BASE32` (secret), `INVALID_ALGORITHM`
 *   (MD5, SHA224 …), `INVALID_DIGITS`, `INVALID_PERIOD`, `INVALID_COUNTER` (past 2^64-1),
 *   `INPUT_TOO_LONG`
 * @example
 * ```ts
 * import { parseOtpauthUri } from 'oathkit/uri';
 * const key = parseOtpauthUri('otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example');
 * key.account; // 'alice@google.com'
 * key.issuer; // 'Example'
 * key.secret; // Uint8Array [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]
 * [key.algorithm, key.digits, key.period]; // ['SHA1', 6, 30]
 * parseOtpauthUri('otpauth://hotp/x?secret=jbsw%20y3dp&counter=18446744073709551615').counter; // 18446744073709551615n
 * ```
 */
export function parseOtpauthUri(uri: string): OtpAuthKey {
  if (typeof uri !== 'string') throw new OtpError('INVALID_URI', `uri must be a string, got ${describe(uri)}`);
  if (uri.length > MAX_URI_LENGTH) {
    throw new OtpError('INPUT_TOO_LONG', `the URI is ${uri.length} characters; at most ${MAX_URI_LENGTH} are read`);
  }
  const text = uri.trim();
  if (text.slice(0, 10).toLowerCase() !== 'otpauth://') {
    throw new OtpError('INVALID_URI', 'expected a URI of the form otpauth://TYPE/LABEL?PARAMETERS');
  }
  const hash = text.indexOf('#');
  const body = hash < 0 ? text : text.slice(0, hash);
  const q = body.indexOf('?');
  const path = (q < 0 ? body : body.slice(0, q)).slice(10);
  const query = q < 0 ? '' : body.slice(q + 1);
  const slash = path.indexOf('/');
  const typeText = (slash < 0 ? path : path.slice(0, slash)).toLowerCase();
  if (typeText !== 'totp' && typeText !== 'hotp' && typeText !== 'steam') {
    throw new OtpError('INVALID_URI', `the URI type must be totp or hotp (or steam), got ${describe(typeText)}`);
  }
  const type = typeText === 'hotp' ? 'hotp' : 'totp';
  const label = decodeComponent(slash < 0 ? '' : path.slice(slash + 1), false, 'the label');

  // Parameters: the key's own by lower-case name, the rest under their own spelling.
  const own = new Map<string, string>();
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeComponent(eq < 0 ? part : part.slice(0, eq), true, 'a parameter name');
    const isOwn = OWN_PARAMS[type].includes(name.toLowerCase());
    const value = decodeComponent(eq < 0 ? '' : part.slice(eq + 1), true, isOwn ? `the ${name} parameter` : 'a parameter');
    const into = isOwn ? own : params;
    const keyName = isOwn ? name.toLowerCase() : name;
    if (into.has(keyName)) {
      throw new OtpError('INVALID_URI', `the ${JSON.stringify(keyName)} parameter appears twice: the URI is ambiguous`);
    }
    into.set(keyName, value);
  }
  if (typeText === 'steam') {
    const encoder = params.get('encoder');
    if (encoder !== undefined && encoder.toLowerCase() !== 'steam') {
      throw new OtpError('INVALID_URI', `an otpauth://steam/ URI cannot have encoder=${describe(encoder)}`);
    }
    if (encoder === undefined) params.set('encoder', 'steam');
  }
  const extra = Object.fromEntries(params); // own data properties, even for a name like __proto__
  const steam = isSteam(extra);
  if (steam && type !== 'totp') throw new OtpError('INVALID_URI', 'encoder=steam is for totp URIs: Steam Guard is time-based');

  const secretText = own.get('secret');
  if (secretText === undefined) throw new OtpError('INVALID_URI', 'the URI has no secret parameter');
  const secret = base32Decode(secretText);
  if (secret.length === 0) throw new OtpError('INVALID_URI', 'the secret parameter is empty');

  const algorithmText = own.get('algorithm');
  const algorithm = algorithmName(algorithmText);
  if (steam && algorithm !== 'SHA1') {
    throw new OtpError('INVALID_ALGORITHM', `Steam Guard uses SHA1, but the URI says algorithm=${describe(algorithmText)}`);
  }
  const digitsText = own.get('digits');
  const digits =
    digitsText === undefined
      ? steam ? STEAM_DIGITS : 6
      : steam
        ? smallNumber(digitsText, 'digits (Steam Guard)', STEAM_DIGITS, STEAM_DIGITS, 'INVALID_DIGITS')
        : smallNumber(digitsText, 'digits', 6, 10, 'INVALID_DIGITS');

  const { issuer, account } = splitLabel(label, own.get('issuer'));
  let moving: { period: number } | { counter: Counter };
  if (type === 'totp') {
    const periodText = own.get('period');
    moving = { period: periodText === undefined ? 30 : smallNumber(periodText, 'period', 1, 2 ** 32, 'INVALID_PERIOD') };
  } else {
    const counterText = own.get('counter');
    const counter = counterText === undefined ? 0n : decimal(counterText, 'counter', 'INVALID_COUNTER');
    if (counter > MAX_U64) {
      throw new OtpError('INVALID_COUNTER', `the counter parameter must be at most 2^64-1, got ${describe(counterText)}`);
    }
    moving = { counter: counter > BigInt(Number.MAX_SAFE_INTEGER) ? counter : Number(counter) };
  }
  return {
    type,
    secret,
    account,
    ...(issuer === undefined ? {} : { issuer }),
    algorithm,
    digits,
    ...moving,
    ...(params.size > 0 ? { params: extra } : {}),
  };
}

/**
 * Writes a key as a canonical `otpauth://` URI: the issuer both as label prefix and as parameter,
 * the secret as upper-case unpadded base32, spaces as `%20`, then `algorithm`, `digits` and
 * `period` only where they differ from the defaults every app shares (SHA1, 6, 30), `counter` always
 * for HOTP (Google's format requires it), and the `params` in their order. A Steam Guard key
 * (`params.encoder` is `steam`) is written with `digits=5`.
 * `parseOtpauthUri(formatOtpauthUri(key))` gives the key back.
 * @param key - the key; `algorithm`, `digits`, `period` and `counter` may be left out for their
 *   defaults, an empty `issuer` counts as none
 * @returns the URI
 * @throws OtpError `INVALID_URI` (a field of the wrong type, `params` naming a field the key writes
 *   itself, a lone surrogate), `INVALID_KEY`, `INVALID_ALGORITHM`, `INVALID_DIGITS`,
 *   `INVALID_PERIOD`, `INVALID_COUNTER`, `INPUT_TOO_LONG` (past 4096 characters)
 * @example
 * ```ts
 * import { formatOtpauthUri } from 'oathkit/uri';
 * import { base32Decode } from 'oathkit/encoding';
 * const secret = base32Decode('jbsw y3dp ehpk 3pxp');
 * const uri = formatOtpauthUri({ type: 'totp', secret, account: 'alice smith', issuer: 'ACME Co', algorithm: 'SHA1', digits: 6 });
 * uri; // 'otpauth://totp/ACME%20Co:alice%20smith?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co'
 * ```
 */
export function formatOtpauthUri(key: OtpAuthKey): string {
  const k = checkKey(key, 'key');
  const [prefix, account] = joinLabel(k.issuer, k.account);
  const label =
    (prefix === undefined ? '' : `${labelPart(prefix, 'key.issuer')}:`) + labelPart(account, 'key.account');
  const query = [`secret=${base32Encode(k.secret)}`];
  if (k.issuer !== undefined) query.push(`issuer=${encodeComponent(k.issuer, 'key.issuer')}`);
  if (k.algorithm !== 'SHA1') query.push(`algorithm=${k.algorithm}`);
  if (k.digits !== 6) query.push(`digits=${k.digits}`);
  if (k.type === 'hotp') query.push(`counter=${k.counter}`);
  else if (k.period !== 30) query.push(`period=${k.period}`);
  for (const [name, value] of k.params) {
    query.push(`${encodeComponent(name, 'a params name')}=${encodeComponent(value, `key.params[${JSON.stringify(name)}]`)}`);
  }
  const uri = `otpauth://${k.type}/${label}?${query.join('&')}`;
  if (uri.length > MAX_URI_LENGTH) {
    throw new OtpError('INPUT_TOO_LONG', `the URI would be ${uri.length} characters; at most ${MAX_URI_LENGTH} are read back`);
  }
  return uri;
}

/** A label component: percent-encoded, with `@` left readable (RFC 3986 allows it in a path). */
function labelPart(text: string, what: string): string {
  return encodeComponent(text, what).replaceAll('%40', '@');
}
