// The shared options of the command line at their edges (src/cli/_args.ts): whole numbers, --counter
// up to 2^64-1, --time as Unix seconds or an ISO date floored to the millisecond, --window's range,
// --period and --t0, and KEY (the hint for hex given as base32, the prompt for a key typed in).
// In-process (runCli with memory Io) and, for --time's milliseconds, which no code can show, through
// time() itself. Every refusal is exit 2 with one escaped line naming the option.
import { describe, expect, test } from 'vitest';
import { keyBytes, parseOptions, time } from '../../src/cli/_args.ts';
import { Context, UsageError } from '../../src/cli/_io.ts';
import { base32Decode, hotp, OtpError, totp } from '../../src/index.ts';
import { memoryIo, refused, run } from './cli-io.ts';

const K = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 4226's key, base32
const KEY = base32Decode(K);
const HEX20 = '3132333435363738393031323334353637383930';
/** Characters a terminal acts on (as the CLI escapes them). */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/;

/** Runs `oathkit ARGS` and returns its one error line (after `oathkit: `), asserting exit status 2. */
/** Refused (cli-io's `refused`), and the line shows no raw control or bidi character. */
async function refusedEscaped(args: string[]): Promise<string> {
  const line = await refused(args);
  expect(line).not.toMatch(RAW);
  return line;
}

describe('whole-number options', () => {
  test.each(['6x', 'x6', '6.0', '+6', ''])('--digits %j is misuse naming the option and quoting the value', async (value) => {
    const line = await refusedEscaped(['hotp', K, '--counter', '0', `--digits=${value}`]);
    expect(line).toMatch(/^USAGE: --digits must be an integer/);
    expect(line).toContain(JSON.stringify(value));
  });
  test.each(['9007199254740992', '-9007199254740992', '99999999999999999999999'])('--period %s is beyond ±(2^53-1): refused, never rounded', async (value) => {
    const line = await refusedEscaped(['totp', K, `--period=${value}`]);
    expect(line).toMatch(/^USAGE: --period must be an integer within ±\(2\^53-1\)/);
    expect(line).toContain(JSON.stringify(value));
  });
  test('±(2^53-1) itself is read exactly (the library then judges its range)', async () => {
    const line = await refusedEscaped(['totp', K, '--t0=-9007199254740991']);
    expect(line).not.toMatch(/^USAGE/);
  });
  test('a value with terminal controls is quoted escaped', async () => {
    const line = await refusedEscaped(['hotp', K, '--counter', '0', '--digits', '6\u001b[2J\u202e']);
    expect(line).toMatch(/^USAGE: --digits/);
  });
});

describe('--counter', () => {
  const codeAt = async (counter: string) => {
    const r = await run(['hotp', K, '--counter', counter]);
    expect(r.status, r.err).toBe(0);
    return r.out.trim();
  };
  test.each(['5x', 'x5', '1.0', '+1', '000000000000000000001'])('%j is misuse: a decimal integer of at most 20 digits', async (value) => {
    const line = await refusedEscaped(['hotp', K, `--counter=${value}`]);
    expect(line).toMatch(/^USAGE: --counter must be a decimal integer from 0 to 2\^64-1/);
    expect(line).toContain(JSON.stringify(value));
  });
  test('-1 is misuse too', async () => {
    expect(await refusedEscaped(['hotp', K, '--counter=-1'])).toMatch(/^USAGE: --counter .*"-1"/);
  });
  test('2^64 and above are INVALID_COUNTER; 2^64-1 is the last counter', async () => {
    for (const value of ['18446744073709551616', '99999999999999999999']) {
      const line = await refusedEscaped(['hotp', K, '--counter', value]);
      expect(line).toMatch(/^INVALID_COUNTER: --counter must be at most 2\^64-1/);
      expect(line).toContain(value);
    }
    expect(await codeAt('18446744073709551615')).toBe(hotp(KEY, 2n ** 64n - 1n));
  });
  test('counters around 2^53 are exact', async () => {
    for (const c of [2n ** 53n - 2n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n]) expect(await codeAt(String(c))).toBe(hotp(KEY, c));
    expect(await codeAt('00000000000000000007')).toBe(hotp(KEY, 7));
  });
  test('optional where the command has a default: uri make --type hotp', async () => {
    const r = await run(['uri', 'make', K, '--type', 'hotp', '--account', 'alice']);
    expect(r.status, r.err).toBe(0);
    expect(r.out).toMatch(/^otpauth:\/\/hotp\/alice\?/);
  });
  test('required by hotp', async () => {
    expect(await refusedEscaped(['hotp', K])).toMatch(/^USAGE: --counter N is required/);
  });
});

describe('--time', () => {
  const at = (v: string) => time({ time: v });
  test.each([
    ['0', 0],
    ['1', 1000],
    ['1.5', 1500],
    ['1.55', 1550],
    ['1.123456', 1123],
    ['29.9995', 29_999],
    ['0.9999', 999],
    ['1.0005', 1000],
    ['1.0000', 1000],
    ['-1', -1000],
    ['-1.5', -1500],
    ['-1.0005', -1001],
    ['-1.0001000', -1001],
    ['-1.0000', -1000],
    ['-0.0001', -1],
    ['1700000000.999999999', 1_700_000_000_999],
  ])('Unix seconds %s are %d ms, floored (never rounded)', (v, ms) => {
    expect(at(v)).toBe(ms);
  });
  test.each([
    ['2023-11-14T22:13:20Z', 1_700_000_000_000],
    ['2023-11-14T22:13:20.5Z', 1_700_000_000_500],
    ['2023-11-14T22:13:21.9999Z', 1_700_000_001_999],
    ['2023-11-14T22:13:59.9999999Z', 1_700_000_039_999],
    ['2023-11-14T22:13:20.1234+01:00', 1_699_996_400_123],
    ['2023-11-14T22:13:20.123+01:00', 1_699_996_400_123],
    ['2023-11-14T22:13:20.123-0130', 1_700_005_400_123],
    ['2023-11-14', 1_699_920_000_000],
  ])('the ISO date %s is %d ms, its fraction floored', (v, ms) => {
    expect(at(v)).toBe(ms);
  });
  test('absent: undefined (the command asks its clock)', () => {
    expect(time({})).toBeUndefined();
  });
  test.each([
    'x1',
    '1x',
    '1.',
    '.5',
    '1e3',
    '0x10',
    'yesterday',
    'Nov 14 2023',
    '14 Nov 2023 22:13:20 GMT',
    '2023-11-1',
    'x2023-11-14',
    '2023-11-14x',
    '2023-13-01',
    'Tue 2023-11-14',
    'Nov 2023-11-14',
    '12023-11-14',
    // Date.parse reads these (in local time): after the date comes T or a space, or nothing.
    '2023-11-14,22:13:20',
    '2023-11-14.22:13:20',
    '2023-11-14_22:13:20Z',
  ])('%j is misuse naming --time and quoting the value', async (value) => {
    expect(() => at(value)).toThrow(UsageError);
    const line = await refusedEscaped(['totp', K, `--time=${value}`]);
    expect(line).toMatch(/^USAGE: --time must be Unix seconds or an ISO 8601 date/);
    expect(line).toContain(JSON.stringify(value));
  });
  test.each(['2023-11-14T22:13:20', '2023-11-14T22:13', '2023-11-14 22:13:20', '2023-11-14t22:13:20.5', '2023-11-14T22:13:20+01', '2023-11-14T22:13:20-1'])(
    'the time of day %j without a zone is refused (Date.parse would read it in local time)',
    async (value) => {
      expect(() => at(value)).toThrow(UsageError);
      const line = await refusedEscaped(['totp', K, `--time=${value}`]);
      expect(line).toMatch(/^USAGE: --time .* has a time of day but no zone: add Z \(UTC\) or an offset/);
      expect(line).toContain(JSON.stringify(value));
    },
  );
  test.each([
    ['2023-11-14T22:13:20z', 1_700_000_000_000],
    ['2023-11-14 22:13:20Z', 1_700_000_000_000],
    ['2023-11-14T22:13:20+0100', 1_699_996_400_000],
    ['2023-11-14Z', 1_699_920_000_000],
  ])('the time of day %j with a zone is read', (v, ms) => {
    expect(at(v)).toBe(ms);
  });
  test('a time before the epoch reaches the library floored: -0.0001 s is in the step before 0', async () => {
    // With t0 = -30 s, step 0 is [-30 s, 0 s) and step 1 begins at 0.
    const code = async (t: string) => (await run(['totp', K, `--time=${t}`, '--t0=-30'])).out.trim();
    expect(await code('-0.0001')).toBe(totp(KEY, { now: -1, t0: -30 }));
    expect(totp(KEY, { now: -1, t0: -30 })).not.toBe(totp(KEY, { now: 0, t0: -30 })); // steps 0 and 1 differ
    expect(await code('-0.5')).toBe(totp(KEY, { now: -30_000, t0: -30 }));
    expect(await code('0')).toBe(totp(KEY, { now: 0, t0: -30 }));
  });
});

describe('--window for the commands that print codes', () => {
  test.each(['-1', '100001'])('%s is outside 0 … 100000', async (w) => {
    const line = await refusedEscaped(['hotp', K, '--counter', '0', `--window=${w}`]);
    expect(line).toMatch(/^USAGE: --window must be 0 … 100000/);
  });
  test('100000 prints 100001 codes', async () => {
    const r = await run(['hotp', K, '--counter', '0', '--window', '100000']);
    expect(r.status, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines.length).toBe(100_001);
    expect([lines[0], lines[100_000]]).toEqual([hotp(KEY, 0), hotp(KEY, 100_000)]);
  });
});

describe('--period and --t0', () => {
  test.each([
    [['--period', '60'], { period: 60 }],
    [['--t0', '30'], { t0: 30 }],
    [['--period', '10', '--t0', '5'], { period: 10, t0: 5 }],
  ])('totp %j', async (args, options) => {
    const r = await run(['totp', K, '--time', '100', ...args]);
    expect(r.status, r.err).toBe(0);
    expect(r.out.trim()).toBe(totp(KEY, { now: 100_000, ...options }));
    expect(r.out.trim()).not.toBe(totp(KEY, { now: 100_000 }));
  });
});

describe('KEY', () => {
  test('typed in for -: asked for as a secret (a prompt, no echo)', async () => {
    const prompts: string[] = [];
    const r = await run(['totp', '-', '--time', '59'], { stdin: `${K}\n`, prompts });
    expect(r).toEqual({ status: 0, out: `${totp(KEY, { now: 59_000 })}\n`, err: '' });
    expect(prompts).toEqual(['KEY: ']);
  });
  test.each([HEX20, HEX20.toLowerCase(), '01890189', 'ab01'])('hex %s given as base32 is said to be hex', async (key) => {
    const line = await refusedEscaped(['totp', key]);
    expect(line).toMatch(/^INVALID_BASE32: .*\(KEY looks like hex: add --hex\)$/);
  });
  test('through --key the hint names what was given', () => {
    const ctx = new Context(memoryIo().io);
    let error: unknown;
    try {
      keyBytes(HEX20, {}, ctx, '--key');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OtpError);
    expect((error as OtpError).code).toBe('INVALID_BASE32');
    expect((error as OtpError).message).toContain('--key looks like hex: add --hex');
    // The base32 decoder's own error is kept as the cause.
    expect((error as OtpError).cause).toBeInstanceOf(OtpError);
    expect(((error as OtpError).cause as OtpError).code).toBe('INVALID_BASE32');
  });
  test.each([
    ['!!00', 'not hex'],
    ['00!!', 'not hex'],
    ['ZZ01', 'not hex'],
    ['012', 'odd length'],
    ['01890', 'odd length'],
    ['ABCDEF', 'no 0, 1, 8 or 9: could be base32'],
  ])('%s (%s) is INVALID_BASE32 without the hint', async (key) => {
    const line = await refusedEscaped(['totp', key]);
    expect(line).toMatch(/^INVALID_BASE32: /);
    expect(line).not.toContain('hex');
  });
});

describe('the one parser', () => {
  const where = { name: 'x', usage: 'oathkit x' };
  test("an unknown option's value is not repeated (it may be a secret)", async () => {
    expect(() => parseOptions(['--secret=HUNTER2'], {}, where)).toThrow(/unknown option --secret for oathkit x/);
    const line = await refusedEscaped(['totp', '--pasword=HUNTER2', K]);
    expect(line).toMatch(/^USAGE: unknown option --pasword for oathkit totp/);
    expect(line).not.toContain('HUNTER2');
  });
  test("a command's option of a type other than 'string' or 'boolean' is a TypeError naming it, before any argument is read", () => {
    const bad = { n: { type: 'number' } } as unknown as Parameters<typeof parseOptions>[1];
    expect(() => parseOptions([], bad, where)).toThrow(TypeError);
    expect(() => parseOptions(['--n', '5'], bad, where)).toThrow(/oathkit x: option --n is declared "number", not 'string' or 'boolean'/);
    expect(() => parseOptions([], { n: {} } as unknown as Parameters<typeof parseOptions>[1], where)).toThrow(/option --n is declared undefined/);
    expect(parseOptions(['--n', '5', '-f'], { n: { type: 'string' }, f: { type: 'boolean', short: 'f' } }, where)).toEqual({
      values: { n: '5', f: true },
      positionals: [],
    });
  });
  test('an unknown long option is cut to 40 characters', async () => {
    const line = await refusedEscaped(['totp', `--${'y'.repeat(100)}`, K]);
    expect(line).toContain(`unknown option --${'y'.repeat(38)} for`);
  });
});
