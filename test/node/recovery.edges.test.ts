// Boundaries of recovery sets and guessingOdds (src/recovery.ts, src/_throttle.ts) that mutation
// testing (test/MUTATION.md, slice `recovery`) found unpinned: what a stored set that is not an
// object or of another format version is told, and that every bad option or policy field is named
// in the message (with its code), for useRecoveryCode, generateRecoveryCodes and guessingOdds alike.
import { describe, expect, test } from 'vitest';
import { generateRecoveryCodes, guessingOdds, regenerateRecoveryCodes, useRecoveryCode, type GuessingPolicy, type RecoverySet } from '../../src/index.ts';
import { otpError } from './otp-error.ts';

const fresh = () => generateRecoveryCodes({ count: 2 });

describe('the stored head', () => {
  test('a set that is not an object (the stored text itself, a number, null, an array) is told to JSON.parse first', () => {
    const { set } = fresh();
    for (const value of [JSON.stringify(set), '{"v":1}', 1, true, null, undefined, [set]]) {
      const e = otpError(() => useRecoveryCode(value as unknown as RecoverySet, '0000-0000-0000-0000', { now: 0 }));
      expect(e.code).toBe('INVALID_RECOVERY_SET');
      expect(e.message).toContain('expected an object');
      expect(e.message).toContain('JSON.parse');
    }
  });

  test('only an integer version above 1 is newer (upgrade oathkit); any other v says what it must be', () => {
    const { set } = fresh();
    for (const v of [2, 3, Number.MAX_SAFE_INTEGER]) {
      const e = otpError(() => useRecoveryCode({ ...set, v: v as 1 }, '0000-0000-0000-0000', { now: 0 }));
      expect(e.code).toBe('INVALID_RECOVERY_SET');
      expect(e.message).toContain(`v=${v} is newer`);
      expect(e.message).toContain('upgrade oathkit');
    }
    // '2' and 2n compare above 1 too, and 2.5 is above it: none is a version number.
    for (const v of [0, -1, 2.5, 1.5, '2', '1', 2n, true, null, undefined, Number.POSITIVE_INFINITY]) {
      const e = otpError(() => useRecoveryCode({ ...set, v: v as 1 }, '0000-0000-0000-0000', { now: 0 }));
      expect(e.code).toBe('INVALID_RECOVERY_SET');
      expect(e.message).toContain('format version v must be 1');
    }
    // The version this code writes is read, whatever else the set holds.
    expect(useRecoveryCode(set, '0000-0000-0000-0000', { now: 0 }).reason).toBe('wrong');
  });
});

describe('messages name what was wrong', () => {
  test('generateRecoveryCodes and regenerateRecoveryCodes: count and bits', () => {
    const { set } = fresh();
    const cases: [object, string][] = [
      [{ count: 0 }, 'count'],
      [{ count: 101 }, 'count'],
      [{ count: 1.5 }, 'count'],
      [{ bits: 79 }, 'bits'],
      [{ bits: 161 }, 'bits'],
      [{ bits: '80' }, 'bits'],
    ];
    for (const [options, name] of cases) {
      for (const f of [() => generateRecoveryCodes(options), () => regenerateRecoveryCodes(set, options)]) {
        const e = otpError(f);
        expect(e.code).toBe('INVALID_OPTIONS');
        expect(e.message).toContain(name);
      }
    }
  });

  test('the throttling policy, as useRecoveryCode and guessingOdds take it', () => {
    const { set } = fresh();
    const cases: [unknown, string][] = [
      [5, 'policy'],
      [[], 'policy'],
      [{ maxFailure: 3 }, 'policy'],
      [{ maxFailures: 0 }, 'policy.maxFailures'],
      [{ maxFailures: 2.5 }, 'policy.maxFailures'],
      [{ lockMs: 0 }, 'policy.lockMs'],
      [{ lockMs: 315_360_000_001 }, 'policy.lockMs'],
      [{ lockMs: 60_000, maxLockMs: 59_999 }, 'policy.maxLockMs'],
      [{ maxLockMs: 315_360_000_001 }, 'policy.maxLockMs'],
    ];
    for (const [policy, name] of cases) {
      const e = otpError(() => useRecoveryCode(set, '0000-0000-0000-0000', { now: 0, policy: policy as never }));
      expect(e.code).toBe('INVALID_POLICY');
      expect(e.message).toContain(name);
      // guessingOdds reads the throttle fields from its own policy object, beside the kind.
      if (typeof policy === 'object' && policy !== null && !Array.isArray(policy)) {
        const odds = otpError(() => guessingOdds({ kind: 'totp', ...policy }));
        expect(odds.code).toBe('INVALID_POLICY');
        expect(odds.message).toContain(name);
      }
    }
  });

  test('guessingOdds: a missing or unknown kind, then every field of each kind, with its code', () => {
    for (const policy of [null, undefined, 'totp', 5, {}, { kind: 'steam' }, { kind: 'TOTP' }]) {
      const e = otpError(() => guessingOdds(policy as unknown as GuessingPolicy));
      expect(e.code).toBe('INVALID_POLICY');
      expect(e.message).toContain('policy.kind');
    }
    const cases: [unknown, string, string][] = [
      [Object.assign([], { kind: 'totp' }), 'INVALID_POLICY', 'policy'],
      [{ kind: 'totp', bits: 80 }, 'INVALID_POLICY', 'policy'],
      [{ kind: 'recovery', digits: 6 }, 'INVALID_POLICY', 'policy'],
      [{ kind: 'hotp', durationMs: -1 }, 'INVALID_POLICY', 'policy.durationMs'],
      [{ kind: 'recovery', durationMs: 8.64e15 + 1 }, 'INVALID_POLICY', 'policy.durationMs'],
      [{ kind: 'recovery', bits: 0 }, 'INVALID_POLICY', 'policy.bits'],
      [{ kind: 'recovery', bits: 161 }, 'INVALID_POLICY', 'policy.bits'],
      [{ kind: 'recovery', count: 0 }, 'INVALID_POLICY', 'policy.count'],
      [{ kind: 'recovery', count: 101 }, 'INVALID_POLICY', 'policy.count'],
      [{ kind: 'recovery', bits: 2, count: 5 }, 'INVALID_POLICY', '2^bits'],
      [{ kind: 'hotp', digits: 0 }, 'INVALID_DIGITS', 'policy.digits'],
      [{ kind: 'totp', digits: 11 }, 'INVALID_DIGITS', 'policy.digits'],
      [{ kind: 'hotp', window: -1 }, 'INVALID_WINDOW', 'policy.window'],
      [{ kind: 'hotp', window: 100_001 }, 'INVALID_WINDOW', 'policy.window'],
    ];
    for (const [policy, code, name] of cases) {
      const e = otpError(() => guessingOdds(policy as GuessingPolicy));
      expect(e.code).toBe(code);
      expect(e.message).toContain(name);
    }
    // At the ends of those ranges, an answer.
    expect(guessingOdds({ kind: 'recovery', bits: 2, count: 4, durationMs: 1 })).toBe(1);
    expect(guessingOdds({ kind: 'hotp', digits: 10, window: 100_000, durationMs: 8.64e15 })).toBe(1);
  });
});

test('guessingOdds: no time, no guesses, odds 0 for every kind (0, not -0: toBe and Object.is tell them apart)', () => {
  for (const kind of ['hotp', 'totp', 'recovery'] as const) {
    expect(guessingOdds({ kind, durationMs: 0 })).toBe(0);
    expect(guessingOdds({ kind, durationMs: 1 })).toBeGreaterThan(0);
  }
});
