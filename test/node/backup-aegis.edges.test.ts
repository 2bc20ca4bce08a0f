// Aegis vaults (src/_backup-aegis.ts) at their edges, as mutation testing (test/MUTATION.md, slice
// `backup-apps`) found them unpinned: what makes a vault encrypted (password slots, or a db that is
// a string, each alone), the vault's and db's versions (a newer one is unsupported, anything else
// malformed), the shapes of the header, db and entries, groups by uuid and the old group name, the
// reasons of skipped entries (the field's path in the entry), the app's own extras read and
// written back (uuid, icon with its mime type and hash, archived), and the writer's refusals.
import { describe, expect, test } from 'vitest';
import { MAX_BACKUP_ENTRIES, readBackup, writeBackup } from '../../src/backup.ts';
import type { TokenInput } from '../../src/index.ts';
import { otpError } from './otp-error.ts';

const key = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
const PLAIN = { slots: null, params: null };

/** A TOTP entry as Aegis writes it, with `over` replacing its fields and `info` its info's. */
const entry = (over: Record<string, unknown> = {}, info: Record<string, unknown> = {}) => ({
  type: 'totp',
  uuid: '3ae6f1ad-2e65-4ed2-a953-1ec0dff2386d',
  name: 'alice',
  issuer: 'ACME',
  icon: null,
  info: { secret: 'JBSWY3DPEHPK3PXP', algo: 'SHA1', digits: 6, period: 30, ...info },
  ...over,
});

/** A vault's text: db version 3 with `entries`, `db` and `top` replacing fields. */
const vault = (entries: unknown[], db: Record<string, unknown> = {}, top: Record<string, unknown> = {}) =>
  JSON.stringify({ version: 1, header: PLAIN, db: { version: 3, entries, groups: [], ...db }, ...top });

const read = (text: string) => readBackup(text, { format: 'aegis' });

/** The one entry of a vault holding `e`, which must be skipped. */
const skipped = (e: unknown) => {
  const { tokens, skipped } = read(vault([e]));
  expect(tokens).toEqual([]);
  expect(skipped).toHaveLength(1);
  return skipped[0]!;
};

describe('reading the vault', () => {
  test('encrypted: password slots, or a db that is a string, each alone is enough; slots null or absent is plain', () => {
    const slots = JSON.stringify({
      version: 1,
      header: { slots: [{ type: 1 }], params: { nonce: '', tag: '' } },
      db: { version: 3, entries: [entry()], groups: [] },
    });
    const db = JSON.stringify({ version: 1, header: PLAIN, db: 'AAAA' });
    for (const text of [slots, db]) {
      const e = otpError(() => read(text));
      expect(e.code).toBe('BACKUP_ENCRYPTED');
      expect(e.message).toContain('Aegis');
      expect(e.message).toContain('decryptBackup');
    }
    expect(otpError(() => read(slots)).message).toMatch(/password slots/);
    // The detector (detectFormat) sees a header only in the first 64 KiB: past them, the reader's
    // own check tells an encrypted vault, a db that is a string or slots each alone.
    const late = (db: unknown, header: unknown) => `{"version":1,"db":${JSON.stringify(db)},"header":${JSON.stringify(header)}}`;
    const padding = Array.from({ length: 700 }, (_, i) => entry({ name: `user${i}`, note: 'n'.repeat(100) }));
    for (const text of [
      late('A'.repeat(70_000), PLAIN),
      late({ version: 3, entries: padding, groups: [] }, { slots: [{ type: 1 }], params: { nonce: '', tag: '' } }),
    ]) {
      expect(text.indexOf('"header"')).toBeGreaterThan(65_536);
      const e = otpError(() => read(text));
      expect(e.code).toBe('BACKUP_ENCRYPTED');
      expect(e.message).toContain('Aegis');
      expect(e.message).toContain('decryptBackup');
    }
    expect(read(late({ version: 3, entries: padding, groups: [] }, PLAIN)).tokens).toHaveLength(700);
    for (const header of [{}, { params: null }, { slots: null }]) {
      const text = JSON.stringify({ version: 1, header, db: { version: 3, entries: [entry()], groups: [] } });
      expect(read(text).tokens.map((t) => t.account)).toEqual(['alice']);
    }
  });

  test('a vault that is not an object with a header object is INVALID_BACKUP naming Aegis and the header', () => {
    const db = { version: 3, entries: [entry()], groups: [] };
    for (const text of [
      '[]',
      '"vault"',
      JSON.stringify({ version: 1, db }),
      JSON.stringify({ version: 1, header: null, db }),
      JSON.stringify({ version: 1, header: [], db }),
    ]) {
      const e = otpError(() => read(text));
      expect(e.code, text).toBe('INVALID_BACKUP');
      expect(e.message, text).toMatch(/^Aegis file: .*header/);
    }
  });

  test('the vault version: 1 is read; a newer number is BACKUP_UNSUPPORTED naming it; anything else INVALID_BACKUP', () => {
    expect(read(vault([entry()])).tokens).toHaveLength(1);
    for (const version of [2, 7]) {
      const e = otpError(() => read(vault([entry()], {}, { version })));
      expect(e.code).toBe('BACKUP_UNSUPPORTED');
      expect(e.message).toContain('Aegis');
      expect(e.message).toContain(`version ${version}`);
    }
    for (const version of [0, -1, '1', '2', null, true, undefined]) {
      const e = otpError(() => read(vault([entry()], {}, { version })));
      expect(e.code, String(version)).toBe('INVALID_BACKUP');
      expect(e.message, String(version)).toMatch(/^Aegis file: version must be 1\b/);
    }
  });

  test('the db version: 1, 2 and 3 are read; a newer number is BACKUP_UNSUPPORTED naming it; anything else INVALID_BACKUP', () => {
    for (const version of [1, 2, 3]) expect(read(vault([entry()], { version })).tokens).toHaveLength(1);
    for (const version of [4, 10]) {
      const e = otpError(() => read(vault([entry()], { version })));
      expect(e.code).toBe('BACKUP_UNSUPPORTED');
      expect(e.message).toContain('Aegis');
      expect(e.message).toContain(`db version ${version}`);
    }
    for (const version of [0, -3, 2.5, '3', '4', null, undefined]) {
      const e = otpError(() => read(vault([entry()], { version })));
      expect(e.code, String(version)).toBe('INVALID_BACKUP');
      expect(e.message, String(version)).toMatch(/^Aegis file: db\.version must be 1, 2 or 3\b/);
    }
  });

  test('db must be an object and db.entries an array: INVALID_BACKUP naming the field', () => {
    for (const db of [null, [], 5, true]) {
      const e = otpError(() => read(JSON.stringify({ version: 1, header: PLAIN, db })));
      expect(e.code, String(db)).toBe('INVALID_BACKUP');
      expect(e.message, String(db)).toMatch(/^Aegis file: db must be an object/);
    }
    for (const entries of [undefined, null, {}, 'x', 3]) {
      const e = otpError(() => read(vault(entries as never)));
      expect(e.code, String(entries)).toBe('INVALID_BACKUP');
      expect(e.message, String(entries)).toMatch(/^Aegis file: db\.entries must be an array/);
    }
  });
});

describe('groups', () => {
  const WORK = 'a5b3fb65-4ec5-43e6-8ec1-49e24ca9e7ad';
  const HOME = '0c3f2a14-5e5d-4a0e-9a57-1b1c2d3e4f50';
  const NUMBERED = 'ffffffff-ffff-4fff-bfff-ffffffffffff';

  test('by uuid in any case; a group that is not an object with a string uuid and name is no group; the old group name only when no uuid names one', () => {
    const groups = [
      null,
      5,
      'Work',
      [WORK],
      { name: 'no uuid' },
      { uuid: 7, name: 'number uuid' },
      { uuid: NUMBERED, name: 5 },
      { uuid: WORK.toUpperCase(), name: 'Work' },
      { uuid: HOME, name: 'Home' },
    ];
    const entries = [
      entry({ name: 'a', groups: [NUMBERED, WORK, 42, null, HOME.toUpperCase()], group: 'Old' }),
      entry({ name: 'b', groups: [NUMBERED], group: 'Old' }),
      entry({ name: 'c', groups: ['no uuid', 'number uuid', '7'] }),
      entry({ name: 'd' }),
    ];
    const { tokens, skipped } = read(vault(entries, { groups }));
    expect(skipped).toEqual([]);
    expect(tokens.map((t) => [t.account, t.extras?.groups])).toEqual([
      ['a', '["Work","Home"]'],
      ['b', '["Old"]'],
      ['c', undefined],
      ['d', undefined],
    ]);
  });

  test('db.groups absent or not an array: no groups, the old group name still read', () => {
    for (const groups of [undefined, null, 'Work', { uuid: WORK, name: 'Work' }, 3]) {
      const { tokens, skipped } = read(vault([entry({ groups: [WORK] }), entry({ name: 'b', group: 'Old' })], { groups }));
      expect(skipped).toEqual([]);
      expect(tokens.map((t) => t.extras?.groups)).toEqual([undefined, '["Old"]']);
    }
  });
});

describe('entries', () => {
  test('mOTP and Yandex entries are skipped as BACKUP_UNSUPPORTED, each named for what it is', () => {
    const motp = skipped(entry({ type: 'motp' }));
    expect(motp.code).toBe('BACKUP_UNSUPPORTED');
    expect(motp.reason).toContain('mOTP');
    expect(motp.reason).not.toContain('Yandex');
    const yandex = skipped(entry({ type: 'yandex' }));
    expect(yandex.code).toBe('BACKUP_UNSUPPORTED');
    expect(yandex.reason).toContain('Yandex');
    expect(yandex.reason).not.toContain('mOTP');
  });

  test('another type is INVALID_BACKUP, quoting at most 16 characters of it', () => {
    for (const type of ['TOTP', 'ocra', 'totp-but-longer-than-16']) {
      const s = skipped(entry({ type }));
      expect(s.code, type).toBe('INVALID_BACKUP');
      expect(s.reason).toMatch(/^type must be totp, hotp or steam/);
      expect(s.reason).toContain(JSON.stringify(type.slice(0, 16)));
    }
    expect(skipped(entry({ type: 'totp-but-longer-than-16' })).reason).not.toContain('than-16');
  });

  test('a field that cannot be read skips the entry, the reason naming it by its path in the entry', () => {
    const hotp = { type: 'hotp' };
    const cases: [Record<string, unknown>, Record<string, unknown>, string, string][] = [
      [{ info: undefined }, {}, 'INVALID_BACKUP', 'info must be an object'],
      [{ info: 'JBSWY3DP' }, {}, 'INVALID_BACKUP', 'info must be an object'],
      [{}, { secret: undefined }, 'INVALID_BACKUP', 'info.secret must be a string'],
      [{}, { secret: '' }, 'INVALID_KEY', 'info.secret is empty'],
      [{}, { algo: 1 }, 'INVALID_BACKUP', 'info.algo must be a string'],
      [{}, { digits: 6.5 }, 'INVALID_BACKUP', 'info.digits must be an integer'],
      [{}, { digits: 11 }, 'INVALID_DIGITS', 'info.digits must be from 1 to 10'],
      [hotp, { counter: '5' }, 'INVALID_BACKUP', 'info.counter must be an integer'],
      [hotp, { counter: -1 }, 'INVALID_COUNTER', 'info.counter must not be negative'],
      [{}, { period: '30' }, 'INVALID_BACKUP', 'info.period must be an integer'],
      [{}, { period: 0 }, 'INVALID_PERIOD', 'info.period must be from 1'],
    ];
    for (const [over, info, code, reason] of cases) {
      const s = skipped(entry(over, info));
      expect(s.code, reason).toBe(code);
      expect(s.reason.startsWith(reason), s.reason).toBe(true);
      expect(s.name).toBe('ACME: alice');
    }
  });

  test('the app fields: archived only when true; icon_mime and icon_hash only with an icon', () => {
    const icon = { icon: 'AAAA', icon_mime: 'image/png', icon_hash: 'c0ffee' };
    const { tokens, skipped } = read(
      vault([
        entry({ archived: true }),
        entry({ archived: false }),
        entry(icon),
        entry({ ...icon, icon: null }),
        entry({ icon_mime: 'image/png', icon_hash: 'c0ffee', icon: undefined }),
      ]),
    );
    expect(skipped).toEqual([]);
    expect(tokens.map((t) => [t.issuer, t.account])).toEqual(Array(5).fill(['ACME', 'alice']));
    const extras = tokens.map((t) => {
      const { 'aegis.uuid': uuid, ...rest } = t.extras!;
      expect(uuid).toBe('3ae6f1ad-2e65-4ed2-a953-1ec0dff2386d');
      return rest;
    });
    expect(extras).toEqual([{ 'aegis.archived': 'true' }, {}, { 'aegis.icon': 'AAAA', 'aegis.icon_mime': 'image/png', 'aegis.icon_hash': 'c0ffee' }, {}, {}]);
  });
});

describe('writing', () => {
  test('the app fields: a uuid kept in lower case (a text that is not one left out), the icon with its mime type (image/jpeg by default) and hash, archived', () => {
    const tokens: TokenInput[] = [
      {
        kind: 'totp',
        key,
        account: 'a',
        extras: { 'aegis.uuid': 'ABCDEF01-2345-4678-89AB-CDEF01234567', 'aegis.icon': 'AAAA', 'aegis.icon_hash': 'c0ffee', 'aegis.archived': 'true' },
      },
      {
        kind: 'totp',
        key,
        account: 'b',
        extras: { 'aegis.uuid': 'not-a-uuid', 'aegis.icon': 'BBBB', 'aegis.icon_mime': 'image/png', 'aegis.archived': 'false' },
      },
      { kind: 'totp', key, account: 'c', extras: { 'aegis.icon_mime': 'image/png', 'aegis.icon_hash': 'c0ffee' } },
    ];
    const file = writeBackup(tokens, 'aegis');
    const entries = (JSON.parse(file) as { db: { entries: Record<string, unknown>[] } }).db.entries;
    const fields = ['uuid', 'icon', 'icon_mime', 'icon_hash', 'archived'];
    const pick = (e: Record<string, unknown>) => Object.fromEntries(fields.filter((f) => f in e).map((f) => [f, e[f]]));
    expect(entries.map(pick)).toEqual([
      { uuid: 'abcdef01-2345-4678-89ab-cdef01234567', icon: 'AAAA', icon_mime: 'image/jpeg', icon_hash: 'c0ffee', archived: true },
      { icon: 'BBBB', icon_mime: 'image/png' },
      // Aegis reads `icon` as required: null when there is none.
      { icon: null },
    ]);
    const back = readBackup(file).tokens.map((t) => t.extras);
    expect(back[0]).toEqual({
      'aegis.uuid': 'abcdef01-2345-4678-89ab-cdef01234567',
      'aegis.icon': 'AAAA',
      'aegis.icon_mime': 'image/jpeg',
      'aegis.icon_hash': 'c0ffee',
      'aegis.archived': 'true',
    });
    expect(back[1]).toEqual({ 'aegis.icon': 'BBBB', 'aegis.icon_mime': 'image/png' });
    expect(back[2]).toBeUndefined();
  });

  test('refusals name the token and Aegis; more than MAX_BACKUP_ENTRIES tokens is INPUT_TOO_LONG naming Aegis', () => {
    const ocra = otpError(() =>
      writeBackup(
        [
          { kind: 'totp', key },
          { kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08', account: 'ocra' },
        ],
        'aegis',
      ),
    );
    expect(ocra.code).toBe('BACKUP_UNSUPPORTED');
    expect(ocra.message).toMatch(/^tokens\[1\] \("ocra"\): an OCRA token/);
    expect(ocra.message).toContain('Aegis');
    const many = otpError(() => writeBackup(Array<TokenInput>(MAX_BACKUP_ENTRIES + 1).fill({ kind: 'totp', key }), 'aegis'));
    expect(many.code).toBe('INPUT_TOO_LONG');
    expect(many.message).toContain('Aegis');
  });
});
