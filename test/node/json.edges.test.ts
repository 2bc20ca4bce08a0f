// The bounded JSON reader every plain backup goes through (src/_json.ts): mutation testing
// (test/MUTATION.md, slice `backup-common`) found it pinned only by the well-formed files of the
// backup tests. Here: agreement with JSON.parse on any JSON text, whitespace as RFC 8259 §2 lists
// it, every escape, numbers at the 2^53 and length bounds, the depth cap, and each refusal with its
// code, what it names and where it points.
import { createContext, Script } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isJsonObject, type JsonValue, MAX_JSON_DEPTH, MAX_JSON_NUMBER, parseJson } from '../../src/_json.ts';
import { readBackup } from '../../src/backup.ts';
import { otpError } from './otp-error.ts';

// parseJson's loops advance an index by hand: one that stopped advancing would hang the test run.
// Run inside a vm context with a time limit, such a loop fails its test instead (the limit
// interrupts the outer realm's functions that the context calls).
const context = createContext({ run: (): unknown => undefined });
const call = new Script('run()');
function parse(text: string): JsonValue {
  context.run = () => parseJson(text);
  return call.runInContext(context, { timeout: 5000 }) as JsonValue;
}

/** The refusal of `text`: INVALID_BACKUP, its message and the 1-based character it points at. */
function refusal(text: string): { message: string; at: number } {
  const e = otpError(() => parse(text));
  expect(e.code).toBe('INVALID_BACKUP');
  expect(e.message).toContain('not valid JSON');
  const at = /at character (\d+)$/.exec(e.message);
  expect(at, e.message).not.toBeNull();
  return { message: e.message, at: Number(at![1]) };
}

/** `v` as JSON.parse gives it: plain objects, bigints as the double they round to. */
function asJsonParse(v: JsonValue): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(asJsonParse);
  if (isJsonObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asJsonParse(x)]));
  return v;
}

describe('agreement with JSON.parse', () => {
  test('any JSON text reads as JSON.parse reads it, compact or spread with tabs, CR LF and spaces', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (v) => {
        const compact = JSON.stringify(v);
        // JSON.stringify escapes a line break inside a string, so every raw '\n' is between tokens.
        const spread = ` \r\n${JSON.stringify(v, null, '\t').replaceAll('\n', '\r\n')}\t\r\n `;
        for (const text of [compact, spread]) expect(asJsonParse(parse(text))).toEqual(JSON.parse(text));
      }),
      { numRuns: 300 },
    );
  });

  test('whitespace is space, tab, LF and CR, between any two tokens; nothing else', () => {
    for (const ws of [' ', '\t', '\n', '\r', '\r\n', ' \t\r\n']) {
      const text = `${ws}{${ws}"a"${ws}:${ws}[${ws}1${ws},${ws}true${ws}]${ws},${ws}"b"${ws}:${ws}{${ws}}${ws}}${ws}`;
      expect(asJsonParse(parse(text)), JSON.stringify(ws)).toEqual({ a: [1, true], b: {} });
    }
    for (const ws of ['\f', '\v', '\u00a0', '\u2028', '\ufeff']) expect(refusal(`[1,${ws}2]`).at, JSON.stringify(ws)).toBe(4);
  });

  test('a string written wholly in \\u escapes, of either case, reads as the string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (s, upper) => {
        const hex = (u: number) => u.toString(16).padStart(4, '0');
        const escaped = [...Array(s.length).keys()].map((k) => `\\u${upper ? hex(s.charCodeAt(k)).toUpperCase() : hex(s.charCodeAt(k))}`);
        expect(parse(`"${escaped.join('')}"`)).toBe(s);
        expect(parse(`["a${escaped.join('')}b"]`)).toEqual([`a${s}b`]);
      }),
      { numRuns: 200 },
    );
  });
});

describe('strings', () => {
  test('every two-character escape, and \\u escapes amid plain text', () => {
    expect(parse(String.raw`"\"\\\/\b\f\n\r\t"`)).toBe('"\\/\b\f\n\r\t');
    for (const [e, c] of Object.entries({ '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' })) {
      expect(parse(`"a\\${e}b"`), e).toBe(`a${c}b`);
    }
    expect(parse(String.raw`"A\u00e9B\u00C9C\u20ac\uD83D\uDE00"`)).toBe('AéBÉC€😀');
    expect(parse(String.raw`{"k\u0041":"\u0041BC"}`)).toEqual(Object.assign(Object.create(null), { kA: 'ABC' }));
  });

  test('an unknown or cut escape is refused where its backslash is', () => {
    for (const [text, at] of [
      [String.raw`"\x"`, 2],
      [String.raw`"ab\a"`, 4],
      [String.raw`"\U0041"`, 2],
      ['"ab\\', 4],
    ] as const) {
      const r = refusal(text);
      expect([r.message.includes('unknown escape'), r.at], text).toEqual([true, at]);
    }
  });

  test('a \\u escape needs four hex digits', () => {
    for (const [text, at] of [
      [String.raw`"\u12"`, 2],
      [String.raw`"ab\u004"`, 4],
      [String.raw`"\u12G4"`, 2],
      [String.raw`"\u 123"`, 2],
      [String.raw`"\u-123"`, 2],
      ['"\\u12', 2],
    ] as const) {
      const r = refusal(text);
      expect([r.message.includes('four hex digits'), r.at], text).toEqual([true, at]);
    }
  });

  test('a lone surrogate, escaped, is refused at its string; a pair is one character', () => {
    for (const [text, at] of [
      [String.raw`"\uD800"`, 1],
      [String.raw`"ab\uDC00"`, 1],
      [String.raw`[1,"\uDE00\uD83D"]`, 4],
      [String.raw`{"\uD83Dx":1}`, 2],
    ] as const) {
      const r = refusal(text);
      expect([r.message.includes('lone surrogate'), r.at], text).toEqual([true, at]);
    }
    expect(parse(String.raw`"\uD83D\uDE00"`)).toBe('😀');
  });

  test('a control character must be escaped', () => {
    for (const c of ['\u0000', '\n', '\r', '\t', '\u001f']) {
      const r = refusal(`["a${c}b"]`);
      expect([r.message.includes('control character'), r.at], JSON.stringify(c)).toEqual([true, 4]);
    }
    expect(parse('"\u007f\u0080"')).toBe('\u007f\u0080');
  });

  test('a string not closed is refused at its opening quote, and does not hang', () => {
    for (const [text, at] of [
      ['"abc', 1],
      ['["ab', 2],
      ['{"a":"b', 6],
      ['{"ab', 2],
      ['"', 1],
      [String.raw`"\u0041`, 1],
    ] as const) {
      const r = refusal(text);
      expect([r.message.includes('not closed'), r.at], text).toEqual([true, at]);
    }
  });
});

describe('numbers', () => {
  test('integers are numbers up to 2^53-1 either side, exact bigints beyond', () => {
    expect(parse('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(parse('-9007199254740991')).toBe(-Number.MAX_SAFE_INTEGER);
    expect(parse('9007199254740992')).toBe(9007199254740992n);
    expect(parse('-9007199254740992')).toBe(-9007199254740992n);
    expect(parse('[9223372036854775807,-9223372036854775809]')).toEqual([9223372036854775807n, -9223372036854775809n]);
    expect(parse('[0,-1,42]')).toEqual([0, -1, 42]);
  });

  test('fractions and exponents are doubles', () => {
    const texts = ['1.5', '-1.25', '0.125', '1e5', '1E5', '1e+5', '1e-5', '2e10', '-1.5e-3', '12.75E+2', '9007199254740993.5', '1e21'];
    for (const t of texts) expect(parse(t), t).toBe(JSON.parse(t));
    expect(parse(`[${texts.join(',')}]`)).toEqual(texts.map((t) => JSON.parse(t)));
  });

  test(`a number's text is at most ${MAX_JSON_NUMBER} characters`, () => {
    const longest = `-${'9'.repeat(MAX_JSON_NUMBER - 1)}`;
    expect(parse(longest)).toBe(BigInt(longest));
    expect(parse(`[${'1'.repeat(MAX_JSON_NUMBER)}]`)).toEqual([BigInt('1'.repeat(MAX_JSON_NUMBER))]);
    expect(parse(`0.${'5'.repeat(MAX_JSON_NUMBER - 2)}`)).toBe(0.5555555555555556);
    for (const [text, at] of [
      ['1'.repeat(MAX_JSON_NUMBER + 1), 1],
      [`[1,0.${'5'.repeat(MAX_JSON_NUMBER)}]`, 4],
    ] as const) {
      const r = refusal(text);
      expect([r.message.includes(`longer than ${MAX_JSON_NUMBER}`), r.at]).toEqual([true, at]);
    }
  });

  test('a number past the doubles is refused', () => {
    for (const [text, at] of [
      ['1e400', 1],
      ['[1,-1.5e309]', 4],
    ] as const) {
      const r = refusal(text);
      expect([r.message.includes('too large for a double'), r.at], text).toEqual([true, at]);
    }
    expect(parse('1e-400')).toBe(0);
  });

  test('what is not a value is refused where it starts', () => {
    for (const [text, at] of [
      ['', 1],
      ['x', 1],
      ['[a,1]', 2],
      ['[-]', 2],
      ['[.5]', 2],
      ['+1', 1],
      ['[1,]', 4],
      ['{"a":}', 6],
      ['tru', 1],
      ['[nul]', 2],
      ['fals', 1],
      ['[True]', 2],
    ] as const) {
      const r = refusal(text);
      expect([r.message.includes('unexpected character'), r.at], text).toEqual([true, at]);
    }
    expect(parse('[true,false,null]')).toEqual([true, false, null]);
  });

  test('a number ends where its grammar does: what follows is refused', () => {
    for (const [text, at] of [
      ['01', 2],
      ['1.', 2],
      ['1e', 2],
      ['[1.5.2]', 5],
      ['1e+', 2],
    ] as const) {
      expect(refusal(text).at, text).toBe(at);
    }
  });
});

describe('containers', () => {
  test('empty objects and arrays, at the top and inside', () => {
    for (const text of ['{}', '{ }', '[{}]', '[ {\t} , [] ]', '{"a":{},"b":[]}']) {
      expect(asJsonParse(parse(text)), text).toEqual(JSON.parse(text));
    }
    const empty = parse('{}');
    expect([isJsonObject(empty), Object.getPrototypeOf(empty)]).toEqual([true, null]);
  });

  test(`nesting is capped at ${MAX_JSON_DEPTH} levels`, () => {
    const arrays = (d: number) => `${'['.repeat(d)}${']'.repeat(d)}`;
    const objects = (d: number) => `${'{"a":'.repeat(d - 1)}{}${'}'.repeat(d - 1)}`;
    expect(JSON.stringify(parse(arrays(MAX_JSON_DEPTH)))).toBe(arrays(MAX_JSON_DEPTH));
    expect(JSON.stringify(parse(objects(MAX_JSON_DEPTH)))).toBe(objects(MAX_JSON_DEPTH));
    for (const [text, at] of [
      [arrays(MAX_JSON_DEPTH + 1), MAX_JSON_DEPTH + 1],
      [objects(MAX_JSON_DEPTH + 1), 5 * MAX_JSON_DEPTH + 1],
    ] as const) {
      const r = refusal(text);
      expect([r.message.includes(`deeper than ${MAX_JSON_DEPTH}`), r.at]).toEqual([true, at]);
    }
  });

  test('an object key must be quoted and followed by a colon', () => {
    for (const [text, at, says] of [
      ['{a:1}', 2, 'quoted key'],
      ['{"a":1,b:2}', 8, 'quoted key'],
      ['{"a":1,}', 8, 'quoted key'],
      ['{"a" 1}', 6, "':'"],
      ['{"a"}', 5, "':'"],
      ['{"a":1,"b"', 11, "':'"],
    ] as const) {
      const r = refusal(text);
      expect([r.message.includes(says), r.at], text).toEqual([true, at]);
    }
  });

  test('a key given twice is refused at its second place, named (its first 32 characters)', () => {
    const twice = refusal('{"a":1,"b":{"c":2,"c":3}}');
    expect([twice.message.includes('"c" appears twice'), twice.at]).toEqual([true, 19]);
    const long = 'k'.repeat(40);
    const r = refusal(`{"${long}":1,"${long}":2}`);
    expect(r.message).toContain(`"${'k'.repeat(32)}"`);
    expect(r.message).not.toContain('k'.repeat(33));
  });

  test("members are separated by ',' and closed by the container's own bracket", () => {
    for (const [text, at, close] of [
      ['[1 2]', 4, ']'],
      ['[1}', 3, ']'],
      ['[{"a":1]', 8, '}'],
      ['{"a":1]', 7, '}'],
      ['{"a":1 "b":2}', 8, '}'],
      ['[1', 3, ']'],
    ] as const) {
      const r = refusal(text);
      expect([r.message.includes(`expected ',' or '${close}'`), r.at], text).toEqual([true, at]);
    }
  });

  test('nothing but whitespace may follow the value', () => {
    for (const [text, at] of [
      ['1 2', 3],
      ['{} x', 4],
      ['[]]', 3],
      ['"a""b"', 4],
      ['null\n,', 6],
    ] as const) {
      const r = refusal(text);
      expect([r.message.includes('text after the JSON value'), r.at], text).toEqual([true, at]);
    }
  });

  test('members are plain data, as JSON.parse makes them, under null-prototype objects', () => {
    const o = parse('{"__proto__":{"x":1},"a":[2]}');
    expect(Object.getPrototypeOf(o)).toBeNull();
    // A caller may edit or delete a member, as it may JSON.parse's.
    for (const k of ['__proto__', 'a']) {
      expect(Object.getOwnPropertyDescriptor(o, k), k).toMatchObject({ writable: true, enumerable: true, configurable: true });
    }
  });
});

test('isJsonObject: objects only, not null, arrays or scalars', () => {
  expect([{}, Object.create(null), parse('{"a":1}')].map(isJsonObject)).toEqual([true, true, true]);
  expect([null, [], parse('[]'), 'x', 1, 1n, true, undefined].map(isJsonObject)).toEqual([false, false, false, false, false, false, false, false]);
});

describe('through readBackup', () => {
  const ANDOTP = '[{"secret":"JBSWY3DPEHPK3PXP","issuer":"ACME","label":"alice","digits":6,"period":30,"type":"TOTP","algorithm":"SHA1"}]';

  test('a file saved with CR LF line ends and tab indents reads', () => {
    const windows = JSON.stringify(JSON.parse(ANDOTP), null, '\t').replaceAll('\n', '\r\n');
    const { tokens } = readBackup(windows, { format: 'andotp' });
    expect(tokens.map((t) => [t.issuer, t.account, t.period])).toEqual([['ACME', 'alice', 30]]);
  });

  test('malformed JSON is INVALID_BACKUP naming what is wrong and where', () => {
    const e = otpError(() => readBackup(`${ANDOTP.slice(0, -2)}]`, { format: 'andotp' }));
    expect(e.code).toBe('INVALID_BACKUP');
    expect(e.message).toContain(`expected ',' or '}' at character ${ANDOTP.length - 1}`);
  });
});
