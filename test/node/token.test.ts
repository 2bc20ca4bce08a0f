// The one token model: normalizeToken's normal form, its refusals (each with its code), and the
// normal form as a fixed point over random inputs of every kind.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatOtpauthUri, normalizeToken, OtpError, parseMigrationExport, parseOtpauthUri, type TokenInput } from '../../src/index.ts';

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

describe('normalizeToken: the caps and shapes of text, extras and keys, named in the messages', () => {
  const message = (fn: () => unknown): string => {
    try {
      fn();
    } catch (e) {
      if (e instanceof OtpError) return `${e.code}: ${e.message}`;
      throw e;
    }
    throw new Error('expected an OtpError');
  };
  const base = { kind: 'totp', key } as const;

  test('text fields: 4096 characters are kept, 4097 are refused naming the field and the cap', () => {
    expect(normalizeToken({ ...base, issuer: 'i'.repeat(4096) }).issuer).toHaveLength(4096);
    expect(message(() => normalizeToken({ ...base, issuer: 'i'.repeat(4097) }))).toMatch(/^INVALID_TOKEN: token\.issuer is 4097 characters long; at most 4096/);
  });

  test('extras: an object of strings, 64 entries at most, each name and value named in messages', () => {
    for (const extras of ['ab', ['a'], null, 5]) {
      expect(message(() => normalizeToken({ ...base, extras: extras as never }))).toMatch(/^INVALID_TOKEN: token\.extras must be an object of strings, got /);
    }
    const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`x.${i}`, 'v']));
    expect(Object.keys(normalizeToken({ ...base, extras: many(64) }).extras!)).toHaveLength(64);
    expect(message(() => normalizeToken({ ...base, extras: many(65) }))).toMatch(/^INVALID_TOKEN: token\.extras has 65 entries; at most 64/);
    expect(message(() => normalizeToken({ ...base, extras: { '': 'v' } }))).toMatch(/^INVALID_TOKEN: an extras name is empty/);
    expect(message(() => normalizeToken({ ...base, extras: { ['n'.repeat(4097)]: 'v' } }))).toMatch(/^INVALID_TOKEN: an extras name is 4097 characters long/);
    for (const v of [undefined, 5, null]) {
      expect(message(() => normalizeToken({ ...base, extras: { 'x.y': v as never } }))).toMatch(
        /^INVALID_TOKEN: token\.extras\["x\.y"\] must be a string, got /,
      );
    }
    expect(message(() => normalizeToken({ ...base, extras: { 'x.y': 'v'.repeat(16_385) } }))).toMatch(
      /^INVALID_TOKEN: token\.extras\["x\.y"\] is 16385 characters long; at most 16384/,
    );
  });

  test('each numeric field is named with its unit; an unknown field is named as one of the token', () => {
    expect(message(() => normalizeToken({ ...base, digits: 11 }))).toMatch(/^INVALID_DIGITS: token\.digits must be/);
    expect(message(() => normalizeToken({ ...base, period: 0 }))).toMatch(/^INVALID_PERIOD: token\.period \(seconds\) must be/);
    expect(message(() => normalizeToken({ ...base, t0: 0.5 }))).toMatch(/^INVALID_T0: token\.t0 \(seconds\) must be/);
    expect(message(() => normalizeToken({ kind: 'hotp', key, counter: -1 }))).toMatch(/^INVALID_COUNTER: token\.counter must be/);
    expect(message(() => normalizeToken({ ...base, perod: 30 } as never))).toMatch(/^INVALID_TOKEN: .*token.*perod/);
    expect(normalizeToken({ ...base, digits: 8 }).digits).toBe(8); // a TOTP token takes digits
  });

  test('keys: 1 to 1024 bytes, the length told', () => {
    expect(normalizeToken({ ...base, key: new Uint8Array(1024) }).key).toHaveLength(1024);
    expect(message(() => normalizeToken({ ...base, key: new Uint8Array(1025) }))).toBe('INVALID_KEY: token.key must be 1 to 1024 bytes, got 1025');
    expect(message(() => normalizeToken({ ...base, key: new Uint8Array(0) }))).toBe('INVALID_KEY: token.key must be 1 to 1024 bytes, got 0');
  });
});

describe('labels (Key Uri Format): issuer parameter, prefix, and what no label can carry', () => {
  const uri = (label: string, issuer?: string) => `otpauth://totp/${label}?secret=JBSWY3DPEHPK3PXP${issuer === undefined ? '' : `&issuer=${issuer}`}`;
  test('an empty issuer parameter is absent: the label prefix gives the issuer', () => {
    expect(parseOtpauthUri(uri('ACME:alice', ''))).toMatchObject({ issuer: 'ACME', account: 'alice' });
    expect(parseOtpauthUri(uri(':alice', ''))).toStrictEqual(parseOtpauthUri(uri(':alice')));
  });

  test("a prefix that reads 'undefined' is an issuer like any other", () => {
    expect(parseOtpauthUri(uri('undefined:alice'))).toMatchObject({ issuer: 'undefined', account: 'alice' });
  });

  test('an export entry without an issuer has no issuer field at all, skipped or not', () => {
    // An MD5 account named "x" (skipped), then the same named "ACME:x" (vectors/migration.json).
    const entry = (name: string) => {
      const n = new TextEncoder().encode(name);
      const inner = [0x0a, 0x06, ...new TextEncoder().encode('Hello!'), 0x12, n.length, ...n, 0x20, 0x04, 0x28, 0x01, 0x30, 0x02];
      return [0x0a, inner.length, ...inner];
    };
    const exported = (name: string) =>
      parseMigrationExport(`otpauth-migration://offline?data=${encodeURIComponent(btoa(String.fromCharCode(...entry(name))))}`).skipped[0];
    expect(exported('x')).toStrictEqual({ index: 0, account: 'x', code: 'INVALID_ALGORITHM', reason: expect.stringContaining('MD5') });
    expect(exported(':x')).toStrictEqual({ index: 0, account: 'x', code: 'INVALID_ALGORITHM', reason: expect.stringContaining('MD5') });
    expect(exported('ACME:x')).toStrictEqual({ index: 0, issuer: 'ACME', account: 'x', code: 'INVALID_ALGORITHM', reason: expect.stringContaining('MD5') });
  });

  test('the one pair no label can carry is refused by name', () => {
    // The label ": y:z" would read back as issuer ": y" and account "z".
    expect(() => formatOtpauthUri({ kind: 'totp', key, issuer: ': y', account: ' y:z' })).toThrow(
      expect.objectContaining({ code: 'INVALID_URI', message: expect.stringContaining('cannot be told apart in a label') }),
    );
  });
});
