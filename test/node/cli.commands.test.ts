// Every command of the command line in-process, through its pure function (runCli with standard
// input, files and the clock in memory; a few direct calls of command.run): the one parser, KEY in
// its place or as --key, the clock as a parameter, code/import/export over every source, the token
// stream and its safety, recovery codes, keygen --account, QR codes (read back by zbarimg and jsQR)
// and app backups plain and encrypted. Nothing here starts a process but the QR decoders.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parseOptions } from '../../src/cli/_args.ts';
import { Context } from '../../src/cli/_io.ts';
import { COMMANDS } from '../../src/cli/commands.ts';
import { hotp as hotpCommand } from '../../src/cli/otp.ts';
import { isTokenStream, readTokenStream } from '../../src/cli/_text.ts';
import {
  base32Decode,
  encodeActivation,
  formatOtpauthUri,
  hotp,
  ocra,
  OtpError,
  parseMigrationUri,
  readPskc,
  totp,
  useRecoveryCode,
  type Token,
} from '../../src/index.ts';
import { BACKUP_FORMATS, decryptBackup, readBackup } from '../../src/backup.ts';
import { detectFormat, qrMatrix, qrSvg, qrText } from '../../src/index.ts';
import { memoryIo, MemoryFiles, pipeline, root, run, shellWords } from './cli-io.ts';
import { jsqrBytes, png, rasterOf, rasterOfText, SEPARATOR, tempDir, zbarBytes } from './qr-image.ts';

const K = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 4226's key, base32
const KEY = base32Decode(K);
const HEX20 = '3132333435363738393031323334353637383930';
const NOW = 1_700_000_000_000;
const figure = (n: number) => readFileSync(join(root, 'vectors', 'rfc6030', `figure${n}.pskcxml`), 'utf8');
const lines = (text: string) => text.split('\n').filter((l) => l !== '');
/** Characters a terminal acts on (as the CLI escapes them). */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;
/** A label with a line break, ESC [2J and U+202E: forged lines, a cleared terminal, reversed text. */
const EVIL = 'otpauth://totp/alice%E2%80%AEmoc.knab?secret=JBSWY3DPEHPK3PXP&issuer=Evil%0AForged%1B%5B2J';

describe('the one parser', () => {
  const where = { name: 'x', usage: 'oathkit x' };
  const options = { counter: { type: 'string', short: 'c' }, hex: { type: 'boolean', short: 'x' }, steam: { type: 'boolean' } } as const;
  test('long and short forms, inline values, grouped flags, -- and - as positionals', () => {
    expect(parseOptions(['a', '--counter', '5', 'b'], options, where)).toEqual({ values: { counter: '5' }, positionals: ['a', 'b'] });
    expect(parseOptions(['--counter=-1', '-x'], options, where)).toEqual({ values: { counter: '-1', hex: true }, positionals: [] });
    expect(parseOptions(['-c7', '-'], options, where)).toEqual({ values: { counter: '7' }, positionals: ['-'] });
    expect(parseOptions(['-xc', '9'], options, where)).toEqual({ values: { hex: true, counter: '9' }, positionals: [] });
    expect(parseOptions(['--', '--counter', '-x'], options, where)).toEqual({ values: {}, positionals: ['--counter', '-x'] });
  });
  test('misuse, each one line naming the option', () => {
    const usage = (argv: string[]) => {
      try {
        parseOptions(argv, options, where);
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(usage(['--frob'])).toBe('unknown option --frob for oathkit x; usage: oathkit x');
    expect(usage(['-q'])).toBe('unknown option -q for oathkit x; usage: oathkit x');
    expect(usage(['--counter'])).toBe('--counter needs a value; usage: oathkit x');
    expect(usage(['--counter', '-5'])).toMatch(/^--counter needs a value; a value that starts with '-' is written --counter=-1 \(one word\)/);
    expect(usage(['--steam=yes'])).toMatch(/^--steam takes no value/);
    expect(usage(['-c', '1', '--counter', '2'])).toMatch(/^--counter is given twice/);
    expect(usage(['--__proto__'])).toMatch(/^unknown option --__proto__/);
    expect(usage(['--' + 'a'.repeat(500)]).length).toBeLessThan(120); // an argument is never echoed at length
  });
});

describe('KEY: in its place or as --key, the same in every command', () => {
  test('every command that takes a key takes both forms, with the same answer', async () => {
    const pairs: [string[], string[]][] = [
      [
        ['hotp', K, '--counter', '1'],
        ['hotp', '--key', K, '--counter', '1'],
      ],
      [
        ['totp', K, '--time', '59'],
        ['totp', '-k', K, '--time', '59'],
      ],
      [
        ['verify', 'hotp', K, '287082', '--counter', '0', '--window', '1'],
        ['verify', 'hotp', '--key', K, '287082', '--counter', '0', '--window', '1'],
      ],
      [
        ['verify', 'totp', K, '287082', '--time', '59'],
        ['verify', 'totp', '287082', '--key', K, '--time', '59'],
      ],
      [
        ['resync', K, '399871', '520489', '--counter', '0'],
        ['resync', '--key', K, '399871', '520489', '--counter', '0'],
      ],
      [
        ['ocra', HEX20, '--hex', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08', '--challenge', '00000000'],
        ['ocra', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08', '--key', HEX20, '--hex', '--challenge', '00000000'],
      ],
      [
        ['uri', 'make', K, '--account', 'alice'],
        ['uri', 'make', '--key', K, '--account', 'alice'],
      ],
      [
        ['activation', 'encode', K, '--kind', 'hotp'],
        ['activation', 'encode', '--key', K, '--kind', 'hotp'],
      ],
    ];
    for (const [place, option] of pairs) {
      const a = await run(place);
      expect(a.status, place.join(' ')).toBe(0);
      expect(a.out).not.toBe('');
      expect(await run(option), option.join(' ')).toEqual(a);
    }
    expect((await run(['ocra', HEX20, '--hex', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08', '--challenge', '00000000'])).out).toBe('237653\n');
  });
  test('given twice, or missing, is misuse', async () => {
    expect((await run(['hotp', K, '--key', K, '--counter', '0'])).err).toMatch(/^oathkit: USAGE: KEY is given twice, in its place and as --key/);
    expect((await run(['verify', 'totp', K, '123456', '--key', K])).err).toMatch(/^oathkit: USAGE: KEY is given twice/);
    expect((await run(['ocra', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08', '--challenge', '0'])).err).toBe('oathkit: USAGE: KEY is missing\n');
    expect((await run(['uri', 'make', '--account', 'a'])).err).toBe('oathkit: USAGE: KEY is missing\n');
  });
  test('hex given as base32 is said to be hex; --hex and --base64 together are misuse', async () => {
    expect((await run(['totp', HEX20])).err).toMatch(/^oathkit: INVALID_BASE32: .*\(KEY looks like hex: add --hex\)\n$/);
    expect((await run(['totp', 'JBSWY3DPEHPK3PXP', '--hex', '--base64'])).err).toBe('oathkit: USAGE: give --hex or --base64, not both\n');
    expect((await run(['totp', 'MTIzNDU2Nzg5MDEyMzQ1Njc4OTA=', '--base64', '--time', '59'])).out).toBe(`${totp(KEY, { now: 59_000 })}\n`);
  });
  test('from standard input with -, once per run', async () => {
    expect(await run(['hotp', '-', '--counter', '1'], { stdin: `${K}\n` })).toEqual({ status: 0, out: '287082\n', err: '' });
    expect((await run(['ocra', '-', '--hex', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08-PSHA1', '--challenge', '1', '--pin', '-'], { stdin: HEX20 })).err).toBe(
      'oathkit: USAGE: only one argument can be read from standard input (KEY already was, so --pin cannot)\n',
    );
    expect((await run(['totp', '-'], { stdin: new Uint8Array([0xff, 0xfe, 0x41]) })).err).toBe('oathkit: USAGE: KEY from standard input is not UTF-8 text\n');
    expect((await run(['totp', '-'], { stdin: Object.assign(new Error('x'), { code: 'EISDIR' }) })).err).toMatch(
      /^oathkit: USAGE: KEY is - but standard input cannot be read \(it is a directory\)/,
    );
  });
});

describe('the clock is a parameter', () => {
  test('totp, verify totp and code use the clock they are given, --time overrides it', async () => {
    const now = 1_111_111_109_000;
    const expected = totp(KEY, { now });
    expect((await run(['totp', K], { now })).out).toBe(`${expected}\n`);
    expect((await run(['verify', 'totp', K, expected], { now })).out).toBe(`delta 0, step ${Math.floor(now / 30_000)}\n`);
    expect((await run(['code', `otpauth://totp/a?secret=${K}`], { now })).out).toBe(`${expected}\n`);
    expect((await run(['totp', K, '--time', '59'], { now })).out).toBe('287082\n');
    expect((await run(['ocra', HEX20, '--hex', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08-T1M', '--challenge', '00000000'], { now })).out).toBe(
      `${ocra('OCRA-1:HOTP-SHA1-6:QN08-T1M', new TextEncoder().encode('12345678901234567890'), { challenge: '00000000', now })}\n`,
    );
  });
  test('the window is one loop for every kind: HOTP counters, TOTP and Steam steps around now', async () => {
    expect((await run(['hotp', K, '--counter', '18446744073709551614', '--window', '5'])).out).toBe(
      `${hotp(KEY, 2n ** 64n - 2n)}\n${hotp(KEY, 2n ** 64n - 1n)}\n`, // none past 2^64-1
    );
    const around = lines((await run(['totp', K, '--window', '2'], { now: NOW })).out);
    const step = Math.floor(NOW / 30_000);
    expect(around).toEqual([-2, -1, 0, 1, 2].map((d) => hotp(KEY, step + d)));
    expect(lines((await run(['totp', K, '--steam', '--window', '1'], { now: NOW })).out)).toHaveLength(3);
    expect((await run(['totp', K, '--window', '100001'])).err).toBe('oathkit: USAGE: --window must be 0 … 100000\n');
    expect((await run(['totp', K, '--digits', '5'])).err).toBe('oathkit: INVALID_DIGITS: --digits must be an integer from 6 to 10, got 5\n'); // the option named, not token.digits
  });
  test('a command is a pure function: the same arguments and Io give the same result, called directly', async () => {
    const parsed = { key: K, args: [], values: { counter: '0', window: '2' } };
    const a = await hotpCommand.run(parsed, new Context(memoryIo().io));
    expect(a).toEqual({ stdout: '755224\n287082\n359152\n', stderr: '', status: 0 });
    expect(await hotpCommand.run(parsed, new Context(memoryIo().io))).toEqual(a);
  });
});

describe('code SOURCE', () => {
  test('one token: its code alone; several: a line each, labels escaped; HOTP at its counter', async () => {
    expect(await run(['code', `otpauth://hotp/x?secret=${K}&counter=1`])).toEqual({ status: 0, out: '287082\n', err: '' });
    const two = ['otpauth://totp/A:a?secret=JBSWY3DPEHPK3PXP', EVIL].join('\n');
    const r = await run(['code', 'uris.txt', '--time', '59'], { files: { 'uris.txt': two } });
    expect(r.status).toBe(0);
    expect(r.out).not.toMatch(RAW);
    expect(lines(r.out)).toHaveLength(2);
    expect(lines(r.out)[1]).toMatch(/^\d{6} {2}totp SHA1 6 digits, period 30, Evil\\x0AForged\\x1B\[2J:alice\\u202Emoc\.knab$/);
  });
  test('OCRA answers a challenge; --time is for time-based tokens', async () => {
    const ocraToken = encodeActivation({ kind: 'ocra', key: KEY, suite: 'OCRA-1:HOTP-SHA1-6:QN08' });
    expect((await run(['code', ocraToken])).err).toMatch(/^oathkit: USAGE: an OCRA token answers a challenge: use oathkit ocra/);
    expect((await run(['code', `otpauth://hotp/x?secret=${K}&counter=1`, '--time', '59'])).err).toMatch(/^oathkit: USAGE: --time is for time-based tokens/);
    // In a list, an OCRA token is named on standard error and the others still get their codes.
    const stream = [ocraToken, `otpauth://totp/a?secret=${K}`].map((t) => run(['import', t, '--jsonl', '--secrets']));
    const text = (await Promise.all(stream)).map((r) => r.out).join('');
    const r = await run(['code', '-', '--time', '59'], { stdin: text });
    expect(r).toEqual({
      status: 0,
      out: '287082  totp SHA1 6 digits, period 30, a\n',
      err: 'oathkit: token 1 is an OCRA token: it answers a challenge (use oathkit ocra)\n',
    });
  });
});

describe('import SOURCE', () => {
  test('text formats, files of them, PSKC plain and encrypted, with skipped entries on standard error', async () => {
    const files = { 'fig5.xml': figure(5), 'fig6.xml': figure(6), 'fig7.xml': figure(7), 'fig10.xml': figure(10) };
    expect(await run(['import', 'fig5.xml'], { files })).toEqual({
      status: 0,
      out: 'hotp SHA1 8 digits, counter 0, Issuer:987654321\n',
      err: 'oathkit: skipped KeyPackage 2 (serial 987654321): the key is a PIN (urn:ietf:params:xml:ns:keyprov:pskc:pin), not an OTP key\n',
    });
    expect(lines((await run(['import', 'fig10.xml'], { files })).out)).toHaveLength(4);
    const encrypted = await run(['import', 'fig6.xml'], { files });
    expect(encrypted.err).toMatch(/^oathkit: PSKC_ENCRYPTED: .*: give --password - \(the password on standard input\) or --key KEY --hex/);
    const withKey = await run(['import', 'fig6.xml', '--key', '12345678901234567890123456789012', '--hex', '--secrets'], { files });
    expect(withKey.out).toMatch(/^hotp SHA1 8 digits, counter 0, Issuer:987654321 {2}otpauth:\/\/hotp\/Issuer:\?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&/);
    expect(await run(['import', 'fig7.xml', '--password', '-'], { files, stdin: 'qwerty\n' })).toEqual({
      status: 0,
      out: 'hotp SHA1 8 digits, counter 0, Example-Issuer:987654321\n',
      err: '',
    });
    expect((await run(['import', 'fig7.xml', '--password', '-'], { files, stdin: 'wrong' })).err).toMatch(/^oathkit: PSKC_KEY: /);
  });
  test('passwords only from standard input, never a prompt, never argv; not for plain text', async () => {
    const files = { 'fig7.xml': figure(7) };
    const { io, stdinReads } = memoryIo({ files });
    const { runCli } = await import('../../src/cli/run.ts');
    expect((await runCli(['import', 'fig7.xml', '--password', 'qwerty'], io)).stderr).toMatch(/^oathkit: USAGE: --password takes only -/);
    expect(stdinReads()).toBe(0);
    expect((await run(['import', 'fig7.xml', '--password', '-'], { files, stdin: '' })).err).toBe('oathkit: USAGE: --password -: standard input is empty\n');
    expect((await run(['import', '-', '--password', '-'], { stdin: figure(7) })).err).toMatch(
      /only one argument can be read from standard input \(SOURCE already was, so --password cannot\)/,
    );
    expect((await run(['import', `otpauth://totp/a?secret=${K}`, '--password', '-'], { stdin: 'x' })).err).toMatch(
      /^oathkit: USAGE: --password and --key are for encrypted files/,
    );
  });
  test('a file that is not there, a folder, a mistyped code, an unknown --format: each said as it is', async () => {
    expect((await run(['import', 'x.json', '--format', 'keepass'])).err).toMatch(/^oathkit: USAGE: --format must be one of aegis, 2fas, andotp, /);
    expect((await run(['import', 'missing.json'])).err).toBe('oathkit: USAGE: SOURCE "missing.json" cannot be read (no such file)\n');
    expect((await run(['import', 'some/folder/'])).err).toBe('oathkit: USAGE: SOURCE "some/folder/" cannot be read (it is a directory)\n');
    expect((await run(['import', 'JBSWY3DPEHPK3PXP'])).err).toMatch(/^oathkit: INVALID_ACTIVATION: .*it looks like a bare base32 key/);
  });
  test('Google exports of several lines, URI lists: every token; a bad line is named', async () => {
    const tokens: Token[] = [1, 2, 3].map((i) => ({
      kind: 'totp',
      key: KEY.subarray(0, 10 + i),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      t0: 0,
      account: `u${i}`,
    }));
    const uris = tokens.map((t) => formatOtpauthUri(t)).join('\n');
    expect(lines((await run(['import', 'list.txt'], { files: { 'list.txt': `${uris}\n` } })).out)).toEqual(
      ['u1', 'u2', 'u3'].map((a) => `totp SHA1 6 digits, period 30, ${a}`),
    );
    const bad = `${uris}\notpauth://totp/x?secret=not*base32`;
    expect((await run(['import', 'list.txt'], { files: { 'list.txt': bad } })).err).toMatch(/^oathkit: INVALID_BASE32: line 4: /);
    const google = (await run(['export', 'list.txt', '--to', 'google'], { files: { 'list.txt': uris } })).out;
    expect(parseMigrationUri(lines(google)[0]!).map((t) => t.account)).toEqual(['u1', 'u2', 'u3']);
    expect(lines((await run(['import', '-'], { stdin: `${google}${google}` })).out)).toHaveLength(6);
  });
  test('--json and --jsonl: secrets only with --secrets; decoded text escaped everywhere', async () => {
    const plain = JSON.parse((await run(['import', EVIL, '--json'])).out);
    expect(plain[0].secret).toBeUndefined();
    expect(JSON.parse((await run(['import', EVIL, '--json', '--secrets'])).out)[0].secret).toBe('JBSWY3DPEHPK3PXP');
    for (const args of [
      ['import', EVIL, '--jsonl', '--secrets'],
      ['import', EVIL],
      ['import', EVIL, '--secrets'],
      ['import', EVIL, '--json'],
    ]) {
      const r = await run(args);
      expect(r.status).toBe(0);
      expect(r.out, args.join(' ')).not.toMatch(RAW);
    }
    const line = (await run(['import', EVIL, '--jsonl'])).out;
    expect(lines(line)).toHaveLength(1);
    expect(JSON.parse(line)).toEqual({
      kind: 'totp',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      t0: 0,
      issuer: 'Evil\nForged\u001b[2J',
      account: 'alice\u202emoc.knab',
    });
    expect((await run(['import', EVIL, '--json', '--jsonl'])).err).toBe('oathkit: USAGE: give --json or --jsonl, not both\n');
  });
});

describe('the token stream (import --jsonl --secrets | export)', () => {
  test('import | export | import keeps every field of every token, extras and bigint counters included', async () => {
    const files = new MemoryFiles();
    files.set('fig10.xml', new TextEncoder().encode(figure(10)));
    const stream = await pipeline('oathkit import fig10.xml --jsonl --secrets', files);
    expect(isTokenStream(stream.out)).toBe(true);
    expect(readTokenStream(stream.out)).toEqual(readPskc(figure(10)).tokens);
    const back = await pipeline('oathkit import fig10.xml --jsonl --secrets | oathkit export --to pskc > again.xml', files);
    expect(back.status).toBe(0);
    expect(readPskc(files.text('again.xml')).tokens).toEqual(readPskc(figure(10)).tokens);
    // A counter past 2^53-1 travels as a decimal string and comes back a bigint.
    const big: Token = { kind: 'hotp', key: KEY, algorithm: 'SHA256', digits: 8, counter: 2n ** 63n + 5n, issuer: 'ACME', serial: 'S1' };
    const line = (await run(['import', '-', '--jsonl', '--secrets'], { stdin: encodeActivation(big) })).out;
    expect(line).toContain('"counter":"9223372036854775813"');
    expect(readTokenStream(line)).toEqual([big]);
  });
  test('a stream that is not one: the line and the field are named, never the secret', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    const good = `{"kind":"totp","secret":"${secret}"}`;
    const cases: [string, string, RegExp][] = [
      [`${good}\n{"kind":"totp","secret":"${secret}"`, 'INVALID_TOKEN', /^line 2 of the token stream is not one JSON object/],
      [`{"kind":"totp","secret":"${secret}","digit":8}`, 'INVALID_TOKEN', /^line 1 of the token stream has an unknown key "digit"; did you mean "digits"\?/],
      [`{"kind":"totp","issuer":"x"}`, 'INVALID_TOKEN', /^line 1 of the token stream has no secret/],
      [
        `{"kind":"totp","secret":"${secret.slice(0, 20)}1${secret.slice(21)}"}`,
        'INVALID_BASE32',
        /^line 1 of the token stream: invalid base32 character at position 21/,
      ],
      [`{"kind":"totp","secret":"${secret}","extras":{"a":{"b":[1]}}}`, 'INVALID_TOKEN', /^line 1 of the token stream is not one JSON object/],
      [`{"kind":"totp","secret":"${secret}","digits":5}`, 'INVALID_DIGITS', /^line 1 of the token stream: /],
      [`{"kind":"frob","secret":"${secret}"}`, 'INVALID_TOKEN', /^line 1 of the token stream: /],
    ];
    for (const [text, code, message] of cases) {
      let error: unknown;
      try {
        readTokenStream(text);
      } catch (e) {
        error = e;
      }
      expect(error, text).toBeInstanceOf(OtpError);
      expect((error as OtpError).code, text).toBe(code);
      expect((error as OtpError).message, text).toMatch(message);
      expect((error as OtpError).message).not.toContain(secret.slice(0, 8)); // never the key
      const r = await run(['export', '--to', 'uris'], { stdin: text });
      expect(r.status).toBe(2);
      expect(r.err).not.toContain(secret.slice(0, 8));
    }
    expect(readTokenStream(`\n${good}\r\n\n`)).toHaveLength(1);
    expect(isTokenStream('{"version":1,"header":{}}')).toBe(false); // an Aegis vault opens otherwise
  });
});

describe('export --to', () => {
  const stream = async (...sources: string[]) => (await Promise.all(sources.map((s) => run(['import', s, '--jsonl', '--secrets'])))).map((r) => r.out).join('');
  test('uris, google and pskc from the stream; a token a format cannot carry is refused, named', async () => {
    const text = await stream(`otpauth://totp/A:alice?secret=${K}&issuer=A`, `otpauth://hotp/B:bob?secret=${K}&issuer=B&counter=7`);
    expect(await run(['export', '--to', 'uris'], { stdin: text })).toEqual({
      status: 0,
      out: `otpauth://totp/A:alice?secret=${K}&issuer=A\notpauth://hotp/B:bob?secret=${K}&issuer=B&counter=7\n`,
      err: '',
    });
    expect(parseMigrationUri(lines((await run(['export', '--to', 'google'], { stdin: text })).out)[0]!).map((t) => t.account)).toEqual(['alice', 'bob']);
    expect(readPskc((await run(['export', '-', '--to', 'pskc'], { stdin: text })).out).tokens.map((t) => t.account)).toEqual(['alice', 'bob']);
    const t0 = await stream(encodeActivation({ kind: 'totp', key: KEY, t0: 1000, account: 'late' }));
    expect((await run(['export', '--to', 'uris'], { stdin: t0 })).err).toMatch(/^oathkit: INVALID_T0: token 1: /);
    expect((await run(['export', '--to', 'google'], { stdin: await stream(`otpauth://totp/x?secret=${K}&period=60`) })).err).toMatch(
      /^oathkit: INVALID_PERIOD: /,
    );
  });
  test('--out writes a new file only; an encrypted PSKC needs its source as a file', async () => {
    const text = await stream(`otpauth://totp/A:alice?secret=${K}&issuer=A`);
    const files = new MemoryFiles();
    files.set('tokens.jsonl', new TextEncoder().encode(text));
    expect(await run(['export', 'tokens.jsonl', '--to', 'pskc', '--password', '-', '--out', 'enc.xml'], { files, stdin: 'hunter2' })).toEqual({
      status: 0,
      out: '',
      err: '',
    });
    expect(files.text('enc.xml')).toContain('EncryptedValue');
    expect((await run(['import', 'enc.xml', '--password', '-'], { files, stdin: 'hunter2' })).out).toBe('totp SHA1 6 digits, period 30, A:alice\n');
    expect((await run(['export', 'tokens.jsonl', '--to', 'pskc', '--out', 'enc.xml'], { files })).err).toBe(
      'oathkit: USAGE: --out "enc.xml" cannot be written (it exists, and oathkit does not overwrite files)\n',
    );
    expect((await run(['export', '--to', 'pskc', '--password', '-'], { stdin: text })).err).toMatch(
      /only one argument can be read from standard input \(SOURCE already was, so --password cannot\)/,
    );
    expect((await run(['export', 'tokens.jsonl', '--to', 'uris', '--password', '-'], { files, stdin: 'x' })).err).toBe(
      'oathkit: USAGE: --to uris is plain text: it takes no --password\n',
    );
    expect((await run(['export', '--to', 'csv'], { stdin: text })).err).toMatch(/^oathkit: USAGE: --to must be one of pskc, uris, google, aegis, 2fas, andotp/);
    expect((await run(['export', '--to', 'uris'], { stdin: '' })).status).toBe(2);
  });
});

describe('recovery generate', () => {
  test('codes to show once and the set to store; each code is accepted by the set', async () => {
    const r = await run(['recovery', 'generate', '--count', '3', '--bits', '100']);
    expect(r.status).toBe(0);
    const [codes, set] = r.out.split('\n\n');
    const list = lines(codes!);
    expect(list).toHaveLength(3);
    for (const c of list) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}$/);
    const stored = JSON.parse(set!);
    expect(useRecoveryCode(stored, list[1]!).reason).toBe('accepted');
    expect(JSON.stringify(stored)).not.toContain(list[0]!.replaceAll('-', ''));
    const json = JSON.parse((await run(['recovery', 'generate', '--json'])).out);
    expect(json.codes).toHaveLength(10);
    expect(useRecoveryCode(json.set, json.codes[9]).ok).toBe(true);
    expect((await run(['recovery', 'generate', '--count', '0'])).err).toMatch(/^oathkit: INVALID_OPTIONS: /);
  });
});

describe('keygen --account', () => {
  test('the key, then the URI that enrols it', async () => {
    const r = await run(['keygen', '--account', 'alice', '--issuer', 'ACME', '--algorithm', 'SHA256']);
    const [key, uri] = lines(r.out);
    expect(key).toMatch(/^[A-Z2-7]{52}$/);
    expect(uri).toBe(`otpauth://totp/ACME:alice?secret=${key}&issuer=ACME&algorithm=SHA256`);
    expect((await run(['keygen', '--issuer', 'ACME'])).err).toBe('oathkit: USAGE: --issuer is for the URI that --account NAME asks for\n');
  });
});

/**
 * The modules a terminal drawing of `qrText` shows: each character two rows (▀ upper, ▄ lower, █
 * both), inked modules light when `inverted`, less the quiet zone of `margin` modules around.
 */
function modulesOfDrawing(drawing: string, inverted: boolean, margin = 4): { size: number; modules: number[] } {
  const rows: number[][] = [];
  for (const line of drawing.split('\n')) {
    const upper: number[] = [];
    const lower: number[] = [];
    for (const ch of line) {
      const halves = { ' ': [0, 0], '▀': [1, 0], '▄': [0, 1], '█': [1, 1] }[ch];
      if (halves === undefined) throw new Error(`not a QR drawing: ${JSON.stringify(ch)}`);
      upper.push(halves[0]! ^ (inverted ? 1 : 0));
      lower.push(halves[1]! ^ (inverted ? 1 : 0));
    }
    rows.push(upper, lower);
  }
  const size = rows[0]!.length - 2 * margin;
  return { size, modules: rows.slice(margin, margin + size).flatMap((r) => r.slice(margin, margin + size)) };
}

describe('QR codes (oathkit/qr): --qr and --qr-svg', () => {
  const URI = `otpauth://totp/ACME:alice?secret=${K}&issuer=ACME`;
  test('uri make --qr prints the URI, then its QR code, light on dark, which zbarimg and jsQR read back as the URI', async () => {
    const r = await run(['uri', 'make', K, '--account', 'alice', '--issuer', 'ACME', '--qr']);
    expect([r.status, r.err]).toEqual([0, '']);
    const [text, ...drawing] = r.out.replace(/\n$/, '').split('\n');
    expect(text).toBe(URI);
    // Module for module the symbol of the URI (the drawing's light characters are the light modules) …
    const symbol = qrMatrix(URI);
    expect(modulesOfDrawing(drawing.join('\n'), true)).toEqual({ size: symbol.size, modules: [...symbol.modules] });
    // … and read back from the drawing as a terminal shows it (light ink on a dark background) by two decoders.
    const raster = rasterOfText(drawing.join('\n'), 255, 4, 1);
    expect(new TextDecoder().decode(jsqrBytes(raster) ?? new Uint8Array())).toBe(URI);
    const dir = tempDir('oathkit-cli-qr-');
    try {
      const separator = dir.file('separator.png', png(rasterOf(qrMatrix(SEPARATOR).modules, qrMatrix(SEPARATOR).size)));
      const [read] = zbarBytes([dir.file('drawing.png', png(raster))], separator);
      expect(new TextDecoder().decode(read ?? new Uint8Array())).toBe(URI);
    } finally {
      dir.done();
    }
  });
  test('--qr-invert draws dark on light; --qr-svg FILE writes the SVG (a new file), which rsvg-convert and zbarimg read back', async () => {
    const inverted = await run(['uri', 'make', K, '--account', 'alice', '--issuer', 'ACME', '--qr-invert']);
    const [, ...drawing] = inverted.out.replace(/\n$/, '').split('\n');
    expect(modulesOfDrawing(drawing.join('\n'), false).modules).toEqual([...qrMatrix(URI).modules]);
    const files = new MemoryFiles();
    expect(await run(['uri', 'make', K, '--account', 'alice', '--issuer', 'ACME', '--qr-svg', 'code.svg'], { files })).toEqual({
      status: 0,
      out: `${URI}\n`,
      err: '',
    });
    expect((await run(['uri', 'make', K, '--account', 'alice', '--qr-svg', 'code.svg'], { files })).err).toBe(
      'oathkit: USAGE: --qr-svg "code.svg" cannot be written (it exists, and oathkit does not overwrite files)\n',
    );
    const dir = tempDir('oathkit-cli-qr-');
    try {
      const svg = dir.file('code.svg', files.text('code.svg'));
      execFileSync('rsvg-convert', ['-o', join(dir.dir, 'code.png'), svg], { stdio: ['ignore', 'pipe', 'ignore'] }); // (its D-Bus complaints are noise)
      expect(execFileSync('zbarimg', ['--nodbus', '-q', '--raw', '-Sbinary', join(dir.dir, 'code.png')], { encoding: 'utf8' })).toBe(URI);
    } finally {
      dir.done();
    }
  });
  test('activation encode, keygen --account, export --to google and --to uris: the text, then the QR code of that text', async () => {
    const stream = (await run(['import', URI, '--jsonl', '--secrets'])).out;
    const cases: [string[], string | undefined][] = [
      [['uri', 'make', K, '--account', 'a', '--issuer', 'ACME'], undefined],
      [['activation', 'encode', K], undefined],
      [['keygen', '--account', 'a'], undefined],
      [['export', '--to', 'google', '--batch-id', '1'], stream],
      [['export', '--to', 'uris'], stream],
    ];
    for (const [args, stdin] of cases) {
      const options = stdin === undefined ? {} : { stdin };
      const plain = lines((await run(args, options)).out);
      const drawn = await run([...args, '--qr'], options);
      expect([drawn.status, drawn.err], args.join(' ')).toEqual([0, '']);
      // keygen makes a new key each run: its lines are read from the drawn run's output.
      const shown = drawn.out.split('\n').slice(0, plain.length);
      if (args[0] !== 'keygen') expect(shown, args.join(' ')).toEqual(plain);
      const text = shown.at(-1)!;
      expect(drawn.out, args.join(' ')).toBe(`${[...shown, qrText(text, { invert: true })].join('\n')}\n`);
      expect(modulesOfDrawing(drawn.out.split('\n').slice(plain.length).join('\n').trimEnd(), true).modules, args.join(' ')).toEqual([
        ...qrMatrix(text).modules,
      ]);
      if (args[0] === 'keygen') continue;
      expect((await run([...args, '--qr-invert'], options)).out).toBe(`${[...plain, qrText(plain.at(-1)!)].join('\n')}\n`);
      const files = new MemoryFiles();
      expect((await run([...args, '--qr-svg', 'code.svg'], { ...options, files })).out).toBe(`${plain.join('\n')}\n`);
      expect(files.text('code.svg')).toBe(qrSvg(plain.at(-1)!));
    }
  });
  test('export --out FILE --qr: the file holds the URIs, the terminal their QR codes only; several URIs, several SVG files', async () => {
    const tokens = [URI, `otpauth://hotp/VPN:bob?secret=JBSWY3DPEHPK3PXP&issuer=VPN&counter=7`];
    const stream = (await Promise.all(tokens.map((t) => run(['import', t, '--jsonl', '--secrets'])))).map((r) => r.out).join('');
    const files = new MemoryFiles();
    const r = await run(['export', '--to', 'uris', '--out', 'uris.txt', '--qr', '--qr-svg', 'code.svg'], { stdin: stream, files });
    expect(files.text('uris.txt')).toBe(`${tokens.join('\n')}\n`);
    expect(r).toEqual({ status: 0, out: `${tokens.map((t) => qrText(t, { invert: true })).join('\n')}\n`, err: '' });
    expect([files.text('code-1.svg'), files.text('code-2.svg')]).toEqual(tokens.map((t) => qrSvg(t)));
  });
  test('--qr where there is nothing to scan, or a format that is no line of text, is misuse', async () => {
    expect((await run(['export', '--to', 'pskc', '--qr'], { stdin: (await run(['import', URI, '--jsonl', '--secrets'])).out })).err).toBe(
      'oathkit: USAGE: --qr and --qr-svg are for --to google and --to uris (one code per line)\n',
    );
    expect((await run(['totp', K, '--qr'])).err).toMatch(/^oathkit: USAGE: unknown option --qr/);
  });
});

describe('app backups (oathkit/backup): import and export, plain and encrypted', () => {
  const sources = [`otpauth://totp/ACME:alice?secret=${K}&issuer=ACME`, `otpauth://hotp/VPN:bob?secret=JBSWY3DPEHPK3PXP&issuer=VPN&counter=7`];
  const listing = 'totp SHA1 6 digits, period 30, ACME:alice\nhotp SHA1 6 digits, counter 7, VPN:bob\n';
  const streamOf = async () => (await Promise.all(sources.map((t) => run(['import', t, '--jsonl', '--secrets'])))).map((r) => r.out).join('');
  const PASSWORD = 'correct horse battery staple';
  const WRONG = 'Tr0ub4dor&3';

  test('export --to aegis, 2fas, andotp and import them back, detected, and with --format', async () => {
    const stream = await streamOf();
    for (const to of ['aegis', '2fas', 'andotp']) {
      const files = new MemoryFiles();
      files.set('tokens.jsonl', new TextEncoder().encode(stream));
      expect(await run(['export', 'tokens.jsonl', '--to', to, '--out', `${to}.plain`], { files })).toEqual({ status: 0, out: '', err: '' });
      expect(readBackup(files.get(`${to}.plain`)!).format).toBe(to);
      expect(await run(['import', `${to}.plain`], { files })).toEqual({ status: 0, out: listing, err: '' });
      expect(await run(['import', `${to}.plain`, '--format', to], { files })).toEqual({ status: 0, out: listing, err: '' });
      expect(await run(['import', '-'], { files, stdin: files.get(`${to}.plain`)! })).toEqual({ status: 0, out: listing, err: '' });
    }
  });
  test('an encrypted export re-imports with its password (asked for as a secret), and is refused without it', async () => {
    const stream = await streamOf();
    for (const to of ['aegis', '2fas', 'andotp']) {
      const files = new MemoryFiles();
      files.set('tokens.jsonl', new TextEncoder().encode(stream));
      const prompts: string[] = [];
      expect(await run(['export', 'tokens.jsonl', '--to', to, '--password', '-', '--out', `${to}.enc`], { files, stdin: PASSWORD, prompts })).toEqual({
        status: 0,
        out: '',
        err: '',
      });
      expect(prompts).toEqual(['--password: ']);
      const file = files.get(`${to}.enc`)!;
      expect(detectFormat(file)).toBe(`${to}-encrypted`);
      expect(new TextDecoder().decode(file)).not.toContain('JBSWY3DP');
      expect((await decryptBackup(file, PASSWORD)).tokens.map((t) => t.account)).toEqual(['alice', 'bob']);
      expect(await run(['import', `${to}.enc`, '--password', '-'], { files, stdin: `${PASSWORD}\n` })).toEqual({ status: 0, out: listing, err: '' });
      const without = await run(['import', `${to}.enc`], { files });
      expect(without.status).toBe(2);
      expect(without.err).toMatch(/^oathkit: BACKUP_ENCRYPTED: .*: give --password - \(the password on standard input\)\n$/);
    }
  });
  test('a wrong password: exit 2, one line oathkit: BACKUP_PASSWORD: …, and no password text anywhere', async () => {
    const stream = await streamOf();
    for (const to of ['aegis', '2fas', 'andotp']) {
      const files = new MemoryFiles();
      files.set('tokens.jsonl', new TextEncoder().encode(stream));
      await run(['export', 'tokens.jsonl', '--to', to, '--password', '-', '--out', `${to}.enc`], { files, stdin: PASSWORD });
      const r = await run(['import', `${to}.enc`, '--password', '-'], { files, stdin: WRONG });
      expect([r.status, r.out], to).toEqual([2, '']);
      expect(r.err, to).toMatch(/^oathkit: BACKUP_PASSWORD: [^\n]+\n$/);
      for (const secret of [PASSWORD, WRONG, 'horse', 'Tr0ub', 'JBSWY3DP', K]) expect(r.err, to).not.toContain(secret);
    }
  });
  test('--password takes only -, and an empty one is refused (never printed either way)', async () => {
    const files = { 'a.json': await streamOf() };
    expect((await run(['import', 'a.json', '--password', PASSWORD], { files })).err).toBe(
      'oathkit: USAGE: --password takes only - (the password is read from standard input, never from the command line, where the process list and the shell history would keep it)\n',
    );
    expect((await run(['export', 'a.json', '--to', 'aegis', '--password', '-'], { files, stdin: '' })).err).toBe(
      'oathkit: USAGE: --password -: standard input is empty\n',
    );
  });
  test("the apps' encrypted files made by an independent implementation (vectors/backup-crypto.json): read with the password, or refused with the code", async () => {
    const { cases } = JSON.parse(readFileSync(join(root, 'vectors', 'backup-crypto.json'), 'utf8')) as {
      cases: { name: string; password: string; file?: string; file_base64?: string; plain?: string; error?: string }[];
    };
    let opened = 0;
    for (const c of cases) {
      const file = c.file !== undefined ? new TextEncoder().encode(c.file) : new Uint8Array(Buffer.from(c.file_base64!, 'base64'));
      const r = await run(['import', 'backup', '--password', '-'], { files: { backup: file }, stdin: c.password });
      for (const secret of [c.password]) expect(r.err, c.name).not.toContain(secret);
      if (c.error !== undefined) {
        expect([r.status, r.out], c.name).toEqual([2, '']);
        expect(r.err, c.name).toMatch(new RegExp(`^oathkit: ${c.error}: [^\\n]+\\n$`));
        continue;
      }
      // The same listing as the plain file's, read without a password.
      const plain = await run(['import', 'plain'], { files: { plain: c.plain! } });
      expect(plain.status, c.name).toBe(0);
      expect(r, c.name).toEqual(plain);
      opened++;
    }
    expect(opened).toBeGreaterThanOrEqual(10);
  }, 120_000);
  test('--format names one of the formats oathkit/backup reads, and reads SOURCE as that format', async () => {
    const r = await run(['import', 'x', '--format', 'keepass'], { files: { x: 'hello' } });
    expect(r.err).toBe(`oathkit: USAGE: --format must be one of ${BACKUP_FORMATS.join(', ')} (a backup whose kind its content does not say); got "keepass"\n`);
    expect((await run(['import', 'notes.txt'], { files: { 'notes.txt': 'hello\n' } })).err).toMatch(/^oathkit: INVALID_BACKUP: /);
    expect((await run(['import', 'notes.txt', '--format', 'aegis'], { files: { 'notes.txt': 'hello\n' } })).err).toMatch(/^oathkit: INVALID_BACKUP: /);
  });
});

describe('every command', () => {
  test('its --help example runs in-process and prints what the help shows', async () => {
    let checked = 0;
    for (const c of COMMANDS) {
      const help = (await run([...c.name.split(' '), '--help'])).out;
      expect(help, c.name).toMatch(/^usage: oathkit .*\nexample: oathkit /);
      const [, example, shown] = /^example: (.*)\n((?: {2}.*\n)*)/m.exec(help)!;
      if (example!.includes('|')) continue; // a pipeline over a file: the README runs it
      const r = await pipeline(example!, new MemoryFiles());
      expect(r.status, example).toBe(0);
      expect(shown, `${c.name}: the help shows the example's output`).not.toBe('');
      if (shown!.startsWith('  (')) continue; // random output, described
      expect(r.out, example).toBe(shown!.replace(/^ {2}/gm, ''));
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(12);
  });
  test('the shell words of the examples', () => {
    expect(shellWords(`oathkit x 'a b' "c \\"d\\"" e\\ f | y < in > out`)).toEqual(['oathkit', 'x', 'a b', 'c "d"', 'e f', '|', 'y', '<', 'in', '>', 'out']);
    expect(() => shellWords('oathkit totp $KEY')).toThrow(/no expansions/);
  });
});
