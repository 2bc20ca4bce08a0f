/**
 * RFC 4226 §5.3: HMAC over the 8-byte moving factor, dynamic truncation to 31 bits, and the
 * decimal code. Shared by HOTP and TOTP (RFC 6238 §4 only changes where the counter comes from).
 * @module
 */
import { OtpError } from './errors.ts';
import { algorithmName, type Algorithm } from './_algorithm.ts';
import { otpKernel, type OtpKernel } from './_kernel.ts';
import { TWO_32 } from './_counter.ts';
import { describe } from './_validate.ts';

export { WINDOW_CHUNK, type OtpKernel } from './_kernel.ts';

/** Powers of ten for 0 … 10 digits. */
const POW10: readonly number[] = /* @__PURE__ */ Object.freeze(Array.from({ length: 11 }, (_, i) => 10 ** i));

/**
 * Validates `digits` (default 6). RFC 4226 §5.3 requires at least 6; 10 is the most a 31-bit
 * value can fill (errata 3730 notes the leading digit is then biased towards 0, 1 and 2).
 */
export function digitsOption(value: unknown): number {
  if (value === undefined) return 6;
  // Stryker disable next-line ConditionalExpression: Number.isInteger is false for every non-number
  if (typeof value === 'number' && Number.isInteger(value) && value >= 6 && value <= 10) return value;
  throw new OtpError('INVALID_DIGITS', `digits must be an integer from 6 to 10, got ${describe(value)}`);
}

/**
 * Dynamic truncation (RFC 4226 §5.4). The offset is the low nibble of the *last* byte of the
 * HMAC (errata 6756): the RFC text says byte 19, which is only the last byte for SHA-1.
 */
export function truncate(mac: Uint8Array): number {
  const o = mac[mac.length - 1]! & 0x0f;
  return ((mac[o]! & 0x7f) << 24) | (mac[o + 1]! << 16) | (mac[o + 2]! << 8) | mac[o + 3]!;
}

/** Left-pads the code value `value mod 10^digits` with zeros. */
export function formatCode(value: number, digits: number): string {
  return String(value % POW10[digits]!).padStart(digits, '0');
}

/**
 * Parses a candidate token once, before any HMAC is computed: exactly `digits` ASCII digits, or
 * -1. Matching then compares integers, so no string is built per candidate and the comparison
 * does not stop at the first differing digit.
 */
export function tokenValue(token: unknown, digits: number): number {
  if (typeof token !== 'string' || token.length !== digits) return -1;
  let value = 0;
  for (let i = 0; i < digits; i++) {
    const d = token.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

/** Modulus that reduces a truncated value to `digits` digits. */
export function modulusOf(digits: number): number {
  return POW10[digits]!;
}

/**
 * Kernels prepared by `createVerifier`, by the verifier's private copy of the key. A WeakMap
 * keyed by that copy: only the verifier holds the copy, so nothing else can hit the entry, and
 * it is collected with the verifier. Every function computes the same result with or without it.
 */
const PREPARED = /* @__PURE__ */ new WeakMap<Uint8Array, { kernel: OtpKernel }>();

/** Keeps the keyed state of `key` for later calls (see {@link otpGenerator}). */
export function prepareGenerator(algorithm: Algorithm, key: Uint8Array): void {
  // Stryker disable next-line BooleanLiteral: keeping is a cost choice (see otpKernel): the verifier's key copy never changes, so recomputing gives the same states
  PREPARED.set(key, { kernel: otpKernel(algorithm, key, true) });
}

/**
 * The keyed part of the computation, done once per call: returns the kernel of `_kernel.ts`,
 * which maps a run of consecutive counters (from uint32 halves) to their 31-bit truncated
 * values. The HMAC's inner and outer key states are computed here (or taken from a verifier
 * that prepared them); each counter then costs two compressions (shared by four or two
 * candidates with SIMD) and no allocation.
 */
export function otpGenerator(algorithm: unknown, key: Uint8Array): OtpKernel {
  // A verifier's key (see createVerifier) carries its own algorithm: its methods refuse an
  // algorithm option, so `undefined` here means "the prepared one".
  // Stryker disable next-line ConditionalExpression: a prepared kernel gives the same values as a fresh one (a cost choice, both ways); only a verifier holds a prepared key, and it never passes an algorithm
  const prepared = algorithm === undefined ? PREPARED.get(key) : undefined;
  return prepared !== undefined ? prepared.kernel : otpKernel(algorithmName(algorithm), key);
}

/**
 * {@link otpGenerator} for one counter at a time, given as a safe integer (TOTP time steps,
 * RFC 6238 §4.2): the split into uint32 halves is done here, once for every caller.
 */
export function stepGenerator(algorithm: unknown, key: Uint8Array): (step: number) => number {
  const generate = otpGenerator(algorithm, key);
  return (step) => generate(Math.floor(step / TWO_32), step % TWO_32, 1)[0]!;
}
