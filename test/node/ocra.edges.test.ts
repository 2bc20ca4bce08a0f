// OCRA boundaries that mutation testing (test/MUTATION.md) found unpinned: counter and time words
// crossing 2^32 and the ends of 0 … 2^64-1, responses that are almost digits or almost hex, malformed
// suite objects, the Q field's caps, and each input's checks (the parts a suite has or has not, hex
// text, the sizes of pinHash and session, a QA challenge's characters), each error naming its input.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { ocra, parseOcraSuite, verifyOcra } from '../../src/index.ts';
import { otpError } from './otp-error.ts';

const KEY = new TextEncoder().encode('12345678901234567890');
const TWO_32 = 2 ** 32;

/** An HOTP-SHA1-6 suite's response by node:crypto: the DataInput of RFC 6287 §5.1 written out by hand. */
function response6(suite: string, ...fields: Buffer[]): string {
  const mac = createHmac('sha1', KEY)
    .update(Buffer.concat([Buffer.from(suite), Buffer.alloc(1), ...fields]))
    .digest();
  return String((mac.readUInt32BE(mac[19]! & 0x0f) & 0x7fffffff) % 1e6).padStart(6, '0');
}

/** The 128-byte Q field holding `bytes`, left-aligned. */
const qField = (bytes: Buffer): Buffer => Buffer.concat([bytes, Buffer.alloc(128 - bytes.length)]);
/** Q for the challenge 12345678 in QN: the number in hex, left-aligned. */
const Q_12345678 = qField(Buffer.from((12345678).toString(16), 'hex'));

/** OCRA-1:HOTP-SHA1-6:C-QN08-T1M by node:crypto. */
function reference(counter: bigint, time: bigint): string {
  const c = Buffer.alloc(8);
  c.writeBigUInt64BE(counter);
  const t = Buffer.alloc(8);
  t.writeBigUInt64BE(time);
  return response6('OCRA-1:HOTP-SHA1-6:C-QN08-T1M', c, Q_12345678, t);
}

/** The number after `word` in an error message ("position 3", "character 2"). */
const numberAfter = (word: string, message: string): number => Number(new RegExp(`${word} (-?\\d+)`).exec(message)?.[1]);

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
    // A function carrying every field of the suite is no OcraSuite either.
    for (const value of [null, {}, { suite: 5 }, 7, [good.suite], Object.assign(() => 0, good)]) {
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

describe('inputs: each refused by name', () => {
  const QN = 'OCRA-1:HOTP-SHA1-6:QN08';
  const challenge = '12345678';

  test('an undefined input is named as the input, not taken for a missing challenge', () => {
    for (const call of [() => ocra(QN, KEY, undefined as never), () => verifyOcra('123456', QN, KEY, undefined as never)]) {
      const e = otpError(call);
      expect([e.code, e.message]).toEqual(['INVALID_OCRA_INPUT', expect.stringMatching(/^input\b/)]);
    }
  });

  test("a part the suite has is required, one it has not is refused: the letter and the input's name are told", () => {
    const S = 'OCRA-1:HOTP-SHA1-6:QN08-S064';
    for (const [suite, extra, letter, name] of [
      ['OCRA-1:HOTP-SHA1-6:C-QN08', {}, 'has C', 'input.counter'],
      [QN, { counter: 1 }, 'has no C', 'input.counter'],
      [QN, { pin: '1234' }, 'has no P', 'input.pin'],
      [QN, { pinHash: '00'.repeat(20) }, 'has no P', 'input.pinHash'],
      [S, {}, 'has S', 'input.session'],
      [QN, { session: 'ab' }, 'has no S', 'input.session'],
      [QN, { now: 0 }, 'has no T', 'input.now'],
      [QN, { timestamp: 0 }, 'has no T', 'input.timestamp'],
    ] as const) {
      const e = otpError(() => ocra(suite, KEY, { challenge, ...extra }));
      expect([e.code, e.message], `${suite} ${name}`).toEqual(['INVALID_OCRA_INPUT', expect.stringContaining(`${suite} ${letter}: ${name}`)]);
    }
  });

  test('the challenge is a non-empty string in every format', () => {
    for (const suite of ['OCRA-1:HOTP-SHA1-6:QA08', QN, 'OCRA-1:HOTP-SHA1-6:QH08']) {
      for (const value of ['', undefined, 5]) {
        const e = otpError(() => ocra(suite, KEY, { challenge: value as string }));
        expect([e.code, e.message], `${suite} ${String(value)}`).toEqual([
          'INVALID_OCRA_INPUT',
          expect.stringMatching(/^challenge must be a non-empty string/),
        ]);
      }
    }
  });

  test('a QA challenge is its printable ASCII bytes; the first other character is named by position', () => {
    const QA = 'OCRA-1:HOTP-SHA1-6:QA64';
    // Every printable character, '%' and the space among them (characters a URI escapes).
    const printable = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
    expect(ocra(QA, KEY, { challenge: printable })).toBe(response6(QA, qField(Buffer.from(printable, 'latin1'))));
    for (const [text, position] of [
      ['\u0000abc', 1],
      ['ab\u001f', 3],
      ['abc\u007f', 4],
      ['ab\u00e9', 3],
      ['a\u{1F600}', 2],
    ] as const) {
      const e = otpError(() => ocra(QA, KEY, { challenge: text }));
      expect([e.code, e.message], text).toEqual(['INVALID_OCRA_INPUT', expect.stringContaining('a QA challenge is printable ASCII')]);
      expect(numberAfter('character', e.message), text).toBe(position);
    }
  });

  test('a PIN is hashed as its UTF-8; one holding a lone surrogate is refused, never hashed as U+FFFD', () => {
    const suite = 'OCRA-1:HOTP-SHA1-6:QN08-PSHA1';
    const pin = '12\u{1F600}é';
    const hash = createHash('sha1').update(pin, 'utf8').digest();
    expect(ocra(suite, KEY, { challenge, pin })).toBe(response6(suite, Q_12345678, hash));
    for (const bad of ['12\uD800', '\uDE00', '\uDE00\uD83D']) {
      const e = otpError(() => ocra(suite, KEY, { challenge, pin: bad }));
      expect([e.code, e.message]).toEqual(['INVALID_OCRA_INPUT', expect.stringMatching(/^pin .*lone surrogate/)]);
    }
  });

  test('hex text is 0–9, a–f, A–F only: each character just outside, and U+0010–U+0019 (which the case bit turns into digits), is refused at its position', () => {
    const S = 'OCRA-1:HOTP-SHA1-6:QN08-S064';
    const P = 'OCRA-1:HOTP-SHA1-6:QN08-PSHA1';
    for (const ch of ['/', ':', '@', '[', '`', '{', 'G', 'g', ' ', '\u0000', '\u0010', '\u0019', '\u00c1', '\uff41']) {
      for (const [input, name, position] of [
        [{ session: `${ch}abc` }, 'session (S064)', 1],
        [{ session: `0aF${ch}` }, 'session (S064)', 4],
        [{ pinHash: `${'a'.repeat(39)}${ch}` }, 'pinHash (SHA1)', 40],
      ] as const) {
        const e = otpError(() => ocra('pinHash' in input ? P : S, KEY, { challenge, ...input }));
        expect([e.code, e.message], JSON.stringify(input)).toEqual(['INVALID_HEX', expect.stringContaining(`${name} must be hex digits`)]);
        expect(numberAfter('position', e.message), JSON.stringify(input)).toBe(position);
      }
    }
  });

  test('a session of at most S bytes, as hex (an odd count has a leading 0 nibble) or as bytes, is left-padded with zeros', () => {
    const S = 'OCRA-1:HOTP-SHA1-6:QN08-S064';
    for (const hex of ['f', 'abc', '0123456789abcdefABCDEF', '7'.repeat(127), 'e'.repeat(128)]) {
      const bytes = Buffer.from((hex.length % 2 ? `0${hex}` : hex).padStart(128, '0'), 'hex');
      const want = response6(S, Q_12345678, bytes);
      expect(ocra(S, KEY, { challenge, session: hex }), hex).toBe(want);
      expect(ocra(S, KEY, { challenge, session: new Uint8Array(Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex')) }), hex).toBe(want);
    }
  });

  test('pinHash: exactly the hash length, session: at most S bytes; as hex digits or as bytes, each named with the size it needs', () => {
    const refused = (suite: string, input: Record<string, unknown>, ...parts: string[]) => {
      const e = otpError(() => ocra(suite, KEY, { challenge, ...input }));
      expect(e.code).toBe('INVALID_OCRA_INPUT');
      for (const part of parts) expect(e.message, JSON.stringify(input)).toContain(part);
    };
    const P1 = 'OCRA-1:HOTP-SHA1-6:QN08-PSHA1';
    const P256 = 'OCRA-1:HOTP-SHA1-6:QN08-PSHA256';
    const hash = createHash('sha1').update('1234').digest();
    for (const pinHash of [hash.toString('hex'), hash.toString('hex').toUpperCase(), new Uint8Array(hash)]) {
      expect(ocra(P1, KEY, { challenge, pinHash })).toBe(response6(P1, Q_12345678, hash));
    }
    // 39 hex digits would make 20 bytes (a leading 0 nibble): the digit count is checked first.
    refused(P1, { pinHash: 'a'.repeat(39) }, 'pinHash (SHA1)', 'exactly 40 hex digits', 'got 39');
    refused(P1, { pinHash: 'a'.repeat(41) }, 'pinHash (SHA1)', 'exactly 40 hex digits', 'got 41');
    refused(P256, { pinHash: 'a'.repeat(40) }, 'pinHash (SHA256)', 'exactly 64 hex digits', 'got 40');
    refused(P1, { pinHash: new Uint8Array(19) }, 'pinHash (SHA1)', 'exactly 20 bytes', 'got 19');
    refused(P1, { pinHash: new Uint8Array(21) }, 'pinHash (SHA1)', 'exactly 20 bytes', 'got 21');
    refused(P1, { pinHash: 5 }, 'pinHash (SHA1)', 'a Uint8Array or hex text');
    const S = 'OCRA-1:HOTP-SHA1-6:QN08-S064';
    refused(S, { session: 'a'.repeat(129) }, 'session (S064)', 'at most 128 hex digits', 'got 129');
    refused(S, { session: new Uint8Array(65) }, 'session (S064)', 'at most 64 bytes', 'got 65');
    refused(S, { session: [1, 2] }, 'session (S064)', 'a Uint8Array or hex text');
  });

  test('a timestamp is a count of steps 0 … 2^64-1: a number up to 2^53-1, or a bigint', () => {
    const T = 'OCRA-1:HOTP-SHA1-6:QN08-T1M';
    const t = Buffer.alloc(8);
    t.writeBigUInt64BE(2n ** 53n - 1n);
    const want = response6(T, Q_12345678, t);
    expect(ocra(T, KEY, { challenge, timestamp: 2 ** 53 - 1 })).toBe(want);
    expect(ocra(T, KEY, { challenge, timestamp: 2n ** 53n - 1n })).toBe(want);
    for (const timestamp of [-1, 1.5, 2 ** 53, Number.NaN, '5', -1n, 2n ** 64n, null]) {
      const e = otpError(() => ocra(T, KEY, { challenge, timestamp: timestamp as number }));
      expect([e.code, e.message], String(timestamp)).toEqual(['INVALID_TIME', expect.stringMatching(/^timestamp\b/)]);
    }
  });
});
