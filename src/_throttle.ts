/**
 * Throttling after repeated failures (RFC 4226 §7.3), shared by token state and recovery sets:
 * the policy, the lock arithmetic, the stored throttle fields, and the closed form of how many
 * guesses that arithmetic lets an attacker make in a given time (RFC 4226 Appendix A's `v`).
 * @module
 */
import { OtpError, type OtpErrorCode } from './errors.ts';
import { checkedObject, describe, integerIn, MAX_TIME_MS } from './_validate.ts';

/** Throttling after consecutive failures (RFC 4226 §7.3). */
export interface ThrottlePolicy {
  /** Consecutive failures that engage the first lock, ≥ 1 (default 5). */
  maxFailures?: number;
  /** Length of the first lock in ms, ≥ 1 (default 30,000). Each further lock doubles the last. */
  lockMs?: number;
  /** The longest lock in ms, ≥ `lockMs` (default 3,600,000, or `lockMs` when that is longer). */
  maxLockMs?: number;
}

/** A policy with every field given. */
export type Policy = Required<ThrottlePolicy>;

/** The longest lock a policy may set: ten years (365-day years), in milliseconds. */
export const MAX_LOCK_MS = 315_360_000_000;

/** RFC 4226 §7.3 leaves the numbers to the server: 5 failures, then 30 s, doubling up to an hour. */
export const DEFAULT_POLICY: Readonly<Policy> = /* @__PURE__ */ Object.freeze({ maxFailures: 5, lockMs: 30_000, maxLockMs: 3_600_000 });

const POLICY_KEYS: readonly string[] = /* @__PURE__ */ Object.freeze(['maxFailures', 'lockMs', 'maxLockMs']);

/** The throttling fields of a stored state or set, as a transition computes them. */
export interface Throttle {
  seq: number;
  failures: number;
  lockMs: number;
  lockedUntil: number;
}

/**
 * A policy with its defaults filled in.
 * @throws OtpError `INVALID_POLICY` for a value out of range or an unknown key
 */
export function policyOf(value: unknown): Policy {
  const p = checkedObject(value as ThrottlePolicy | undefined, POLICY_KEYS, 'policy', 'INVALID_POLICY');
  const maxFailures = integerIn(p.maxFailures, DEFAULT_POLICY.maxFailures, 1, Number.MAX_SAFE_INTEGER, 'policy.maxFailures', 'INVALID_POLICY');
  const lockMs = integerIn(p.lockMs, DEFAULT_POLICY.lockMs, 1, MAX_LOCK_MS, 'policy.lockMs (ms)', 'INVALID_POLICY');
  const maxLockMs = integerIn(p.maxLockMs, Math.max(DEFAULT_POLICY.maxLockMs, lockMs), lockMs, MAX_LOCK_MS, 'policy.maxLockMs (ms)', 'INVALID_POLICY');
  return { maxFailures, lockMs, maxLockMs };
}

/** The next write sequence number, wrapping to 0 after 2^53-1. */
export const nextSeq = (seq: number): number => (seq === Number.MAX_SAFE_INTEGER ? 0 : seq + 1);

/** RFC 4226 §7.3: locked while a lock engaged by failures has not run out. */
export const isLocked = (s: Throttle, now: number): boolean => s.lockMs > 0 && now < s.lockedUntil;

/** A success: the next `seq`, with failures and lock cleared. */
export function succeeded<T extends Throttle>(next: T): T {
  return { ...next, seq: nextSeq(next.seq), failures: 0, lockMs: 0, lockedUntil: 0 };
}

/** The length of the lock a failure starts after a lock of `lastLockMs` (0: none yet). */
const nextLock = (lastLockMs: number, policy: Policy): number =>
  // Never shorter than the policy's first lock: raising `lockMs` mid-attack takes effect at once.
  // The first lock (after none, 0) is lockMs too: policyOf keeps lockMs ≤ maxLockMs.
  Math.min(Math.max(2 * lastLockMs, policy.lockMs), policy.maxLockMs);

/**
 * A failure: one more in the count; at `maxFailures` and beyond, every failure starts a lock,
 * the first `lockMs` long and each further one twice the last (never shorter than `lockMs`, so a
 * raised policy applies at once), up to `maxLockMs`. Failures keep counting after a lock ends,
 * so past the threshold an attacker gets one guess per lock.
 */
export function failed<T extends Throttle>(s: T, now: number, policy: Policy): T {
  const failures = Math.min(s.failures + 1, Number.MAX_SAFE_INTEGER);
  if (failures < policy.maxFailures) return { ...s, seq: nextSeq(s.seq), failures };
  const lockMs = nextLock(s.lockMs, policy);
  return { ...s, seq: nextSeq(s.seq), failures, lockMs, lockedUntil: now + lockMs };
}

/**
 * The stored throttle fields of `s`, checked: each in range, and only combinations the
 * transitions produce (a lock only follows a failure; a success clears both).
 * @param what - how messages name the object (`'token state'`, `'recovery set'`)
 * @throws OtpError `code` for anything else
 */
export function parseThrottle(s: Record<string, unknown>, what: string, code: OtpErrorCode): Throttle {
  const field = (name: keyof Throttle, min: number, max: number): number => {
    const value = s[name];
    // Stryker disable next-line ConditionalExpression: Number.isInteger is false for every non-number
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new OtpError(code, `${what}: ${name} must be an integer from ${min} to ${max}, got ${describe(value)}`);
    }
    return value;
  };
  const t: Throttle = {
    seq: field('seq', 0, Number.MAX_SAFE_INTEGER),
    failures: field('failures', 0, Number.MAX_SAFE_INTEGER),
    lockMs: field('lockMs', 0, MAX_LOCK_MS),
    lockedUntil: field('lockedUntil', -MAX_TIME_MS, MAX_TIME_MS + MAX_LOCK_MS),
  };
  if (t.lockMs === 0 && t.lockedUntil !== 0) throw new OtpError(code, `${what}: lockedUntil must be 0 when lockMs is 0`);
  if (t.failures === 0 && t.lockMs !== 0) throw new OtpError(code, `${what}: lockMs must be 0 when failures is 0`);
  return t;
}

/**
 * How many codes one attacker can try within `durationMs` of a fresh state under `policy`
 * (RFC 4226 Appendix A's `v`): every guess wrong, each made the moment the lock allows it, and
 * no success in between (a success clears the count). That is `maxFailures` guesses at once, then
 * one at the end of each lock, the locks `lockMs`, 2·`lockMs`, … up to `maxLockMs`. The closed
 * form of {@link failed} applied again and again: the doubling phase is at most 39 locks long
 * (`lockMs` ≥ 1 ms, `maxLockMs` ≤ ten years), the rest is a division. A guess at exactly
 * `durationMs` is outside it.
 */
export function guessesWithin(policy: Policy, durationMs: number): number {
  if (durationMs <= 0) return 0;
  let guesses = policy.maxFailures;
  let t = 0; // when the lock started by the latest guess ends, as it is computed
  let lock = 0;
  for (;;) {
    const next = nextLock(lock, policy);
    t += next;
    if (t >= durationMs) return guesses;
    guesses++; // the guess at the end of that lock
    if (next === lock) break; // the locks have reached their steady length
    lock = next;
  }
  // From t on, a guess every `lock` ms: at t (counted above), t + lock, t + 2·lock, … < durationMs.
  return guesses + Math.ceil((durationMs - t) / lock) - 1;
}

/**
 * The common head of a stored record (a token state, a recovery set): a JSON object with the
 * format version this code writes. A newer version is named as such (upgrade oathkit), never
 * read as this one.
 * @param invalid - throws the record's own error (`INVALID_STATE`, `INVALID_RECOVERY_SET`)
 */
export function storedRecord(value: unknown, version: number, invalid: (message: string) => never): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    invalid(`expected an object (JSON.parse the stored text first), got ${describe(value)}`);
  }
  const s = value as Record<string, unknown>;
  // Only an integer above this version is newer (Number.isInteger is false for every non-number).
  if (Number.isInteger(s.v) && (s.v as number) > version) invalid(`format v=${s.v} is newer than this oathkit reads (v=${version}): upgrade oathkit`);
  if (s.v !== version) invalid(`format version v must be ${version}, got ${describe(s.v)}`);
  return s;
}
