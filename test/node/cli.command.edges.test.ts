// The helpers every command shares (src/cli/_command.ts), at their edges: tokenOf's messages in
// the command line's words, the window of codes at the first and last steps that exist, within's
// prefix, and what a token is called in a message. In-process, no process started.
import { describe, expect, test } from 'vitest';
import { labelOf, tokenOf, within } from '../../src/cli/_command.ts';
import { base32Decode, hotp, OtpError, type Token } from '../../src/index.ts';
import { run } from './cli-io.ts';

const K = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 4226's key, base32
const KEY = base32Decode(K);
const lines = (text: string) => text.split('\n').filter((l) => l !== '');
/** What a call throws (undefined: nothing). */
const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (e) {
    return e;
  }
  return undefined;
};

describe('tokenOf: the token model in the words of the command line', () => {
  test('a field is named as its option (--digits), the key as KEY; the code and the original error are kept', () => {
    const e = thrown(() => tokenOf({ kind: 'hotp', key: KEY, digits: 11 })) as OtpError;
    expect(e).toBeInstanceOf(OtpError);
    expect(e.code).toBe('INVALID_DIGITS');
    expect(e.message).toMatch(/--digits\b/);
    expect(e.message).not.toMatch(/token\./);
    expect((e.cause as OtpError).message).toMatch(/\btoken\.digits\b/);

    const k = thrown(() => tokenOf({ kind: 'hotp', key: new Uint8Array(0) })) as OtpError;
    expect(k.code).toBe('INVALID_KEY');
    expect(k.message).toMatch(/^KEY\b/);
    expect(k.message).not.toMatch(/token\.|--key/);
  });
  test('an error that names no field, or is no OtpError, passes through as it is', () => {
    const e = thrown(() => tokenOf(null as never)) as OtpError;
    expect(e).toBeInstanceOf(OtpError);
    expect(e.message).not.toMatch(/\btoken\.\w/);
    expect(e.cause).toBeUndefined(); // not wrapped
    const boom = new TypeError('token.kind could not be read');
    const input = Object.defineProperty({}, 'kind', {
      enumerable: true,
      get() {
        throw boom;
      },
    });
    expect(thrown(() => tokenOf(input as never))).toBe(boom);
  });
});

describe('the window of codes (hotp, totp --window)', () => {
  // TOTP's code at step s is HOTP's at counter s (RFC 6238 §4): the expected codes, independently.
  const at = (...steps: number[]) => steps.map((s) => hotp(KEY, s));
  test('steps before t0 are left out; the others run in order, now in the middle', async () => {
    expect(lines((await run(['totp', K, '--time', '0', '--window', '1'])).out)).toEqual(at(0, 1));
    expect(lines((await run(['totp', K, '--time', '29', '--window', '2'])).out)).toEqual(at(0, 1, 2));
    expect(lines((await run(['totp', K, '--time', '90', '--window', '2'])).out)).toEqual(at(1, 2, 3, 4, 5));
    // t0 in seconds: the step of now counts from it.
    expect(lines((await run(['totp', K, '--t0', '100', '--time', '160', '--window', '1'])).out)).toEqual(at(1, 2, 3));
  });
  test('a step past the last millisecond a Date holds (8.64e15 ms) is left out; one starting on it is not', async () => {
    // 8.64e15 ms is the first millisecond of step 288000000000 (30-s steps).
    const r = await run(['totp', K, '--time', '8640000000000', '--window', '1']);
    expect(r.status).toBe(0);
    expect(lines(r.out)).toEqual(at(287_999_999_999, 288_000_000_000));
  });
  test('a step whose now − t0 passes 2^53-1 ms is left out (t0 far before the epoch)', async () => {
    // t0 = -8.64e12 s; 1-s steps: step 9007199254740 starts 9007199254740000 ms after t0, the next past 2^53-1.
    const r = await run(['totp', K, '--t0=-8640000000000', '--period', '1', '--time', '367199254740', '--window', '1']);
    expect(r.status).toBe(0);
    expect(lines(r.out)).toEqual(at(9_007_199_254_739, 9_007_199_254_740));
  });
  test('HOTP counters up to 2^64-1, as bigints above 2^53-1', async () => {
    const r = await run(['hotp', K, '--counter', String(2n ** 64n - 2n), '--window', '3']);
    expect(lines(r.out)).toEqual([hotp(KEY, 2n ** 64n - 2n), hotp(KEY, 2n ** 64n - 1n)]);
    const safe = Number.MAX_SAFE_INTEGER;
    expect(lines((await run(['hotp', K, '--counter', String(safe), '--window', '1'])).out)).toEqual([hotp(KEY, safe), hotp(KEY, BigInt(safe) + 1n)]);
  });
});

describe('within: an error said to be of a line or a token', () => {
  test('an OtpError gets the prefix, keeps its code, and its cause is the original', () => {
    const original = new OtpError('INVALID_URI', 'it has no secret');
    const e = thrown(() =>
      within('line 3', () => {
        throw original;
      }),
    ) as OtpError;
    expect(e).toBeInstanceOf(OtpError);
    expect(e.code).toBe('INVALID_URI');
    expect(e.message).toMatch(/^line 3: /);
    expect(e.cause).toBe(original);
    expect(within('line 1', () => 7)).toBe(7);
  });
  test('any other error passes through unchanged', () => {
    const boom = new RangeError('boom');
    expect(
      thrown(() =>
        within('token 2', () => {
          throw boom;
        }),
      ),
    ).toBe(boom);
  });
});

describe('labelOf: what a token is called in a message', () => {
  const t = (fields: Partial<Token>) => ({ kind: 'totp', key: KEY, ...fields }) as Token;
  test.each([
    [{ issuer: 'Example', account: 'alice' }, 1, 'token 2 (Example:alice)'],
    [{ account: 'alice' }, 0, 'token 1 (alice)'],
    [{ issuer: 'Example' }, 0, 'token 1 (Example)'],
    [{ issuer: 'Example', serial: 'S-1' }, 4, 'token 5 (Example:S-1)'],
    [{ account: 'alice', serial: 'S-1' }, 0, 'token 1 (alice)'],
    [{}, 2, 'token 3'],
  ] as const)('%o at index %i is %s', (fields, i, label) => {
    expect(labelOf(t(fields), i)).toBe(label);
  });
});
