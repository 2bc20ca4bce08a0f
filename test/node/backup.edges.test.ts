// Boundaries of readBackup and writeBackup (src/backup-plain.ts, src/_backup-format.ts,
// src/_backup-uris.ts) that mutation testing (test/MUTATION.md, slice `backup`) found unpinned:
// what a file that is not a backup is told, the input checks and caps, the byte-order mark and the
// binary check, the lines of a URI list (skipped lines, their indices and names), and what the
// URI list and Google writers refuse, name and derive.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { BACKUP_FORMATS, MAX_BACKUP_ENTRIES, MAX_BACKUP_SIZE, readBackup, WRITABLE_FORMATS, writeBackup } from '../../src/backup.ts';
import { FORMAT_NAMES } from '../../src/_backup-common.ts';
import { detectFormat, MAX_TOKEN_TEXT, OtpError, parseMigrationExport, type TokenInput } from '../../src/index.ts';
import { otpError } from './otp-error.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const enc = (s: string) => new TextEncoder().encode(s);
const key = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
const URI = 'otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME';
const ANDOTP = '[{"secret":"JBSWY3DPEHPK3PXP","issuer":"ACME","label":"alice","digits":6,"period":30,"type":"TOTP","algorithm":"SHA1"}]';

describe('reading: what the file is', () => {
  test('a file that is not a backup is INVALID_BACKUP, listing the formats read and saying what it is', () => {
    const formats = BACKUP_FORMATS.join(', ');
    const none = otpError(() => readBackup('hello, world\n'));
    expect(none.code).toBe('INVALID_BACKUP');
    expect(none.message).toContain(formats);
    expect(none.message).toContain('no format matches');
    const others: [string, string, RegExp][] = [
      ['<?xml version="1.0"?><KeyContainer xmlns="urn:ietf:params:xml:ns:keyprov:pskc" Version="1.0"/>', 'pskc', /readPskc/],
      ['JBSWY3DPEHPK3PXP', 'base32-secret', /base32 key/],
      ['10RK-4CSM-6MV3-EE1S-60RK-4', 'activation', /decodeActivation/],
      ['XUU75RROTTY5IP6U3BMV', 'mobilepass', /decodeMobilePass/],
    ];
    for (const [text, detected, says] of others) {
      expect(detectFormat(text)).toBe(detected);
      const e = otpError(() => readBackup(text));
      expect([e.code, e.message.includes(formats)]).toEqual(['INVALID_BACKUP', true]);
      expect(e.message).toMatch(says);
    }
  });

  test('an encrypted file is BACKUP_ENCRYPTED saying how it shows, also when its format is given', () => {
    const aegis = '{"version":1,"header":{"slots":[{"type":1}],"params":{}},"db":"AAAA"}';
    const twofas = '{"services":[],"schemaVersion":4,"servicesEncrypted":"a:b:c","reference":"a:b:c"}';
    const authPro = Uint8Array.from([...enc('AUTHENTICATORPRO'), ...new Uint8Array(64).fill(7)]);
    const andOtp = Uint8Array.from({ length: 80 }, (_, i) => (i * 151 + 7) & 0xff);
    const files: [string | Uint8Array, 'aegis' | '2fas' | 'authenticator-pro' | 'andotp', RegExp][] = [
      [aegis, 'aegis', /password slots/],
      [twofas, '2fas', /servicesEncrypted/],
      [authPro, 'authenticator-pro', /encrypted header/],
      [andOtp, 'andotp', /binary/],
    ];
    for (const [data, format, why] of files) {
      for (const options of [undefined, { format }]) {
        const e = otpError(() => readBackup(data, options));
        expect(e.code, `${format} ${JSON.stringify(options)}`).toBe('BACKUP_ENCRYPTED');
        expect(e.message).toContain(FORMAT_NAMES[format]);
        expect(e.message).toMatch(why);
      }
    }
  });

  test('options.format must be a format read; data must be text or bytes', () => {
    const e = otpError(() => readBackup('[]', { format: 'lastpass' as never }));
    expect(e.code).toBe('INVALID_OPTIONS');
    expect(e.message).toContain('options.format');
    expect(e.message).toContain(BACKUP_FORMATS.join(', '));
    expect(e.message).toContain('"lastpass"');
    for (const data of [42, null, ['otpauth://totp/x?secret=A'], { length: 1 }]) {
      const bad = otpError(() => readBackup(data as never));
      expect(bad.code).toBe('INVALID_BACKUP');
      expect(bad.message).toMatch(/^data must be .*string or Uint8Array/);
    }
  });

  test('the size cap: MAX_BACKUP_SIZE characters or bytes are read, one more is INPUT_TOO_LONG saying which', () => {
    expect(readBackup(' '.repeat(MAX_BACKUP_SIZE), { format: 'uris' }).tokens).toEqual([]);
    expect(readBackup(new Uint8Array(MAX_BACKUP_SIZE).fill(0x20), { format: 'uris' }).tokens).toEqual([]);
    const text = otpError(() => readBackup(' '.repeat(MAX_BACKUP_SIZE + 1), { format: 'uris' }));
    expect(text.code).toBe('INPUT_TOO_LONG');
    expect(text.message).toContain(`${MAX_BACKUP_SIZE + 1} characters`);
    expect(text.message).toContain(String(MAX_BACKUP_SIZE));
    const bytes = otpError(() => readBackup(new Uint8Array(MAX_BACKUP_SIZE + 1), { format: 'uris' }));
    expect(bytes.code).toBe('INPUT_TOO_LONG');
    expect(bytes.message).toContain(`${MAX_BACKUP_SIZE + 1} bytes`);
    expect(bytes.message).toContain(String(MAX_BACKUP_SIZE));
  });

  test('a leading byte-order mark is dropped, as text and as bytes; U+FEFF inside the file is kept', () => {
    const plain = readBackup(ANDOTP);
    for (const options of [undefined, { format: 'andotp' as const }]) {
      expect(readBackup(`\uFEFF${ANDOTP}`, options)).toEqual(plain);
      expect(readBackup(enc(`\uFEFF${ANDOTP}`), options)).toEqual(plain);
    }
    // One mark is dropped, not two: a second is the file's first character, as text and as bytes.
    const twice = `\uFEFF\uFEFF${ANDOTP}`;
    expect(otpError(() => readBackup(twice, { format: 'andotp' })).code).toBe('INVALID_BACKUP');
    expect(otpError(() => readBackup(enc(twice), { format: 'andotp' })).code).toBe('INVALID_BACKUP');
    // Inside a name it is the name's (no BOM at the start: only a leading one is taken off).
    const inner = ANDOTP.replace('"alice"', '"al\uFEFFice"');
    for (const data of [inner, enc(inner)]) expect(readBackup(data, { format: 'andotp' }).tokens[0]!.account).toBe('al\uFEFFice');
  });

  test('bytes: not UTF-8, or a NUL in the first 4 KiB, is not text; a NUL further on is only a bad line', () => {
    for (const data of [Uint8Array.from([0x6f, 0xff, 0x0a]), enc(`${URI}\n\u0000\n`)]) {
      const e = otpError(() => readBackup(data, { format: 'uris' }));
      expect(e.code).toBe('INVALID_BACKUP');
      expect(e.message).toContain(FORMAT_NAMES.uris);
      expect(e.message).toContain('UTF-8');
    }
    // The binary check looks at the first 4,096 characters only (a bounded cost): past them a NUL
    // is in a line, which is skipped as any line that is not a URI, as it is in the text.
    const text = `${URI}\n${'\n'.repeat(5000)}x\u0000\n${URI}\n`;
    const read = readBackup(enc(text), { format: 'uris' });
    expect(read).toEqual(readBackup(text, { format: 'uris' }));
    expect([read.tokens.length, read.skipped.map((s) => [s.index, s.code])]).toEqual([2, [[1, 'INVALID_URI']]]);
  });

  test('malformed JSON is INVALID_BACKUP naming the format', () => {
    for (const format of ['aegis', 'andotp', 'steam'] as const) {
      const e = otpError(() => readBackup('{"version":1,', { format }));
      expect(e.code).toBe('INVALID_BACKUP');
      expect(e.message).toMatch(new RegExp(`^${FORMAT_NAMES[format]} file: .*JSON`));
    }
  });
});

describe('reading a list of URIs', () => {
  test('lines are trimmed: indented URIs are read, lines of spaces are no entries', () => {
    const read = readBackup(`  ${URI}\t\n   \n\t${URI.replace('alice', 'bob')}  \r\n \r\n`, { format: 'uris' });
    expect(read.skipped).toEqual([]);
    expect(read.tokens.map((t) => t.account)).toEqual(['alice', 'bob']);
  });

  test('a line that is not a URI is skipped as INVALID_URI, saying which URIs a line may be, without a name', () => {
    for (const line of ['this line is not a URI', `x${URI.replace('secret=', 'secret=1')}`, `see ${URI}`, 'see otpauth-migration://offline?data=']) {
      const { tokens, skipped } = readBackup(`${URI}\n${line}\n`, { format: 'uris' });
      expect(tokens).toHaveLength(1);
      expect(skipped).toHaveLength(1);
      expect(skipped[0]).toMatchObject({ index: 1, code: 'INVALID_URI' });
      expect(skipped[0]!.reason).toMatch(/otpauth:\/\/.*otpauth-migration:\/\//);
      expect(skipped[0]!.name).toBeUndefined();
    }
  });

  test('a URI that cannot be read is skipped, named by its label (decoded where it can be, capped)', () => {
    const long = 'x'.repeat(MAX_TOKEN_TEXT + 10);
    const cases: [string, string | undefined][] = [
      ['otpauth://totp/ACME:alice?secret=1', 'ACME:alice'],
      ['OTPAUTH://TOTP/ACME%20Co:bob%40example.com?secret=1', 'ACME Co:bob@example.com'],
      ['otpauth://totp/bad%E0%A4?secret=1', 'bad%E0%A4'],
      ['otpauth://totp/100%?secret=1', '100%'],
      ['otpauth://totp/?secret=1', undefined],
      ['otpauth://totp/carol', 'carol'],
      [`otpauth://totp/${long}?secret=1`, long.slice(0, MAX_TOKEN_TEXT)],
    ];
    for (const [line, name] of cases) {
      const { skipped } = readBackup(`${URI}\n${line}\n`, { format: 'uris' });
      expect(skipped, line.slice(0, 60)).toHaveLength(1);
      expect(skipped[0]!.index).toBe(1);
      expect(skipped[0]!.name, line.slice(0, 60)).toBe(name);
    }
  });

  test('an export line that cannot be read is one skipped entry; indices count every account of the lines before', () => {
    const vectors = JSON.parse(readFileSync(join(root, 'vectors', 'backup.json'), 'utf8')) as { files: { format: string; data: string }[] };
    const google = vectors.files.find((f) => f.format === 'google')!.data;
    const before = readBackup(google);
    // The vector: two export lines, 3 accounts read and the fourth skipped (index 3).
    expect([before.tokens.length, before.skipped.map((s) => s.index)]).toEqual([3, [3]]);
    const broken = 'otpauth-migration://offline?data=%%%';
    const { tokens, skipped } = readBackup(`${google}${broken}\n${broken}\nnot a URI\n${URI}\n`, { format: 'google' });
    expect(tokens).toHaveLength(4);
    expect(skipped.map((s) => [s.index, s.code])).toEqual([
      [3, 'INVALID_ALGORITHM'],
      [4, 'INVALID_URI'],
      [5, 'INVALID_URI'],
      [6, 'INVALID_URI'],
    ]);
    expect(skipped[1]!.reason).toMatch(/export line/);
    expect(skipped[1]!.name).toBeUndefined();
  });
});

describe('writing', () => {
  test('format must be a writable format', () => {
    const e = otpError(() => writeBackup([], 'bitwarden-json' as never));
    expect(e.code).toBe('INVALID_OPTIONS');
    expect(e.message).toMatch(/^format must be one of/);
    expect(e.message).toContain(WRITABLE_FORMATS.join(', '));
    expect(e.message).toContain('"bitwarden-json"');
  });

  const ocra: TokenInput = { kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA1-6:QN08', account: 'ocra' };
  const fine: TokenInput = { kind: 'totp', key, account: 'fine' };

  test('URI lists and Google exports refuse OCRA as BACKUP_UNSUPPORTED, naming the token and the format', () => {
    for (const format of ['uris', 'google'] as const) {
      const e = otpError(() => writeBackup([fine, ocra], format));
      expect(e.code).toBe('BACKUP_UNSUPPORTED');
      expect(e.message).toMatch(/^tokens\[1\] \("ocra"\): an OCRA token/);
      expect(e.message).toContain(FORMAT_NAMES[format]);
    }
  });

  test('a URI list: the first token it cannot carry is the one refused', () => {
    const late: TokenInput = { kind: 'totp', key, t0: 30, account: 'late' };
    const e = otpError(() => writeBackup([fine, late, ocra], 'uris'));
    expect(e.code).toBe('INVALID_T0');
    expect(e.message).toMatch(/^tokens\[1\] \("late"\): t0 = 30\b/);
    expect(e.message).toContain(FORMAT_NAMES.uris);
    const first = otpError(() => writeBackup([ocra, late], 'uris'));
    expect([first.code, first.message.startsWith('tokens[0]')]).toEqual(['BACKUP_UNSUPPORTED', true]);
  });

  test('a URI list carries what the app formats refuse: SHA-224/384, counters past 2^63-1 (HOTP too)', () => {
    // HOTP tokens were refused these: writeUris took their absent t0 for t0 ≠ 0.
    const tokens: TokenInput[] = [
      { kind: 'totp', key, algorithm: 'SHA224', account: 'a' },
      { kind: 'hotp', key, algorithm: 'SHA384', account: 'b' },
      { kind: 'hotp', key, counter: 2n ** 64n - 1n, account: 'c' },
    ];
    const back = readBackup(writeBackup(tokens, 'uris')).tokens;
    expect(back.map((t) => [t.kind, t.algorithm, t.counter])).toEqual([
      ['totp', 'SHA224', undefined],
      ['hotp', 'SHA384', 0],
      ['hotp', 'SHA1', 2n ** 64n - 1n],
    ]);
  });

  test("a URI the codec refuses keeps its code, the message naming the token, the codec's error its cause", () => {
    const e = otpError(() => writeBackup([fine, { kind: 'totp', key, account: 'bad', extras: { secret: 'x' } }], 'uris'));
    expect(e.code).toBe('INVALID_URI');
    expect(e.message).toMatch(/^tokens\[1\] \("bad"\): .*secret/);
    expect(e.cause).toBeInstanceOf(OtpError);
    expect((e.cause as OtpError).code).toBe('INVALID_URI');
  });

  test('too many tokens: INPUT_TOO_LONG naming the format', () => {
    const many = Array<TokenInput>(MAX_BACKUP_ENTRIES + 1).fill(fine);
    for (const format of ['uris', 'google'] as const) {
      const e = otpError(() => writeBackup(many, format));
      expect(e.code).toBe('INPUT_TOO_LONG');
      expect(e.message).toContain(FORMAT_NAMES[format]);
    }
  });

  test('Google: options.batchId is an int32, written in every URI; maxTokens and maxLength split the export', () => {
    const tokens: TokenInput[] = Array.from({ length: 3 }, (_, i) => ({ kind: 'totp', key, issuer: 'ACME', account: `${'user'.repeat(3)}${i}@example.com` }));
    const ids = (text: string) =>
      text
        .trimEnd()
        .split('\n')
        .map((l) => parseMigrationExport(l).batchId);
    for (const batchId of [-(2 ** 31), -1, 0, 2 ** 31 - 1]) expect(ids(writeBackup(tokens, 'google', { batchId, maxTokens: 2 }))).toEqual([batchId, batchId]);
    for (const batchId of [2 ** 31, -(2 ** 31) - 1, 1.5, Number.NaN, '7']) {
      for (const list of [tokens, []]) {
        const e = otpError(() => writeBackup(list, 'google', { batchId: batchId as number }));
        expect(e.code).toBe('INVALID_OPTIONS');
        expect(e.message).toMatch(/^options\.batchId must be an int32/);
      }
    }
    expect(ids(writeBackup(tokens, 'google', { maxTokens: 1 }))).toHaveLength(3);
    expect(ids(writeBackup(tokens, 'google'))).toHaveLength(1);
    expect(ids(writeBackup(tokens, 'google', { maxLength: 200 }))).toHaveLength(3);
  });

  test('Google: the default batch id is derived from the keys, a key from another realm as from this one', () => {
    const one = (k: Uint8Array) => parseMigrationExport(writeBackup([{ kind: 'totp', key: k }], 'google').trimEnd()).batchId;
    const foreign = runInNewContext('new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef])') as Uint8Array;
    expect(foreign instanceof Uint8Array).toBe(false);
    expect(one(foreign)).toBe(one(key));
    expect(one(key)).not.toBe(one(key.map((b) => b ^ 1)));
  });

  test('a token that is null is INVALID_TOKEN naming its index, in every format (it was a TypeError)', () => {
    for (const format of WRITABLE_FORMATS) {
      const e = otpError(() => writeBackup([fine, null as never], format));
      expect(e.code).toBe('INVALID_TOKEN');
      expect(e.message).toMatch(/^tokens\[1\]: /);
    }
  });
});
