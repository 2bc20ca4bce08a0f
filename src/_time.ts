/**
 * The time-step grid of RFC 6238 §4.2 (T = floor((now − T0) / X)) and the window scan of §5.2/§6
 * (steps around T, re-centred for a drifting token, refusing steps already used), shared by TOTP,
 * Steam Guard, OCRA's T input and token state. Integer arithmetic only.
 * @module
 */
import { TWO_32 } from './_counter.ts';
import { WINDOW_CHUNK, type OtpKernel } from './_kernel.ts';
import { integerIn, MAX_WINDOW, timeMs } from './_validate.ts';
import { OtpError } from './errors.ts';

/** A point in time: milliseconds since the Unix epoch (as `Date.now()`), or a `Date`. */
export type TimeInput = number | Date;

/** Options that place a time on the step grid. */
export interface TimeStepOptions {
  /** The time (default: the current time). */
  now?: TimeInput;
  /** Step length X in whole seconds, ≥ 1 (default 30). */
  period?: number;
  /** Unix time T0 in whole seconds where step 0 begins (default 0). */
  t0?: number;
}

/** A verification window: steps before and after the expected one. */
export interface TotpWindow {
  /** Steps before the expected one. */
  past: number;
  /** Steps after the expected one. */
  future: number;
}

/** The largest |t0| in seconds (a Date's range). */
export const MAX_T0 = 8.64e12;

/** Where `now` falls on the step grid: its step T and the milliseconds already spent in it. */
export interface GridPoint {
  step: number;
  intoStepMs: number;
  periodMs: number;
}

/**
 * Places `now` on the grid of `period` and `t0` (validated here).
 * @throws OtpError `INVALID_TIME` (also when now < t0), `INVALID_PERIOD`, `INVALID_T0`
 */
export function gridPoint(options: TimeStepOptions): GridPoint {
  const period = integerIn(options.period, 30, 1, 2 ** 32, 'period (seconds)', 'INVALID_PERIOD');
  const t0 = integerIn(options.t0, 0, -MAX_T0, MAX_T0, 't0 (seconds)', 'INVALID_T0');
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
 * The largest |drift| in steps: twice the widest window (token state's replay check reaches its
 * largest drift plus a window). Far past any real clock, and every step computed from it (now ≤
 * 2^53 / 1000, ± drift, ± window) stays an exact integer, where now + drift near 2^53 would round.
 */
export const MAX_DRIFT_STEPS = 2 * MAX_WINDOW;

/** `drift` and `after` of a window scan, validated (defaults 0 and -1: nothing used yet). */
export function driftAfter(drift: unknown, after: unknown): { drift: number; after: number } {
  return {
    drift: integerIn(drift, 0, -MAX_DRIFT_STEPS, MAX_DRIFT_STEPS, 'drift', 'INVALID_DRIFT'),
    after: integerIn(after, -1, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'after', 'INVALID_AFTER'),
  };
}

/** A match in a window of time steps. */
export interface StepMatch {
  /** The matched step minus the current step: negative for an old code, positive for a fast clock. */
  delta: number;
  /** The matched time-step counter: store it and pass it as `after` next time. */
  step: number;
}

/**
 * Scans the steps `now + drift − past … now + drift + future` (skipping every step ≤ `after` and
 * every step outside 0 … 2^53-1) for the code `wanted`: all of them, in ascending runs of up to
 * WINDOW_CHUNK consecutive steps (the kernel fills SIMD lanes with them), whatever matches, so the
 * time taken tells nothing of where or whether it matched. The match kept is the nearest to the
 * centre, the older on a tie (a code typed slowly is the common case).
 * @param generate - the kernel: a run of `count` counters from uint32 halves to truncated values
 * @param modulus - what a truncated value is reduced by (10^digits, 26^5 for Steam Guard)
 */
export function scanSteps(
  generate: OtpKernel,
  modulus: number,
  wanted: number,
  now: number,
  past: number,
  future: number,
  drift: number,
  after: number,
): StepMatch | null {
  const centre = now + drift;
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
