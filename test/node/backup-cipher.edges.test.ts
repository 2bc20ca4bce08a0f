// Boundaries of what the encrypted backup formats share (src/_backup-cipher.ts) that mutation
// testing (test/MUTATION.md, slice `backup-crypto`) found unpinned: the error code of an AES key
// WebCrypto refuses, the wipe of the key bytes after use, CBC's strict PKCS#7 padding (against
// node:crypto) and its failure as a value, the password's and the plain file's UTF-8 refusals,
// strict hex, the ASCII prefix test, what a JSON object is, and the top-level members of a JSON
// object's text (by property, against JSON.parse).
import { createCipheriv, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  cbcOpen,
  encodeUtf8,
  gcmOpen,
  gcmSeal,
  hexBytes,
  isRecord,
  parseJsonText,
  passwordBytes,
  startsWithAscii,
  topMembers,
} from '../../src/_backup-cipher.ts';
import { otpError, otpRejection } from './otp-error.ts';

const KEY = Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const IV = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
const NONCE = new Uint8Array(12).fill(7);

/** AES-256-CBC of `plain` (a whole number of blocks) by node:crypto, with no padding added. */
function cbcRaw(plain: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-256-cbc', KEY, IV).setAutoPadding(false);
  return new Uint8Array(Buffer.concat([c.update(plain), c.final()]));
}

describe('AES under a raw key', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test('a key size WebCrypto refuses is BACKUP_UNSUPPORTED, for GCM and CBC alike', async () => {
    for (const p of [gcmOpen(new Uint8Array(5), NONCE, new Uint8Array(32)), cbcOpen(new Uint8Array(5), IV, new Uint8Array(16))]) {
      const e = await otpRejection(p);
      expect(e.code).toBe('BACKUP_UNSUPPORTED');
    }
  });

  test('the key bytes handed to WebCrypto are wiped once the operation is done, even when it fails', async () => {
    const seen: Uint8Array[] = [];
    const subtle = globalThis.crypto.subtle;
    const original = subtle.importKey.bind(subtle);
    vi.spyOn(subtle, 'importKey').mockImplementation(((format: 'raw', key: Uint8Array, ...rest: unknown[]) => {
      // WebCrypto copies the bytes on import; a copy taken now shows they were the key at that time.
      seen.push(key, key.slice());
      return (original as (...a: unknown[]) => Promise<CryptoKey>)(format, key, ...rest);
    }) as typeof subtle.importKey);
    const sealed = await gcmSeal(KEY, NONCE, new Uint8Array([1, 2, 3]));
    expect((await gcmOpen(KEY, NONCE, sealed)).ok).toBe(true);
    const tampered = sealed.map((b, i) => (i === 0 ? b ^ 1 : b));
    expect((await gcmOpen(KEY, NONCE, tampered)).ok).toBe(false);
    expect((await cbcOpen(KEY, IV, new Uint8Array(16))).ok).toBeDefined();
    expect(seen.length).toBe(8);
    for (let j = 0; j < seen.length; j += 2) {
      expect(seen[j + 1]).toEqual(KEY);
      expect(seen[j]!.every((b) => b === 0)).toBe(true);
    }
    // The caller's own array is the caller's to wipe: it is left as it was.
    expect(KEY[0]).toBe(1);
  });

  test('CBC accepts PKCS#7 padding of 1 to 16 bytes and returns the plain text before it', async () => {
    for (let n = 1; n <= 16; n++) {
      const text = randomBytes(32 - n);
      const padded = new Uint8Array([...text, ...new Uint8Array(n).fill(n)]);
      const opened = await cbcOpen(KEY, IV, cbcRaw(padded));
      expect(opened, `n = ${n}`).toEqual({ ok: true, bytes: new Uint8Array(text) });
    }
  });

  test('CBC refuses padding that is not PKCS#7: every padding byte must be its length (not only the last), 1 to 16', async () => {
    const body = new Uint8Array(32).fill(0x41);
    const bad = [
      [0x05, 0x02], // the last byte says 2, the one before is not 2 (ISO 10126 would accept it)
      [0x03, 0x03, 0x02, 0x03],
      [0x00],
      [0x11],
      [0xff],
    ];
    for (const tail of bad) {
      const padded = body.slice();
      padded.set(tail, 32 - tail.length);
      const opened = await cbcOpen(KEY, IV, cbcRaw(padded));
      expect(opened.ok, JSON.stringify(tail)).toBe(false);
      // The failure is a value whose error becomes the cause of the format's OtpError: it names padding.
      expect(opened.ok ? undefined : opened.error, JSON.stringify(tail)).toBeInstanceOf(Error);
      expect(opened.ok ? '' : String((opened.error as Error).message)).toMatch(/padding/);
    }
  });

  test('CBC data that is no whole block is a failure returned, not a crash', async () => {
    for (const n of [0, 15, 17]) {
      const opened = await cbcOpen(KEY, IV, new Uint8Array(n));
      expect(opened.ok, `${n} bytes`).toBe(false);
    }
  });
});

describe('text and bytes', () => {
  test('passwordBytes: a non-string password is BACKUP_PASSWORD naming what it got', () => {
    for (const [value, got] of [
      [null, 'null'],
      [undefined, 'undefined'],
      [123, 'number'],
      [{}, 'object'],
      [new Uint8Array(3), 'object'],
    ] as const) {
      const e = otpError(() => passwordBytes(value));
      expect(e.code).toBe('BACKUP_PASSWORD');
      expect(e.message).toMatch(/password/);
      expect(e.message).toMatch(new RegExp(`\\b${got}$`));
    }
  });

  test('passwordBytes: UTF-8, and a lone surrogate refused as BACKUP_PASSWORD', () => {
    expect(passwordBytes('pé€😀')).toEqual(new Uint8Array(Buffer.from('pé€😀', 'utf8')));
    for (const bad of ['\ud800', 'a\udfffb', '😀'.slice(1)]) {
      const e = otpError(() => passwordBytes(bad));
      expect(e.code).toBe('BACKUP_PASSWORD');
      expect(e.message).toMatch(/password/);
      expect(e.message).toMatch(/surrogate/);
    }
  });

  test('encodeUtf8: UTF-8, and a lone surrogate refused as INVALID_BACKUP', () => {
    expect(encodeUtf8('{"a":"é😀"}')).toEqual(new Uint8Array(Buffer.from('{"a":"é😀"}', 'utf8')));
    for (const bad of ['\ud800', 'x\udc00']) {
      const e = otpError(() => encodeUtf8(bad));
      expect(e.code).toBe('INVALID_BACKUP');
      expect(e.message).toMatch(/surrogate/);
    }
  });

  test('hexBytes: even-length hex of min…max bytes, either case; anything else undefined', () => {
    expect(hexBytes('00fFaB', 3)).toEqual(new Uint8Array([0, 255, 171]));
    expect(hexBytes('', 0)).toEqual(new Uint8Array(0));
    expect(hexBytes('0a', 1, 2)).toEqual(new Uint8Array([10]));
    expect(hexBytes('0a0b', 1, 2)).toEqual(new Uint8Array([10, 11]));
    for (const [value, min, max] of [
      ['0a0b0', 1, 3], // odd length within the range
      ['abc', 1, 2],
      ['0a0b0c', 1, 2], // one byte too many
      ['00'.repeat(17), 16, 16],
      ['0a', 2, 2], // one byte too few
      ['0g', 1, 1],
      [null, 1, 1],
      [['ab'], 1, 1], // an array whose text would be hex
      [12, 1, 1],
      [undefined, 0, 0],
    ] as const) {
      expect(hexBytes(value, min, max), JSON.stringify(value)).toBeUndefined();
    }
  });

  test('startsWithAscii: at the prefix’s length exactly, shorter, longer, and the empty prefix', () => {
    const b = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));
    expect(startsWithAscii(b('ABC'), 'ABC')).toBe(true);
    expect(startsWithAscii(b('ABCD'), 'ABC')).toBe(true);
    expect(startsWithAscii(b('AB'), 'ABC')).toBe(false);
    expect(startsWithAscii(b(''), 'ABC')).toBe(false);
    expect(startsWithAscii(b('ABD'), 'ABC')).toBe(false);
    expect(startsWithAscii(b(''), '')).toBe(true);
    // A prefix's missing bytes are not zeros.
    expect(startsWithAscii(b('AB'), 'AB\0')).toBe(false);
  });
});

describe('JSON', () => {
  test('isRecord: a JSON object only', () => {
    expect(isRecord({})).toBe(true);
    expect(isRecord(JSON.parse('{"__proto__":1}'))).toBe(true);
    for (const v of [null, [], 'x', '', 1, 0, true, undefined]) expect(isRecord(v), JSON.stringify(v)).toBe(false);
  });

  test('parseJsonText: the parsed value, or undefined for any failure', () => {
    expect(parseJsonText('{"a":[1]}')).toEqual({ value: { a: [1] } });
    expect(parseJsonText('null')).toEqual({ value: null });
    for (const bad of ['', '{', '{"a":1,}', "{'a':1}", 'undefined']) expect(parseJsonText(bad), bad).toBeUndefined();
  });

  test('topMembers: names and exact value texts, whitespace around every token', () => {
    expect(topMembers('{}')).toEqual([]);
    expect(topMembers(' \n{ }\n')).toEqual([]);
    expect(topMembers('  {"a":1}')).toEqual([{ key: 'a', value: '1' }]);
    expect(topMembers('{ "a" : 1 , "b"\t:\n[ 1, {"c:": "d,}"} ] , "e\\"f" :"g" }')).toEqual([
      { key: 'a', value: '1' },
      { key: 'b', value: '[ 1, {"c:": "d,}"} ]' },
      { key: 'e"f', value: '"g"' },
    ]);
    expect(topMembers('{"counter":12345678901234567890,"n":{"x":{"y":2}}}')).toEqual([
      { key: 'counter', value: '12345678901234567890' },
      { key: 'n', value: '{"x":{"y":2}}' },
    ]);
  });

  test('topMembers: by property, the members of any JSON object text, with any whitespace', () => {
    const ws = fc.constantFrom('', ' ', '\n', '\t', '\r\n ');
    const member = fc.tuple(fc.string(), fc.jsonValue(), ws, ws, ws, ws, fc.constantFrom(0, 2));
    fc.assert(
      fc.property(fc.uniqueArray(member, { selector: (m) => m[0] }), ws, ws, (members, lead, inner) => {
        const parts = members.map(([k, v, a, b, c, d, indent]) => `${a}${JSON.stringify(k)}${b}:${c}${JSON.stringify(v, null, indent)}${d}`);
        const text = `${lead}{${inner}${parts.join(',')}${inner}}${lead}`;
        const got = topMembers(text);
        expect(got).toEqual(members.map(([k, v, , , , , indent]) => ({ key: k, value: JSON.stringify(v, null, indent) })));
      }),
    );
  });
});
