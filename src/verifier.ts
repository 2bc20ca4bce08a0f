/**
 * A verifier bound to one key: HOTP (RFC 4226) and TOTP (RFC 6238) with the HMAC's keyed inner
 * and outer states (RFC 2104 §2) computed once, at creation, instead of once per call. For a
 * server that checks many codes of the same key, or a client that shows codes every 30 s; the
 * results are those of the plain functions, bit for bit.
 * @module
 */
import { algorithmName, type Algorithm, type AlgorithmInput } from './_algorithm.ts';
import type { Counter } from './_counter.ts';
import { prepareGenerator } from './_otp.ts';
import { checkedObject, describe, keyBytes } from './_validate.ts';
import { OtpError } from './errors.ts';
import { hotp, resyncHotp, verifyHotp, type HotpMatch, type HotpOptions, type VerifyHotpOptions } from './hotp.ts';
import { totp, verifyTotp, type TotpMatch, type TotpOptions, type VerifyTotpOptions } from './totp.ts';

/** Options of {@link createVerifier}. */
export interface VerifierOptions {
  /** HMAC hash, fixed for the verifier's life (default `'SHA1'`). */
  algorithm?: AlgorithmInput;
}

/** The plain functions' options without `algorithm`, which a verifier fixes at creation. */
type Bound<T> = Omit<T, 'algorithm'>;

/** One key's HOTP/TOTP functions; see {@link createVerifier}. */
export interface Verifier {
  /** The hash this verifier uses. */
  readonly algorithm: Algorithm;
  /** {@link hotp} for this key. */
  hotp(counter: Counter, options?: Bound<HotpOptions>): string;
  /** {@link verifyHotp} for this key. */
  verifyHotp(token: string, counter: Counter, options?: Bound<VerifyHotpOptions>): HotpMatch | null;
  /** {@link resyncHotp} for this key. */
  resyncHotp(tokens: readonly [string, string], counter: Counter, options?: Bound<VerifyHotpOptions>): HotpMatch | null;
  /** {@link totp} for this key. */
  totp(options?: Bound<TotpOptions>): string;
  /** {@link verifyTotp} for this key. */
  verifyTotp(token: string, options?: Bound<VerifyTotpOptions>): TotpMatch | null;
}

/**
 * Binds HOTP and TOTP to one key, with the key's HMAC states prepared once. Each call then costs
 * only its candidates (two compressions each): a ±1-step TOTP check does about 40 % less work.
 *
 * The verifier copies the key, so later changes to the caller's array do not affect it, and it
 * holds key-equivalent material (the keyed HMAC states) for as long as it lives: keep it where
 * you would keep the key. It holds no counter or time state; replay protection stays with the
 * caller (`after`, stored counters) exactly as with the plain functions.
 * @param key - the shared secret (non-empty)
 * @param options - `algorithm` (default `'SHA1'`), fixed for the verifier
 * @returns an object with `hotp`, `verifyHotp`, `resyncHotp`, `totp`, `verifyTotp` taking the
 *   same arguments as the plain functions minus `key` and `algorithm`
 * @throws OtpError `INVALID_KEY`, `INVALID_ALGORITHM`, `INVALID_OPTIONS`; the methods throw as the
 *   plain functions do, and `INVALID_OPTIONS` when given an `algorithm`
 * @example
 * ```ts
 * import { createVerifier } from 'oathkit';
 * const key = new TextEncoder().encode('12345678901234567890');
 * const verifier = createVerifier(key);
 * verifier.hotp(0); // '755224'
 * verifier.verifyHotp('969429', 0, { window: 5 }); // { delta: 3 }
 * verifier.verifyTotp('287082', { now: 59_000 }); // { delta: 0, step: 1 }
 * ```
 */
export function createVerifier(key: Uint8Array, options?: VerifierOptions): Verifier {
  const algorithm = algorithmName(checkedObject(options, ['algorithm']).algorithm);
  const own = keyBytes(key).slice();
  prepareGenerator(algorithm, own);
  /**
   * The caller's options, passed on as they are (no copy: this is the hot path). The prepared key
   * stands for the verifier's algorithm, so an `algorithm` of the caller's own is misuse.
   */
  const bind = <T extends object>(opts: T | undefined): T | undefined => {
    // The plain function checks the options' shape and keys; only `algorithm` is refused here.
    const given = typeof opts === 'object' && opts !== null ? (opts as { algorithm?: unknown }) : {};
    if (given.algorithm !== undefined) {
      throw new OtpError('INVALID_OPTIONS', `this verifier's algorithm is fixed at creation (${algorithm}); got algorithm ${describe(given.algorithm)}`);
    }
    return opts;
  };
  return Object.freeze({
    algorithm,
    hotp: (counter: Counter, opts?: Bound<HotpOptions>) => hotp(own, counter, bind(opts)),
    verifyHotp: (token: string, counter: Counter, opts?: Bound<VerifyHotpOptions>) => verifyHotp(token, own, counter, bind(opts)),
    resyncHotp: (tokens: readonly [string, string], counter: Counter, opts?: Bound<VerifyHotpOptions>) => resyncHotp(tokens, own, counter, bind(opts)),
    totp: (opts?: Bound<TotpOptions>) => totp(own, bind(opts)),
    verifyTotp: (token: string, opts?: Bound<VerifyTotpOptions>) => verifyTotp(token, own, bind(opts)),
  });
}
