// Encrypted Aegis vaults (src/_backup-crypto-json.ts, openAegis) at their edges, as mutation
// testing (test/MUTATION.md, slice `backup-crypto`) found them unpinned: the scrypt parameter bounds
// exactly at and one past each limit (n, r, p, memory 128·n·r, work n·r·p summed over the slots,
// the number of password slots), what makes a vault plain rather than encrypted, the shapes of the
// header, its slots and GCM parameters, and db; a db that fails its tag or decrypts to no JSON
// object. Each refusal's code, the format's name and the field's path are asserted.
//
// The vaults are built here with node:crypto's AES-256-GCM, independently of oathkit, and opened
// with a profile whose scrypt is a stub that records its parameters and returns a fixed key: the
// bounds are checked before any derivation, so a vault at a limit costs nothing, and "it opens"
// proves the bound let it through to the derivation.
import { createCipheriv } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { KDF_LIMITS, openBackupWith, type KdfProfile } from '../../src/_backup-crypto.ts';
import { TINY } from './backup-crypto-helpers.ts';
import { otpRejection } from './otp-error.ts';

/** What the stub scrypt derives, whatever the password and parameters. */
const DERIVED = Buffer.alloc(32, 0x11);
/** Another slot key: a slot wrapped under it never opens. */
const OTHER = Buffer.alloc(32, 0x33);
const MASTER = Buffer.alloc(32, 0x22);
const DB = '{"version":3,"entries":[],"groups":[]}';

const calls: { N: number; r: number; p: number }[] = [];
const STUB: KdfProfile = {
  ...TINY,
  scrypt: async (_pw, _salt, { N, r, p }) => {
    calls.push({ N, r, p });
    return Uint8Array.from(DERIVED);
  },
};

function gcm(key: Buffer, nonce: Buffer, plain: Buffer): { body: Buffer; tag: Buffer } {
  const c = createCipheriv('aes-256-gcm', key, nonce);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return { body, tag: c.getAuthTag() };
}

/** A password slot wrapping MASTER under `key`, with `over` replacing its fields. */
function slot(over: Record<string, unknown> = {}, key = DERIVED): Record<string, unknown> {
  const nonce = Buffer.alloc(12, 3);
  const w = gcm(key, nonce, MASTER);
  return {
    type: 1,
    uuid: '01234567-89ab-4def-8123-456789abcdef',
    key: w.body.toString('hex'),
    key_params: { nonce: nonce.toString('hex'), tag: w.tag.toString('hex') },
    n: 2,
    r: 1,
    p: 1,
    salt: 'aa'.repeat(32),
    repaired: true,
    is_backup: false,
    ...over,
  };
}

interface VaultParts {
  slots?: unknown;
  params?: unknown;
  db?: unknown;
  /** The bytes db's ciphertext holds. */
  dbPlain?: Buffer;
  header?: unknown;
}

/** An encrypted vault's text: `db` sealed under MASTER; any part replaced by `parts`. */
function vault(parts: VaultParts = {}): string {
  const nonce = Buffer.alloc(12, 4);
  const s = gcm(MASTER, nonce, parts.dbPlain ?? Buffer.from(DB));
  const params = 'params' in parts ? parts.params : { nonce: nonce.toString('hex'), tag: s.tag.toString('hex') };
  const header = 'header' in parts ? parts.header : { slots: 'slots' in parts ? parts.slots : [slot()], params };
  return JSON.stringify({ version: 1, header, db: 'db' in parts ? parts.db : s.body.toString('base64') });
}

const PLAIN = `{"version":1,"header":{"slots":null,"params":null},"db":${DB}}`;

const open = (text: string, profile: KdfProfile = STUB) => openBackupWith(profile, text, 'pw', 'aegis');

/** The refusal of `text`: its code, and a message that names the format and contains every part. */
async function refused(text: string, code: string, ...parts: string[]): Promise<void> {
  const e = await otpRejection(open(text));
  expect(e.code, e.message).toBe(code);
  expect(e.message).toMatch(/^Aegis backup: /);
  for (const part of parts) expect(e.message).toContain(part);
}

describe('the fixture', () => {
  test('a vault built here opens to its plain vault, through the stub', async () => {
    calls.length = 0;
    expect(await open(vault())).toEqual({ format: 'aegis', variant: 'aegis', plain: PLAIN });
    expect(calls).toEqual([{ N: 2, r: 1, p: 1 }]);
  });
});

describe('scrypt parameters: the limits themselves pass, one past each is refused before deriving', () => {
  const opens = async (over: Record<string, unknown>, profile: KdfProfile = STUB) => {
    calls.length = 0;
    expect((await open(vault({ slots: [slot(over)] }), profile)).plain, JSON.stringify(over)).toBe(PLAIN);
    expect(calls).toHaveLength(1);
  };
  const refusedBefore = async (over: Record<string, unknown>, ...parts: string[]) => {
    calls.length = 0;
    await refused(vault({ slots: [slot(over)] }), 'INVALID_BACKUP', ...parts);
    expect(calls).toEqual([]);
  };
  // Limits wide enough that only n's own bound applies.
  const WIDE: KdfProfile = { ...STUB, limits: { ...KDF_LIMITS, scryptMemory: 2 ** 50, scryptWork: 2 ** 50 } };

  test('n: a power of 2 from 2 to 2^30', async () => {
    await opens({ n: 2 ** 30 }, WIDE);
    const e = await otpRejection(open(vault({ slots: [slot({ n: 2 ** 31 })] }), WIDE));
    expect(e.code).toBe('INVALID_BACKUP');
    expect(e.message).toMatch(/^Aegis backup: /);
    expect(e.message).toContain(`header.slots[0].n must be an integer from 2 to ${2 ** 30}`);
    await refusedBefore({ n: 1 }, 'header.slots[0].n', 'from 2 to');
    await refusedBefore({ n: '4' }, 'header.slots[0].n', 'integer');
    await refusedBefore({ n: 3 }, 'header.slots[0].n must be a power of 2', 'got 3');
    await refusedBefore({ n: 2 ** 20 + 2 ** 19 }, 'power of 2');
  });

  test('r and p: integers from 1 to 2^20', async () => {
    await opens({ r: 2 ** 20 }); // memory 128·2·2^20 = 256 MiB, the limit exactly
    await opens({ p: 2 ** 20 });
    await refusedBefore({ r: 2 ** 20 + 1 }, `header.slots[0].r must be an integer from 1 to ${2 ** 20}`, `got ${2 ** 20 + 1}`);
    await refusedBefore({ p: 2 ** 20 + 1 }, `header.slots[0].p must be an integer from 1 to ${2 ** 20}`);
    await refusedBefore({ p: 0 }, 'header.slots[0].p');
    await refusedBefore({ r: null }, 'header.slots[0].r', 'got null');
  });

  test('memory 128·n·r: at most KDF_LIMITS.scryptMemory', async () => {
    expect(128 * 2 ** 18 * 8).toBe(KDF_LIMITS.scryptMemory);
    await opens({ n: 2 ** 18, r: 8 });
    await refusedBefore({ n: 2 ** 19, r: 8 }, 'header.slots[0]', 'scrypt memory', `${KDF_LIMITS.scryptMemory}`);
  });

  test('work n·r·p, summed over the password slots: at most KDF_LIMITS.scryptWork', async () => {
    expect(2 * 2 ** 11 * 2 ** 10).toBe(KDF_LIMITS.scryptWork);
    await opens({ n: 2, r: 2 ** 11, p: 2 ** 10 });
    // r > 1 and p > 1, so that the product, not another combination, is what is bounded.
    await refusedBefore({ n: 2, r: 2 ** 11, p: 2 ** 10 + 1 }, 'scrypt work', `${KDF_LIMITS.scryptWork}`);
    // Summed: two slots of half the limit pass (the first, under another key, is tried first) ...
    calls.length = 0;
    const half = { n: 2, r: 2 ** 10, p: 2 ** 10 };
    expect((await open(vault({ slots: [slot(half, OTHER), slot(half)] }))).plain).toBe(PLAIN);
    expect(calls).toHaveLength(2);
    // ... and a third slot of any size is refused.
    calls.length = 0;
    await refused(vault({ slots: [slot(half, OTHER), slot(half), slot()] }), 'INVALID_BACKUP', 'scrypt work', 'summed');
    expect(calls).toEqual([]);
  });

  test('password slots: at most KDF_LIMITS.passwordSlots are tried', async () => {
    const wrong = Array.from({ length: KDF_LIMITS.passwordSlots - 1 }, () => slot({}, OTHER));
    calls.length = 0;
    expect((await open(vault({ slots: [...wrong, slot()] }))).plain).toBe(PLAIN);
    expect(calls).toHaveLength(KDF_LIMITS.passwordSlots);
    calls.length = 0;
    const n = KDF_LIMITS.passwordSlots + 1;
    await refused(vault({ slots: [...wrong, slot(), slot()] }), 'INVALID_BACKUP', `${n} password slots`, `at most ${KDF_LIMITS.passwordSlots}`);
    expect(calls).toEqual([]);
    // Slots of other types do not count.
    const bio = Array.from({ length: KDF_LIMITS.passwordSlots + 1 }, () => slot({ type: 2 }, OTHER));
    expect((await open(vault({ slots: [...bio, slot()] }))).plain).toBe(PLAIN);
  });

  test('salt, wrapped key and its GCM parameters, with the slot’s index in the path', async () => {
    const at1 = (over: Record<string, unknown>) => vault({ slots: [slot({ type: 0 }), slot(over)] });
    await refused(at1({ salt: '' }), 'INVALID_BACKUP', 'header.slots[1].salt must be 1 to 1024 bytes of hex');
    await refused(at1({ salt: 'ab'.repeat(1025) }), 'INVALID_BACKUP', 'header.slots[1].salt');
    expect((await open(at1({ salt: 'ab'.repeat(1024) }))).plain).toBe(PLAIN);
    await refused(at1({ key: 'ab' }), 'INVALID_BACKUP', 'header.slots[1].key must be 32 bytes of hex');
    await refused(at1({ key_params: null }), 'INVALID_BACKUP', 'header.slots[1].key_params must be an object with nonce and tag', 'got null');
    const { nonce, tag } = slot().key_params as { nonce: string; tag: string };
    await refused(at1({ key_params: { tag } }), 'INVALID_BACKUP', 'header.slots[1].key_params.nonce must be 12 bytes of hex');
    await refused(at1({ key_params: { nonce: `${nonce}00`, tag } }), 'INVALID_BACKUP', 'header.slots[1].key_params.nonce');
    await refused(at1({ key_params: { nonce } }), 'INVALID_BACKUP', 'header.slots[1].key_params.tag must be 16 bytes of hex');
    await refused(at1({ key_params: { nonce, tag: tag.slice(2) } }), 'INVALID_BACKUP', 'header.slots[1].key_params.tag');
  });
});

describe('the vault around the slots', () => {
  test('not a JSON object', async () => {
    await refused('not json', 'INVALID_BACKUP', 'an Aegis vault');
  });

  test('a plain vault (slots and params both null) is told apart from a malformed one', async () => {
    await refused(vault({ slots: null, params: null }), 'INVALID_BACKUP', 'not encrypted', 'plain backup');
    // Either alone is a malformed encrypted vault.
    const params = JSON.parse(vault()).header.params;
    const e1 = await otpRejection(open(vault({ slots: null, params })));
    expect(e1.message).toContain('header.slots must be an array, got null');
    expect(e1.message).not.toContain('not encrypted');
    const e2 = await otpRejection(open(vault({ params: null })));
    expect(e2.message).toContain('header.params must be an object with nonce and tag, got null');
    expect(e2.message).not.toContain('not encrypted');
    const e3 = await otpRejection(open(vault({ slots: null, params: {} })));
    expect(e3.message).toContain('header.slots must be an array');
  });

  test('header, slots and params of the wrong shape', async () => {
    await refused(vault({ header: 7 }), 'INVALID_BACKUP', 'header must be an object, got 7');
    await refused(vault({ header: [] }), 'INVALID_BACKUP', 'header must be an object');
    await refused(vault({ slots: {} }), 'INVALID_BACKUP', 'header.slots must be an array');
    await refused(vault({ params: 'x' }), 'INVALID_BACKUP', 'header.params must be an object with nonce and tag');
    await refused(vault({ params: { nonce: 'ab', tag: 'cd' } }), 'INVALID_BACKUP', 'header.params.nonce must be 12 bytes of hex');
    await refused(vault({ slots: [slot(), 7] }), 'INVALID_BACKUP', 'header.slots[1] must be an object, got 7');
    await refused(vault({ slots: [null] }), 'INVALID_BACKUP', 'header.slots[0] must be an object');
    await refused(vault({ slots: [slot({ type: 0 }), slot({ type: 2 })] }), 'INVALID_BACKUP', 'no password slot');
    await refused(vault({ slots: [] }), 'INVALID_BACKUP', 'no password slot');
  });

  test('db: a base64 string', async () => {
    await refused(vault({ db: { version: 3 } }), 'INVALID_BACKUP', 'db must be a base64 string');
    await refused(vault({ db: null }), 'INVALID_BACKUP', 'db must be a base64 string', 'got null');
    const e = await otpRejection(open(vault({ db: '!!!!' })));
    expect(e.code).toBe('INVALID_BACKUP');
    expect(e.message).toMatch(/^Aegis backup: db is not base64/);
    expect((e.cause as { code?: string }).code).toBe('INVALID_BASE64');
  });
});

describe('decryption', () => {
  test('no slot opens: BACKUP_PASSWORD, naming how many were tried', async () => {
    await refused(vault({ slots: [slot({}, OTHER), slot({ type: 2 }), slot({}, OTHER)] }), 'BACKUP_PASSWORD', '2 password slot');
  });

  test('a slot opens but db fails its tag: INVALID_BACKUP (damaged), not a wrong password', async () => {
    const text = JSON.parse(vault());
    const db = Buffer.from(text.db, 'base64');
    db[0]! ^= 1;
    await refused(JSON.stringify({ ...text, db: db.toString('base64') }), 'INVALID_BACKUP', 'integrity');
    const tag = Buffer.from(text.header.params.tag, 'hex');
    tag[15]! ^= 0x80;
    const header = { ...text.header, params: { ...text.header.params, tag: tag.toString('hex') } };
    await refused(JSON.stringify({ ...text, header }), 'INVALID_BACKUP', 'integrity');
  });

  test('db must decrypt to a JSON object in UTF-8', async () => {
    for (const plain of ['[1]', '"db"', 'null', '{"a":', '\uFEFF{}x']) {
      await refused(vault({ dbPlain: Buffer.from(plain) }), 'INVALID_BACKUP', 'decrypted db is not a JSON object');
    }
    await refused(vault({ dbPlain: Buffer.from([0x7b, 0xff, 0x7d]) }), 'INVALID_BACKUP', 'decrypted db');
    expect((await open(vault({ dbPlain: Buffer.from('{ "x" : 1 }') }))).plain).toBe('{"version":1,"header":{"slots":null,"params":null},"db":{ "x" : 1 }}');
  });
});
