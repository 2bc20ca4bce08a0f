// Boundaries of the FreeOTP+ reader (src/_backup-freeotp.ts) that mutation testing (test/MUTATION.md,
// slice `backup-apps-b`) found unpinned: the file's shape, the secret's bytes (Java's signed bytes and
// unsigned ones), the fields' fallbacks (type, issuerAlt/issuerExt/issuerInt, labelAlt/label,
// imageAlt/image), Steam by issuerExt, the stored HOTP counter one below the next code's, and what a
// broken field tells the user in `skipped`.
import { describe, expect, test } from 'vitest';
import { readBackup } from '../../src/backup.ts';
import type { Token } from '../../src/index.ts';
import { otpError } from './otp-error.ts';

type Fields = Record<string, unknown>;

/** A FreeOTP+ export of `tokens` (JSON; a bigint is written as the integer it is). */
const file = (tokens: Fields[]) => JSON.stringify({ tokens, tokenOrder: [] }, (_, v) => (typeof v === 'bigint' ? `@${v}@` : v)).replace(/"@(-?\d+)@"/g, '$1');

/** The token one entry reads as (nothing skipped). */
function one(fields: Fields): Token {
  const read = readBackup(file([{ secret: [1, 2, 3], ...fields }]), { format: 'freeotp-plus' });
  expect(read.skipped).toEqual([]);
  expect(read.tokens).toHaveLength(1);
  return read.tokens[0]!;
}

/** The skipped entry one entry makes (no token). */
function skipped(fields: Fields) {
  const read = readBackup(file([{ secret: [1, 2, 3], label: 'alice', ...fields }]), { format: 'freeotp-plus' });
  expect(read.tokens).toEqual([]);
  expect(read.skipped).toHaveLength(1);
  return read.skipped[0]!;
}

describe('FreeOTP+: the file', () => {
  test('a file that is not an object with a tokens array is INVALID_BACKUP naming FreeOTP+ and tokens', () => {
    for (const text of ['[]', '{"tokens":5}', '{"tokens":{}}', '{}', '5']) {
      const e = otpError(() => readBackup(text, { format: 'freeotp-plus' }));
      expect(e.code, text).toBe('INVALID_BACKUP');
      expect(e.message, text).toContain('FreeOTP+');
      expect(e.message, text).toContain('tokens');
    }
  });
});

describe('FreeOTP+: the secret', () => {
  test("every byte from -128 to 255 reads as its low 8 bits (Gson's signed bytes and unsigned ones)", () => {
    const secret = [-128, -1, 0, 1, 127, 128, 254, 255];
    expect([...one({ secret }).key]).toEqual([0x80, 0xff, 0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff]);
  });

  test('a value that is not a byte skips the token with INVALID_KEY naming secret[i]', () => {
    for (const b of [-129, 256, 1.5, -0.5, '7', null, true, [1], 2n ** 60n]) {
      const s = skipped({ secret: [0, b] });
      expect(s.code, String(b)).toBe('INVALID_KEY');
      expect(s.reason, String(b)).toContain('secret[1]');
      expect(s.name).toBe('alice');
    }
  });

  test('a missing, empty or non-array secret skips the token with INVALID_KEY naming secret', () => {
    for (const secret of [undefined, [], 'AQID', { 0: 1 }]) {
      const s = skipped({ secret });
      expect(s.code, JSON.stringify(secret)).toBe('INVALID_KEY');
      // The file's field, not the token model's (token.key) that a later check would name.
      expect(s.reason, JSON.stringify(secret)).toMatch(/^secret /);
    }
  });
});

describe('FreeOTP+: type, names and image', () => {
  test('type: absent is TOTP; TOTP and HOTP are read; another skips the token, quoting at most 16 characters', () => {
    expect(one({}).kind).toBe('totp');
    expect(one({ type: 'TOTP' }).kind).toBe('totp');
    expect(one({ type: 'HOTP' }).kind).toBe('hotp');
    for (const type of ['MOTP', 'totp', 'Y'.repeat(40)]) {
      const s = skipped({ type });
      expect(s.code, type).toBe('BACKUP_UNSUPPORTED');
      expect(s.reason, type).toContain(JSON.stringify(type.slice(0, 16)));
    }
    expect(skipped({ type: 'Y'.repeat(40) }).reason).not.toContain('Y'.repeat(17));
  });

  test('the issuer is issuerAlt, else issuerExt, else issuerInt; the account labelAlt, else label', () => {
    const names = (f: Fields) => {
      const t = one(f);
      return [t.issuer, t.account];
    };
    expect(names({ issuerAlt: 'Alt', issuerExt: 'Ext', issuerInt: 'Int', labelAlt: 'bob', label: 'alice' })).toEqual(['Alt', 'bob']);
    expect(names({ issuerExt: 'Ext', issuerInt: 'Int', label: 'alice' })).toEqual(['Ext', 'alice']);
    expect(names({ issuerInt: 'Int' })).toEqual(['Int', undefined]);
    expect(names({ issuerExt: '', label: '' })).toEqual([undefined, undefined]);
  });

  test('the image is freeotp-plus.image: imageAlt, else image', () => {
    expect(one({ image: 'content://a' }).extras).toEqual({ 'freeotp-plus.image': 'content://a' });
    expect(one({ imageAlt: 'content://b', image: 'content://a' }).extras).toEqual({ 'freeotp-plus.image': 'content://b' });
    expect(one({}).extras).toBeUndefined();
  });

  test('Steam Guard: a TOTP token whose issuerExt is Steam (5 digits by default); an HOTP token of that issuer stays HOTP with 6', () => {
    expect(one({ issuerExt: 'Steam' })).toMatchObject({ kind: 'steam', digits: 5, issuer: 'Steam' });
    expect(one({ issuerExt: 'Steam', type: 'HOTP' })).toMatchObject({ kind: 'hotp', digits: 6, counter: 0 });
    // FreeOTP decides by issuerExt only: an issuerAlt of Steam is a name.
    expect(one({ issuerAlt: 'Steam', issuerExt: 'Valve' })).toMatchObject({ kind: 'totp', issuer: 'Steam' });
  });
});

describe('FreeOTP+: digits, period and counter', () => {
  test('digits and period are read; out of range they skip the token with their codes, naming the field', () => {
    expect(one({ digits: 8, period: 60 })).toMatchObject({ digits: 8, period: 60 });
    expect(one({})).toMatchObject({ digits: 6, period: 30 });
    for (const digits of [0, 11]) {
      const s = skipped({ digits });
      expect([s.code, s.reason.includes('digits')], String(digits)).toEqual(['INVALID_DIGITS', true]);
    }
    for (const period of [0, 2 ** 32 + 1]) {
      const s = skipped({ period });
      expect([s.code, s.reason.includes('period')], String(period)).toEqual(['INVALID_PERIOD', true]);
    }
  });

  test('the HOTP counter is the stored one plus one (absent is -1), exact past 2^53', () => {
    expect(one({ type: 'HOTP' }).counter).toBe(0);
    expect(one({ type: 'HOTP', counter: -1 }).counter).toBe(0);
    expect(one({ type: 'HOTP', counter: 0 }).counter).toBe(1);
    expect(one({ type: 'HOTP', counter: 41 }).counter).toBe(42);
    expect(one({ type: 'HOTP', counter: 2n ** 53n + 1n }).counter).toBe(2n ** 53n + 2n);
    // A TOTP token's counter is not read.
    expect(one({ type: 'TOTP', counter: -5 }).counter).toBeUndefined();
  });

  test('a stored counter below -1 skips the token with INVALID_COUNTER, naming the value the file holds', () => {
    for (const counter of [-2, -(2n ** 60n)]) {
      const s = skipped({ type: 'HOTP', counter });
      expect(s.code, String(counter)).toBe('INVALID_COUNTER');
      expect(s.reason, String(counter)).toContain(String(counter));
    }
  });
});
