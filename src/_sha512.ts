/**
 * The SHA-512 compression function (FIPS 180-4 §6.4.2) for the HMAC kernel of `_kernel.ts`.
 * JavaScript has no fast 64-bit integers, so every 64-bit word is a pair of int32 (high, low) and
 * additions carry by hand; all in caller-owned arrays, nothing allocated. Checked against
 * @noble/hashes by the differential tests.
 * @module
 */

/** H(0) (FIPS 180-4 §5.3.5) as (high, low) pairs: fractional parts of the square roots of the first 8 primes. */
export const SHA512_IV: readonly number[] = /* @__PURE__ */ Object.freeze([
  0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b, 0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1,
  0x510e527f, 0xade682d1, 0x9b05688c, 0x2b3e6c1f, 0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179,
]);

/**
 * K (FIPS 180-4 §4.2.3) as (high, low) pairs: the first 64 bits of the fractional parts of the cube
 * roots of the first 80 primes (exact integer-root computation; the differential tests check them).
 */
const K = /* @__PURE__ */ Int32Array.from([
  0x428a2f98, 0xd728ae22, 0x71374491, 0x23ef65cd, 0xb5c0fbcf, 0xec4d3b2f, 0xe9b5dba5, 0x8189dbbc,
  0x3956c25b, 0xf348b538, 0x59f111f1, 0xb605d019, 0x923f82a4, 0xaf194f9b, 0xab1c5ed5, 0xda6d8118,
  0xd807aa98, 0xa3030242, 0x12835b01, 0x45706fbe, 0x243185be, 0x4ee4b28c, 0x550c7dc3, 0xd5ffb4e2,
  0x72be5d74, 0xf27b896f, 0x80deb1fe, 0x3b1696b1, 0x9bdc06a7, 0x25c71235, 0xc19bf174, 0xcf692694,
  0xe49b69c1, 0x9ef14ad2, 0xefbe4786, 0x384f25e3, 0x0fc19dc6, 0x8b8cd5b5, 0x240ca1cc, 0x77ac9c65,
  0x2de92c6f, 0x592b0275, 0x4a7484aa, 0x6ea6e483, 0x5cb0a9dc, 0xbd41fbd4, 0x76f988da, 0x831153b5,
  0x983e5152, 0xee66dfab, 0xa831c66d, 0x2db43210, 0xb00327c8, 0x98fb213f, 0xbf597fc7, 0xbeef0ee4,
  0xc6e00bf3, 0x3da88fc2, 0xd5a79147, 0x930aa725, 0x06ca6351, 0xe003826f, 0x14292967, 0x0a0e6e70,
  0x27b70a85, 0x46d22ffc, 0x2e1b2138, 0x5c26c926, 0x4d2c6dfc, 0x5ac42aed, 0x53380d13, 0x9d95b3df,
  0x650a7354, 0x8baf63de, 0x766a0abb, 0x3c77b2a8, 0x81c2c92e, 0x47edaee6, 0x92722c85, 0x1482353b,
  0xa2bfe8a1, 0x4cf10364, 0xa81a664b, 0xbc423001, 0xc24b8b70, 0xd0f89791, 0xc76c51a3, 0x0654be30,
  0xd192e819, 0xd6ef5218, 0xd6990624, 0x5565a910, 0xf40e3585, 0x5771202a, 0x106aa070, 0x32bbd1b8,
  0x19a4c116, 0xb8d2d0c8, 0x1e376c08, 0x5141ab53, 0x2748774c, 0xdf8eeb99, 0x34b0bcb5, 0xe19b48a8,
  0x391c0cb3, 0xc5c95a63, 0x4ed8aa4a, 0xe3418acb, 0x5b9cca4f, 0x7763e373, 0x682e6ff3, 0xd6b2b8a3,
  0x748f82ee, 0x5defb2fc, 0x78a5636f, 0x43172f60, 0x84c87814, 0xa1f0ab72, 0x8cc70208, 0x1a6439ec,
  0x90befffa, 0x23631e28, 0xa4506ceb, 0xde82bde9, 0xbef9a3f7, 0xb2c67915, 0xc67178f2, 0xe372532b,
  0xca273ece, 0xea26619c, 0xd186b8c7, 0x21c0c207, 0xeada7dd6, 0xcde0eb1e, 0xf57d4f7f, 0xee6ed178,
  0x06f067aa, 0x72176fba, 0x0a637dc5, 0xa2c898a6, 0x113f9804, 0xbef90dae, 0x1b710b35, 0x131c471b,
  0x28db77f5, 0x23047d84, 0x32caab7b, 0x40c72493, 0x3c9ebe0a, 0x15c9bebc, 0x431d67c4, 0x9c100d4c,
  0x4cc5d4be, 0xcb3e42b6, 0x597f299c, 0xfc657e2a, 0x5fcb6fab, 0x3ad6faec, 0x6c44198c, 0x4a475817,
]);

/**
 * One compression: `out[o … o+15] = state + rounds(state, w[0 … 31])`, 64-bit words as (high, low)
 * int32 pairs. `w` must have 160 words; words 32 … 159 are overwritten with the schedule.
 * `out` may be `state` itself or the first words of another block.
 */
export function sha512Compress(state: Int32Array, w: Int32Array, out: Int32Array, o: number): void {
  for (let i = 32; i < 160; i += 2) {
    // σ0(x) = ROTR1 ^ ROTR8 ^ SHR7 of W[t-15]; σ1(y) = ROTR19 ^ ROTR61 ^ SHR6 of W[t-2].
    const xh = w[i - 30]!, xl = w[i - 29]!;
    const yh = w[i - 4]!, yl = w[i - 3]!;
    const s0h = ((xh >>> 1) | (xl << 31)) ^ ((xh >>> 8) | (xl << 24)) ^ (xh >>> 7);
    const s0l = ((xl >>> 1) | (xh << 31)) ^ ((xl >>> 8) | (xh << 24)) ^ ((xl >>> 7) | (xh << 25));
    const s1h = ((yh >>> 19) | (yl << 13)) ^ ((yl >>> 29) | (yh << 3)) ^ (yh >>> 6);
    const s1l = ((yl >>> 19) | (yh << 13)) ^ ((yh >>> 29) | (yl << 3)) ^ ((yl >>> 6) | (yh << 26));
    const lo = (s1l >>> 0) + (w[i - 13]! >>> 0) + (s0l >>> 0) + (w[i - 31]! >>> 0);
    w[i] = (s1h + w[i - 14]! + s0h + w[i - 32]! + ((lo / 0x100000000) | 0)) | 0;
    w[i + 1] = lo | 0;
  }
  let ah = state[0]!, al = state[1]!, bh = state[2]!, bl = state[3]!;
  let ch = state[4]!, cl = state[5]!, dh = state[6]!, dl = state[7]!;
  let eh = state[8]!, el = state[9]!, fh = state[10]!, fl = state[11]!;
  let gh = state[12]!, gl = state[13]!, hh = state[14]!, hl = state[15]!;
  // Carries: a sum of unsigned low halves is an exact double below 2^35, and its carry into the
  // high half is (sum / 0x100000000) | 0. The divisor is written as a literal on purpose: V8
  // turns division by a constant power of two into a multiplication, but not through a
  // module-level const (that measured 25 % slower).
  // Eight rounds per iteration with the variables' roles rotated instead of moved (round t's h
  // is round t+1's a), so only d and h are written per round.
  // Σ1 = ROTR14 ^ ROTR18 ^ ROTR41, Σ0 = ROTR28 ^ ROTR34 ^ ROTR39 on (high, low) pairs; a
  // rotation by n > 32 is one by n - 32 with the halves swapped.
  // T1 is kept unnormalised (low sum as a double below 2^35, high sum not reduced) and added
  // into d and into T1 + T2 directly: two carries per round instead of three.
  let l = 0, tl = 0, th = 0;
  for (let i = 0; i < 160; i += 16) {
    // round t + 0: T1 = h + Σ1(e) + Ch(e, f, g) + K + W; d += T1; h = T1 + Σ0(a) + Maj(a, b, c)
    tl = (hl >>> 0) + ((((el >>> 14) | (eh << 18)) ^ ((el >>> 18) | (eh << 14)) ^ ((eh >>> 9) | (el << 23))) >>> 0) + ((gl ^ (el & (fl ^ gl))) >>> 0) + (K[i + 1]! >>> 0) + (w[i + 1]! >>> 0);
    th = hh + (((eh >>> 14) | (el << 18)) ^ ((eh >>> 18) | (el << 14)) ^ ((el >>> 9) | (eh << 23))) + (gh ^ (eh & (fh ^ gh))) + K[i]! + w[i]!;
    l = (dl >>> 0) + tl;
    dh = (dh + th + ((l / 0x100000000) | 0)) | 0;
    dl = l | 0;
    l = tl + ((((al >>> 28) | (ah << 4)) ^ ((ah >>> 2) | (al << 30)) ^ ((ah >>> 7) | (al << 25))) >>> 0) + (((al & bl) ^ (cl & (al ^ bl))) >>> 0);
    hh = (th + (((ah >>> 28) | (al << 4)) ^ ((al >>> 2) | (ah << 30)) ^ ((al >>> 7) | (ah << 25))) + ((ah & bh) ^ (ch & (ah ^ bh))) + ((l / 0x100000000) | 0)) | 0;
    hl = l | 0;
    // round t + 1: T1 = g + Σ1(d) + Ch(d, e, f) + K + W; c += T1; g = T1 + Σ0(h) + Maj(h, a, b)
    tl = (gl >>> 0) + ((((dl >>> 14) | (dh << 18)) ^ ((dl >>> 18) | (dh << 14)) ^ ((dh >>> 9) | (dl << 23))) >>> 0) + ((fl ^ (dl & (el ^ fl))) >>> 0) + (K[i + 3]! >>> 0) + (w[i + 3]! >>> 0);
    th = gh + (((dh >>> 14) | (dl << 18)) ^ ((dh >>> 18) | (dl << 14)) ^ ((dl >>> 9) | (dh << 23))) + (fh ^ (dh & (eh ^ fh))) + K[i + 2]! + w[i + 2]!;
    l = (cl >>> 0) + tl;
    ch = (ch + th + ((l / 0x100000000) | 0)) | 0;
    cl = l | 0;
    l = tl + ((((hl >>> 28) | (hh << 4)) ^ ((hh >>> 2) | (hl << 30)) ^ ((hh >>> 7) | (hl << 25))) >>> 0) + (((hl & al) ^ (bl & (hl ^ al))) >>> 0);
    gh = (th + (((hh >>> 28) | (hl << 4)) ^ ((hl >>> 2) | (hh << 30)) ^ ((hl >>> 7) | (hh << 25))) + ((hh & ah) ^ (bh & (hh ^ ah))) + ((l / 0x100000000) | 0)) | 0;
    gl = l | 0;
    // round t + 2: T1 = f + Σ1(c) + Ch(c, d, e) + K + W; b += T1; f = T1 + Σ0(g) + Maj(g, h, a)
    tl = (fl >>> 0) + ((((cl >>> 14) | (ch << 18)) ^ ((cl >>> 18) | (ch << 14)) ^ ((ch >>> 9) | (cl << 23))) >>> 0) + ((el ^ (cl & (dl ^ el))) >>> 0) + (K[i + 5]! >>> 0) + (w[i + 5]! >>> 0);
    th = fh + (((ch >>> 14) | (cl << 18)) ^ ((ch >>> 18) | (cl << 14)) ^ ((cl >>> 9) | (ch << 23))) + (eh ^ (ch & (dh ^ eh))) + K[i + 4]! + w[i + 4]!;
    l = (bl >>> 0) + tl;
    bh = (bh + th + ((l / 0x100000000) | 0)) | 0;
    bl = l | 0;
    l = tl + ((((gl >>> 28) | (gh << 4)) ^ ((gh >>> 2) | (gl << 30)) ^ ((gh >>> 7) | (gl << 25))) >>> 0) + (((gl & hl) ^ (al & (gl ^ hl))) >>> 0);
    fh = (th + (((gh >>> 28) | (gl << 4)) ^ ((gl >>> 2) | (gh << 30)) ^ ((gl >>> 7) | (gh << 25))) + ((gh & hh) ^ (ah & (gh ^ hh))) + ((l / 0x100000000) | 0)) | 0;
    fl = l | 0;
    // round t + 3: T1 = e + Σ1(b) + Ch(b, c, d) + K + W; a += T1; e = T1 + Σ0(f) + Maj(f, g, h)
    tl = (el >>> 0) + ((((bl >>> 14) | (bh << 18)) ^ ((bl >>> 18) | (bh << 14)) ^ ((bh >>> 9) | (bl << 23))) >>> 0) + ((dl ^ (bl & (cl ^ dl))) >>> 0) + (K[i + 7]! >>> 0) + (w[i + 7]! >>> 0);
    th = eh + (((bh >>> 14) | (bl << 18)) ^ ((bh >>> 18) | (bl << 14)) ^ ((bl >>> 9) | (bh << 23))) + (dh ^ (bh & (ch ^ dh))) + K[i + 6]! + w[i + 6]!;
    l = (al >>> 0) + tl;
    ah = (ah + th + ((l / 0x100000000) | 0)) | 0;
    al = l | 0;
    l = tl + ((((fl >>> 28) | (fh << 4)) ^ ((fh >>> 2) | (fl << 30)) ^ ((fh >>> 7) | (fl << 25))) >>> 0) + (((fl & gl) ^ (hl & (fl ^ gl))) >>> 0);
    eh = (th + (((fh >>> 28) | (fl << 4)) ^ ((fl >>> 2) | (fh << 30)) ^ ((fl >>> 7) | (fh << 25))) + ((fh & gh) ^ (hh & (fh ^ gh))) + ((l / 0x100000000) | 0)) | 0;
    el = l | 0;
    // round t + 4: T1 = d + Σ1(a) + Ch(a, b, c) + K + W; h += T1; d = T1 + Σ0(e) + Maj(e, f, g)
    tl = (dl >>> 0) + ((((al >>> 14) | (ah << 18)) ^ ((al >>> 18) | (ah << 14)) ^ ((ah >>> 9) | (al << 23))) >>> 0) + ((cl ^ (al & (bl ^ cl))) >>> 0) + (K[i + 9]! >>> 0) + (w[i + 9]! >>> 0);
    th = dh + (((ah >>> 14) | (al << 18)) ^ ((ah >>> 18) | (al << 14)) ^ ((al >>> 9) | (ah << 23))) + (ch ^ (ah & (bh ^ ch))) + K[i + 8]! + w[i + 8]!;
    l = (hl >>> 0) + tl;
    hh = (hh + th + ((l / 0x100000000) | 0)) | 0;
    hl = l | 0;
    l = tl + ((((el >>> 28) | (eh << 4)) ^ ((eh >>> 2) | (el << 30)) ^ ((eh >>> 7) | (el << 25))) >>> 0) + (((el & fl) ^ (gl & (el ^ fl))) >>> 0);
    dh = (th + (((eh >>> 28) | (el << 4)) ^ ((el >>> 2) | (eh << 30)) ^ ((el >>> 7) | (eh << 25))) + ((eh & fh) ^ (gh & (eh ^ fh))) + ((l / 0x100000000) | 0)) | 0;
    dl = l | 0;
    // round t + 5: T1 = c + Σ1(h) + Ch(h, a, b) + K + W; g += T1; c = T1 + Σ0(d) + Maj(d, e, f)
    tl = (cl >>> 0) + ((((hl >>> 14) | (hh << 18)) ^ ((hl >>> 18) | (hh << 14)) ^ ((hh >>> 9) | (hl << 23))) >>> 0) + ((bl ^ (hl & (al ^ bl))) >>> 0) + (K[i + 11]! >>> 0) + (w[i + 11]! >>> 0);
    th = ch + (((hh >>> 14) | (hl << 18)) ^ ((hh >>> 18) | (hl << 14)) ^ ((hl >>> 9) | (hh << 23))) + (bh ^ (hh & (ah ^ bh))) + K[i + 10]! + w[i + 10]!;
    l = (gl >>> 0) + tl;
    gh = (gh + th + ((l / 0x100000000) | 0)) | 0;
    gl = l | 0;
    l = tl + ((((dl >>> 28) | (dh << 4)) ^ ((dh >>> 2) | (dl << 30)) ^ ((dh >>> 7) | (dl << 25))) >>> 0) + (((dl & el) ^ (fl & (dl ^ el))) >>> 0);
    ch = (th + (((dh >>> 28) | (dl << 4)) ^ ((dl >>> 2) | (dh << 30)) ^ ((dl >>> 7) | (dh << 25))) + ((dh & eh) ^ (fh & (dh ^ eh))) + ((l / 0x100000000) | 0)) | 0;
    cl = l | 0;
    // round t + 6: T1 = b + Σ1(g) + Ch(g, h, a) + K + W; f += T1; b = T1 + Σ0(c) + Maj(c, d, e)
    tl = (bl >>> 0) + ((((gl >>> 14) | (gh << 18)) ^ ((gl >>> 18) | (gh << 14)) ^ ((gh >>> 9) | (gl << 23))) >>> 0) + ((al ^ (gl & (hl ^ al))) >>> 0) + (K[i + 13]! >>> 0) + (w[i + 13]! >>> 0);
    th = bh + (((gh >>> 14) | (gl << 18)) ^ ((gh >>> 18) | (gl << 14)) ^ ((gl >>> 9) | (gh << 23))) + (ah ^ (gh & (hh ^ ah))) + K[i + 12]! + w[i + 12]!;
    l = (fl >>> 0) + tl;
    fh = (fh + th + ((l / 0x100000000) | 0)) | 0;
    fl = l | 0;
    l = tl + ((((cl >>> 28) | (ch << 4)) ^ ((ch >>> 2) | (cl << 30)) ^ ((ch >>> 7) | (cl << 25))) >>> 0) + (((cl & dl) ^ (el & (cl ^ dl))) >>> 0);
    bh = (th + (((ch >>> 28) | (cl << 4)) ^ ((cl >>> 2) | (ch << 30)) ^ ((cl >>> 7) | (ch << 25))) + ((ch & dh) ^ (eh & (ch ^ dh))) + ((l / 0x100000000) | 0)) | 0;
    bl = l | 0;
    // round t + 7: T1 = a + Σ1(f) + Ch(f, g, h) + K + W; e += T1; a = T1 + Σ0(b) + Maj(b, c, d)
    tl = (al >>> 0) + ((((fl >>> 14) | (fh << 18)) ^ ((fl >>> 18) | (fh << 14)) ^ ((fh >>> 9) | (fl << 23))) >>> 0) + ((hl ^ (fl & (gl ^ hl))) >>> 0) + (K[i + 15]! >>> 0) + (w[i + 15]! >>> 0);
    th = ah + (((fh >>> 14) | (fl << 18)) ^ ((fh >>> 18) | (fl << 14)) ^ ((fl >>> 9) | (fh << 23))) + (hh ^ (fh & (gh ^ hh))) + K[i + 14]! + w[i + 14]!;
    l = (el >>> 0) + tl;
    eh = (eh + th + ((l / 0x100000000) | 0)) | 0;
    el = l | 0;
    l = tl + ((((bl >>> 28) | (bh << 4)) ^ ((bh >>> 2) | (bl << 30)) ^ ((bh >>> 7) | (bl << 25))) >>> 0) + (((bl & cl) ^ (dl & (bl ^ cl))) >>> 0);
    ah = (th + (((bh >>> 28) | (bl << 4)) ^ ((bl >>> 2) | (bh << 30)) ^ ((bl >>> 7) | (bh << 25))) + ((bh & ch) ^ (dh & (bh ^ ch))) + ((l / 0x100000000) | 0)) | 0;
    al = l | 0;
  }
  add(state, 0, ah, al, out, o);
  add(state, 2, bh, bl, out, o + 2);
  add(state, 4, ch, cl, out, o + 4);
  add(state, 6, dh, dl, out, o + 6);
  add(state, 8, eh, el, out, o + 8);
  add(state, 10, fh, fl, out, o + 10);
  add(state, 12, gh, gl, out, o + 12);
  add(state, 14, hh, hl, out, o + 14);
}

/** `out[o, o+1] = state[i, i+1] + (h, l)` as 64-bit words. */
function add(state: Int32Array, i: number, h: number, l: number, out: Int32Array, o: number): void {
  const lo = (state[i + 1]! >>> 0) + (l >>> 0);
  out[o] = (state[i]! + h + ((lo / 0x100000000) | 0)) | 0;
  out[o + 1] = lo | 0;
}
