// createVerifier's edges that verifier.test.ts's comparisons with the plain functions do not
// reach: the verifier's own copy of the key, and options given as null.
import { expect, test } from 'vitest';
import { createVerifier, hotp, OtpError, type Verifier } from '../../src/index.ts';

const key = () => new TextEncoder().encode('12345678901234567890');

test('a verifier keeps its own copy of the key: detaching the caller’s buffer changes nothing', () => {
  const caller = key();
  const verifier = createVerifier(caller);
  structuredClone(caller.buffer, { transfer: [caller.buffer] }); // the caller's key is now empty
  expect(caller.length).toBe(0);
  expect(verifier.hotp(0)).toBe('755224');
  expect(verifier.verifyHotp('969429', 0, { window: 5 })).toEqual({ delta: 3 });
});

test('null options are refused as the plain functions refuse them (INVALID_OPTIONS naming options)', () => {
  const verifier = createVerifier(key());
  const calls: ((v: Verifier) => unknown)[] = [
    (v) => v.hotp(0, null as never),
    (v) => v.verifyHotp('755224', 0, null as never),
    (v) => v.resyncHotp(['755224', '287082'], 0, null as never),
    (v) => v.totp(null as never),
    (v) => v.verifyTotp('755224', null as never),
  ];
  for (const call of calls) {
    let caught: unknown;
    try {
      call(verifier);
    } catch (e) {
      caught = e;
    }
    expect(caught, String(call)).toBeInstanceOf(OtpError);
    expect((caught as OtpError).code).toBe('INVALID_OPTIONS');
    expect((caught as OtpError).message).toMatch(/^options\b/);
  }
  expect(() => hotp(key(), 0, null as never)).toThrow(OtpError); // as the plain function does
});
