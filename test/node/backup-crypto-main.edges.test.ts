// Boundaries of src/_backup-crypto.ts (openBackup, sealBackup, and the encrypted halves of
// decryptBackup and encryptBackup) that mutation testing (test/MUTATION.md, slice `backup-crypto`)
// found unpinned: the size caps at their exact bound and what their messages count, a byte-order
// mark before a file or a plain text, what a file that is not an encrypted backup is told (a plain
// one, text, bytes), the format and password checks' messages, a runtime without WebCrypto, the
// password bytes wiped after sealing, a plain file read with its format given, and what
// encryptBackup refuses and writes. Key derivations are the tiny ones (TINY) throughout.
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  decryptWith,
  encryptWith,
  MAX_ENCRYPTED_BACKUP,
  openBackupWith,
  sealBackupWith,
  type EncryptedBackupFormat,
  type KdfProfile,
  type SealableBackupFormat,
} from '../../src/_backup-crypto.ts';
import { TINY } from './backup-crypto-helpers.ts';
import { otpRejection } from './otp-error.ts';

const random = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + 11) & 0xff);
const AEGIS_PLAIN = '{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[],"groups":[]}}';
const PLAINS: Record<SealableBackupFormat, string> = { aegis: AEGIS_PLAIN, '2fas': '{"services":[],"schemaVersion":4}', andotp: '[]' };
const KEY = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
const NOT_A_PASSWORD = 42 as unknown as string;

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('size caps: MAX_ENCRYPTED_BACKUP itself is read, one more is INPUT_TOO_LONG counted in its unit', () => {
  // A password that is not a string stops each call just after the cap (BACKUP_PASSWORD), before
  // any detection or key derivation of a 32 MiB input.
  test('openBackup: text in characters, bytes in bytes', async () => {
    const text = ' '.repeat(MAX_ENCRYPTED_BACKUP);
    expect((await otpRejection(openBackupWith(TINY, text, NOT_A_PASSWORD, 'aegis'))).code).toBe('BACKUP_PASSWORD');
    const longText = await otpRejection(openBackupWith(TINY, `${text} `, NOT_A_PASSWORD, 'aegis'));
    expect(longText.code).toBe('INPUT_TOO_LONG');
    expect(longText.message).toContain(`${MAX_ENCRYPTED_BACKUP + 1} characters`);
    const bytes = new Uint8Array(MAX_ENCRYPTED_BACKUP + 1);
    expect((await otpRejection(openBackupWith(TINY, bytes.subarray(1), NOT_A_PASSWORD, 'andotp'))).code).toBe('BACKUP_PASSWORD');
    const longBytes = await otpRejection(openBackupWith(TINY, bytes, NOT_A_PASSWORD, 'andotp'));
    expect(longBytes.code).toBe('INPUT_TOO_LONG');
    expect(longBytes.message).toContain(`${MAX_ENCRYPTED_BACKUP + 1} bytes`);
  });

  test('sealBackup: the plain text in characters', async () => {
    const text = ' '.repeat(MAX_ENCRYPTED_BACKUP);
    expect((await otpRejection(sealBackupWith(TINY, random, text, 'andotp', ''))).code).toBe('BACKUP_PASSWORD');
    const long = await otpRejection(sealBackupWith(TINY, random, `${text} `, 'andotp', ''));
    expect(long.code).toBe('INPUT_TOO_LONG');
    expect(long.message).toContain(`${MAX_ENCRYPTED_BACKUP + 1} characters`);
  });
});

describe('a byte-order mark before the text is not part of it', () => {
  test('before an encrypted file (detected or named): it opens', async () => {
    const sealed = (await sealBackupWith(TINY, random, AEGIS_PLAIN, 'aegis', 'pw')) as string;
    for (const format of [undefined, 'aegis'] as const) {
      expect((await openBackupWith(TINY, `\uFEFF${sealed}`, 'pw', format)).plain, `format ${format}`).toBe(AEGIS_PLAIN);
    }
  });

  test('before a plain text sealed: the sealed file holds the text without it', async () => {
    for (const format of ['aegis', '2fas', 'andotp'] as const) {
      const sealed = await sealBackupWith(TINY, random, `\uFEFF${PLAINS[format]}`, format, 'pw');
      expect((await openBackupWith(TINY, sealed, 'pw')).plain, format).toBe(PLAINS[format]);
    }
  });
});

describe('what a file that is not an encrypted backup is told (INVALID_BACKUP)', () => {
  test('a plain backup of an app that encrypts: named as plain, with its app', async () => {
    const plains: [string | Uint8Array, string][] = [
      [AEGIS_PLAIN, 'Aegis'],
      ['[{"secret":"JBSWY3DP","label":"x"}]', 'andOTP'],
      [new TextEncoder().encode('[{"secret":"JBSWY3DP","label":"x"}]'), 'andOTP'],
    ];
    for (const [file, app] of plains) {
      const e = await otpRejection(openBackupWith(TINY, file, 'pw'));
      expect(e.code).toBe('INVALID_BACKUP');
      expect(e.message).toContain(`plain ${app} backup`);
    }
  });

  test('text that is no backup: told that andOTP and Authenticator Pro files are bytes; bytes: the formats listed', async () => {
    const text = await otpRejection(openBackupWith(TINY, '{"hello":"world"}', 'pw'));
    expect(text.code).toBe('INVALID_BACKUP');
    expect(text.message).not.toContain('plain');
    expect(text.message).toContain('Uint8Array');
    const bytes = await otpRejection(openBackupWith(TINY, new Uint8Array(10), 'pw'));
    expect(bytes.code).toBe('INVALID_BACKUP');
    expect(bytes.message).not.toContain('Uint8Array');
    for (const app of ['Aegis', '2FAS', 'andOTP', 'Authenticator Pro']) expect(bytes.message).toContain(app);
  });

  test('data neither text nor bytes: named, with what was expected and what was given', async () => {
    const e = await otpRejection(openBackupWith(TINY, {} as unknown as string, 'pw'));
    expect(e.code).toBe('INVALID_BACKUP');
    expect(e.message).toMatch(/^data /);
    expect(e.message).toContain('Uint8Array');
    expect(e.message).toContain('an object');
  });
});

describe('format, plain and password checks: the argument, what was expected, what was given', () => {
  test('openBackup: an unknown format lists the encrypted formats', async () => {
    const e = await otpRejection(openBackupWith(TINY, AEGIS_PLAIN, 'pw', 'steam' as EncryptedBackupFormat));
    expect(e.code).toBe('INVALID_OPTIONS');
    expect(e.message).toMatch(/^format /);
    expect(e.message).toContain('aegis, 2fas, andotp, authenticator-pro');
    expect(e.message).toContain('"steam"');
  });

  test('sealBackup: an unknown format lists the sealable ones; plain not text; an empty password', async () => {
    const format = await otpRejection(sealBackupWith(TINY, random, '[]', 'authenticator-pro' as SealableBackupFormat, 'pw'));
    expect(format.code).toBe('INVALID_OPTIONS');
    expect(format.message).toMatch(/^format /);
    expect(format.message).toContain('aegis, 2fas, andotp,');
    expect(format.message).toContain('"authenticator-pro"');
    const plain = await otpRejection(sealBackupWith(TINY, random, 7 as unknown as string, '2fas', 'pw'));
    expect(plain.code).toBe('INVALID_BACKUP');
    expect(plain.message).toMatch(/^plain /);
    expect(plain.message).toContain('7');
    const empty = await otpRejection(sealBackupWith(TINY, random, '[]', 'andotp', ''));
    expect(empty.code).toBe('BACKUP_PASSWORD');
    expect(empty.message).toMatch(/^password .*empty/);
  });
});

describe('a runtime without WebCrypto: BACKUP_UNSUPPORTED, before any key derivation', () => {
  test('openBackup and sealBackup', async () => {
    let derived = 0;
    const counted: KdfProfile = {
      ...TINY,
      scrypt: (...args) => {
        derived++;
        return TINY.scrypt(...args);
      },
    };
    const sealed = (await sealBackupWith(TINY, random, AEGIS_PLAIN, 'aegis', 'pw')) as string;
    vi.stubGlobal('crypto', undefined);
    expect((await otpRejection(openBackupWith(counted, sealed, 'pw'))).code).toBe('BACKUP_UNSUPPORTED');
    expect((await otpRejection(sealBackupWith(counted, random, AEGIS_PLAIN, 'aegis', 'pw'))).code).toBe('BACKUP_UNSUPPORTED');
    expect(derived).toBe(0);
  });
});

/** TINY, but its scrypt keeps the password bytes it is handed, to be read once the call returns. */
function keepingPasswords(): { seen: Uint8Array[]; keeping: KdfProfile } {
  const seen: Uint8Array[] = [];
  const keeping: KdfProfile = {
    ...TINY,
    scrypt: (password, salt, options) => {
      seen.push(password);
      return TINY.scrypt(password.slice(), salt, options);
    },
  };
  return { seen, keeping };
}

/** The profile saw the password's bytes once, and they were all zero when the call returned. */
function expectOneWiped(seen: Uint8Array[], password: string): void {
  expect(seen.length).toBe(1);
  expect(seen[0]!.length).toBe(password.length);
  expect([...seen[0]!].every((b) => b === 0)).toBe(true);
}

test('sealBackup wipes the password bytes it made once the file is sealed', async () => {
  // The Aegis sealer hands the password bytes to the profile's scrypt: kept here, read afterwards.
  const { seen, keeping } = keepingPasswords();
  await sealBackupWith(keeping, random, AEGIS_PLAIN, 'aegis', 'correct horse');
  expectOneWiped(seen, 'correct horse');
});

test('openBackup wipes the password bytes it made once the file is opened', async () => {
  // Likewise when opening: the Aegis opener hands them to the profile's scrypt.
  const sealed = (await sealBackupWith(TINY, random, AEGIS_PLAIN, 'aegis', 'correct horse')) as string;
  const { seen, keeping } = keepingPasswords();
  expect((await openBackupWith(keeping, sealed, 'correct horse')).plain).toBe(AEGIS_PLAIN);
  expectOneWiped(seen, 'correct horse');
});

test('decryptBackup (decryptWith): an encrypted format given is the one opened, whatever encrypted format is detected', async () => {
  // An Aegis vault named as 2FAS is opened as 2FAS, whose reader says what it lacks (not as the
  // Aegis vault the detector names).
  const sealed = (await sealBackupWith(TINY, random, AEGIS_PLAIN, 'aegis', 'pw')) as string;
  expect(await decryptWith(TINY, sealed, 'pw')).toEqual({ format: 'aegis', tokens: [], skipped: [] });
  const as2fas = await otpRejection(decryptWith(TINY, sealed, 'pw', { format: '2fas' }));
  expect(as2fas.code).toBe('INVALID_BACKUP');
  expect(as2fas.message).toMatch(/2FAS/);
  expect(as2fas.message).not.toMatch(/Aegis/);
});

describe('decryptBackup (decryptWith): a plain file is read as plain', () => {
  test('with its format given, that format is the one read', async () => {
    // '[]' matches no format by content: only the given one reads it.
    expect(await decryptWith(TINY, '[]', 'pw', { format: 'andotp' })).toEqual({ format: 'andotp', tokens: [], skipped: [] });
    expect(await decryptWith(TINY, AEGIS_PLAIN, 'pw', { format: 'aegis' })).toEqual({ format: 'aegis', tokens: [], skipped: [] });
    expect(await decryptWith(TINY, AEGIS_PLAIN, 'pw')).toEqual({ format: 'aegis', tokens: [], skipped: [] });
  });
});

describe('encryptBackup (encryptWith)', () => {
  test('a format without an encrypted form is BACKUP_UNSUPPORTED naming it; an unknown one INVALID_OPTIONS', async () => {
    const uris = await otpRejection(encryptWith(TINY, random, [], 'uris' as SealableBackupFormat, 'pw'));
    expect(uris.code).toBe('BACKUP_UNSUPPORTED');
    expect(uris.message).toContain('uris');
    expect(uris.message).toContain('writeBackup');
    const unknown = await otpRejection(encryptWith(TINY, random, [], 'lastpass' as SealableBackupFormat, 'pw'));
    expect(unknown.code).toBe('INVALID_OPTIONS');
    expect(unknown.message).toMatch(/^format /);
    expect(unknown.message).toContain('aegis, 2fas, andotp,');
    expect(unknown.message).toContain('"lastpass"');
  });

  test('an empty password is refused before the tokens are written', async () => {
    const e = await otpRejection(encryptWith(TINY, random, [{ kind: 'nope' } as never], 'andotp', ''));
    expect(e.code).toBe('BACKUP_PASSWORD');
    expect(e.message).toMatch(/^password .*empty/);
  });

  test('2FAS: options.now is the updatedAt written', async () => {
    const file = await encryptWith(TINY, random, [{ kind: 'totp', key: KEY, account: 'a' }], '2fas', 'pw', { now: 1_700_000_000_000 });
    const plain = JSON.parse((await openBackupWith(TINY, file, 'pw')).plain) as { updatedAt: number; services: { updatedAt: number }[] };
    expect([plain.updatedAt, plain.services[0]!.updatedAt]).toEqual([1_700_000_000_000, 1_700_000_000_000]);
  });
});
