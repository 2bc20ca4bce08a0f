/**
 * A bit string written and read most significant bit first, cut into 5-bit symbols: the body of
 * an activation string. Varints are protobuf's (LEB128: 7 value bits a byte, low group first, the
 * top bit of each byte set when another follows), each byte written as 8 bits; the reader accepts
 * only the shortest form, so every value has one encoding.
 * @module
 */
import { OtpError } from './errors.ts';

const MAX_U64 = (1n << 64n) - 1n;

function malformed(detail: string): OtpError {
  return new OtpError('INVALID_ACTIVATION', `the activation string is malformed: ${detail}`);
}

/** Collects bits; `symbols()` pads with zero bits to a whole symbol. */
export class BitWriter {
  private readonly bits: number[] = [];

  /** Writes the low `width` bits of `value` (width ≤ 31). */
  uint(value: number, width: number): void {
    for (let i = width - 1; i >= 0; i--) this.bits.push((value >>> i) & 1);
  }

  /** Writes a varint of 0 … 2^64-1. */
  varint(value: bigint): void {
    let v = value;
    do {
      const low = Number(v & 0x7fn);
      v >>= 7n;
      this.uint(v > 0n ? low | 0x80 : low, 8);
    } while (v > 0n);
  }

  bytes(bytes: Uint8Array): void {
    for (const b of bytes) this.uint(b, 8);
  }

  /** The bits as 5-bit symbol values, the last one filled with zero bits. */
  symbols(): Uint8Array {
    const out = new Uint8Array(Math.ceil(this.bits.length / 5));
    this.bits.forEach((bit, i) => (out[(i / 5) | 0]! |= bit << (4 - (i % 5))));
    return out;
  }
}

/** Reads the bits of `symbols[0 … end)`, after the first `skip` symbols. */
export class BitReader {
  private pos: number;
  private readonly length: number;

  constructor(
    private readonly symbols: Uint8Array,
    skip: number,
    end: number,
  ) {
    this.pos = skip * 5;
    this.length = end * 5;
  }

  /** Bits not read yet. */
  get remaining(): number {
    return this.length - this.pos;
  }

  /** Reads `width` bits (≤ 31) as an unsigned number. */
  uint(width: number, what: string): number {
    if (width > this.remaining) throw malformed(`it ends inside ${what}`);
    let v = 0;
    for (let i = 0; i < width; i++, this.pos++) {
      v = (v << 1) | ((this.symbols[(this.pos / 5) | 0]! >>> (4 - (this.pos % 5))) & 1);
    }
    return v >>> 0;
  }

  /** Reads a varint in its shortest form, at most 2^64-1. */
  varint(what: string): bigint {
    let value = 0n;
    for (let i = 0; ; i++) {
      const b = this.uint(8, what);
      value |= BigInt(b & 0x7f) << BigInt(7 * i);
      if (b < 0x80) {
        if (b === 0 && i > 0) throw malformed(`${what} is not written in its shortest form`);
        if (value > MAX_U64) throw malformed(`${what} is larger than 2^64-1`);
        return value;
      }
      if (i === 9) throw malformed(`${what} is longer than 10 bytes`);
    }
  }

  bytes(n: number, what: string): Uint8Array {
    // Stryker disable next-line ArithmeticOperator: with n / 8 the loop's uint refuses at the first missing byte, the same way; the check only keeps a huge n from the allocation
    if (n * 8 > this.remaining) throw malformed(`it ends inside ${what}`);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = this.uint(8, what);
    return out;
  }
}
