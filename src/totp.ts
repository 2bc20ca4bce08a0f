/**
 * TOTP: RFC 6238 §4 (T = floor((now - T0) / X) as the HOTP counter) and §5.2 / §6 (a window of
 * steps around now, re-centred for a drifting token, and refusing a code already used).
 * @module
 */
import { TWO_32 } from './_counter.ts';
import { digitsOption, formatCode, modulusOf, otpGenerator, stepGenerator, tokenValue, WINDOW_CHUNK } from './_otp.ts';
import { integerIn, keyBytes, optionsObject, timeMs, windowOption } from './_validate.ts';
import { OtpError } from './errors.ts';
import type { HotpOptions } from './hotp.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Algorithm, AlgorithmInput } from './_algorithm.ts';
export type { HotpOptions } from './hotp.ts';

/** A point in time: milliseconds since the Unix epoch (as `Date.now()`), or a `Date`. */
export type TimeInput = number | Date;

/** Options that place a time on the TOTP step grid. */
export interface TimeStepOptions {
  /** The time (default: the current time). */
  now?: TimeInput;
  /** Step length X in whole seconds, ≥ 1 (default 30). */
  period?: number;
  /** Unix time T0 in whole seconds where step 0 begins (default 0). */
  t0?: number;
}

/** Options of {@link totp}. */
export interface TotpOptions extends TimeStepOptions, HotpOptions {}

/** A verification window: steps before and after the expected one. */
export interface TotpWindow {
  past: number;
  future: number;
}

/** Options of {@link verifyTotp}. */
export interface VerifyTotpOptions extends TotpOptions {
  /** Steps to accept around the expected one: `w` means `{ past: w, future: w }` (default 1). */
  window?: number | TotpWindow;
  /** Steps by which this token is known to run ahead (+) or behind (−); re-centres the window. */
  drift?: number;
  /** The last accepted step: every step ≤ `after` is refused, so a code cannot be replayed. */
  after?: number;
}

/** A successful TOTP verification. */
export interface TotpMatch {
  /** The matched step minus the current step: negative for an old code, positive for a fast clock. */
  delta: number;
  /** The matched time-step counter: store it and pass it as `after` next time. */
  step: number;
}

/** Where `now` falls on the step grid: its step T and the milliseconds already spent in it. */
interface GridPoint {
  step: number;
  intoStepMs: number;
  periodMs: number;
}

function gridPoint(options: TimeStepOptions): GridPoint {
  const period = integerIn(options.period, 30, 1, 2 ** 32, 'period (seconds)', 'INVALID_PERIOD');
  const t0 = integerIn(options.t0, 0, -8.64e12, 8.64e12, 't0 (seconds)', 'INVALID_T0');
  const elapsed = timeMs(options.now) - t0 * 1000;
  if (elapsed < 0) {
    throw new OtpError('INVALID_TIME', `now lies before t0 (${t0} s): there is no time step yet`);
  }
  if (elapsed > Number.MAX_SAFE_INTEGER) {
    throw new OtpError('INVALID_TIME', 'now − t0 exceeds 2^53-1 milliseconds: move t0 closer to now');
  }
  // Integer arithmetic only: floor(elapsed / periodMs) in floating point can round up to the
  // next step for times a millisecond before a boundary.
  const periodMs = period * 1000;
  const intoStepMs = elapsed % periodMs;
  return { step: (elapsed - intoStepMs) / periodMs, intoStepMs, periodMs };
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
  return gridPoint(optionsObject(options)).step;
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
  const { intoStepMs, periodMs } = gridPoint(optionsObject(options));
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
  const opts = optionsObject(options);
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
  const opts = optionsObject(options);
  const digits = digitsOption(opts.digits);
  const generate = otpGenerator(opts.algorithm, keyBytes(key));
  const { past, future } = windowOption(opts.window);
  const drift = integerIn(opts.drift, 0, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'drift', 'INVALID_DRIFT');
  const after = integerIn(opts.after, -1, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'after', 'INVALID_AFTER');
  const { step: now } = gridPoint(opts);
  const wanted = tokenValue(token, digits);
  if (wanted < 0) return null;
  const modulus = modulusOf(digits);
  const centre = now + drift;
  // The steps that may match: the window, after the last accepted step, on the grid. They are
  // computed in ascending runs (SIMD kernels fill their lanes) and all of them, whatever
  // matches, so the time taken tells nothing of where or whether the token matched. The match
  // kept is the nearest to the centre, the older on a tie (a code typed slowly is the common case).
  const first = Math.max(centre - past, after + 1, 0);
  const last = Math.min(centre + future, Number.MAX_SAFE_INTEGER);
  let nearest = -1;
  let found = 0;
  for (let at = first; at <= last; at += WINDOW_CHUNK) {
    const n = Math.min(WINDOW_CHUNK, last - at + 1);
    const values = generate(Math.floor(at / TWO_32), at % TWO_32, n);
    for (let i = 0; i < n; i++) {
      if (values[i]! % modulus === wanted && (nearest < 0 || Math.abs(at + i - centre) < nearest)) {
        nearest = Math.abs(at + i - centre);
        found = at + i;
      }
    }
  }
  return nearest < 0 ? null : { delta: found - now, step: found };
}
