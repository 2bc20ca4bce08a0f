/**
 * Token state as pure transitions: look-ahead and resynchronization for HOTP (RFC 4226 §7.2 and
 * §7.4), replay refusal and drift re-centring for TOTP (RFC 6238 §5.2 and §6), and a lock after
 * repeated failures (RFC 4226 §7.3). The caller stores a small JSON state and passes it back in;
 * every function returns the next state and changes nothing else.
 * @module
 */
import { algorithmName } from './_algorithm.ts';
import { counterWords, type Counter } from './_counter.ts';
import {
  COUNTER_END,
  formatState,
  MAX_DRIFT,
  parseState,
  type HotpTokenState,
  type ParsedState,
  type TokenState,
  type TotpTokenState,
} from './_state-format.ts';
import { failed, isLocked, policyOf, succeeded, type ThrottlePolicy } from './_throttle.ts';
import { checkedObject, describe, integerIn, keyBytes, MAX_WINDOW, timeMs, windowOption } from './_validate.ts';
import { OtpError } from './errors.ts';
import { resyncHotp, verifyHotp, type HotpOptions } from './hotp.ts';
import { checkToken, type TokenInput } from './_token.ts';
import { timeStep, verifyTotp, type TimeInput, type TotpWindow } from './totp.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Algorithm, AlgorithmInput } from './_algorithm.ts';
export type { Counter } from './_counter.ts';
export type { HotpTokenState, TokenState, TokenStateBase, TotpTokenState } from './_state-format.ts';
export type { TimeInput, TotpWindow } from './totp.ts';
export type { ThrottlePolicy } from './_throttle.ts';

/** Options shared by {@link authenticate} and {@link resynchronize}. */
export interface TokenStateOptions extends HotpOptions {
  /** The time of the attempt (default: the current time). Locks are measured against it. */
  now?: TimeInput;
  /** Throttling policy (defaults: 5 failures, then 30 s, doubling up to 1 h). */
  policy?: ThrottlePolicy;
  /** TOTP: step length in seconds (default 30). Ignored for HOTP. */
  period?: number;
  /** TOTP: Unix time in seconds where step 0 begins (default 0). Ignored for HOTP. */
  t0?: number;
  /** TOTP: the largest drift in steps that is stored or searched, 0 … 50,000 (default 20). Ignored for HOTP. */
  maxDrift?: number;
}

/** Options of {@link authenticate}. */
export interface AuthenticateOptions extends TokenStateOptions {
  /**
   * HOTP: how many counters past the expected one to also try (look-ahead, default 10).
   * TOTP: steps around the expected one, `w` or `{ past, future }` (default 1).
   */
  window?: number | TotpWindow;
}

/** Options of {@link resynchronize}. */
export interface ResynchronizeOptions extends TokenStateOptions {
  /** HOTP: counters to search past the expected one (default 100). TOTP: steps either side of now, ≤ `maxDrift` (default `maxDrift`). */
  window?: number;
}

/** Why {@link authenticate} answered as it did. */
export type AuthenticateReason = 'accepted' | 'wrong' | 'replayed' | 'locked';

/** The outcome of {@link authenticate}: store `state` whenever its `seq` differs from the input's. */
export type AuthenticateResult<S extends TokenState = TokenState> =
  | {
      /** The code was accepted. */
      ok: true;
      /** Why. */
      reason: 'accepted';
      /** The state to store. */
      state: S;
    }
  | {
      /** The code was refused. */
      ok: false;
      /** Why: a wrong or malformed code, a code already used, or a lock running. */
      reason: 'wrong' | 'replayed' | 'locked';
      /** The state to store (unchanged for `replayed` and `locked`). */
      state: S;
    };

/** The outcome of {@link resynchronize}: store `state` whenever its `seq` differs from the input's. */
export type ResynchronizeResult<S extends TokenState = TokenState> =
  | {
      /** The two codes were accepted. */
      ok: true;
      /** Why. */
      reason: 'accepted';
      /** The state to store. */
      state: S;
    }
  | {
      /** The codes were refused. */
      ok: false;
      /** Why: codes that do not match as two consecutive ones, or a lock running. */
      reason: 'wrong' | 'locked';
      /** The state to store (unchanged for `locked`). */
      state: S;
    };

/** The state type of the same kind as `S`. */
export type SameKindState<S> = S extends Pick<HotpTokenState, 'kind'> ? HotpTokenState : S extends Pick<TotpTokenState, 'kind'> ? TotpTokenState : TokenState;

/** The state type of each kind. */
export interface StateOfKind {
  /** An HOTP token's state. */
  hotp: HotpTokenState;
  /** A TOTP token's state. */
  totp: TotpTokenState;
}

/** Options of {@link createTokenState}. */
export interface CreateTokenStateOptions {
  /** HOTP: the first counter to expect, 0 … 2^64-1 (default 0). */
  counter?: Counter;
  /** TOTP: a drift already known, in steps (default 0). */
  drift?: number;
}

/**
 * A fresh state for a newly enrolled token: nothing used yet, no failures.
 * @param kind - `'hotp'` or `'totp'`, or the `Token` itself (an HOTP token's state starts at
 *   its counter; Steam Guard and OCRA tokens have no token state)
 * @param options - HOTP: `counter` (the first counter the token will show, default 0);
 *   TOTP: `drift` (steps, default 0). With a token, only `drift` (its counter is the token's).
 * @returns the state to store; a plain object that survives `JSON.stringify`/`JSON.parse`
 *   unchanged (a counter above 2^53-1 is kept as its decimal text)
 * @throws OtpError `INVALID_STATE` (unknown kind), `INVALID_COUNTER`, `INVALID_DRIFT`,
 *   `INVALID_OPTIONS` (an option of the other kind)
 * @example
 * ```ts
 * import { createTokenState } from 'oathkit/state';
 * createTokenState('hotp'); // { v: 1, kind: 'hotp', seq: 0, counter: 0, failures: 0, lockMs: 0, lockedUntil: 0 }
 * createTokenState('hotp', { counter: 2n ** 60n }).counter; // '1152921504606846976'
 * createTokenState('totp'); // { v: 1, kind: 'totp', seq: 0, after: -1, drift: 0, failures: 0, lockMs: 0, lockedUntil: 0 }
 * createTokenState({ kind: 'hotp', key: new Uint8Array(20), counter: 7 }).counter; // 7
 * ```
 */
export function createTokenState<K extends TokenState['kind']>(kind: K | (TokenInput & { kind: K }), options?: CreateTokenStateOptions): StateOfKind[K] {
  if (typeof kind === 'object' && kind !== null) {
    const t = checkToken(kind, () => noState('an OCRA'));
    if (t.kind === 'steam') noState('a Steam Guard');
    const { drift } = checkedObject(options, t.kind === 'totp' ? ['drift'] : []);
    const state = t.kind === 'hotp' ? createTokenState('hotp', { counter: t.counter }) : createTokenState('totp', { drift });
    return state as StateOfKind[K];
  }
  const { counter, drift } = checkedObject(options, ['counter', 'drift']);
  const fresh = { seq: 0, failures: 0, lockMs: 0, lockedUntil: 0 };
  const k: TokenState['kind'] = kind;
  if (k === 'hotp') {
    if (drift !== undefined) throw new OtpError('INVALID_OPTIONS', 'drift is a TOTP option; an HOTP state has a counter');
    const { hi, lo } = counterWords(counter ?? 0);
    return formatState({ kind: k, counter: (BigInt(hi) << 32n) | BigInt(lo), ...fresh }) as StateOfKind[K];
  }
  if (k === 'totp') {
    if (counter !== undefined) throw new OtpError('INVALID_OPTIONS', 'counter is an HOTP option; a TOTP state starts from the clock');
    const d = integerIn(drift, 0, -MAX_DRIFT, MAX_DRIFT, 'drift', 'INVALID_DRIFT');
    return formatState({ kind: k, after: -1, drift: d, ...fresh }) as StateOfKind[K];
  }
  throw new OtpError('INVALID_TOKEN', `kind must be 'hotp' or 'totp' (or a token), got ${describe(kind)}`);
}

function noState(what: string): never {
  throw new OtpError('INVALID_TOKEN', `token state covers HOTP and TOTP tokens; this is ${what} token`);
}

/** The option names authenticate and resynchronize read (some by kind); any other is misuse. */
const STATE_OPTIONS = ['now', 'policy', 'window', 'digits', 'algorithm', 'period', 't0', 'maxDrift'] as const;

const clamp = (x: number, limit: number): number => Math.max(-limit, Math.min(limit, x));

/**
 * What a check found: the advanced state (the code was good), `'replayed'`, or `null` (wrong).
 * Checks are built before the lock test so that every option is validated on every call, and
 * run only when the token is not locked.
 */
type Check<T> = (input: T) => ParsedState | 'replayed' | null;

/** Everything every transition validates first: state, key, hash, digits, time, policy. */
function prepare<O extends TokenStateOptions>(state: unknown, key: unknown, options: O | undefined) {
  const s = parseState(state);
  const opts = checkedObject(options, STATE_OPTIONS) as O;
  const otp = {
    algorithm: algorithmName(opts.algorithm),
    digits: integerIn(opts.digits, 6, 6, 10, 'digits', 'INVALID_DIGITS'),
  };
  return { s, opts, key: keyBytes(key), otp, now: timeMs(opts.now), policy: policyOf(opts.policy) };
}

/** The TOTP options shared by both transitions: grid, drift limit, and the current step. */
function totpClock(opts: TokenStateOptions, now: number) {
  const maxDrift = integerIn(opts.maxDrift, 20, 0, MAX_DRIFT, 'maxDrift', 'INVALID_DRIFT');
  const grid = { now, period: opts.period, t0: opts.t0 };
  return { maxDrift, grid, step: timeStep(grid) };
}

/**
 * HOTP (RFC 4226 §7.2): look ahead `counter … counter + window`; on a match the next expected
 * counter is the one after it. On a miss, the `window + 1` counters just behind are tried, so a
 * code already used (or skipped by a later one) is told apart from a wrong one.
 */
function hotpCheck(s: ParsedState & { kind: 'hotp' }, key: Uint8Array, opts: AuthenticateOptions, otp: HotpOptions): Check<string> {
  const window = integerIn(opts.window, 10, 0, MAX_WINDOW, 'window', 'INVALID_WINDOW');
  return (token) => {
    const c = s.counter;
    if (c < COUNTER_END) {
      const match = verifyHotp(token, key, c, { ...otp, window });
      if (match) return { ...s, counter: c + BigInt(match.delta) + 1n };
    }
    const back = BigInt(window) + 1n;
    // Stryker disable next-line EqualityOperator: at c = back, c - back is 0n too
    const start = c > back ? c - back : 0n;
    if (c > start && verifyHotp(token, key, start, { ...otp, window: Number(c - start) - 1 })) return 'replayed';
    return null;
  };
}

/**
 * TOTP (RFC 6238 §5.2, §6): the window around now + drift, every step ≤ the state's `after` (the
 * last accepted step, passed to verifyTotp as its `after`: one name for one value) refused. On a
 * match the step becomes `after` and its offset from now the drift (clamped to ±maxDrift). On a
 * miss, only the window's steps ≤ `after` are computed again without it: together the two
 * calls cost one HMAC per step in the window, as a single verification would (plus the key's
 * HMAC setup a second time).
 */
function totpCheck(s: ParsedState & { kind: 'totp' }, key: Uint8Array, opts: AuthenticateOptions, otp: HotpOptions, now: number): Check<string> {
  const { past, future } = windowOption(opts.window);
  const { maxDrift, grid, step } = totpClock(opts, now);
  const drift = clamp(s.drift, maxDrift);
  return (token) => {
    const match = verifyTotp(token, key, { ...grid, ...otp, window: { past, future }, drift, after: s.after });
    if (match) return { ...s, after: match.step, drift: clamp(match.delta, maxDrift) };
    const low = step + drift - past;
    const high = Math.min(step + drift + future, s.after);
    if (
      high < low ||
      // Stryker disable next-line ConditionalExpression: the steps below 0 are never tried (scanSteps), so this only spares the call
      high < 0
    )
      return null;
    // Centred on the middle so each side stays within one window's cap.
    const mid = low + Math.floor((high - low) / 2);
    const used = verifyTotp(token, key, { ...grid, ...otp, window: { past: mid - low, future: high - mid }, drift: mid - step });
    return used ? 'replayed' : null;
  };
}

/**
 * Checks a code against a token's state and returns the state to store next (RFC 4226 §7.2–7.3,
 * RFC 6238 §5.2 and §6). It never changes its input.
 *
 * - `accepted`: the code is good and unused. HOTP: the next counter is the one after the match.
 *   TOTP: the matched step becomes `after` and its offset from now becomes `drift`.
 *   Failures and lock are cleared.
 * - `wrong`: no match. One more failure; at `policy.maxFailures` a lock starts (see docs/token-state.md).
 * - `replayed`: the code belongs to a counter or step already passed (used, or skipped by a later
 *   code) within the window. Not counted as a failure and nothing changes. Show it to the user
 *   exactly as `wrong`.
 * - `locked`: a lock is running at `now`. The code is not even looked at, so a lock gives an
 *   attacker no answer about any code; nothing changes and the lock is not extended.
 *
 * Many processes verifying for one token must store the result with compare-and-set on `seq`
 * (see docs/token-state.md), or two of them can accept the same code.
 * @param state - the stored state (validated in full on every call)
 * @param token - the code the user typed; anything but exactly `digits` ASCII digits is `wrong`
 * @param key - the token's shared secret
 * @param options - `now`, `policy`, `window` (HOTP look-ahead, default 10; TOTP steps, default 1),
 *   `digits`, `algorithm`, and for TOTP `period`, `t0`, `maxDrift` (default 20 steps)
 * @returns `{ ok, reason, state }`: store `state` when its `seq` differs from the input's
 * @throws OtpError `INVALID_STATE` for a state that is corrupt, edited or of another format
 *   version; `INVALID_POLICY`; and the codes of `verifyHotp`/`verifyTotp` for a bad key or option
 *   (checked even while locked). Never for a wrong or malformed code.
 * @example
 * ```ts
 * import { authenticate, createTokenState } from 'oathkit/state';
 * const key = new TextEncoder().encode('12345678901234567890');
 * const first = authenticate(createTokenState('hotp'), '287082', key); // RFC 4226: counter 1
 * first.reason; // 'accepted'
 * first.state.counter; // 2
 * authenticate(first.state, '287082', key).reason; // 'replayed'
 * authenticate(first.state, '123456', key).state.failures; // 1
 * ```
 */
export function authenticate<S extends TokenState>(
  state: S,
  token: string,
  key: Uint8Array,
  options?: AuthenticateOptions,
): AuthenticateResult<SameKindState<S>> {
  const { s, opts, key: k, otp, now, policy } = prepare(state, key, options);
  const check = s.kind === 'hotp' ? hotpCheck(s, k, opts, otp) : totpCheck(s, k, opts, otp, now);
  const out = (r: { ok: boolean; reason: AuthenticateReason; next: ParsedState }) =>
    ({ ok: r.ok, reason: r.reason, state: formatState(r.next) }) as AuthenticateResult<SameKindState<S>>;
  if (isLocked(s, now)) return out({ ok: false, reason: 'locked', next: s });
  const found = check(token);
  if (found === 'replayed') return out({ ok: false, reason: 'replayed', next: s });
  if (found === null) return out({ ok: false, reason: 'wrong', next: failed(s, now, policy) });
  return out({ ok: true, reason: 'accepted', next: succeeded(found) });
}

/**
 * Resynchronizes a token that has run out of the normal window, from two consecutive codes.
 * HOTP (RFC 4226 §7.4): `resyncHotp` over `window` counters (default 100) past the expected
 * one; the next counter is the one after the second code. TOTP (RFC 6238 §6): the two codes
 * must be those of two consecutive steps within now ± `window` steps (default and at most
 * `maxDrift`), past the state's `after` (the last accepted step); the second becomes `after` and its offset from now the new
 * `drift`. Two codes in a row make a chance match about 10^digits times less likely than one.
 *
 * Success clears failures and lock; a miss counts as one failure; a locked token is refused
 * without looking at the codes.
 * @param state - the stored state
 * @param tokens - two consecutive codes, oldest first
 * @param key - the token's shared secret
 * @param options - `now`, `policy`, `window`, `digits`, `algorithm`, TOTP `period`, `t0`, `maxDrift`
 * @returns `{ ok, reason: 'accepted' | 'wrong' | 'locked', state }`
 * @throws OtpError as {@link authenticate}; `INVALID_WINDOW` for a TOTP window above `maxDrift`
 * @example
 * ```ts
 * import { createTokenState, resynchronize } from 'oathkit/state';
 * const key = new TextEncoder().encode('12345678901234567890');
 * const result = resynchronize(createTokenState('hotp'), ['399871', '520489'], key); // counters 8, 9
 * result.ok; // true
 * result.state.counter; // 10
 * ```
 */
export function resynchronize<S extends TokenState>(
  state: S,
  tokens: readonly [string, string],
  key: Uint8Array,
  options?: ResynchronizeOptions,
): ResynchronizeResult<SameKindState<S>> {
  const { s, opts, key: k, otp, now, policy } = prepare(state, key, options);
  // A resynchronization's checks find the advanced state or nothing: a pair is never 'replayed'.
  let check: (pair: readonly [string, string]) => ParsedState | null;
  if (s.kind === 'hotp') {
    const window = integerIn(opts.window, 100, 0, MAX_WINDOW, 'window', 'INVALID_WINDOW');
    check = (pair) => {
      const match = s.counter < COUNTER_END && resyncHotp(pair, k, s.counter, { ...otp, window });
      return match ? { ...s, counter: s.counter + BigInt(match.delta) + 2n } : null;
    };
  } else {
    const { maxDrift, step } = totpClock(opts, now);
    const window = integerIn(opts.window, maxDrift, 0, maxDrift, 'window (at most maxDrift)', 'INVALID_WINDOW');
    // TOTP codes are HOTP codes of the step counter (RFC 6238 §4), so the §7.4 pair scan applies
    // unchanged: first code at steps first … last, the second one step later, within now ± window.
    const first = Math.max(step - window, s.after + 1, 0);
    const last = step + window - 1;
    check = (pair) => {
      const match = last >= first && resyncHotp(pair, k, first, { ...otp, window: last - first });
      if (!match) return null;
      const second = first + match.delta + 1;
      return { ...s, after: second, drift: second - step };
    };
  }
  const out = (r: { ok: boolean; reason: 'accepted' | 'wrong' | 'locked'; next: ParsedState }) =>
    ({ ok: r.ok, reason: r.reason, state: formatState(r.next) }) as ResynchronizeResult<SameKindState<S>>;
  if (isLocked(s, now)) return out({ ok: false, reason: 'locked', next: s });
  const found = check(tokens);
  if (found === null) return out({ ok: false, reason: 'wrong', next: failed(s, now, policy) });
  return out({ ok: true, reason: 'accepted', next: succeeded(found) });
}
