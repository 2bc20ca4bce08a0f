/**
 * The SHA-1 compression function (FIPS 180-4 §6.1.2) on 32-bit words, for the HMAC kernel of
 * `_kernel.ts` where WebAssembly cannot run (`_wasm.ts` has the faster one). Kept small: four
 * plain loops. It owns no memory: the caller passes the state, an 80-word schedule whose first
 * 16 words are the block, and where to write the new state, so a window of candidates allocates
 * nothing. Checked against @noble/hashes by the differential tests.
 * @module
 */

/** SHA-1's initial hash value H(0) (FIPS 180-4 §5.3.1). */
export const SHA1_IV: readonly number[] = /* @__PURE__ */ Object.freeze([0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]);

/**
 * One compression: `out[o … o+4] = state + rounds(state, w[0 … 15])`. `w` must have 80 words;
 * words 16 … 79 are overwritten with the message schedule. `out` may be `state` itself, or the
 * first words of another block (the outer HMAC block takes the inner digest that way).
 */
export function sha1Compress(state: Int32Array, w: Int32Array, out: Int32Array, o: number): void {
  // Stryker disable next-line EqualityOperator: w has exactly 80 words (the contract; every caller's schedule is an Int32Array(80)): a write at w[80] is dropped
  for (let t = 16; t < 80; t++) {
    const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
    w[t] = (x << 1) | (x >>> 31);
  }
  let a = state[0]!,
    b = state[1]!,
    c = state[2]!,
    d = state[3]!,
    e = state[4]!;
  // Four loops of 20 rounds instead of one with a branch on t: each loop body is straight-line.
  for (let t = 0; t < 20; t++) {
    const x = (((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + e + w[t]! + 0x5a827999) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = x;
  }
  for (let t = 20; t < 40; t++) {
    const x = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + w[t]! + 0x6ed9eba1) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = x;
  }
  for (let t = 40; t < 60; t++) {
    const x = (((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + e + w[t]! - 0x70e44324) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = x;
  }
  for (let t = 60; t < 80; t++) {
    const x = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + w[t]! - 0x359d3e2a) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = x;
  }
  out[o] = (state[0]! + a) | 0;
  out[o + 1] = (state[1]! + b) | 0;
  out[o + 2] = (state[2]! + c) | 0;
  out[o + 3] = (state[3]! + d) | 0;
  out[o + 4] = (state[4]! + e) | 0;
}
