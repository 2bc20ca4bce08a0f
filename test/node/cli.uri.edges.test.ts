// `oathkit uri parse` and `oathkit uri make` at their edges (src/cli/uri.ts): the argument that is
// missing or read from standard input, --type and the options only one type takes, --account, and
// every option of uri make reaching the URI. In-process (runCli with memory Io).
import { describe, expect, test } from 'vitest';
import { parseOtpauthUri } from '../../src/index.ts';
import { uriMake, uriParse } from '../../src/cli/uri.ts';
import { expectHelp, refused, run } from './cli-io.ts';

const K = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 4226's key, base32

/** Runs `oathkit ARGS` expecting misuse (exit 2): its one error line after `oathkit: `. */
/** Runs uri make and parses the URI it prints. */
async function made(args: string[]) {
  const r = await run(['uri', 'make', K, '--account', 'alice', ...args]);
  expect(r.status, r.err).toBe(0);
  return { uri: r.out.trim(), token: parseOtpauthUri(r.out.trim()) };
}

describe('uri parse', () => {
  test('without URI: misuse naming URI', async () => {
    expect(await refused(['uri', 'parse'])).toMatch(/^USAGE: .*\bURI\b.*missing/);
  });
  test('- reads URI from standard input, spaces and line breaks around it dropped', async () => {
    const r = await run(['uri', 'parse', '-'], { stdin: `  otpauth://totp/a?secret=${K}  \n` });
    expect(r.status, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ kind: 'totp', account: 'a', secret: K });
  });
  test('standard input that is not UTF-8 is misuse naming URI', async () => {
    expect(await refused(['uri', 'parse', '-'], new Uint8Array([0xff, 0xfe, 0x41]))).toMatch(/^USAGE: .*\bURI\b/);
  });
  test('a second argument is misuse', async () => {
    expect(await refused(['uri', 'parse', `otpauth://totp/a?secret=${K}`, 'x'])).toMatch(/^USAGE: too many arguments/);
  });
});

describe('uri make', () => {
  test.each(['TOTP', 'ocra', 'x', ''])('--type %j is misuse naming the types', async (type) => {
    const line = await refused(['uri', 'make', K, '--account', 'a', '--type', type]);
    expect(line).toMatch(/^USAGE: --type\b/);
    for (const t of ['totp', 'hotp', 'steam']) expect(line).toContain(t);
  });
  test.each(['totp', 'hotp', 'steam'])('--type %s makes that kind', async (type) => {
    expect((await made(['--type', type])).token.kind).toBe(type);
  });
  test('totp is the default type', async () => {
    expect((await made([])).token.kind).toBe('totp');
  });
  test('--period with --type hotp is misuse naming --period', async () => {
    expect(await refused(['uri', 'make', K, '--account', 'a', '--type', 'hotp', '--period', '60'])).toMatch(/^USAGE: --period\b.*totp/);
  });
  test.each(['totp', 'steam'])('--counter with --type %s is misuse naming --counter', async (type) => {
    expect(await refused(['uri', 'make', K, '--account', 'a', '--type', type, '--counter', '5'])).toMatch(/^USAGE: --counter\b.*hotp/);
    expect(await refused(['uri', 'make', K, '--account', 'a', '--type', type, '-c', '5'])).toMatch(/^USAGE: --counter\b/);
  });
  test('--counter with the default type (totp) is misuse too', async () => {
    expect(await refused(['uri', 'make', K, '--account', 'a', '--counter', '5'])).toMatch(/^USAGE: --counter\b/);
  });
  test('without --account: misuse naming --account', async () => {
    expect(await refused(['uri', 'make', K])).toMatch(/^USAGE: --account\b.*required/);
  });
  test('without KEY: misuse', async () => {
    expect(await refused(['uri', 'make', '--account', 'a'])).toMatch(/^USAGE: .*KEY/);
  });
  test('hotp: --counter (or -c) is the URI counter, 0 when not given', async () => {
    expect((await made(['--type', 'hotp', '--counter', '5'])).token.counter).toBe(5);
    expect((await made(['--type', 'hotp', '-c', '7'])).token.counter).toBe(7);
    const { token, uri } = await made(['--type', 'hotp']);
    expect(token.counter).toBe(0);
    expect(uri).not.toMatch(/period=/);
  });
  test.each(['totp', 'steam'])('%s: --period is the URI period', async (type) => {
    const { token } = await made(['--type', type, '--period', '60']);
    expect(token.period).toBe(60);
  });
  test('--issuer, --digits, --algorithm reach the URI; no issuer without --issuer', async () => {
    const { token } = await made(['--issuer', 'Example', '--digits', '8', '--algorithm', 'SHA256']);
    expect(token).toMatchObject({ issuer: 'Example', account: 'alice', digits: 8, algorithm: 'SHA256' });
    const plain = await made([]);
    expect(plain.token.issuer).toBeUndefined();
    expect(plain.uri).not.toMatch(/issuer/);
  });
  test('--hex reads KEY as hex', async () => {
    const r = await run(['uri', 'make', '3132333435363738393031323334353637383930', '--hex', '--account', 'a']);
    expect(parseOtpauthUri(r.out.trim()).key).toEqual(new TextEncoder().encode('12345678901234567890'));
  });
});

describe('--help', () => {
  test.each([
    ['uri parse', ['URI']],
    ['uri make', ['KEY', '--account', '--issuer', '--type totp|hotp|steam', '--digits', '--algorithm', '--period', '--counter', '--hex', '--qr']],
  ])('%s: its usage with every option, and an example with its output', expectHelp);
});

test('every option is declared a string or a flag', () => {
  for (const c of [uriParse, uriMake])
    for (const [name, o] of Object.entries(c.options)) expect(['string', 'boolean'], `${c.name} --${name}`).toContain(o.type);
  expect(Object.keys(uriMake.options)).toEqual(expect.arrayContaining(['account', 'issuer', 'type', 'period', 'counter']));
});

test('a URI padded with spaces past the length cap is read (the padding is dropped first)', async () => {
  const uri = `otpauth://totp/a?secret=${K}&issuer=${'x'.repeat(4000)}`;
  const r = await run(['uri', 'parse', '-'], { stdin: `${uri}${' '.repeat(200)}\n` });
  expect(r.status, r.err).toBe(0);
  expect(JSON.parse(r.out)).toMatchObject({ account: 'a', secret: K });
});
