// Boundaries of the command line's text (src/cli/_text.ts) that mutation testing (test/MUTATION.md)
// found unpinned: which characters printable and json escape (and that nothing else changes), a
// token as a line and as JSON, what starts a token stream, and the stream's reader: nesting counted
// outside strings only, its caps, blank lines and a byte-order mark, values said by their length,
// lines that are no object, and counters as decimal strings.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isTokenStream, json, jsonLine, MAX_STREAM_LINE, MAX_STREAM_TOKENS, printable, readTokenStream, tokenJson, tokenLine } from '../../src/cli/_text.ts';
import { base32Decode, normalizeToken, OtpError, type TokenInput } from '../../src/index.ts';
import { otpError } from './otp-error.ts';

const K = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const KEY = base32Decode(K);
/** The characters a terminal acts on, as src/cli/_text.ts lists them. */
const ACTED_ON = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
/** A line of the stream with these fields besides kind and secret. */
const line = (fields: Record<string, unknown> = {}) => JSON.stringify({ kind: 'totp', secret: K, ...fields });

describe('printable and json', () => {
  test('every character a terminal acts on is escaped, \\xHH below U+0100, \\uHHHH above; no other is touched', () => {
    const escaped: [string, string][] = [
      ['\u0000', '\\x00'],
      ['\n', '\\x0A'],
      ['\u001b', '\\x1B'],
      ['\u001f', '\\x1F'],
      ['\u007f', '\\x7F'],
      ['\u0085', '\\x85'],
      ['\u009f', '\\x9F'],
      ['\u061c', '\\u061C'],
      ['\u200e', '\\u200E'],
      ['\u200f', '\\u200F'],
      ['\u2028', '\\u2028'],
      ['\u2029', '\\u2029'],
      ['\u202a', '\\u202A'],
      ['\u202e', '\\u202E'],
      ['\u2066', '\\u2066'],
      ['\u2069', '\\u2069'],
    ];
    for (const [c, e] of escaped) expect(printable(`a${c}b`), e).toBe(`a${e}b`);
    const kept = ' ~\u00a0\u00e9\u0100\u061b\u061d\u200d\u2010\u202f\u2065\u206a\uFEFF😀';
    expect(printable(kept)).toBe(kept);
  });

  test('printable leaves no such character and changes nothing else (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const p = printable(s);
        expect(p).not.toMatch(ACTED_ON);
        if (!ACTED_ON.test(s)) expect(p).toBe(s);
      }),
    );
  });

  test('json and jsonLine: JSON that reads back the same, with no character a terminal acts on (property)', () => {
    expect(json({ s: '\u0085\u202e\u0001é' })).toBe('{\n  "s": "\\u0085\\u202E\\u0001é"\n}');
    expect(jsonLine({ s: '\u2066x\u009f' })).toBe('{"s":"\\u2066x\\u009F"}');
    fc.assert(
      fc.property(fc.jsonValue(), fc.string({ unit: 'binary' }), (v, s) => {
        for (const value of [v, { s }, [s, v]]) {
          for (const text of [json(value), jsonLine(value)]) {
            expect(text.replace(/\n/g, '')).not.toMatch(ACTED_ON); // (json's own line breaks aside)
            expect(JSON.parse(text)).toStrictEqual(JSON.parse(JSON.stringify(value)));
          }
          expect(jsonLine(value)).not.toContain('\n');
        }
      }),
    );
  });
});

describe('a token as a line and as JSON', () => {
  const t = (input: Partial<TokenInput> & { kind: TokenInput['kind'] }) => normalizeToken({ key: KEY, ...input } as TokenInput);

  test('tokenLine: kind, hash, digits or symbols, the moving factor of each kind, the label', () => {
    const cases: [ReturnType<typeof t>, string][] = [
      [t({ kind: 'hotp', counter: 5, issuer: 'ACME', account: 'alice' }), 'hotp SHA1 6 digits, counter 5, ACME:alice'],
      [t({ kind: 'totp', issuer: 'ACME', account: 'alice' }), 'totp SHA1 6 digits, period 30, ACME:alice'],
      [t({ kind: 'totp', algorithm: 'SHA256', digits: 8, period: 60, t0: 100 }), 'totp SHA256 8 digits, period 60, t0 100, (no label)'],
      [t({ kind: 'steam', account: 'bob' }), 'steam SHA1 5 symbols, period 30, bob'],
      [t({ kind: 'ocra', suite: 'OCRA-1:HOTP-SHA1-6:QN08', serial: 'S1' }), 'ocra SHA1 6 digits, suite OCRA-1:HOTP-SHA1-6:QN08, S1'],
      [
        t({ kind: 'ocra', suite: 'OCRA-1:HOTP-SHA256-8:C-QN08', counter: 7, issuer: 'Bank', serial: 'S2' }),
        'ocra SHA256 8 digits, suite OCRA-1:HOTP-SHA256-8:C-QN08, counter 7, Bank:S2',
      ],
    ];
    for (const [token, text] of cases) expect(tokenLine(token)).toBe(text);
  });

  test('tokenJson: kind first, no counter field where the token has none, a bigint counter as a decimal string, the secret only when asked', () => {
    const totp = t({ kind: 'totp', account: 'a' });
    expect(tokenJson(totp, false)).toStrictEqual({ kind: 'totp', algorithm: 'SHA1', digits: 6, period: 30, t0: 0, account: 'a' });
    expect(Object.keys(tokenJson(totp))).toEqual(['kind', 'algorithm', 'digits', 'period', 't0', 'account', 'secret']);
    expect(tokenJson(t({ kind: 'hotp', counter: 2n ** 63n }))).toStrictEqual({
      kind: 'hotp',
      algorithm: 'SHA1',
      digits: 6,
      counter: '9223372036854775808',
      secret: K,
    });
  });
});

describe('isTokenStream', () => {
  test('a first line that opens with {"kind":" within the first 64 characters (white space and a byte-order mark before it)', () => {
    for (const text of ['{"kind":"totp"}', ' \t\r\n{"kind":"', '\uFEFF{"kind":"x', `${' '.repeat(55)}{"kind":"`])
      expect(isTokenStream(text), JSON.stringify(text)).toBe(true);
    for (const text of ['x{"kind":"', 'abc{"kind":"totp"}', '{ "kind":"', '{"version":1}', `${' '.repeat(56)}{"kind":"`, '.\n{"kind":"']) {
      expect(isTokenStream(text), JSON.stringify(text)).toBe(false);
    }
  });
});

describe('readTokenStream', () => {
  test('brackets, quotes and backslashes inside strings are text, not nesting', () => {
    for (const account of ['{[{[', 'a"{{[[', 'x\\', 'x\\"{{', '\\\\{{', '"]]}}{{']) {
      expect(readTokenStream(line({ account }))[0]!.account, account).toBe(account);
    }
  });

  test('a line nested deeper than extras is refused before it is parsed; closing brackets count', () => {
    for (const text of [line({ extras: { a: [1] } }), line({ extras: { a: { b: 'c' } } }), `{"kind":"totp","foo":[[]]}`]) {
      const e = otpError(() => readTokenStream(text));
      expect([e.code, e.message], text).toEqual(['INVALID_TOKEN', expect.stringMatching(/^line 1 of the token stream is not one JSON object/)]);
    }
    // Two objects side by side, or an array then an object, are two levels deep: parsed, then refused for the unknown key.
    for (const text of [`{"kind":"totp","extras":{"a":"1"},"foo":{}}`, `{"foo":[],"kind":"totp","extras":{"a":"1"}}`, `{"foo":[1],"bar":[2],"baz":{}}`]) {
      const e = otpError(() => readTokenStream(text));
      expect([e.code, e.message], text).toEqual(['INVALID_TOKEN', expect.stringMatching(/^line 1 of the token stream has an unknown key "(foo|bar)"/)]);
    }
  });

  test('a line that is JSON but no object', () => {
    for (const text of ['null', '[1]', '[]', '"x"', '1', 'true']) {
      const e = otpError(() => readTokenStream(text));
      expect([e.code, e.message], text).toEqual(['INVALID_TOKEN', expect.stringMatching(/^line 1 of the token stream is not a JSON object/)]);
    }
  });

  test('blank lines (spaces and tabs too) are skipped and counted; a byte-order mark opens the text only', () => {
    expect(readTokenStream(`\uFEFF${line()}\n \t \n${line({ account: 'b' })}`).map((x) => x.account)).toEqual([undefined, 'b']);
    expect(readTokenStream(`\uFEFF${line({ account: 'a\uFEFFb' })}`)[0]!.account).toBe('a\uFEFFb');
    expect(readTokenStream(line({ account: 'a\uFEFFb' }))[0]!.account).toBe('a\uFEFFb');
    expect(otpError(() => readTokenStream(`${line()}\n  \n{"kind":"totp"}`)).message).toMatch(/^line 3 of the token stream has no secret/);
  });

  test(`caps: ${MAX_STREAM_TOKENS} tokens, lines of ${MAX_STREAM_LINE} characters`, () => {
    const one = `${line()}\n`;
    expect(readTokenStream(one.repeat(MAX_STREAM_TOKENS))).toHaveLength(MAX_STREAM_TOKENS);
    const many = otpError(() => readTokenStream(one.repeat(MAX_STREAM_TOKENS + 1)));
    expect([many.code, many.message]).toEqual(['INPUT_TOO_LONG', expect.stringContaining(`more than ${MAX_STREAM_TOKENS} tokens`)]);
    const padded = (n: number) => `${line().slice(0, -1)}${' '.repeat(n - line().length)}}`;
    expect(padded(MAX_STREAM_LINE)).toHaveLength(MAX_STREAM_LINE);
    expect(readTokenStream(padded(MAX_STREAM_LINE))).toHaveLength(1);
    const long = otpError(() => readTokenStream(`${line()}\n${padded(MAX_STREAM_LINE + 1)}`));
    expect([long.code, long.message]).toEqual([
      'INPUT_TOO_LONG',
      expect.stringMatching(new RegExp(`^line 2 of the token stream is longer than ${MAX_STREAM_LINE} characters`)),
    ]);
  });

  test('a wrong value is said by its length only (a damaged line may hold the secret anywhere); the library’s error is the cause', () => {
    for (const [algorithm, n] of [
      ['MD5', 3],
      ['a"b\\c', 5],
      ['x', 1],
    ] as const) {
      const e = otpError(() => readTokenStream(line({ algorithm })));
      expect(e.message).toMatch(new RegExp(`^line 1 of the token stream: .*got a string of ${n} characters`));
      expect(e.message).not.toContain(JSON.stringify(algorithm));
      expect(e.cause).toBeInstanceOf(OtpError);
      expect((e.cause as OtpError).message).toContain(JSON.stringify(algorithm));
    }
  });

  test('counters: a number up to 2^53-1, a decimal string up to 2^64-1; anything else refused by the model', () => {
    const counterOf = (counter: unknown) => readTokenStream(JSON.stringify({ kind: 'hotp', secret: K, counter }))[0]!.counter;
    expect(counterOf(5)).toBe(5);
    expect(counterOf('5')).toBe(5);
    expect(counterOf('18446744073709551615')).toBe(2n ** 64n - 1n);
    expect(counterOf(undefined)).toBe(0);
    for (const bad of ['', 'abc', 'x12', '12x', '1.5', ' 5', '-1', 1.5, -1]) {
      const e = otpError(() => counterOf(bad));
      expect(e.message, String(bad)).toMatch(/^line 1 of the token stream: token\.counter /);
    }
    // A JSON number past 2^53-1 has lost its digits already: refused, never rounded.
    const e = otpError(() => readTokenStream(`{"kind":"hotp","secret":"${K}","counter":12345678901234567890}`));
    expect(e.message).toMatch(/^line 1 of the token stream: token\.counter .*above 2\^53-1/);
  });
});
