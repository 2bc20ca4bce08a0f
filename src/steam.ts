/**
 * Steam Guard codes: RFC 6238 TOTP with HMAC-SHA-1 and 30-second steps, whose 31-bit truncated
 * value (RFC 4226 §5.3) is written as 5 symbols of Steam's 26-letter alphabet instead of digits.
 * Steam's documentation is not public; this follows Valve's mobile app as its open re-implementations
 * read it, and is checked against published codes (vectors/steam.json).
 * @module
 */
import { otpGenerator, stepGenerator } from './_otp.ts';
import { driftAfter, gridPoint, scanSteps, type TimeInput, type TotpWindow } from './_time.ts';
import { checkedObject, keyBytes, windowOption } from './_validate.ts';
import type { TotpMatch } from './totp.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';

/** Options of {@link steamGuard}. */
export interface SteamGuardOptions {
  /** The time (default: the current time). */
  now?: TimeInput;
  /** Step length in seconds (default 30, as Steam uses). */
  period?: number;
  /** Unix time in seconds where step 0 begins (default 0, as Steam uses). */
  t0?: number;
}

/** Options of {@link verifySteamGuard}: as {@link SteamGuardOptions}, plus the window. */
export interface VerifySteamGuardOptions extends SteamGuardOptions {
  /** Steps to accept around the expected one: `w` means `{ past: w, future: w }` (default 1). */
  window?: number | TotpWindow;
  /** Steps by which this token is known to run ahead (+) or behind (−). */
  drift?: number;
  /** The last accepted step: every step ≤ `after` is refused. */
  after?: number;
}

/** Steam's code alphabet: 26 symbols, without 0, 1, the vowels, L, S and Z. */
const ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';
/** 26^5: a code holds the truncated value modulo this. */
const STEAM_MODULUS = 26 ** 5;

const GENERATE_OPTIONS = ['now', 'period', 't0'] as const;
const VERIFY_OPTIONS = [...GENERATE_OPTIONS, 'window', 'drift', 'after'] as const;

/**
 * The Steam Guard code for a time: the TOTP step's HMAC-SHA-1, dynamically truncated to 31 bits,
 * then written least significant symbol first in base 26 over `23456789BCDFGHJKMNPQRTVWXY`.
 * @param key - the account's `shared_secret` as bytes (Steam gives it as base64: decode it with
 *   `base64Decode` from `oathkit/encoding`)
 * @param options - `now` (default the current time), `period` (seconds, default 30), `t0`
 * @returns 5 symbols
 * @throws OtpError `INVALID_KEY`, `INVALID_TIME`, `INVALID_PERIOD`, `INVALID_T0`, `INVALID_OPTIONS`
 * @example
 * ```ts
 * import { steamGuard } from 'oathkit/uri';
 * const key = new TextEncoder().encode('1234567890abcdefghij');
 * steamGuard(key, { now: 1469184207_000 }); // 'P2QJN'
 * ```
 */
export function steamGuard(key: Uint8Array, options?: SteamGuardOptions): string {
  const opts = checkedObject(options, GENERATE_OPTIONS);
  const secret = keyBytes(key);
  const { step } = gridPoint(opts);
  // RFC 4226 §5.3's HMAC-SHA-1 and 31-bit dynamic truncation, through the same kernel as TOTP.
  let value = stepGenerator('SHA1', secret)(step);
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += ALPHABET[value % ALPHABET.length]!;
    value = Math.floor(value / ALPHABET.length);
  }
  return code;
}

/**
 * The value a Steam Guard code stands for (the truncated value modulo 26^5), or -1 when it is not
 * exactly 5 symbols of the alphabet. Letters are read in either case.
 */
function steamValue(code: unknown): number {
  if (typeof code !== 'string' || code.length !== 5) return -1;
  let value = 0;
  for (let i = 4; i >= 0; i--) {
    const d = ALPHABET.indexOf(code[i]!.toUpperCase());
    if (d < 0) return -1;
    value = value * 26 + d;
  }
  return value;
}

/**
 * Verifies a Steam Guard code against the steps around now, as {@link verifyTotp} does for digits
 * (nearest first, `drift` re-centres, steps ≤ `after` refused). Symbols are read in either case.
 * @param code - the code typed; anything but 5 symbols of Steam's alphabet is `null`
 * @param key - the `shared_secret` as bytes
 * @param options - `now`, `period`, `t0`, `window` (default 1), `drift` (default 0), `after`
 * @returns `{ delta, step }`, or `null`
 * @throws OtpError for a bad key, time or option (never for a wrong or malformed code)
 * @example
 * ```ts
 * import { verifySteamGuard } from 'oathkit/uri';
 * const key = new TextEncoder().encode('1234567890abcdefghij');
 * verifySteamGuard('P2QJN', key, { now: 1469184207_000 }); // { delta: 0, step: 48972806 }
 * verifySteamGuard('p2qjn', key, { now: 1469184237_000 }); // { delta: -1, step: 48972806 }
 * verifySteamGuard('P2QJM', key, { now: 1469184207_000 }); // null
 * ```
 */
export function verifySteamGuard(code: string, key: Uint8Array, options?: VerifySteamGuardOptions): TotpMatch | null {
  const opts = checkedObject(options, VERIFY_OPTIONS);
  const generate = otpGenerator('SHA1', keyBytes(key));
  const { past, future } = windowOption(opts.window);
  const { drift, after } = driftAfter(opts.drift, opts.after);
  const { step } = gridPoint(opts);
  const wanted = steamValue(code);
  // Stryker disable next-line ConditionalExpression: a malformed code is -1, which no code's value equals: the scan would match nothing, this only spares its HMACs
  if (wanted < 0) return null;
  return scanSteps(generate, STEAM_MODULUS, wanted, step, past, future, drift, after);
}
