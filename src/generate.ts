/**
 * One `generate` and one `verify` for a {@link Token} of any kind, each with that kind's own
 * semantics: RFC 4226 HOTP (§5.3; look-ahead §7.2), RFC 6238 TOTP (§4; a window of steps §5.2),
 * Steam Guard (TOTP in Steam's alphabet) and RFC 6287 OCRA (§7.1; its counter and time windows).
 * What an authenticator app holding tokens of mixed kinds needs, and nothing else.
 * @module
 */
import type { StepMatch, TimeInput } from './_time.ts';
import { checkedObject } from './_validate.ts';
import { OtpError } from './errors.ts';
import { hotp, verifyHotp } from './hotp.ts';
import { ocra, verifyOcra } from './ocra.ts';
import { steamGuard, verifySteamGuard } from './steam.ts';
import { normalizeToken, type Token, type TokenInput, type TokenKind } from './token.ts';
import { totp, verifyTotp, type TotpWindow } from './totp.ts';

/** Options of {@link generate}: the time, and OCRA's inputs. Give only what the token's kind uses. */
export interface GenerateOptions {
  /** TOTP, Steam Guard, OCRA suites with T: the time (default now). */
  now?: TimeInput;
  /** OCRA: the challenge Q. */
  challenge?: string;
  /** OCRA suites with P: the PIN (hashed here) or its hash. */
  pin?: string;
  /** OCRA suites with P: the PIN's hash, as bytes or hex, instead of `pin`. */
  pinHash?: Uint8Array | string;
  /** OCRA suites with S: the session data. */
  session?: Uint8Array | string;
  /** OCRA suites with T: the time step itself, instead of `now`. */
  timestamp?: number | bigint;
}

/** Options of {@link verify}: {@link GenerateOptions} and the kind's window. */
export interface VerifyOptions extends GenerateOptions {
  /** HOTP: counters to look ahead (default 0). TOTP and Steam Guard: steps each side or `{ past, future }` (default 1). */
  window?: number | TotpWindow;
  /** TOTP and Steam Guard: steps by which the token runs ahead (+) or behind (−). */
  drift?: number;
  /** TOTP and Steam Guard: the last accepted step; steps up to it are refused (replay). */
  after?: number;
  /** OCRA suites with C: counters to look ahead (default 0). */
  counterWindow?: number;
  /** OCRA suites with T: time steps each side (default 0). */
  timeWindow?: number;
}

/**
 * A verified code: `delta` is the offset of the match (HOTP and OCRA with C: counters ahead of
 * the token's counter — store `counter + delta + 1`; TOTP and Steam Guard: steps from now; OCRA
 * without C: time steps from now). TOTP and Steam Guard give the matched `step` (pass it as `after`
 * next time); OCRA gives `counterDelta` and `timeDelta` apart.
 */
export interface VerifyMatch {
  /** The offset of the match: counters ahead (HOTP, OCRA with C) or steps from now (TOTP, Steam Guard, OCRA without C). */
  delta: number;
  /** TOTP and Steam Guard: the matched step; pass it as `after` next time. */
  step?: number;
  /** OCRA: counters ahead of the token's counter. */
  counterDelta?: number;
  /** OCRA: time steps from now. */
  timeDelta?: number;
}

const OCRA_INPUTS = ['now', 'challenge', 'pin', 'pinHash', 'session', 'timestamp'] as const;

/** The options each kind reads; any other is misuse (named, with the nearest). */
const GENERATE_KEYS: Readonly<Record<TokenKind, readonly string[]>> = /* @__PURE__ */ Object.freeze({
  hotp: [],
  totp: ['now'],
  steam: ['now'],
  ocra: OCRA_INPUTS,
});
const VERIFY_KEYS: Readonly<Record<TokenKind, readonly string[]>> = /* @__PURE__ */ Object.freeze({
  hotp: ['window'],
  totp: ['now', 'window', 'drift', 'after'],
  steam: ['now', 'window', 'drift', 'after'],
  ocra: [...OCRA_INPUTS, 'counterWindow', 'timeWindow'],
});

function checkedFor<T extends object>(t: Token, options: T | undefined, keys: Readonly<Record<TokenKind, readonly string[]>>) {
  const opts = checkedObject(options, keys[t.kind], `options for ${t.kind === 'hotp' || t.kind === 'ocra' ? 'an' : 'a'} ${t.kind.toUpperCase()} token`);
  return opts as Partial<VerifyOptions>;
}

function ocraInput(t: Token, o: Partial<VerifyOptions>) {
  if (typeof o.challenge !== 'string') {
    throw new OtpError('INVALID_OCRA_INPUT', 'options.challenge is required for an OCRA token (the challenge Q, as the suite formats it)');
  }
  const input: Record<string, unknown> = { challenge: o.challenge };
  // Stryker disable next-line ConditionalExpression: copying an undefined counter changes nothing: ocra() takes an undefined input as absent
  if (t.counter !== undefined) input.counter = t.counter;
  // Stryker disable next-line ConditionalExpression: as above, for each input
  for (const name of ['pin', 'pinHash', 'session', 'now', 'timestamp'] as const) if (o[name] !== undefined) input[name] = o[name];
  return input as { challenge: string };
}

/**
 * The code a token makes now (or at `options.now`; for OCRA, for the challenge and the other inputs
 * its suite names): HOTP at the token's counter, TOTP at the current step, Steam Guard's 5 symbols,
 * an OCRA response.
 * @param token - the token (checked as {@link normalizeToken} checks it)
 * @param options - `now` (TOTP, Steam Guard, OCRA with T); OCRA: `challenge`, `pin` or `pinHash`,
 *   `session`, `timestamp`. An option the kind does not use is misuse.
 * @returns the code
 * @throws OtpError as normalizeToken; `INVALID_OPTIONS` (an option the kind does not use);
 *   `INVALID_TIME`; `INVALID_OCRA_INPUT` (a missing or malformed OCRA input)
 * @example
 * ```ts
 * import { generate } from 'oathkit';
 * const key = new TextEncoder().encode('12345678901234567890');
 * generate({ kind: 'totp', key }, { now: 59_000 }); // '287082'
 * generate({ kind: 'hotp', key, counter: 1 }); // '287082'
 * generate({ kind: 'steam', key }, { now: 59_000 }).length; // 5
 * generate({ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08' }, { challenge: '00000000' }); // '237653'
 * ```
 */
export function generate(token: TokenInput, options?: GenerateOptions): string {
  const t = normalizeToken(token);
  const o = checkedFor(t, options, GENERATE_KEYS);
  const common = { digits: t.digits, algorithm: t.algorithm };
  switch (t.kind) {
    case 'hotp':
      return hotp(t.key, t.counter!, common);
    case 'totp':
      return totp(t.key, { ...common, now: o.now, period: t.period, t0: t.t0 });
    case 'steam':
      return steamGuard(t.key, { now: o.now, period: t.period, t0: t.t0 });
    case 'ocra':
      return ocra(t.suite!, t.key, ocraInput(t, o));
  }
}

/**
 * Verifies a code against a token with its kind's semantics: HOTP looks ahead from the token's
 * counter (`window`, default 0); TOTP and Steam Guard try the steps around now (`window`, default 1;
 * `drift`; `after` refuses used steps); OCRA recomputes the response for the challenge
 * (`counterWindow`, `timeWindow`, default 0). A wrong or malformed code is `null`, never an error.
 * @param token - the token
 * @param code - the code typed
 * @param options - the kind's window options and inputs (see {@link VerifyOptions})
 * @returns the match, or `null`
 * @throws OtpError as {@link generate}
 * @example
 * ```ts
 * import { verify } from 'oathkit';
 * const key = new TextEncoder().encode('12345678901234567890');
 * verify({ kind: 'totp', key }, '287082', { now: 59_000 }); // { delta: 0, step: 1 }
 * verify({ kind: 'hotp', key, counter: 0 }, '969429', { window: 5 }); // { delta: 3 }
 * verify({ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08' }, '237653', { challenge: '00000000' }); // { delta: 0, counterDelta: 0, timeDelta: 0 }
 * verify({ kind: 'totp', key }, '000000', { now: 59_000 }); // null
 * ```
 */
export function verify(token: TokenInput, code: string, options?: VerifyOptions): VerifyMatch | null {
  const t = normalizeToken(token);
  const o = checkedFor(t, options, VERIFY_KEYS);
  const common = { digits: t.digits, algorithm: t.algorithm };
  const time = { now: o.now, period: t.period, t0: t.t0, window: o.window, drift: o.drift, after: o.after };
  switch (t.kind) {
    case 'hotp':
      return verifyHotp(code, t.key, t.counter!, { ...common, window: o.window as number | undefined });
    case 'totp':
      return stepMatch(verifyTotp(code, t.key, { ...common, ...time }));
    case 'steam':
      return stepMatch(verifySteamGuard(code, t.key, time));
    case 'ocra': {
      const m = verifyOcra(code, t.suite!, t.key, ocraInput(t, o), { counterWindow: o.counterWindow, timeWindow: o.timeWindow });
      if (m === null) return null;
      return { delta: t.counter !== undefined ? m.counterDelta : m.timeDelta, counterDelta: m.counterDelta, timeDelta: m.timeDelta };
    }
  }
}

function stepMatch(m: StepMatch | null): VerifyMatch | null {
  return m === null ? null : { delta: m.delta, step: m.step };
}
