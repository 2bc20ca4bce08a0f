// Boundaries of `oathkit import` and `oathkit export` (src/cli/tokens.ts) and `oathkit recovery
// generate` (src/cli/recovery.ts) that mutation testing (test/MUTATION.md) found unpinned: which
// text carries a token under --secrets (URI or activation string), --key and --batch-id where they
// do not belong, PSKC encrypted with --key, the export's usage errors and skipped entries, and the
// plain output of --to uris. In-process (cli-io.ts).
import { describe, expect, test } from 'vitest';
import { base32Decode, encodeActivation, formatOtpauthUri, readPskc, type Token } from '../../src/index.ts';
import { decryptPskc } from '../../src/pskc.ts';
import { runCli } from '../../src/cli/run.ts';
import { memoryIo, run } from './cli-io.ts';

const K = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const KEY = base32Decode(K);
const URI = `otpauth://totp/A:a?secret=${K}&issuer=A`;
const AES_HEX = '12345678901234567890123456789012';

// A Google export written by hand (protobuf fields), to carry an account oathkit skips (MD5).
const varint = (n: number): number[] => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...varint(n >> 7)]);
const bytes = (field: number, content: readonly number[]) => [(field << 3) | 2, ...varint(content.length), ...content];
const num = (field: number, value: number) => [field << 3, value];
const utf8 = (text: string) => [...new TextEncoder().encode(text)];
const account = (...fields: number[][]) => bytes(1, fields.flat());
const exportUri = (...accounts: number[][]) => `otpauth-migration://offline?data=${encodeURIComponent(btoa(String.fromCharCode(...accounts.flat())))}`;
const SECRET = bytes(1, utf8('Hello!'));
const GOOD = account(SECRET, bytes(2, utf8('alice')), num(6, 2));
const MD5 = account(SECRET, bytes(2, utf8('erin')), num(4, 4), num(6, 2));

describe('import --secrets: the text that carries all of a token', () => {
  test('an otpauth URI for HOTP and TOTP, an activation string for OCRA and a TOTP t0', async () => {
    const tokens: Token[] = [
      { kind: 'totp', key: KEY, algorithm: 'SHA1', digits: 6, period: 30, account: 'plain' },
      { kind: 'hotp', key: KEY, algorithm: 'SHA1', digits: 6, counter: 3, account: 'counted' },
    ];
    for (const t of tokens) {
      const r = await run(['import', formatOtpauthUri(t), '--secrets']);
      expect(r.status).toBe(0);
      expect(r.out.trim().split('  ').at(-1)).toBe(formatOtpauthUri(t));
    }
    for (const t of [
      { kind: 'ocra', key: KEY, suite: 'OCRA-1:HOTP-SHA1-6:QN08', account: 'challenge' },
      { kind: 'totp', key: KEY, t0: 1000, account: 'late' },
    ] as const) {
      const activation = encodeActivation(t);
      const r = await run(['import', activation, '--secrets']);
      expect(r.status).toBe(0);
      expect(r.out.trim().split('  ').at(-1)).toBe(activation);
    }
  });
});

describe('export: options where they do not belong, and the usage errors', () => {
  const usage = async (args: string[], stdin = URI) => {
    const r = await run(args, { stdin });
    expect(r.status).toBe(2);
    expect(r.out).toBe('');
    return r.err;
  };
  test('--key only for --to pskc; --batch-id only for --to google; --password and --key not both', async () => {
    for (const to of ['uris', 'google', 'aegis', '2fas', 'andotp']) {
      const err = await usage(['export', '--to', to, '--key', AES_HEX, '--hex']);
      expect(err).toMatch(/^oathkit: USAGE: /);
      expect(err).toContain('--key');
      expect(err).toContain('PSKC');
    }
    for (const to of ['pskc', 'aegis', '2fas', 'andotp']) {
      const err = await usage(['export', '--to', to, '--batch-id', '7']);
      expect(err).toMatch(/^oathkit: USAGE: /);
      expect(err).toContain('--batch-id');
      expect(err).toContain('google');
    }
    const r = await run(['export', 'in.txt', '--to', 'pskc', '--password', '-', '--key', AES_HEX, '--hex'], { stdin: 'hunter2', files: { 'in.txt': URI } });
    expect(r.status).toBe(2);
    const both = r.err;
    expect(both).toMatch(/^oathkit: USAGE: /);
    expect(both).toContain('--password');
    expect(both).toContain('--key');
  });
  test('--to missing names the targets; a source of no tokens; a binary backup needs --out', async () => {
    const missing = await usage(['export']);
    expect(missing).toMatch(/^oathkit: USAGE: /);
    expect(missing).toContain('--to');
    expect(missing).toContain('required'); // missing, not a wrong value
    expect(missing).toContain('pskc, uris, google, aegis, 2fas, andotp');
    const empty = await usage(['export', '--to', 'pskc'], exportUri(MD5));
    expect(empty).toMatch(/^oathkit: USAGE: /);
    expect(empty).toContain('SOURCE');
    expect(empty).toContain('no tokens');
    const r = await run(['export', 'in.txt', '--to', 'andotp', '--password', '-'], { stdin: 'hunter2', files: { 'in.txt': URI } });
    expect(r.status).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^oathkit: USAGE: /);
    expect(r.err).toContain('binary');
    expect(r.err).toContain('--out');
  });
  test('--key KEY encrypts a PSKC container with that key, named --key when bad', async () => {
    const r = await run(['export', '--to', 'pskc', '--key', AES_HEX, '--hex'], { stdin: URI });
    expect(r.status).toBe(0);
    expect(r.out).toContain('EncryptedValue'); // encrypted, not the plain container that decryptPskc reads as well
    const read = await decryptPskc(r.out, { key: Uint8Array.from(Buffer.from(AES_HEX, 'hex')) });
    expect(read.tokens.map((t) => [t.account, Buffer.from(t.key).toString('hex')])).toEqual([['a', Buffer.from(KEY).toString('hex')]]);
    // Hex given without --hex: the hint names the option the key came in.
    const bad = await usage(['export', '--to', 'pskc', '--key', AES_HEX]);
    expect(bad).toMatch(/^oathkit: INVALID_BASE32: /);
    expect(bad).toContain('--key looks like hex');
    const short = await run(['export', '--to', 'pskc', '-k', AES_HEX, '-x'], { stdin: URI });
    expect((await decryptPskc(short.out, { key: Uint8Array.from(Buffer.from(AES_HEX, 'hex')) })).tokens).toHaveLength(1);
  });
});

describe('export: what is written', () => {
  test('--to uris writes the URIs alone, and entries that give no token are named', async () => {
    const r = await run(['export', '--to', 'uris'], { stdin: exportUri(GOOD, MD5) });
    expect(r.status).toBe(0);
    expect(r.out).toBe('otpauth://totp/alice?secret=JBSWY3DPEE\n');
    expect(r.err).toMatch(/^oathkit: skipped .*erin.*MD5/);
  });
});

describe('recovery generate: its options', () => {
  test('-n and --count, --bits, the defaults, --json', async () => {
    const plain = await run(['recovery', 'generate']);
    expect(plain.status).toBe(0);
    const [codes, set] = plain.out.trim().split('\n\n');
    expect(codes!.split('\n')).toHaveLength(10);
    expect(JSON.parse(set!)).toMatchObject({ bits: 80 });
    const two = await run(['recovery', 'generate', '-n', '2', '--bits', '160', '--json']);
    expect(two.status).toBe(0);
    const parsed = JSON.parse(two.out) as { codes: string[]; set: { bits: number } };
    expect(parsed.codes).toHaveLength(2);
    expect(parsed.set.bits).toBe(160);
    expect(parsed.codes[0]!.replaceAll('-', '')).toHaveLength(32);
    expect((await run(['recovery', 'generate', 'extra'])).status).toBe(2);
  });
});

describe('export to standard output: the file verbatim', () => {
  test('a label with U+202E, a tab and a blank line is written as is (escaping is for listings, not files)', async () => {
    const account = 'ali\u202Ece\tb\n\nc';
    const r = await run(['export', '--to', 'pskc'], { stdin: formatOtpauthUri({ kind: 'totp', key: KEY, account, issuer: 'A' }) });
    expect(r.status).toBe(0);
    expect(readPskc(r.out).tokens.map((t) => t.account)).toEqual([account]);
  });
  test('-o is --out', async () => {
    const { io, files } = memoryIo({ stdin: URI });
    const r = await runCli(['export', '--to', 'uris', '-o', 'u.txt'], io);
    expect([r.status, r.stdout]).toEqual([0, '']);
    expect(files.text('u.txt')).toMatch(/^otpauth:\/\/totp\/A:a\?/);
  });
});

describe('export --qr: one code per line of the file', () => {
  test('drawn under each URI on standard output, and drawn alone when the lines go to --out', async () => {
    const shown = await run(['export', '--to', 'uris', '--qr'], { stdin: URI });
    expect(shown.status).toBe(0);
    expect(shown.out).toContain(`${URI}\n`);
    expect(shown.out.split('\n').length).toBeGreaterThan(10);
    const files = {};
    const drawn = await run(['export', '--to', 'uris', '--qr', '--out', 'u.txt'], { stdin: URI, files });
    expect(drawn.status).toBe(0);
    expect(drawn.out).not.toContain('otpauth://');
    expect(drawn.out.split('\n').length).toBeGreaterThan(10);
  });
});
