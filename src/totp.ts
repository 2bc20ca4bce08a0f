/**
 * TOTP: RFC 6238 §4 (T = floor((now - T0) / X) as the HOTP counter) and §5.2 / §6 (a window of
 * steps around now, re-centred for a drifting token, and refusing a code already used).
 * @module
 */
import { digitsOption, formatCode, modulusOf, otpGenerator, stepGenerator, tokenValue } from './_otp.ts';
import { driftAfter, gridPoint, scanSteps, type StepMatch, type TimeStepOptions, type TotpWindow } from './_time.ts';
import { checkedObject, keyBytes, windowOption } from './_validate.ts';
import type { HotpOptions } from './hotp.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Algorithm, AlgorithmInput } from './_algorithm.ts';
export type { HotpOptions } from './hotp.ts';
export type { TimeInput, TimeStepOptions, TotpWindow } from './_time.ts';

/** Options of {@link totp}. */
export interface TotpOptions extends TimeStepOptions, HotpOptions {}

/** Options of {@link verifyTotp}. */
export interface VerifyTotpOptions extends TotpOptions {
  /** Steps to accept around the expected one: `w` means `{ past: w, future: w }` (default 1). */
  window?: number | TotpWindow;
  /** Steps by which this token is known to run ahead (+) or behind (−), −200000 … 200000; re-centres the window. */
  drift?: number;
  /** The last accepted step: every step ≤ `after` is refused, so a code cannot be replayed. */
  after?: number;
}

/** The option names each function reads; any other is misuse. */
const GRID_OPTIONS = ['now', 'period', 't0'] as const;
const TOTP_OPTIONS = [...GRID_OPTIONS, 'digits', 'algorithm'] as const;
const VERIFY_OPTIONS = [...TOTP_OPTIONS, 'window', 'drift', 'after'] as const;

/** A successful TOTP (or Steam Guard) verification. */
export interface TotpMatch extends StepMatch {
  /** The matched step minus the current step: negative for an old code, positive for a fast clock. */
  delta: number;
  /** The matched time-step counter: store it and pass it as `after` next time. */
  step: number;
}

/**
 * The time-step counter T = floor((now − T0) / period) of RFC 6238 §4.2.
 * @param options - `now` (default the current time), `period` (default 30), `t0` (default 0)
 * @returns T, a non-negative integer
 * @throws OtpError `INVALID_TIME` (also when now < t0), `INVALID_PERIOD`, `INVALID_T0`
 * @example
 * ```ts
 * import { timeStep } from 'oathkit/totp';
 * timeStep({ now: 59_000 }); // 1
 * timeStep({ now: new Date('2033-05-18T03:33:20Z'), period: 60 }); // 33333333
 * ```
 */
export function timeStep(options?: TimeStepOptions): number {
  return gridPoint(checkedObject(options, GRID_OPTIONS)).step;
}

/**
 * Seconds until the current code expires, in (0, period], to the millisecond.
 * @param options - `now`, `period`, `t0` as for {@link timeStep}
 * @returns the remaining seconds; `Math.ceil` it for a countdown display
 * @throws OtpError as {@link timeStep}
 * @example
 * ```ts
 * import { secondsRemaining } from 'oathkit/totp';
 * secondsRemaining({ now: 59_000 }); // 1
 * secondsRemaining({ now: 60_250 }); // 29.75
 * ```
 */
export function secondsRemaining(options?: TimeStepOptions): number {
  const { intoStepMs, periodMs } = gridPoint(checkedObject(options, GRID_OPTIONS));
  return (periodMs - intoStepMs) / 1000;
}

/**
 * Generates the TOTP code for a time (RFC 6238 §4).
 * @param key - the shared secret (any non-empty length)
 * @param options - `now`, `period` (s, default 30), `t0` (s, default 0), `digits` (default 6),
 *   `algorithm` (default SHA1)
 * @returns the code, zero-padded to `digits`
 * @throws OtpError `INVALID_KEY`, `INVALID_TIME`, `INVALID_PERIOD`, `INVALID_T0`, `INVALID_DIGITS`,
 *   `INVALID_ALGORITHM`, `INVALID_OPTIONS`
 * @example
 * ```ts
 * import { totp } from 'oathkit/totp';
 * import { base32Decode } from 'oathkit/encoding';
 * const key = base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
 * totp(key, { now: 59_000, digits: 8 }); // '94287082' (RFC 6238 Appendix B)
 * totp(key); // the code for the current time
 * ```
 */
export function totp(key: Uint8Array, options?: TotpOptions): string {
  const opts = checkedObject(options, TOTP_OPTIONS);
  const digits = digitsOption(opts.digits);
  const generate = stepGenerator(opts.algorithm, keyBytes(key));
  const { step } = gridPoint(opts);
  return formatCode(generate(step), digits);
}

/**
 * Verifies a TOTP code against the steps `T + drift − past … T + drift + future`, skipping every
 * step ≤ `after`. The match nearest the expected step wins, the older one on a tie (as if tried
 * in the order: the expected step, one back, one ahead, two back, …). Every step of the window is
 * computed, whatever matches, so the time taken does not reveal where the token matched.
 * @param token - the code the user typed; anything but exactly `digits` ASCII digits is `null`
 * @param key - the shared secret
 * @param options - as {@link totp}, plus `window` (default 1), `drift` (default 0) and `after`
 * @returns `{ delta, step }` or `null`. Store `step` and pass it as `after` next time; a drifting
 *   token can be re-centred by storing `delta` as its `drift`.
 * @throws OtpError for a bad key, time or option (never for a wrong or malformed token)
 * @example
 * ```ts
 * import { verifyTotp } from 'oathkit/totp';
 * const key = new TextEncoder().encode('12345678901234567890');
 * verifyTotp('94287082', key, { now: 59_000, digits: 8 }); // { delta: 0, step: 1 }
 * verifyTotp('94287082', key, { now: 89_000, digits: 8 }); // { delta: -1, step: 1 }
 * verifyTotp('94287082', key, { now: 89_000, digits: 8, after: 1 }); // null: already used
 * ```
 */
export function verifyTotp(token: string, key: Uint8Array, options?: VerifyTotpOptions): TotpMatch | null {
  const opts = checkedObject(options, VERIFY_OPTIONS);
  const digits = digitsOption(opts.digits);
  const generate = otpGenerator(opts.algorithm, keyBytes(key));
  const { past, future } = windowOption(opts.window);
  const { drift, after } = driftAfter(opts.drift, opts.after);
  const { step: now } = gridPoint(opts);
  const wanted = tokenValue(token, digits);
  // Stryker disable next-line ConditionalExpression: a malformed code is -1, which no code's value equals: the scan would match nothing, this only spares its HMACs
  if (wanted < 0) return null;
  const modulus = modulusOf(digits);
  return scanSteps(generate, modulus, wanted, now, past, future, drift, after);
}
