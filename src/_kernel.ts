/**
 * The verify hot path: HMAC (RFC 2104) over an 8-byte counter (RFC 4226 §5.2) and dynamic
 * truncation (§5.4) on SHA-1, SHA-256 and SHA-512 compression functions of our own. SHA-224 and
 * SHA-384 (FIPS 180-4 §6.3, §6.5) are SHA-256 and SHA-512 from another IV with the digest cut to
 * 28 and 48 bytes: the same compressions, a shorter digest in the outer block, and the dynamic
 * truncation's offset taken from the last byte of the cut digest (as for every hash, errata 6756).
 *
 * Per call (per key) the HMAC's inner and outer keyed states are computed once. Per candidate
 * only two compressions run, over blocks whose shape never changes: the inner block holds the
 * counter and constant padding, the outer block the inner digest and constant padding. The
 * padding words are written once; a candidate writes two words (the counter halves), the inner
 * compression writes its digest straight into the outer block, and the truncated 31-bit value is
 * read from the outer digest's words. Nothing is allocated per candidate and no string is built.
 *
 * Owning the compression functions is a security decision, so they are held to @noble/hashes by
 * differential tests over millions of keys and counters (test/node/kernel.test.ts).
 * @module
 */
import type { Algorithm } from './_algorithm.ts';
import { SHA1_IV } from './_sha1.ts';
import { SHA224_IV, SHA256_IV, sha256Compress } from './_sha256.ts';
import { SHA384_IV, SHA512_IV } from './_sha512.ts';
import { sha1CompressFast, sha1OtpKernel, sha512CompressFast } from './_wasm.ts';

/**
 * The keyed OTP function of one key: counter (as uint32 halves, `hi * 2^32 + lo`) to the 31-bit
 * dynamically truncated value of HMAC(key, counter), RFC 4226 §5.3 step 2.
 */
export type OtpKernel = (hi: number, lo: number) => number;

type Compress = (state: Int32Array, w: Int32Array, out: Int32Array, o: number) => void;

/**
 * One hash as the kernel needs it, sizes in 32-bit words, with its scratch memory. The scratch
 * is shared by every kernel of that hash (as noble shares its message-schedule arrays): each
 * candidate rewrites every word it reads before reading it, and nothing in here survives from
 * one call of a kernel to the next, so kernels that exist side by side cannot disturb each other.
 * Sharing it keeps the per-call cost to the key's two compressions (no typed arrays to allocate).
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
}

/**
 * Builds a hash's shape with its scratch blocks padded once (FIPS 180-4 §5.1): a block follows
 * the HMAC key block, so the lengths count one block more than the message.
 */
function shape(
  compress: Compress,
  iv: readonly number[],
  blockWords: number,
  digestWords: number,
  scheduleWords: number,
): HashShape {
  const wi = new Int32Array(scheduleWords);
  wi[2] = 0x80000000 | 0;
  wi[blockWords - 1] = (blockWords * 4 + 8) * 8;
  const wo = new Int32Array(scheduleWords);
  wo[digestWords] = 0x80000000 | 0;
  wo[blockWords - 1] = (blockWords * 4 + digestWords * 4) * 8;
  const wk = new Int32Array(scheduleWords);
  const mac = new Int32Array(iv.length);
  return Object.freeze({ compress, iv: Int32Array.from(iv), blockWords, digestWords, stateWords: iv.length, wi, wo, wk, mac });
}

// SHA-1 and SHA-512 compress in WebAssembly where it runs (1.16× and 3.3× here); SHA-256 stays in
// JavaScript, whose unrolled rounds beat the module once the words are copied in and out.
const SHAPES: Readonly<Record<Algorithm, HashShape>> = /* @__PURE__ */ Object.freeze({
  SHA1: /* @__PURE__ */ shape(sha1CompressFast, SHA1_IV, 16, 5, 80),
  SHA224: /* @__PURE__ */ shape(sha256Compress, SHA224_IV, 16, 7, 64),
  SHA256: /* @__PURE__ */ shape(sha256Compress, SHA256_IV, 16, 8, 64),
  SHA384: /* @__PURE__ */ shape(sha512CompressFast, SHA384_IV, 32, 12, 160),
  SHA512: /* @__PURE__ */ shape(sha512CompressFast, SHA512_IV, 32, 16, 160),
});

/**
 * After a compression wrote a whole state into the outer block, restores the padding that
 * follows a cut digest (SHA-224, SHA-384): the 0x80 byte and zeros up to the state's end.
 */
function repad(sh: HashShape): void {
  const { wo, digestWords, stateWords } = sh;
  if (digestWords === stateWords) return;
  wo[digestWords] = 0x80000000 | 0;
  wo.fill(0, digestWords + 1, stateWords);
}

/**
 * One of HMAC's keyed states (RFC 2104 §2): the compression of (key block XOR `mask`) from the
 * IV, where the key block is the key (already hashed if longer than a block) padded with zeros.
 */
function keyedState(sh: HashShape, bytes: Uint8Array, mask: number): Int32Array {
  const { wk, blockWords } = sh;
  for (let i = 0; i < blockWords; i++) {
    let word = 0;
    for (let j = i * 4; j < i * 4 + 4; j++) word = (word << 8) | ((bytes[j] ?? 0) ^ mask);
    wk[i] = word;
  }
  const state = new Int32Array(sh.stateWords);
  sh.compress(sh.iv, wk, state, 0);
  wk.fill(0, 0, blockWords); // key material does not outlive the call in shared scratch
  return state;
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

/** HMAC's inner and outer keyed states for `key`, computed once per call (or per verifier). */
function keyedStates(algorithm: Algorithm, key: Uint8Array): [Int32Array, Int32Array] {
  const sh = SHAPES[algorithm];
  // RFC 2104 §2: a key longer than a block is hashed first.
  const bytes = key.length > sh.blockWords * 4 ? digest(algorithm, key) : key;
  return [keyedState(sh, bytes, 0x36), keyedState(sh, bytes, 0x5c)];
}

/**
 * The keyed HMAC over an 8-byte counter: `run(hi, lo)` leaves the digest words of
 * HMAC(key, hi ‖ lo) in the shape's `mac`. The inner compression writes its digest straight into
 * the outer block.
 */
function counterMac(algorithm: Algorithm, inner: Int32Array, outer: Int32Array): (hi: number, lo: number) => void {
  const sh = SHAPES[algorithm];
  const { compress, wi, wo, mac } = sh;
  if (sh.digestWords !== sh.stateWords) {
    return (hi, lo) => {
      wi[0] = hi;
      wi[1] = lo;
      compress(inner, wi, wo, 0);
      repad(sh);
      compress(outer, wo, mac, 0);
    };
  }
  return (hi, lo) => {
    wi[0] = hi;
    wi[1] = lo;
    compress(inner, wi, wo, 0);
    compress(outer, wo, mac, 0);
  };
}

/**
 * Prepares the keyed state of `key` once and returns the per-candidate function. For SHA-1, where
 * WebAssembly runs, the whole candidate (both compressions and the truncation) is one call into
 * the module, with no words copied per candidate.
 * @param algorithm - a parsed algorithm name
 * @param key - the HMAC key (validated by the caller)
 */
export function otpKernel(algorithm: Algorithm, key: Uint8Array): OtpKernel {
  const [inner, outer] = keyedStates(algorithm, key);
  const whole = algorithm === 'SHA1' ? sha1OtpKernel(inner, outer) : null;
  if (whole !== null) return whole;
  const run = counterMac(algorithm, inner, outer);
  const { mac, digestWords } = SHAPES[algorithm];
  return (hi, lo) => {
    run(hi, lo);
    return truncateWords(mac, digestWords);
  };
}

/**
 * The whole HMAC of one counter through the kernel, as bytes: for tests that hold the kernel to
 * @noble/hashes bit for bit (not used on the verify path, which needs only 31 bits).
 */
export function kernelHmac(algorithm: Algorithm, key: Uint8Array, hi: number, lo: number): Uint8Array {
  counterMac(algorithm, ...keyedStates(algorithm, key))(hi, lo);
  const { mac, digestWords } = SHAPES[algorithm];
  const out = new Uint8Array(digestWords * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < digestWords; i++) view.setInt32(i * 4, mac[i]!);
  return out;
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
  const { compress, blockWords, digestWords, stateWords, wk, wo } = sh;
  const blockBytes = blockWords * 4;
  const keyBlock = key.length > blockBytes ? digest(algorithm, key) : key;
  const outer = keyedState(sh, keyBlock, 0x5c);
  // The message, its 0x80 byte and its bit length (counting the key block before it) in the
  // last 4 bytes; SHA-512's 128-bit length field is zero above them.
  const blocks = Math.ceil((length + 1 + blockBytes / 8) / blockBytes);
  const padded = new Uint8Array(blocks * blockBytes);
  const view = new DataView(padded.buffer);
  padded[length] = 0x80;
  view.setUint32(padded.length - 4, (blockBytes + length) * 8);
  // states[i] is the inner state before message block i; states[0] is HMAC's keyed inner state.
  const states = [keyedState(sh, keyBlock, 0x36)];
  for (let i = 0; i < blocks; i++) states.push(new Int32Array(stateWords));
  const words = new Int32Array(stateWords);
  const mac = new Uint8Array(digestWords * 4);
  const macView = new DataView(mac.buffer);
  return {
    bytes: padded.subarray(0, length),
    mac,
    run(from: number): void {
      for (let b = Math.max(0, Math.floor(from / blockBytes)); b < blocks; b++) {
        for (let i = 0; i < blockWords; i++) wk[i] = view.getInt32(b * blockBytes + i * 4);
        compress(states[b]!, wk, states[b + 1]!, 0);
      }
      wo.set(states[blocks]!);
      repad(sh);
      compress(outer, wo, words, 0);
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
  padded.fill(0);
  const out = new Uint8Array(digestWords * 4);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < digestWords; i++) outView.setInt32(i * 4, state[i]!);
  return out;
}
