// The layers under hotp(), tested alone against the intermediate values RFC 4226 Appendix D
// publishes: the HMAC-SHA-1 of each counter, and its dynamic truncation.
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { describe, expect, test } from 'vitest';
import rfc4226 from '../../vectors/rfc4226.json' with { type: 'json' };
import { counterWords } from '../../src/_counter.ts';
import { formatCode, otpGenerator, tokenValue, truncate } from '../../src/_otp.ts';
import { hexDecode, hexEncode } from '../../src/encoding.ts';

const key = hexDecode(rfc4226.key_hex);

test('RFC 4226 Appendix D: HMAC-SHA-1 per counter, its truncation, and the generator', () => {
  const generate = otpGenerator('SHA1', key);
  for (const v of rfc4226.vectors) {
    const message = new Uint8Array(8);
    new DataView(message.buffer).setUint32(4, v.counter);
    const mac = hmac(sha1, key, message);
    expect(hexEncode(mac)).toBe(v.hmacSha1);
    expect(truncate(mac)).toBe(v.truncated);
    expect(generate(0, v.counter, 1)[0]).toBe(v.truncated);
    expect(formatCode(v.truncated, 6)).toBe(v.hotp);
  }
});

test('the generator gives the same value when called again, in any order (state is reset per call)', () => {
  const generate = otpGenerator('SHA512', key);
  const first = [5, 1, 5, 0, 2 ** 32 - 1].map((c) => generate(0, c, 1)[0]);
  const again = [5, 1, 5, 0, 2 ** 32 - 1].map((c) => generate(0, c, 1)[0]);
  expect(again).toEqual(first);
  expect(first[0]).toBe(first[2]);
});

test('errata 6756: the truncation offset is the low nibble of the LAST byte, for any length', () => {
  for (const length of [20, 32, 64]) {
    const mac = new Uint8Array(length);
    mac[length - 1] = 0xf3; // offset 3
    mac.set([0xff, 0x01, 0x02, 0x03], 3); // top bit must be masked
    if (length > 20) mac[19] = 0x0a; // what an implementation reading byte 19 would use on SHA-256/512
    expect(truncate(mac)).toBe(0x7f010203);
  }
});

test('counter halves and token parsing', () => {
  expect(counterWords(0)).toEqual({ hi: 0, lo: 0 });
  expect(counterWords(2 ** 32 + 1)).toEqual({ hi: 1, lo: 1 });
  expect(counterWords(Number.MAX_SAFE_INTEGER)).toEqual({ hi: 0x1fffff, lo: 0xffffffff });
  expect(counterWords(2n ** 64n - 1n)).toEqual({ hi: 0xffffffff, lo: 0xffffffff });
  expect(tokenValue('000123', 6)).toBe(123);
  expect(tokenValue('9999999999', 10)).toBe(9999999999);
  expect(tokenValue('12345', 6)).toBe(-1);
  expect(tokenValue('12345/', 6)).toBe(-1);
  expect(tokenValue('12345:', 6)).toBe(-1);
  expect(formatCode(1284755224, 10)).toBe('1284755224');
  expect(formatCode(7, 8)).toBe('00000007');
});

describe('checkedObject: unknown keys are misuse, with the nearest known key named', () => {
  test('known keys pass, unknown ones throw with a suggestion', async () => {
    const { checkedObject, nearest } = await import('../../src/_validate.ts');
    const known = ['digits', 'algorithm', 'window'] as const;
    expect(checkedObject({ digits: 8 }, known)).toEqual({ digits: 8 });
    expect(checkedObject(undefined, known)).toEqual({});
    expect(() => checkedObject({ digit: 8 } as object, known)).toThrow(/unknown key "digit"; did you mean "digits"\?/);
    expect(() => checkedObject({ Algorithm: 'SHA1' } as object, known)).toThrow(/did you mean "algorithm"/);
    expect(() => checkedObject({ zzzzzz: 1 } as object, known)).toThrow(/unknown key "zzzzzz" \(known: digits, algorithm, window\)/);
    expect(() => checkedObject([] as object, known)).toThrow(/options must be an object/);
    expect(() => checkedObject(null as unknown as object, known, 'token', 'INVALID_OPTIONS')).toThrow(/token must be an object/);
    // Inherited keys are not the caller's: only own keys are checked.
    expect(checkedObject(Object.create({ inherited: 1 }), known)).toEqual({});
    expect(nearest('widnow', known)).toBe('window');
    expect(nearest('peroid', ['period', 't0'])).toBe('period');
    expect(nearest('x', ['period'])).toBeUndefined();
  });
});

test('algorithm names: exactly SHA, an optional hyphen and the digits, in any case; nothing looser', async () => {
  const { algorithmName } = await import('../../src/_algorithm.ts');
  for (const [text, name] of [
    ['SHA1', 'SHA1'],
    ['sha-1', 'SHA1'],
    ['Sha224', 'SHA224'],
    ['SHA-256', 'SHA256'],
    ['sha384', 'SHA384'],
    ['sHa-512', 'SHA512'],
  ] as const) {
    expect(algorithmName(text)).toBe(name);
  }
  expect(algorithmName(undefined)).toBe('SHA1');
  // Issue 13, defect 6: each of these was accepted before.
  for (const bad of ['SHA2-56', 'ſha256', 'S-HA1', '-SHA1', 'SHA--1', 'SHA1-', 'SHA 1', 'SHA-2', 'MD5', 'SHA3-256', 'sha_256', '', 'SHA1\n']) {
    expect(() => algorithmName(bad), bad).toThrow(expect.objectContaining({ code: 'INVALID_ALGORITHM' }));
  }
});
