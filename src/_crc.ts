/**
 * The check of activation strings: a 20-bit CRC over their bit string, five bits per symbol, most
 * significant first. Generator G(x) = x^20 + x^19 + x^6 + x^5 + x^3 + 1 = (x + 1)(x^19 + x^5 + x^2 +
 * x + 1), where the second factor is primitive (x has order 2^19 − 1, a Mersenne prime). Hence, for
 * any string up to 524,286 bits long (every activation string is far shorter):
 * - every burst of at most 20 bits is detected (G has degree 20 and a constant term): every changed
 *   symbol, every swap of two neighbours, any change inside four consecutive symbols;
 * - every error of odd weight is detected (x + 1 divides G);
 * - every two-bit error is detected (x^k + 1 is a multiple of G only for k a multiple of 2^19 − 1);
 * so the minimum distance is 4, and any other error passes with probability about 2^-20.
 * The register starts at all ones and ends XORed with all ones (as CRC-32 does): without the final
 * XOR, a valid string followed by one more 0 symbol would be valid too (the check of data ‖ first
 * check symbol is the check shifted by one symbol), and without the initial ones, leading zeros
 * would not count.
 * @module
 */

/** G(x) without its x^20 term. */
export const CRC20_POLY = 0x80069;
const MASK = 0xfffff;
/** The register at the start, and what the result is XORed with. */
export const CRC20_INIT = MASK;
export const CRC20_XOROUT = MASK;

/** The register after shifting in 5 bits of value v on top of a register whose top 5 bits are t. */
const TABLE: Readonly<Uint32Array> = /* @__PURE__ */ Uint32Array.from({ length: 32 }, (_, v) => {
  let r = v << 15; // the 5 bits at the top of the register
  for (let i = 0; i < 5; i++) r = r & 0x80000 ? ((r << 1) & MASK) ^ CRC20_POLY : (r << 1) & MASK;
  return r;
});

/**
 * CRC-20 of the first `end` symbols of `symbols` (values 0 … 31), processed as a bit string, most
 * significant bit of each symbol first. Bit by bit it is: feedback = top bit of the register XOR
 * the next message bit; shift left; XOR in G when the feedback is 1. At the end, XOR with all ones.
 */
export function crc20(symbols: Uint8Array, end: number): number {
  let r = CRC20_INIT;
  for (let i = 0; i < end; i++) r = ((r << 5) & MASK) ^ TABLE[(r >>> 15) ^ symbols[i]!]!;
  return r ^ CRC20_XOROUT;
}
