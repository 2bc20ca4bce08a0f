/**
 * The DataInput of RFC 6287 §5.1 (errata 4114): suite ‖ 0x00 ‖ [C] ‖ Q ‖ [P] ‖ [S] ‖ [T], built
 * once per call from checked inputs, with the C and T fields left to be rewritten per candidate.
 * @module
 */
import { DIGEST_BYTES } from './_algorithm.ts';
import { isBytes } from './_bytes.ts';
import { counterWords, TWO_32, type CounterWords } from './_counter.ts';
import { digest, messageMac } from './_kernel.ts';
import { utf8Encode } from './_utf8.ts';
import { checkedObject, describe, keyBytes, kindOf } from './_validate.ts';
import { OtpError } from './errors.ts';
import { parseOcraSuite, type OcraSuite } from './ocra-suite.ts';
import { gridPoint, type TimeInput } from './_time.ts';

// The WHATWG TextEncoder every target runtime has, typed here: src/ compiles with the ES2022
// library alone (no DOM or Node types), and `deno publish` checks it without the CLI's Node types.
declare const TextEncoder: new () => { encode(text: string): Uint8Array };

/** The Q field is always 128 bytes (RFC 6287 §5.1), whatever the challenge length. */
const Q_BYTES = 128;
/** The longest decimal challenge that can fit: 10^309 exceeds 2^1024, the Q field's range. */
const MAX_QN_DIGITS = 309;
const INPUT_KEYS = ['challenge', 'counter', 'pin', 'pinHash', 'session', 'now', 'timestamp'] as const;

function badInput(message: string): never {
  throw new OtpError('INVALID_OCRA_INPUT', message);
}

/** A suite given as text or as a parsed object; an object is re-parsed from its text and must agree. */
export function suiteOf(value: unknown): OcraSuite {
  if (typeof value === 'string') return parseOcraSuite(value);
  if (value === null || typeof value !== 'object' || typeof (value as OcraSuite).suite !== 'string') {
    throw new OtpError('INVALID_OCRA_SUITE', `suite must be a suite string or an OcraSuite from parseOcraSuite, got ${describe(value)}`);
  }
  const given = value as Record<string, unknown>;
  const parsed = parseOcraSuite(given.suite as string);
  const keys = ['algorithm', 'digits', 'counter', 'challengeFormat', 'challengeLength', 'pinHash', 'sessionLength', 'period'] as const;
  for (const k of keys) {
    if (given[k] !== parsed[k]) {
      throw new OtpError('INVALID_OCRA_SUITE', `the OcraSuite's ${k} does not match its suite text ${JSON.stringify(parsed.suite)}: use parseOcraSuite`);
    }
  }
  return parsed;
}

/** Hex digits as nibble values; `what` names the argument in the error. */
function nibbles(text: string, what: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // The 0x20 bit lower-cases A–F; digits are tested on `c` itself, since the bit would also
    // turn the control characters U+0010–U+0019 into '0'–'9'.
    const lower = c | 0x20;
    if (c >= 48 && c <= 57) out[i] = c - 48;
    else if (lower >= 97 && lower <= 102) out[i] = lower - 87;
    else throw new OtpError('INVALID_HEX', `${what} must be hex digits (0–9, a–f, A–F): position ${i + 1} is not one`);
  }
  return out;
}

/**
 * Writes the challenge into the 128-byte Q field at `at`, left-aligned and zero-filled (§5.1).
 * QN is the decimal number in hexadecimal and QH the hex digits, an odd last nibble padded on the
 * right with 0 as the RFC's reference code does; QA is the characters' ASCII bytes.
 */
function writeChallenge(data: Uint8Array, at: number, suite: OcraSuite, challenge: unknown): void {
  const format = suite.challengeFormat;
  if (typeof challenge !== 'string' || challenge.length === 0) {
    badInput(`challenge must be a non-empty string (suite format Q${format}), got ${describe(challenge)}`);
  }
  if (format === 'A') {
    if (challenge.length > Q_BYTES) badInput(`a QA challenge has at most ${Q_BYTES} characters (the Q field), got ${challenge.length}`);
    const bad = challenge.search(/[^\x20-\x7e]/);
    if (bad >= 0) badInput(`a QA challenge is printable ASCII: character ${bad + 1} is not`);
    data.set(utf8Encode(challenge)!, at); // printable ASCII is its own UTF-8: a byte a character
    return;
  }
  let hex: string;
  if (format === 'N') {
    if (challenge.length > MAX_QN_DIGITS || !/^[0-9]+$/.test(challenge)) {
      badInput(`a QN challenge is decimal digits 0–9 whose value fits ${Q_BYTES} bytes, got ${describe(challenge)}`);
    }
    // Exact integer conversion: no floating point, so a 64-digit challenge keeps every digit.
    hex = BigInt(challenge).toString(16);
    if (hex.length > 2 * Q_BYTES) badInput(`the QN challenge's value does not fit the ${Q_BYTES}-byte Q field`);
  } else {
    if (challenge.length > 2 * Q_BYTES) badInput(`a QH challenge has at most ${2 * Q_BYTES} hex digits (the Q field), got ${challenge.length}`);
    if (!/^[0-9a-fA-F]+$/.test(challenge)) badInput(`a QH challenge is hex digits 0–9, a–f, A–F, got ${describe(challenge)}`);
    hex = challenge;
  }
  // Hex digits only, by the checks above (toString(16) writes nothing else): parseInt reads each one.
  // Stryker disable next-line EqualityOperator: past the text's end hex[i] is undefined, parseInt answers NaN and NaN << 4 is 0: the byte is unchanged
  for (let i = 0; i < hex.length; i++) data[at + (i >> 1)]! |= parseInt(hex[i]!, 16) << (i & 1 ? 0 : 4);
}

/** Bytes, or hex text (any case), of at most `max` bytes; `exact` requires exactly `max`. */
function bytesInput(value: unknown, what: string, max: number, exact: boolean): Uint8Array {
  let bytes: Uint8Array;
  if (typeof value === 'string') {
    if (value.length > 2 * max || (exact && value.length !== 2 * max)) {
      badInput(`${what} as hex must be ${exact ? 'exactly' : 'at most'} ${2 * max} hex digits, got ${value.length}`);
    }
    const digits = nibbles(value, what);
    // An odd digit count is a leading 0 nibble, as the reference's left padding makes it.
    bytes = new Uint8Array((digits.length + 1) >> 1);
    const shift = digits.length & 1;
    // Stryker disable next-line EqualityOperator: digits[digits.length] is past its end (undefined, 0 to the shift and the |=), and its byte is past bytes' end, a write a typed array ignores
    for (let i = 0; i < digits.length; i++) {
      const at = i + shift; // the digit's place in the padded text
      bytes[at >> 1]! |= at & 1 ? digits[i]! : digits[i]! << 4;
    }
  } else if (isBytes(value)) {
    bytes = value;
  } else {
    badInput(`${what} must be a Uint8Array or hex text, got ${kindOf(value)}`);
  }
  if (bytes.length > max || (exact && bytes.length !== max)) {
    badInput(`${what} must be ${exact ? 'exactly' : 'at most'} ${max} bytes, got ${bytes.length}`);
  }
  return bytes;
}

/** A timestamp already in steps: an integer in 0 … 2^64-1. */
function timestampWords(value: unknown): CounterWords {
  // Number.isSafeInteger is false for every non-number: past it, value is a number.
  const ok = typeof value === 'bigint' ? value >= 0n && value < 1n << 64n : Number.isSafeInteger(value) && (value as number) >= 0;
  if (!ok) {
    throw new OtpError('INVALID_TIME', `timestamp must be a count of time steps from 0 to 2^64-1 (a number up to 2^53-1, or a bigint), got ${describe(value)}`);
  }
  return counterWords(value); // in range, checked above: counterWords has nothing to refuse, so no name to give
}

/**
 * Everything one call needs, built once: the keyed HMAC, the DataInput with every field filled
 * in, and where the counter and time fields sit so a window scan rewrites only those 8 bytes.
 */
export interface Prepared {
  suite: OcraSuite;
  /**
   * Computes the HMAC of `data` as it is now into `mac`; `from` is the lowest offset written
   * since the previous call (0 the first time), so a time-window scan recompresses only the
   * blocks from the time field on.
   */
  run: (from: number) => void;
  data: DataView;
  mac: Uint8Array;
  counterAt: number;
  timeAt: number;
  counter: CounterWords;
  time: CounterWords;
}

export function prepare(suiteArg: unknown, key: unknown, input: unknown): Prepared {
  const suite = suiteOf(suiteArg);
  const keyed = keyBytes(key);
  if (input === undefined) badInput("input must be an object such as { challenge: '12345678' }, got undefined");
  const given = checkedObject(input as object, INPUT_KEYS, 'input', 'INVALID_OCRA_INPUT') as Record<string, unknown>;
  const has = (name: string) => given[name] !== undefined;
  const part = (name: string, letter: string, needed: boolean) => {
    if (needed && !has(name)) badInput(`suite ${suite.suite} has ${letter}: input.${name} is required`);
    if (!needed && has(name)) badInput(`suite ${suite.suite} has no ${letter}: input.${name} must not be given`);
  };

  const suiteBytes = utf8Encode(suite.suite)!; // ASCII: the parser admits nothing else
  const pinLength = suite.pinHash ? DIGEST_BYTES[suite.pinHash] : 0;
  const counterAt = suite.counter ? suiteBytes.length + 1 : -1;
  const qAt = suiteBytes.length + 1 + (suite.counter ? 8 : 0);
  const pinAt = qAt + Q_BYTES;
  const sessionAt = pinAt + pinLength;
  const timeAt = suite.period ? sessionAt + (suite.sessionLength ?? 0) : -1;
  // The kernel owns the DataInput buffer (followed by its hash padding) and keeps the inner
  // state after every block, so a window scan rewrites 8 bytes and recompresses from there.
  const kernel = messageMac(suite.algorithm, keyed, sessionAt + (suite.sessionLength ?? 0) + (suite.period ? 8 : 0));
  const data = kernel.bytes;
  data.set(suiteBytes); // then the 0x00 separator, already there

  part('counter', 'C', suite.counter);
  // Stryker disable next-line ObjectLiteral: without C, counterAt is -1 and the counter is never read
  const counter = suite.counter ? counterWords(given.counter) : { hi: 0, lo: 0 };
  writeChallenge(data, qAt, suite, given.challenge);

  if (suite.pinHash) {
    if (has('pin') === has('pinHash')) badInput(`suite ${suite.suite} has P: give exactly one of input.pin and input.pinHash`);
    if (has('pin')) {
      if (typeof given.pin !== 'string' || given.pin === '') badInput(`pin must be a non-empty string, got ${kindOf(given.pin)}`);
      // Strict UTF-8: a lone surrogate is refused, never hashed as U+FFFD (another PIN).
      const pin = utf8Encode(given.pin) ?? badInput('pin is not well-formed Unicode (it holds a lone surrogate)');
      data.set(digest(suite.pinHash, pin), pinAt);
    } else {
      data.set(bytesInput(given.pinHash, `pinHash (${suite.pinHash})`, pinLength, true), pinAt);
    }
  } else {
    part('pin', 'P', false);
    part('pinHash', 'P', false);
  }

  part('session', 'S', suite.sessionLength !== undefined);
  if (suite.sessionLength !== undefined) {
    const session = bytesInput(given.session, `session (S${String(suite.sessionLength).padStart(3, '0')})`, suite.sessionLength, false);
    data.set(session, sessionAt + suite.sessionLength - session.length); // left-padded with zeros
  }

  // Stryker disable next-line ObjectLiteral: without T, timeAt is -1 and the time is never read
  let time: CounterWords = { hi: 0, lo: 0 };
  if (suite.period) {
    if (has('now') && has('timestamp')) badInput('give input.now or input.timestamp, not both');
    time = has('timestamp') ? timestampWords(given.timestamp) : counterWords(gridPoint({ now: given.now as TimeInput, period: suite.period }).step);
  } else {
    part('now', 'T', false);
    part('timestamp', 'T', false);
  }

  return {
    suite,
    run: (from) => kernel.run(from),
    data: new DataView(data.buffer, data.byteOffset, data.length),
    mac: kernel.mac,
    counterAt,
    timeAt,
    counter,
    time,
  };
}

/**
 * Writes the 64-bit value `words + delta` big-endian at `at`; false (nothing written) when it
 * falls outside 0 … 2^64-1. |delta| < 2^32, so the low word borrows or carries at most one.
 */
export function setWords(view: DataView, at: number, { hi, lo }: CounterWords, delta: number): boolean {
  const l = lo + delta; // -2^32 < l < 2^33
  const h = hi + Math.floor(l / TWO_32); // the borrow (-1) or carry (+1)
  // Stryker disable next-line BooleanLiteral: out of range nothing is written, so the data still holds a candidate already tried (this counter at an earlier step, or the previous counter): true would only repeat HMACs that did not match
  if (h < 0 || h >= TWO_32) return false;
  view.setUint32(at, h);
  view.setUint32(at + 4, l); // setUint32 takes l modulo 2^32 (ToUint32): the low word without its borrow or carry
  return true;
}
