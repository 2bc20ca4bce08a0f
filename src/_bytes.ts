/**
 * Small byte helpers every module shares: the Uint8Array check, RFC 4648 encoding by bit groups
 * (base32 §6, base64 §4), and the platform's CSPRNG. Written here rather than imported so that
 * a bundle carries only what oathkit uses.
 * @module
 */

/** True for a Uint8Array, also one from another realm (an iframe, a worker, Node's Buffer). */
export function isBytes(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array || (ArrayBuffer.isView(value) && value.constructor.name === 'Uint8Array');
}

/**
 * Encodes bytes in groups of `bits` bits (5 for base32, 6 for base64), most significant first,
 * the last group padded with zero bits; then `=` up to a multiple of `padTo` symbols (0: none).
 */
export function encodeGroups(bytes: Uint8Array, alphabet: string, bits: number, padTo: number): string {
  const mask = (1 << bits) - 1;
  let out = '';
  let buffer = 0;
  let held = 0;
  for (let i = 0; i < bytes.length; i++) {
    buffer = ((buffer << 8) | bytes[i]!) & 0xffff; // at most bits - 1 + 8 bits are live
    held += 8;
    while (held >= bits) {
      held -= bits;
      out += alphabet[(buffer >>> held) & mask];
    }
  }
  if (held > 0) out += alphabet[(buffer << (bits - held)) & mask];
  if (padTo > 0) while (out.length % padTo !== 0) out += '=';
  return out;
}

/**
 * `n` bytes from the platform's cryptographically secure generator (Web Crypto's
 * `getRandomValues`, present in browsers, workers, Deno, Bun and Node ≥ 19), in the 65,536-byte
 * pieces it accepts. There is no fallback: without a CSPRNG this throws rather than make a weak key.
 */
export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  const crypto = (globalThis as { crypto?: { getRandomValues?: (a: Uint8Array) => Uint8Array } }).crypto;
  if (typeof crypto?.getRandomValues !== 'function') throw new Error('crypto.getRandomValues is not available: no secure random source');
  for (let i = 0; i < n; i += 65_536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65_536)));
  return out;
}
