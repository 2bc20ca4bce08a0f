// What the encrypted-backup openers share (src/_backup-crypto-common.ts), at the edges mutation
// testing (test/MUTATION.md, slice `backup-crypto`) found unpinned: every error names the app, an
// error keeps the failure that caused it (and has no `cause` without one), the size cap's message,
// how a JSON file is read (text or UTF-8 bytes, and what is not a JSON object), and how members
// are replaced, removed and put first. Tiny key-derivation parameters only (TINY).
import { describe, expect, test } from 'vitest';
import { MAX_ENCRYPTED_BACKUP, openBackupWith, sealBackupWith, type EncryptedBackupFormat } from '../../src/_backup-crypto.ts';
import { withMembers } from '../../src/_backup-crypto-common.ts';
import { topMembers } from '../../src/_backup-cipher.ts';
import { stratumFile, TINY } from './backup-crypto-helpers.ts';
import { otpRejection } from './otp-error.ts';

const rng = (n: number) => new Uint8Array(n).fill(7);
const AEGIS_PLAIN = '{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[],"groups":[]}}';
const TWOFAS_PLAIN = '{"services":[1,2],"schemaVersion":4}';
const utf8 = (s: string) => new TextEncoder().encode(s);

/** A wrong password and a malformed file of each format, with the app's name as users know it. */
const CASES: { format: EncryptedBackupFormat; app: string; sealed: () => Promise<string | Uint8Array>; malformed: string | Uint8Array }[] = [
  { format: 'aegis', app: 'Aegis', sealed: () => sealBackupWith(TINY, rng, AEGIS_PLAIN, 'aegis', 'pw'), malformed: '[]' },
  { format: '2fas', app: '2FAS', sealed: () => sealBackupWith(TINY, rng, TWOFAS_PLAIN, '2fas', 'pw'), malformed: '[]' },
  { format: 'andotp', app: 'andOTP', sealed: () => sealBackupWith(TINY, rng, '[]', 'andotp', 'pw'), malformed: new Uint8Array(5) },
  {
    format: 'authenticator-pro',
    app: 'Authenticator Pro',
    sealed: async () => stratumFile(TINY, 'pw', '{}', false),
    malformed: utf8('not an Authenticator Pro file at all'),
  },
];

describe('errors', () => {
  for (const { format, app, sealed, malformed } of CASES) {
    test(`${format}: a wrong password and a malformed file are refused naming ${app}`, async () => {
      const wrong = await otpRejection(openBackupWith(TINY, await sealed(), 'not pw', format));
      expect(wrong.code).toBe('BACKUP_PASSWORD');
      expect(wrong.message.startsWith(`${app} backup: `)).toBe(true);
      expect(wrong.message.length).toBeGreaterThan(`${app} backup: `.length);
      const bad = await otpRejection(openBackupWith(TINY, malformed, 'pw', format));
      expect(bad.code).toBe('INVALID_BACKUP');
      expect(bad.message.startsWith(`${app} backup: `)).toBe(true);
    });
  }

  test('an error keeps the failure behind it as cause, and has no cause without one', async () => {
    // A failed GCM check (WebCrypto's error) and a base64 decoder's refusal are kept.
    const aegis = JSON.parse((await sealBackupWith(TINY, rng, AEGIS_PLAIN, 'aegis', 'pw')) as string);
    expect((await otpRejection(openBackupWith(TINY, JSON.stringify(aegis), 'not pw'))).cause).toBeDefined();
    const notBase64 = await otpRejection(openBackupWith(TINY, JSON.stringify({ ...aegis, db: '!!!' }), 'pw'));
    expect(notBase64.code).toBe('INVALID_BACKUP');
    expect(notBase64.cause).toBeDefined();
    // Nothing failed below these: no `cause` member at all (not one set to undefined).
    const notJson = await otpRejection(openBackupWith(TINY, '[]', 'pw', 'aegis'));
    expect(notJson.code).toBe('INVALID_BACKUP');
    expect('cause' in notJson).toBe(false);
    // Legacy Authenticator Pro: the right password, a payload that is not JSON; CBC's padding passed.
    const legacy = await otpRejection(openBackupWith(TINY, stratumFile(TINY, 'pw', 'not JSON', true), 'pw'));
    expect(legacy.code).toBe('BACKUP_PASSWORD');
    expect('cause' in legacy).toBe(false);
  });

  test('past the size cap: the size, its unit and the cap', async () => {
    const n = MAX_ENCRYPTED_BACKUP + 1;
    for (const [p, unit] of [
      [openBackupWith(TINY, ' '.repeat(n), 'pw'), 'characters'],
      [openBackupWith(TINY, new Uint8Array(n), 'pw'), 'bytes'],
      [sealBackupWith(TINY, rng, ' '.repeat(n), 'andotp', 'pw'), 'characters'],
    ] as const) {
      const e = await otpRejection(p);
      expect(e.code).toBe('INPUT_TOO_LONG');
      expect(e.message).toContain(`${n} ${unit}`);
      expect(e.message).toContain(String(MAX_ENCRYPTED_BACKUP));
    }
  });
});

describe('a JSON file (Aegis, 2FAS)', () => {
  test('is read from text or from UTF-8 bytes, a BOM or leading JSON whitespace aside', async () => {
    for (const [format, plain] of [
      ['aegis', AEGIS_PLAIN],
      ['2fas', TWOFAS_PLAIN],
    ] as const) {
      const sealed = (await sealBackupWith(TINY, rng, plain, format, 'pw')) as string;
      for (const file of [sealed, utf8(sealed), `\uFEFF${sealed}`, utf8(`\uFEFF${sealed}`), ` \r\n\t${sealed}`]) {
        for (const given of [format, undefined]) {
          expect((await openBackupWith(TINY, file, 'pw', given)).plain).toBe(plain);
        }
      }
    }
  });

  test('anything but a JSON object is INVALID_BACKUP saying so, whatever the format expected', async () => {
    const notObjects: (string | Uint8Array)[] = [
      '',
      '[]',
      '[{}]',
      '"{}"',
      '{',
      '{"a":1',
      '{"a":1}x',
      'null',
      '\u00a0{}',
      new Uint8Array(0),
      new Uint8Array([0x7b, 0xff, 0x7d]),
    ];
    for (const [format, what] of [
      ['aegis', 'an Aegis vault'],
      ['2fas', 'a 2FAS backup'],
    ] as const) {
      for (const file of notObjects) {
        const e = await otpRejection(openBackupWith(TINY, file, 'pw', format));
        expect(e.code).toBe('INVALID_BACKUP');
        expect(e.message).toContain('not a JSON object');
        expect(e.message).toContain(what);
      }
    }
  });
});

describe('members', () => {
  test('a 2FAS file without services gets them back first, the other members kept in order', async () => {
    const sealed = JSON.parse((await sealBackupWith(TINY, rng, TWOFAS_PLAIN, '2fas', 'pw')) as string);
    delete sealed.services;
    expect((await openBackupWith(TINY, JSON.stringify(sealed), 'pw')).plain).toBe(TWOFAS_PLAIN);
  });

  test('withMembers: replaced in place, removed with undefined, missing ones of first put first unless undefined', () => {
    const members = topMembers('{"a":1,"b":[2],"c":"3"}');
    expect(withMembers(members, {})).toBe('{"a":1,"b":[2],"c":"3"}');
    expect(withMembers(members, { b: '"x"', c: undefined })).toBe('{"a":1,"b":"x"}');
    // d is missing and given, so it comes first; e is missing and removed; a is present, so stays in place.
    expect(withMembers(members, { d: '4', e: undefined, a: '0' }, ['e', 'd', 'a'])).toBe('{"d":4,"a":0,"b":[2],"c":"3"}');
    expect(withMembers(members, { e: undefined }, ['e'])).toBe('{"a":1,"b":[2],"c":"3"}');
  });
});
