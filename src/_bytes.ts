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
    // Stryker disable next-line EqualityOperator: a group of exactly `bits` left in the buffer is written the same by the next byte's loop or the final `held > 0` line (16 buffer bits hold bits + 8)
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
  // Stryker disable next-line EqualityOperator: at i = n the piece is empty, and getRandomValues fills nothing
  for (let i = 0; i < n; i += 65_536) crypto.getRandomValues(out.subarray(i, Math.min(n, i + 65_536)));
  return out;
}

/**
 * Decodes RFC 4648 text of `bits` bits per symbol (5 for base32, 6 for base64): `values` maps an
 * ASCII code to its symbol value or -1, characters for which `skip` is true are ignored, and `=`
 * is counted as padding that may only trail. Bits left over after the last whole byte are
 * ignored, as most decoders do. On a bad character, `fail(position, charCode, afterPadding)` is
 * called (it throws the caller's own error); the caller then checks the symbol and padding counts
 * its format allows. One pass, linear in the length.
 */
export function decodeGroups(
  s: string,
  values: ArrayLike<number>,
  bits: number,
  skip: (c: number) => boolean,
  fail: (position: number, c: number, afterPadding: boolean) => never,
): { bytes: Uint8Array; symbols: number; padding: number } {
  const out = new Uint8Array((s.length * bits) >>> 3); // an upper bound: cut to the bytes written below
  let symbols = 0;
  let padding = 0;
  let held = 0;
  let buffer = 0;
  let length = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (skip(c)) continue;
    if (c === 61 /* = */) {
      padding++;
      continue;
    }
    const v = c < 128 ? values[c]! : -1;
    if (v < 0 || padding > 0) fail(i + 1, c, padding > 0);
    symbols++;
    buffer = ((buffer << bits) | v) & 0x1fff; // at most 7 carried + 6 new bits are live
    held += bits;
    if (held >= 8) {
      held -= 8;
      out[length++] = (buffer >>> held) & 0xff;
    }
  }
  return { bytes: out.slice(0, length), symbols, padding };
}
