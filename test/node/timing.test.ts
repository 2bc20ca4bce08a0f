// Verifiers must not leak through an early exit where a secret-derived value meets the token:
// the token is parsed once to an integer and compared with each candidate's value as an
// integer, so how many leading digits agree changes nothing. Here the kernel is wrapped to count
// the candidates it computes (it computes runs of counters, four or two at a time with SIMD): a
// token that shares 5 of 6 digits with a code of the window, one that shares none, and a random
// one all cost exactly the whole window. Only a true HOTP match may end a scan early; verifyTotp
// computes the whole window even then.
import { expect, test, vi } from 'vitest';

let candidates = 0;
vi.mock('../../src/_kernel.ts', async (original) => {
  const real = await original<typeof import('../../src/_kernel.ts')>();
  return {
    ...real,
    otpKernel: (...args: Parameters<typeof real.otpKernel>) => {
      const kernel = real.otpKernel(...args);
      return (hi: number, lo: number, count: number) => {
        candidates += count;
        return kernel(hi, lo, count);
      };
    },
  };
});

const { hotp, totp, verifyHotp, verifyTotp, resyncHotp } = await import('../../src/index.ts');

/** The same code with its digit at `i` changed. */
const near = (code: string, i: number) => code.slice(0, i) + String((Number(code[i]) + 5) % 10) + code.slice(i + 1);

test('verifyHotp and resyncHotp scan the whole window whatever digits the token shares with a candidate', () => {
  const key = new TextEncoder().encode('12345678901234567890');
  const window = 50;
  const code = hotp(key, 20); // inside the window, at delta 20
  for (let i = 0; i < 6; i++) {
    const token = near(code, i);
    if (verifyHotp(token, key, 0, { window }) !== null) continue; // a chance match elsewhere: skip
    candidates = 0;
    expect(verifyHotp(token, key, 0, { window })).toBeNull();
    expect(candidates, `digit ${i} differs`).toBe(window + 1);
  }
  candidates = 0;
  expect(verifyHotp(code, key, 0, { window })).toEqual({ delta: 20 });
  // A match ends the scan after the run of counters that holds it (runs of 4, 8, 16: 28 in all):
  // it reveals only what the answer reveals.
  expect(candidates).toBe(4 + 8 + 16);
  const pair: [string, string] = [near(code, 5), near(hotp(key, 21), 0)];
  candidates = 0;
  expect(resyncHotp(pair, key, 0, { window })).toBeNull();
  expect(candidates).toBe(window + 2);
});

test('verifyTotp scans the whole window whatever digits the token shares with a candidate', () => {
  const key = new TextEncoder().encode('12345678901234567890');
  const now = 1_700_000_000_000;
  const window = 10;
  const code = totp(key, { now: now - 3 * 30_000 });
  for (let i = 0; i < 6; i++) {
    const token = near(code, i);
    if (verifyTotp(token, key, { now, window }) !== null) continue;
    candidates = 0;
    expect(verifyTotp(token, key, { now, window })).toBeNull();
    expect(candidates, `digit ${i} differs`).toBe(2 * window + 1);
  }
  // A match costs the whole window too, wherever it is.
  candidates = 0;
  expect(verifyTotp(code, key, { now, window })).toEqual({ delta: -3, step: Math.floor(now / 30_000) - 3 });
  expect(candidates).toBe(2 * window + 1);
  // A malformed token costs no HMAC at all: it is refused before the scan.
  candidates = 0;
  expect(verifyTotp('12345', key, { now, window })).toBeNull();
  expect(candidates).toBe(0);
});
