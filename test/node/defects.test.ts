// The defects of issue 13 ("green means green"), each with a test that failed before its fix: the
// command line (in-process through runCli; the built bin, dist/cli.js, where the process itself is
// the subject: a closed standard output, a directory as standard input, --version) and the library.
// Defect 6 (loose algorithm names) is fixed and tested with the SHA-224/384 work in _algorithm.ts.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { describe, expect, test } from 'vitest';
import { base32Decode, base64Decode, hexDecode, hotp, ocra, OtpError, totp, verifyOcra, verifyTotp } from '../../src/index.ts';
import { bin, realCli, root, run } from './cli-io.ts';

const slow = { timeout: 60_000 };
const KEY = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 6238's SHA-1 key in base32
const key = base32Decode(KEY);

/** `oathkit ARGS` in-process, standard input given as text. */
const cli = (args: string[], options: { input?: string } = {}) => run(args, options.input === undefined ? {} : { stdin: options.input });

function otpError(f: () => unknown): OtpError {
  try {
    f();
  } catch (e) {
    if (e instanceof OtpError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('defect 1: --time is floored to the millisecond, exactly as the library floors now', () => {
  test('decimals of any length, negative times, ISO dates with fractions', slow, async () => {
    const step0 = totp(key, { now: 0 }); // 755224
    const step1 = totp(key, { now: 30_000 }); // 287082
    for (const time of ['29.9995', '29.999', '29.9999999999999999999999', '1970-01-01T00:00:29.9995Z', '1970-01-01T00:00:29.999999999Z']) {
      expect(await cli(['totp', KEY, '--time', time]), time).toEqual({ status: 0, out: `${step0}\n`, err: '' });
    }
    expect((await cli(['totp', KEY, '--time', '30'])).out).toBe(`${step1}\n`);
    expect((await cli(['totp', KEY, '--time', '1970-01-01T00:00:30.000Z'])).out).toBe(`${step1}\n`);
    // -30.0005 s is -30000.5 ms, floored to -30001: 29999 ms after t0 = -60 s, still step 0.
    expect((await cli(['totp', KEY, '--time=-30.0005', '--t0=-60'])).out).toBe(`${step0}\n`);
    expect((await cli(['totp', KEY, '--time=-30', '--t0=-60'])).out).toBe(`${step1}\n`);
  });
});

describe('defect 2: a closed standard output ends the command quietly, with its own status', () => {
  test('oathkit hotp … --window 100000 | head -1', slow, async () => {
    const child = spawn(process.execPath, [bin, 'hotp', KEY, '--counter', '0', '--window', '100000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    const first = await new Promise<string>((resolve) => {
      let out = '';
      child.stdout.on('data', (c) => {
        out += c;
        if (out.includes('\n')) {
          child.stdout.destroy(); // the reader goes away, as head does
          resolve(out.slice(0, out.indexOf('\n')));
        }
      });
    });
    const status = await new Promise((resolve) => child.on('close', resolve));
    expect(first).toBe(hotp(key, 0));
    expect({ status, err }).toEqual({ status: 0, err: '' });
  });
});

describe('defect 3: decoded text is printed escaped (controls, bidi overrides), JSON escaped in --json', () => {
  // A label holding a line break (a forged second listing line), ESC [2J (clears the terminal)
  // and U+202E (reverses what follows).
  const uri = 'otpauth://totp/alice%E2%80%AEmoc.knab?secret=JBSWY3DPEHPK3PXP&issuer=Evil%0Atotp%20SHA1%206%20digits%2C%20period%2030%2C%20Bank%1B%5B2J%C2%9B';
  const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

  test('import prints one line, with every such character as an escape', slow, async () => {
    const r = await cli(['import', uri]);
    expect(r.status).toBe(0);
    expect(r.out.split('\n')).toHaveLength(2); // one line and the final line break
    expect(r.out).not.toMatch(raw);
    expect(r.out).toBe('totp SHA1 6 digits, period 30, Evil\\x0Atotp SHA1 6 digits, period 30, Bank\\x1B[2J\\x9B:alice\\u202Emoc.knab\n');
  });

  test('--json, uri parse and activation decode escape them too, and parse back to the text', slow, async () => {
    for (const args of [
      ['import', uri, '--json'],
      ['uri', 'parse', uri],
    ]) {
      const r = await cli(args);
      expect(r.status).toBe(0);
      expect(r.out).not.toMatch(raw);
      const parsed = JSON.parse(r.out);
      const token = Array.isArray(parsed) ? parsed[0] : parsed;
      expect([token.issuer, token.account]).toEqual(['Evil\ntotp SHA1 6 digits, period 30, Bank\u001b[2J\u009b', 'alice\u202emoc.knab']);
    }
  });

  test('an error message that quotes text is escaped as well', slow, async () => {
    const r = await cli(['totp', KEY, '--algorithm', 'SHA1\u202e\u009b']);
    expect(r.status).toBe(2);
    expect(r.err).not.toMatch(raw);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
  });
});

describe('defect 4: a TOTP --window is clipped to the steps that exist', () => {
  test('near t0: the steps before t0 are left out', slow, async () => {
    expect(await cli(['totp', KEY, '--time', '2000', '--t0', '1990', '--window', '1'])).toEqual({
      status: 0,
      out: `${hotp(key, 0)}\n${hotp(key, 1)}\n`,
      err: '',
    });
    expect((await cli(['totp', KEY, '--time', '10', '--window', '2', '--steam'])).out.split('\n')).toHaveLength(4); // steps 0, 1, 2
  });
  test('near the end of time: the steps past the last valid millisecond are left out', slow, async () => {
    // 8639999999999 s is step 287999999999; step 288000000000 begins at 8.64e15 ms, the last valid one.
    const steps = [287_999_999_997, 287_999_999_998, 287_999_999_999, 288_000_000_000];
    expect(await cli(['totp', KEY, '--time', '8639999999999', '--window', '2'])).toEqual({
      status: 0,
      out: steps.map((s) => `${hotp(key, s)}\n`).join(''),
      err: '',
    });
  });
});

describe('defect 5: verifyTotp keeps every step exact: drift is bounded', () => {
  test('a drift near 2^53 is refused, where now + drift rounded and a step outside the window matched', () => {
    // now is step 4; 4 + (2^53 - 3) = 2^53 + 1 rounds to 2^53, so the window { past: 1 } of the
    // centre 2^53 + 1 reached step 2^53 - 1, which lies outside it.
    const options = { now: 4 * 30_000, drift: Number.MAX_SAFE_INTEGER - 2, window: { past: 1, future: 0 } };
    expect(otpError(() => verifyTotp(hotp(key, Number.MAX_SAFE_INTEGER), key, options)).code).toBe('INVALID_DRIFT');
  });
  test('within the bound the arithmetic is exact', () => {
    const now = 1_700_000_000_000;
    const step = Math.floor(now / 30_000);
    expect(verifyTotp(hotp(key, step + 200_000), key, { now, drift: 200_000, window: 0 })).toEqual({ delta: 200_000, step: step + 200_000 });
    expect(verifyTotp(hotp(key, step - 200_001), key, { now, drift: -200_000, window: { past: 1, future: 0 } })).toEqual({
      delta: -200_001,
      step: step - 200_001,
    });
    expect(otpError(() => verifyTotp('000000', key, { now, drift: 200_001 })).code).toBe('INVALID_DRIFT');
  });
});

describe('defect 7: a whole group of base32 padding is an error', () => {
  test("'AAAAAAAA========' and '========' are refused; padding that fills the last group is not", () => {
    for (const text of ['AAAAAAAA========', '========', 'MZXW6===========', 'MZXW6====', 'AAAAAAAA=']) {
      expect(otpError(() => base32Decode(text)).code, text).toBe('INVALID_BASE32');
    }
    expect(base32Decode('AAAAAAAA')).toEqual(new Uint8Array(5));
    expect(base32Decode('MZXQ====')).toEqual(new Uint8Array([0x66, 0x6f]));
    expect(base32Decode('')).toEqual(new Uint8Array(0));
  });
  test('base64 likewise: no whole group more of padding after a partial group', () => {
    for (const text of ['Zg======', 'Zm8=====', 'Zg===', 'AAAA====']) expect(otpError(() => base64Decode(text)).code, text).toBe('INVALID_BASE64');
    expect(base64Decode('Zg==')).toEqual(new Uint8Array([0x66]));
    expect(base64Decode('Zm8=')).toEqual(new Uint8Array([0x66, 0x6f]));
  });
});

describe('defect 8: standard input is read as it is, less one final line break', () => {
  const suite = 'OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1';
  const key32 = '3132333435363738393031323334353637383930313233343536373839303132';
  const args = ['ocra', '--suite', suite, '--key', key32, '--hex', '--challenge', '12345678', '--counter', '0'];
  test("--pin - with ' 1234 ' gives the response of --pin ' 1234 '", slow, async () => {
    const expected = ocra(suite, hexDecode(key32), { challenge: '12345678', counter: 0, pin: ' 1234 ' });
    expect(expected).not.toBe(ocra(suite, hexDecode(key32), { challenge: '12345678', counter: 0, pin: '1234' }));
    expect((await cli([...args, '--pin', ' 1234 '])).out).toBe(`${expected}\n`);
    for (const input of [' 1234 ', ' 1234 \n', ' 1234 \r\n']) {
      expect(await cli([...args, '--pin', '-'], { input }), JSON.stringify(input)).toEqual({ status: 0, out: `${expected}\n`, err: '' });
    }
  });
  test('a directory as standard input is a usage error, not INTERNAL', slow, async () => {
    const fd = openSync('/', 'r');
    try {
      const r = realCli(['totp', '-', '--time', '59'], { stdin: fd }); // the real process: main.ts's Io
      expect(r.status).toBe(2);
      expect(r.err).toMatch(/^oathkit: USAGE: KEY is - but standard input cannot be read \(it is a directory\)/);
    } finally {
      closeSync(fd);
    }
  });
});

describe('defect 9: a malformed OCRA suite is INVALID_OCRA_SUITE, whatever else is given', () => {
  test('ocra --suite …-T1X --time 0', slow, async () => {
    const r = await cli([
      'ocra',
      '--suite',
      'OCRA-1:HOTP-SHA1-6:QN08-T1X',
      '--key',
      '3132333435363738393031323334353637383930',
      '--hex',
      '--challenge',
      '00000000',
      '--time',
      '0',
    ]);
    expect(r.status).toBe(2);
    expect(r.err).toMatch(/^oathkit: INVALID_OCRA_SUITE: /);
    // A well-formed suite without T still says so.
    const noT = await cli([
      'ocra',
      '--suite',
      'OCRA-1:HOTP-SHA1-6:QN08',
      '--key',
      '3132333435363738393031323334353637383930',
      '--hex',
      '--challenge',
      '00000000',
      '--time',
      '0',
    ]);
    expect(noT.err).toMatch(/^oathkit: USAGE: --time: suite OCRA-1:HOTP-SHA1-6:QN08 has no T/);
  });
});

describe('defect 10: a Date from another realm is a Date', () => {
  test('a vm Date is accepted as now; an invalid one and look-alikes are refused', () => {
    const foreign = runInNewContext('new Date(59000)') as Date;
    expect(foreign instanceof Date).toBe(false); // another realm's Date, or this proves nothing
    expect(totp(key, { now: foreign, digits: 8 })).toBe(totp(key, { now: 59_000, digits: 8 }));
    expect(verifyTotp(totp(key, { now: 59_000 }), key, { now: foreign })).toEqual({ delta: 0, step: 1 });
    expect(otpError(() => totp(key, { now: runInNewContext('new Date(NaN)') as Date })).message).toMatch(/an invalid Date/);
    for (const fake of [{ getTime: () => 59_000 }, Object.create(Date.prototype), Object.assign(Object.create(Date.prototype), { getTime: () => 59_000 })]) {
      expect(otpError(() => totp(key, { now: fake })).code).toBe('INVALID_TIME');
    }
  });
});

describe('OCRA: counterWindow and timeWindow are capped together', () => {
  const suite = 'OCRA-1:HOTP-SHA1-6:C-QN08-T1M';
  const input = { challenge: '00000000', counter: 0, timestamp: 1000 };
  test('their product (counterWindow + 1) × (2 × timeWindow + 1) is at most 200001', () => {
    expect(otpError(() => verifyOcra('000000', suite, key, input, { counterWindow: 1, timeWindow: 100_000 })).code).toBe('INVALID_WINDOW');
    expect(otpError(() => verifyOcra('000000', suite, key, input, { counterWindow: 100_000, timeWindow: 100_000 })).code).toBe('INVALID_WINDOW');
    expect(otpError(() => verifyOcra('000000', suite, key, input, { counterWindow: 200, timeWindow: 500 })).code).toBe('INVALID_WINDOW'); // 201 × 1001
    // At the cap, and each window alone at its own cap, still verify.
    const response = ocra(suite, key, { ...input, counter: 3, timestamp: 1005 });
    expect(verifyOcra(response, suite, key, input, { counterWindow: 3, timeWindow: 10 })).toEqual({ counterDelta: 3, timeDelta: 5 });
    expect(verifyOcra(response, suite, key, { ...input, counter: 3 }, { timeWindow: 100_000 })).toEqual({ counterDelta: 0, timeDelta: 5 });
    expect(verifyOcra(ocra(suite, key, { ...input, counter: 99 }), suite, key, input, { counterWindow: 99, timeWindow: 999 })).toEqual({
      counterDelta: 99,
      timeDelta: 0,
    }); // 100 × 1999 = 199900
  }, 60_000);
});

describe('CLI usage errors: one line, what was wrong and what to write', () => {
  test('--counter -1 is one line naming --counter=', slow, async () => {
    const r = await cli(['hotp', KEY, '--counter', '-1']);
    expect(r.status).toBe(2);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^oathkit: USAGE: --counter needs a value; a value that starts with '-' is written --counter=-1/);
    expect((await cli(['hotp', KEY, '--counter=-1'])).err).toMatch(/^oathkit: USAGE: --counter must be a decimal integer from 0 to 2\^64-1, got "-1"/);
  });
  test('an unknown option: one line, quotes that pair', slow, async () => {
    const r = await cli(['hotp', KEY, '--counter', '0', '--foo']);
    expect(r.status).toBe(2);
    expect(r.err.trimEnd().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/^oathkit: USAGE: unknown option --foo for oathkit hotp; usage: oathkit hotp KEY/);
    expect((r.err.match(/'/g) ?? []).length % 2).toBe(0);
    expect((r.err.match(/"/g) ?? []).length % 2).toBe(0);
    expect((await cli(['keygen', '--hex=3'])).err).toMatch(/^oathkit: USAGE: --hex takes no value/);
    expect((await cli(['hotp', KEY, '--counter'])).err).toMatch(/^oathkit: USAGE: --counter needs a value/);
  });
  test('text that is no activation string, URI or MobilePASS code is said to be none of them', slow, async () => {
    for (const args of [
      ['import', 'JBSWY3DPEHPK3PXP'],
      ['activation', 'decode', 'JBSWY3DPEHPK3PXP'],
    ]) {
      const r = await cli(args);
      expect(r.status).toBe(2);
      expect(r.err).toMatch(
        /^oathkit: INVALID_ACTIVATION: the text \(16 symbols\) is not an otpauth:\/\/ URI, not an activation string .* and not a MobilePASS code .*: it looks like a bare base32 key/,
      );
    }
    const hello = await cli(['activation', 'decode', 'hello']);
    expect(hello.err).toMatch(/^oathkit: INVALID_ACTIVATION: the text \(5 symbols\) is not an otpauth:\/\/ URI/);
    expect(hello.err).not.toMatch(/base32 key/);
    // A real activation string with one symbol mistyped is still a checksum error.
    expect((await cli(['activation', 'decode', '10RK-4CSM-6NV3-EE1S-60RK-4CSM-6MV3-EE1S-60YC-92'])).err).toMatch(/^oathkit: ACTIVATION_CHECKSUM: /);
  });
  test('--version prints the package version', slow, async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
    expect(realCli(['--version'])).toEqual({ status: 0, out: `${version}\n`, err: '' }); // the built bin: tsup writes the version in
    expect((await cli(['--version'])).out).toBe('unknown (run from the sources)\n');
  });
});
