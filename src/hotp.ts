/**
 * HOTP: RFC 4226 §5 (generation), §7.2 (look-ahead verification) and §7.4 (resynchronization).
 * @module
 */
import type { AlgorithmInput } from './_algorithm.ts';
import { counterWords, TWO_32, type Counter } from './_counter.ts';
import { digitsOption, formatCode, modulusOf, otpGenerator, tokenValue, WINDOW_CHUNK } from './_otp.ts';
import { checkedObject, integerIn, keyBytes, MAX_WINDOW } from './_validate.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Algorithm, AlgorithmInput } from './_algorithm.ts';
export type { Counter } from './_counter.ts';

/** Options shared by every HOTP function. */
export interface HotpOptions {
  /** Code length, 6 … 10 (default 6). */
  digits?: number;
  /** HMAC hash (default `'SHA1'`). */
  algorithm?: AlgorithmInput;
}

/** Options of {@link verifyHotp} and {@link resyncHotp}. */
export interface VerifyHotpOptions extends HotpOptions {
  /** How many counters past `counter` to also try (look-ahead). */
  window?: number;
}

/** The option names each function reads; any other is misuse. */
const HOTP_OPTIONS = ['digits', 'algorithm'] as const;
const WINDOW_OPTIONS = ['window', 'digits', 'algorithm'] as const;

/** A successful verification: the match was at `counter + delta`. */
export interface HotpMatch {
  /** Counters ahead of the expected one: store `counter + delta + 1`. */
  delta: number;
}

/**
 * Generates the HOTP code for one counter value (RFC 4226 §5.3).
 * @param key - the shared secret (any non-empty length)
 * @param counter - 0 … 2^64-1: a `number` up to 2^53-1, or a `bigint`
 * @param options - `digits` (6 … 10, default 6), `algorithm` (default SHA1)
 * @returns the code, zero-padded to `digits`
 * @throws OtpError `INVALID_KEY`, `INVALID_COUNTER`, `INVALID_DIGITS`, `INVALID_ALGORITHM`, `INVALID_OPTIONS`
 * @example
 * ```ts
 * import { hotp } from 'oathkit/hotp';
 * const key = new TextEncoder().encode('12345678901234567890');
 * hotp(key, 0); // '755224' (RFC 4226 Appendix D)
 * hotp(key, 2n ** 64n - 1n, { digits: 8, algorithm: 'SHA256' });
 * ```
 */
export function hotp(key: Uint8Array, counter: Counter, options?: HotpOptions): string {
  const opts = checkedObject(options, HOTP_OPTIONS);
  const digits = digitsOption(opts.digits);
  const generate = otpGenerator(opts.algorithm, keyBytes(key));
  const { hi, lo } = counterWords(counter);
  return formatCode(generate(hi, lo, 1)[0]!, digits);
}

/**
 * The look-ahead scan shared by verification and resynchronization: calls `visit(i, code)` with
 * the truncated-and-reduced code of `counter + i` for i = 0 … count-1, stopping early when `visit`
 * returns true or when the counter would pass 2^64-1 (the window never wraps to 0).
 * Validation happens before the first HMAC; the keyed state is computed once. The kernel
 * computes runs of 4, 8, 16, … counters (up to WINDOW_CHUNK): a match near the start, the
 * common case, costs about one SIMD group, and a long look-ahead fills the SIMD lanes. How many
 * candidates are computed depends only on where the first match is, never on the token's digits.
 */
function scan(
  key: Uint8Array,
  counter: Counter,
  { algorithm, digits }: { algorithm: unknown; digits: number },
  count: number,
  visit: (i: number, code: number) => boolean,
): void {
  const generate = otpGenerator(algorithm, keyBytes(key));
  const modulus = modulusOf(digits);
  let { hi, lo } = counterWords(counter);
  // Stryker disable next-line MethodExpression,ArithmeticOperator: how the runs grow is a cost choice only: every counter 0 … count-1 is visited in order, whatever the run sizes
  for (let i = 0, run = 4; i < count; run = Math.min(2 * run, WINDOW_CHUNK)) {
    const n = Math.min(run, count - i);
    const values = generate(hi, lo, n);
    for (let j = 0; j < n; j++, i++) {
      if (visit(i, values[j]! % modulus)) return;
      if (++lo === TWO_32) {
        lo = 0;
        if (++hi === TWO_32) return; // counter 2^64-1 was the last one
      }
    }
  }
}

/** The options of a window scan, validated: window (with its default), digits, algorithm. */
function windowOptions(options: VerifyHotpOptions | undefined, defaultWindow: number) {
  const { window, digits, algorithm } = checkedObject(options, WINDOW_OPTIONS);
  return {
    window: integerIn(window, defaultWindow, 0, MAX_WINDOW, 'window', 'INVALID_WINDOW'),
    digits: digitsOption(digits),
    algorithm,
  };
}

/**
 * Verifies an HOTP code against `counter … counter + window` (RFC 4226 §7.2). Only forward:
 * a code for a counter before `counter` never matches, so a used code cannot be replayed.
 * @param token - the code the user typed; anything but exactly `digits` ASCII digits is `null`
 * @param key - the shared secret
 * @param counter - the next expected counter (as stored after the last success)
 * @param options - `window` (look-ahead, 0 … 100000, default 0), `digits`, `algorithm`
 * @returns `{ delta }` for the first match at `counter + delta`, or `null`. Store
 *   `counter + delta + 1` as the next counter.
 * @throws OtpError for a bad key, counter or option (never for a wrong or malformed token)
 * @example
 * ```ts
 * import { verifyHotp } from 'oathkit/hotp';
 * const key = new TextEncoder().encode('12345678901234567890');
 * verifyHotp('969429', key, 0, { window: 5 }); // { delta: 3 }
 * verifyHotp('000000', key, 0, { window: 5 }); // null
 * ```
 */
export function verifyHotp(token: string, key: Uint8Array, counter: Counter, options?: VerifyHotpOptions): HotpMatch | null {
  const opts = windowOptions(options, 0);
  const wanted = tokenValue(token, opts.digits);
  let match: HotpMatch | null = null;
  // Stryker disable next-line ConditionalExpression: a malformed code is -1, which no code's value equals: the scan would match nothing, this only spares its HMACs
  scan(key, counter, opts, wanted < 0 ? 0 : opts.window + 1, (delta, code) => {
    if (code !== wanted) return false;
    match = { delta };
    return true;
  });
  return match;
}

/**
 * Resynchronizes a counter from two consecutive codes (RFC 4226 §7.4): finds the smallest
 * `delta` in `0 … window` such that `tokens[0]` is the code of `counter + delta` and `tokens[1]`
 * that of `counter + delta + 1`. Two codes in a row make a chance match over a wide window
 * about 10^digits times less likely than one code would.
 * @param tokens - two consecutive codes, oldest first; anything malformed gives `null`
 * @param key - the shared secret
 * @param counter - the next expected counter
 * @param options - `window` (0 … 100000, default 100), `digits`, `algorithm`
 * @returns `{ delta }`, or `null`. Store `counter + delta + 2` as the next counter.
 * @throws OtpError for a bad key, counter or option (never for wrong or malformed tokens)
 * @example
 * ```ts
 * import { resyncHotp } from 'oathkit/hotp';
 * const key = new TextEncoder().encode('12345678901234567890');
 * resyncHotp(['399871', '520489'], key, 0); // { delta: 8 }
 * ```
 */
export function resyncHotp(tokens: readonly [string, string], key: Uint8Array, counter: Counter, options?: VerifyHotpOptions): HotpMatch | null {
  const opts = windowOptions(options, 100);
  const { window } = opts;
  const ok = Array.isArray(tokens) && tokens.length === 2;
  // Stryker disable next-line UnaryOperator: alone, +1 changes nothing: the other code is still -1, so no counter is scanned
  const first = ok ? tokenValue(tokens[0], opts.digits) : -1;
  // Stryker disable next-line UnaryOperator: as above
  const second = ok ? tokenValue(tokens[1], opts.digits) : -1;
  let match: HotpMatch | null = null;
  // One HMAC per counter: remember whether the previous counter matched the first code.
  let previousMatched = false;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a malformed code is -1, which no code's value equals: the scan would match nothing, this only spares its HMACs
  scan(key, counter, opts, first < 0 || second < 0 ? 0 : window + 2, (i, code) => {
    if (previousMatched && code === second) {
      match = { delta: i - 1 };
      return true;
    }
    previousMatched =
      // Stryker disable next-line ConditionalExpression: i = window + 1 is the last counter scanned: what it sets is never read
      i <= window && code === first;
    return false;
  });
  return match;
}
