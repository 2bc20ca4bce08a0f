// `oathkit keygen` at its edges (src/cli/keygen.ts): the options that exclude each other, --bytes,
// the encodings, the URI options refused without --account, and every option reaching the URI.
// In-process (runCli with memory Io).
import { describe, expect, test } from 'vitest';
import { base32Decode, base64Decode, hexDecode, parseOtpauthUri } from '../../src/index.ts';
import { keygen } from '../../src/cli/keygen.ts';
import { expectHelp, refused, run } from './cli-io.ts';

async function lines(args: string[]): Promise<string[]> {
  const r = await run(['keygen', ...args]);
  expect(r.status, r.err).toBe(0);
  return r.out.trimEnd().split('\n');
}

describe('keygen', () => {
  test.each([
    [
      ['--algorithm', 'SHA256', '--bytes', '16'],
      ['--algorithm', '--bytes'],
    ],
    [
      ['-a', 'SHA1', '--bytes', '16'],
      ['--algorithm', '--bytes'],
    ],
    [
      ['--hex', '--base64'],
      ['--hex', '--base64'],
    ],
    [
      ['-x', '--base64'],
      ['--hex', '--base64'],
    ],
  ])('%j is misuse naming both options', async (args, names) => {
    const line = await refused(['keygen', ...args]);
    expect(line).toMatch(/^USAGE: /);
    for (const n of names) expect(line).toContain(n);
  });
  test('the key is as long as the hash, or --bytes', async () => {
    expect(base32Decode((await lines([]))[0]!).length).toBe(20);
    expect(base32Decode((await lines(['--algorithm', 'SHA512']))[0]!).length).toBe(64);
    expect(base32Decode((await lines(['-a', 'SHA256']))[0]!).length).toBe(32);
    expect(base32Decode((await lines(['--bytes', '17']))[0]!).length).toBe(17);
  });
  test('--hex (-x) and --base64 encode the key', async () => {
    expect(hexDecode((await lines(['--hex', '--bytes', '17']))[0]!).length).toBe(17);
    expect(hexDecode((await lines(['-x']))[0]!).length).toBe(20);
    expect(base64Decode((await lines(['--base64', '--bytes', '17']))[0]!).length).toBe(17);
  });
  test.each([['--issuer', 'X'], ['--digits', '8'], ['-d', '8'], ['--period', '60'], ['--qr'], ['--qr-invert'], ['--qr-svg', 'k.svg']])(
    '%s without --account is misuse naming it',
    async (...args) => {
      const line = await refused(['keygen', ...args]);
      const name = args[0] === '-d' ? '--digits' : args[0]!;
      expect(line).toMatch(new RegExp(`^USAGE: ${name}\\b.*--account`));
    },
  );
  test('with --account a second line is the TOTP URI of the key, with the options given', async () => {
    const [key, uri] = await lines(['--account', 'alice', '--issuer', 'Example', '--digits', '8', '--period', '60', '--algorithm', 'SHA256', '--hex']);
    const t = parseOtpauthUri(uri!);
    expect(t).toMatchObject({ kind: 'totp', account: 'alice', issuer: 'Example', digits: 8, period: 60, algorithm: 'SHA256' });
    expect(t.key).toEqual(hexDecode(key!));
    const [, plain] = await lines(['--account', 'alice']);
    expect(parseOtpauthUri(plain!)).toMatchObject({ kind: 'totp', account: 'alice', digits: 6, period: 30, algorithm: 'SHA1' });
    expect(plain).not.toMatch(/issuer|algorithm|digits|period/);
  });
  test('an argument is misuse', async () => {
    expect(await refused(['keygen', 'x'])).toMatch(/^USAGE: too many arguments/);
  });
});

test('--help: its usage with every option, and an example with its output', () =>
  expectHelp('keygen', ['--algorithm', '--bytes', '--hex', '--base64', '--account', '--issuer', '--digits', '--period', '--qr']));

test('every option is declared a string or a flag', () => {
  for (const [name, o] of Object.entries(keygen.options)) expect(['string', 'boolean'], `--${name}`).toContain(o.type);
  expect(Object.keys(keygen.options)).toEqual(expect.arrayContaining(['algorithm', 'bytes', 'hex', 'base64', 'account', 'issuer', 'digits', 'period']));
});
