// OCRA boundaries that mutation testing (test/MUTATION.md) found unpinned: counter and time words
// crossing 2^32 and the ends of 0 … 2^64-1, responses that are almost digits or almost hex, malformed
// suite objects, and the Q field's caps.
import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ocra, parseOcraSuite, verifyOcra } from '../../src/index.ts';
import { otpError } from './otp-error.ts';

const KEY = new TextEncoder().encode('12345678901234567890');
const TWO_32 = 2 ** 32;

/** OCRA-1:HOTP-SHA1-6:C-QN08-T1M by node:crypto: the DataInput of RFC 6287 §5.1 written out by hand. */
function reference(counter: bigint, time: bigint): string {
  const suite = Buffer.from('OCRA-1:HOTP-SHA1-6:C-QN08-T1M');
  const c = Buffer.alloc(8);
  c.writeBigUInt64BE(counter);
  const q = Buffer.alloc(128);
  Buffer.from((12345678).toString(16).padEnd(8, '0'), 'hex').copy(q); // QN: the number in hex, left-aligned
  const t = Buffer.alloc(8);
  t.writeBigUInt64BE(time);
  const mac = createHmac('sha1', KEY)
    .update(Buffer.concat([suite, Buffer.alloc(1), c, q, t]))
    .digest();
  return String((mac.readUInt32BE(mac[19]! & 0x0f) & 0x7fffffff) % 1e6).padStart(6, '0');
}

describe('counter and time words', () => {
  const suite = 'OCRA-1:HOTP-SHA1-6:C-QN08-T1M';
  const at = (counter: bigint, time: bigint) => ocra(suite, KEY, { challenge: '12345678', counter, timestamp: time });

  test('the reference agrees on both sides of every 32-bit boundary', () => {
    for (const [c, t] of [
      [0n, 0n],
      [2n ** 32n - 1n, 2n ** 32n],
      [2n ** 32n, 2n ** 32n - 1n],
      [2n ** 64n - 1n, 2n ** 64n - 1n],
    ] as const) {
      expect(at(c, t)).toBe(reference(c, t));
    }
  });

  test('a counter window carries from the low word into the high one', () => {
    for (const low of [TWO_32 - 2, TWO_32 - 1]) {
      const target = BigInt(low) + 2n;
      const response = at(target, 5n);
      expect(verifyOcra(response, suite, KEY, { challenge: '12345678', counter: low, timestamp: 5 }, { counterWindow: 2 })).toEqual({
        counterDelta: 2,
        timeDelta: 0,
      });
    }
  });

  test('a time window borrows from the high word and carries into it', () => {
    const response = at(7n, 2n ** 32n - 1n);
    expect(verifyOcra(response, suite, KEY, { challenge: '12345678', counter: 7, timestamp: TWO_32 }, { timeWindow: 1 })).toEqual({
      counterDelta: 0,
      timeDelta: -1,
    });
    const later = at(7n, 2n ** 32n);
    expect(verifyOcra(later, suite, KEY, { challenge: '12345678', counter: 7, timestamp: TWO_32 - 1 }, { timeWindow: 1 })).toEqual({
      counterDelta: 0,
      timeDelta: 1,
    });
  });

  test('windows stop at 2^64-1 and at 0: they never wrap', () => {
    const max = 2n ** 64n - 1n;
    // The counter after 2^64-1 would wrap to 0; the time steps around the ends likewise.
    expect(verifyOcra(at(0n, 5n), suite, KEY, { challenge: '12345678', counter: max, timestamp: 5 }, { counterWindow: 3 })).toBeNull();
    expect(verifyOcra(at(max, 5n), suite, KEY, { challenge: '12345678', counter: max, timestamp: 5 }, { counterWindow: 3 })).toEqual({
      counterDelta: 0,
      timeDelta: 0,
    });
    expect(verifyOcra(at(7n, 0n), suite, KEY, { challenge: '12345678', counter: 7, timestamp: max }, { timeWindow: 2 })).toBeNull();
    expect(verifyOcra(at(7n, max), suite, KEY, { challenge: '12345678', counter: 7, timestamp: 0 }, { timeWindow: 2 })).toBeNull();
    expect(verifyOcra(at(7n, max - 1n), suite, KEY, { challenge: '12345678', counter: 7, timestamp: max }, { timeWindow: 2 })).toEqual({
      counterDelta: 0,
      timeDelta: -1,
    });
    expect(verifyOcra(at(7n, 1n), suite, KEY, { challenge: '12345678', counter: 7, timestamp: 0 }, { timeWindow: 2 })).toEqual({
      counterDelta: 0,
      timeDelta: 1,
    });
  });
});

describe('responses are exactly digits, or exactly hex', () => {
  test("a character just outside '0'–'9' never stands for a digit ('/' as -1, ':' as 10)", () => {
    const suite = 'OCRA-1:HOTP-SHA1-8:QN08';
    // Responses with a digit after which '/' or ':' would borrow or carry to the same value.
    let colon = false;
    let slash = false;
    for (let i = 0; !(colon && slash); i++) {
      const challenge = String(i).padStart(8, '0');
      const response = ocra(suite, KEY, { challenge });
      expect(verifyOcra(response, suite, KEY, { challenge })).toEqual({ counterDelta: 0, timeDelta: 0 });
      for (let j = 1; j < 8; j++) {
        const before = Number(response[j - 1]);
        const digit = response[j];
        // d·10 + 0 is (d − 1)·10 + 10 (':'); d·10 + 9 is (d + 1)·10 − 1 ('/').
        const forged =
          digit === '0' && before > 0
            ? `${response.slice(0, j - 1)}${before - 1}:${response.slice(j + 1)}`
            : digit === '9' && before < 9
              ? `${response.slice(0, j - 1)}${before + 1}/${response.slice(j + 1)}`
              : undefined;
        if (forged === undefined) continue;
        expect(verifyOcra(forged, suite, KEY, { challenge })).toBeNull();
        if (forged.includes(':')) colon = true;
        else slash = true;
      }
    }
  });

  test("a t = 0 response is hex of exactly the HMAC's length: a byte written as one hex digit and junk is refused", () => {
    const suite = 'OCRA-1:HOTP-SHA1-0:QH08';
    const challenge = 'c0ffee00';
    const response = ocra(suite, KEY, { challenge });
    expect(response).toMatch(/^[0-9a-f]{40}$/);
    expect(verifyOcra(response.toUpperCase(), suite, KEY, { challenge })).toEqual({ counterDelta: 0, timeDelta: 0 });
    // A byte below 0x10 is '0x'; parseInt('xg', 16) would read the same value from a non-hex pair.
    let forged = 0;
    for (let i = 0; i < 40; i += 2) {
      if (response[i] !== '0') continue;
      for (const bad of [`${response[i + 1]}g`, `${response[i + 1]} `, `${response[i + 1]}-`]) {
        expect(verifyOcra(response.slice(0, i) + bad + response.slice(i + 2), suite, KEY, { challenge })).toBeNull();
        forged++;
      }
    }
    expect(forged).toBeGreaterThan(0);
    for (const wrong of [response.slice(2), `${response}00`, `g${response.slice(1)}`, `${response.slice(0, 39)}g`]) {
      expect(verifyOcra(wrong, suite, KEY, { challenge })).toBeNull();
    }
  });
});

describe('suites given as objects', () => {
  test('an object without a string suite is refused by name; one that disagrees with its text names the field', () => {
    const good = parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN08');
    for (const value of [null, {}, { suite: 5 }, 7, [good.suite]]) {
      const e = otpError(() => ocra(value as never, KEY, { challenge: '12345678' }));
      expect(e.code).toBe('INVALID_OCRA_SUITE');
      expect(e.message).toContain('suite must be a suite string or an OcraSuite from parseOcraSuite');
    }
    for (const [field, value] of [
      ['digits', 8],
      ['algorithm', 'SHA256'],
      ['counter', true],
      ['challengeFormat', 'A'],
      ['challengeLength', 10],
      ['pinHash', 'SHA1'],
      ['sessionLength', 64],
      ['period', 60],
    ] as const) {
      const e = otpError(() => ocra({ ...good, [field]: value } as never, KEY, { challenge: '12345678' }));
      expect(e.code).toBe('INVALID_OCRA_SUITE');
      expect(e.message).toContain(`the OcraSuite's ${field} does not match its suite text "OCRA-1:HOTP-SHA1-6:QN08"`);
    }
    expect(ocra({ ...good }, KEY, { challenge: '12345678' })).toBe(ocra(good.suite, KEY, { challenge: '12345678' }));
  });
});

describe('the Q field: 128 bytes', () => {
  test('QH: at most 256 hex digits; QA: at most 128 characters; QN: a value that fits 128 bytes', () => {
    const qh = 'OCRA-1:HOTP-SHA1-6:QH64';
    expect(ocra(qh, KEY, { challenge: 'f'.repeat(256) })).toMatch(/^\d{6}$/);
    const long = otpError(() => ocra(qh, KEY, { challenge: 'f'.repeat(257) }));
    expect([long.code, long.message]).toEqual(['INVALID_OCRA_INPUT', 'a QH challenge has at most 256 hex digits (the Q field), got 257']);
    const qa = 'OCRA-1:HOTP-SHA1-6:QA64';
    expect(ocra(qa, KEY, { challenge: '~'.repeat(128) })).toMatch(/^\d{6}$/);
    expect(otpError(() => ocra(qa, KEY, { challenge: '~'.repeat(129) })).message).toContain('at most 128 characters');
    const qn = 'OCRA-1:HOTP-SHA1-6:QN64';
    const largest = (2n ** 1024n - 1n).toString(); // 309 digits, 256 hex digits
    expect(ocra(qn, KEY, { challenge: largest })).toMatch(/^\d{6}$/);
    expect(otpError(() => ocra(qn, KEY, { challenge: (2n ** 1024n).toString() })).message).toContain('does not fit the 128-byte Q field');
    expect(otpError(() => ocra(qn, KEY, { challenge: '1'.repeat(310) })).message).toContain('a QN challenge is decimal digits');
  });
});

describe('verifyOcra: windows and responses at their edges', () => {
  const suite = 'OCRA-1:HOTP-SHA1-4:QN08';
  test('a response of all zeros is a value like any other (challenge 00013993 gives 0000)', () => {
    expect(ocra(suite, KEY, { challenge: '00013993' })).toBe('0000');
    expect(verifyOcra('0000', suite, KEY, { challenge: '00013993' })).toEqual({ counterDelta: 0, timeDelta: 0 });
  });

  test('a response must be a string primitive: a String object is malformed, not parsed', () => {
    const hexSuite = 'OCRA-1:HOTP-SHA1-0:QN08';
    const response = ocra(hexSuite, KEY, { challenge: '00000000' });
    expect(verifyOcra(response, hexSuite, KEY, { challenge: '00000000' })).toEqual({ counterDelta: 0, timeDelta: 0 });
    expect(verifyOcra(new String(response) as unknown as string, hexSuite, KEY, { challenge: '00000000' })).toBeNull();
    const code = ocra(suite, KEY, { challenge: '00000000' });
    expect(verifyOcra(new String(code) as unknown as string, suite, KEY, { challenge: '00000000' })).toBeNull();
  });

  test('each window is named when out of range; the product of both is capped at 200001 HMACs, exactly', () => {
    const timed = 'OCRA-1:HOTP-SHA1-6:C-QN08-T1M';
    const input = { challenge: '12345678', counter: 0, timestamp: 100 };
    for (const [option, value] of [
      ['counterWindow', -1],
      ['counterWindow', 100_001],
      ['timeWindow', 1.5],
      ['timeWindow', 100_001],
    ] as const) {
      const e = otpError(() => verifyOcra('123456', timed, KEY, input, { [option]: value }));
      expect([e.code, e.message]).toEqual(['INVALID_WINDOW', expect.stringContaining(option)]);
    }
    // A malformed response returns null after the checks and before any HMAC: the cap alone is tested.
    expect(verifyOcra('x', timed, KEY, input, { counterWindow: 0, timeWindow: 100_000 })).toBeNull(); // 1 × 200001
    expect(verifyOcra('x', timed, KEY, input, { counterWindow: 100_000, timeWindow: 0 })).toBeNull(); // 100001 × 1
    for (const [counterWindow, timeWindow, product] of [
      [1, 100_000, 400_002],
      [1, 50_000, 200_002],
      [100_000, 1, 300_003],
    ] as const) {
      const e = otpError(() => verifyOcra('x', timed, KEY, input, { counterWindow, timeWindow }));
      expect([e.code, e.message]).toEqual(['INVALID_WINDOW', expect.stringContaining(`${product} HMACs`)]);
      expect(e.message).toContain('200001');
    }
  });
});

describe('suite text: its parts and its length', () => {
  test('the count of parts is told, singular and plural', () => {
    expect(otpError(() => parseOcraSuite('OCRA-1')).message).toMatch(/three parts.*got 1 part$/);
    expect(otpError(() => parseOcraSuite('OCRA-1:HOTP-SHA1-6')).message).toMatch(/got 2 parts$/);
    expect(otpError(() => parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN08:X')).message).toMatch(/got 4 parts$/);
  });

  test('an empty or unknown DataInput part is named as unknown, wherever it stands', () => {
    for (const text of [
      'OCRA-1:HOTP-SHA1-6:-QN08',
      'OCRA-1:HOTP-SHA1-6:QN08-',
      'OCRA-1:HOTP-SHA1-6:C--QN08',
      'OCRA-1:HOTP-SHA1-6:X-QN08',
      'OCRA-1:HOTP-SHA1-6:QN08-X',
    ]) {
      const e = otpError(() => parseOcraSuite(text));
      expect([e.code, e.message], text).toEqual(['INVALID_OCRA_SUITE', expect.stringContaining('unknown DataInput part')]);
    }
  });

  test('the challenge length is exactly two digits', () => {
    for (const q of ['QN4', 'QN004', 'QNx5', 'QN+5', 'QN 5', 'QN', 'QN03', 'QN65']) {
      expect(otpError(() => parseOcraSuite(`OCRA-1:HOTP-SHA1-6:${q}`)).message, q).toContain('two digits, 04 … 64');
    }
    expect(parseOcraSuite('OCRA-1:HOTP-SHA1-6:QN04').challengeLength).toBe(4);
  });

  test('128 characters are read (and refused by content), 129 are too long', () => {
    const at = (n: number) => `OCRA-1:HOTP-SHA1-6:QN08-${'x'.repeat(n - 24)}`;
    expect(at(128)).toHaveLength(128);
    expect(otpError(() => parseOcraSuite(at(128))).code).toBe('INVALID_OCRA_SUITE');
    expect(otpError(() => parseOcraSuite(at(129))).code).toBe('INPUT_TOO_LONG');
  });
});
