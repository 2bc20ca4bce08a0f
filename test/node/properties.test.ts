// Properties of the codecs and verifiers: round trips, leniency, and that nothing but OtpError
// ever escapes, whatever the input.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { base32Decode, base32Encode, hexDecode, hexEncode, hotp, OtpError, resyncHotp, verifyHotp, verifyTotp } from '../../src/index.ts';

const onlyOtpError = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OtpError);
    expect(typeof (e as OtpError).code).toBe('string');
  }
};

test('base32: decode(encode(b)) = b, with or without padding', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 100 }), fc.boolean(), (bytes, padding) => {
      const text = base32Encode(bytes, { padding });
      expect(text).toMatch(padding ? /^[A-Z2-7]*=*$/ : /^[A-Z2-7]*$/);
      expect(text.length % 8 === 0 || !padding).toBe(true);
      expect(base32Decode(text)).toEqual(bytes);
    }),
    { numRuns: 2_000 },
  );
});

test('base32: case, separators and missing padding never change the bytes', () => {
  const messy = fc.uint8Array({ minLength: 1, maxLength: 64 }).chain((bytes) =>
    fc
      .tuple(
        fc.array(fc.boolean(), { minLength: 200, maxLength: 200 }),
        fc.array(fc.constantFrom('', '', '', ' ', '-', '\n', '\t', '\r\n'), { minLength: 200, maxLength: 200 }),
        fc.boolean(),
      )
      .map(([lower, seps, pad]) => {
        const canonical = base32Encode(bytes, { padding: pad });
        const body = canonical.replace(/=+$/, '');
        let text = '';
        for (let i = 0; i < body.length; i++) text += (lower[i] ? body[i]!.toLowerCase() : body[i]!) + seps[i]!;
        return { bytes, text: text + canonical.slice(body.length) };
      }),
  );
  fc.assert(
    fc.property(messy, ({ bytes, text }) => {
      expect(base32Decode(text)).toEqual(bytes);
    }),
    { numRuns: 2_000 },
  );
});

test('base32/hex decoders throw only OtpError on any string', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^[A-Za-z2-9 =-]*$/)), (s) => {
      onlyOtpError(() => base32Decode(s));
      onlyOtpError(() => hexDecode(s));
    }),
    { numRuns: 5_000 },
  );
});

test('hex: decode(encode(b)) = b in either case', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
      expect(hexDecode(hexEncode(bytes))).toEqual(bytes);
      expect(hexDecode(hexEncode(bytes).toUpperCase())).toEqual(bytes);
    }),
  );
});

test('verifiers never throw on any token value and match only exact digit strings', () => {
  const key = new TextEncoder().encode('12345678901234567890');
  fc.assert(
    fc.property(fc.oneof(fc.anything(), fc.string(), fc.stringMatching(/^\d{5,7}$/)), (token) => {
      const h = verifyHotp(token as string, key, 0, { window: 2 });
      const t = verifyTotp(token as string, key, { now: 1e12 });
      const r = resyncHotp([token as string, token as string], key, 0, { window: 2 });
      const exact = typeof token === 'string' && /^[0-9]{6}$/.test(token);
      if (!exact) expect([h, t, r]).toEqual([null, null, null]);
      if (h) expect(hotp(key, h.delta)).toBe(token);
    }),
    { numRuns: 5_000 },
  );
});

test('options that are wrong throw OtpError, never another error', () => {
  const key = new Uint8Array(20);
  fc.assert(
    fc.property(fc.anything(), fc.anything(), (a, b) => {
      onlyOtpError(() => hotp(key, a as number, { digits: b as number }));
      onlyOtpError(() => verifyHotp('123456', key, 0, { window: a as number, algorithm: b as 'SHA1' }));
      onlyOtpError(() => verifyTotp('123456', key, { now: a as number, window: b as number }));
      onlyOtpError(() => verifyTotp('123456', key, { period: a as number, t0: b as number, drift: a as number, after: b as number }));
      onlyOtpError(() => hotp(a as Uint8Array, 0));
    }),
    { numRuns: 3_000 },
  );
});
