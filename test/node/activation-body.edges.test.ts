// The body reader of activation strings (src/_activation-body.ts) on bodies written bit by bit:
// everything the writer would never write is INVALID_ACTIVATION, saying what is wrong. Mutation
// testing (test/MUTATION.md) found these refusals untested: a right checksum over a wrong body
// cannot be typed by accident, so only a body built by hand reaches them.
import { describe, expect, test } from 'vitest';
import { readBody } from '../../src/_activation-body.ts';
import { writeSuite } from '../../src/_activation-suite.ts';
import { BitReader, BitWriter } from '../../src/_bits.ts';
import { otpError } from './otp-error.ts';

const KEY = new Uint8Array(10).fill(0xa5);
/** Kinds as the 2-bit field writes them. */
const KIND = { totp: 0, hotp: 1, ocra: 2, steam: 3 } as const;

/** The symbols of a body written by `write`, with `extra` zero symbols after it. */
function symbols(write: (w: BitWriter) => void, extra = 0): Uint8Array {
  const w = new BitWriter();
  write(w);
  const s = w.symbols();
  const out = new Uint8Array(s.length + extra);
  out.set(s);
  return out;
}
const read = (s: Uint8Array) => readBody(new BitReader(s, 0, s.length));
/** A TOTP body whose presence map has exactly `field` (of algorithm, digits, period, t0, serial, issuer, account). */
const totpWith =
  (field: number, value: (w: BitWriter) => void, key = KEY) =>
  (w: BitWriter) => {
    w.uint(KIND.totp, 2);
    w.uint(1, 1);
    for (let i = 0; i < 7; i++) w.uint(i === field ? 1 : 0, 1);
    value(w);
    w.bytes(key);
  };
const refused = (s: Uint8Array) => {
  const e = otpError(() => read(s));
  expect(e.code).toBe('INVALID_ACTIVATION');
  return e.message;
};

describe('bodies the writer writes read back', () => {
  test('a TOTP body with no options is the defaults; HOTP and a counting OCRA suite start at counter 0', () => {
    expect(read(symbols((w) => (w.uint(KIND.totp, 2), w.uint(0, 1), w.bytes(KEY))))).toEqual({
      kind: 'totp',
      key: KEY,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      t0: 0,
    });
    expect(read(symbols((w) => (w.uint(KIND.steam, 2), w.uint(0, 1), w.bytes(KEY))))).toMatchObject({ kind: 'steam', digits: 5, period: 30, t0: 0 });
    expect(read(symbols((w) => (w.uint(KIND.hotp, 2), w.uint(0, 1), w.bytes(KEY))))).toMatchObject({ kind: 'hotp', counter: 0 });
    const ocra = (suite: string) => read(symbols((w) => (w.uint(KIND.ocra, 2), writeSuite(w, suite), w.uint(0, 1), w.bytes(KEY))));
    expect(ocra('OCRA-1:HOTP-SHA1-6:C-QN08')).toMatchObject({ kind: 'ocra', counter: 0 });
    expect(ocra('OCRA-1:HOTP-SHA1-6:QN08').counter).toBeUndefined();
  });
});

describe('what the writer never writes', () => {
  test('a body with no bits at all ends inside the kind', () => {
    expect(refused(new Uint8Array(0))).toContain('it ends inside the kind');
  });

  test('the options bit with an empty presence map; a map cut short', () => {
    expect(refused(symbols((w) => (w.uint(KIND.totp, 2), w.uint(1, 1), w.uint(0, 7), w.bytes(KEY))))).toContain(
      'its presence map is empty (a token with every default has the options bit 0)',
    );
    // Two symbols: kind, the options bit, then 7 bits of the 7-bit map's… only 2 of them in the first symbol.
    expect(refused(Uint8Array.of(0b00111))).toContain('it ends inside the presence map');
  });

  test('a counter for an OCRA suite without C', () => {
    const s = symbols((w) => {
      w.uint(KIND.ocra, 2);
      writeSuite(w, 'OCRA-1:HOTP-SHA1-6:QN08');
      w.uint(1, 1);
      w.uint(0b1000, 4); // counter, serial, issuer, account
      w.varint(5n);
      w.bytes(KEY);
    });
    expect(refused(s)).toContain('it has a counter but its OCRA suite has no C');
  });

  test('numeric fields: the default written out, out of range, or cut short, each named', () => {
    expect(refused(symbols(totpWith(2, (w) => w.varint(30n))))).toContain('its period must be 1 to 2^32 seconds other than 30, got 30');
    expect(refused(symbols(totpWith(2, (w) => w.varint(0n))))).toContain('got 0');
    expect(refused(symbols(totpWith(2, (w) => w.varint(2n ** 32n + 1n))))).toContain(`got ${2n ** 32n + 1n}`);
    expect(refused(symbols(totpWith(3, (w) => w.varint(0n))))).toContain(
      'its t0 must be a non-zero number of seconds up to 8640000000000 either side of the epoch',
    );
    const hotpCounter = (v: bigint) => symbols((w) => (w.uint(KIND.hotp, 2), w.uint(1, 1), w.uint(0b001000, 6), w.varint(v), w.bytes(KEY)));
    expect(refused(hotpCounter(0n))).toContain('its counter field holds 0, the default, which is left out');
    expect(read(hotpCounter(7n)).counter).toBe(7);
    // A varint whose continuation bit promises a byte that never comes.
    expect(refused(symbols((w) => (w.uint(KIND.totp, 2), w.uint(1, 1), w.uint(0b0010000, 7), w.uint(0xff, 8))))).toContain('it ends inside the period field');
  });

  test('text fields: empty, over their cap, or not UTF-8', () => {
    const issuer = (length: bigint, bytes: number[]) => symbols(totpWith(5, (w) => (w.varint(length), w.bytes(Uint8Array.from(bytes)))));
    expect(refused(issuer(0n, []))).toContain('its issuer must be 1 to 64 bytes, got 0');
    expect(refused(issuer(65n, new Array(65).fill(0x41)))).toContain('its issuer must be 1 to 64 bytes, got 65');
    expect(refused(issuer(2n, [0xc3, 0x28]))).toContain('its issuer is not valid UTF-8');
    expect(read(issuer(2n, [0xc3, 0xa9])).issuer).toBe('é');
  });

  test('the key: its length, the bits after it', () => {
    const plain = (key: Uint8Array, extra = 0) => symbols((w) => (w.uint(KIND.totp, 2), w.uint(0, 1), w.bytes(key)), extra);
    expect(refused(plain(new Uint8Array(9)))).toContain('its key is 9 bytes; activation strings carry 10 to 128');
    expect(refused(plain(new Uint8Array(129)))).toContain('its key is 129 bytes');
    // 3 + 80 bits fill 17 symbols with 2 bits to spare; one zero symbol more leaves 7 after the key.
    expect(refused(plain(KEY, 1))).toContain('it has 7 bits after the last whole key byte; a symbol has 5');
    const s = plain(KEY);
    s[s.length - 1]! |= 1;
    expect(refused(s)).toContain('the bits after the key are not zero');
  });
});

describe("the OCRA suite's bits", () => {
  /** An OCRA body: the kind, the suite's bits as `suite` writes them, no options, the key. */
  const ocraBody = (suite: (w: BitWriter) => void) => symbols((w) => (w.uint(KIND.ocra, 2), suite(w), w.uint(0, 1), w.bytes(KEY)));
  /** The suite's fields by hand, in writeSuite's order and widths; `session` and `time` only when S or T is 2. */
  const fields =
    (f: { hash?: number; t?: number; format?: number; nn?: number; pin?: number; s?: number; tt?: number; unit?: number; steps?: number }) =>
    (w: BitWriter) => {
      w.uint(f.hash ?? 0, 2);
      w.uint(f.t ?? 6, 4);
      w.uint(0, 1);
      w.uint(f.format ?? 1, 2);
      w.uint((f.nn ?? 8) - 4, 6);
      w.uint(f.pin ?? 0, 3);
      w.uint(f.s ?? 0, 2);
      if (f.s === 2) w.uint(127, 9);
      w.uint(f.tt ?? 0, 2);
      if (f.tt === 2) {
        w.uint(f.unit ?? 0, 2);
        w.uint(f.steps ?? 30, 6);
      }
    };

  test('the fields by hand spell the suite writeSuite writes', () => {
    expect(read(ocraBody(fields({}))).suite).toBe('OCRA-1:HOTP-SHA1-6:QN08');
    expect(read(ocraBody(fields({ s: 2, tt: 2 }))).suite).toBe('OCRA-1:HOTP-SHA1-6:QN08-S128-T30S');
  });

  test('a body cut at any symbol edge inside its suite ends inside the OCRA suite', () => {
    // The S and T fields move the later fields' edges: with both, the time steps straddle two
    // symbol edges; without S, the time unit straddles one.
    for (const suite of ['OCRA-1:HOTP-SHA512-8:C-QH40-PSHA256-S128-T30S', 'OCRA-1:HOTP-SHA1-6:QN08-T1M']) {
      const whole = ocraBody((w) => writeSuite(w, suite));
      const bits = 2 + (suite.includes('S128') ? 39 : 30);
      for (let n = 1; 5 * n < bits; n++) expect(refused(whole.slice(0, n)), `${suite}, ${n} symbols`).toContain('it ends inside the OCRA suite');
    }
  });

  test('a field value no suite has is named as such, for each field that has one', () => {
    for (const bad of [{ hash: 3 }, { format: 3 }, { pin: 5 }, { pin: 7 }, { s: 3 }, { tt: 3 }, { tt: 2, unit: 3 }]) {
      expect(refused(ocraBody(fields(bad))), JSON.stringify(bad)).toContain('its OCRA suite has a field value no suite has');
    }
  });

  test('a suite the bits can spell but RFC 6287 refuses: INVALID_ACTIVATION, with the suite parser’s error as its cause', () => {
    for (const bad of [{ t: 3 }, { nn: 65 }, { tt: 2, steps: 0 }, { tt: 2, unit: 2, steps: 49 }]) {
      const e = otpError(() => read(ocraBody(fields(bad))));
      expect(e.code, JSON.stringify(bad)).toBe('INVALID_ACTIVATION');
      expect(e.message).toContain('its OCRA suite is not valid');
      expect((e.cause as { code?: unknown } | undefined)?.code).toBe('INVALID_OCRA_SUITE');
    }
  });
});
