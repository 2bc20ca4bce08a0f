/**
 * The SHA-1 compression function (FIPS 180-4 §6.1.2) on 32-bit words, for the HMAC kernel of
 * `_kernel.ts`. It owns no memory: the caller passes the state, an 80-word schedule whose first
 * 16 words are the block, and where to write the new state, so a window of candidates allocates
 * nothing. Checked against @noble/hashes by the differential tests.
 * @module
 */

/** SHA-1's initial hash value H(0) (FIPS 180-4 §5.3.1). */
export const SHA1_IV: readonly number[] = /* @__PURE__ */ Object.freeze([
  0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0,
]);

/**
 * One compression: `out[o … o+4] = state + rounds(state, w[0 … 15])`. `w` must have 80 words;
 * words 16 … 79 are overwritten with the message schedule. `out` may be `state` itself, or the
 * first words of another block (the outer HMAC block takes the inner digest that way).
 */
export function sha1Compress(state: Int32Array, w: Int32Array, out: Int32Array, o: number): void {
  for (let t = 16; t < 80; t++) {
    const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
    w[t] = (x << 1) | (x >>> 31);
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!, e = state[4]!;
  // Four loops of 20 rounds (Ch, parity, Maj, parity: no branch on t inside a loop), five rounds
  // per iteration with the variables' roles rotated instead of moved: round t's e becomes round
  // t+1's a, so only e and b are written per round. Round constants K are in int32 form.
  for (let t = 0; t < 20; t += 5) {
    e = (((a << 5) | (a >>> 27)) + (d ^ (b & (c ^ d))) + e + w[t + 0]! + 0x5a827999) | 0;
    b = (b << 30) | (b >>> 2);
    d = (((e << 5) | (e >>> 27)) + (c ^ (a & (b ^ c))) + d + w[t + 1]! + 0x5a827999) | 0;
    a = (a << 30) | (a >>> 2);
    c = (((d << 5) | (d >>> 27)) + (b ^ (e & (a ^ b))) + c + w[t + 2]! + 0x5a827999) | 0;
    e = (e << 30) | (e >>> 2);
    b = (((c << 5) | (c >>> 27)) + (a ^ (d & (e ^ a))) + b + w[t + 3]! + 0x5a827999) | 0;
    d = (d << 30) | (d >>> 2);
    a = (((b << 5) | (b >>> 27)) + (e ^ (c & (d ^ e))) + a + w[t + 4]! + 0x5a827999) | 0;
    c = (c << 30) | (c >>> 2);
  }
  for (let t = 20; t < 40; t += 5) {
    e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + w[t + 0]! + 0x6ed9eba1) | 0;
    b = (b << 30) | (b >>> 2);
    d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + w[t + 1]! + 0x6ed9eba1) | 0;
    a = (a << 30) | (a >>> 2);
    c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + w[t + 2]! + 0x6ed9eba1) | 0;
    e = (e << 30) | (e >>> 2);
    b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + w[t + 3]! + 0x6ed9eba1) | 0;
    d = (d << 30) | (d >>> 2);
    a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + w[t + 4]! + 0x6ed9eba1) | 0;
    c = (c << 30) | (c >>> 2);
  }
  for (let t = 40; t < 60; t += 5) {
    e = (((a << 5) | (a >>> 27)) + ((b & c) | (d & (b | c))) + e + w[t + 0]! - 0x70e44324) | 0;
    b = (b << 30) | (b >>> 2);
    d = (((e << 5) | (e >>> 27)) + ((a & b) | (c & (a | b))) + d + w[t + 1]! - 0x70e44324) | 0;
    a = (a << 30) | (a >>> 2);
    c = (((d << 5) | (d >>> 27)) + ((e & a) | (b & (e | a))) + c + w[t + 2]! - 0x70e44324) | 0;
    e = (e << 30) | (e >>> 2);
    b = (((c << 5) | (c >>> 27)) + ((d & e) | (a & (d | e))) + b + w[t + 3]! - 0x70e44324) | 0;
    d = (d << 30) | (d >>> 2);
    a = (((b << 5) | (b >>> 27)) + ((c & d) | (e & (c | d))) + a + w[t + 4]! - 0x70e44324) | 0;
    c = (c << 30) | (c >>> 2);
  }
  for (let t = 60; t < 80; t += 5) {
    e = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + w[t + 0]! - 0x359d3e2a) | 0;
    b = (b << 30) | (b >>> 2);
    d = (((e << 5) | (e >>> 27)) + (a ^ b ^ c) + d + w[t + 1]! - 0x359d3e2a) | 0;
    a = (a << 30) | (a >>> 2);
    c = (((d << 5) | (d >>> 27)) + (e ^ a ^ b) + c + w[t + 2]! - 0x359d3e2a) | 0;
    e = (e << 30) | (e >>> 2);
    b = (((c << 5) | (c >>> 27)) + (d ^ e ^ a) + b + w[t + 3]! - 0x359d3e2a) | 0;
    d = (d << 30) | (d >>> 2);
    a = (((b << 5) | (b >>> 27)) + (c ^ d ^ e) + a + w[t + 4]! - 0x359d3e2a) | 0;
    c = (c << 30) | (c >>> 2);
  }
  out[o] = (state[0]! + a) | 0;
  out[o + 1] = (state[1]! + b) | 0;
  out[o + 2] = (state[2]! + c) | 0;
  out[o + 3] = (state[3]! + d) | 0;
  out[o + 4] = (state[4]! + e) | 0;
}
