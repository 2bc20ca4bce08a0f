// Boundaries that mutation testing (test/MUTATION.md) found unpinned in the shared argument checks
// (_validate.ts), OtpError (errors.ts) and the kind-generic generate/verify (generate.ts).
import { describe, expect, test } from 'vitest';
import { describe as describeValue, kindOf, nearest, checkedObject, timeMs, windowOption } from '../../src/_validate.ts';
import {
  generate,
  hotp,
  ocra,
  OtpError,
  steamGuard,
  totp,
  verify,
  verifyHotp,
  verifyOcra,
  verifySteamGuard,
  verifyTotp,
  type TokenInput,
} from '../../src/index.ts';
import { otpError } from './otp-error.ts';

const KEY = new TextEncoder().encode('12345678901234567890');

describe('how messages show a value: its text when short and key-free, else its kind', () => {
  test('describe: numbers, booleans, bigints and short strings as written; the rest by kind', () => {
    const cases: [unknown, string][] = [
      [5, '5'],
      [-0.5, '-0.5'],
      [NaN, 'NaN'],
      [true, 'true'],
      [false, 'false'],
      [12n, '12n'],
      ['abc', '"abc"'],
      ['x'.repeat(24), JSON.stringify('x'.repeat(24))],
      ['x'.repeat(25), 'a long string'],
      [null, 'null'],
      [undefined, 'undefined'],
      [[1, 2], 'an array'],
      [{ a: 1 }, 'an object'],
      [new Uint8Array(2), 'an object'],
      [() => 1, 'function'],
      [Symbol('s'), 'symbol'],
    ];
    for (const [value, text] of cases) expect(describeValue(value), String(text)).toBe(text);
  });

  test('kindOf never shows content: null, an array, the typed array class, an object, or a <type>', () => {
    const cases: [unknown, string][] = [
      [null, 'null'],
      [[1], 'an array'],
      [new Uint8Array(2), 'a Uint8Array'],
      [new DataView(new ArrayBuffer(2)), 'a DataView'],
      [{ a: 1 }, 'an object'],
      ['secret text', 'a string'],
      [7, 'a number'],
      [undefined, 'a undefined'],
      [7n, 'a bigint'],
    ];
    for (const [value, text] of cases) expect(kindOf(value)).toBe(text);
  });

  test('through the API: a bad key is named by its kind, a bad option by its value', () => {
    expect(otpError(() => hotp('JBSWY3DPEHPK3PXP' as unknown as Uint8Array, 0)).message).toContain('got a string');
    expect(otpError(() => hotp([1, 2] as unknown as Uint8Array, 0)).message).toContain('got an array');
    expect(otpError(() => hotp(KEY, 0, { digits: 5 })).message).toContain('got 5');
    expect(otpError(() => hotp(KEY, 0, { digits: '8' as unknown as number })).message).toContain('got "8"');
  });
});

describe('unknown keys: the nearest known one is suggested', () => {
  test('the first of two equally near keys; none past two edits', () => {
    expect(nearest('ab', ['ax', 'ay'])).toBe('ax');
    expect(nearest('ay', ['ax', 'ay'])).toBe('ay');
    expect(nearest('abcdef', ['uvwxyz'])).toBeUndefined();
    expect(nearest('DIGITS', ['digits'])).toBe('digits');
  });

  test('the message names the object, the key, the suggestion and the known keys', () => {
    const e = otpError(() => checkedObject({ windw: 1 }, ['window', 'digits'], 'options'));
    expect(e.code).toBe('INVALID_OPTIONS');
    for (const part of ['options', '"windw"', 'did you mean "window"', 'window, digits']) expect(e.message).toContain(part);
    expect(otpError(() => checkedObject({ a: 1 }, [], 'input', 'INVALID_OCRA_INPUT')).message).toContain('known: none');
  });
});

describe('TOTP windows and times', () => {
  test('a window is steps each side or { past, future }; each part is named when wrong', () => {
    expect(windowOption(undefined)).toEqual({ past: 1, future: 1 });
    expect(windowOption(3)).toEqual({ past: 3, future: 3 });
    expect(windowOption({ past: 2 })).toEqual({ past: 2, future: 0 });
    const cases: [unknown, string][] = [
      [-1, 'window must be an integer from 0 to 100000'],
      [{ past: -1 }, 'window.past must be an integer from 0 to 100000'],
      [{ future: 1.5 }, 'window.future must be an integer from 0 to 100000'],
      [null, 'window must be a number of steps or { past, future }'],
      [[1], 'got an array'],
    ];
    for (const [value, message] of cases) {
      const e = otpError(() => windowOption(value));
      expect(e.code).toBe('INVALID_WINDOW');
      expect(e.message).toContain(message);
    }
  });

  test("now: ±8.64e15 ms (a Date's range) and no further; NaN, infinities and invalid Dates refused", () => {
    expect(timeMs(8.64e15)).toBe(8.64e15);
    expect(timeMs(-8.64e15)).toBe(-8.64e15);
    expect(timeMs(new Date(8.64e15))).toBe(8.64e15);
    for (const now of [8.64e15 + 1, -8.64e15 - 1, NaN, Infinity, -Infinity, '5', 5n, null, {}]) {
      const e = otpError(() => timeMs(now));
      expect(e.code).toBe('INVALID_TIME');
      expect(e.message).toContain('now must be a Date or milliseconds');
    }
    expect(otpError(() => timeMs(NaN)).message).toContain('got NaN');
    expect(otpError(() => timeMs('soon')).message).toContain('got "soon"');
    expect(otpError(() => timeMs(new Date(NaN))).message).toContain('an invalid Date');
    expect(otpError(() => totp(KEY, { now: NaN })).code).toBe('INVALID_TIME');
  });
});

describe('OtpError', () => {
  const BRAND = Symbol.for('oathkit.OtpError');
  test('its name; instanceof by the brand for OtpError itself, by the prototype chain for a subclass', () => {
    const e = new OtpError('INVALID_KEY', 'm');
    expect(e.name).toBe('OtpError');
    expect(String(e)).toBe('OtpError: m');
    // Another copy of oathkit (another build, realm or version) carries the same brand.
    const other = Object.defineProperty(new Error('x'), BRAND, { value: true });
    expect(other instanceof OtpError).toBe(true);
    for (const value of [undefined, null, 'OtpError', 5, { [BRAND]: 'yes' }, Object.assign(() => 0, { [BRAND]: true })]) {
      expect(value instanceof OtpError).toBe(false);
    }
    class Sub extends OtpError {}
    const sub = new Sub('INVALID_KEY', 'm');
    expect(sub instanceof Sub).toBe(true);
    expect(sub instanceof OtpError).toBe(true);
    expect(e instanceof Sub).toBe(false);
    expect(other instanceof Sub).toBe(false);
  });
});

describe("generate and verify: each kind with its options, equal to the kind's own functions", () => {
  const now = 1_700_000_000_123;
  const hotpToken: TokenInput = { kind: 'hotp', key: KEY, counter: 41, digits: 8, algorithm: 'SHA256' };
  const totpToken: TokenInput = { kind: 'totp', key: KEY, digits: 7, algorithm: 'SHA512', period: 45, t0: 1000 };
  const steamToken: TokenInput = { kind: 'steam', key: KEY, period: 20, t0: 30 };

  test("HOTP: the token's counter, digits and hash; window looks ahead", () => {
    const code = hotp(KEY, 41, { digits: 8, algorithm: 'SHA256' });
    expect(generate(hotpToken)).toBe(code);
    expect(verify(hotpToken, code)).toEqual({ delta: 0 });
    const later = hotp(KEY, 44, { digits: 8, algorithm: 'SHA256' });
    expect(verify(hotpToken, later)).toBeNull();
    expect(verify(hotpToken, later, { window: 3 })).toEqual(verifyHotp(later, KEY, 41, { window: 3, digits: 8, algorithm: 'SHA256' }));
    expect(verify(hotpToken, later, { window: 3 })).toEqual({ delta: 3 });
  });

  test('TOTP: now, period, t0, digits and hash; window, drift and after', () => {
    const opts = { digits: 7, algorithm: 'SHA512' as const, period: 45, t0: 1000 };
    const code = totp(KEY, { ...opts, now });
    expect(generate(totpToken, { now })).toBe(code);
    const step = verifyTotp(code, KEY, { ...opts, now })!.step;
    expect(verify(totpToken, code, { now })).toEqual({ delta: 0, step });
    const later = now + 2 * 45_000;
    expect(verify(totpToken, code, { now: later })).toBeNull();
    expect(verify(totpToken, code, { now: later, window: 2 })).toEqual({ delta: -2, step });
    expect(verify(totpToken, code, { now: later, drift: -2 })).toEqual({ delta: -2, step });
    expect(verify(totpToken, code, { now, after: step })).toBeNull();
  });

  test('Steam Guard: now, period and t0; window, drift and after', () => {
    const code = steamGuard(KEY, { now, period: 20, t0: 30 });
    expect(generate(steamToken, { now })).toBe(code);
    const step = verifySteamGuard(code, KEY, { now, period: 20, t0: 30 })!.step;
    expect(verify(steamToken, code, { now })).toEqual({ delta: 0, step });
    const later = now + 2 * 20_000;
    expect(verify(steamToken, code, { now: later })).toBeNull();
    expect(verify(steamToken, code, { now: later, window: 2 })).toEqual({ delta: -2, step });
    expect(verify(steamToken, code, { now: later, drift: -2 })).toEqual({ delta: -2, step });
    expect(verify(steamToken, code, { now, after: step })).toBeNull();
  });

  test('OCRA: the challenge and each input its suite names; delta is counterDelta with C, timeDelta with T', () => {
    const withC: TokenInput = { kind: 'ocra', key: KEY, suite: 'OCRA-1:HOTP-SHA1-6:C-QN08-PSHA1', counter: 5 };
    const input = { challenge: '12345678', pin: '1234' };
    const code = ocra(withC.suite!, KEY, { ...input, counter: 5 });
    expect(generate(withC, input)).toBe(code);
    expect(verify(withC, code, input)).toEqual({ delta: 0, counterDelta: 0, timeDelta: 0 });
    const ahead = ocra(withC.suite!, KEY, { ...input, counter: 7 });
    expect(verify(withC, ahead, input)).toBeNull();
    expect(verify(withC, ahead, { ...input, counterWindow: 2 })).toEqual({ delta: 2, counterDelta: 2, timeDelta: 0 });

    const withT: TokenInput = { kind: 'ocra', key: KEY, suite: 'OCRA-1:HOTP-SHA256-8:QA10-S064-T1M' };
    const session = 'ab'.repeat(64);
    const t = { challenge: 'SIG1234567', session, now };
    const response = ocra(withT.suite!, KEY, t);
    expect(generate(withT, t)).toBe(response);
    const laterT = { ...t, now: now + 120_000 };
    expect(verify(withT, response, laterT)).toBeNull();
    expect(verify(withT, response, { ...laterT, timeWindow: 2 })).toEqual({ delta: -2, counterDelta: 0, timeDelta: -2 });
    expect(verify(withT, response, { ...laterT, timeWindow: 2 })).toEqual({
      delta: -2,
      ...verifyOcra(response, withT.suite!, KEY, laterT, { timeWindow: 2 }),
    });
    expect(generate(withT, { challenge: 'SIG1234567', session, timestamp: 28_333_333 })).toBe(
      ocra(withT.suite!, KEY, { challenge: 'SIG1234567', session, timestamp: 28_333_333 }),
    );
  });

  test('OCRA: the challenge is required; a wrong response is null', () => {
    const token: TokenInput = { kind: 'ocra', key: KEY, suite: 'OCRA-1:HOTP-SHA1-6:QN08' };
    const e = otpError(() => generate(token, {}));
    expect(e.code).toBe('INVALID_OCRA_INPUT');
    expect(e.message).toContain('options.challenge is required');
    expect(verify(token, '000000', { challenge: '00000001' })).toBeNull();
  });

  test('an option the kind does not use is named, with the kind', () => {
    const cases: [() => unknown, string][] = [
      [() => generate({ kind: 'hotp', key: KEY }, { now }), 'options for an HOTP token has an unknown key "now"'],
      [() => generate({ kind: 'totp', key: KEY }, { challenge: '1' }), 'options for a TOTP token has an unknown key "challenge"'],
      [() => generate({ kind: 'steam', key: KEY }, { pin: '1' }), 'options for a STEAM token has an unknown key "pin"'],
      [
        () => verify({ kind: 'ocra', key: KEY, suite: 'OCRA-1:HOTP-SHA1-6:QN08' }, '1', { challenge: '1', window: 1 }),
        'options for an OCRA token has an unknown key "window"',
      ],
      [() => verify({ kind: 'hotp', key: KEY }, '1', { drift: 1 }), 'options for an HOTP token has an unknown key "drift"'],
    ];
    for (const [f, message] of cases) {
      const e = otpError(f);
      expect(e.code).toBe('INVALID_OPTIONS');
      expect(e.message).toContain(message);
    }
    // The message lists the options the kind does take.
    expect(otpError(() => generate({ kind: 'hotp', key: KEY }, { now })).message).toContain('(known: none)');
    expect(otpError(() => verify({ kind: 'totp', key: KEY }, '1', { counterWindow: 1 })).message).toContain('(known: now, window, drift, after)');
  });
});
