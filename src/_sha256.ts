/**
 * The SHA-256 compression function (FIPS 180-4 §6.2.2) on 32-bit words, for the HMAC kernel of
 * `_kernel.ts`: caller-owned state and schedule, nothing allocated. Checked against
 * @noble/hashes by the differential tests.
 * @module
 */
import { SHA384_IV, SHA512_IV, SHA512_K } from './_sha512.ts';

/**
 * H(0) (FIPS 180-4 §5.3.3): the first 32 bits of the fractional parts of the square roots of the
 * first 8 primes, which are the high halves of SHA-512's H(0) (§5.3.5, the first 64 bits).
 */
export const SHA256_IV: readonly number[] = /* @__PURE__ */ Object.freeze(SHA512_IV.filter((_, i) => i % 2 === 0));

/**
 * SHA-224's H(0) (FIPS 180-4 §5.3.2): the second 32 bits of the fractional parts of the square
 * roots of the 9th to 16th primes, which are the low halves of SHA-384's H(0) (§5.3.4).
 */
export const SHA224_IV: readonly number[] = /* @__PURE__ */ Object.freeze(SHA384_IV.filter((_, i) => i % 2 === 1));

/**
 * K (FIPS 180-4 §4.2.2): the first 32 bits of the fractional parts of the cube roots of the first
 * 64 primes, which are the high halves of SHA-512's first 64 K words (§4.2.3, the first 64 bits).
 * Derived, so the bundle carries these random-looking words once; the tests compare the IVs with
 * noble's, and any wrong K word would fail the differential tests.
 */
export const SHA256_K = /* @__PURE__ */ Int32Array.from({ length: 64 }, (_, i) => SHA512_K[2 * i]!);

/**
 * One compression: `out[o … o+7] = state + rounds(state, w[0 … 15])`. `w` must have 64 words;
 * words 16 … 63 are overwritten with the message schedule. `out` may be `state` itself or the
 * first words of another block.
 */
export function sha256Compress(state: Int32Array, w: Int32Array, out: Int32Array, o: number): void {
  // Stryker disable next-line EqualityOperator: w has exactly 64 words (the contract; every caller's schedule is an Int32Array(64)): a write at w[64] is dropped
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15]!;
    const y = w[t - 2]!;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = (s1 + w[t - 7]! + s0 + w[t - 16]!) | 0;
  }
  let a = state[0]!,
    b = state[1]!,
    c = state[2]!,
    d = state[3]!;
  let e = state[4]!,
    f = state[5]!,
    g = state[6]!,
    h = state[7]!;
  // Eight rounds per iteration with the variables' roles rotated instead of moved (round t's h
  // is round t+1's a), so only d and h are written per round. Each round is
  // T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t]; d += T1; h = T1 + Σ0(a) + Maj(a, b, c),
  // with Maj(a, b, c) = (a & b) ^ (c & (a ^ b)), one operation fewer than the spec's form.
  for (let t = 0; t < 64; t += 8) {
    // Stryker disable next-line ArithmeticOperator: t - 0 is t + 0; the + 0 keeps the eight rounds alike, which brotli packs 31 bytes smaller (bundle.test's budget)
    h = (h + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) + (g ^ (e & (f ^ g))) + SHA256_K[t + 0]! + w[t + 0]!) | 0;
    d = (d + h) | 0;
    h = (h + (((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) + ((a & b) ^ (c & (a ^ b)))) | 0;
    g = (g + (((d >>> 6) | (d << 26)) ^ ((d >>> 11) | (d << 21)) ^ ((d >>> 25) | (d << 7))) + (f ^ (d & (e ^ f))) + SHA256_K[t + 1]! + w[t + 1]!) | 0;
    c = (c + g) | 0;
    g = (g + (((h >>> 2) | (h << 30)) ^ ((h >>> 13) | (h << 19)) ^ ((h >>> 22) | (h << 10))) + ((h & a) ^ (b & (h ^ a)))) | 0;
    f = (f + (((c >>> 6) | (c << 26)) ^ ((c >>> 11) | (c << 21)) ^ ((c >>> 25) | (c << 7))) + (e ^ (c & (d ^ e))) + SHA256_K[t + 2]! + w[t + 2]!) | 0;
    b = (b + f) | 0;
    f = (f + (((g >>> 2) | (g << 30)) ^ ((g >>> 13) | (g << 19)) ^ ((g >>> 22) | (g << 10))) + ((g & h) ^ (a & (g ^ h)))) | 0;
    e = (e + (((b >>> 6) | (b << 26)) ^ ((b >>> 11) | (b << 21)) ^ ((b >>> 25) | (b << 7))) + (d ^ (b & (c ^ d))) + SHA256_K[t + 3]! + w[t + 3]!) | 0;
    a = (a + e) | 0;
    e = (e + (((f >>> 2) | (f << 30)) ^ ((f >>> 13) | (f << 19)) ^ ((f >>> 22) | (f << 10))) + ((f & g) ^ (h & (f ^ g)))) | 0;
    d = (d + (((a >>> 6) | (a << 26)) ^ ((a >>> 11) | (a << 21)) ^ ((a >>> 25) | (a << 7))) + (c ^ (a & (b ^ c))) + SHA256_K[t + 4]! + w[t + 4]!) | 0;
    h = (h + d) | 0;
    d = (d + (((e >>> 2) | (e << 30)) ^ ((e >>> 13) | (e << 19)) ^ ((e >>> 22) | (e << 10))) + ((e & f) ^ (g & (e ^ f)))) | 0;
    c = (c + (((h >>> 6) | (h << 26)) ^ ((h >>> 11) | (h << 21)) ^ ((h >>> 25) | (h << 7))) + (b ^ (h & (a ^ b))) + SHA256_K[t + 5]! + w[t + 5]!) | 0;
    g = (g + c) | 0;
    c = (c + (((d >>> 2) | (d << 30)) ^ ((d >>> 13) | (d << 19)) ^ ((d >>> 22) | (d << 10))) + ((d & e) ^ (f & (d ^ e)))) | 0;
    b = (b + (((g >>> 6) | (g << 26)) ^ ((g >>> 11) | (g << 21)) ^ ((g >>> 25) | (g << 7))) + (a ^ (g & (h ^ a))) + SHA256_K[t + 6]! + w[t + 6]!) | 0;
    f = (f + b) | 0;
    b = (b + (((c >>> 2) | (c << 30)) ^ ((c >>> 13) | (c << 19)) ^ ((c >>> 22) | (c << 10))) + ((c & d) ^ (e & (c ^ d)))) | 0;
    a = (a + (((f >>> 6) | (f << 26)) ^ ((f >>> 11) | (f << 21)) ^ ((f >>> 25) | (f << 7))) + (h ^ (f & (g ^ h))) + SHA256_K[t + 7]! + w[t + 7]!) | 0;
    e = (e + a) | 0;
    a = (a + (((b >>> 2) | (b << 30)) ^ ((b >>> 13) | (b << 19)) ^ ((b >>> 22) | (b << 10))) + ((b & c) ^ (d & (b ^ c)))) | 0;
  }
  out[o] = (state[0]! + a) | 0;
  out[o + 1] = (state[1]! + b) | 0;
  out[o + 2] = (state[2]! + c) | 0;
  out[o + 3] = (state[3]! + d) | 0;
  out[o + 4] = (state[4]! + e) | 0;
  out[o + 5] = (state[5]! + f) | 0;
  out[o + 6] = (state[6]! + g) | 0;
  out[o + 7] = (state[7]! + h) | 0;
}
