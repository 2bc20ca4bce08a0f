/**
 * Reed–Solomon error correction codewords for QR codes (ISO/IEC 18004:2015 §7.5.2 and Annex A):
 * arithmetic in GF(2^8) modulo x^8 + x^4 + x^3 + x^2 + 1 (0x11D), generator polynomials
 * (x − α^0)(x − α^1)…(x − α^(n−1)) with α = 2, and the remainder of a block's data divided by one.
 * @module
 */

/**
 * The product of two field elements: carry-less multiplication, reducing by 0x11D as it goes.
 * (No log/antilog tables: they would cost more bytes than the time they save here.)
 */
function mul(a: number, b: number): number {
  let r = 0;
  for (; b; b >>= 1, a = (a << 1) ^ (a & 0x80 ? 0x11d : 0)) if (b & 1) r ^= a;
  return r;
}

/**
 * The coefficients of (x − α^0)…(x − α^(degree−1)) after the leading 1, highest power first
 * (degree 7 … 30 in QR codes; one symbol's blocks share one).
 */
export function generator(degree: number): Uint8Array {
  // Multiply in one factor (x + α^i) at a time, the array holding the product's lower terms (in
  // GF(2^8) subtraction is addition, XOR). Starting from "1", each step shifts the product up one
  // power and adds root times it; the leading 1 shifts out of the array at the last step.
  const g = new Uint8Array(degree);
  g[degree - 1] = 1;
  // Past the end (j = degree − 1) the array answers undefined, taken as 0: the leading term's place.
  for (let i = 0, root = 1; i < degree; i++, root = mul(root, 2)) {
    // Stryker disable next-line EqualityOperator: a write past a typed array's end is dropped
    for (let j = 0; j < degree; j++) g[j] = mul(g[j]!, root) ^ (g[j + 1] ?? 0);
  }
  return g;
}

/**
 * The error correction codewords of one block: the remainder of data(x)·x^degree divided by the
 * generator polynomial `g` of that degree, by long division (a shift register, as Annex A's
 * encoder circuit).
 */
export function rsRemainder(data: Uint8Array, g: Uint8Array): Uint8Array {
  const degree = g.length;
  const r = new Uint8Array(degree);
  for (const byte of data) {
    const factor = byte ^ r[0]!;
    r.copyWithin(0, 1);
    r[degree - 1] = 0;
    // Stryker disable next-line EqualityOperator: a write past a typed array's end is dropped
    for (let j = 0; j < degree; j++) r[j]! ^= mul(g[j]!, factor);
  }
  return r;
}
