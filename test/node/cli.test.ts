// The command line in-process (runCli, src/cli/run.ts, with standard input in memory): codes equal
// to Debian's oathtool for the same inputs, the exit statuses (0 match, 1 no match, 2 misuse with
// the OtpError code on stderr and no stack trace), secrets read from standard input, and --help.
// The built bin itself is tested in cli.bin.test.ts.
import { spawnSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { cli } from './cli-io.ts';

// oathtool is started for each expected value (a C program: a few ms); oathkit runs in-process.
const slow = { timeout: 60_000 };

function oathtool(args: string[]): string {
  const r = spawnSync('oathtool', args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`oathtool ${args.join(' ')} failed (is Debian's oathtool installed?): ${r.stderr}`);
  return r.stdout.trim();
}
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
/** Deterministic keys of several lengths (no randomness: a failure reproduces). */
const keyOf = (i: number, n: number) => Uint8Array.from({ length: n }, (_, j) => (i * 131 + j * 29 + 7) & 0xff);

test('TOTP codes equal oathtool: SHA-1/256/512, 6-8 digits, several periods and times (54 cases)', slow, async () => {
  let n = 0;
  for (const [i, algorithm] of (['SHA1', 'SHA256', 'SHA512'] as const).entries()) {
    for (const digits of [6, 7, 8]) {
      for (const [time, period] of [
        [59, 30],
        [1_111_111_109, 30],
        [20_000_000_000, 60],
        [1_234_567_890, 45],
        [1, 1],
        [4_102_444_800, 3600],
      ]) {
        const key = keyOf(i * 10 + digits, [20, 32, 64, 10, 33][(time! + digits) % 5]!);
        const expected = oathtool([`--totp=${algorithm.toLowerCase()}`, '-d', String(digits), `--time-step-size=${period}s`, `--now=@${time}`, hex(key)]);
        const got = await cli([
          'totp',
          hex(key),
          '--hex',
          '--algorithm',
          algorithm,
          '--digits',
          String(digits),
          '--period',
          String(period),
          '--time',
          String(time),
        ]);
        expect(got, `${algorithm} ${digits} ${time}`).toEqual({ status: 0, out: expected, err: '' });
        n++;
      }
    }
  }
  expect(n).toBe(54);
});

test('HOTP codes and windows equal oathtool (SHA-1, its only HOTP hash), 6-8 digits, counters past 2^32', slow, async () => {
  for (const [i, counter] of [0, 1, 9, 4_294_967_295, 4_294_967_296, 9_007_199_254_740_991].entries()) {
    const key = keyOf(i, 20);
    for (const digits of [6, 7, 8]) {
      const expected = oathtool(['-d', String(digits), '-c', String(counter), '-w', '3', hex(key)]);
      const got = await cli(['hotp', hex(key), '--hex', '--counter', String(counter), '--digits', String(digits), '--window', '3']);
      expect(got).toEqual({ status: 0, out: expected, err: '' });
    }
  }
});

test('keygen prints a random key in base32, hex or base64', slow, async () => {
  expect((await cli(['keygen'])).out).toMatch(/^[A-Z2-7]{32}$/); // 20 bytes for SHA-1
  expect((await cli(['keygen', '--algorithm', 'SHA512', '--hex'])).out).toMatch(/^[0-9a-f]{128}$/);
  expect((await cli(['keygen', '--bytes', '16', '--base64'])).out).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  expect((await cli(['keygen'])).out).not.toBe((await cli(['keygen'])).out);
});

test('verify and resync: exit 0 with the delta on a match, 1 on no match', slow, async () => {
  const K = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 4226's key
  expect(await cli(['verify', 'hotp', K, '969429', '--counter', '0', '--window', '5'])).toEqual({ status: 0, out: 'delta 3, next counter 4', err: '' });
  expect((await cli(['verify', 'hotp', K, '969429', '--counter', '4', '--window', '5'])).status).toBe(1);
  expect(await cli(['verify', 'totp', K, '287082', '--time', '89'])).toEqual({ status: 0, out: 'delta -1, step 1', err: '' });
  expect((await cli(['verify', 'totp', K, '287082', '--time', '1970-01-01T00:01:29Z'])).out).toBe('delta -1, step 1');
  expect(await cli(['verify', 'totp', K, '123456', '--time', '89'])).toEqual({ status: 1, out: 'no match', err: '' });
  expect((await cli(['verify', 'totp', K, 'abcdef', '--time', '89'])).status).toBe(1); // a malformed code is no match, not misuse
  expect(await cli(['resync', K, '399871', '520489', '--counter', '0'])).toEqual({ status: 0, out: 'delta 8, next counter 10', err: '' });
  expect((await cli(['resync', K, '520489', '399871', '--counter', '0'])).status).toBe(1);
});

test('standard input serves one argument only; t0 is never dropped on the way to a URI', slow, async () => {
  const r = await cli(
    ['ocra', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08-PSHA1', '--key', '-', '--hex', '--pin', '-', '--challenge', '12345678'],
    '3132333435363738393031323334353637383930',
  );
  expect(r.status).toBe(2);
  expect(r.err).toMatch(/^oathkit: USAGE: only one argument can be read from standard input/);
  const text = (await cli(['activation', 'encode', '--key', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', '--t0', '1000', '--account', 'bob'])).out;
  expect((await cli(['import', text])).out).toBe('totp SHA1 6 digits, period 30, t0 1000, bob');
  // An otpauth URI cannot carry t0, so the token is printed as its activation string, which can.
  const secrets = await cli(['import', text, '--secrets']);
  expect(secrets.status).toBe(0);
  expect(secrets.out).toBe(`totp SHA1 6 digits, period 30, t0 1000, bob  ${text}`);
  const family = await cli(['verify', '--help']);
  expect(family.status).toBe(0);
  expect(family.out).toMatch(/usage: oathkit verify hotp[\s\S]*usage: oathkit verify totp/);
});

test('secrets from standard input with -, for KEY, --key and TEXT', slow, async () => {
  const K = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  expect(await cli(['totp', '-', '--time', '59', '--digits', '8'], `${K}\n`)).toEqual({ status: 0, out: '94287082', err: '' });
  expect(
    (await cli(['ocra', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08', '--key', '-', '--hex', '--challenge', '00000000'], '3132333435363738393031323334353637383930'))
      .out,
  ).toBe('237653');
  const sample = 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC';
  expect(await cli(['import', '-'], sample)).toEqual({ status: 0, out: 'totp SHA1 6 digits, period 30, Example:alice@google.com', err: '' });
});

test('activation encode and decode; import reads activation strings too', slow, async () => {
  const K = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
  expect(await cli(['activation', 'encode', '--key', K])).toEqual({ status: 0, out: '10RK-4CSM-6MV3-EE1S-60RK-4CSM-6MV3-EE1S-60YC-92', err: '' });
  const hotpText = (await cli(['activation', 'encode', '--kind', 'hotp', '--key', K, '--counter', '5', '--issuer', 'ACME', '--account', 'alice'])).out;
  expect(JSON.parse((await cli(['activation', 'decode', hotpText.toLowerCase().replaceAll('-', ' ')])).out)).toEqual({
    kind: 'hotp',
    algorithm: 'SHA1',
    digits: 6,
    counter: 5,
    issuer: 'ACME',
    account: 'alice',
    secret: K,
  });
  expect((await cli(['import', hotpText])).out).toBe('hotp SHA1 6 digits, counter 5, ACME:alice');
  const typo = hotpText.slice(0, 3) + (hotpText[3] === '7' ? '8' : '7') + hotpText.slice(4);
  const r = await cli(['activation', 'decode', typo]);
  expect(r.status).toBe(2);
  expect(r.err).toMatch(/^oathkit: ACTIVATION_CHECKSUM: /);
});

test('misuse: exit 2, the error code and message on stderr, no stack trace', slow, async () => {
  const cases: [string[], string][] = [
    [['totp', 'NOT*BASE32'], 'INVALID_BASE32'],
    [['totp', 'GEZDGNBV', '--digits', '5'], 'INVALID_DIGITS'],
    [['totp', 'GEZDGNBV', '--algorithm', 'MD5'], 'INVALID_ALGORITHM'],
    [['hotp', 'GEZDGNBV'], 'USAGE'],
    [['hotp', 'GEZDGNBV', '--counter', '-1'], 'USAGE'],
    [['totp'], 'USAGE'],
    [['frobnicate'], 'USAGE'],
    [['totp', 'GEZDGNBV', '--no-such-flag'], 'USAGE'],
    [['ocra', '--suite', 'OCRA-2:HOTP-SHA1-6:QN08', '--key', 'GEZDGNBV', '--challenge', '1'], 'INVALID_OCRA_SUITE'],
    [['uri', 'parse', 'https://example.com'], 'INVALID_URI'],
    [['import', 'XUU75-RROTT-Y5IP6-U3BMW'], 'ACTIVATION_CHECKSUM'],
    [['hotp', 'GEZDGNBV', '--counter', '18446744073709551616'], 'INVALID_COUNTER'], // 2^64: refused, not silently empty
    [['totp', 'GEZDGNBV', '--steam', '--t0', '600'], 'USAGE'], // Steam codes have no T0
    [['ocra', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08', '--key', 'GEZDGNBV', '--challenge', '1', '--time', '59'], 'USAGE'], // no T in the suite
    [['uri', 'make', '--key', 'GEZDGNBV', '--account', 'a', '--type', 'hotp', '--period', '60'], 'USAGE'],
    [['verify', 'frob'], 'USAGE'],
  ];
  for (const [args, code] of cases) {
    const r = await cli(args);
    expect(r.status, args.join(' ')).toBe(2);
    expect(r.err, args.join(' ')).toMatch(new RegExp(`^oathkit: ${code}: `));
    expect(r.err).not.toMatch(/\n\s+at /); // no stack trace
  }
  expect((await cli([])).status).toBe(2); // no command: the help, as misuse
});

test('--help for every command, each with an example', slow, async () => {
  const general = await cli(['--help']);
  expect(general.status).toBe(0);
  expect(general.out).toMatch(/standard input/);
  const commands = [...general.out.matchAll(/^ {2}oathkit ([a-z]+(?: (?:hotp|totp|parse|make|encode|decode))?) /gm)].map((m) => m[1]!);
  expect(commands.length).toBeGreaterThanOrEqual(12);
  for (const c of commands) {
    const r = await cli([...c.split(' '), '--help']);
    expect(r.status, c).toBe(0);
    expect(r.out, c).toMatch(/^usage: oathkit .*\nexample: oathkit /);
  }
});
