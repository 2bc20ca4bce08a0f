// Boundaries of the 2FAS opener and of the Aegis and 2FAS sealers (src/_backup-crypto-json.ts from
// twofasField on) that mutation testing (test/MUTATION.md, slice `backup-crypto`) found unpinned:
// each part of a `data:salt:iv` field and its bounds (the salt 1 to limits.pbkdf2Salt bytes, the
// data at least a GCM tag), what each refusal names, a reference under another salt (a prefix of
// the services' salt, or one sharing some bytes), one derivation for 2FAS's one salt and every
// derived key wiped, `services` put back first, and what a sealed file keeps and where its members
// go. Files are built here with node:crypto (PBKDF2-SHA256 and AES-256-GCM as 2FAS does, see
// vectors/README.md) at TINY's one iteration, independently of oathkit's writer.
import { createCipheriv, pbkdf2Sync } from 'node:crypto';
import { describe, expect, test, vi } from 'vitest';
import { OtpError } from '../../src/errors.ts';
import { KDF_LIMITS, openBackupWith, sealBackupWith } from '../../src/_backup-crypto.ts';
import { TINY } from './backup-crypto-helpers.ts';

/** Every key pbkdf2Async gave the opener, to count derivations and to see them wiped. */
const keys: Uint8Array[] = [];
vi.mock('../../src/_pbkdf2.ts', async (original) => {
  const real = await original<typeof import('../../src/_pbkdf2.ts')>();
  return {
    ...real,
    pbkdf2Async: async (...args: Parameters<typeof real.pbkdf2Async>) => {
      const key = await real.pbkdf2Async(...args);
      keys.push(key);
      return key;
    },
  };
});

const PW = 'pw';
const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (seed + i * 7) & 0xff);
/** One `data:salt:iv` field as 2FAS writes it: AES-256-GCM under PBKDF2-SHA256(password, salt). */
function field(plain: string, salt: Uint8Array, iv = bytes(12, 3), password = PW): string {
  const key = pbkdf2Sync(password, salt, TINY.twofasIterations, 32, 'sha256');
  const c = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([c.update(plain, 'utf8'), c.final(), c.getAuthTag()]);
  return `${b64(data)}:${b64(salt)}:${b64(iv)}`;
}
const REF = 'the reference text';
const open = (file: object | string) => openBackupWith(TINY, typeof file === 'string' ? file : JSON.stringify(file), PW, '2fas');
async function refusal(p: Promise<unknown>): Promise<OtpError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(OtpError);
  return e as OtpError;
}
async function refused(p: Promise<unknown>, code: string, ...parts: (string | RegExp)[]): Promise<void> {
  const e = await refusal(p);
  expect(e.code, e.message).toBe(code);
  for (const part of parts) expect(e.message).toMatch(part);
}

describe('opening 2FAS: each data:salt:iv field', () => {
  const salt = bytes(8, 1);

  test('not a string, not three parts, not base64: INVALID_BACKUP naming 2FAS and the field', async () => {
    await refused(open({ servicesEncrypted: 7 }), 'INVALID_BACKUP', /^2FAS backup/, /servicesEncrypted must be a string, got 7/);
    await refused(open({ services: [] }), 'INVALID_BACKUP', /^2FAS backup/, /servicesEncrypted must be a string, got undefined/);
    await refused(open({ servicesEncrypted: 'a:b' }), 'INVALID_BACKUP', /^2FAS backup/, /servicesEncrypted must be three base64 parts/, /got 2$/);
    await refused(open({ servicesEncrypted: 'AAAA:!!:AAAA' }), 'INVALID_BACKUP', /^2FAS backup/, /servicesEncrypted is not base64/);
    const good = field('[]', salt);
    await refused(open({ servicesEncrypted: good, reference: 'a:b:c:d' }), 'INVALID_BACKUP', /^2FAS backup/, /reference must be three base64 parts/, /got 4$/);
    await refused(open({ servicesEncrypted: good, reference: 7 }), 'INVALID_BACKUP', /^2FAS backup/, /reference must be a string, got 7/);
    await refused(open('not json'), 'INVALID_BACKUP', /^2FAS backup/, /JSON object.*2FAS/);
  });

  test('the data holds at least a GCM tag: 15 bytes are refused as such, 16 are tried', async () => {
    const iv = b64(bytes(12, 3));
    // No reference: a field that reached decryption and failed would be BACKUP_PASSWORD.
    await refused(
      open({ servicesEncrypted: `${b64(new Uint8Array(15))}:${b64(salt)}:${iv}` }),
      'INVALID_BACKUP',
      /^2FAS backup/,
      /servicesEncrypted: the data is shorter than a GCM tag/,
    );
    await refused(open({ servicesEncrypted: `${b64(new Uint8Array(16))}:${b64(salt)}:${iv}` }), 'BACKUP_PASSWORD', /^2FAS backup/, /servicesEncrypted/);
  });

  test(`the salt is 1 to ${KDF_LIMITS.pbkdf2Salt} bytes: both ends open, one past either is refused before any derivation`, async () => {
    for (const n of [1, KDF_LIMITS.pbkdf2Salt]) {
      const s = bytes(n, 5);
      expect((await open({ services: [], servicesEncrypted: field('[1]', s), reference: field(REF, s) })).plain, `${n}`).toBe('{"services":[1]}');
    }
    for (const n of [0, KDF_LIMITS.pbkdf2Salt + 1]) {
      keys.length = 0;
      const [data, , iv] = field('[1]', bytes(8, 5)).split(':');
      await refused(
        open({ servicesEncrypted: `${data}:${b64(bytes(n, 5))}:${iv}` }),
        'INVALID_BACKUP',
        /^2FAS backup/,
        new RegExp(`servicesEncrypted: the salt must be 1 to ${KDF_LIMITS.pbkdf2Salt} bytes, got ${n}$`),
      );
      expect(keys).toHaveLength(0);
    }
  });

  test('the iv is 12 bytes: another length is refused naming both', async () => {
    const [data, s] = field('[1]', salt).split(':');
    await refused(
      open({ servicesEncrypted: `${data}:${s}:${b64(bytes(16, 1))}` }),
      'INVALID_BACKUP',
      /^2FAS backup/,
      /servicesEncrypted: the iv must be 12 bytes, got 16$/,
    );
  });
});

describe('opening 2FAS: the reference and the key', () => {
  test('one salt: one derivation, and the key wiped after', async () => {
    const salt = bytes(16, 9);
    keys.length = 0;
    expect((await open({ services: [], servicesEncrypted: field('[2]', salt), reference: field(REF, salt) })).plain).toBe('{"services":[2]}');
    expect(keys).toHaveLength(1);
    expect(keys[0]!.every((b) => b === 0)).toBe(true);
  });

  test('a reference under another salt opens with its own key (a prefix of the services’ salt, or one sharing bytes), and both keys are wiped', async () => {
    const salt = bytes(16, 9);
    const sharing = salt.slice();
    sharing[15]! ^= 1; // same length, the first 15 bytes alike
    for (const other of [salt.subarray(0, 8), sharing]) {
      keys.length = 0;
      const opened = await open({ services: [], servicesEncrypted: field('[3]', salt), reference: field(REF, other) });
      expect(opened.plain).toBe('{"services":[3]}');
      expect(keys).toHaveLength(2);
      for (const k of keys) expect(k.every((b) => b === 0)).toBe(true);
    }
  });

  test('what a failure says: the reference, damage behind it, or servicesEncrypted alone', async () => {
    const salt = bytes(16, 9);
    const services = field('[4]', salt);
    await refused(open({ servicesEncrypted: services, reference: field(REF, salt, undefined, 'other') }), 'BACKUP_PASSWORD', /^2FAS backup/, /reference/);
    const [data, s, iv] = services.split(':');
    const damaged = Buffer.from(data!, 'base64');
    damaged[0]! ^= 1;
    const bad = `${damaged.toString('base64')}:${s}:${iv}`;
    await refused(
      open({ servicesEncrypted: bad, reference: field(REF, salt) }),
      'INVALID_BACKUP',
      /^2FAS backup/,
      /servicesEncrypted fails its integrity check/,
      /damaged/,
    );
    await refused(open({ servicesEncrypted: bad }), 'BACKUP_PASSWORD', /^2FAS backup/, /servicesEncrypted/);
  });

  test('decrypted services that are not a JSON array are INVALID_BACKUP', async () => {
    const salt = bytes(16, 9);
    for (const plain of ['{}', 'not json', '']) {
      await refused(
        open({ services: [], servicesEncrypted: field(plain, salt), reference: field(REF, salt) }),
        'INVALID_BACKUP',
        /^2FAS backup/,
        /not a JSON array/,
      );
    }
  });

  test('a file without services gets them first; its other members keep their order', async () => {
    const salt = bytes(16, 9);
    const text = `{"schemaVersion":4,"servicesEncrypted":${JSON.stringify(field('[5]', salt))},"groups":[],"reference":${JSON.stringify(field(REF, salt))}}`;
    expect((await open(text)).plain).toBe('{"services":[5],"schemaVersion":4,"groups":[]}');
  });
});

describe('sealing', () => {
  const random = (n: number) => new Uint8Array(n).fill(7);
  const seal = (plain: string, format: 'aegis' | '2fas') => sealBackupWith(TINY, random, plain, format, PW);

  test('a plain that is not a JSON object, or has a key twice: INVALID_BACKUP naming the format', async () => {
    await refused(seal('not json', 'aegis'), 'INVALID_BACKUP', /^Aegis backup/, /plain must be an Aegis vault \(a JSON object\)/);
    await refused(seal('not json', '2fas'), 'INVALID_BACKUP', /^2FAS backup/, /plain must be a 2FAS backup \(a JSON object\)/);
    await refused(seal('[]', '2fas'), 'INVALID_BACKUP', /^2FAS backup/, /JSON object/);
    await refused(seal('{"services":[],"services":[]}', '2fas'), 'INVALID_BACKUP', /^2FAS backup/, /plain has a top-level key twice/);
  });

  test('Aegis: the header must be a plain vault’s, both slots and params null; db an object', async () => {
    for (const header of [{ slots: [], params: null }, { slots: null, params: {} }, { slots: null }, 5, null]) {
      await refused(seal(JSON.stringify({ header, db: {} }), 'aegis'), 'INVALID_BACKUP', /^Aegis backup/, /header\.slots and header\.params null/);
    }
    for (const rest of [{}, { db: 5 }, { db: [] }, { db: null }]) {
      await refused(seal(JSON.stringify({ version: 1, ...rest }), 'aegis'), 'INVALID_BACKUP', /^Aegis backup/, /plain must have db/);
    }
    const sealed = (await seal('{"header":{"slots":null,"params":null},"db":{"entries":[]}}', 'aegis')) as string;
    expect((await openBackupWith(TINY, sealed, PW)).plain).toBe('{"version":1,"header":{"slots":null,"params":null},"db":{"entries":[]}}');
  });

  test('Aegis: a missing version (1) and header go first; a version elsewhere keeps its place, the header after it', async () => {
    const keysOf = async (plain: string) => {
      const sealed = (await seal(plain, 'aegis')) as string;
      // Once each: JSON.parse would hide a member given twice.
      expect(sealed.split('"version"'), plain).toHaveLength(2);
      expect(sealed.split('"header"'), plain).toHaveLength(2);
      return Object.keys(JSON.parse(sealed));
    };
    expect(await keysOf('{"db":{}}')).toEqual(['version', 'header', 'db']);
    expect(JSON.parse((await seal('{"db":{}}', 'aegis')) as string).version).toBe(1);
    expect(await keysOf('{"db":{},"version":1}')).toEqual(['db', 'version', 'header']);
    expect(await keysOf('{"x":0,"db":{},"version":2,"y":1}')).toEqual(['x', 'db', 'version', 'header', 'y']);
    expect(await keysOf('{"version":1,"db":{}}')).toEqual(['version', 'header', 'db']);
  });

  test('2FAS: services must be an array; servicesEncrypted null or absent is a plain file', async () => {
    for (const plain of ['{}', '{"services":{}}', '{"services":null}']) {
      await refused(seal(plain, '2fas'), 'INVALID_BACKUP', /^2FAS backup/, /plain must have services, a JSON array/);
    }
    await refused(seal('{"services":[],"servicesEncrypted":"a:b:c"}', '2fas'), 'INVALID_BACKUP', /^2FAS backup/, /plain is already encrypted/);
    const plain = '{"reference":"old","services":[1],"servicesEncrypted":null,"groups":[]}';
    const sealed = (await seal(plain, '2fas')) as string;
    // The old reference and the null servicesEncrypted give way to the new ones, once each, last.
    expect(Object.keys(JSON.parse(sealed))).toEqual(['services', 'groups', 'servicesEncrypted', 'reference']);
    expect(sealed.split('"servicesEncrypted"')).toHaveLength(2);
    expect(sealed.split('"reference"')).toHaveLength(2);
    expect((await open(sealed)).plain).toBe('{"services":[1],"groups":[]}');
  });
});
