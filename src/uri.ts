/**
 * `otpauth://TYPE/LABEL?PARAMETERS` URIs, as in Google's Key Uri Format (the google-authenticator
 * wiki), with the extensions seen in the wild (FreeOTP's `image`/`color`, `encoder=steam`,
 * `otpauth://steam/`). A URI reads to a {@link Token} and a token writes to a URI. The export format
 * and Steam Guard are re-exported here: this subpath is everything tokens travel in.
 * @module
 */
import { algorithmName } from './_algorithm.ts';
import { joinLabel, splitLabel } from './_label.ts';
import { describe } from './_validate.ts';
import { base32Decode, base32Encode } from './encoding.ts';
import { OtpError } from './errors.ts';
import { normalCounter } from './_counter.ts';
import { checkToken, type Token, type TokenInput, type TokenKind } from './_token.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Algorithm, AlgorithmInput } from './_algorithm.ts';
export type { Counter } from './_counter.ts';
export type { Token, TokenInput, TokenKind } from './_token.ts';
export {
  formatMigrationUri,
  formatMigrationUris,
  parseMigrationExport,
  parseMigrationUri,
  MAX_MIGRATION_PAYLOAD,
  MAX_MIGRATION_URI,
  type MigrationBatch,
  type MigrationBatchOptions,
  type MigrationExport,
  type MigrationSkipped,
} from './migration.ts';
export { steamGuard, verifySteamGuard, type SteamGuardOptions, type VerifySteamGuardOptions } from './steam.ts';

/** The longest URI {@link parseOtpauthUri} reads (and {@link formatOtpauthUri} writes): 4 KiB. */
export const MAX_URI_LENGTH = 4096;

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

/** Percent-encoding (the token check has refused lone surrogates, so this cannot throw). */
const encodeComponent = encodeURIComponent;

/** A decimal parameter; its range is the token check's. */
function decimal(value: string, name: string, code: 'INVALID_DIGITS' | 'INVALID_PERIOD' | 'INVALID_COUNTER'): bigint {
  if (!/^[0-9]{1,40}$/.test(value)) {
    throw new OtpError(code, `the ${name} parameter must be a decimal integer, got ${describe(value)}`);
  }
  return BigInt(value);
}

/**
 * The parameters a URI's own fields are written to, by URI type (names compared in lower case);
 * every other parameter is an extra. `period` on an HOTP URI and `counter` on a TOTP one are
 * extras too (those types do not use them), and so is `t0`, which the format does not define.
 */
const OWN_PARAMS: Readonly<Record<'totp' | 'hotp', readonly string[]>> = /* @__PURE__ */ Object.freeze({
  totp: Object.freeze(['secret', 'issuer', 'algorithm', 'digits', 'period', 'serial']),
  hotp: Object.freeze(['secret', 'issuer', 'algorithm', 'digits', 'counter', 'serial']),
});

/** An extra that belongs to one format: `<format>.<field>` (`aegis.uuid`, `pskc.Key/@Id`). */
const NAMESPACED = /^[a-z0-9][a-z0-9+-]*\./;

/**
 * Reads an `otpauth://` URI into a {@link Token}. Lenient where real writers differ, strict where a
 * guess could be wrong:
 * - the label is `issuer:account` with `:` or `%3A` (any case) and optional spaces after it; when
 *   the `issuer` parameter is present it wins over a differing label prefix (never an error);
 * - `+` in a parameter value is a space; in the label it is a plus sign;
 * - `secret` is base32 in any case, with or without padding and spaces;
 * - `algorithm` (default SHA1; SHA1, SHA224, SHA256, SHA384, SHA512, `SHA-256` style accepted),
 *   `digits` (default 6, must be 6 … 10), `period` (TOTP, default 30), `counter` (HOTP, default 0
 *   as in Google Authenticator and FreeOTP; above 2^53-1 it comes back as an exact `bigint`),
 *   `serial`;
 * - `encoder=steam`, or the type `steam`, is a Steam Guard token (`kind: 'steam'`, 5 symbols, SHA1);
 * - every other parameter lands in `extras` under its own spelling (FreeOTP's `image` and `color`,
 *   also `period` on an HOTP URI and `counter` on a TOTP one; a name such as `a.b`, the form of
 *   another format's extras, as `uri.a.b`); a fragment (`#…`) is ignored, as URI parsers do.
 * @param uri - the URI text, at most 4096 characters
 * @returns the token in normal form (an empty label gives no `account`)
 * @throws OtpError `INVALID_URI` (not an otpauth URI, unknown type, missing or empty secret, a
 *   repeated parameter, a parameter without a name, a malformed %-escape), `INVALID_BASE32` (secret), `INVALID_ALGORITHM`
 *   (MD5, SHA3 …), `INVALID_DIGITS`, `INVALID_PERIOD`, `INVALID_COUNTER` (past 2^64-1),
 *   `INPUT_TOO_LONG`
 * @example
 * ```ts
 * import { parseOtpauthUri } from 'oathkit/uri';
 * const token = parseOtpauthUri('otpauth://totp/Example:alice@google.com?secret=JBSWY3DPEHPK3PXP&issuer=Example');
 * token.account; // 'alice@google.com'
 * token.issuer; // 'Example'
 * token.key; // Uint8Array [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]
 * [token.kind, token.algorithm, token.digits, token.period]; // ['totp', 'SHA1', 6, 30]
 * parseOtpauthUri('otpauth://hotp/x?secret=jbsw%20y3dp&counter=18446744073709551615').counter; // 18446744073709551615n
 * parseOtpauthUri('otpauth://totp/Steam:alice?secret=JBSWY3DPEHPK3PXP&encoder=steam').kind; // 'steam'
 * ```
 */
export function parseOtpauthUri(uri: string): Token {
  if (typeof uri !== 'string') throw new OtpError('INVALID_URI', `uri must be a string, got ${describe(uri)}`);
  if (uri.length > MAX_URI_LENGTH) {
    throw new OtpError('INPUT_TOO_LONG', `the URI is ${uri.length} characters; at most ${MAX_URI_LENGTH} are read`);
  }
  const text = uri.trim();
  if (text.slice(0, 10).toLowerCase() !== 'otpauth://') {
    throw new OtpError('INVALID_URI', 'expected a URI of the form otpauth://TYPE/LABEL?PARAMETERS');
  }
  // indexOf's -1 is "absent". The path ends at the '?' (or the end); the query is what follows it,
  // nothing without a '?'.
  const hash = text.indexOf('#');
  const body = hash === -1 ? text : text.slice(0, hash);
  const q = body.indexOf('?');
  const end = q === -1 ? body.length : q;
  const path = body.slice(10, end);
  const query = body.slice(end + 1);
  const slash = path.indexOf('/');
  const typeText = (slash === -1 ? path : path.slice(0, slash)).toLowerCase();
  if (typeText !== 'totp' && typeText !== 'hotp' && typeText !== 'steam') {
    throw new OtpError('INVALID_URI', `the URI type must be totp or hotp (or steam), got ${describe(typeText)}`);
  }
  const type = typeText === 'hotp' ? 'hotp' : 'totp';
  const label = decodeComponent(slash === -1 ? '' : path.slice(slash + 1), false, 'the label');

  // Parameters: the token's own by lower-case name, the rest under their own spelling.
  const own = new Map<string, string>();
  const extras = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = decodeComponent(eq === -1 ? part : part.slice(0, eq), true, 'a parameter name');
    // Its value is not shown: it may be the secret.
    if (name === '') throw new OtpError('INVALID_URI', "a parameter has no name (it starts with '='): expected NAME=VALUE");
    const isOwn = OWN_PARAMS[type].includes(name.toLowerCase()) || name.toLowerCase() === 'encoder';
    const value = decodeComponent(eq === -1 ? '' : part.slice(eq + 1), true, isOwn ? `the ${name} parameter` : 'a parameter');
    const into = isOwn ? own : extras;
    // A parameter named like another format's namespaced extra (`aegis.uuid`) is kept in the URI's
    // own namespace, so that writing the token back gives it back.
    const keyName = isOwn ? name.toLowerCase() : NAMESPACED.test(name) ? `uri.${name}` : name;
    if (into.has(keyName)) {
      throw new OtpError('INVALID_URI', `the ${JSON.stringify(keyName)} parameter appears twice: the URI is ambiguous`);
    }
    into.set(keyName, value);
  }
  // `encoder` marks Steam Guard; any other value is kept as the extra it is.
  const encoder = own.get('encoder');
  const steam = typeText === 'steam' || encoder?.toLowerCase() === 'steam';
  if (encoder !== undefined && encoder.toLowerCase() !== 'steam') {
    if (typeText === 'steam') throw new OtpError('INVALID_URI', `an otpauth://steam/ URI cannot have encoder=${describe(encoder)}`);
    extras.set('encoder', encoder);
  }
  if (steam && type !== 'totp') throw new OtpError('INVALID_URI', 'encoder=steam is for totp URIs: Steam Guard is time-based');
  const kind: TokenKind = steam ? 'steam' : type;

  const secretText = own.get('secret');
  if (secretText === undefined) throw new OtpError('INVALID_URI', 'the URI has no secret parameter');
  const key = base32Decode(secretText);
  if (key.length === 0) throw new OtpError('INVALID_URI', 'the secret parameter is empty');

  // Ranges (digits 6 … 10 or Steam's 5, period 1 … 2^32, Steam's SHA1, the counter's 64 bits) are
  // the token check's, with the field's own code.
  const { issuer, account } = splitLabel(label, own.get('issuer'));
  const digits = own.get('digits');
  const token: TokenInput = {
    kind,
    key,
    algorithm: algorithmName(own.get('algorithm')),
    digits: digits === undefined ? undefined : Number(decimal(digits, 'digits', 'INVALID_DIGITS')),
    issuer,
    account,
    serial: own.get('serial'),
  };
  const period = own.get('period');
  const counter = own.get('counter');
  if (type === 'totp') token.period = period === undefined ? undefined : Number(decimal(period, 'period', 'INVALID_PERIOD'));
  else token.counter = counter === undefined ? 0 : normalCounter(decimal(counter, 'counter', 'INVALID_COUNTER'));
  // Own properties, even for __proto__; checkToken drops an empty extras.
  token.extras = Object.fromEntries(extras);
  return checkToken(token, noOcra);
}

/** An otpauth URI carries no OCRA token; refusing it here keeps the suite grammar out of the bundle. */
function noOcra(): never {
  throw new OtpError('INVALID_URI', 'an OCRA token cannot be written as an otpauth URI: the Key Uri Format has no OCRA suite');
}

/**
 * Writes a token as a canonical `otpauth://` URI: the issuer both as label prefix and as parameter,
 * the secret as upper-case unpadded base32, spaces as `%20`, then `algorithm`, `digits` and
 * `period` only where they differ from the defaults every app shares (SHA1, 6, 30), `counter` always
 * for HOTP (Google's format requires it), `serial` where the token has one, and the `extras` as
 * parameters in their order — all but another format's own (`aegis.uuid`, `pskc.Key/@Id`: a name
 * `<format>.<field>`), which only that format writes; `uri.<name>` is written as `<name>`. A Steam Guard token is written as `otpauth://totp/…&digits=5&encoder=steam`.
 * `parseOtpauthUri(formatOtpauthUri(token))` gives the normal form of the token back.
 * @param token - the token (kinds `totp`, `hotp`, `steam`); an absent account is an empty label
 * @returns the URI
 * @throws OtpError as `normalizeToken` for a bad token; `INVALID_URI` (an OCRA token, which
 *   the format cannot carry; an extra named like a parameter the URI writes itself; an account and
 *   issuer no label can tell apart), `INVALID_T0` (t0 ≠ 0: the format has no t0, and a URI without
 *   it would make other codes), `INPUT_TOO_LONG` (past 4096 characters)
 * @example
 * ```ts
 * import { formatOtpauthUri } from 'oathkit/uri';
 * import { base32Decode } from 'oathkit/encoding';
 * const key = base32Decode('jbsw y3dp ehpk 3pxp');
 * formatOtpauthUri({ kind: 'totp', key, account: 'alice smith', issuer: 'ACME Co' }); // 'otpauth://totp/ACME%20Co:alice%20smith?secret=JBSWY3DPEHPK3PXP&issuer=ACME%20Co'
 * formatOtpauthUri({ kind: 'hotp', key, account: 'bob', counter: 7, algorithm: 'SHA-256' }); // 'otpauth://hotp/bob?secret=JBSWY3DPEHPK3PXP&algorithm=SHA256&counter=7'
 * ```
 */
export function formatOtpauthUri(token: TokenInput): string {
  const t = checkToken(token, noOcra);
  if (t.t0 !== undefined && t.t0 !== 0) {
    throw new OtpError('INVALID_T0', `this token has t0 = ${t.t0} s, which an otpauth URI cannot carry (a URI without it makes other codes)`);
  }
  const type = t.kind === 'hotp' ? 'hotp' : 'totp';
  const [prefix, account] = joinLabel(t.issuer, t.account ?? '');
  const label = (prefix === undefined ? '' : `${labelPart(prefix)}:`) + labelPart(account);
  const query = [`secret=${base32Encode(t.key)}`];
  if (t.issuer !== undefined) query.push(`issuer=${encodeComponent(t.issuer)}`);
  if (t.algorithm !== 'SHA1') query.push(`algorithm=${t.algorithm}`);
  if (t.digits !== 6) query.push(`digits=${t.digits}`);
  if (t.kind === 'hotp') query.push(`counter=${t.counter}`);
  else if (t.period !== 30) query.push(`period=${t.period}`);
  if (t.serial !== undefined) query.push(`serial=${encodeComponent(t.serial)}`);
  if (t.kind === 'steam') query.push('encoder=steam');
  for (const [extra, value] of Object.entries(t.extras ?? {})) {
    // Another format's namespaced extras are that format's; the URI's own lose their prefix.
    if (NAMESPACED.test(extra) && !extra.startsWith('uri.')) continue;
    const name = extra.startsWith('uri.') ? extra.slice(4) : extra;
    const lower = name.toLowerCase();
    if (OWN_PARAMS[type].includes(lower) || (lower === 'encoder' && (t.kind === 'steam' || value.toLowerCase() === 'steam'))) {
      throw new OtpError('INVALID_URI', `token.extras may not hold ${JSON.stringify(name)}: the URI writes that parameter from the token's own field`);
    }
    query.push(`${encodeComponent(name)}=${encodeComponent(value)}`);
  }
  const uri = `otpauth://${type}/${label}?${query.join('&')}`;
  if (uri.length > MAX_URI_LENGTH) {
    throw new OtpError('INPUT_TOO_LONG', `the URI would be ${uri.length} characters; at most ${MAX_URI_LENGTH} are read back`);
  }
  return uri;
}

/** A label component: percent-encoded, with `@` left readable (RFC 3986 allows it in a path). */
function labelPart(text: string): string {
  return encodeComponent(text).replaceAll('%40', '@');
}
