/**
 * A {@link TokenConfig} checked and put in the one normal form every decoder returns: defaults made
 * explicit, the algorithm by its canonical name, a counter as a `number` up to 2^53-1 and a
 * `bigint` above, empty text fields left out. What an activation string can carry is checked here
 * too (key and label lengths), so the writer only writes.
 * @module
 */
import { isBytes } from './_bytes.ts';
import { algorithmName, type Algorithm } from './_algorithm.ts';
import { counterWords, type Counter } from './_counter.ts';
import { utf8Encode } from './_utf8.ts';
import { describe, integerIn, kindOf } from './_validate.ts';
import type { TokenConfig } from './activation.ts';
import { OtpError } from './errors.ts';
import { parseOcraSuite } from './ocra-suite.ts';

/** Key lengths an activation string carries: 80 bits (the shortest secret in common use) up to
 * SHA-512's 128-byte block, beyond which HMAC only uses the key's hash. */
export const MIN_KEY = 10;
export const MAX_KEY = 128;

/** The text fields, in the order they are written, and their caps in bytes of UTF-8. */
export const TEXT_FIELDS = ['serial', 'issuer', 'account'] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export const TEXT_CAPS: Readonly<Record<TextField, number>> = /* @__PURE__ */ Object.freeze({ serial: 32, issuer: 64, account: 128 });

/** The largest t0 any TOTP function accepts (seconds either side of the epoch, as in totp.ts). */
export const MAX_T0 = 8.64e12;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Every field a config may have; any other name is refused (a misspelt `peroid` must not vanish). */
const KNOWN = new Set(['kind', 'key', 'algorithm', 'digits', 'period', 't0', 'counter', 'suite', 'serial', 'issuer', 'account']);
/** The fields besides kind and key that each kind uses. */
const USES: Readonly<Record<TokenConfig['kind'], readonly string[]>> = /* @__PURE__ */ Object.freeze({
  totp: ['algorithm', 'digits', 'period', 't0', ...TEXT_FIELDS],
  hotp: ['algorithm', 'digits', 'counter', ...TEXT_FIELDS],
  ocra: ['suite', 'algorithm', 'digits', 'counter', ...TEXT_FIELDS],
});

function bad(message: string): never {
  throw new OtpError('INVALID_ACTIVATION', message);
}

/** A counter in the form parsers return it. */
export function counterValue(value: bigint): Counter {
  return value > MAX_SAFE ? value : Number(value);
}

/** The UTF-8 bytes of a text field, or undefined when it is absent or empty. */
export function textBytes(value: unknown, name: TextField): Uint8Array | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') bad(`config.${name} must be a string or undefined, got ${describe(value)}`);
  const bytes = utf8Encode(value);
  if (bytes === undefined) bad(`config.${name} is not well-formed Unicode (it holds a lone surrogate)`);
  if (bytes.length > TEXT_CAPS[name]) {
    bad(`config.${name} is ${bytes.length} bytes of UTF-8; an activation string carries at most ${TEXT_CAPS[name]}`);
  }
  return bytes;
}

/**
 * Checks a config for {@link encodeActivation} and returns its normal form (what decoding the
 * string gives back).
 * @throws OtpError `INVALID_ACTIVATION` (not an object, unknown kind, a field the kind does not
 *   use or an unknown one, a label that is not a string, too long or not well-formed),
 *   `INVALID_KEY` (not 10 … 128 bytes), `INVALID_ALGORITHM`, `INVALID_DIGITS`, `INVALID_PERIOD`,
 *   `INVALID_T0`, `INVALID_COUNTER`, `INVALID_OCRA_SUITE`
 */
export function normalConfig(config: TokenConfig): TokenConfig {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    bad(`config must be an object such as { kind: 'totp', key }, got ${describe(config)}`);
  }
  const { kind } = config;
  if (kind !== 'totp' && kind !== 'hotp' && kind !== 'ocra') {
    bad(`config.kind must be 'totp', 'hotp' or 'ocra', got ${describe(kind)}`);
  }
  for (const [name, value] of Object.entries(config)) {
    if (!KNOWN.has(name)) bad(`config has an unknown field ${describe(name)}`);
    if (value !== undefined && name !== 'kind' && name !== 'key' && !USES[kind].includes(name)) {
      bad(`config.${name} is not a field of a ${kind.toUpperCase()} token`);
    }
  }
  if (!isBytes(config.key)) throw new OtpError('INVALID_KEY', `config.key must be a Uint8Array, got ${kindOf(config.key)}`);
  if (config.key.length < MIN_KEY || config.key.length > MAX_KEY) {
    throw new OtpError('INVALID_KEY', `config.key must be ${MIN_KEY} to ${MAX_KEY} bytes for an activation string, got ${config.key.length}`);
  }
  const out: TokenConfig = { kind, key: Uint8Array.from(config.key), algorithm: 'SHA1', digits: 6 };
  let hasCounter = kind === 'hotp';
  if (kind === 'ocra') {
    if (config.suite === undefined) bad('config.suite is required for an OCRA token');
    const suite = parseOcraSuite(config.suite);
    hasCounter = suite.counter;
    const algorithm: Algorithm | undefined = config.algorithm === undefined ? undefined : algorithmName(config.algorithm);
    if (algorithm !== undefined && algorithm !== suite.algorithm) {
      throw new OtpError('INVALID_ALGORITHM', `config.algorithm is ${algorithm} but the suite's hash is ${suite.algorithm}`);
    }
    if (config.digits !== undefined && config.digits !== suite.digits) {
      throw new OtpError('INVALID_DIGITS', `config.digits is ${describe(config.digits)} but the suite's truncation is ${suite.digits}`);
    }
    if (!suite.counter && config.counter !== undefined) bad('config.counter is not a field of an OCRA suite without C');
    Object.assign(out, { suite: suite.suite, algorithm: suite.algorithm, digits: suite.digits });
  } else {
    out.algorithm = algorithmName(config.algorithm);
    out.digits = integerIn(config.digits, 6, 6, 10, 'config.digits', 'INVALID_DIGITS');
  }
  if (kind === 'totp') {
    out.period = integerIn(config.period, 30, 1, 2 ** 32, 'config.period (seconds)', 'INVALID_PERIOD');
    out.t0 = integerIn(config.t0, 0, -MAX_T0, MAX_T0, 'config.t0 (seconds)', 'INVALID_T0');
  }
  if (hasCounter) {
    const { hi, lo } = counterWords(config.counter ?? 0, 'config.counter');
    out.counter = counterValue((BigInt(hi) << 32n) | BigInt(lo));
  }
  for (const name of TEXT_FIELDS) {
    if (textBytes(config[name], name) !== undefined) out[name] = config[name]!;
  }
  return out;
}
