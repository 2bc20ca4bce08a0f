// guessingOdds (RFC 4226 Appendix A) against brute force on small parameters, in its two parts:
// 1. v, the guesses an attacker gets within a duration: counted by driving the real transitions
//    (useRecoveryCode and token state's authenticate) with wrong guesses, each made the moment the
//    lock allows, and held to the closed form guessesWithin over random policies and durations;
// 2. the probability that v distinct guesses hit: counted over every possible set of codes
//    (every window of HOTP codes, every set of distinct recovery codes, every assignment of codes
//    to the TOTP steps a real guess schedule touches) and held to guessingOdds, exactly for HOTP
//    and recovery sets, and as an upper bound for TOTP that is reached when the guesses share a step.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { authenticate, createTokenState, generateRecoveryCodes, guessingOdds, useRecoveryCode, type ThrottlePolicy } from '../../src/index.ts';
import { guessesWithin } from '../../src/_throttle.ts';

const KEY = new TextEncoder().encode('12345678901234567890');

const policyArb = fc
  .record({ maxFailures: fc.integer({ min: 1, max: 12 }), lockMs: fc.integer({ min: 1, max: 1_000 }), factor: fc.constantFrom(1, 2, 3, 8, 64, 1000) })
  .map(({ maxFailures, lockMs, factor }) => ({ maxFailures, lockMs, maxLockMs: lockMs * factor }));

/**
 * The times of every guess an attacker makes within `durationMs` through a real transition: each
 * at the end of the lock the one before started (or at once), and each must be answered `wrong`
 * (a `locked` answer would mean the attacker was let in too early by this loop).
 */
function guessTimes(durationMs: number, attempt: (now: number) => { reason: string; lockMs: number; lockedUntil: number }): number[] {
  const times: number[] = [];
  let now = 0;
  for (;;) {
    if (now >= durationMs) return times;
    const r = attempt(now);
    expect(r.reason).toBe('wrong');
    times.push(now);
    if (r.lockMs > 0) now = Math.max(now, r.lockedUntil);
  }
}

/** Guess times through useRecoveryCode, a wrong code each time. */
function recoveryGuessTimes(policy: Required<ThrottlePolicy>, durationMs: number): number[] {
  let set = generateRecoveryCodes({ count: 1 }).set;
  return guessTimes(durationMs, (now) => {
    const r = useRecoveryCode(set, '0000-0000-0000-0000', { now, policy });
    set = r.set;
    return { reason: r.reason, lockMs: r.set.lockMs, lockedUntil: r.set.lockedUntil };
  });
}

/** Guess times through token state's authenticate (HOTP), a wrong code each time. */
function hotpGuessTimes(policy: Required<ThrottlePolicy>, durationMs: number): number[] {
  let state = createTokenState('hotp');
  return guessTimes(durationMs, (now) => {
    const r = authenticate(state, '000000', KEY, { now, policy, window: 0 });
    state = r.state;
    return { reason: r.reason, lockMs: r.state.lockMs, lockedUntil: r.state.lockedUntil };
  });
}

test('v: the guesses the real transitions allow within a duration equal the closed form', () => {
  let total = 0;
  fc.assert(
    fc.property(policyArb, fc.integer({ min: 0, max: 150 }), fc.integer({ min: -1, max: 1 }), (policy, locks, edge) => {
      // Durations up to about 150 locks, and exactly at a guess time ± 1 ms.
      const durationMs = Math.max(0, locks * policy.lockMs + edge);
      const v = guessesWithin(policy, durationMs);
      expect(recoveryGuessTimes(policy, durationMs)).toHaveLength(v);
      total += v;
    }),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(policyArb, fc.integer({ min: 0, max: 60 }), (policy, locks) => {
      const durationMs = locks * policy.lockMs;
      expect(hotpGuessTimes(policy, durationMs)).toHaveLength(guessesWithin(policy, durationMs));
    }),
    { numRuns: 100 },
  );
  expect(total).toBeGreaterThan(3_000);
}, 60_000);

test('v for the defaults: 34 guesses in the first day (5 at once, then one per lock of 30 s, 1 min, … 32 min, then hourly)', () => {
  const policy = { maxFailures: 5, lockMs: 30_000, maxLockMs: 3_600_000 };
  const times = recoveryGuessTimes(policy, 86_400_000);
  expect(times.slice(0, 12)).toEqual([0, 0, 0, 0, 0, 30_000, 90_000, 210_000, 450_000, 930_000, 1_890_000, 3_810_000]);
  expect(times).toHaveLength(34);
  expect(guessesWithin(policy, 86_400_000)).toBe(34);
  expect(guessesWithin(policy, 2 * 86_400_000) - 34).toBe(24); // then 24 a day
});

/** Every tuple of `length` values in 0 … n-1. */
function* tuples(n: number, length: number): Generator<number[]> {
  const t = new Array<number>(length).fill(0);
  for (;;) {
    yield t;
    let i = 0;
    while (i < length && ++t[i]! === n) t[i++] = 0;
    if (i === length) return;
  }
}

/** Every subset of `size` distinct values in 0 … n-1. */
function* subsets(n: number, size: number, from = 0, chosen: number[] = []): Generator<number[]> {
  if (chosen.length === size) {
    yield chosen;
    return;
  }
  for (let x = from; x < n; x++) yield* subsets(n, size, x + 1, [...chosen, x]);
}

/** A policy giving exactly `v` guesses: v at once, within a duration of 1 ms. */
const vGuesses = (v: number) => ({ maxFailures: Math.max(1, v), lockMs: 1_000, maxLockMs: 1_000, durationMs: v === 0 ? 0 : 1 });

test('HOTP: over every window of codes, v distinct guesses hit with exactly the probability guessingOdds gives', () => {
  let cases = 0;
  for (const digits of [1, 2]) {
    const n = 10 ** digits;
    for (let window = 0; window < (digits === 1 ? 4 : 2); window++) {
      for (let v = 0; v <= Math.min(n, 12); v++) {
        let hits = 0;
        let all = 0;
        // Any v distinct values are as good as any others: the guesses are 0 … v-1.
        for (const codes of tuples(n, window + 1)) {
          all++;
          if (codes.some((c) => c < v)) hits++;
        }
        expect(guessingOdds({ kind: 'hotp', digits, window, ...vGuesses(v) })).toBeCloseTo(hits / all, 12);
        cases++;
      }
    }
  }
  expect(cases).toBeGreaterThan(50);
});

test('recovery: over every set of distinct codes, v distinct guesses hit with exactly the probability guessingOdds gives', () => {
  let cases = 0;
  for (const bits of [2, 3, 4]) {
    const n = 2 ** bits;
    for (let count = 1; count <= Math.min(n, 6); count++) {
      for (let v = 0; v <= n; v++) {
        let hits = 0;
        let all = 0;
        for (const codes of subsets(n, count)) {
          all++;
          if (codes.some((c) => c < v)) hits++;
        }
        expect(guessingOdds({ kind: 'recovery', bits, count, ...vGuesses(v) })).toBeCloseTo(hits / all, 12);
        cases++;
      }
    }
  }
  expect(cases).toBeGreaterThan(80);
});

test('TOTP: over every assignment of codes to the steps a real guess schedule touches, the odds stay within guessingOdds, and reach it when the guesses share a step', () => {
  let reached = 0;
  let below = 0;
  fc.assert(
    fc.property(
      fc.record({ maxFailures: fc.integer({ min: 1, max: 4 }), lockMs: fc.integer({ min: 1, max: 40 }), factor: fc.constantFrom(1, 2, 4) }),
      fc.integer({ min: 0, max: 60 }),
      fc.record({ periodMs: fc.integer({ min: 5, max: 60 }), phase: fc.nat(), past: fc.integer({ min: 0, max: 1 }), future: fc.integer({ min: 0, max: 1 }) }),
      ({ maxFailures, lockMs, factor }, durationMs, { periodMs, phase, past, future }) => {
        const digits = 1;
        const n = 10;
        const policy = { maxFailures, lockMs, maxLockMs: lockMs * factor };
        const times = recoveryGuessTimes(policy, durationMs);
        if (times.length > n) return; // then the bound is 1 anyway
        // The steps each guess's window covers; codes of distinct steps are independent.
        const windows = times.map((t) => {
          const step = Math.floor((t + (phase % periodMs)) / periodMs);
          return [...Array(past + future + 1).keys()].map((k) => step - past + k);
        });
        const steps = [...new Set(windows.flat())];
        if (steps.length > 5) return; // keep the enumeration at 10^5 at most
        let hits = 0;
        let all = 0;
        for (const codes of tuples(n, steps.length)) {
          all++;
          // Guess i is the value i: no value is tried twice, the best an attacker can do.
          if (windows.some((w, i) => w.some((s) => codes[steps.indexOf(s)] === i))) hits++;
        }
        const exact = hits / all;
        const bound = guessingOdds({ kind: 'totp', digits, window: { past, future }, ...policy, durationMs });
        expect(exact).toBeLessThanOrEqual(bound + 1e-12);
        // The bound is reached exactly when all guesses fall in one step (same window).
        const sameStep = new Set(windows.map((w) => w[0])).size <= 1;
        if (sameStep) {
          expect(exact).toBeCloseTo(bound, 12);
          reached++;
        } else below++;
        // And the product formula of the derivation in docs/recovery-codes.md is exact: 1 - Π_k (1 - m_k/N).
        const m = steps.map((s) => windows.filter((w) => w.includes(s)).length);
        expect(exact).toBeCloseTo(1 - m.reduce((p, mk) => p * (1 - mk / n), 1), 12);
      },
    ),
    { numRuns: 250 },
  );
  expect(Math.min(reached, below)).toBeGreaterThan(30);
}, 60_000);

test('the odds of the defaults, and RFC 4226 Appendix A: at most s·v/N, about equal while small', () => {
  const day = 86_400_000;
  expect(guessingOdds({ kind: 'totp' })).toBeCloseTo((3 * 34) / 1e6, 8);
  expect(guessingOdds({ kind: 'totp' })).toBeLessThan((3 * 34) / 1e6);
  expect(guessingOdds({ kind: 'hotp' })).toBeLessThan((11 * 34) / 1e6);
  expect(guessingOdds({ kind: 'recovery' }) / ((10 * 34) / 2 ** 80)).toBeCloseTo(1, 10);
  // More time, more guesses, better odds; more digits or bits, worse.
  expect(guessingOdds({ kind: 'totp', durationMs: 30 * day })).toBeGreaterThan(guessingOdds({ kind: 'totp' }));
  expect(guessingOdds({ kind: 'totp', digits: 8 })).toBeLessThan(guessingOdds({ kind: 'totp' }));
  expect(guessingOdds({ kind: 'recovery', bits: 100 })).toBeLessThan(guessingOdds({ kind: 'recovery' }));
  // Probabilities stay probabilities even for absurd policies.
  const odds = guessingOdds({ kind: 'hotp', digits: 10, window: 100_000, maxFailures: Number.MAX_SAFE_INTEGER, durationMs: 8.64e15 });
  expect(odds).toBe(1);
  expect(guessingOdds({ kind: 'totp', lockMs: 1, maxLockMs: 1, durationMs: 8.64e15 })).toBe(1);
});
