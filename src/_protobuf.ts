/**
 * The few parts of the protobuf wire format (protobuf.dev, "Encoding") that Google
 * Authenticator's export needs: varints, length-delimited fields, and skipping fixed-width ones.
 * Hand-written and strict: a truncated varint, a varint past 64 bits, a length past the end or a
 * group / reserved wire type is an `OtpError('INVALID_MIGRATION')`, never a read past the buffer.
 * @module
 */
import { OtpError } from './errors.ts';

/** Wire type 0: a varint. */
export const VARINT = 0;
/** Wire type 2: a length-delimited byte string (bytes, string, nested message). */
export const LEN = 2;

/** One field of a message as read: varints as uint32 halves, byte strings as views. */
export type ProtoField =
  | { field: number; wire: typeof VARINT; lo: number; hi: number }
  | { field: number; wire: typeof LEN; bytes: Uint8Array }
  | { field: number; wire: 1 | 5 };

function malformed(what: string, detail: string): OtpError {
  return new OtpError('INVALID_MIGRATION', `${what} is not valid protobuf: ${detail}`);
}

/** Reads the varint at `pos`: [low 32 bits, high 32 bits, next position]. */
function readVarint(buf: Uint8Array, pos: number, what: string): [number, number, number] {
  let lo = 0;
  let hi = 0;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw malformed(what, `a varint is cut off at byte ${pos}`);
    const b = buf[pos++]!;
    const bits = b & 0x7f;
    if (i < 4) lo |= bits << (7 * i);
    else if (i === 4) {
      lo |= (bits & 0x0f) << 28;
      hi |= bits >>> 4;
    }
    // Stryker disable next-line ArithmeticOperator: a shift count is taken mod 32, and 7i + 32 is 7i - 32 + 64
    else hi |= bits << (7 * i - 32);
    if (b < 0x80) {
      // The tenth byte holds bit 63 only: anything more is a value past 64 bits.
      if (i === 9 && b > 1) throw malformed(what, `a varint at byte ${pos - 10} is longer than 64 bits`);
      return [lo >>> 0, hi >>> 0, pos];
    }
  }
  throw malformed(what, `a varint at byte ${pos - 10} is longer than 10 bytes`);
}

/**
 * Splits a message into its fields, in order (repeated fields appear once per occurrence).
 * Fixed-width fields (wire types 1 and 5) are checked for length and returned without a value;
 * groups (3, 4) and the reserved wire types (6, 7) are refused.
 * @param what - names the message in error messages
 */
export function readFields(buf: Uint8Array, what: string): ProtoField[] {
  const fields: ProtoField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const start = pos;
    const [tag, tagHi, next] = readVarint(buf, pos, what);
    pos = next;
    const field = tag >>> 3;
    const wire = tag & 7;
    if (tagHi !== 0 || field === 0) throw malformed(what, `invalid field number at byte ${start}`);
    if (wire === VARINT) {
      const [lo, hi, after] = readVarint(buf, pos, what);
      pos = after;
      fields.push({ field, wire, lo, hi });
    } else if (wire === LEN) {
      const [length, lengthHi, after] = readVarint(buf, pos, what);
      const left = buf.length - after;
      if (lengthHi !== 0 || length > left) {
        throw malformed(what, `field ${field} at byte ${start} claims more bytes than the ${left} left`);
      }
      pos = after + length;
      fields.push({ field, wire, bytes: buf.subarray(after, pos) });
    } else if (wire === 1 || wire === 5) {
      const width = wire === 1 ? 8 : 4;
      if (buf.length - pos < width) throw malformed(what, `field ${field} at byte ${start} is cut off`);
      pos += width;
      fields.push({ field, wire });
    } else {
      throw malformed(what, `field ${field} at byte ${start} has wire type ${wire} (groups and reserved types are not read)`);
    }
  }
  return fields;
}

/** Appends a varint field; `value` is taken as its unsigned 64-bit (two's complement) bits. */
export function writeVarint(out: number[], field: number, value: number | bigint): void {
  pushVarint(out, BigInt((field << 3) | VARINT));
  // Two's complement by hand: BigInt.asUintN(64, x) returns a negative x unchanged in QuickJS
  // 2025-09-13, which wrote a negative batchId as one byte there (the shared suite caught it).
  const v = BigInt(value);
  pushVarint(out, v < 0n ? v + (1n << 64n) : v);
}

/** Appends a length-delimited field. */
export function writeBytes(out: number[], field: number, bytes: Uint8Array): void {
  pushVarint(out, BigInt((field << 3) | LEN));
  pushVarint(out, BigInt(bytes.length));
  for (const b of bytes) out.push(b);
}

function pushVarint(out: number[], value: bigint): void {
  let v = value;
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
}
