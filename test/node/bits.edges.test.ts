// The two low-level readers under the codecs, tested on bytes written by hand: src/_bits.ts (the bit
// string of an activation body, with its LEB128 varints) and src/_protobuf.ts (the wire format of
// Google's migration export). Mutation testing (test/MUTATION.md, slice `bits`) found their refusals
// reached only through the codecs, whose own checks often answer first: here each boundary is
// met directly, once accepted and once refused, and each refusal names where and what went wrong.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { BitReader, BitWriter } from '../../src/_bits.ts';
import { readFields, writeBytes, writeVarint } from '../../src/_protobuf.ts';
import { otpError } from './otp-error.ts';

const MAX_U64 = 2n ** 64n - 1n;

/** A BitReader over `bytes`, each written as 8 bits, padded to whole symbols. */
function reader(bytes: number[]): BitReader {
  const w = new BitWriter();
  w.bytes(Uint8Array.from(bytes));
  const s = w.symbols();
  return new BitReader(s, 0, s.length);
}
/** The message of the INVALID_ACTIVATION that `f` throws. */
const activationRefusal = (f: () => unknown) => {
  const e = otpError(f);
  expect(e.code).toBe('INVALID_ACTIVATION');
  return e.message;
};

describe('BitReader', () => {
  test('uint reads up to the last bit there is, and no further', () => {
    const r = new BitReader(Uint8Array.of(0b10110, 0b00001), 0, 2);
    expect(r.uint(3, 'a')).toBe(0b101);
    expect(r.remaining).toBe(7);
    expect(activationRefusal(() => r.uint(8, 'the thing'))).toContain('ends inside the thing');
    expect(r.uint(7, 'b')).toBe(0b1000001);
    expect(r.remaining).toBe(0);
    expect(activationRefusal(() => r.uint(1, 'the last bit'))).toContain('ends inside the last bit');
  });

  test('varints: every value 0 … 2^64-1 reads back from the writer, in exactly the bytes written', () => {
    const values = fc.oneof(fc.bigInt({ min: 0n, max: MAX_U64 }), fc.constantFrom(0n, 1n, 127n, 128n, 2n ** 63n, MAX_U64));
    fc.assert(
      fc.property(values, (v) => {
        const w = new BitWriter();
        w.varint(v);
        w.uint(0b101, 3);
        const s = w.symbols();
        const r = new BitReader(s, 0, s.length);
        expect(r.varint('v')).toBe(v);
        expect(r.uint(3, 'the marker')).toBe(0b101);
      }),
    );
  });

  test('a varint in more bytes than it needs is refused, 0 included (its one form is a single 0 byte)', () => {
    expect(reader([0x00]).varint('v')).toBe(0n);
    expect(activationRefusal(() => reader([0x80, 0x00]).varint('the period field'))).toContain('the period field is not written in its shortest form');
    expect(activationRefusal(() => reader([0x81, 0x80, 0x00]).varint('v'))).toContain('shortest form');
  });

  test('a varint ends at 2^64-1 and at 10 bytes', () => {
    expect(reader([...Array(9).fill(0xff), 0x01]).varint('v')).toBe(MAX_U64);
    // 2^64: ten bytes, the shortest form of a value one past the top.
    expect(activationRefusal(() => reader([...Array(9).fill(0x80), 0x02]).varint('the counter field'))).toContain('the counter field is larger than 2^64-1');
    // An eleventh byte is refused as such, whatever it would hold.
    expect(activationRefusal(() => reader([...Array(10).fill(0x80), 0x01]).varint('the t0 field'))).toContain('the t0 field is longer than 10 bytes');
    expect(activationRefusal(() => reader([...Array(10).fill(0x80)]).varint('the t0 field'))).toContain('longer than 10 bytes');
  });

  test('bytes: as many as there are, and a count past the end refused before anything is allocated', () => {
    expect(reader([1, 2, 3]).bytes(3, 'k')).toEqual(Uint8Array.of(1, 2, 3));
    expect(activationRefusal(() => reader([1, 2]).bytes(3, 'the issuer field'))).toContain('ends inside the issuer field');
    // A count no Uint8Array can hold is a refusal, not a RangeError.
    expect(activationRefusal(() => reader([1, 2]).bytes(2 ** 53, 'the key'))).toContain('ends inside the key');
  });
});

/** The message of the INVALID_MIGRATION that reading `bytes` throws. */
const migrationRefusal = (bytes: number[]) => {
  const e = otpError(() => readFields(Uint8Array.from(bytes), 'the payload'));
  expect(e.code).toBe('INVALID_MIGRATION');
  expect(e.message).toContain('the payload');
  return e.message;
};

describe('readFields', () => {
  test('every wire type it reads, in order; no bytes are no fields', () => {
    expect(readFields(new Uint8Array(0), 'm')).toEqual([]);
    const bytes = Uint8Array.of(
      ...[0x08, 0x96, 0x01], // field 1, varint 150
      ...[0x12, 0x02, 0x61, 0x62], // field 2, bytes "ab"
      ...[0x19, 1, 2, 3, 4, 5, 6, 7, 8], // field 3, fixed64
      ...[0x25, 1, 2, 3, 4], // field 4, fixed32
      ...[0x80, 0x01, 0x00], // field 16, varint 0 (a two-byte tag)
    );
    expect(readFields(bytes, 'm')).toEqual([
      { field: 1, wire: 0, lo: 150, hi: 0 },
      { field: 2, wire: 2, bytes: Uint8Array.of(0x61, 0x62) },
      { field: 3, wire: 1 },
      { field: 4, wire: 5 },
      { field: 16, wire: 0, lo: 0, hi: 0 },
    ]);
  });

  test('varints: what writeVarint writes reads back as its unsigned 64 bits, for any field number', () => {
    const value = fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: MAX_U64 }), fc.constantFrom(0n, -1n, 2n ** 32n - 1n, 2n ** 32n, MAX_U64));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 28 - 1 }), value, (field, v) => {
        const out: number[] = [];
        writeVarint(out, field, v);
        const u = v < 0n ? v + 2n ** 64n : v;
        expect(readFields(Uint8Array.from(out), 'm')).toEqual([{ field, wire: 0, lo: Number(u & 0xffffffffn), hi: Number(u >> 32n) }]);
      }),
    );
  });

  test('a varint cut off, past 64 bits or past 10 bytes is refused, at the byte where it ends or starts', () => {
    expect(migrationRefusal([0x80])).toContain('a varint is cut off at byte 1');
    expect(migrationRefusal([0x08, 0x80, 0x80])).toContain('a varint is cut off at byte 3');
    expect(readFields(Uint8Array.of(0x08, ...Array(9).fill(0xff), 0x01), 'm')).toEqual([{ field: 1, wire: 0, lo: 0xffffffff, hi: 0xffffffff }]);
    // The tenth byte holds bit 63 only.
    expect(migrationRefusal([0x08, ...Array(9).fill(0xff), 0x02])).toContain('a varint at byte 1 is longer than 64 bits');
    // Ten bytes that all promise another: refused as such, whatever an eleventh would hold.
    expect(migrationRefusal([0x08, 0x01, 0x10, ...Array(10).fill(0x80), 0x00])).toContain('a varint at byte 3 is longer than 10 bytes');
    expect(migrationRefusal([0x08, ...Array(10).fill(0xff)])).toContain('a varint at byte 1 is longer than 10 bytes');
  });

  test('field number 0, or a tag past 32 bits, is no field', () => {
    expect(migrationRefusal([0x08, 0x01, 0x00, 0x01])).toContain('invalid field number at byte 2');
    // Tag 2^32 + 8: its low 32 bits alone would read as field 1, a varint.
    expect(migrationRefusal([0x88, 0x80, 0x80, 0x80, 0x10, 0x01])).toContain('invalid field number at byte 0');
  });

  test('a byte string takes at most the bytes left after its length', () => {
    expect(readFields(Uint8Array.of(0x08, 0x01, 0x12, 0x02, 0x61, 0x62), 'm')[1]).toEqual({ field: 2, wire: 2, bytes: Uint8Array.of(0x61, 0x62) });
    expect(migrationRefusal([0x08, 0x01, 0x12, 0x03, 0x61, 0x62])).toContain('field 2 at byte 2 claims more bytes than the 2 left');
    expect(migrationRefusal([0x0a, 0x01])).toContain('claims more bytes than the 0 left');
  });

  test('fixed64 and fixed32 need their 8 and 4 bytes', () => {
    expect(readFields(Uint8Array.of(0x09, ...Array(8).fill(0)), 'm')).toEqual([{ field: 1, wire: 1 }]);
    expect(readFields(Uint8Array.of(0x0d, 0, 0, 0, 0), 'm')).toEqual([{ field: 1, wire: 5 }]);
    expect(migrationRefusal([0x09, ...Array(7).fill(0)])).toContain('field 1 at byte 0 is cut off');
    expect(migrationRefusal([0x08, 0x00, 0x15, 0, 0, 0])).toContain('field 2 at byte 2 is cut off');
  });

  test('groups and the reserved wire types are refused, naming the type', () => {
    for (const wire of [3, 4, 6, 7]) {
      // Each followed by 8 bytes, so a reader that took it for a fixed-width field would find them.
      expect(migrationRefusal([0x10 | wire, ...Array(8).fill(0)])).toContain(`field 2 at byte 0 has wire type ${wire}`);
    }
  });

  test('writeBytes writes what readFields reads', () => {
    const out: number[] = [];
    writeBytes(out, 3, new Uint8Array(200).fill(7));
    expect(readFields(Uint8Array.from(out), 'm')).toEqual([{ field: 3, wire: 2, bytes: new Uint8Array(200).fill(7) }]);
  });
});
