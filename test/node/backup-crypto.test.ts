// The encryption layer of oathkit/backup (src/_backup-crypto*.ts), held to a second implementation:
// vectors/backup-crypto.json (encrypted files written by vectors/cross/backup_crypto.py with Debian's
// python3-cryptography and python3-argon2) must open to exactly their plain text, or fail with
// exactly their error code; files sealed here must open in that Python implementation; random
// plains survive seal → open; wrong passwords are always BACKUP_PASSWORD.
import { pbkdf2Sync, scryptSync } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { scrypt, scryptAsync } from '@noble/hashes/scrypt.js';
import fc from 'fast-check';
import { describe, expect, test, vi } from 'vitest';
import { OtpError } from '../../src/errors.ts';
import { passwordBytes } from '../../src/_backup-cipher.ts';
import { pbkdf2 } from '../../src/_pbkdf2.ts';
import {
  APP_PROFILE,
  KDF_LIMITS,
  MAX_ENCRYPTED_BACKUP,
  openBackup,
  openBackupWith,
  sealBackup,
  sealBackupWith,
  TWOFAS_REFERENCE,
  type EncryptedBackupFormat,
  type KdfProfile,
} from '../../src/_backup-crypto.ts';
import { cachedUnderStryker, stratumFile, TINY } from './backup-crypto-helpers.ts';

/**
 * Every key derivation an opener starts, with its cost: hostile parameters must start none. PBKDF2
 * is reached through the module (the openers import it); scrypt and Argon2id through the profile.
 * One beyond the limits is recorded and then refused here rather than run, so that a broken bound
 * fails the test at once instead of deriving over 1 GiB or 2,000,000 iterations.
 */
const derivations: { kdf: 'pbkdf2' | 'scrypt' | 'argon2id'; iterations?: number; memory?: number }[] = [];
const beyond = () => new Error('a key derivation beyond KDF_LIMITS was started');
vi.mock('../../src/_pbkdf2.ts', async (original) => {
  const real = await original<typeof import('../../src/_pbkdf2.ts')>();
  return {
    ...real,
    pbkdf2Async: (...args: Parameters<typeof real.pbkdf2Async>) => {
      derivations.push({ kdf: 'pbkdf2', iterations: args[3] });
      if (args[3] > KDF_LIMITS.pbkdf2Iterations) return Promise.reject(beyond());
      return cachedUnderStryker('pbkdf2', real.pbkdf2Async, real.pbkdf2Async)(...args);
    },
  };
});
const COUNTED: KdfProfile = {
  ...APP_PROFILE,
  scrypt: (password, salt, options) => {
    derivations.push({ kdf: 'scrypt', memory: 128 * options.N * options.r });
    const work = options.N * options.r * options.p;
    if (128 * options.N * options.r > KDF_LIMITS.scryptMemory || work > KDF_LIMITS.scryptWork) return Promise.reject(beyond());
    return cachedUnderStryker('scrypt', APP_PROFILE.scrypt, scryptAsync)(password, salt, options);
  },
  argon2id: (password, salt, options) => {
    derivations.push({ kdf: 'argon2id' });
    return cachedUnderStryker('argon2id', APP_PROFILE.argon2id, argon2idAsync)(password, salt, options);
  },
};

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PYTHON = '/usr/bin/python3';
const SCRIPT = join(root, 'vectors', 'cross', 'backup_crypto.py');

interface Case {
  name: string;
  format: EncryptedBackupFormat;
  password: string;
  file?: string;
  file_base64?: string;
  plain?: string;
  variant?: string;
  error?: string;
}
const vectors = JSON.parse(readFileSync(join(root, 'vectors', 'backup-crypto.json'), 'utf8')) as { cases: Case[] };
const fileOf = (c: Case): string | Uint8Array => c.file ?? new Uint8Array(Buffer.from(c.file_base64!, 'base64'));

/** The code an async call fails with ('no error' when it succeeds, 'not OtpError: …' otherwise). */
async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return e instanceof OtpError ? e.code : `not OtpError: ${String(e)}`;
  }
}

/** Runs the Python implementation's opener on a file. */
function pythonOpen(format: string, password: string, file: string | Uint8Array): { payload: string; outer: Record<string, unknown> | null } {
  const run = spawnSync(PYTHON, [SCRIPT, 'open', format, password], { input: typeof file === 'string' ? Buffer.from(file, 'utf8') : file });
  if (run.status !== 0) throw new Error(`backup_crypto.py open ${format} failed: ${run.stderr.toString()}`);
  return JSON.parse(run.stdout.toString('utf8'));
}

/** The exact text of a top-level member of a JSON object (test-side, by JSON.parse and re-finding). */
function member(text: string, key: string): unknown {
  return (JSON.parse(text) as Record<string, unknown>)[key];
}

describe('vectors/backup-crypto.json (written by vectors/cross/backup_crypto.py)', () => {
  test('covers every format and variant, and errors', () => {
    const variants = new Set(vectors.cases.map((c) => c.variant).filter(Boolean));
    expect([...variants].sort()).toEqual(['2fas', 'aegis', 'andotp', 'andotp-old', 'authenticator-pro', 'authenticator-pro-legacy']);
    expect(vectors.cases.filter((c) => c.error === 'BACKUP_PASSWORD').length).toBeGreaterThanOrEqual(6);
    expect(vectors.cases.filter((c) => c.error === 'INVALID_BACKUP').length).toBeGreaterThanOrEqual(6);
  });

  for (const c of vectors.cases) {
    test(`${c.name}: with the format given and detected`, async () => {
      for (const format of [c.format, undefined]) {
        derivations.length = 0;
        if (c.error !== undefined) {
          const e = await openBackupWith(COUNTED, fileOf(c), c.password, format).catch((x: unknown) => x);
          expect(e, `format ${format}`).toBeInstanceOf(OtpError);
          expect((e as OtpError).code, `format ${format}`).toBe(c.error);
          // Messages never print the password; a failed check keeps WebCrypto's error as cause.
          expect((e as Error).message).not.toContain(c.password);
          if (c.error === 'BACKUP_PASSWORD' && !/2,000,000|legacy/.test(c.name)) expect((e as Error).cause).toBeDefined();
          // Hostile key-derivation parameters are refused before any deriving: not one derivation
          // starts (andOTP's 2,000,000 falls back to the older format, a SHA-256 of the password).
          if (/scrypt n|scrypt p|2,000,000/.test(c.name)) expect(derivations, `format ${format}`).toEqual([]);
        } else {
          const opened = await openBackupWith(COUNTED, fileOf(c), c.password, format);
          expect(opened).toEqual({ format: c.format, variant: c.variant, plain: c.plain });
          // The counter sees the derivations that do happen (the older andOTP format has none).
          if (c.variant !== 'andotp-old') expect(derivations.length, `format ${format}`).toBeGreaterThan(0);
        }
      }
    });
  }

  test('a refused scrypt slot names the parameter and the limit', async () => {
    const c = vectors.cases.find((v) => v.name.includes('1 GiB'))!;
    await expect(openBackup(fileOf(c), c.password)).rejects.toThrow(/memory 128·n·r = 1073741824 bytes exceeds the limit of 268435456/);
    const w = vectors.cases.find((v) => v.name.includes('work 2^24'))!;
    await expect(openBackup(fileOf(w), w.password)).rejects.toThrow(/work n·r·p .* 16777216, above the limit of 4194304/);
  });
});

describe('files sealed by oathkit open in the Python implementation', () => {
  const plains = Object.fromEntries(
    (['aegis', '2fas', 'andotp'] as const).map((f) => [f, vectors.cases.filter((c) => c.format === f && c.plain).map((c) => c.plain!)]),
  ) as Record<'aegis' | '2fas' | 'andotp', string[]>;

  test.each(['aegis', '2fas', 'andotp'] as const)('%s, with the app’s own parameters', async (format) => {
    for (const [i, plain] of plains[format].slice(0, 2).entries()) {
      const password = ['test', 'pässwörd ☃ 𝄞'][i]!;
      const sealed = await sealBackup(plain, format, password);
      const py = pythonOpen(format, password, sealed);
      if (format === 'aegis') {
        // The decrypted db is exactly the plain's db text; the vault has one password slot.
        expect(JSON.parse(py.payload)).toEqual(member(plain, 'db'));
        expect(plain).toContain(py.payload);
        expect(py.outer).toEqual({ version: 1, header_slots: 1 });
      } else if (format === '2fas') {
        expect(plain).toContain(py.payload);
        expect(JSON.parse(py.payload)).toEqual(member(plain, 'services'));
        const { reference_ok, services_left, ...rest } = py.outer!;
        expect(reference_ok).toBe(true); // the reference field holds 2FAS's text under the same key
        expect(services_left).toEqual([]);
        const expected = JSON.parse(plain) as Record<string, unknown>;
        delete expected.services;
        expect(rest).toEqual(expected);
      } else {
        expect(py.payload).toBe(plain);
        expect(py.outer).toEqual({ variant: 'andotp' });
      }
      expect((await openBackup(sealed, password)).plain).toBe(plain);
    }
  });

  test('sealed files carry the apps’ parameters', async () => {
    const aegis = JSON.parse((await sealBackupWith(TINY, (n) => new Uint8Array(n).fill(7), plains.aegis[0]!, 'aegis', 'x')) as string);
    const slot = aegis.header.slots[0];
    expect(Object.keys(slot)).toEqual(['type', 'uuid', 'key', 'key_params', 'n', 'r', 'p', 'salt', 'repaired', 'is_backup']);
    expect(slot).toMatchObject({ type: 1, n: 2, r: 1, p: 1, repaired: true, is_backup: false });
    expect(slot.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(slot.salt).toHaveLength(64);
    expect(Object.keys(aegis)).toEqual(['version', 'header', 'db']);

    const real = JSON.parse((await sealBackup(plains.aegis[0]!, 'aegis', 'x')) as string).header.slots[0];
    expect(real).toMatchObject({ n: 32768, r: 8, p: 1 });

    const twofas = JSON.parse((await sealBackup(plains['2fas'][0]!, '2fas', 'x')) as string);
    const [, salt, iv] = twofas.servicesEncrypted.split(':');
    const [, refSalt, refIv] = twofas.reference.split(':');
    expect(Buffer.from(salt, 'base64')).toHaveLength(256);
    expect(refSalt).toBe(salt);
    expect(Buffer.from(iv, 'base64')).toHaveLength(12);
    expect(refIv).not.toBe(iv);
    expect(twofas.services).toEqual([]);
    expect(Object.keys(twofas).slice(-2)).toEqual(['servicesEncrypted', 'reference']);

    for (let i = 0; i < 5; i++) {
      const andotp = (await sealBackup('[]', 'andotp', 'x')) as Uint8Array;
      const iterations = new DataView(andotp.buffer, andotp.byteOffset).getUint32(0);
      expect(iterations).toBeGreaterThanOrEqual(140_000);
      expect(iterations).toBeLessThanOrEqual(160_000);
      expect(andotp.length).toBe(4 + 12 + 12 + 2 + 16);
    }
  });
});

describe('round trips and wrong passwords (tiny parameters)', () => {
  const json = fc.jsonValue({ maxDepth: 3 });
  const plainOf = {
    aegis: fc
      .dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 4 })
      .map((db) => `{"version":1,"header":{"slots":null,"params":null},"db":${JSON.stringify(db)}}`),
    '2fas': fc.tuple(fc.array(json, { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 8 }), json, { maxKeys: 4 })).map(([services, rest]) => {
      const other = Object.entries(rest).filter(([k]) => !['services', 'servicesEncrypted', 'reference'].includes(k));
      return `{"services":${JSON.stringify(services, null, 1)}${other.map(([k, v]) => `,${JSON.stringify(k)}:${JSON.stringify(v)}`).join('')}}`;
    }),
    andotp: fc.array(json, { maxLength: 4 }).map((a) => JSON.stringify(a, null, 2)),
  };
  const password = fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' });

  for (const format of ['aegis', '2fas', 'andotp'] as const) {
    test(`${format}: open(seal(plain)) is plain, exactly`, async () => {
      await fc.assert(
        fc.asyncProperty(plainOf[format], password, async (plain, pw) => {
          const sealed = await sealBackupWith(TINY, (n) => crypto.getRandomValues(new Uint8Array(n)), plain, format, pw);
          const opened = await openBackupWith(TINY, sealed, pw);
          expect(opened.plain).toBe(plain);
          expect(opened.format).toBe(format);
        }),
        { numRuns: 150 },
      );
    });
  }

  const sealedOf: Record<EncryptedBackupFormat | 'authenticator-pro-legacy', (pw: string) => Promise<string | Uint8Array>> = {
    aegis: (pw) => sealBackupWith(TINY, (n) => new Uint8Array(n).fill(1), '{"db":{}}', 'aegis', pw),
    '2fas': (pw) => sealBackupWith(TINY, (n) => new Uint8Array(n).fill(2), '{"services":[]}', '2fas', pw),
    andotp: (pw) => sealBackupWith(TINY, (n) => new Uint8Array(n).fill(3), '[]', 'andotp', pw),
    'authenticator-pro': async (pw) => stratumFile(TINY, pw, '{"Authenticators":[]}', false),
    'authenticator-pro-legacy': async (pw) => stratumFile(TINY, pw, '{"Authenticators":[]}', true),
  };
  for (const [name, seal] of Object.entries(sealedOf)) {
    test(`${name}: every wrong password is BACKUP_PASSWORD, never a result`, async () => {
      const right = 'the right one';
      const sealed = await seal(right);
      expect((await openBackupWith(TINY, sealed, right)).plain).toBeTypeOf('string');
      await fc.assert(
        fc.asyncProperty(
          fc.string({ maxLength: 40, unit: 'binary' }).filter((p) => p !== right),
          async (wrong) => {
            expect(await codeOf(openBackupWith(TINY, sealed, wrong))).toBe('BACKUP_PASSWORD');
          },
        ),
        { numRuns: name === 'authenticator-pro-legacy' ? 2_000 : 300 },
      );
    });
  }

  test('the legacy CBC format: a wrong password whose padding happens to pass is still BACKUP_PASSWORD', async () => {
    // About 1 wrong key in 256 leaves valid PKCS#7 padding; the text is then not JSON. Find some.
    const sealed = stratumFile(TINY, 'right', '{"Authenticators":[]}', true);
    let paddingPassed = 0;
    for (let i = 0; i < 3_000 && paddingPassed < 3; i++) {
      const e = await openBackupWith(TINY, sealed, `wrong ${i}`).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(OtpError);
      expect((e as OtpError).code).toBe('BACKUP_PASSWORD');
      if ((e as OtpError).cause === undefined) paddingPassed++;
    }
    expect(paddingPassed).toBeGreaterThan(0);
  });
});

describe('what is refused, and how', () => {
  const aegisPlain = '{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[],"groups":[]}}';

  test('inputs that are not encrypted backups', async () => {
    expect(await codeOf(openBackup(aegisPlain, 'x'))).toBe('INVALID_BACKUP'); // a plain vault
    expect(await codeOf(openBackup(aegisPlain, 'x', 'aegis'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackup('{"services":[]}', 'x'))).toBe('INVALID_BACKUP'); // plain 2FAS
    expect(await codeOf(openBackup('[{"secret":"A"}]', 'x'))).toBe('INVALID_BACKUP'); // plain andOTP, text
    expect(await codeOf(openBackup(new TextEncoder().encode('[{"secret":"A"}]'), 'x'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackup(new TextEncoder().encode('[]'), 'x', 'andotp'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackup('{"hello":"world"}', 'x'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackup('not json', 'x'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackup('AUTHENTICATORPRO…', 'x'))).toBe('INVALID_BACKUP'); // binary given as text
    expect(await codeOf(openBackup('', 'x'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackup(new Uint8Array(0), 'x'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackup(new Uint8Array(10), 'x'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackup({} as unknown as string, 'x'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackup(null as unknown as string, 'x'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackup('{"header":{},"db":"x"}', 'x'))).toBe('INVALID_BACKUP');
  });

  test('size cap', async () => {
    expect(await codeOf(openBackup(new Uint8Array(MAX_ENCRYPTED_BACKUP + 1), 'x'))).toBe('INPUT_TOO_LONG');
    expect(await codeOf(openBackup(' '.repeat(MAX_ENCRYPTED_BACKUP + 1), 'x'))).toBe('INPUT_TOO_LONG');
    expect(await codeOf(sealBackup(' '.repeat(MAX_ENCRYPTED_BACKUP + 1), 'andotp', 'x'))).toBe('INPUT_TOO_LONG');
  });

  test('formats, passwords and plains given to sealBackup', async () => {
    expect(await codeOf(openBackup(aegisPlain, 'x', 'steam' as EncryptedBackupFormat))).toBe('INVALID_OPTIONS');
    expect(await codeOf(sealBackup('[]', 'authenticator-pro' as 'andotp', 'x'))).toBe('INVALID_OPTIONS');
    expect(await codeOf(openBackup(aegisPlain, 42 as unknown as string))).toBe('BACKUP_PASSWORD');
    expect(await codeOf(openBackup(aegisPlain, 'a\uD800b'))).toBe('BACKUP_PASSWORD');
    expect(await codeOf(sealBackup('[]', 'andotp', ''))).toBe('BACKUP_PASSWORD');
    expect(await codeOf(sealBackup('[]', 'andotp', '\uDC00'))).toBe('BACKUP_PASSWORD');
    expect(await codeOf(sealBackup('{}', 'andotp', 'x'))).toBe('INVALID_BACKUP');
    expect(await codeOf(sealBackup('[]', 'aegis', 'x'))).toBe('INVALID_BACKUP');
    expect(await codeOf(sealBackup('{"version":1}', 'aegis', 'x'))).toBe('INVALID_BACKUP');
    expect(await codeOf(sealBackup('{"db":{},"header":{"slots":[],"params":{}}}', 'aegis', 'x'))).toBe('INVALID_BACKUP');
    expect(await codeOf(sealBackup('{"db":{},"db":{}}', 'aegis', 'x'))).toBe('INVALID_BACKUP');
    expect(await codeOf(sealBackup('{"services":{}}', '2fas', 'x'))).toBe('INVALID_BACKUP');
    expect(await codeOf(sealBackup('{"services":[],"servicesEncrypted":"a:b:c"}', '2fas', 'x'))).toBe('INVALID_BACKUP');
    expect(await codeOf(sealBackup(7 as unknown as string, '2fas', 'x'))).toBe('INVALID_BACKUP');
  });

  test('an Aegis vault: slots of other types are skipped, password slots bounded before deriving', async () => {
    const sealed = JSON.parse((await sealBackupWith(TINY, (n) => new Uint8Array(n).fill(5), aegisPlain, 'aegis', 'pw')) as string);
    const slot = sealed.header.slots[0];
    const bio = { ...slot, type: 2 };
    const withBio = (slots: unknown[]) => JSON.stringify({ ...sealed, header: { ...sealed.header, slots } });
    expect((await openBackupWith(TINY, withBio([bio, slot]), 'pw')).plain).toBe(aegisPlain);
    expect(await codeOf(openBackupWith(TINY, withBio([bio]), 'pw'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackupWith(TINY, withBio([slot, slot]), 'wrong'))).toBe('BACKUP_PASSWORD');
    const many = Array.from({ length: KDF_LIMITS.passwordSlots + 1 }, () => slot);
    expect(await codeOf(openBackupWith(TINY, withBio(many), 'pw'))).toBe('INVALID_BACKUP');
    for (const bad of [{ n: 3 }, { n: 0 }, { n: 2 ** 31 }, { r: 0 }, { p: 1.5 }, { salt: '' }, { salt: 'zz' }, { key: 'ab' }, { key_params: null }]) {
      expect(await codeOf(openBackupWith(TINY, withBio([{ ...slot, ...bad }]), 'pw')), JSON.stringify(bad)).toBe('INVALID_BACKUP');
    }
    // The bounds themselves: Aegis's own parameters pass, one step past either limit does not.
    expect(128 * 2 ** 15 * 8).toBeLessThanOrEqual(KDF_LIMITS.scryptMemory);
    expect(2 * 2 ** 15 * 8).toBeLessThanOrEqual(KDF_LIMITS.scryptWork);
    const big = (o: object) => openBackupWith(TINY, withBio([{ ...slot, ...o }]), 'pw');
    expect(await codeOf(big({ n: 2 ** 18, r: 9 }))).toBe('INVALID_BACKUP'); // memory 288 MiB
    expect(await codeOf(big({ n: 2 ** 4, r: 1, p: 2 ** 18 + 1 }))).toBe('INVALID_BACKUP'); // work just past 2^22
  });

  test('a 2FAS file: the reference tells a damaged file from a wrong password', async () => {
    const sealed = JSON.parse((await sealBackupWith(TINY, (n) => new Uint8Array(n).fill(9), '{"services":[1,2]}', '2fas', 'pw')) as string);
    const [data, salt, iv] = sealed.servicesEncrypted.split(':');
    const damaged = Buffer.from(data, 'base64');
    damaged[0]! ^= 1;
    const file = (o: object) => JSON.stringify({ ...sealed, ...o });
    const services = `${damaged.toString('base64')}:${salt}:${iv}`;
    expect(await codeOf(openBackupWith(TINY, file({ servicesEncrypted: services }), 'pw'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackupWith(TINY, file({ servicesEncrypted: services, reference: null }), 'pw'))).toBe('BACKUP_PASSWORD');
    expect(await codeOf(openBackupWith(TINY, file({ reference: 7 }), 'pw'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackupWith(TINY, file({ servicesEncrypted: `${data}:${salt}` }), 'pw'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackupWith(TINY, file({ servicesEncrypted: `${data}:${salt}:${iv}:x` }), 'pw'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackupWith(TINY, file({ servicesEncrypted: `${data}:!!:${iv}` }), 'pw'))).toBe('INVALID_BACKUP');
    expect(await codeOf(openBackupWith(TINY, file({ servicesEncrypted: `${data}::${iv}` }), 'pw'))).toBe('INVALID_BACKUP');
    // Without reference (older writers) the file opens all the same; `reference: ""` is absent.
    expect((await openBackupWith(TINY, file({ reference: '' }), 'pw')).plain).toBe('{"services":[1,2]}');
    // A reference under its own salt (2FAS uses one salt; another writer might not).
    const other = JSON.parse((await sealBackupWith(TINY, (n) => new Uint8Array(n).fill(4), '{"services":[]}', '2fas', 'pw')) as string);
    expect((await openBackupWith(TINY, file({ reference: other.reference }), 'pw')).plain).toBe('{"services":[1,2]}');
  });

  test('text members keep their exact text: counters past 2^53, escapes, spacing inside values', async () => {
    const db = '{ "entries": [ { "info": { "counter": 18446744073709551615 } } ], "n": 1e400, "s": "\\u00e9\\/" }';
    const plain = `{"version":1,"header":{"slots":null,"params":null},"db":${db},"extra":{ "a" : [ 1 , 2 ] }}`;
    const sealed = await sealBackupWith(TINY, (n) => new Uint8Array(n).fill(6), plain, 'aegis', 'pw');
    expect((await openBackupWith(TINY, sealed, 'pw')).plain).toBe(plain);
    // And a file with a byte-order mark, in bytes.
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(sealed as string)]);
    expect((await openBackupWith(TINY, bom, 'pw')).plain).toBe(plain);
  });

  test('__proto__ keys are plain keys', async () => {
    const plain = '{"__proto__":{"polluted":1},"services":[{"__proto__":2}]}';
    const sealed = await sealBackupWith(TINY, (n) => new Uint8Array(n).fill(8), plain, '2fas', 'pw');
    expect((await openBackupWith(TINY, sealed, 'pw')).plain).toBe(plain);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('the apps’ parameters and the limits are those documented', () => {
    expect(TWOFAS_REFERENCE).toHaveLength(256);
    expect(APP_PROFILE).toEqual({
      twofasIterations: 10_000,
      stratumArgon2: { t: 3, m: 65_536, p: 4 },
      stratumLegacyIterations: 64_000,
      aegisScrypt: { N: 32_768, r: 8, p: 1 },
      andotpIterations: [140_000, 160_000],
      limits: KDF_LIMITS,
      argon2id: argon2idAsync,
      scrypt: scryptAsync,
    });
    expect(KDF_LIMITS).toEqual({
      scryptMemory: 256 * 1024 * 1024,
      scryptWork: 2 ** 22,
      scryptSalt: 1024,
      passwordSlots: 16,
      pbkdf2Iterations: 1_000_000,
      pbkdf2Salt: 1024,
    });
  });
});

test('PBKDF2 (oathkit’s own, shared with PSKC) agrees with node:crypto on the passwords backups use, the empty one too', () => {
  const cases: [string, string, number][] = [
    ['', 'salt', 1],
    ['', '', 3],
    ['pässwörd ☃', 'x', 1000],
    ['a'.repeat(64), 's', 2],
    ['a'.repeat(65), 's', 2],
    ['😀'.repeat(40), 'salt', 10],
  ];
  for (const [pw, salt, n] of cases) {
    for (const [hash, node] of [
      ['SHA1', 'sha1'],
      ['SHA256', 'sha256'],
    ] as const) {
      const ours = pbkdf2(hash, passwordBytes(pw), new TextEncoder().encode(salt), n, 32);
      expect(Buffer.from(ours), `${hash} ${JSON.stringify(pw)}`).toEqual(pbkdf2Sync(pw, salt, n, 32, node));
    }
  }
});

test('noble’s scrypt, which Aegis slots use, agrees with node:crypto (OpenSSL) at Aegis’s parameters', () => {
  for (const [pw, salt] of [
    ['pässwörd ☃', 'x'.repeat(32)],
    ['a'.repeat(100), ''],
  ] as const) {
    const noble = scrypt(new TextEncoder().encode(pw), new TextEncoder().encode(salt), { N: 2 ** 15, r: 8, p: 1, dkLen: 32 });
    expect(Buffer.from(noble)).toEqual(scryptSync(pw, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 }));
  }
});

test('the @example blocks of src/_backup-crypto.ts run and their commented values hold', async () => {
  const source = readFileSync(join(root, 'src', '_backup-crypto.ts'), 'utf8');
  const blocks = [...source.matchAll(/@example[^\n]*\n\s*\*\s*```ts\n((?:\s*\*[^\n]*\n)*?)\s*\*\s*```/g)].map((m) => m[1]!.replace(/^\s*\* ?/gm, ''));
  expect(blocks.length).toBe(2);
  let checked = 0;
  for (const block of blocks) {
    const lines = block.split('\n').map((line) => {
      const m = /^(?!\s*const\b)(.+?);\s*\/\/\s*('(?:[^'\\]|\\.)*'|true|false|null|-?\d+)\s*$/.exec(line);
      if (!m) return line;
      checked++;
      return `__check(${m[1]}, ${m[2]});`;
    });
    const body = `return (async () => {\n${lines.join('\n')}\n})();`;
    const run = new Function('openBackup', 'sealBackup', '__check', body) as (...a: unknown[]) => Promise<void>;
    await run(openBackup, sealBackup, (actual: unknown, expected: unknown) => expect(actual).toEqual(expected));
  }
  expect(checked).toBe(3);
});
