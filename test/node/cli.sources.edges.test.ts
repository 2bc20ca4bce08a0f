// Boundaries of SOURCE (src/cli/_sources.ts) that mutation testing (test/MUTATION.md) found
// unpinned: text or a file path (and which errors of the file system make a text text after all),
// every text format from an argument, a file and standard input alike, the lines of a URI list or a
// Google export (blank lines, their numbers, skipped accounts), --format, --password and --key where
// they do not belong, and the messages of encrypted containers and backups. In-process (cli-io.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { encryptBackup } from '../../src/backup.ts';
import { Context, UsageError } from '../../src/cli/_io.ts';
import { runCli } from '../../src/cli/run.ts';
import { readSource } from '../../src/cli/_sources.ts';
import { base32Decode, encodeActivation, formatMigrationUri, OtpError, type Token } from '../../src/index.ts';
import { memoryIo, root, run } from './cli-io.ts';

const K = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const KEY = base32Decode(K);
const figure = (n: number) => readFileSync(join(root, 'vectors', 'rfc6030', `figure${n}.pskcxml`), 'utf8');
const URI_A = `otpauth://totp/A:a?secret=${K}`;
const URI_B = 'otpauth://hotp/B:b?secret=JBSWY3DPEHPK3PXP&counter=3';
const LISTING_AB = 'totp SHA1 6 digits, period 30, A:a\nhotp SHA1 6 digits, counter 3, B:b\n';

/** The error readSource rejects with (the test fails if it resolves). */
async function sourceError(source: string | undefined, values: Record<string, string | boolean | undefined>, files: Record<string, string | Uint8Array> = {}) {
  const { io } = memoryIo({ files });
  return readSource(source, values, new Context(io)).then(
    () => expect.fail('readSource resolved'),
    (e: unknown) => e,
  );
}

/** runCli on an Io whose readFile fails with the errno `code` for every path. */
async function withFailingFiles(args: string[], code: string) {
  const { io } = memoryIo();
  io.readFile = () => {
    throw Object.assign(new Error(code), { code });
  };
  const r = await runCli(args, io);
  return { status: r.status, out: r.stdout, err: r.stderr };
}

// Google export payloads by hand (account fields 1 secret, 2 name, 3 issuer, 4 algorithm, 6 type;
// vectors/cross/migration.py): MD5 (algorithm 4) is an account the export skips.
const varint = (n: number) => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, n >> 7]);
const bytes = (field: number, content: readonly number[]) => [(field << 3) | 2, ...varint(content.length), ...content];
const num = (field: number, value: number) => [field << 3, value];
const utf8 = (text: string) => [...new TextEncoder().encode(text)];
const account = (...fields: number[][]) => bytes(1, fields.flat());
const exportUri = (...accounts: number[][]) => `otpauth-migration://offline?data=${encodeURIComponent(btoa(String.fromCharCode(...accounts.flat())))}`;

describe('SOURCE: text, or a file', () => {
  test('no SOURCE at all is misuse, named', async () => {
    const e = await sourceError(undefined, {});
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message).toMatch(/^SOURCE is missing/);
  });

  test('a name that is no file is read as text unless it looks like a path (a slash or backslash, an extension at its end)', async () => {
    for (const text of ['ab.cdef1', 'x.y', 'notes.txt1', 'abc']) {
      expect((await run(['import', text])).err, text).toMatch(/^oathkit: INVALID_ACTIVATION: /);
    }
    for (const path of ['ab.cdef', 'a.JSON', 'a/b', 'a\\b']) {
      expect((await run(['import', path])).err, path).toBe(`oathkit: USAGE: SOURCE ${JSON.stringify(path)} cannot be read (no such file)\n`);
    }
  });

  test('a name too long to be a file is text; any other failure to read it is said as it is', async () => {
    const long = 'A'.repeat(300);
    expect((await withFailingFiles(['import', long], 'ENAMETOOLONG')).err).toMatch(/^oathkit: ACTIVATION_CHECKSUM: /);
    expect(await withFailingFiles(['import', 'tokens'], 'EACCES')).toEqual({
      status: 2,
      out: '',
      err: 'oathkit: USAGE: SOURCE "tokens" cannot be read (EACCES)\n',
    });
  });

  test('every text format reads the same given as SOURCE, in a file and on standard input', async () => {
    const hotp: Token = { kind: 'hotp', key: KEY, algorithm: 'SHA256', digits: 8, counter: 9, issuer: 'ACME', serial: 'S1' };
    const texts: [string, string][] = [
      [URI_A, 'totp SHA1 6 digits, period 30, A:a\n'],
      [`${URI_A}\n${URI_B}\n`, LISTING_AB],
      [formatMigrationUri([{ kind: 'totp', key: KEY, account: 'a', issuer: 'A' }]), 'totp SHA1 6 digits, period 30, A:a\n'],
      [encodeActivation(hotp), 'hotp SHA256 8 digits, counter 9, ACME:S1\n'],
      ['XUU75-RROTT-Y5IP6-U3BMV', 'hotp SHA256 6 digits, counter 0, (no label)\n'], // a MobilePASS code (vectors/mobilepass.json)
    ];
    for (const [text, listing] of texts) {
      const want = { status: 0, out: listing, err: '' };
      if (!text.includes('\n')) expect(await run(['import', text]), text).toEqual(want);
      expect(await run(['import', 'tokens'], { files: { tokens: text } }), text).toEqual(want);
      expect(await run(['import', '-'], { stdin: text }), text).toEqual(want);
    }
  });

  test('a byte-order mark and white space around the text are not part of it', async () => {
    expect(await run(['import', `\uFEFF ${URI_A} \n`])).toEqual({ status: 0, out: 'totp SHA1 6 digits, period 30, A:a\n', err: '' });
    expect(await run(['import', 'f'], { files: { f: `\uFEFF\n ${URI_A}\n` } })).toEqual({ status: 0, out: 'totp SHA1 6 digits, period 30, A:a\n', err: '' });
  });

  test('bytes that are not UTF-8 go to the backup reader (an encrypted andOTP or Authenticator Pro file), never the text decoders', async () => {
    const binary = new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x81, 0xc3, 0x28, 0x00, 0x01, 0x02]);
    expect((await run(['import', 'blob'], { files: { blob: binary } })).err).toMatch(/^oathkit: INVALID_BACKUP: /);
    expect((await run(['import', '-'], { stdin: binary })).err).toMatch(/^oathkit: INVALID_BACKUP: /);
  });

  test('a container or a stream after blank lines and spaces, or with a byte-order mark, reads the same', async () => {
    const stream = (await run(['import', URI_A, '--jsonl', '--secrets'])).out;
    expect(await run(['import', `\uFEFF  ${stream}`])).toEqual({ status: 0, out: 'totp SHA1 6 digits, period 30, A:a\n', err: '' });
    for (const file of [`\n\n  ${figure(5)}  \n`, `\uFEFF${figure(5)}`]) {
      expect((await run(['import', 'f.xml'], { files: { 'f.xml': file } })).out).toBe('hotp SHA1 8 digits, counter 0, Issuer:987654321\n');
    }
  });

  test('a file holding a bare base32 key gets the text decoder’s message, which says what it is', async () => {
    expect((await run(['import', 'key.txt'], { files: { 'key.txt': 'JBSWY3DPEHPK3PXP\n' } })).err).toMatch(/^oathkit: INVALID_ACTIVATION: .*bare base32 key/);
  });
});

describe('lines of a URI list or a Google export', () => {
  test('blank and indented lines, CRLF: each URI once; a bad line is named by its number in the file', async () => {
    const files = { list: `\n  ${URI_A}  \r\n\r\n\t${URI_B}\n\n` };
    expect(await run(['import', 'list'], { files })).toEqual({ status: 0, out: LISTING_AB, err: '' });
    const bad = await run(['import', 'list'], { files: { list: `${URI_A}\n\n   \notpauth://totp/x?secret=not*base32\n` } });
    expect(bad.err).toMatch(/^oathkit: INVALID_BASE32: line 4: /);
  });

  test('Google exports one a line, blank lines between; skipped accounts named by URI, account and label', async () => {
    const secret = bytes(1, utf8('Hello!'));
    const good = exportUri(account(secret, bytes(2, utf8('alice')), bytes(3, utf8('ACME')), num(6, 2)));
    const skipping = exportUri(
      account(secret, bytes(2, utf8('carol')), num(6, 2)),
      account(secret, bytes(2, utf8('dave')), bytes(3, utf8('Corp')), num(4, 4), num(6, 2)),
      account(secret, bytes(2, utf8('erin')), num(4, 4), num(6, 2)),
    );
    const r = await run(['import', 'g'], { files: { g: `${good}\n\n  ${skipping}  \n` } });
    expect(r.status).toBe(0);
    expect(r.out).toBe('totp SHA1 6 digits, period 30, ACME:alice\ntotp SHA1 6 digits, period 30, carol\n');
    const err = r.err.split('\n');
    expect(err[0]).toMatch(/^oathkit: skipped export URI 2, account 2 \(Corp:dave\): .*MD5/);
    expect(err[1]).toMatch(/^oathkit: skipped export URI 2, account 3 \(erin\): .*MD5/);
    expect(err).toHaveLength(3);
    const broken = await run(['import', 'g'], { files: { g: `${good}\n\n${good.slice(0, -8)}!!\n` } });
    expect(broken.err).toMatch(/^oathkit: INVALID_BASE64: line 3: /);
  });

  test('a URI list has nothing to skip: standard error stays empty', async () => {
    const { io } = memoryIo({ files: { list: `${URI_A}\n${URI_B}\n` } });
    expect((await readSource('list', {}, new Context(io))).skipped).toEqual([]);
  });
});

describe('--format: the backup reader, undetected', () => {
  test('reads SOURCE (a file or -) as that format: a URI list read as a backup skips a bad line instead of refusing the file', async () => {
    const text = `${URI_A}\notpauth://totp/B:b?secret=not*b32\n`;
    const want = { status: 0, out: 'totp SHA1 6 digits, period 30, A:a\n', err: expect.stringMatching(/^oathkit: skipped entry 2 \(B:b\): invalid base32 /) };
    expect(await run(['import', 'f', '--format', 'uris'], { files: { f: text } })).toEqual(want);
    expect(await run(['import', '-', '--format', 'uris'], { stdin: text })).toEqual(want);
    expect((await run(['import', 'f'], { files: { f: text } })).err).toMatch(/^oathkit: INVALID_BASE32: line 2: /);
  });

  test('the format given makes the error precise', async () => {
    const r = await run(['import', 'notes.txt', '--format', 'aegis'], { files: { 'notes.txt': 'hello\n' } });
    expect(r.err).toMatch(/^oathkit: INVALID_BACKUP: Aegis /);
  });

  test('a file that cannot be read, and standard input asked for twice, are named', async () => {
    expect((await run(['import', 'missing.json', '--format', 'aegis'])).err).toBe('oathkit: USAGE: SOURCE "missing.json" cannot be read (no such file)\n');
    expect((await run(['import', '-', '--format', 'aegis', '--password', '-'], { stdin: '{}' })).err).toMatch(
      /^oathkit: USAGE: only one argument can be read from standard input \(SOURCE already was, so --password cannot\)/,
    );
  });
});

describe('--password and --key where they belong', () => {
  test('plain text takes neither', async () => {
    for (const extra of [
      ['--key', '3132'],
      ['--password', '-'],
    ]) {
      const r = await run(['import', URI_A, ...extra], { stdin: 'pw' });
      expect([r.status, r.out], extra.join(' ')).toEqual([2, '']);
      expect(r.err).toMatch(/^oathkit: USAGE: --password and --key are for encrypted files/);
    }
  });

  test('a PSKC container takes one of them, and its --key is named as --key', async () => {
    const files = { 'fig6.xml': figure(6) };
    const both = await run(['import', 'fig6.xml', '--password', '-', '--key', '12345678901234567890123456789012', '--hex'], { files, stdin: 'pw' });
    expect(both.err).toBe('oathkit: USAGE: give --password or --key, not both\n');
    const unhexed = await run(['import', 'fig6.xml', '--key', '12345678901234567890123456789012'], { files });
    expect(unhexed.err).toMatch(/^oathkit: INVALID_BASE32: .*\(--key looks like hex: add --hex\)/);
    expect((await run(['import', '-', '--key', '-', '--hex'], { stdin: figure(6) })).err).toMatch(/\(SOURCE already was, so --key cannot\)/);
  });

  test('an app backup takes --password only', async () => {
    const aegis = (await run(['export', URI_A, '--to', 'aegis'])).out;
    const r = await run(['import', 'vault.json', '--key', '3132', '--hex'], { files: { 'vault.json': aegis } });
    expect([r.status, r.out]).toEqual([2, '']);
    expect(r.err).toMatch(/^oathkit: USAGE: --key is for PSKC containers; an app backup takes --password -/);
  });
});

describe('encrypted sources without their secret', () => {
  test('a PSKC container: the library’s advice is replaced by the options, its error kept as the cause', async () => {
    const e = await sourceError('fig6.xml', {}, { 'fig6.xml': figure(6) });
    expect(e).toBeInstanceOf(OtpError);
    expect((e as OtpError).code).toBe('PSKC_ENCRYPTED');
    expect((e as OtpError).message).toMatch(
      /^the PSKC container is encrypted .*: give --password - \(the password on standard input\) or --key KEY --hex \(the AES key\)$/,
    );
    expect((e as OtpError).message).not.toContain('decryptPskc');
    expect((e as OtpError).cause).toBeInstanceOf(OtpError);
    expect(((e as OtpError).cause as OtpError).message).toContain('decryptPskc');
  });

  test('an app backup likewise', async () => {
    const file = await encryptBackup([{ kind: 'totp', key: KEY, account: 'a' }], '2fas', 'correct horse');
    const e = await sourceError('backup.2fas', {}, { 'backup.2fas': file });
    expect((e as OtpError).code).toBe('BACKUP_ENCRYPTED');
    expect((e as OtpError).message).toMatch(/^the 2FAS backup is encrypted .*: give --password - \(the password on standard input\)$/);
    const cause = (e as OtpError).cause as OtpError;
    expect(cause.message).toContain(': read it with decryptBackup');
    expect((e as OtpError).message).toBe(`${cause.message.split(': read it with')[0]}: give --password - (the password on standard input)`);
  });
});

describe('skipped entries', () => {
  test('a PSKC KeyPackage: its number, and its serial when it has one', async () => {
    const lines = figure(5).split('\n');
    const noSerial = lines.filter((l, i) => !(i > 35 && l.includes('<SerialNo>'))).join('\n');
    expect((await run(['import', 'f.xml'], { files: { 'f.xml': noSerial } })).err).toBe(
      'oathkit: skipped KeyPackage 2: the key is a PIN (urn:ietf:params:xml:ns:keyprov:pskc:pin), not an OTP key\n',
    );
    expect((await run(['import', 'f.xml'], { files: { 'f.xml': figure(5) } })).err).toMatch(/^oathkit: skipped KeyPackage 2 \(serial 987654321\): /);
  });

  test('an app backup entry: its number, and its name when it has one', async () => {
    const entry = (name: string, issuer: string, type: string) =>
      `{"type":"${type}","name":"${name}","issuer":"${issuer}","icon":null,"info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":6,"period":30}}`;
    const vault = `{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[${[
      entry('alice', 'ACME', 'totp'),
      entry('bob', 'Old VPN', 'motp'),
      entry('', '', 'yandex'),
    ].join(',')}],"groups":[]}}`;
    const r = await run(['import', 'vault.json'], { files: { 'vault.json': vault } });
    expect(r.out).toBe('totp SHA1 6 digits, period 30, ACME:alice\n');
    const err = r.err.split('\n');
    expect(err[0]).toMatch(/^oathkit: skipped entry 2 \(Old VPN: bob\): \S/);
    expect(err[1]).toMatch(/^oathkit: skipped entry 3: \S/);
    expect(err).toHaveLength(3);
  });
});
