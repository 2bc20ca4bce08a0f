/**
 * Steam Guard codes: RFC 6238 TOTP with HMAC-SHA-1 and 30-second steps, whose 31-bit truncated
 * value (RFC 4226 §5.3) is written as 5 symbols of Steam's 26-letter alphabet instead of digits.
 * Steam's documentation is not public; this follows Valve's mobile app as its open re-implementations
 * read it, and is checked against published codes (vectors/steam.json).
 * @module
 */
import { stepGenerator } from './_otp.ts';
import { timeStep, type TimeInput } from './totp.ts';
import { keyBytes, optionsObject } from './_validate.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';

/** Options of {@link steamGuard}. */
export interface SteamGuardOptions {
  /** The time (default: the current time). */
  now?: TimeInput;
  /** Step length in seconds (default 30, as Steam uses). */
  period?: number;
}

/** Steam's code alphabet: 26 symbols, without 0, 1, the vowels, L, S and Z. */
const ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/**
 * The Steam Guard code for a time: the TOTP step's HMAC-SHA-1, dynamically truncated to 31 bits,
 * then written least significant symbol first in base 26 over `23456789BCDFGHJKMNPQRTVWXY`.
 * @param key - the account's `shared_secret` as bytes (Steam gives it as base64: decode it with
 *   `base64Decode` from `oathkit/encoding`)
 * @param options - `now` (default the current time), `period` (seconds, default 30)
 * @returns 5 symbols
 * @throws OtpError `INVALID_KEY`, `INVALID_TIME`, `INVALID_PERIOD`, `INVALID_OPTIONS`
 * @example
 * ```ts
 * import { steamGuard } from 'oathkit/uri';
 * const key = new TextEncoder().encode('1234567890abcdefghij');
 * steamGuard(key, { now: 1469184207_000 }); // 'P2QJN'
 * ```
 */
export function steamGuard(key: Uint8Array, options?: SteamGuardOptions): string {
  const opts = optionsObject(options);
  const secret = keyBytes(key);
  const step = timeStep({ now: opts.now, period: opts.period });
  // RFC 4226 §5.3's HMAC-SHA-1 and 31-bit dynamic truncation, through the same kernel as TOTP.
  let value = stepGenerator('SHA1', secret)(step);
  let code = '';
  for (let i = 0; i < 5; i++) {
    code += ALPHABET[value % ALPHABET.length]!;
    value = Math.floor(value / ALPHABET.length);
  }
  return code;
}
