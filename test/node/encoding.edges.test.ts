// Boundaries that mutation testing (test/MUTATION.md, slice `encoding`) found unpinned in the key
// codecs (encoding.ts) and the byte helpers (_bytes.ts): which characters each decoder takes and
// what its messages tell (the input's name, the position, what was expected, the hint), the base32
// lengths and padding around a group of 8, the `padding` option, what counts as bytes, and where
// random bytes come from.
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { base32Decode, base32Encode, base64Decode, base64Encode, generateKey, hexDecode, hexEncode } from '../../src/encoding.ts';
import { randomBytes } from '../../src/_bytes.ts';
import { otpError } from './otp-error.ts';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const HEX = '0123456789abcdefABCDEF';
const ascii = (text: string) => new TextEncoder().encode(text);
/** Every code unit 0 … 255, and a few far above (a fullwidth digit, an Arabic-Indic zero, a BOM). */
const CHARS = [...Array.from({ length: 256 }, (_, c) => String.fromCharCode(c)), '\uff10', '\u0660', '\ufeff'];

describe('base32Decode: the characters it takes, and what it says about the others', () => {
  test('each symbol of the alphabet, in either case, is its value 0 … 31', () => {
    for (const [value, symbol] of [...BASE32].entries()) {
      for (const s of [symbol, symbol.toLowerCase()]) expect(base32Decode(`${s}A`), s).toEqual(new Uint8Array([value << 3]));
    }
  });

  test('every other character is refused at its position; only the digits 0, 1, 8 and 9 get the hint', () => {
    const taken = new Set([...BASE32, ...BASE32.toLowerCase(), ' ', '-', '\t', '\n', '\r', '=']);
    for (const ch of CHARS.filter((c) => !taken.has(c))) {
      const e = otpError(() => base32Decode(`MZXW6${ch}MZXW6YQ`));
      const what = `U+${ch.charCodeAt(0).toString(16)}`;
      expect(e.code, what).toBe('INVALID_BASE32');
      expect(e.message, what).toMatch(/invalid base32 character at position 6: expected A–Z or 2–7/);
      expect(e.message, what).not.toMatch(/padding/);
      if ('0189'.includes(ch)) expect(e.message, what).toMatch(/\(the digits 0, 1, 8 and 9 are not base32; 0 and 1 are often O and I\)$/);
      else expect(e.message, what).toMatch(/trailing '='$/);
    }
  });

  test("a symbol after '=' is misplaced padding, at the symbol's position", () => {
    for (const text of ['MZXQ====MZXQ', 'MZXQ==  ==M', 'MZ=XQ']) {
      const e = otpError(() => base32Decode(text));
      expect(e.code, text).toBe('INVALID_BASE32');
      expect(e.message, text).toMatch(/padding '=' may only stand at the end \(character \d+\)/);
      expect(e.message, text).not.toMatch(/invalid base32 character/);
    }
    expect(otpError(() => base32Decode('MZXQ====MZXQ')).message).toMatch(/character 9\)/);
    expect(otpError(() => base32Decode('MZ=XQ')).message).toMatch(/character 4\)/);
  });

  test('the symbol count past a group of 8: 1, 3 and 6 are refused with the count, the others decode', () => {
    for (const [symbols, rest] of [
      [1, 1],
      [9, 1],
      [3, 3],
      [11, 3],
      [6, 6],
      [14, 6],
    ]) {
      const e = otpError(() => base32Decode('A'.repeat(symbols!)));
      expect(e.code, `${symbols}`).toBe('INVALID_BASE32');
      expect(e.message, `${symbols}`).toMatch(new RegExp(`has ${symbols} symbols; no encoder ends on ${rest} symbols? past a multiple of 8`));
      // One symbol, several symbols.
      expect(e.message, `${symbols}`).toMatch(rest === 1 ? /on 1 symbol past/ : new RegExp(`on ${rest} symbols past`));
    }
    for (const [symbols, bytes] of [
      [2, 1],
      [4, 2],
      [5, 3],
      [7, 4],
      [8, 5],
      [10, 6],
      [16, 10],
    ]) {
      expect(base32Decode('A'.repeat(symbols!)), `${symbols}`).toEqual(new Uint8Array(bytes!));
    }
  });

  test('padding: exactly up to the group of 8, or none; a full group takes none (the message says which)', () => {
    expect(base32Decode('MY======')).toEqual(ascii('f'));
    expect(base32Decode('MZXQ====')).toEqual(ascii('fo'));
    expect(base32Decode('MZXW6===')).toEqual(ascii('foo'));
    expect(base32Decode('MZXW6YQ=')).toEqual(ascii('foob'));
    for (const text of ['MZXW6YTB=', 'MZXW6YTB========', 'AAAAAAAAAAAAAAAA=', '========']) {
      const symbols = text.replace(/=/g, '').length;
      const e = otpError(() => base32Decode(text));
      expect(e.code, text).toBe('INVALID_BASE32');
      expect(e.message, text).toMatch(new RegExp(`of ${symbols} symbols fills its last group of 8: padding '=' must be left out`));
    }
    for (const [text, wanted] of [
      ['MY=', 6],
      ['MY=======', 6],
      ['MZXQ=', 4],
      ['MZXW6==', 3],
      ['MZXW6YQ==', 1],
    ] as const) {
      const e = otpError(() => base32Decode(text));
      expect(e.code, text).toBe('INVALID_BASE32');
      expect(e.message, text).toMatch(new RegExp(`padding must fill the last group of 8 symbols \\(${wanted} '='\\)`));
      expect(e.message, text).not.toMatch(/fills its last group/);
    }
  });
});

describe('base32Encode: the padding option', () => {
  test('true pads, false and undefined do not; anything else is refused, naming padding and the value', () => {
    expect(base32Encode(ascii('f'), { padding: true })).toBe('MY======');
    expect(base32Encode(ascii('f'), { padding: false })).toBe('MY');
    expect(base32Encode(ascii('f'), { padding: undefined })).toBe('MY');
    expect(base32Encode(ascii('f'), {})).toBe('MY');
    for (const padding of ['yes', 1, 0, null, 'true']) {
      const e = otpError(() => base32Encode(ascii('f'), { padding } as never));
      expect(e.code, String(padding)).toBe('INVALID_OPTIONS');
      expect(e.message, String(padding)).toMatch(new RegExp(`padding must be true or false, got .*${String(padding)}`));
    }
  });
});

describe('hexDecode: the characters it takes, and what it says about the others', () => {
  test('0-9, a-f and A-F are their values; space, tab and line breaks are skipped, even inside a byte', () => {
    for (const d of HEX) expect(hexDecode(`0${d}`), d).toEqual(new Uint8Array([parseInt(d, 16)]));
    expect(hexDecode('31\t32\n33\r34 35')).toEqual(ascii('12345'));
    expect(hexDecode(' 3\t1 \r\n')).toEqual(ascii('1'));
    expect(hexDecode('  \t\n\r ')).toEqual(new Uint8Array(0));
  });

  test('every other character is refused at its position', () => {
    const taken = new Set([...HEX, ' ', '\t', '\n', '\r']);
    for (const ch of CHARS.filter((c) => !taken.has(c))) {
      const what = `U+${ch.charCodeAt(0).toString(16)}`;
      const e = otpError(() => hexDecode(`12${ch}3`));
      expect(e.code, what).toBe('INVALID_HEX');
      expect(e.message, what).toMatch(/invalid hex character at position 3: expected 0–9, a–f or A–F/);
    }
    expect(otpError(() => hexDecode('zz')).message).toMatch(/position 1:/);
  });

  test('an odd number of digits is refused, whatever the last digit', () => {
    for (const text of ['0', 'ab0', '00 0', 'f', '123']) {
      const e = otpError(() => hexDecode(text));
      expect(e.code, text).toBe('INVALID_HEX');
      expect(e.message, text).toMatch(/odd number of digits/);
    }
  });
});

describe('base64Decode: the characters it takes (slice base64-crc)', () => {
  const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const value = (c: string) => (STANDARD.includes(c) ? STANDARD.indexOf(c) : c === '-' ? 62 : c === '_' ? 63 : -1);
  test('each character is a symbol of either alphabet (its value), one of the four spaces (ignored), or refused', () => {
    let symbols = 0;
    let spaces = 0;
    for (const c of CHARS) {
      if (c === '=') continue; // padding: its own tests
      const v = value(c);
      if (v >= 0) {
        // c then 'A': the first byte's top six bits are c's value.
        expect(base64Decode(`${c}A`)[0]! >> 2, JSON.stringify(c)).toBe(v);
        symbols++;
      } else if ([' ', '\t', '\n', '\r'].includes(c)) {
        expect(base64Decode(`3${c}q${c}0${c}=`), JSON.stringify(c)).toEqual(new Uint8Array([0xde, 0xad]));
        spaces++;
      } else {
        const e = otpError(() => base64Decode(`3q${c}0=`));
        expect(e.code, JSON.stringify(c)).toBe('INVALID_BASE64');
        expect(e.message, JSON.stringify(c)).toMatch(/invalid base64 character at position 3/);
      }
    }
    expect([symbols, spaces]).toEqual([66, 4]);
  });
  test("the characters just before and past each range of the alphabets ('@', '[', '`', '{', ':') are refused", () => {
    for (const c of ['@', '[', '`', '{', ':']) {
      expect(otpError(() => base64Decode(`${c}AAA`)).code, c).toBe('INVALID_BASE64');
    }
  });
});

describe('the decoders name their input', () => {
  test('a non-string and a text past 65,536 characters: the code, and base32, hex or base64 named', () => {
    for (const [decode, name, code] of [
      [base32Decode, 'base32', 'INVALID_BASE32'],
      [hexDecode, 'hex', 'INVALID_HEX'],
      [base64Decode, 'base64', 'INVALID_BASE64'],
    ] as const) {
      const wrong = otpError(() => decode(42 as never));
      expect(wrong.code, name).toBe(code);
      expect(wrong.message, name).toMatch(new RegExp(`${name} text must be a string, got a number`));
      const long = otpError(() => decode('A'.repeat(65_538)));
      expect(long.code, name).toBe('INPUT_TOO_LONG');
      expect(long.message, name).toMatch(new RegExp(`${name} text is 65538 characters; at most 65536`));
    }
  });
});

describe('what counts as bytes', () => {
  const encoders = [hexEncode, base32Encode, base64Encode];

  test('a Uint8Array from this realm, a Buffer, and a Uint8Array from another realm (node:vm)', () => {
    const other = runInNewContext('new Uint8Array([0xde, 0xad])') as Uint8Array;
    expect(other).not.toBeInstanceOf(Uint8Array);
    for (const bytes of [new Uint8Array([0xde, 0xad]), Buffer.from([0xde, 0xad]), other]) {
      expect(hexEncode(bytes)).toBe('dead');
      expect(base32Encode(bytes)).toBe('32WQ');
      expect(base64Encode(bytes)).toBe('3q0=');
    }
  });

  test('other typed arrays, views, buffers and look-alikes are refused, from either realm', () => {
    const others: unknown[] = [
      new Int8Array(2),
      new Uint8ClampedArray(2),
      new Uint16Array(2),
      new DataView(new ArrayBuffer(2)),
      new ArrayBuffer(2),
      [0xde, 0xad],
      { constructor: { name: 'Uint8Array' }, length: 0 },
      runInNewContext('new Int8Array(2)'),
      runInNewContext('new Uint8ClampedArray(2)'),
    ];
    for (const value of others) {
      for (const encode of encoders) {
        const e = otpError(() => encode(value as never));
        expect(e.code).toBe('INVALID_KEY');
        expect(e.message).toMatch(/bytes must be a Uint8Array, got/);
      }
    }
  });
});

describe('random bytes', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  test('generateKey takes 16 … 1024 bytes', () => {
    expect(generateKey(1024).length).toBe(1024);
    expect(generateKey(16).length).toBe(16);
    expect(otpError(() => generateKey(1025)).code).toBe('INVALID_KEY_LENGTH');
  });

  test('more than 65,536 bytes: asked for in pieces the platform accepts, every piece filled', () => {
    const n = 2 * 65_536 + 5;
    const bytes = randomBytes(n);
    expect(bytes.length).toBe(n);
    for (const [start, end] of [
      [0, 65_536],
      [65_536, 131_072],
      [131_072 - 1000, n],
    ]) {
      // Random bytes, not the zeros of a piece never filled: about 1/256 of them are 0.
      expect(bytes.subarray(start, end).filter((b) => b !== 0).length).toBeGreaterThan((end! - start!) / 2);
    }
    expect(bytes.subarray(n - 5).some((b) => b !== 0)).toBe(true); // all five 0: odds 2^-40
  });

  test('no crypto.getRandomValues: an error that says so, never a weak key', () => {
    for (const crypto of [undefined, {}, { getRandomValues: 'no' }]) {
      vi.stubGlobal('crypto', crypto);
      expect(() => generateKey()).toThrow(/^crypto\.getRandomValues is not available: no secure random source$/);
      expect(() => randomBytes(16)).toThrow(/^crypto\.getRandomValues is not available/);
      vi.unstubAllGlobals();
    }
    expect(generateKey().length).toBe(20);
  });
});
