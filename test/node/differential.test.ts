// hotp()/totp()/verify* against an independent implementation (OpenSSL via node:crypto) on many
// random keys, counters, times and options. Seeded, so a failure is reproducible.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { hotp, totp, verifyHotp, verifyTotp } from '../../src/index.ts';
import { refHotp, refStep, type Alg } from './reference.ts';

const algorithm = fc.constantFrom<Alg>('SHA1', 'SHA256', 'SHA512');
// fast-check's default size keeps arrays to about ten elements whatever maxLength says, so the
// length is drawn first, over the whole range (block sizes 64 and 128 and keys hashed first).
const keyArb = fc.integer({ min: 1, max: 200 }).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
const counterArb = fc.oneof(
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  fc.bigInt({ min: 0n, max: 2n ** 32n + 5n }),
  fc.constantFrom(0n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 63n, 2n ** 64n - 1n),
);
const digitsArb = fc.integer({ min: 6, max: 10 });

test('hotp equals node:crypto on 30,000 random keys, counters, hashes and lengths', () => {
  let n = 0;
  fc.assert(
    fc.property(algorithm, keyArb, counterArb, digitsArb, (alg, key, counter, digits) => {
      const expected = refHotp(alg, key, counter, digits);
      expect(hotp(key, counter, { algorithm: alg, digits })).toBe(expected);
      if (counter <= BigInt(Number.MAX_SAFE_INTEGER)) {
        expect(hotp(key, Number(counter), { algorithm: alg, digits })).toBe(expected);
      }
      n++;
    }),
    { numRuns: 30_000, seed: 4226 },
  );
  expect(n).toBe(30_000);
});

test('totp equals node:crypto on 10,000 random times, periods and t0', () => {
  fc.assert(
    fc.property(
      algorithm,
      keyArb,
      fc.integer({ min: 0, max: 8.64e15 }),
      fc.oneof(fc.integer({ min: 1, max: 120 }), fc.integer({ min: 1, max: 2 ** 32 })),
      fc.integer({ min: 0, max: 2e9 }),
      digitsArb,
      (alg, key, nowMs, period, t0, digits) => {
        fc.pre(nowMs >= t0 * 1000);
        const step = refStep(nowMs, period, t0);
        expect(totp(key, { now: nowMs, period, t0, digits, algorithm: alg })).toBe(refHotp(alg, key, step, digits));
      },
    ),
    { numRuns: 10_000, seed: 6238 },
  );
});

test('verifyHotp scans exactly the window the reference scans', () => {
  fc.assert(
    fc.property(keyArb, counterArb, fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 50 }), (key, counter, window, offset) => {
      const target = counter + BigInt(offset);
      fc.pre(target < 2n ** 64n);
      const token = refHotp('SHA1', key, target, 10);
      // 10 digits: a chance collision inside the window has probability < 1e-8 per run.
      expect(verifyHotp(token, key, counter, { window, digits: 10 })).toEqual(offset <= window ? { delta: offset } : null);
    }),
    { numRuns: 2_000, seed: 74 },
  );
});

test('verifyTotp accepts exactly T+drift-past … T+drift+future above `after`', () => {
  fc.assert(
    fc.property(
      keyArb,
      fc.integer({ min: 0, max: 4e15 }),
      fc.integer({ min: 1, max: 300 }),
      fc.record({ past: fc.integer({ min: 0, max: 5 }), future: fc.integer({ min: 0, max: 5 }) }),
      fc.integer({ min: -3, max: 3 }),
      fc.integer({ min: -8, max: 8 }),
      fc.integer({ min: -4, max: 4 }),
      (key, nowMs, period, window, drift, k, afterOffset) => {
        const T = Number(refStep(nowMs, period, 0));
        const step = T + drift + k;
        fc.pre(step >= 0);
        const after = T + drift + afterOffset;
        const token = refHotp('SHA1', key, BigInt(step), 10);
        const inside = k >= -window.past && k <= window.future && step > after;
        const got = verifyTotp(token, key, { now: nowMs, period, window, drift, after, digits: 10 });
        expect(got).toEqual(inside ? { delta: step - T, step } : null);
      },
    ),
    { numRuns: 3_000, seed: 6 },
  );
});
