/**
 * The body of a version 1 activation string: the bits between the version symbol and the check.
 * The format is specified in the header of activation.ts and in docs/formats.md (Activation strings).
 * Every field that has its default is left out, and a present field never holds its default, so
 * each token has exactly one body and the reader refuses any other spelling.
 * @module
 */
import type { Algorithm } from './_algorithm.ts';
import { BitReader, BitWriter } from './_bits.ts';
import { normalCounter } from './_counter.ts';
import { readSuite, writeSuite } from './_activation-suite.ts';
import { MAX_T0 } from './_time.ts';
import { utf8Decode, utf8Encode } from './_utf8.ts';
import { OtpError } from './errors.ts';
import { normalizeToken, type Token, type TokenInput, type TokenKind } from './token.ts';

/** Key lengths an activation string carries: 80 bits (the shortest secret in common use) up to
 * SHA-512's 128-byte block, beyond which HMAC only uses the key's hash. */
export const MIN_KEY = 10;
export const MAX_KEY = 128;

/** The text fields, in the order they are written, and their caps in bytes of UTF-8. */
const TEXT_FIELDS = ['serial', 'issuer', 'account'] as const;
type TextField = (typeof TEXT_FIELDS)[number];
const TEXT_CAPS: Readonly<Record<TextField, number>> = /* @__PURE__ */ Object.freeze({ serial: 32, issuer: 64, account: 128 });

/** The kind field's values (2 bits). */
const KINDS: readonly TokenKind[] = ['totp', 'hotp', 'ocra', 'steam'];
/** The algorithm field's values (2 bits; SHA1, the default, is never written). */
const HASHES: readonly Algorithm[] = ['SHA256', 'SHA512', 'SHA224', 'SHA384'];

/** The optional fields of each kind, in the order of the presence map and of the values. */
const OPTIONAL: Readonly<Record<TokenKind, readonly OptionalField[]>> = /* @__PURE__ */ Object.freeze({
  totp: ['algorithm', 'digits', 'period', 't0', ...TEXT_FIELDS],
  hotp: ['algorithm', 'digits', 'counter', ...TEXT_FIELDS],
  ocra: ['counter', ...TEXT_FIELDS],
  steam: ['period', 't0', ...TEXT_FIELDS],
});
type OptionalField = 'algorithm' | 'digits' | 'period' | 't0' | 'counter' | TextField;

function bad(message: string): never {
  throw new OtpError('INVALID_ACTIVATION', message);
}

/** The UTF-8 bytes of a text field, within the activation string's cap. */
function textBytes(value: string, name: TextField): Uint8Array {
  const bytes = utf8Encode(value)!; // normalizeToken has checked it is well-formed
  if (bytes.length > TEXT_CAPS[name]) {
    bad(`token.${name} is ${bytes.length} bytes of UTF-8; an activation string carries at most ${TEXT_CAPS[name]}`);
  }
  return bytes;
}

/**
 * Checks a token for an activation string and returns its normal form (what decoding the string
 * gives back, `extras` aside: an activation string carries what makes the codes and the labels).
 * The labels' caps are checked by writeBody, which encodes them anyway.
 * @throws OtpError as normalizeToken, `INVALID_KEY` (not 10 … 128 bytes)
 */
export function activationToken(input: TokenInput): Token {
  const { extras: _, ...t } = normalizeToken(input);
  if (t.key.length < MIN_KEY || t.key.length > MAX_KEY) {
    throw new OtpError('INVALID_KEY', `token.key must be ${MIN_KEY} to ${MAX_KEY} bytes for an activation string, got ${t.key.length}`);
  }
  return t;
}

function malformed(detail: string): never {
  throw new OtpError('INVALID_ACTIVATION', `the activation string is malformed: ${detail}`);
}

/** Whether a field of a token in normal form differs from its default (and so is written). */
function present(c: Token, field: OptionalField): boolean {
  switch (field) {
    case 'algorithm':
      return c.algorithm !== 'SHA1';
    case 'digits':
      return c.digits !== 6;
    case 'period':
      return c.period !== 30;
    case 't0':
      return c.t0 !== 0;
    case 'counter':
      return c.counter !== undefined && BigInt(c.counter) !== 0n;
    default:
      return c[field] !== undefined;
  }
}

/** t0 as an unsigned varint value: 0, -1, 1, -2, 2 … map to 0, 1, 2, 3, 4 … (protobuf's zigzag). */
// Stryker disable next-line EqualityOperator: t0 = 0 is the default, never written, so never zigzagged
const zigzag = (t0: number): bigint => (t0 < 0 ? BigInt(-t0) * 2n - 1n : BigInt(t0) * 2n);
const unzigzag = (v: bigint): number => Number(v & 1n ? -((v + 1n) / 2n) : v / 2n);

/**
 * Writes the body of a token in normal form (checked by activationToken).
 * @throws OtpError `INVALID_ACTIVATION` (a label longer than its cap)
 */
export function writeBody(w: BitWriter, c: Token): void {
  w.uint(KINDS.indexOf(c.kind), 2);
  if (c.kind === 'ocra') writeSuite(w, c.suite!);
  const fields = OPTIONAL[c.kind].filter((f) => present(c, f));
  w.uint(fields.length > 0 ? 1 : 0, 1);
  if (fields.length > 0) for (const f of OPTIONAL[c.kind]) w.uint(fields.includes(f) ? 1 : 0, 1);
  for (const f of fields) {
    if (f === 'algorithm') w.uint(HASHES.indexOf(c.algorithm), 2);
    else if (f === 'digits') w.uint(c.digits! - 7, 2);
    else if (f === 'period') w.varint(BigInt(c.period!));
    else if (f === 't0') w.varint(zigzag(c.t0!));
    else if (f === 'counter') w.varint(BigInt(c.counter!));
    else {
      const bytes = textBytes(c[f]!, f);
      w.varint(BigInt(bytes.length));
      w.bytes(bytes);
    }
  }
  w.bytes(c.key);
}

/**
 * Reads a body; `r` stops where the check symbols begin.
 * @returns the token in normal form
 * @throws OtpError `INVALID_ACTIVATION` for anything the writer would not have written
 */
export function readBody(r: BitReader): Token {
  const kind = KINDS[r.uint(2, 'the kind')]!;
  const c: Token = { kind, key: new Uint8Array(0), algorithm: 'SHA1', digits: kind === 'steam' ? 5 : 6 };
  const suite = kind === 'ocra' ? readSuite(r) : undefined;
  if (suite) Object.assign(c, { suite: suite.suite, algorithm: suite.algorithm, digits: suite.digits });
  // period, t0 and a counter take their defaults in normalizeToken below when no field sets them.

  const names = OPTIONAL[kind];
  let fields: OptionalField[] = [];
  // Stryker disable next-line StringLiteral: the options bit is a body's bit 2, 24, 32, 33 or 41 (after a suite of 22, 30, 31 or 39 bits), never at a symbol's edge: the reader never ends there
  if (r.uint(1, 'the options bit') === 1) {
    fields = names.filter(() => r.uint(1, 'the presence map') === 1);
    if (fields.length === 0) malformed('its presence map is empty (a token with every default has the options bit 0)');
  }
  if (fields.includes('counter') && kind === 'ocra' && !suite!.counter) malformed('it has a counter but its OCRA suite has no C');
  for (const f of fields) {
    const what = `the ${f} field`;
    if (f === 'algorithm') c.algorithm = HASHES[r.uint(2, what)]!;
    else if (f === 'digits') c.digits = r.uint(2, what) + 7;
    else if (f === 'period') {
      const period = r.varint(what);
      if (period < 1n || period > 2n ** 32n || period === 30n) malformed(`its period must be 1 to 2^32 seconds other than 30, got ${period}`);
      c.period = Number(period);
    } else if (f === 't0') {
      const t0 = unzigzag(r.varint(what));
      if (t0 === 0 || Math.abs(t0) > MAX_T0) malformed(`its t0 must be a non-zero number of seconds up to ${MAX_T0} either side of the epoch`);
      c.t0 = t0;
    } else if (f === 'counter') {
      const counter = r.varint(what);
      if (counter === 0n) malformed('its counter field holds 0, the default, which is left out');
      c.counter = normalCounter(counter);
    } else {
      const length = r.varint(what);
      if (length < 1n || length > BigInt(TEXT_CAPS[f])) malformed(`its ${f} must be 1 to ${TEXT_CAPS[f]} bytes, got ${length}`);
      const text = utf8Decode(r.bytes(Number(length), what));
      if (text === undefined) malformed(`its ${f} is not valid UTF-8`);
      c[f] = text;
    }
  }

  // The key is the rest: whole bytes, then fewer than 5 zero bits that fill the last symbol.
  const n = Math.floor(r.remaining / 8);
  const padding = r.remaining - 8 * n;
  if (padding > 4) malformed(`it has ${padding} bits after the last whole key byte; a symbol has 5`);
  if (n < MIN_KEY || n > MAX_KEY) malformed(`its key is ${n} bytes; activation strings carry ${MIN_KEY} to ${MAX_KEY}`);
  // Stryker disable next-line StringLiteral: n whole bytes are there (n is what remains): the reader never ends inside the key
  c.key = r.bytes(n, 'the key');
  // Stryker disable next-line StringLiteral: the padding is what remains: the reader never ends inside it
  const fill = r.uint(padding, 'the padding');
  if (fill !== 0) malformed('the bits after the key are not zero');
  // Field order as normalizeToken writes it, so a decoded token equals a normalized one key for key.
  return normalizeToken(c);
}
