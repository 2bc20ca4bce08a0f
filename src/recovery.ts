/**
 * Recovery codes: one-time backup codes for when the authenticator is lost. Random Crockford
 * base32 codes from the platform CSPRNG, stored only as HMAC-SHA-256 (RFC 2104) hashes under a
 * per-set salt, consumed at most once by pure transitions with token state's throttling
 * (RFC 4226 §7.3); and RFC 4226 Appendix A's arithmetic of an attacker's odds, for OTP policies
 * and recovery sets alike.
 * @module
 */
import { randomBytes } from './_bytes.ts';
import { CROCKFORD, symbolValue, writeSymbols } from './_crockford.ts';
import { hmacSha256 } from './_hmac-sha256.ts';
import {
  formatSet,
  matchIndex,
  MAX_RECOVERY_BITS,
  MAX_RECOVERY_CODES,
  MIN_RECOVERY_BITS,
  newSet,
  parseSet,
  SALT_BYTES,
  type ParsedSet,
  type RecoverySet,
} from './_recovery-format.ts';
import { failed, guessesWithin, isLocked, nextSeq, policyOf, succeeded, type Throttle, type ThrottlePolicy } from './_throttle.ts';
import { checkedObject, describe, integerIn, MAX_TIME_MS, MAX_WINDOW, timeMs, windowOption } from './_validate.ts';
import { OtpError } from './errors.ts';
import type { TimeInput, TotpWindow } from './_time.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';
export type { ThrottlePolicy } from './_throttle.ts';
export type { TimeInput, TotpWindow } from './_time.ts';
export { MAX_RECOVERY_BITS, MAX_RECOVERY_CODES, MIN_RECOVERY_BITS, type RecoverySet } from './_recovery-format.ts';

/** The longest input {@link useRecoveryCode} reads (a 160-bit code with separators is 39 characters). */
export const MAX_RECOVERY_INPUT = 256;

/** Options of {@link generateRecoveryCodes} and {@link regenerateRecoveryCodes}. */
export interface GenerateRecoveryOptions {
  /** How many codes, 1 … 100 (default 10; on regeneration, as many as the old set had). */
  count?: number;
  /**
   * Random bits per code, 80 … 160, rounded up to whole symbols of 5 bits (default 80: 16
   * symbols; on regeneration, the old set's).
   */
  bits?: number;
}

/** Codes to show the user once, and the set to store. */
export interface RecoveryCodes {
  /** The codes, upper-case Crockford base32 in groups of four joined by hyphens. Never stored. */
  codes: string[];
  /** What to store: salted hashes only. */
  set: RecoverySet;
}

/** Options of {@link useRecoveryCode}. */
export interface UseRecoveryOptions {
  /** The time of the attempt (default: the current time). Locks are measured against it. */
  now?: TimeInput;
  /** Throttling policy, as token state's (defaults: 5 failures, then 30 s, doubling up to 1 h). */
  policy?: ThrottlePolicy;
}

/** Why {@link useRecoveryCode} answered as it did. */
export type RecoveryReason = 'accepted' | 'wrong' | 'used' | 'locked';

/** The outcome of {@link useRecoveryCode}: store `set` whenever its `seq` differs from the input's. */
export type RecoveryResult =
  | {
      /** The code was accepted. */
      ok: true;
      /** Why. */
      reason: 'accepted';
      /** The set to store: the code is marked used. */
      set: RecoverySet;
    }
  | {
      /** The input was refused. */
      ok: false;
      /** Why: no code of the set (or malformed), a code already used, or a lock running. */
      reason: 'wrong' | 'used' | 'locked';
      /** The set to store (unchanged for `used` and `locked`). */
      set: RecoverySet;
    };

/** The attack both kinds of policy describe: how long, and the throttle it meets. */
export interface GuessingPolicyBase extends ThrottlePolicy {
  /** How long the attack lasts, in ms from a fresh state (default one day, 86,400,000). */
  durationMs?: number;
}

/** An HOTP login: `digits`-digit codes, `window + 1` codes accepted per guess. */
export interface HotpGuessingPolicy extends GuessingPolicyBase {
  /** An HOTP login. */
  kind: 'hotp';
  /** Digits per code, 1 … 10 (default 6; codes have 6 … 10, fewer is for what-if arithmetic). */
  digits?: number;
  /** The look-ahead, as `authenticate` takes it (default 10): `window + 1` codes accepted. */
  window?: number;
}

/** A TOTP login: `digits`-digit codes, `past + future + 1` codes accepted per guess. */
export interface TotpGuessingPolicy extends GuessingPolicyBase {
  /** A TOTP login. */
  kind: 'totp';
  /** Digits per code, 1 … 10 (default 6; codes have 6 … 10, fewer is for what-if arithmetic). */
  digits?: number;
  /** Steps each side or `{ past, future }`, as `authenticate` takes it (default 1). */
  window?: number | TotpWindow;
}

/** An OTP login. */
export type OtpGuessingPolicy = HotpGuessingPolicy | TotpGuessingPolicy;

/** A recovery set: `count` unused codes of `bits` random bits each. */
export interface RecoveryGuessingPolicy extends GuessingPolicyBase {
  /** A recovery set. */
  kind: 'recovery';
  /** Random bits per code, 1 … 160 (default 80; sets have 80 … 160, fewer is for what-if arithmetic). */
  bits?: number;
  /** Unused codes, 1 … 100 and at most 2^bits (default 10). */
  count?: number;
}

/** What {@link guessingOdds} takes. */
export type GuessingPolicy = OtpGuessingPolicy | RecoveryGuessingPolicy;

const GENERATE_KEYS: readonly string[] = /* @__PURE__ */ Object.freeze(['count', 'bits']);
const USE_KEYS: readonly string[] = /* @__PURE__ */ Object.freeze(['now', 'policy']);
const THROTTLE_KEYS = ['maxFailures', 'lockMs', 'maxLockMs', 'durationMs'] as const;
const ODDS_KEYS: Readonly<Record<GuessingPolicy['kind'], readonly string[]>> = /* @__PURE__ */ Object.freeze({
  hotp: Object.freeze(['kind', 'digits', 'window', ...THROTTLE_KEYS]),
  totp: Object.freeze(['kind', 'digits', 'window', ...THROTTLE_KEYS]),
  recovery: Object.freeze(['kind', 'bits', 'count', ...THROTTLE_KEYS]),
});
const DAY_MS = 86_400_000;
const FRESH: Throttle = /* @__PURE__ */ Object.freeze({ seq: 0, failures: 0, lockMs: 0, lockedUntil: 0 });
const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));

/**
 * Draws the salt, then the codes, one random byte per symbol (its low 5 bits: 256 is a multiple of
 * 32, so every symbol is uniform), and hashes each code under the salt. A code equal to an earlier
 * one (chance about count²/2^81) is drawn again, so the codes of a set are distinct.
 */
function draw(
  throttle: Throttle,
  fallback: { count: number; bits: number },
  options: GenerateRecoveryOptions | undefined,
): { codes: string[]; set: ParsedSet } {
  const opts = checkedObject(options, GENERATE_KEYS);
  const count = integerIn(opts.count, fallback.count, 1, MAX_RECOVERY_CODES, 'count', 'INVALID_OPTIONS');
  const wanted = integerIn(opts.bits, fallback.bits, MIN_RECOVERY_BITS, MAX_RECOVERY_BITS, 'bits', 'INVALID_OPTIONS');
  const symbols = Math.ceil(wanted / 5);
  const salt = randomBytes(SALT_BYTES);
  const canonical: string[] = [];
  const codes: string[] = [];
  while (codes.length < count) {
    const values = randomBytes(symbols).map((b) => b & 31);
    const text = writeSymbols(values, symbols);
    if (canonical.includes(text)) continue;
    canonical.push(text);
    codes.push(writeSymbols(values, 4));
  }
  const hashes = canonical.map((text) => hmacSha256(salt, ascii(text)));
  return { codes, set: newSet(throttle, symbols * 5, salt, hashes) };
}

/**
 * Makes a new set of recovery codes from the platform's CSPRNG (`crypto.getRandomValues`). Show
 * `codes` to the user once and store `set`: it holds a per-set random salt and the HMAC-SHA-256 of
 * each code under it, never a code. A code of 80 random bits or more cannot be found from its hash
 * by trying (2^80 / count HMACs on average), so a fast keyed hash is enough; a slow password hash
 * would only slow down logins (see docs/recovery-codes.md).
 * @param options - `count` (1 … 100, default 10), `bits` (80 … 160, default 80; rounded up to a
 *   multiple of 5)
 * @returns `{ codes, set }`: codes such as `'7M2Q-XK4D-9TAV-0RNB'`, and the set to store
 * @throws OtpError `INVALID_OPTIONS` for a count or bits out of range or an unknown option; an
 *   Error when the platform has no `crypto.getRandomValues`
 * @example
 * ```ts
 * import { generateRecoveryCodes, remainingRecoveryCodes } from 'oathkit/recovery';
 * const { codes, set } = generateRecoveryCodes();
 * codes.length; // 10
 * /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/.test(codes[0]); // true
 * remainingRecoveryCodes(set); // 10
 * generateRecoveryCodes({ count: 12, bits: 100 }).codes[0].length; // 24
 * ```
 */
export function generateRecoveryCodes(options?: GenerateRecoveryOptions): RecoveryCodes {
  const { codes, set } = draw(FRESH, { count: 10, bits: MIN_RECOVERY_BITS }, options);
  return { codes, set: formatSet(set) };
}

/**
 * Replaces a user's set with a new one: new salt, new codes, none used; every code of the old set
 * is `wrong` on the new one. Store the new set in place of the old with the same compare-and-set
 * as a login. `seq` continues from the old set's, so a login that read the old set cannot write
 * over the new one (with a fresh set's `seq` 0 it could, whenever the old set was also at 0), and
 * the throttle fields carry over: a running lock keeps running, because a lock limits how fast an
 * attacker may guess, whichever codes are stored.
 * @param set - the stored set (validated in full)
 * @param options - `count` and `bits`, by default those of the old set
 * @returns `{ codes, set }` as {@link generateRecoveryCodes}
 * @throws OtpError `INVALID_RECOVERY_SET`, `INVALID_OPTIONS`
 * @example
 * ```ts
 * import { generateRecoveryCodes, regenerateRecoveryCodes, useRecoveryCode } from 'oathkit/recovery';
 * const first = generateRecoveryCodes({ count: 8 });
 * const second = regenerateRecoveryCodes(first.set);
 * [second.codes.length, second.set.seq]; // [8, 1]
 * useRecoveryCode(second.set, first.codes[0]).reason; // 'wrong'
 * ```
 */
export function regenerateRecoveryCodes(set: RecoverySet, options?: GenerateRecoveryOptions): RecoveryCodes {
  const old = parseSet(set);
  const throttle = { seq: old.seq, failures: old.failures, lockMs: old.lockMs, lockedUntil: old.lockedUntil };
  const { codes, set: next } = draw(throttle, { count: old.hashes.length, bits: old.bits }, options);
  return { codes, set: formatSet({ ...next, seq: nextSeq(old.seq) }) };
}

/**
 * The code as hashed: its symbols upper-case without separators, with Crockford's readings
 * O → 0 and I, L → 1 (https://www.crockford.com/base32.html). Only spaces and hyphens are
 * skipped; any other character (U, tabs, look-alike Unicode) makes the input malformed: null.
 */
function canonicalCode(input: unknown, symbols: number): string | null {
  if (typeof input !== 'string') return null;
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 32 || c === 45) continue;
    const v = symbolValue(c);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: without it a non-symbol adds CROCKFORD[-1] ('undefined', lower case) and a long text is refused below: no stored hash matches either, this only spares the HMAC
    if (v < 0 || out.length === symbols) return null;
    out += CROCKFORD[v];
  }
  // Stryker disable next-line ConditionalExpression: a text of another length hashes to no stored hash: this only spares the HMAC
  return out.length === symbols ? out : null;
}

/**
 * Checks a recovery code against a stored set and returns the set to store next. It never
 * changes its input.
 *
 * - `accepted`: the code is one of the set's and unused; it is marked used, failures and lock
 *   are cleared.
 * - `wrong`: no code of the set, or malformed. One more failure; at `policy.maxFailures` a lock
 *   starts, as in token state.
 * - `used`: the code was accepted before. Not a failure, nothing changes (usually the user's
 *   own second submit). Show it to the user as `wrong` or as "already used", your choice.
 * - `locked`: a lock is running at `now`. The input is not even looked at; nothing changes.
 *
 * The input is read case-insensitively, spaces and hyphens anywhere are ignored, and O is read as
 * 0, I and L as 1 (Crockford base32); nothing else is corrected. The input's one HMAC is compared
 * with every stored hash, used or not, in full: the time does not depend on which code matched or
 * how much of it did. Many servers must store the result with compare-and-set on `seq` (see
 * docs/token-state.md), or two of them can accept the same code.
 * @param set - the stored set (validated in full on every call)
 * @param input - what the user typed; anything that is not a code of the set is `wrong`
 * @param options - `now`, `policy` (as token state's)
 * @returns `{ ok, reason, set }`: store `set` when its `seq` differs from the input's
 * @throws OtpError `INVALID_RECOVERY_SET` for a set that is corrupt, edited or of another format
 *   version; `INVALID_POLICY`, `INVALID_TIME`, `INVALID_OPTIONS`; `INPUT_TOO_LONG` for an input
 *   over 256 characters (checked even while locked). Never for a wrong or malformed code.
 * @example
 * ```ts
 * import { generateRecoveryCodes, useRecoveryCode } from 'oathkit/recovery';
 * const { codes, set } = generateRecoveryCodes();
 * const first = useRecoveryCode(set, codes[3].toLowerCase().replaceAll('-', ' '));
 * [first.ok, first.reason, first.set.seq]; // [true, 'accepted', 1]
 * useRecoveryCode(first.set, codes[3]).reason; // 'used'
 * useRecoveryCode(first.set, 'not a code').set.failures; // 1
 * ```
 */
export function useRecoveryCode(set: RecoverySet, input: string, options?: UseRecoveryOptions): RecoveryResult {
  const s = parseSet(set);
  const opts = checkedObject(options, USE_KEYS);
  const now = timeMs(opts.now);
  const policy = policyOf(opts.policy);
  if (typeof input === 'string' && input.length > MAX_RECOVERY_INPUT) {
    throw new OtpError('INPUT_TOO_LONG', `input is ${input.length} characters; at most ${MAX_RECOVERY_INPUT} are read`);
  }
  const out = (ok: boolean, reason: RecoveryReason, next: ParsedSet) => ({ ok, reason, set: formatSet(next) }) as RecoveryResult;
  if (isLocked(s, now)) return out(false, 'locked', s);
  const code = canonicalCode(input, s.bits / 5);
  const index = code === null ? -1 : matchIndex(hmacSha256(s.salt, ascii(code)), s.hashes);
  if (index < 0) return out(false, 'wrong', failed(s, now, policy));
  if (s.used[index]) return out(false, 'used', s);
  // parseSet built s and its arrays afresh from the input: marking in place leaves the input as it was.
  s.used[index] = true;
  return out(true, 'accepted', succeeded(s));
}

/**
 * How many codes of a set are still unused.
 * @param set - the stored set (validated in full)
 * @returns 0 … the set's size
 * @throws OtpError `INVALID_RECOVERY_SET`
 * @example
 * ```ts
 * import { generateRecoveryCodes, remainingRecoveryCodes, useRecoveryCode } from 'oathkit/recovery';
 * const { codes, set } = generateRecoveryCodes({ count: 5 });
 * remainingRecoveryCodes(useRecoveryCode(set, codes[0]).set); // 4
 * ```
 */
export function remainingRecoveryCodes(set: RecoverySet): number {
  return parseSet(set).used.filter((u) => !u).length;
}

/**
 * 1 - Π(1 - x) as 0 - expm1(Σ log1p(-x)): accurate for tiny x, where 1 - x rounds to 1. `0 -`, not
 * unary minus: with no guesses the sum is 0 (from the initial 0), and -expm1(0) would be -0, not 0.
 */
const hitAny = (terms: number[]): number => 0 - Math.expm1(terms.reduce((sum, x) => sum + Math.log1p(-x), 0));

/**
 * An attacker's chance of getting in within `durationMs` by guessing (RFC 4226 Appendix A), for
 * an OTP login or a recovery set, under the throttling policy shared by token state and recovery
 * sets. The attacker starts on a fresh state, guesses the moment the lock allows (`maxFailures` at
 * once, then one at the end of each lock: `v` guesses in all), never the same value twice, and no
 * success of the user's clears the count in between. Codes are taken as uniformly random (HMAC as
 * a pseudo-random function, as Appendix A does).
 *
 * - HOTP (`N` = 10^digits, `s` = window + 1 codes accepted): a wrong guess moves nothing, so the
 *   `v` guesses all meet the same `s` codes: exactly 1 − (1 − v/N)^s.
 * - TOTP (`s` = past + future + 1): the same number, which here is the worst case over when the
 *   guesses fall. Guesses spread over time meet other steps' codes, and that only lowers it.
 * - Recovery (`N` = 2^bits, `count` distinct codes): exactly 1 − C(N − v, count) / C(N, count).
 *
 * Each is at most RFC 4226's s·v/N (count·v/N for recovery codes) and, while that is small, about
 * equal to it. docs/recovery-codes.md shows the derivation and the odds of the defaults.
 * @param policy - `kind` (`'hotp'`, `'totp'` or `'recovery'`); `digits` and `window` (OTP) or
 *   `bits` and `count` (recovery); `maxFailures`, `lockMs`, `maxLockMs` (defaults as token state's);
 *   `durationMs` (default one day)
 * @returns the probability, 0 … 1
 * @throws OtpError `INVALID_POLICY` (an unknown kind or key, a throttle value or duration out of
 *   range, `count` out of range), `INVALID_DIGITS`, `INVALID_WINDOW`
 * @example
 * ```ts
 * import { guessingOdds } from 'oathkit/recovery';
 * guessingOdds({ kind: 'totp' }).toPrecision(3); // '0.000102'
 * guessingOdds({ kind: 'hotp', durationMs: 30 * 86_400_000 }).toPrecision(3); // '0.00800'
 * guessingOdds({ kind: 'recovery' }).toPrecision(3); // '2.81e-22'
 * guessingOdds({ kind: 'totp', digits: 1, window: 0, maxFailures: 10 }); // 1
 * ```
 */
export function guessingOdds(policy: GuessingPolicy): number {
  const kind = (policy as { kind?: unknown } | null)?.kind;
  if (kind !== 'hotp' && kind !== 'totp' && kind !== 'recovery') {
    throw new OtpError('INVALID_POLICY', `policy.kind must be 'hotp', 'totp' or 'recovery', got ${describe(kind)}`);
  }
  const p = checkedObject(policy as Omit<TotpGuessingPolicy, 'kind'> & Omit<RecoveryGuessingPolicy, 'kind'>, ODDS_KEYS[kind], 'policy', 'INVALID_POLICY');
  const durationMs = integerIn(p.durationMs, DAY_MS, 0, MAX_TIME_MS, 'policy.durationMs', 'INVALID_POLICY');
  const throttle = policyOf({ maxFailures: p.maxFailures, lockMs: p.lockMs, maxLockMs: p.maxLockMs });
  const v = guessesWithin(throttle, durationMs);
  if (kind === 'recovery') {
    const bits = integerIn(p.bits, MIN_RECOVERY_BITS, 1, MAX_RECOVERY_BITS, 'policy.bits', 'INVALID_POLICY');
    const n = 2 ** bits;
    const count = integerIn(p.count, 10, 1, Math.min(MAX_RECOVERY_CODES, n), 'policy.count (at most 2^bits)', 'INVALID_POLICY');
    // v distinct guesses miss all `count` distinct codes with probability C(N-v, count)/C(N, count).
    if (v > n - count) return 1;
    return hitAny(Array.from({ length: count }, (_, i) => v / (n - i)));
  }
  const digits = integerIn(p.digits, 6, 1, 10, 'policy.digits', 'INVALID_DIGITS');
  const n = 10 ** digits;
  let accepted: number;
  if (kind === 'hotp') accepted = integerIn(p.window, 10, 0, MAX_WINDOW, 'policy.window', 'INVALID_WINDOW') + 1;
  else {
    const { past, future } = windowOption(p.window);
    accepted = past + future + 1;
  }
  // v distinct guesses miss one uniformly random code with probability 1 - v/N; `accepted` such
  // codes, independent: (1 - v/N)^accepted, computed as in hitAny.
  // Stryker disable next-line EqualityOperator: at v = n, log1p(-1) is -Infinity and the formula below gives 1 too
  if (v >= n) return 1;
  return -Math.expm1(accepted * Math.log1p(-v / n));
}
