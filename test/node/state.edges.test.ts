// Boundaries of token state that mutation testing (test/MUTATION.md) found unpinned: a lock only
// when one was set, format versions, missing fields, and the HOTP counter's forms at 2^53-1 and 2^64.
import { describe, expect, test } from 'vitest';
import { authenticate, createTokenState, hotp, resynchronize, totp, type HotpTokenState } from '../../src/index.ts';
import { otpError } from './otp-error.ts';

const KEY = new TextEncoder().encode('12345678901234567890');

describe('locks', () => {
  test('a state without a lock is not locked at any time, before 1970 too', () => {
    const fresh = createTokenState('hotp');
    for (const now of [-8.64e15, -1, 0]) {
      expect(authenticate(fresh, hotp(KEY, 0), KEY, { now }).reason).toBe('accepted');
      expect(authenticate(fresh, '000001', KEY, { now }).reason).toBe('wrong');
    }
  });

  test('a lock runs until lockedUntil, exclusive', () => {
    const locked: HotpTokenState = { ...createTokenState('hotp'), failures: 5, lockMs: 30_000, lockedUntil: 1_000_000 };
    expect(authenticate(locked, hotp(KEY, 0), KEY, { now: 999_999 }).reason).toBe('locked');
    expect(authenticate(locked, hotp(KEY, 0), KEY, { now: 1_000_000 }).reason).toBe('accepted');
    expect(resynchronize(locked, [hotp(KEY, 3), hotp(KEY, 4)], KEY, { now: 999_999 }).reason).toBe('locked');
  });
});

describe('the stored form', () => {
  test('a newer format version says to upgrade; any other v says what it must be', () => {
    const state = createTokenState('totp');
    const newer = otpError(() => authenticate({ ...state, v: 2 as 1 }, '123456', KEY));
    expect(newer.code).toBe('INVALID_STATE');
    expect(newer.message).toContain('v=2 is newer');
    expect(newer.message).toContain('upgrade oathkit');
    for (const v of [0, 1.5, '1', undefined, 2n]) {
      const e = otpError(() => authenticate({ ...state, v: v as 1 }, '123456', KEY));
      expect(e.code).toBe('INVALID_STATE');
      expect(e.message).toContain('format version v must be 1');
    }
  });

  test('each missing field is named', () => {
    for (const kind of ['hotp', 'totp'] as const) {
      const state = createTokenState(kind) as unknown as Record<string, unknown>;
      for (const field of Object.keys(state).filter((f) => f !== 'v' && f !== 'kind')) {
        const { [field]: _, ...rest } = state;
        const e = otpError(() => authenticate(rest as never, '123456', KEY));
        expect(e.code).toBe('INVALID_STATE');
        expect(e.message).toContain(`the field ${field} is missing`);
      }
    }
  });

  test('an HOTP counter is a number up to 2^53-1 and decimal text from 2^53 to 2^64, in exactly one form', () => {
    const max = Number.MAX_SAFE_INTEGER;
    expect(createTokenState('hotp', { counter: BigInt(max) }).counter).toBe(max);
    expect(createTokenState('hotp', { counter: BigInt(max) + 1n }).counter).toBe('9007199254740992');
    // Accepting the code of 2^53-2 moves the counter to 2^53-1, still a number; then to text.
    const before = createTokenState('hotp', { counter: BigInt(max) - 1n });
    const at = authenticate(before, hotp(KEY, BigInt(max) - 1n), KEY).state;
    expect(at.counter).toBe(max);
    const past = authenticate(at, hotp(KEY, BigInt(max)), KEY).state;
    expect(past.counter).toBe('9007199254740992');
    // 2^64: every counter used; nothing verifies, the state is valid.
    const end = { ...before, counter: '18446744073709551616' };
    expect(authenticate(end, hotp(KEY, 0), KEY).reason).toBe('wrong');
    const refused = [String(max), '9007199254740991', '09007199254740993', '18446744073709551617', '1e20', 2 ** 53, -1, 1.5, 5n];
    for (const counter of refused) {
      const e = otpError(() => authenticate({ ...before, counter: counter as number }, '123456', KEY));
      expect(e.code).toBe('INVALID_STATE');
      expect(e.message).toMatch(/counter must be an? (integer from 0 to 9007199254740991|number up to 2\^53-1)/);
    }
  });
});

describe('messages name what was wrong', () => {
  const totpState = () => createTokenState('totp');
  const hotpState = () => createTokenState('hotp');
  test('each bad option of createTokenState, authenticate and resynchronize is named', () => {
    const cases: [() => unknown, string, string][] = [
      [() => createTokenState('totp', { drift: 1e9 }), 'INVALID_DRIFT', 'drift'],
      [() => createTokenState({ kind: 'totp', key: KEY }, { counter: 1 } as never), 'INVALID_OPTIONS', 'known: drift'],
      [() => createTokenState({ kind: 'hotp', key: KEY }, { drift: 1 } as never), 'INVALID_OPTIONS', 'known: none'],
      [() => createTokenState({ kind: 'steam', key: KEY } as never), 'INVALID_TOKEN', 'a Steam Guard token'],
      [() => createTokenState({ kind: 'ocra', key: KEY, suite: 'OCRA-1:HOTP-SHA1-6:QN08' } as never), 'INVALID_TOKEN', 'an OCRA token'],
      [() => authenticate(hotpState(), '123456', KEY, { digits: 5 }), 'INVALID_DIGITS', 'digits'],
      [() => authenticate(totpState(), '123456', KEY, { maxDrift: -1 }), 'INVALID_DRIFT', 'maxDrift'],
      [() => authenticate(hotpState(), '123456', KEY, { window: -1 }), 'INVALID_WINDOW', 'window'],
      [() => resynchronize(hotpState(), ['123456', '123456'], KEY, { window: -1 }), 'INVALID_WINDOW', 'window must be an integer from 0 to 100000'],
      [() => resynchronize(totpState(), ['123456', '123456'], KEY, { window: 100 }), 'INVALID_WINDOW', 'window (at most maxDrift)'],
    ];
    for (const [f, code, name] of cases) {
      const e = otpError(f);
      expect([e.code, e.message]).toEqual([code, expect.stringContaining(name)]);
    }
  });

  test('a TOTP code used at step 0 (the step grid starts at t0) is replayed, not wrong', () => {
    const t0 = 1_000;
    const now = t0 * 1000 + 5_000; // step 0
    const good = totp(KEY, { now, t0 });
    const first = authenticate(createTokenState('totp'), good, KEY, { now, t0, window: 0 });
    expect([first.reason, first.state.after]).toEqual(['accepted', 0]);
    expect(authenticate(first.state, good, KEY, { now, t0, window: 0 }).reason).toBe('replayed');
    expect(authenticate(first.state, good, KEY, { now: now + 30_000, t0, window: 1 }).reason).toBe('replayed');
  });
});

describe('a corrupt stored state is INVALID_STATE, naming the field', () => {
  test('fields out of range, of the wrong type, unknown, or a kind that is not stored', () => {
    const totpState = createTokenState('totp') as unknown as Record<string, unknown>;
    const hotpState = createTokenState('hotp') as unknown as Record<string, unknown>;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...totpState, after: 1.5 }, 'token state: after must be an integer from -1 to'],
      [{ ...totpState, after: -2 }, 'after must be an integer'],
      [{ ...totpState, drift: 1e9 }, 'token state: drift must be an integer from'],
      [{ ...totpState, drift: '0' }, 'drift must be an integer'],
      [{ ...totpState, failures: -1 }, 'token state: failures must be an integer'],
      [{ ...hotpState, counter: null }, 'counter must be a number up to 2^53-1'],
      [{ ...hotpState, counter: true }, 'counter must be a number up to 2^53-1'],
      // Text only as a string: an array or an object whose text is a large counter is no counter.
      [{ ...hotpState, counter: ['9007199254740993'] }, 'counter must be a number up to 2^53-1'],
      [{ ...hotpState, counter: { toString: () => '9007199254740993' } }, 'counter must be a number up to 2^53-1'],
      [{ ...hotpState, kind: 'ocra' }, "kind must be 'hotp' or 'totp', got \"ocra\""],
      [{ ...hotpState, extra: 1 }, 'unknown field "extra" in a v=1 hotp state'],
    ];
    for (const [state, message] of cases) {
      const e = otpError(() => authenticate(state as never, '123456', KEY));
      expect([e.code, e.message]).toEqual(['INVALID_STATE', expect.stringContaining(message)]);
    }
  });

  test('createTokenState(null) is refused as a kind, not read as a token', () => {
    const e = otpError(() => createTokenState(null as never));
    expect([e.code, e.message]).toEqual(['INVALID_TOKEN', expect.stringContaining("kind must be 'hotp' or 'totp' (or a token), got null")]);
  });
});

describe('TOTP resynchronization', () => {
  test('a search range of exactly one step: the step after the last used one, window 1', () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    const state = { ...createTokenState('totp'), after: step - 1 };
    const pair: [string, string] = [totp(KEY, { now }), totp(KEY, { now: now + 30_000 })];
    const r = resynchronize(state, pair, KEY, { now, window: 1 });
    expect([r.reason, r.state.after]).toEqual(['accepted', step + 1]);
  });
});
