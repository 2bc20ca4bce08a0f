// `oathkit ocra` (src/cli/ocra.ts) at its edges: each input the suite names reaches ocra() from its
// option (--counter, --pin, --pin - on standard input, --pin-hash, --session, --time), and the misuse
// the command refuses before computing (no --suite, no --challenge, --time for a suite without T).
// The responses are compared with the library's own ocra() and RFC 6287's vectors. In-process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { hexDecode, ocra } from '../../src/index.ts';
import { root, run } from './cli-io.ts';

interface Rfc6287 {
  suite: string;
  key_hex: string;
  challenge: string;
  response: string;
  counter: number;
  pin: string;
}

const HEX20 = '3132333435363738393031323334353637383930'; // RFC 6287's 20-byte key
const HEX32 = `${HEX20}313233343536373839303132`; // its 32-byte key
const PIN_SUITE = 'OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1';
const SHA1_1234 = '7110eda4d09e062aa5e4a390b0a572ac0d2c0220'; // SHA-1 of the PIN "1234"

describe('ocra: each input the suite names comes from its option', () => {
  test('--pin, --pin - (read as a secret, with a prompt naming --pin) and --pin-hash give RFC 6287 C.1 response', async () => {
    const base = ['ocra', HEX32, '--hex', '--suite', PIN_SUITE, '--challenge', '12345678', '--counter', '0'];
    expect(await run([...base, '--pin', '1234'])).toEqual({ status: 0, out: '65347737\n', err: '' });
    expect(await run([...base, '--pin-hash', SHA1_1234])).toEqual({ status: 0, out: '65347737\n', err: '' });
    const prompts: string[] = [];
    expect(await run([...base, '--pin', '-'], { stdin: '1234\n', prompts })).toEqual({ status: 0, out: '65347737\n', err: '' });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toMatch(/--pin\b/);
    // Another PIN, another response: the PIN given is the one used.
    expect((await run([...base, '--pin', '1235'])).out).not.toBe('65347737\n');
  });
  test('--counter: the suite with C gives RFC 6287 C.1 responses at each counter', async () => {
    const vectors = (JSON.parse(readFileSync(join(root, 'vectors', 'rfc6287.json'), 'utf8')) as { vectors: Rfc6287[] }).vectors;
    const withCounter = vectors.filter((v) => v.suite === PIN_SUITE);
    expect(withCounter.length).toBeGreaterThan(2);
    for (const v of withCounter) {
      const args = ['ocra', v.key_hex, '--hex', '--suite', v.suite, '--challenge', v.challenge, '--counter', String(v.counter), '--pin', v.pin];
      expect((await run(args)).out, `counter ${v.counter}`).toBe(`${v.response}\n`);
    }
  });
  test('--session: the session data given is the one used (as the library computes it)', async () => {
    const suite = 'OCRA-1:HOTP-SHA1-6:QN08-S064';
    for (const session of ['00', 'ab'.repeat(64), '0123456789abcdef']) {
      const want = ocra(suite, hexDecode(HEX20), { challenge: '00000000', session });
      expect(await run(['ocra', HEX20, '--hex', '--suite', suite, '--challenge', '00000000', '--session', session])).toEqual({
        status: 0,
        out: `${want}\n`,
        err: '',
      });
    }
  });
  test('--time for a suite with T is the time used; without --time, the clock', async () => {
    const suite = 'OCRA-1:HOTP-SHA1-6:QN08-T1M';
    for (const seconds of [0, 59, 60, 1_000_000]) {
      const want = ocra(suite, hexDecode(HEX20), { challenge: '00000000', now: seconds * 1000 });
      expect((await run(['ocra', HEX20, '--hex', '--suite', suite, '--challenge', '00000000', '--time', String(seconds)])).out).toBe(`${want}\n`);
    }
    const now = 1_700_000_000_000;
    const atNow = ocra(suite, hexDecode(HEX20), { challenge: '00000000', now });
    expect((await run(['ocra', HEX20, '--hex', '--suite', suite, '--challenge', '00000000'], { now })).out).toBe(`${atNow}\n`);
  });
});

describe('ocra: misuse refused before computing', () => {
  const usage = async (args: string[]) => {
    const r = await run(['ocra', HEX20, '--hex', ...args]);
    expect(r.status).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^oathkit: USAGE: /);
    return r.err;
  };
  test('no --suite, no --challenge: named', async () => {
    expect(await usage(['--challenge', '00000000'])).toMatch(/--suite\b.*required/);
    expect(await usage(['--suite', 'OCRA-1:HOTP-SHA1-6:QN08'])).toMatch(/--challenge\b.*required/);
  });
  test('--time for a suite without T: named, with the suite', async () => {
    const err = await usage(['--suite', 'OCRA-1:HOTP-SHA1-6:QN08', '--challenge', '00000000', '--time', '5']);
    expect(err).toMatch(/--time\b/);
    expect(err).toContain('OCRA-1:HOTP-SHA1-6:QN08');
    expect(err).toMatch(/\bT\b/);
  });
});

test('the short options -s, -q, -c and -t are --suite, --challenge, --counter and --time', async () => {
  const long = ['ocra', HEX32, '--hex', '--suite', PIN_SUITE, '--challenge', '12345678', '--counter', '0', '--pin', '1234'];
  const short = ['ocra', HEX32, '-x', '-s', PIN_SUITE, '-q', '12345678', '-c', '0', '--pin', '1234'];
  expect(await run(long)).toEqual({ status: 0, out: '65347737\n', err: '' });
  expect(await run(short)).toEqual({ status: 0, out: '65347737\n', err: '' });
  const timed = ['ocra', HEX20, '--hex', '--suite', 'OCRA-1:HOTP-SHA1-6:QN08-T1M', '--challenge', '00000000'];
  const at = await run([...timed, '--time', '2023-11-14T22:13:20Z']);
  expect(at.status, at.err).toBe(0);
  expect(await run([...timed, '-t', '2023-11-14T22:13:20Z'])).toEqual(at);
  // Another minute, another response: -t is not ignored.
  expect((await run([...timed, '-t', '2023-11-14T22:14:20Z'])).out).not.toBe(at.out);
});
