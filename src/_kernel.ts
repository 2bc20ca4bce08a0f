/**
 * The verify hot path: HMAC (RFC 2104) over an 8-byte counter (RFC 4226 §5.2) and dynamic
 * truncation (§5.4) on SHA-1, SHA-256 and SHA-512 compression functions of our own. SHA-224 and
 * SHA-384 (FIPS 180-4 §6.3, §6.5) are SHA-256 and SHA-512 from another IV with the digest cut to
 * 28 and 48 bytes: the same compressions, a shorter digest in the outer block, and the dynamic
 * truncation's offset taken from the last byte of the cut digest (as for every hash, errata 6756).
 *
 * Per call (per key) the HMAC's inner and outer keyed states are computed once. Per candidate
 * only two compressions run, over blocks whose shape never changes: the inner block holds the
 * counter and constant padding, the outer block the inner digest and constant padding. A kernel
 * computes a run of consecutive counters per call: with WebAssembly SIMD (src/_sha-simd.wat) four
 * SHA-1/224/256 or two SHA-384/512 candidates share each compression, key set-up and truncation
 * included, and only the 31-bit values come back; elsewhere the scalar WebAssembly candidate
 * (SHA-1) or the JavaScript compressions run one candidate at a time (src/_wasm.ts). Nothing is
 * allocated per candidate, and the key set-up allocates no typed array: the keyed states go to
 * memory shared by the kernels of one hash, and a kernel whose states were displaced by another
 * kernel's computes them again (a verifier's kernel keeps a copy instead).
 *
 * Owning the compression functions is a security decision, so they are held to @noble/hashes by
 * differential tests over millions of keys and counters on every path (test/node/kernel.test.ts).
 * @module
 */
import type { Algorithm } from './_algorithm.ts';
import { SHA1_IV } from './_sha1.ts';
import { SHA224_IV, SHA256_IV, sha256Compress } from './_sha256.ts';
import { SHA384_IV, SHA512_IV } from './_sha512.ts';
import {
  clearScalarBlock,
  scalarSha1Otp,
  sha1CompressFast,
  sha512CompressFast,
  simdModule,
  SIMD_DIGESTS,
  SIMD_KEY,
  SIMD_KIND,
  SIMD_STATES,
  type Sha1Otp,
  type Simd,
} from './_wasm.ts';

/** The most counters one call of a kernel computes. */
export const WINDOW_CHUNK = 1024;

/**
 * The keyed OTP function of one key: `kernel(hi, lo, count)` returns an array whose first `count`
 * entries (1 ≤ count ≤ {@link WINDOW_CHUNK}) are the 31-bit dynamically truncated values
 * (RFC 4226 §5.3 step 2) of HMAC(key, c) for the counters c = hi·2^32 + lo, c + 1, … (mod 2^64).
 * The array is shared: read it before any kernel runs again.
 */
export type OtpKernel = (hi: number, lo: number, count: number) => Int32Array;

type Compress = (state: Int32Array, w: Int32Array, out: Int32Array, o: number) => void;

/**
 * One hash as the kernel needs it, sizes in 32-bit words, with its scratch memory. The scratch
 * is shared by every kernel of that hash (as noble shares its message-schedule arrays): each
 * candidate rewrites every word it reads before reading it, and the keyed states in `ki`/`ko`
 * belong to the kernel that computed them last (see `owner`).
 */
interface HashShape {
  readonly compress: Compress;
  readonly iv: Int32Array;
  /** Words in a block (16, or 32 for SHA-512's 128-byte block). */
  readonly blockWords: number;
  /** Words in the digest (5, 7, 8, 12, 16): the first words of the state. */
  readonly digestWords: number;
  /** Words in the state the compression writes (5, 8, 16). */
  readonly stateWords: number;
  /** Inner block: the 8-byte counter in words 0-1, then constant padding; schedule after it. */
  readonly wi: Int32Array;
  /** Outer block: the inner digest in the first words, then constant padding; schedule after it. */
  readonly wo: Int32Array;
  /** The key block XOR ipad/opad, and its schedule. */
  readonly wk: Int32Array;
  /** The outer state of the current candidate (its first `digestWords` are the digest). */
  readonly mac: Int32Array;
  /** The keyed inner and outer states of the kernel that computed them last. */
  readonly ki: Int32Array;
  readonly ko: Int32Array;
}

/**
 * Builds a hash's shape with its scratch blocks padded once (FIPS 180-4 §5.1): a block follows
 * the HMAC key block, so the lengths count one block more than the message.
 */
function shape(compress: Compress, iv: readonly number[], blockWords: number, digestWords: number, scheduleWords: number): HashShape {
  const wi = new Int32Array(scheduleWords);
  wi[2] = 0x80000000 | 0;
  wi[blockWords - 1] = (blockWords * 4 + 8) * 8;
  const wo = new Int32Array(scheduleWords);
  wo[digestWords] = 0x80000000 | 0;
  wo[blockWords - 1] = (blockWords * 4 + digestWords * 4) * 8;
  const stateWords = iv.length;
  return Object.freeze({
    compress,
    iv: Int32Array.from(iv),
    blockWords,
    digestWords,
    stateWords,
    wi,
    wo,
    wk: new Int32Array(scheduleWords),
    mac: new Int32Array(stateWords),
    ki: new Int32Array(stateWords),
    ko: new Int32Array(stateWords),
  });
}

// Without SIMD, SHA-1 and SHA-512 compress in the scalar WebAssembly module where it runs (1.16×
// and 3.3×); SHA-256 stays in JavaScript, whose unrolled rounds beat that module once the words
// are copied in and out.
const SHAPES: Readonly<Record<Algorithm, HashShape>> = /* @__PURE__ */ Object.freeze({
  SHA1: /* @__PURE__ */ shape(sha1CompressFast, SHA1_IV, 16, 5, 80),
  SHA224: /* @__PURE__ */ shape(sha256Compress, SHA224_IV, 16, 7, 64),
  SHA256: /* @__PURE__ */ shape(sha256Compress, SHA256_IV, 16, 8, 64),
  SHA384: /* @__PURE__ */ shape(sha512CompressFast, SHA384_IV, 32, 12, 160),
  SHA512: /* @__PURE__ */ shape(sha512CompressFast, SHA512_IV, 32, 16, 160),
});

/** The values of the JavaScript and scalar paths (the SIMD path returns the module's). */
const VALUES = /* @__PURE__ */ new Int32Array(WINDOW_CHUNK);

/**
 * Which kernel's keyed states the shared memory holds (the SIMD module's slots, the scalar
 * module's, or a shape's `ki`/`ko`); 0 for none. Kernels are numbered as they are made.
 */
let owner = 0;
let made = 0;

/**
 * After a compression wrote a whole state into the outer block, restores the padding that
 * follows a cut digest (SHA-224, SHA-384): the 0x80 byte and zeros up to the state's end.
 */
function repad(sh: HashShape): void {
  const { wo, digestWords, stateWords } = sh;
  // Stryker disable next-line ConditionalExpression: for an uncut digest the 0x80 word is already in place and the fill range is empty: this only spares the writes
  if (digestWords === stateWords) return;
  wo[digestWords] = 0x80000000 | 0;
  wo.fill(0, digestWords + 1, stateWords);
}

/**
 * One of HMAC's keyed states (RFC 2104 §2), written to `out` from `o`: the compression of (key
 * block XOR `mask`) from the IV, where the key block is `bytes` (at most one block: a longer key is
 * hashed first) padded with zeros. The words are packed from the key's own bytes: whole words, then the
 * last partial word, then the pad alone; nothing is read past the key's end.
 */
function keyedState(sh: HashShape, bytes: Uint8Array, mask: number, out: Int32Array, o = 0): void {
  const { wk, blockWords } = sh;
  const pad = mask * 0x01010101;
  const n = bytes.length;
  let i = 0;
  // Stryker disable next-line EqualityOperator: one more word reads past the key's end, which a typed array answers with undefined (0 in the shifts): that word is the pad, as the fill below writes it
  for (; i < n >> 2; i++) {
    const j = i << 2;
    wk[i] = ((bytes[j]! << 24) | (bytes[j + 1]! << 16) | (bytes[j + 2]! << 8) | bytes[j + 3]!) ^ pad;
  }
  // Stryker disable next-line ConditionalExpression: with no partial word the loop reads only past the key's end (undefined, 0 in the shifts): the word is the pad, as the fill writes it
  if ((n & 3) !== 0) {
    let word = 0;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: past the key's end a typed array answers undefined, which the shift reads as 0
    for (let j = i << 2; j < (i << 2) + 4; j++) word = (word << 8) | (j < n ? bytes[j]! : 0);
    wk[i++] = word ^ pad;
  }
  wk.fill(pad, i, blockWords);
  sh.compress(sh.iv, wk, out, o);
  wk.fill(0, 0, blockWords); // key material does not outlive the call in shared scratch
  clearScalarBlock();
}

/**
 * Dynamic truncation (RFC 4226 §5.4) read from digest words: the offset is the low nibble of the
 * digest's last byte (errata 6756), and the four bytes from there are taken across word
 * boundaries with shifts, then masked to 31 bits.
 */
function truncateWords(mac: Int32Array, digestWords: number): number {
  const offset = mac[digestWords - 1]! & 0x0f;
  const i = offset >>> 2;
  const shift = (offset & 3) << 3;
  const word = shift === 0 ? mac[i]! : (mac[i]! << shift) | (mac[i + 1]! >>> (32 - shift));
  return word & 0x7fffffff;
}

/**
 * The keyed HMAC over an 8-byte counter: `run(hi, lo)` leaves the digest words of
 * HMAC(key, hi ‖ lo) in the shape's `mac`. The inner compression writes its digest straight into
 * the outer block.
 */
function counterMac(sh: HashShape, inner: Int32Array, outer: Int32Array): (hi: number, lo: number) => void {
  const { compress, wi, wo, mac } = sh;
  return (hi, lo) => {
    wi[0] = hi;
    wi[1] = lo;
    compress(inner, wi, wo, 0);
    repad(sh);
    compress(outer, wo, mac, 0);
  };
}

/** The key as HMAC uses it: hashed first when longer than a block (RFC 2104 §2). */
function hmacKey(algorithm: Algorithm, key: Uint8Array): Uint8Array {
  return key.length > SHAPES[algorithm].blockWords * 4 ? digest(algorithm, key) : key;
}

/**
 * Prepares the keyed states of `key` and returns its kernel. With SIMD the key set-up is one
 * compression inside the module (key XOR ipad and key XOR opad in two lanes); otherwise two.
 * @param algorithm - a parsed algorithm name
 * @param key - the HMAC key (validated by the caller)
 * @param keep - the kernel outlives the call (a verifier's): it keeps a copy of its keyed states
 *   instead of reading `key` again when another kernel displaced them
 */
// Stryker disable next-line BooleanLiteral: keeping is a cost choice: a kept kernel restores the very states it would otherwise recompute from the same key bytes
export function otpKernel(algorithm: Algorithm, key: Uint8Array, keep = false): OtpKernel {
  const bytes = hmacKey(algorithm, key);
  const x = simdModule();
  // Stryker disable next-line UpdateOperator: ids need only differ from each other and from 0 (no owner): counting down gives that too
  return x !== null ? simdKernel(x, SIMD_KIND[algorithm], bytes, ++made, keep) : scalarKernel(algorithm, bytes, ++made, keep);
}

function simdKernel(x: Simd, kind: number, bytes: Uint8Array, id: number, keep: boolean): OtpKernel {
  const { u8, i32, values, key, pad, scan } = x;
  // SHA-1's last candidate of a run of 4n + 1 (a single one, above all) goes to the scalar
  // module's whole candidate where it runs: a group of four here costs about 1.5× one candidate
  // there, so a candidate alone is cheaper there. (That module is compiled when first needed.)
  let single: Sha1Otp | null | undefined = kind === SIMD_KIND.SHA1 ? undefined : null;
  // Stryker disable next-line BooleanLiteral: setUp() below sets it before any use
  let singleReady = false;
  const setUp = (): void => {
    u8.set(bytes, SIMD_KEY);
    key(kind);
    owner = id;
    singleReady = false;
  };
  setUp();
  let load = setUp;
  // Stryker disable next-line ConditionalExpression,BlockStatement: keeping is a cost choice: a kernel that does not keep recomputes the same states from its key bytes (a verifier's own copy, which nothing changes)
  if (keep) {
    // The keyed states of the lanes: 64 words from SIMD_STATES, saved and restored at one offset.
    const at = SIMD_STATES / 4;
    const saved = i32.slice(at, at + 64);
    load = () => {
      i32.set(saved, at);
      pad(kind);
      owner = id;
      singleReady = false;
    };
  }
  return (hi, lo, count) => {
    // Stryker disable next-line ConditionalExpression: reloading states already in place only costs
    if (owner !== id) load();
    if ((count & 3) === 1 && single === undefined) single = scalarSha1Otp();
    // Stryker disable next-line ConditionalExpression,EqualityOperator: which path computes the last candidate of a run is a cost choice: the scalar module's whole SHA-1 candidate and the SIMD lanes give the same value
    if ((count & 3) !== 1 || single == null) {
      scan(kind, hi, lo, count);
      return values;
    }
    // Stryker disable next-line ConditionalExpression,ArithmeticOperator,EqualityOperator: scanning no candidate does nothing, and a scanned last candidate is overwritten by the scalar value below: cost only
    if (count > 1) scan(kind, hi, lo, count - 1);
    // Stryker disable next-line ConditionalExpression: loading the lane again only costs
    if (!singleReady) {
      single.loadLane(i32, SIMD_STATES / 4);
      // Stryker disable next-line BooleanLiteral: loading the lane again only costs
      singleReady = true;
    }
    const last = (lo >>> 0) + count - 1;
    values[count - 1] = single.run(last > 0xffffffff ? (hi + 1) | 0 : hi, last | 0);
    return values;
  };
}

function scalarKernel(algorithm: Algorithm, bytes: Uint8Array, id: number, keep: boolean): OtpKernel {
  const sh = SHAPES[algorithm];
  const inner = keep ? new Int32Array(sh.stateWords) : sh.ki;
  const outer = keep ? new Int32Array(sh.stateWords) : sh.ko;
  // SHA-1 with the scalar module: the whole candidate is one call, with no words copied.
  // Stryker disable next-line ConditionalExpression,StringLiteral: the scalar module's whole SHA-1 candidate and the compressions give the same value: a cost choice
  const whole = algorithm === 'SHA1' ? scalarSha1Otp() : null;
  let ready = false;
  const load = (): void => {
    // Stryker disable next-line ConditionalExpression: computing the keyed states again only costs
    if (!keep || !ready) {
      keyedState(sh, bytes, 0x36, inner);
      keyedState(sh, bytes, 0x5c, outer);
      // Stryker disable next-line BooleanLiteral: computing the keyed states again only costs
      ready = true;
    }
    if (whole !== null) whole.load(inner, outer);
    owner = id;
  };
  load();
  const run = counterMac(sh, inner, outer);
  const { mac, digestWords } = sh;
  const one =
    // Stryker disable next-line ConditionalExpression: the scalar module's whole SHA-1 candidate and the compressions give the same value: a cost choice
    whole !== null
      ? whole.run
      : (hi: number, lo: number): number => {
          run(hi, lo);
          return truncateWords(mac, digestWords);
        };
  return (hi, lo, count) => {
    // Stryker disable next-line ConditionalExpression: reloading states already in place only costs
    if (owner !== id) load();
    // Stryker disable next-line EqualityOperator: one more candidate is written past the run the caller reads (or past VALUES' end, a write a typed array ignores)
    for (let i = 0; i < count; i++) {
      VALUES[i] = one(hi, lo);
      lo = (lo + 1) | 0;
      if (lo === 0) hi = (hi + 1) | 0;
    }
    return VALUES;
  };
}

/**
 * The whole HMAC of one counter through the scalar compressions (JavaScript or the scalar
 * module), as bytes: for tests that hold them to @noble/hashes bit for bit.
 */
export function kernelHmac(algorithm: Algorithm, key: Uint8Array, hi: number, lo: number): Uint8Array {
  const sh = SHAPES[algorithm];
  const bytes = hmacKey(algorithm, key);
  const inner = new Int32Array(sh.stateWords);
  const outer = new Int32Array(sh.stateWords);
  keyedState(sh, bytes, 0x36, inner);
  keyedState(sh, bytes, 0x5c, outer);
  counterMac(sh, inner, outer)(hi, lo);
  const { mac, digestWords } = sh;
  const out = new Uint8Array(digestWords * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < digestWords; i++) view.setInt32(i * 4, mac[i]!);
  return out;
}

/**
 * The whole HMACs of the last group of counters a SIMD kernel of `algorithm` computed (four
 * lanes, or two for SHA-384/512), as bytes, or null where SIMD does not run: for tests that hold
 * every digest word of the SIMD kernels to @noble/hashes, not only the truncated 31 bits.
 */
export function simdHmacs(algorithm: Algorithm): Uint8Array[] | null {
  const x = simdModule();
  if (x === null) return null;
  const { digestWords } = SHAPES[algorithm];
  const wide = SIMD_KIND[algorithm] >= 3;
  const lanes: Uint8Array[] = [];
  for (let k = 0; k < (wide ? 2 : 4); k++) {
    const out = new Uint8Array(digestWords * 4);
    const view = new DataView(out.buffer);
    for (let i = 0; i < digestWords; i++) {
      // 64-bit words: the high half of word i/2 of lane k is the int32 after its low half.
      const at = wide ? SIMD_DIGESTS / 4 + 4 * (i >> 1) + 2 * k + 1 - (i & 1) : SIMD_DIGESTS / 4 + 4 * i + k;
      view.setInt32(i * 4, x.i32[at]!);
    }
    lanes.push(out);
  }
  return lanes;
}

/**
 * HMAC over a message of fixed length whose bytes change in place between calls, as in an OCRA
 * window scan (RFC 6287 §7: only the 8-byte counter or time field of DataInput changes). The
 * message lives in a buffer the kernel owns, already followed by its padding; the inner state
 * after every block is kept, so a call given the lowest changed offset recompresses only the
 * blocks from there on (the time field sits at the end of DataInput: one or two blocks).
 */
export interface MessageMac {
  /** The message; write it in place. */
  readonly bytes: Uint8Array;
  /** The HMAC of `bytes` after `run`, as bytes (the same array every time). */
  readonly mac: Uint8Array;
  /**
   * Computes the HMAC. `from` is the lowest offset written since the previous call (0 for the
   * first call); blocks before it are taken from the kept states.
   */
  run(from: number): void;
}

/**
 * Prepares {@link MessageMac} for `key` and a message of `length` bytes.
 * @param algorithm - a parsed algorithm name
 * @param key - the HMAC key (validated by the caller)
 * @param length - the message length in bytes
 */
export function messageMac(algorithm: Algorithm, key: Uint8Array, length: number): MessageMac {
  const sh = SHAPES[algorithm];
  const { compress, blockWords, digestWords, stateWords: n, wk, wo, ki, ko, mac: words } = sh;
  const blockBytes = blockWords * 4;
  // The message, its 0x80 byte and its bit length (counting the key block before it) in the
  // last 4 bytes; SHA-512's 128-bit length field is zero above them.
  const blocks = Math.ceil((length + 1 + blockBytes / 8) / blockBytes);
  const padded = new Uint8Array(blocks * blockBytes);
  const view = new DataView(padded.buffer);
  padded[length] = 0x80;
  view.setUint32(padded.length - 4, (blockBytes + length) * 8);
  // One array for every state: HMAC's keyed outer state, then the inner state before each message
  // block (the first is HMAC's keyed inner state), then after the last block.
  const chain = new Int32Array((blocks + 2) * n);
  const keyBlock = hmacKey(algorithm, key);
  keyedState(sh, keyBlock, 0x5c, chain, 0);
  keyedState(sh, keyBlock, 0x36, chain, n);
  const mac = new Uint8Array(digestWords * 4);
  const macView = new DataView(mac.buffer);
  return {
    bytes: padded.subarray(0, length),
    mac,
    run(from: number): void {
      // The shape's keyed-state scratch holds each state the compression starts from; the kernel
      // that owned it computes its own again.
      owner = 0;
      // Stryker disable next-line MethodExpression: starting at block 0 recomputes the unchanged blocks to the same states: cost only
      for (let b = Math.max(0, Math.floor(from / blockBytes)); b < blocks; b++) {
        for (let i = 0; i < blockWords; i++) wk[i] = view.getInt32(b * blockBytes + i * 4);
        // Stryker disable next-line EqualityOperator: ki holds n words: ki[n] is past its end, a write a typed array ignores
        for (let i = 0; i < n; i++) ki[i] = chain[(b + 1) * n + i]!;
        compress(ki, wk, chain, (b + 2) * n);
      }
      for (let i = 0; i < n; i++) {
        wo[i] = chain[(blocks + 1) * n + i]!;
        ko[i] = chain[i]!;
      }
      repad(sh);
      compress(ko, wo, words, 0);
      for (let i = 0; i < digestWords; i++) macView.setInt32(i * 4, words[i]!);
    },
  };
}

/**
 * The plain hash (FIPS 180-4) of `data` through the same compression functions: for HMAC keys
 * longer than a block, OCRA's PIN hash and MobilePASS's key derivation.
 * @param algorithm - a parsed algorithm name
 * @param data - the message (up to 2^32 - 1 bytes, far beyond any input oathkit accepts)
 * @returns the digest: 20, 28, 32, 48 or 64 bytes
 */
export function digest(algorithm: Algorithm, data: Uint8Array): Uint8Array {
  const { compress, blockWords, digestWords, wk, iv } = SHAPES[algorithm];
  const blockBytes = blockWords * 4;
  const blocks = Math.ceil((data.length + 1 + blockBytes / 8) / blockBytes);
  const padded = new Uint8Array(blocks * blockBytes);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(data.length / 0x20000000)); // bit length, high word
  view.setUint32(padded.length - 4, (data.length * 8) >>> 0);
  const state = Int32Array.from(iv);
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < blockWords; i++) wk[i] = view.getInt32(b * blockBytes + i * 4);
    compress(state, wk, state, 0);
  }
  wk.fill(0, 0, blockWords); // the data may be a key
  clearScalarBlock();
  padded.fill(0);
  const out = new Uint8Array(digestWords * 4);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < digestWords; i++) outView.setInt32(i * 4, state[i]!);
  return out;
}
