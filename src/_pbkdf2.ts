/**
 * PBKDF2 (RFC 8018 §5.2, PKCS #5 v2.1) and its pseudorandom function HMAC (RFC 2104) over any
 * message, on oathkit's own SHA-1/224/256/384/512 (src/_kernel.ts), and `pbkdf2Async`, which the
 * decryption functions use: WebCrypto's PBKDF2 where it has the hash (native, about three times
 * faster, and off the page's thread in a browser), ours for SHA-224 or where WebCrypto is missing
 * or refuses the password (some engines refuse an empty one). Both give the same bytes; the
 * differential tests hold ours to node:crypto and the decryption vectors run on both.
 * @module
 */
import type { Algorithm } from './_algorithm.ts';
import { DIGEST_BYTES } from './_algorithm.ts';
import { messageMac } from './_kernel.ts';

/**
 * HMAC(key, data).
 * @param algorithm - the hash
 * @param key - the HMAC key (any length; longer than a block is hashed first, RFC 2104 §2)
 * @param data - the message
 * @returns the MAC, as long as the hash's digest
 */
export function hmac(algorithm: Algorithm, key: Uint8Array, data: Uint8Array): Uint8Array {
  const m = messageMac(algorithm, key, data.length);
  m.bytes.set(data);
  m.run(0);
  m.bytes.fill(0);
  return Uint8Array.from(m.mac);
}

/**
 * PBKDF2 with HMAC-`algorithm` as PRF: DK = T_1 ‖ T_2 ‖ …, T_i = U_1 ⊕ … ⊕ U_c with
 * U_1 = PRF(P, S ‖ INT(i)) and U_j = PRF(P, U_{j-1}). Each U_j after the first is one HMAC over
 * hLen bytes: the keyed states are computed once, so an iteration costs two compressions.
 * The caller bounds `iterations` and `length` (the cost is iterations × ⌈length / hLen⌉ HMACs).
 * @param algorithm - the PRF's hash
 * @param password - P, as bytes
 * @param salt - S
 * @param iterations - c ≥ 1
 * @param length - dkLen in bytes ≥ 1
 */
export function pbkdf2(algorithm: Algorithm, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Uint8Array {
  const hLen = DIGEST_BYTES[algorithm];
  const out = new Uint8Array(length);
  const first = messageMac(algorithm, password, salt.length + 4);
  const next = messageMac(algorithm, password, hLen);
  const t = new Uint8Array(hLen);
  for (let block = 1, offset = 0; offset < length; block++, offset += hLen) {
    first.bytes.set(salt);
    new DataView(first.bytes.buffer, first.bytes.byteOffset + salt.length, 4).setUint32(0, block);
    first.run(0);
    t.set(first.mac);
    next.bytes.set(first.mac);
    for (let j = 1; j < iterations; j++) {
      next.run(0);
      const u = next.mac;
      // Stryker disable next-line EqualityOperator: t[hLen] is past t's end, a write a typed array ignores
      for (let k = 0; k < hLen; k++) t[k]! ^= u[k]!;
      next.bytes.set(u);
    }
    out.set(t.subarray(0, Math.min(hLen, length - offset)), offset);
  }
  // The intermediate values are key material.
  t.fill(0);
  first.bytes.fill(0);
  next.bytes.fill(0);
  return out;
}

/** WebCrypto's names of the hashes it has. */
const SUBTLE_HASH: Partial<Record<Algorithm, string>> = { SHA1: 'SHA-1', SHA256: 'SHA-256', SHA384: 'SHA-384', SHA512: 'SHA-512' };

interface SubtlePbkdf2 {
  importKey(format: 'raw', key: Uint8Array, algorithm: 'PBKDF2', extractable: false, usages: ['deriveBits']): Promise<unknown>;
  deriveBits(algorithm: { name: 'PBKDF2'; hash: string; salt: Uint8Array; iterations: number }, key: unknown, bits: number): Promise<ArrayBuffer>;
}

/**
 * {@link pbkdf2}, through WebCrypto where it can (see the module header); same arguments, same bytes.
 * @param algorithm - the PRF's hash
 * @param password - P, as bytes
 * @param salt - S
 * @param iterations - c ≥ 1 (bounded by the caller)
 * @param length - dkLen in bytes ≥ 1
 */
export async function pbkdf2Async(algorithm: Algorithm, password: Uint8Array, salt: Uint8Array, iterations: number, length: number): Promise<Uint8Array> {
  const hash = SUBTLE_HASH[algorithm];
  const subtle = (globalThis as { crypto?: { subtle?: SubtlePbkdf2 } }).crypto?.subtle;
  if (
    hash !== undefined &&
    // Stryker disable next-line ConditionalExpression: without subtle, subtle.importKey throws a TypeError in the try below, whose catch falls back the same
    subtle !== undefined &&
    password.length > 0
  ) {
    try {
      const key = await subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
      return new Uint8Array(await subtle.deriveBits({ name: 'PBKDF2', hash, salt, iterations }, key, length * 8));
    } catch {
      // An engine without PBKDF2 for this hash: the same bytes from ours below.
    }
  }
  return pbkdf2(algorithm, password, salt, iterations, length);
}
