// The binary encrypted backups (src/_backup-crypto-binary.ts: andOTP, Authenticator Pro) at their
// edges, as mutation testing (test/MUTATION.md, slice `backup-crypto`) found them unpinned: which
// files are refused before any key derivation and why (text given, plain JSON, too short), the
// length boundaries of each layout (andOTP's older 28 bytes and newer 44, Authenticator Pro's 60
// and its legacy whole blocks), the iteration bound read from an andOTP file, a decrypted payload
// of the wrong JSON kind, and the range sealing draws its count from. Files are built with
// node:crypto (an independent AES-GCM and PBKDF2) at tiny parameters (TINY).
import { createCipheriv, createHash, pbkdf2Sync } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { KDF_LIMITS, openBackupWith, sealBackupWith, type KdfProfile } from '../../src/_backup-crypto.ts';
import { stratumFile, TINY } from './backup-crypto-helpers.ts';
import { otpRejection } from './otp-error.ts';

const enc = (s: string) => new TextEncoder().encode(s);

/** AES-256-GCM with node:crypto: ciphertext ‖ tag. */
function gcm(key: Uint8Array, nonce: Uint8Array, plain: string): Uint8Array {
  const c = createCipheriv('aes-256-gcm', key, nonce);
  return Buffer.concat([c.update(plain, 'utf8'), c.final(), c.getAuthTag()]);
}

/** andOTP's older format: nonce (12) ‖ AES-256-GCM under SHA-256(password). */
function andotpOld(password: string, plain: string, nonce = new Uint8Array(12).fill(9)): Uint8Array {
  const key = createHash('sha256').update(password, 'utf8').digest();
  return Uint8Array.from([...nonce, ...gcm(key, nonce, plain)]);
}

/** andOTP's newer format: count (4, big-endian) ‖ salt (12) ‖ nonce (12) ‖ AES-256-GCM under PBKDF2-HMAC-SHA1. */
function andotpNew(password: string, plain: string, iterations: number): Uint8Array {
  const salt = new Uint8Array(12).fill(5);
  const nonce = new Uint8Array(12).fill(6);
  const key = pbkdf2Sync(Buffer.from(password, 'utf8'), salt, iterations, 32, 'sha1');
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint32(0, iterations);
  return Uint8Array.from([...head, ...salt, ...nonce, ...gcm(key, nonce, plain)]);
}

const open = (data: string | Uint8Array, password: string, format: 'andotp' | 'authenticator-pro', profile: KdfProfile = TINY) =>
  openBackupWith(profile, data, password, format);

describe('andOTP: what is refused before decrypting', () => {
  test('text rather than bytes: INVALID_BACKUP asking for a Uint8Array', async () => {
    const e = await otpRejection(open('x'.repeat(64), 'pw', 'andotp'));
    expect(e.code).toBe('INVALID_BACKUP');
    expect(e.message).toMatch(/^andOTP backup: /);
    expect(e.message).toMatch(/Uint8Array/);
  });

  test('a plain andOTP backup (a JSON array) is refused as plain; other JSON and other bytes starting with "[" are tried as encrypted', async () => {
    const plain = enc(JSON.stringify([{ secret: 'JBSWY3DPEHPK3PXP', label: 'alice', type: 'TOTP' }]));
    const e = await otpRejection(open(plain, 'pw', 'andotp'));
    expect(e.code).toBe('INVALID_BACKUP');
    expect(e.message).toMatch(/^andOTP backup: /);
    expect(e.message).toMatch(/plain/);
    // A JSON object is no plain andOTP backup: tried as encrypted, it is a wrong password.
    const object = await otpRejection(open(enc('{"version":1,"header":{"slots":null},"db":{}}'), 'pw', 'andotp'));
    expect(object.code).toBe('BACKUP_PASSWORD');
    // An older-format file whose random nonce begins with "[" opens.
    const nonce = Uint8Array.from([0x5b, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const file = andotpOld('pw', '[]', nonce);
    expect(file[0]).toBe(0x5b);
    expect(await open(file, 'pw', 'andotp')).toEqual({ format: 'andotp', variant: 'andotp-old', plain: '[]' });
  });

  test('fewer than 28 bytes (nonce and tag) is INVALID_BACKUP naming the length; 28 goes to the cipher', async () => {
    const e = await otpRejection(open(new Uint8Array(27).fill(0x80), 'pw', 'andotp'));
    expect(e.code).toBe('INVALID_BACKUP');
    expect(e.message).toMatch(/^andOTP backup: /);
    expect(e.message).toMatch(/\b27 bytes/);
    // 28 bytes: an empty ciphertext, tried under the password (GCM tells nothing else).
    expect((await otpRejection(open(new Uint8Array(28).fill(0x80), 'pw', 'andotp'))).code).toBe('BACKUP_PASSWORD');
    const empty = andotpOld('pw', '');
    expect(empty.length).toBe(28);
    const e2 = await otpRejection(open(empty, 'pw', 'andotp'));
    expect(e2.code).toBe('INVALID_BACKUP');
    expect(e2.message).toMatch(/JSON array/);
  });
});

describe('andOTP: the two layouts and the count read from the file', () => {
  test('a decrypted payload that is not a JSON array is INVALID_BACKUP, in either layout', async () => {
    for (const file of [andotpOld('pw', '{}'), andotpNew('pw', '{}', 2), andotpNew('pw', '', 2)]) {
      const e = await otpRejection(open(file, 'pw', 'andotp'));
      expect(e.code).toBe('INVALID_BACKUP');
      expect(e.message).toMatch(/^andOTP backup: /);
      expect(e.message).toMatch(/JSON array/);
    }
  });

  test('the newer layout at its smallest (44 bytes, empty ciphertext) is read as the newer layout', async () => {
    const file = andotpNew('pw', '', 2);
    expect(file.length).toBe(44);
    // Opened under PBKDF2 (the older layout would fail its tag): its empty content is then refused.
    expect((await otpRejection(open(file, 'pw', 'andotp'))).code).toBe('INVALID_BACKUP');
    expect(await open(andotpNew('pw', '[]', 2), 'pw', 'andotp')).toEqual({ format: 'andotp', variant: 'andotp', plain: '[]' });
    // 44 bytes whose first 4 are no count: a wrong password names the count, not the length.
    const e = await otpRejection(open(new Uint8Array(44).fill(0xff), 'pw', 'andotp'));
    expect(e.code).toBe('BACKUP_PASSWORD');
    expect(e.message).toMatch(/^andOTP backup: /);
    expect(e.message).toMatch(/\(4294967295\)/);
    expect(e.message).not.toMatch(/too short/);
  });

  test('below 44 bytes no count is read: a wrong password says the file is too short for the newer layout', async () => {
    // 30 bytes whose first 4 would be a plausible count (5).
    const nonce = Uint8Array.from([0, 0, 0, 5, 1, 2, 3, 4, 5, 6, 7, 8]);
    const file = andotpOld('pw', '[]', nonce);
    expect(file.length).toBe(30);
    expect(await open(file, 'pw', 'andotp')).toMatchObject({ variant: 'andotp-old', plain: '[]' });
    const e = await otpRejection(open(file, 'wrong', 'andotp'));
    expect(e.code).toBe('BACKUP_PASSWORD');
    expect(e.message).toMatch(/^andOTP backup: /);
    expect(e.message).toMatch(/\b30 bytes/);
    expect(e.message).toMatch(/too short/);
    expect(e.message).not.toMatch(/neither/);
  });

  test('a count from 1 to the limit is tried as the newer layout; past it only the older one, and the message names both', async () => {
    const limited = { ...TINY, limits: { ...KDF_LIMITS, pbkdf2Iterations: 3 } };
    expect(await open(andotpNew('pw', '[]', 3), 'pw', 'andotp', limited)).toMatchObject({ variant: 'andotp', plain: '[]' });
    const wrong = await otpRejection(open(andotpNew('pw', '[]', 3), 'wrong', 'andotp', limited));
    expect(wrong.code).toBe('BACKUP_PASSWORD');
    expect(wrong.message).toMatch(/^andOTP backup: /);
    expect(wrong.message).toMatch(/neither/);
    const past = await otpRejection(open(andotpNew('pw', '[]', 4), 'pw', 'andotp', limited));
    expect(past.code).toBe('BACKUP_PASSWORD');
    expect(past.message).toMatch(/^andOTP backup: /);
    expect(past.message).toMatch(/\(4\)/);
    expect(past.message).toMatch(/1 to 3\b/);
  });
});

describe('andOTP: sealing', () => {
  test('plain that is not JSON, or JSON but no array, is INVALID_BACKUP naming andOTP', async () => {
    for (const plain of ['not json', '{}', '']) {
      const e = await otpRejection(sealBackupWith(TINY, (n) => new Uint8Array(n), plain, 'andotp', 'pw'));
      expect(e.code, plain).toBe('INVALID_BACKUP');
      expect(e.message, plain).toMatch(/^andOTP backup: /);
      expect(e.message, plain).toMatch(/JSON array/);
    }
  });

  test('the count is drawn from the whole range, both ends included', async () => {
    // TINY draws from [1, 3]: lo + draw mod 3.
    for (const [draw, count] of [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 1],
    ] as const) {
      const random = (n: number) => (n === 4 ? Uint8Array.from([0, 0, 0, draw]) : new Uint8Array(n).fill(1));
      const file = (await sealBackupWith(TINY, random, '[]', 'andotp', 'pw')) as Uint8Array;
      expect(new DataView(file.buffer, file.byteOffset).getUint32(0), `draw ${draw}`).toBe(count);
      expect((await open(file, 'pw', 'andotp')).plain).toBe('[]');
    }
  });
});

describe('Authenticator Pro', () => {
  const header = enc('AUTHENTICATORPRO');
  const legacyHeader = enc('AuthenticatorPro');

  test('text rather than bytes, or bytes without either header: INVALID_BACKUP naming what was expected', async () => {
    const text = await otpRejection(open('AUTHENTICATORPRO' + 'x'.repeat(64), 'pw', 'authenticator-pro'));
    expect(text.code).toBe('INVALID_BACKUP');
    expect(text.message).toMatch(/^Authenticator Pro backup: /);
    expect(text.message).toMatch(/Uint8Array/);
    // Long enough for either layout, a whole number of blocks after the legacy head.
    const none = await otpRejection(open(new Uint8Array(16 + 36 + 32).fill(0x41), 'pw', 'authenticator-pro'));
    expect(none.code).toBe('INVALID_BACKUP');
    expect(none.message).toMatch(/^Authenticator Pro backup: /);
    expect(none.message).toContain('"AUTHENTICATORPRO"');
    expect(none.message).toContain('"AuthenticatorPro"');
  });

  test('the current layout: fewer than 60 bytes (header, salt, nonce, tag) is too short; 60 goes to the cipher', async () => {
    const short = await otpRejection(open(Uint8Array.from([...header, ...new Uint8Array(43)]), 'pw', 'authenticator-pro'));
    expect(short.code).toBe('INVALID_BACKUP');
    expect(short.message).toMatch(/^Authenticator Pro backup: /);
    expect(short.message).toMatch(/too short/);
    const sixty = Uint8Array.from([...header, ...new Uint8Array(44)]);
    const e = await otpRejection(open(sixty, 'pw', 'authenticator-pro'));
    expect(e.code).toBe('BACKUP_PASSWORD');
    expect(e.message).toMatch(/^Authenticator Pro backup: /);
    expect(e.message).toMatch(/password/);
  });

  test('a decrypted payload that is not a JSON object is INVALID_BACKUP; the right one opens', async () => {
    for (const plain of ['[]', '', 'not json']) {
      const e = await otpRejection(open(stratumFile(TINY, 'pw', plain, false), 'pw', 'authenticator-pro'));
      expect(e.code, plain).toBe('INVALID_BACKUP');
      expect(e.message, plain).toMatch(/^Authenticator Pro backup: /);
      expect(e.message, plain).toMatch(/JSON object/);
    }
    expect(await open(stratumFile(TINY, 'pw', '{"Authenticators":[]}', false), 'pw', 'authenticator-pro')).toEqual({
      format: 'authenticator-pro',
      variant: 'authenticator-pro',
      plain: '{"Authenticators":[]}',
    });
  });

  test('the legacy layout: a ciphertext that is empty or not whole AES blocks is INVALID_BACKUP; whole blocks go to the cipher', async () => {
    for (const n of [0, 1, 15, 17, 31]) {
      const file = Uint8Array.from([...legacyHeader, ...new Uint8Array(36 + n).fill(3)]);
      const e = await otpRejection(open(file, 'pw', 'authenticator-pro'));
      expect(e.code, `${n}`).toBe('INVALID_BACKUP');
      expect(e.message, `${n}`).toMatch(/^Authenticator Pro backup: /);
      expect(e.message, `${n}`).toMatch(/AES blocks/);
    }
    const wrong = await otpRejection(open(stratumFile(TINY, 'pw', '{"Authenticators":[]}', true), 'wrong', 'authenticator-pro'));
    expect(wrong.code).toBe('BACKUP_PASSWORD');
    expect(wrong.message).toMatch(/^Authenticator Pro backup: /);
    expect(wrong.message).toMatch(/legacy/);
    expect(await open(stratumFile(TINY, 'pw', '{"Authenticators":[]}', true), 'pw', 'authenticator-pro')).toEqual({
      format: 'authenticator-pro',
      variant: 'authenticator-pro-legacy',
      plain: '{"Authenticators":[]}',
    });
  });
});
