/**
 * The stored form of token state (RFC 4226 §7.2–7.4, RFC 6238 §5.2 and §6: the counter, last
 * accepted step, drift and failure count a validation server keeps per token). A versioned, plain
 * JSON object, checked field by field whenever it comes back from storage: a corrupt or edited
 * state is an error, never silently reset, because a reset HOTP counter re-opens every used code.
 * @module
 */
import { OtpError } from './errors.ts';
import { parseThrottle, storedRecord, type Throttle } from './_throttle.ts';
import { describe, MAX_WINDOW } from './_validate.ts';

export { MAX_LOCK_MS, type Throttle } from './_throttle.ts';

/** The format version this code writes and reads. */
export const STATE_FORMAT = 1;

/** The widest TOTP drift in steps: a resynchronization searches 2·maxDrift steps, which must fit one window. */
export const MAX_DRIFT = MAX_WINDOW / 2;

/** 2^64: the HOTP counter after the code of 2^64-1 was accepted (no counter is left). */
export const COUNTER_END = 1n << 64n;

/** Fields every token state has, whatever its kind. */
export interface TokenStateBase {
  /** Format version, 1. A state written by a newer format is refused, not guessed at. */
  readonly v: 1;
  /**
   * Write sequence number: +1 on every transition that changes the state (wrapping to 0 after
   * 2^53-1). Store it as the row's version and write with compare-and-set on it; a result whose
   * `seq` equals the input's changed nothing and needs no write.
   */
  readonly seq: number;
  /** Consecutive failed attempts since the last success (RFC 4226 §7.3). */
  readonly failures: number;
  /** Length in ms of the most recent lock; 0 when none since the last success. The next lock doubles it. */
  readonly lockMs: number;
  /** End of the current (or last) lock, in ms since the epoch; 0 when `lockMs` is 0. */
  readonly lockedUntil: number;
}

/** State of an HOTP (event-based) token. */
export interface HotpTokenState extends TokenStateBase {
  /** `'hotp'`: an event-based token. */
  readonly kind: 'hotp';
  /**
   * The next expected counter: a `number` up to 2^53-1, above that a decimal string (up to 2^64,
   * which means every counter is used). One canonical form, so equal states serialise equally.
   */
  readonly counter: number | string;
}

/** State of a TOTP (time-based) token. */
export interface TotpTokenState extends TokenStateBase {
  /** `'totp'`: a time-based token. */
  readonly kind: 'totp';
  /** The last accepted time step; every step ≤ it is refused. −1 before the first success. */
  readonly after: number;
  /** Steps by which the token's clock runs ahead (+) or behind (−) the server's, as last measured. */
  readonly drift: number;
}

/** A token's state between two logins: store it, pass it in, store what comes back. */
export type TokenState = HotpTokenState | TotpTokenState;

/** A validated state with its counter as a bigint (HOTP) for arithmetic. */
export type ParsedState = (Throttle & { kind: 'hotp'; counter: bigint }) | (Throttle & { kind: 'totp'; after: number; drift: number });

/** The fields of each kind, exactly: a stored state has all of them and no other. */
const KEYS: Readonly<Record<'hotp' | 'totp', readonly string[]>> = /* @__PURE__ */ Object.freeze({
  hotp: Object.freeze(['v', 'kind', 'seq', 'counter', 'failures', 'lockMs', 'lockedUntil']),
  totp: Object.freeze(['v', 'kind', 'seq', 'after', 'drift', 'failures', 'lockMs', 'lockedUntil']),
});

function invalid(message: string): never {
  throw new OtpError('INVALID_STATE', `token state: ${message}`);
}

function integerField(value: unknown, name: string, min: number, max: number): number {
  // Stryker disable next-line ConditionalExpression: Number.isInteger is false for every non-number
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    invalid(`${name} must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

/** A stored counter: a safe-integer number, or the canonical decimal text of a larger one. */
function counterField(value: unknown): bigint {
  if (typeof value === 'number') return BigInt(integerField(value, 'counter', 0, Number.MAX_SAFE_INTEGER));
  // 20 digits hold 2^64; the length check comes first so no long text reaches BigInt.
  if (
    typeof value === 'string' &&
    // Stryker disable next-line ConditionalExpression: a longer text is above 2^64, refused after BigInt all the same; the check only keeps it from BigInt
    value.length <= 20 &&
    /^[1-9][0-9]*$/.test(value)
  ) {
    const counter = BigInt(value);
    if (counter > BigInt(Number.MAX_SAFE_INTEGER) && counter <= COUNTER_END) return counter;
  }
  invalid(`counter must be a number up to 2^53-1, or the decimal text of a larger integer up to 2^64, got ${describe(value)}`);
}

/**
 * Checks a stored state completely and returns it in working form.
 * @throws OtpError `INVALID_STATE` for anything but a state this format wrote
 */
export function parseState(state: unknown): ParsedState {
  const s = storedRecord(state, STATE_FORMAT, invalid);
  const kind = s.kind;
  if (kind !== 'hotp' && kind !== 'totp') invalid(`kind must be 'hotp' or 'totp', got ${describe(kind)}`);
  // Exactly the known fields: an unknown one may be a newer format's, whose meaning we cannot honour.
  const expected = KEYS[kind];
  for (const key of Object.keys(s)) {
    if (!expected.includes(key)) invalid(`unknown field ${describe(key)} in a v=${STATE_FORMAT} ${kind} state`);
  }
  for (const key of expected) if (!Object.hasOwn(s, key)) invalid(`the field ${key} is missing`);
  const throttle = parseThrottle(s, 'token state', 'INVALID_STATE');
  if (kind === 'hotp') return { kind, counter: counterField(s.counter), ...throttle };
  return {
    kind,
    after: integerField(s.after, 'after', -1, Number.MAX_SAFE_INTEGER),
    drift: integerField(s.drift, 'drift', -MAX_DRIFT, MAX_DRIFT),
    ...throttle,
  };
}

/** The stored form of a working state, fields in one fixed order (so equal states stringify equally). */
export function formatState(state: ParsedState): TokenState {
  const { seq, failures, lockMs, lockedUntil } = state;
  if (state.kind === 'hotp') {
    const c = state.counter;
    const counter = c <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(c) : c.toString();
    return { v: STATE_FORMAT, kind: 'hotp', seq, counter, failures, lockMs, lockedUntil };
  }
  const { after, drift } = state;
  return { v: STATE_FORMAT, kind: 'totp', seq, after, drift, failures, lockMs, lockedUntil };
}
