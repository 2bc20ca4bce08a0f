/**
 * A bounded JSON reader (RFC 8259) for files an attacker may hand us: one pass, no recursion on the
 * call stack, capped depth, capped number text, no prototype anywhere. `JSON.parse` would accept any
 * depth (a stack overflow is a RangeError, not an OtpError), round integers past 2^53 silently (an
 * HOTP counter of 2^63-1 must survive), and give `{"__proto__": …}` a special meaning in code that
 * copies the result; this reader does none of that.
 * - objects are null-prototype records: `__proto__` is an ordinary key; a key given twice is refused
 *   (the file would mean two things);
 * - integers without fraction or exponent come back as `number` up to 2^53-1 and as exact `bigint`
 *   above; other numbers as finite `number`s; a number's text is at most 64 characters;
 * - strings are checked for lone surrogates written as `\uD800` escapes (they could not be written
 *   back as UTF-8).
 * @module
 */
import { OtpError } from './errors.ts';

/** A JSON value as {@link parseJson} returns it. */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;
/** A JSON object: a null-prototype record of own keys. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/** How deep arrays and objects may nest. Every backup format here needs fewer than 10 levels. */
export const MAX_JSON_DEPTH = 32;
/** The longest number literal read, in characters. */
export const MAX_JSON_NUMBER = 64;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function fail(message: string, at: number): never {
  throw new OtpError('INVALID_BACKUP', `the file is not valid JSON: ${message} at character ${at + 1}`);
}

/** Whether `value` is a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses JSON text. The caller caps the text's length; time is linear in it.
 * @throws OtpError `INVALID_BACKUP` for anything that is not one JSON value, nesting past
 *   {@link MAX_JSON_DEPTH}, a number longer than {@link MAX_JSON_NUMBER} characters or not finite,
 *   a key given twice, a lone surrogate
 */
export function parseJson(text: string): JsonValue {
  let i = 0;
  const n = text.length;
  const ws = () => {
    // Stryker disable next-line EqualityOperator: charCodeAt(n) is NaN, not whitespace: the loop stops there all the same
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      i++;
    }
  };

  const string = (): string => {
    // text[i] is the opening quote.
    const start = ++i;
    let out = '';
    let run = start;
    for (;;) {
      // Stryker disable next-line EqualityOperator: at i = n the character is NaN, which only steps i past n: the same refusal
      if (i >= n) fail('a string is not closed', start - 1);
      const c = text.charCodeAt(i);
      if (c === 34 /* " */) {
        out += text.slice(run, i++);
        break;
      }
      if (c < 0x20) fail('a control character inside a string', i);
      if (c === 92 /* \ */) {
        out += text.slice(run, i);
        const e = text.charAt(i + 1); // '' past the end: no escape's letter
        const simple = ESCAPES[e];
        if (simple !== undefined) {
          out += simple;
          i += 2;
        } else if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          // hex has at most four characters, so four hex digits found in it are the whole of it.
          if (!/[0-9a-fA-F]{4}/.test(hex)) fail('a \\u escape without four hex digits', i);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else fail('an unknown escape', i);
        run = i;
      } else i++;
    }
    if (LONE_SURROGATE.test(out)) {
      fail('a string holds a lone surrogate', start - 1);
    }
    return out;
  };

  const number = (): number | bigint => {
    const start = i;
    const m = NUMBER.exec(text.slice(i, i + MAX_JSON_NUMBER + 1));
    // A match is never empty: the grammar starts with a digit, after an optional '-'.
    if (m === null) fail('an unexpected character', i);
    if (m[0].length > MAX_JSON_NUMBER) fail(`a number longer than ${MAX_JSON_NUMBER} characters`, start);
    i += m[0].length;
    if (m[1] === undefined && m[2] === undefined) {
      const big = BigInt(m[0]);
      return big > MAX_SAFE || big < -MAX_SAFE ? big : Number(big);
    }
    const value = Number(m[0]);
    if (!Number.isFinite(value)) fail('a number too large for a double', start);
    return value;
  };

  const literal = (word: string, value: JsonValue): JsonValue => {
    if (text.startsWith(word, i)) {
      i += word.length;
      return value;
    }
    return fail('an unexpected character', i);
  };

  // The containers being filled, innermost last; each holds the key it is waiting to fill.
  type Frame = { array: JsonValue[]; object?: undefined } | { object: JsonObject; array?: undefined; key: string };
  const stack: Frame[] = [];
  let result: JsonValue | undefined;

  /** Reads one scalar, or opens a container (returning undefined). */
  const value = (): JsonValue | undefined => {
    ws();
    const c = text[i];
    if (c === '{' || c === '[') {
      if (stack.length >= MAX_JSON_DEPTH) fail(`nesting deeper than ${MAX_JSON_DEPTH} levels`, i);
      i++;
      ws();
      if (c === '[') {
        const array: JsonValue[] = [];
        if (text[i] === ']') {
          i++;
          return array;
        }
        stack.push({ array });
        return undefined;
      }
      const object = Object.create(null) as JsonObject;
      if (text[i] === '}') {
        i++;
        return object;
      }
      stack.push({ object, key: keyOf(object) });
      return undefined;
    }
    if (c === '"') return string();
    if (c === 't') return literal('true', true);
    if (c === 'f') return literal('false', false);
    if (c === 'n') return literal('null', null);
    return number();
  };

  const keyOf = (object: JsonObject): string => {
    ws();
    if (text[i] !== '"') fail('expected a quoted key', i);
    const at = i;
    const key = string();
    if (Object.prototype.hasOwnProperty.call(object, key)) fail(`the key ${JSON.stringify(key.slice(0, 32))} appears twice`, at);
    ws();
    if (text[i] !== ':') fail("expected ':' after a key", i);
    i++;
    return key;
  };

  let v = value();
  for (;;) {
    // Place a finished value into its container, closing containers as they end.
    while (v !== undefined) {
      const top = stack[stack.length - 1];
      if (top === undefined) {
        result = v;
        break;
      }
      if (top.array !== undefined) top.array.push(v);
      else Object.defineProperty(top.object, top.key, { value: v, enumerable: true, writable: true, configurable: true });
      ws();
      const close = top.array !== undefined ? ']' : '}';
      if (text[i] === ',') {
        i++;
        if (top.object !== undefined) top.key = keyOf(top.object);
        v = undefined;
        break;
      }
      if (text[i] !== close) fail(`expected ',' or '${close}'`, i);
      i++;
      stack.pop();
      v = top.array ?? top.object;
    }
    if (result !== undefined) break;
    v = value();
  }
  ws();
  if (i !== n) fail('text after the JSON value', i);
  return result;
}

const ESCAPES: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze({
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
});

/** A surrogate code unit not part of a pair (the `u` flag reads pairs as one code point). */
const LONE_SURROGATE = /\p{Cs}/u;

/** RFC 8259 §6 number; group 1 the fraction, group 2 the exponent. */
const NUMBER = /^-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/;
