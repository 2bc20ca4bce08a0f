// createVerifier against the plain functions on random keys, hashes, counters, times and
// options: the prepared keyed state must change nothing but the cost.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { createVerifier, hotp, resyncHotp, totp, verifyHotp, verifyTotp } from '../../src/index.ts';

const algorithm = fc.constantFrom('SHA1', 'SHA256', 'SHA512' as const);
const keyArb = fc.integer({ min: 1, max: 200 }).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
const counterArb = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 1000n }));

test('verifier methods equal the plain functions on 3,000 random inputs (and several verifiers side by side)', () => {
  fc.assert(
    fc.property(
      algorithm,
      keyArb,
      keyArb,
      counterArb,
      fc.integer({ min: 0, max: 4e15 }),
      fc.integer({ min: 0, max: 20 }),
      fc.integer({ min: 6, max: 8 }),
      (alg, key, otherKey, counter, now, window, digits) => {
        const v = createVerifier(key, { algorithm: alg });
        const other = createVerifier(otherKey, { algorithm: alg }); // shares the kernel's scratch
        const opts = { algorithm: alg, digits };
        const code = hotp(key, counter, opts);
        expect(v.hotp(counter, { digits })).toBe(code);
        expect(other.hotp(counter, { digits })).toBe(hotp(otherKey, counter, opts));
        const next = counter + BigInt(window) < 2n ** 64n ? hotp(key, counter + BigInt(window), opts) : code;
        expect(v.verifyHotp(next, counter, { window, digits })).toEqual(verifyHotp(next, key, counter, { ...opts, window }));
        const pair: [string, string] = [code, counter < 2n ** 64n - 1n ? hotp(key, counter + 1n, opts) : code];
        expect(v.resyncHotp(pair, counter, { window, digits })).toEqual(resyncHotp(pair, key, counter, { ...opts, window }));
        const t = totp(key, { ...opts, now: now + window * 30_000 });
        expect(v.totp({ now, digits })).toBe(totp(key, { ...opts, now }));
        expect(v.verifyTotp(t, { now, window, digits })).toEqual(verifyTotp(t, key, { ...opts, now, window }));
      },
    ),
    { numRuns: 3_000, seed: 2026 },
  );
});
