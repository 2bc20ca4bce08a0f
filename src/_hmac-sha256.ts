/**
 * HMAC-SHA-256 (RFC 2104 over FIPS 180-4 SHA-256) of a whole message, on the SHA-256 compression
 * function of `_sha256.ts` that the OTP kernel uses. For recovery codes, which hash one short code
 * per call: the kernel's per-key machinery (and its WebAssembly SHA-1/SHA-512) would triple the
 * size of `oathkit/recovery` for nothing. Held to node:crypto and @noble/hashes by the
 * differential tests.
 * @module
 */
import { SHA256_IV, sha256Compress } from './_sha256.ts';

const BLOCK = 64;

/**
 * Hashes `data` into `state` (which has already absorbed `before` bytes, a whole number of
 * blocks), with SHA-256's padding: 0x80, zeros, and the bit length of everything in 8 bytes.
 */
function finish(state: Int32Array, data: Uint8Array, before: number, w: Int32Array): void {
  const blocks = Math.ceil((data.length + 9) / BLOCK);
  const padded = new Uint8Array(blocks * BLOCK);
  padded.set(data);
  padded[data.length] = 0x80;
  const view = new DataView(padded.buffer);
  const bits = (before + data.length) * 8;
  view.setBigUint64(padded.length - 8, BigInt(bits));
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < 16; i++) w[i] = view.getInt32(b * BLOCK + i * 4);
    sha256Compress(state, w, state, 0);
  }
  padded.fill(0); // the data may be a key
}

const bytesOf = (state: Int32Array): Uint8Array => {
  const out = new Uint8Array(32);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) view.setInt32(i * 4, state[i]!);
  return out;
};

/** The state after SHA-256 of (key block XOR `mask`), RFC 2104 §2. */
function keyed(block: Uint8Array, mask: number, w: Int32Array): Int32Array {
  const view = new DataView(block.buffer, block.byteOffset, BLOCK);
  const masks = mask * 0x01010101; // the mask in each byte of a word
  for (let i = 0; i < 16; i++) w[i] = view.getInt32(i * 4) ^ masks;
  const state = Int32Array.from(SHA256_IV);
  sha256Compress(state, w, state, 0);
  return state;
}

/**
 * HMAC-SHA-256 of `message` under `key` (RFC 2104; a key longer than a block is hashed first).
 * @returns the 32-byte MAC
 */
export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  const w = new Int32Array(64);
  const block = new Uint8Array(BLOCK);
  if (key.length > BLOCK) {
    const h = Int32Array.from(SHA256_IV);
    finish(h, key, 0, w);
    block.set(bytesOf(h));
  } else {
    block.set(key);
  }
  const inner = keyed(block, 0x36, w);
  const outer = keyed(block, 0x5c, w);
  block.fill(0);
  finish(inner, message, BLOCK, w);
  finish(outer, bytesOf(inner), BLOCK, w);
  w.fill(0);
  return bytesOf(outer);
}
