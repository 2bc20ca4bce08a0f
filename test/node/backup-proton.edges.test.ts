// Boundaries of the Proton Authenticator reader (src/_backup-proton.ts) that mutation testing
// (test/MUTATION.md, slice `backup-apps-b`) found unpinned: the file's shape and version, each
// entry's fields (uri, entry_type, name, note, id) and what a broken one tells the user in
// `skipped`, steam:// URIs, and Steam entries whose URI is an otpauth TOTP URI.
import { describe, expect, test } from 'vitest';
import { readBackup } from '../../src/backup.ts';
import type { Token } from '../../src/index.ts';
import { otpError } from './otp-error.ts';

type Fields = Record<string, unknown>;
const URI = 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME';
const read = (text: string) => readBackup(text, { format: 'proton' });
/** A Proton export of `entries`. */
const file = (entries: unknown[], version: unknown = 1) => JSON.stringify({ version, entries });
/** An entry of `content` (uri URI, entry_type Totp unless given) and entry fields. */
const entry = (content: Fields, fields: Fields = {}) => ({ id: 'id-1', content: { uri: URI, entry_type: 'Totp', ...content }, ...fields });

/** The token one entry reads as (nothing skipped). */
function one(content: Fields, fields?: Fields): Token {
  const r = read(file([entry(content, fields)]));
  expect(r.skipped).toEqual([]);
  expect(r.tokens).toHaveLength(1);
  return r.tokens[0]!;
}

/** The skipped entry one entry makes (no token). */
function skipped(e: unknown) {
  const r = read(file([e]));
  expect(r.tokens).toEqual([]);
  expect(r.skipped).toHaveLength(1);
  return r.skipped[0]!;
}

describe('Proton: the file', () => {
  test('a file that is not an object with an entries array is INVALID_BACKUP naming Proton and entries', () => {
    for (const text of ['[]', '{"version":1,"entries":{}}', '{"version":1}', '5']) {
      const e = otpError(() => read(text));
      expect(e.code, text).toBe('INVALID_BACKUP');
      expect(e.message, text).toContain('Proton Authenticator');
      expect(e.message, text).toContain('entries');
    }
  });

  test('version: 1 or absent is read; a newer one, a bigint past 2^53 too, is BACKUP_UNSUPPORTED naming it', () => {
    for (const version of [1, 0, null]) expect(read(file([entry({})], version)).tokens).toHaveLength(1);
    expect(read(JSON.stringify({ entries: [entry({})] })).tokens).toHaveLength(1);
    const two = otpError(() => read(file([], 2)));
    expect(two.code).toBe('BACKUP_UNSUPPORTED');
    expect(two.message).toMatch(/version 2\b/);
    const huge = otpError(() => read('{"version":123456789012345678901234567890,"entries":[]}'));
    expect(huge.code).toBe('BACKUP_UNSUPPORTED');
    expect(huge.message).toContain('version 123456789012345678901234567890');
  });

  test('a version that is not a number is INVALID_BACKUP naming version', () => {
    for (const version of ['2', '1', true, [2], {}]) {
      const e = otpError(() => read(file([], version)));
      expect(e.code, JSON.stringify(version)).toBe('INVALID_BACKUP');
      expect(e.message, JSON.stringify(version)).toContain('version');
      expect(e.message, JSON.stringify(version)).toContain('Proton Authenticator');
    }
  });
});

describe('Proton: an entry', () => {
  test('a broken field skips the entry naming the field (content, content.uri, content.entry_type, content.name)', () => {
    const cases: [unknown, string][] = [
      [{ id: 'x', content: 5 }, 'content'],
      [{ id: 'x' }, 'content'],
      [{ content: { entry_type: 'Totp', name: 'bob' } }, 'content.uri'],
      [{ content: { uri: URI, entry_type: 5, name: 'bob' } }, 'content.entry_type'],
      [{ content: { uri: URI, entry_type: 'Totp', name: 5 } }, 'content.name'],
    ];
    for (const [e, field] of cases) {
      const s = skipped(e);
      expect(s.code, field).toBe('INVALID_BACKUP');
      expect(s.reason, field).toMatch(new RegExp(`^${field.replace('.', '\\.')} `));
    }
  });

  test("a skipped entry is named by its content's name; an entry without one has no name", () => {
    expect(skipped({ content: { uri: 'nope', name: 'bob' } }).name).toBe('bob');
    expect(skipped({ content: { uri: 'nope' } }).name).toBeUndefined();
    expect(skipped({ content: 5 }).name).toBeUndefined();
    expect(skipped(5).name).toBeUndefined();
    expect(skipped(null).name).toBeUndefined();
  });

  test('the uri may have blanks around it, an otpauth or steam:// one', () => {
    expect(one({ uri: ` ${URI}\n` })).toMatchObject({ kind: 'totp', issuer: 'ACME', account: 'alice' });
    expect(one({ uri: ' steam://JBSWY3DPEHPK3PXP ', entry_type: 'Steam' })).toMatchObject({ kind: 'steam', digits: 5 });
  });

  test('only a uri that begins with steam:// is one: elsewhere in an otpauth URI it is text', () => {
    const t = one({ uri: 'otpauth://totp/Valve:steam://x?secret=JBSWY3DPEHPK3PXP&image=steam://y' });
    expect(t).toMatchObject({ kind: 'totp', issuer: 'Valve', account: 'steam://x', extras: { image: 'steam://y', 'proton.id': 'id-1' } });
  });

  test('an empty steam:// secret skips the entry with INVALID_KEY naming the steam:// secret', () => {
    const s = skipped(entry({ uri: 'steam://', entry_type: 'Steam', name: 'dave' }));
    expect([s.code, s.name]).toEqual(['INVALID_KEY', 'dave']);
    expect(s.reason).toContain('steam://');
  });

  test('entry_type: absent is Totp; another than Totp or Steam skips the entry, quoting at most 16 characters', () => {
    expect(one({ entry_type: undefined }).kind).toBe('totp');
    expect(one({ entry_type: null }).kind).toBe('totp');
    for (const type of ['Hotp', 'totp', 'Z'.repeat(40)]) {
      const s = skipped(entry({ entry_type: type, name: 'bob' }));
      expect([s.code, s.name], type).toEqual(['BACKUP_UNSUPPORTED', 'bob']);
      expect(s.reason, type).toContain(JSON.stringify(type.slice(0, 16)));
    }
    expect(skipped(entry({ entry_type: 'Z'.repeat(40) })).reason).not.toContain('Z'.repeat(17));
  });

  test("a Steam entry whose uri is an otpauth TOTP URI is Steam Guard, keeping the URI's issuer, account and extras", () => {
    const uri = 'otpauth://totp/Valve:dave?secret=JBSWY3DPEHPK3PXP&issuer=Valve&image=https%3A%2F%2Fx%2Fy.png&digits=8&period=60&algorithm=SHA256';
    const t = one({ uri, entry_type: 'Steam', name: 'other' }, { note: 'desk' });
    expect(t).toEqual({
      kind: 'steam',
      key: one({}).key,
      algorithm: 'SHA1',
      digits: 5,
      period: 30,
      t0: 0,
      issuer: 'Valve',
      account: 'dave',
      extras: { image: 'https://x/y.png', note: 'desk', 'proton.id': 'id-1' },
    });
    // A Totp entry with that URI keeps what the URI says.
    expect(one({ uri, entry_type: 'Totp' })).toMatchObject({ kind: 'totp', digits: 8, period: 60, algorithm: 'SHA256' });
    // A Steam entry with an HOTP URI stays HOTP: Steam Guard is time-based.
    expect(one({ uri: 'otpauth://hotp/Valve:dave?secret=JBSWY3DPEHPK3PXP&counter=3', entry_type: 'Steam' })).toMatchObject({ kind: 'hotp', counter: 3 });
  });

  test("the account is the URI's; the entry's name only stands in for a URI without one", () => {
    expect(one({ name: 'bob' }).account).toBe('alice');
    expect(one({ uri: 'otpauth://totp/?secret=JBSWY3DPEHPK3PXP&issuer=ACME', name: 'bob' })).toMatchObject({ issuer: 'ACME', account: 'bob' });
    expect(one({ uri: 'steam://JBSWY3DPEHPK3PXP', entry_type: 'Steam', name: 'dave' }).account).toBe('dave');
    expect(one({ uri: 'steam://JBSWY3DPEHPK3PXP', entry_type: 'Steam', name: '' }).account).toBeUndefined();
  });

  test('note and id are extras (note, proton.id); without them and URI extras, none', () => {
    expect(one({}, { note: 'desk', id: 'u-1' }).extras).toEqual({ note: 'desk', 'proton.id': 'u-1' });
    expect(one({}, { id: null, note: '' }).extras).toBeUndefined();
  });
});
