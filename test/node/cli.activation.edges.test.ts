// `oathkit activation encode` and `oathkit activation decode` at their edges (src/cli/activation.ts):
// --kind, every option of encode reaching the string (and its short forms), TEXT missing or read from
// standard input. In-process (runCli with memory Io).
import { describe, expect, test } from 'vitest';
import { decodeActivation } from '../../src/index.ts';
import { activationDecode, activationEncode } from '../../src/cli/activation.ts';
import { expectHelp, refused, run } from './cli-io.ts';

const K = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 4226's key, base32
const EXAMPLE = '10RK-4CSM-6MV3-EE1S-60RK-4CSM-6MV3-EE1S-60YC-92'; // K as a TOTP token (the help's example)

async function encoded(args: string[]) {
  const r = await run(['activation', 'encode', K, ...args]);
  expect(r.status, r.err).toBe(0);
  return decodeActivation(r.out.trim());
}

describe('activation encode', () => {
  test.each(['TOTP', 'x', '', 'ocra2'])('--kind %j is misuse naming every kind', async (kind) => {
    const line = await refused(['activation', 'encode', K, '--kind', kind]);
    expect(line).toMatch(/^USAGE: --kind\b/);
    expect(line).toContain('totp, hotp, ocra, steam');
  });
  test('totp is the default kind', async () => {
    expect((await encoded([])).kind).toBe('totp');
  });
  test('--period, --t0, --issuer, --account, --digits, --algorithm reach the string', async () => {
    const t = await encoded(['--period', '60', '--t0', '100', '--issuer', 'Example', '--account', 'alice', '--digits', '8', '--algorithm', 'SHA256']);
    expect(t).toMatchObject({ kind: 'totp', period: 60, t0: 100, issuer: 'Example', account: 'alice', digits: 8, algorithm: 'SHA256' });
  });
  test('hotp: --counter and -c', async () => {
    expect(await encoded(['--kind', 'hotp', '--counter', '5'])).toMatchObject({ kind: 'hotp', counter: 5 });
    expect(await encoded(['--kind', 'hotp', '-c', '7'])).toMatchObject({ kind: 'hotp', counter: 7 });
  });
  test('ocra: --suite and -s, --serial', async () => {
    const suite = 'OCRA-1:HOTP-SHA1-6:QN08';
    expect(await encoded(['--kind', 'ocra', '--suite', suite, '--serial', 'S1'])).toMatchObject({ kind: 'ocra', suite, serial: 'S1' });
    expect(await encoded(['--kind', 'ocra', '-s', suite])).toMatchObject({ kind: 'ocra', suite });
  });
  test('without KEY: misuse naming KEY', async () => {
    expect(await refused(['activation', 'encode'])).toMatch(/^USAGE: .*KEY/);
  });
  test('a second argument is misuse', async () => {
    expect(await refused(['activation', 'encode', K, 'x'])).toMatch(/^USAGE: too many arguments/);
  });
});

describe('activation decode', () => {
  test('without TEXT: misuse naming TEXT', async () => {
    expect(await refused(['activation', 'decode'])).toMatch(/^USAGE: .*\bTEXT\b.*missing/);
  });
  test('- reads TEXT from standard input, spaces and line breaks around it dropped', async () => {
    const r = await run(['activation', 'decode', '-'], { stdin: `  ${EXAMPLE} \n` });
    expect(r.status, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ kind: 'totp', secret: K });
  });
  test('standard input that is not UTF-8 is misuse naming TEXT', async () => {
    expect(await refused(['activation', 'decode', '-'], new Uint8Array([0xff, 0xfe, 0x41]))).toMatch(/^USAGE: .*\bTEXT\b/);
  });
  test('a second argument is misuse', async () => {
    expect(await refused(['activation', 'decode', EXAMPLE, 'x'])).toMatch(/^USAGE: too many arguments/);
  });
});

describe('--help', () => {
  test.each([
    [
      'activation encode',
      [
        'KEY',
        '--kind totp|hotp|ocra|steam',
        '--algorithm',
        '--digits',
        '--period',
        '--t0',
        '--counter',
        '--suite',
        '--serial',
        '--issuer',
        '--account',
        '--hex',
        '--qr',
      ],
    ],
    ['activation decode', ['TEXT']],
  ])('%s: its usage with every option, and an example with its output', expectHelp);
});

test('every option is declared a string or a flag', () => {
  for (const c of [activationEncode, activationDecode])
    for (const [name, o] of Object.entries(c.options)) expect(['string', 'boolean'], `${c.name} --${name}`).toContain(o.type);
  expect(Object.keys(activationEncode.options)).toEqual(expect.arrayContaining(['kind', 'period', 't0', 'counter', 'suite', 'serial', 'issuer', 'account']));
});

test('TEXT padded with spaces past the length cap is read (the padding is dropped first)', async () => {
  const r = await run(['activation', 'decode', '-'], { stdin: `${' '.repeat(4100)}${EXAMPLE}\n` });
  expect(r.status, r.err).toBe(0);
  expect(JSON.parse(r.out)).toMatchObject({ kind: 'totp', secret: K });
});
