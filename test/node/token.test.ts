// The one token model: normalizeToken's normal form, its refusals (each with its code), and the
// normal form as a fixed point over random inputs of every kind.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { normalizeToken, OtpError, type TokenInput } from '../../src/index.ts';

const key = new TextEncoder().encode('12345678901234567890');
const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    if (e instanceof OtpError) return e.code;
    throw e;
  }
  return undefined;
};

describe('normalizeToken: the normal form', () => {
  test('defaults made explicit per kind', () => {
    expect(normalizeToken({ kind: 'totp', key })).toEqual({ kind: 'totp', key, algorithm: 'SHA1', digits: 6, period: 30, t0: 0 });
    expect(normalizeToken({ kind: 'hotp', key })).toEqual({ kind: 'hotp', key, algorithm: 'SHA1', digits: 6, counter: 0 });
    expect(normalizeToken({ kind: 'steam', key })).toEqual({ kind: 'steam', key, algorithm: 'SHA1', digits: 5, period: 30, t0: 0 });
    expect(normalizeToken({ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA256-8:C-QN08' })).toEqual({
      kind: 'ocra',
      key,
      algorithm: 'SHA256',
      digits: 8,
      counter: 0,
      suite: 'OCRA-1:HOTP-SHA256-8:C-QN08',
    });
    expect(normalizeToken({ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-0:QA64' })).toEqual({
      kind: 'ocra',
      key,
      algorithm: 'SHA1',
      digits: 0,
      suite: 'OCRA-1:HOTP-SHA1-0:QA64',
    });
  });

  test('canonical names, counters by size, empty text left out, key copied, input untouched', () => {
    const input: TokenInput = { kind: 'hotp', key, algorithm: 'sha-384', counter: 5n, issuer: '', account: 'a', serial: 'S1', extras: {} };
    const frozen = structuredClone(input);
    const t = normalizeToken(input);
    expect(t).toEqual({ kind: 'hotp', key, algorithm: 'SHA384', digits: 6, counter: 5, account: 'a', serial: 'S1' });
    expect(t.key).not.toBe(key);
    expect(input).toEqual(frozen);
    expect(normalizeToken({ kind: 'hotp', key, counter: 2n ** 53n }).counter).toBe(2n ** 53n);
    expect(normalizeToken({ kind: 'hotp', key, counter: 2n ** 53n - 1n }).counter).toBe(2 ** 53 - 1);
    expect(normalizeToken({ kind: 'hotp', key, counter: 2n ** 64n - 1n }).counter).toBe(2n ** 64n - 1n);
    const extras = normalizeToken({ kind: 'totp', key, extras: JSON.parse('{"__proto__":"x","image":"https://a/b.png"}') }).extras!;
    expect(Object.keys(extras)).toEqual(['__proto__', 'image']);
    expect(Object.getPrototypeOf(extras)).toBe(Object.prototype);
  });

  test('every refusal has its code', () => {
    const cases: [string, unknown, string][] = [
      ['undefined', undefined, 'INVALID_TOKEN'],
      ['null', null, 'INVALID_TOKEN'],
      ['array', [], 'INVALID_TOKEN'],
      ['no kind', { key }, 'INVALID_TOKEN'],
      ['unknown kind', { kind: 'motp', key }, 'INVALID_TOKEN'],
      ['misspelt field', { kind: 'totp', key, peroid: 60 }, 'INVALID_TOKEN'],
      ['old shape (type/secret)', { type: 'totp', secret: key }, 'INVALID_TOKEN'],
      ['period on HOTP', { kind: 'hotp', key, period: 30 }, 'INVALID_TOKEN'],
      ['counter on TOTP', { kind: 'totp', key, counter: 1 }, 'INVALID_TOKEN'],
      ['suite on TOTP', { kind: 'totp', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08' }, 'INVALID_TOKEN'],
      ['OCRA without suite', { kind: 'ocra', key }, 'INVALID_TOKEN'],
      ['OCRA period', { kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08-T1M', period: 60 }, 'INVALID_TOKEN'],
      ['OCRA counter without C', { kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08', counter: 1 }, 'INVALID_TOKEN'],
      ['OCRA algorithm disagrees', { kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08', algorithm: 'SHA256' }, 'INVALID_ALGORITHM'],
      ['OCRA digits disagree', { kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08', digits: 8 }, 'INVALID_DIGITS'],
      ['OCRA SHA-384 suite', { kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA384-6:QN08' }, 'INVALID_OCRA_SUITE'],
      ['Steam with SHA256', { kind: 'steam', key, algorithm: 'SHA256' }, 'INVALID_ALGORITHM'],
      ['Steam with 6 digits', { kind: 'steam', key, digits: 6 }, 'INVALID_DIGITS'],
      ['no key', { kind: 'totp' }, 'INVALID_KEY'],
      ['empty key', { kind: 'totp', key: new Uint8Array(0) }, 'INVALID_KEY'],
      ['text key', { kind: 'totp', key: 'JBSWY3DPEHPK3PXP' }, 'INVALID_KEY'],
      ['huge key', { kind: 'totp', key: new Uint8Array(1025) }, 'INVALID_KEY'],
      ['digits 5', { kind: 'totp', key, digits: 5 }, 'INVALID_DIGITS'],
      ['digits 11', { kind: 'hotp', key, digits: 11 }, 'INVALID_DIGITS'],
      ['algorithm MD5', { kind: 'totp', key, algorithm: 'MD5' }, 'INVALID_ALGORITHM'],
      ['period 0', { kind: 'totp', key, period: 0 }, 'INVALID_PERIOD'],
      ['t0 fraction', { kind: 'totp', key, t0: 1.5 }, 'INVALID_T0'],
      ['counter -1', { kind: 'hotp', key, counter: -1 }, 'INVALID_COUNTER'],
      ['counter 2^64', { kind: 'hotp', key, counter: 2n ** 64n }, 'INVALID_COUNTER'],
      ['issuer number', { kind: 'totp', key, issuer: 5 }, 'INVALID_TOKEN'],
      ['lone surrogate', { kind: 'totp', key, account: 'a\uD800' }, 'INVALID_TOKEN'],
      ['long account', { kind: 'totp', key, account: 'x'.repeat(4097) }, 'INVALID_TOKEN'],
      ['extras not strings', { kind: 'totp', key, extras: { a: 1 } }, 'INVALID_TOKEN'],
      ['extras array', { kind: 'totp', key, extras: ['a'] }, 'INVALID_TOKEN'],
      ['extras empty name', { kind: 'totp', key, extras: { '': 'x' } }, 'INVALID_TOKEN'],
    ];
    for (const [what, input, expected] of cases)
      expect(
        code(() => normalizeToken(input as TokenInput)),
        what,
      ).toBe(expected);
  });

  test('a misspelt field names the field it was probably meant to be', () => {
    expect(() => normalizeToken({ kind: 'totp', key, peroid: 60 } as TokenInput)).toThrow(/"peroid".*did you mean "period"/);
    expect(() => normalizeToken({ kind: 'totp', secret: key } as unknown as TokenInput)).toThrow(/unknown key "secret"/);
  });

  test('messages never print key bytes', () => {
    const secret = new Uint8Array([0xde, 0xad, 0xbe, 0xef]);
    for (const input of [
      { kind: 'x', key: secret },
      { kind: 'totp', key: secret, digits: 3 },
      { kind: 'totp', key: Array.from(secret) },
    ]) {
      try {
        normalizeToken(input as TokenInput);
      } catch (e) {
        expect(String(e)).not.toMatch(/222|173|190|239|dead|beef/i);
      }
    }
  });
});

/** Random token inputs of every kind, in loose spellings. */
export const tokenInputArb: fc.Arbitrary<TokenInput> = fc.oneof(
  fc.record(
    {
      kind: fc.constant('totp' as const),
      key: fc.uint8Array({ minLength: 1, maxLength: 80 }),
      algorithm: fc.constantFrom('SHA1', 'sha-224', 'SHA256', 'sha384', 'SHA-512'),
      digits: fc.integer({ min: 6, max: 10 }),
      period: fc.integer({ min: 1, max: 2 ** 32 }),
      t0: fc.integer({ min: -1e9, max: 1e9 }),
      issuer: fc.string({ maxLength: 20 }),
      account: fc.string({ maxLength: 20 }),
    },
    { requiredKeys: ['kind', 'key'] },
  ),
  fc.record(
    {
      kind: fc.constant('hotp' as const),
      key: fc.uint8Array({ minLength: 1, maxLength: 80 }),
      counter: fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.nat()),
      serial: fc.string({ maxLength: 20 }),
    },
    { requiredKeys: ['kind', 'key'] },
  ),
  fc.record({ kind: fc.constant('steam' as const), key: fc.uint8Array({ minLength: 1, maxLength: 40 }) }),
  fc.record({
    kind: fc.constant('ocra' as const),
    key: fc.uint8Array({ minLength: 1, maxLength: 64 }),
    suite: fc.constantFrom('OCRA-1:HOTP-SHA1-6:QN08', 'OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1', 'OCRA-1:HOTP-SHA512-8:QN08-T1M'),
  }),
);

test('the normal form is a fixed point: normalizing a token again gives it back', () => {
  fc.assert(
    fc.property(tokenInputArb, (input) => {
      const t = normalizeToken(input);
      expect(normalizeToken(t)).toEqual(t);
    }),
    { numRuns: 2_000, seed: 14 },
  );
});
