/**
 * The token model's types and its one check (see token.ts): what a token is, and `checkToken`,
 * which `normalizeToken` is, with the OCRA suite parser passed in so that codecs that cannot carry
 * OCRA tokens do not bundle the suite grammar.
 * @module
 */
import { algorithmName, type Algorithm, type AlgorithmInput } from './_algorithm.ts';
import { isBytes } from './_bytes.ts';
import { counterWords, normalCounter, type Counter } from './_counter.ts';
import { checkedObject, describe, integerIn, kindOf } from './_validate.ts';
import { OtpError } from './errors.ts';
import type { OcraSuite } from './ocra-suite.ts';

/** What makes the codes: HOTP (RFC 4226), TOTP (RFC 6238), OCRA (RFC 6287) or Steam Guard. */
export type TokenKind = 'hotp' | 'totp' | 'ocra' | 'steam';

/**
 * One token, in the normal form every decoder returns:
 * - `algorithm` by its canonical name and `digits` always present (for OCRA, the suite's hash and
 *   truncation, 0 meaning the full HMAC; for Steam Guard, SHA1 and 5 symbols);
 * - `period` (seconds, default 30) and `t0` (seconds, default 0) for `totp` and `steam`;
 * - `counter` (the counter of the next code, default 0) for `hotp` and for OCRA suites with `C`:
 *   a `number` up to 2^53-1, a `bigint` above;
 * - `suite` for `ocra`, as RFC 6287 §6 writes it;
 * - `issuer`, `account`, `serial` where the source names them (never as empty strings);
 * - `extras`: what the source carries that the model has no field for (an otpauth URI's `image`
 *   or `color`, a backup's note or group, a PSKC policy), as text, so that writing the token back
 *   in the same format loses nothing. Never secrets other than `key`. A field only one format
 *   knows is namespaced `<format>.<field>` (`aegis.uuid`, `pskc.Key/Policy/KeyUsage`) and written
 *   back only by that format; a plain name (`note`, `groups`, `favorite`, a URI's `image`) is
 *   shared, and every format that has a place for it writes it.
 * Fields a kind does not use are absent.
 */
export interface Token {
  /** `'hotp'`, `'totp'`, `'ocra'` or `'steam'` (Steam Guard). */
  kind: TokenKind;
  /** The shared secret. */
  key: Uint8Array;
  /** The HMAC hash by its canonical name (OCRA: the suite's; Steam Guard: SHA1). */
  algorithm: Algorithm;
  /** Digits of a code, 6 … 10 (Steam Guard: 5 symbols; OCRA: the suite's truncation, 0 = none). */
  digits: number;
  /** TOTP and Steam Guard: the step in seconds. */
  period?: number;
  /** TOTP and Steam Guard: Unix time in seconds where step 0 begins. */
  t0?: number;
  /** HOTP, and OCRA suites with C: the counter of the next code (a `bigint` above 2^53-1). */
  counter?: Counter;
  /** OCRA: the RFC 6287 suite. */
  suite?: string;
  /** Who issued the token (a service's name); absent rather than empty. */
  issuer?: string;
  /** The account it belongs to (a user name or address); absent rather than empty. */
  account?: string;
  /** A hardware token's serial number; absent rather than empty. */
  serial?: string;
  /** What a format carries that the model has no field for, as text (see above). */
  extras?: Record<string, string>;
}

/** A token as encoders take it: {@link Token} with every default optional and any accepted spelling. */
export interface TokenInput {
  /** `'hotp'`, `'totp'`, `'ocra'` or `'steam'` (Steam Guard). */
  kind: TokenKind;
  /** The shared secret, 1 … 1024 bytes (copied, never kept). */
  key: Uint8Array;
  /** Default SHA1 (for OCRA: the suite's hash; given, it must agree). */
  algorithm?: AlgorithmInput;
  /** Default 6 (Steam Guard 5; OCRA the suite's truncation; given, it must agree). */
  digits?: number;
  /** TOTP and Steam Guard: the step in seconds, default 30. */
  period?: number;
  /** TOTP and Steam Guard: Unix time in seconds where step 0 begins, default 0. */
  t0?: number;
  /** HOTP, and OCRA suites with C: the counter of the next code, default 0. */
  counter?: Counter;
  /** OCRA: the suite, required. */
  suite?: string;
  /** Who issued the token; an empty string is the same as none. */
  issuer?: string;
  /** The account it belongs to; an empty string is the same as none. */
  account?: string;
  /** A hardware token's serial number; an empty string is the same as none. */
  serial?: string;
  /** Text a format carries that the model has no field for (see {@link Token}). */
  extras?: Record<string, string>;
}

/** Every field of a token; any other name is misuse (a misspelt `peroid` must not vanish). */
export const TOKEN_FIELDS = /* @__PURE__ */ Object.freeze([
  'kind',
  'key',
  'algorithm',
  'digits',
  'period',
  't0',
  'counter',
  'suite',
  'issuer',
  'account',
  'serial',
  'extras',
] as const);

/** The text fields every kind may have. */
export const TEXT_FIELDS = /* @__PURE__ */ Object.freeze(['issuer', 'account', 'serial'] as const);

/** The fields each kind uses besides `kind`, `key`, the text fields and `extras`. */
const USES: Readonly<Record<TokenKind, readonly string[]>> = /* @__PURE__ */ Object.freeze({
  hotp: ['algorithm', 'digits', 'counter'],
  totp: ['algorithm', 'digits', 'period', 't0'],
  steam: ['algorithm', 'digits', 'period', 't0'],
  ocra: ['suite', 'algorithm', 'digits', 'counter'],
});

/** Steam Guard codes are 5 symbols long. */
export const STEAM_DIGITS = 5;
/** The longest key a token holds, in bytes: HMAC uses only the hash of anything past a block (≤ 128 bytes). */
export const MAX_TOKEN_KEY = 1024;
/** The longest text field, in UTF-16 code units (as long as a whole otpauth URI may be). */
export const MAX_TOKEN_TEXT = 4096;
/** At most this many extras, each value at most {@link MAX_EXTRA_TEXT} code units. */
export const MAX_EXTRAS = 64;
export const MAX_EXTRA_TEXT = 16_384;
/** The largest |t0| in seconds any TOTP function accepts (a Date's range). */
export const MAX_T0 = 8.64e12;

function bad(message: string): never {
  throw new OtpError('INVALID_TOKEN', message);
}

/**
 * Text that every format can write: a string of well-formed Unicode (encodeURIComponent refuses a
 * lone surrogate) within the cap; empty counts as absent.
 */
function text(value: unknown, name: string, cap: number): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') bad(`${name} must be a string, got ${describe(value)}`);
  if (value.length > cap) bad(`${name} is ${value.length} characters long; at most ${cap} are allowed`);
  try {
    encodeURIComponent(value);
  } catch {
    bad(`${name} is not well-formed Unicode (it holds a lone surrogate)`);
  }
  return value;
}

function extrasOf(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  const entries =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? Object.entries(value)
      : bad(`token.extras must be an object of strings, got ${describe(value)}`);
  if (entries.length > MAX_EXTRAS) bad(`token.extras has ${entries.length} entries; at most ${MAX_EXTRAS} are allowed`);
  for (const [name, v] of entries) {
    const where = `token.extras[${JSON.stringify(name)}]`;
    text(name, 'an extras name', MAX_TOKEN_TEXT) ?? bad('an extras name is empty');
    if (typeof v !== 'string') bad(`${where} must be a string, got ${describe(v)}`);
    text(v, where, MAX_EXTRA_TEXT);
  }
  // Own data properties even for a name such as __proto__.
  return entries.length === 0 ? undefined : (Object.fromEntries(entries) as Record<string, string>);
}

/**
 * normalizeToken with the OCRA suite parser passed in: a codec that cannot carry OCRA passes a
 * function that refuses the token instead, so its bundle carries no suite grammar. The contract
 * (normal form, codes) is normalizeToken's, in token.ts.
 * @param ocraSuite - parses an OCRA token's suite and checks `algorithm`, `digits` and `counter`
 *   against it (or refuses the token)
 */
export function checkToken(input: TokenInput, ocraSuite: (t: Partial<TokenInput>) => OcraSuite): Token {
  if (input === undefined) bad("token must be an object such as { kind: 'totp', key }, got undefined");
  const t = checkedObject(input, TOKEN_FIELDS, 'token', 'INVALID_TOKEN');
  const kind = t.kind as unknown;
  if (kind !== 'hotp' && kind !== 'totp' && kind !== 'ocra' && kind !== 'steam') {
    bad(`token.kind must be 'hotp', 'totp', 'ocra' or 'steam', got ${describe(kind)}`);
  }
  for (const name of ['algorithm', 'digits', 'period', 't0', 'counter', 'suite'] as const) {
    if (t[name] !== undefined && !USES[kind].includes(name)) bad(`token.${name} is not a field of ${kind} tokens`);
  }
  const key = t.key as unknown;
  if (!isBytes(key)) throw new OtpError('INVALID_KEY', `token.key must be a Uint8Array, got ${kindOf(key)}`);
  if (key.length === 0 || key.length > MAX_TOKEN_KEY) {
    throw new OtpError('INVALID_KEY', `token.key must be 1 to ${MAX_TOKEN_KEY} bytes, got ${key.length}`);
  }
  // Stryker disable next-line StringLiteral: every kind sets the algorithm below (OCRA from its suite)
  const out: Token = { kind, key: Uint8Array.from(key), algorithm: 'SHA1', digits: 6 };
  let hasCounter = kind === 'hotp';
  if (kind === 'ocra') {
    const suite = ocraSuite(t); // checks the suite against algorithm, digits and counter
    hasCounter = suite.counter;
    Object.assign(out, { algorithm: suite.algorithm, digits: suite.digits, suite: suite.suite });
  } else {
    const steam = kind === 'steam';
    out.algorithm = algorithmName(t.algorithm);
    if (steam && out.algorithm !== 'SHA1') throw new OtpError('INVALID_ALGORITHM', `Steam Guard uses SHA1, got ${out.algorithm}`);
    out.digits = integerIn(t.digits, steam ? 5 : 6, steam ? 5 : 6, steam ? 5 : 10, 'token.digits', 'INVALID_DIGITS');
  }
  if (kind === 'totp' || kind === 'steam') {
    out.period = integerIn(t.period, 30, 1, 2 ** 32, 'token.period (seconds)', 'INVALID_PERIOD');
    out.t0 = integerIn(t.t0, 0, -MAX_T0, MAX_T0, 'token.t0 (seconds)', 'INVALID_T0');
  }
  if (hasCounter) {
    const { hi, lo } = counterWords(t.counter ?? 0, 'token.counter');
    out.counter = normalCounter((BigInt(hi) << 32n) | BigInt(lo));
  }
  for (const name of TEXT_FIELDS) {
    const value = text(t[name], `token.${name}`, MAX_TOKEN_TEXT);
    if (value !== undefined) out[name] = value;
  }
  const extras = extrasOf(t.extras);
  if (extras !== undefined) out.extras = extras;
  return out;
}
