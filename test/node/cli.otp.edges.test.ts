// The one-time password commands (src/cli/otp.ts) at their edges: totp --steam with the options it
// cannot honour, verify and resync without a code or a counter, with no match, with --window; code
// with skipped entries. In-process, no process started.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { root, run } from './cli-io.ts';

const K = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'; // RFC 4226's key, base32

/** A misuse: exit status 2, nothing on standard output, one USAGE line; the line is returned. */
const usage = async (args: string[]) => {
  const r = await run(args);
  expect(r.status, args.join(' ')).toBe(2);
  expect(r.out).toBe('');
  expect(r.err, args.join(' ')).toMatch(/^oathkit: USAGE: /);
  return r.err;
};

describe('totp --steam', () => {
  test('each of --digits, --algorithm, --t0 is refused with --steam, named; --period is not', async () => {
    for (const [option, value] of [
      ['--digits', '6'],
      ['--algorithm', 'SHA1'],
      ['--t0', '0'],
    ] as const) {
      const err = await usage(['totp', K, '--steam', option, value, '--time', '59']);
      expect(err, option).toMatch(/--steam\b/);
      expect(err, option).toContain(option);
    }
    expect(await run(['totp', K, '--steam', '--period', '60', '--time', '59'])).toMatchObject({ status: 0, err: '' });
  });
});

describe('verify hotp, verify totp, resync', () => {
  test('a missing CODE (CODE1, CODE2) or --counter is misuse, named', async () => {
    expect(await usage(['verify', 'hotp', K, '--counter', '0'])).toMatch(/\bCODE\b/);
    expect(await usage(['verify', 'totp', K, '--time', '59'])).toMatch(/\bCODE\b/);
    expect(await usage(['resync', K, '--counter', '0'])).toMatch(/\bCODE2\b/);
    expect(await usage(['resync', K, '399871', '--counter', '0'])).toMatch(/\bCODE2\b/);
    expect(await usage(['verify', 'hotp', K, '755224'])).toMatch(/--counter\b/);
    expect(await usage(['resync', K, '399871', '520489'])).toMatch(/--counter\b/);
  });
  test('no match: "no match" and exit status 1', async () => {
    const none = { status: 1, out: 'no match\n', err: '' };
    expect(await run(['verify', 'hotp', K, '000000', '--counter', '0'])).toEqual(none);
    expect(await run(['verify', 'totp', K, '000000', '--time', '59'])).toEqual(none);
    expect(await run(['resync', K, '000000', '000001', '--counter', '0'])).toEqual(none);
  });
  test('verify totp --window W: steps now-W … now+W, no further', async () => {
    // The code of step 3 (seconds 90–119), verified at step 1: delta 2.
    const code = (await run(['totp', K, '--time', '90'])).out.trim();
    expect(await run(['verify', 'totp', K, code, '--time', '30', '--window', '2'])).toEqual({ status: 0, out: 'delta 2, step 3\n', err: '' });
    expect((await run(['verify', 'totp', K, code, '--time', '30', '--window', '1'])).status).toBe(1);
    expect((await run(['verify', 'totp', K, code, '--time', '30'])).status).toBe(1); // default 1
  });
  test('resync --window W and --digits: the pair at delta 8 is found within 8, not within 7', async () => {
    const found = { status: 0, out: 'delta 8, next counter 10\n', err: '' };
    expect(await run(['resync', K, '399871', '520489', '--counter', '0', '--window', '8'])).toEqual(found);
    expect(await run(['resync', K, '399871', '520489', '--counter', '0', '--window', '7'])).toEqual({ status: 1, out: 'no match\n', err: '' });
    // RFC 4226's codes of counters 8 and 9 at 8 digits (the 6-digit ones are their last six).
    const eight = [
      (await run(['hotp', K, '--counter', '8', '--digits', '8'])).out.trim(),
      (await run(['hotp', K, '--counter', '9', '--digits', '8'])).out.trim(),
    ];
    expect(eight.map((c) => c.slice(2))).toEqual(['399871', '520489']);
    expect(await run(['resync', K, ...eight, '--counter', '0', '--digits', '8'])).toEqual(found);
  });
});

describe('code SOURCE', () => {
  test('entries the source holds but cannot give a code for are named on standard error, "skipped …"', async () => {
    const files = { 'fig5.xml': readFileSync(join(root, 'vectors', 'rfc6030', 'figure5.pskcxml'), 'utf8') };
    const r = await run(['code', 'fig5.xml'], { files });
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/^\d{8}\n$/);
    expect(r.err).toMatch(/^oathkit: skipped KeyPackage 2\b/);
  });
});
