/**
 * OCRA, RFC 6287 §5 and §7: HMAC over DataInput = suite ‖ 0x00 ‖ [C] ‖ Q ‖ [P] ‖ [S] ‖ [T]
 * (errata 4114 puts the suite and separator first), truncated as HOTP does (RFC 4226 §5.3).
 * @module
 */
import { hmac } from '@noble/hashes/hmac.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { isBytes } from '@noble/hashes/utils.js';
import { hashOf } from './_algorithm.ts';
import { counterWords, TWO_32, type Counter, type CounterWords } from './_counter.ts';
import { describe, integerIn, keyBytes, kindOf, MAX_WINDOW, optionsObject } from './_validate.ts';
import { hexEncode } from './encoding.ts';
import { OtpError } from './errors.ts';
import { parseOcraSuite, type OcraSuite } from './ocra-suite.ts';
import { timeStep, type TimeInput } from './totp.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Algorithm } from './_algorithm.ts';
export type { Counter } from './_counter.ts';
export type { TimeInput } from './totp.ts';
export { MAX_OCRA_SUITE, parseOcraSuite, type OcraChallengeFormat, type OcraSuite } from './ocra-suite.ts';

/** The inputs of one OCRA computation. Give exactly the parts the suite names. */
export interface OcraInput {
  /**
   * Q: the challenge, as the suite's format says: decimal digits (QN), hex digits (QH) or
   * printable ASCII (QA). Mutual mode passes two parties' challenges concatenated.
   */
  challenge: string;
  /** C: the counter, 0 … 2^64-1 (a `number` up to 2^53-1, or a `bigint`). */
  counter?: Counter;
  /** P: the PIN or password, hashed here (UTF-8) with the suite's P hash. */
  pin?: string;
  /** P: the PIN already hashed with the suite's P hash: bytes, or hex text. */
  pinHash?: Uint8Array | string;
  /** S: session data, bytes or hex text, at most Snnn bytes; shorter data is left-padded with zeros. */
  session?: Uint8Array | string;
  /** T: the time to derive the time step from (default: now). Not with `timestamp`. */
  now?: TimeInput;
  /** T: the time step itself, already counted in the suite's steps since the epoch. Not with `now`. */
  timestamp?: number | bigint;
}

/** Options of {@link verifyOcra}. */
export interface VerifyOcraOptions {
  /** Also try `counter + 1 … counter + counterWindow` (suites with C only; default 0). */
  counterWindow?: number;
  /** Also try the time steps `T − timeWindow … T + timeWindow` (suites with T only; default 0). */
  timeWindow?: number;
}

/** A verified OCRA response: it matched at `counter + counterDelta` and time step `T + timeDelta`. */
export interface OcraMatch {
  counterDelta: number;
  timeDelta: number;
}

/** The Q field is always 128 bytes (RFC 6287 §5.1), whatever the challenge length. */
const Q_BYTES = 128;
/** The longest decimal challenge that can fit: 10^309 exceeds 2^1024, the Q field's range. */
const MAX_QN_DIGITS = 309;
const POW10: readonly number[] = /* @__PURE__ */ Object.freeze(Array.from({ length: 11 }, (_, i) => 10 ** i));
const INPUT_KEYS: ReadonlySet<string> = /* @__PURE__ */ new Set(['challenge', 'counter', 'pin', 'pinHash', 'session', 'now', 'timestamp']);

function badInput(message: string): never {
  throw new OtpError('INVALID_OCRA_INPUT', message);
}

/** A suite given as text or as a parsed object; an object is re-parsed from its text and must agree. */
function suiteOf(value: unknown): OcraSuite {
  if (typeof value === 'string') return parseOcraSuite(value);
  if (value === null || typeof value !== 'object' || typeof (value as OcraSuite).suite !== 'string') {
    throw new OtpError('INVALID_OCRA_SUITE', `suite must be a suite string or an OcraSuite from parseOcraSuite, got ${describe(value)}`);
  }
  const given = value as Record<string, unknown>;
  const parsed = parseOcraSuite(given.suite as string);
  const keys = ['algorithm', 'digits', 'counter', 'challengeFormat', 'challengeLength', 'pinHash', 'sessionLength', 'timeStep'] as const;
  for (const k of keys) {
    if (given[k] !== parsed[k]) {
      throw new OtpError('INVALID_OCRA_SUITE', `the OcraSuite's ${k} does not match its suite text ${describe(parsed.suite)}: use parseOcraSuite`);
    }
  }
  return parsed;
}

/** Hex digits as nibble values; `what` names the argument in the error. */
function nibbles(text: string, what: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20; // lower-cases letters; digits are unchanged
    const v = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
    if (v < 0 || text.charCodeAt(i) > 127) {
      throw new OtpError('INVALID_HEX', `${what} must be hex digits (0–9, a–f, A–F): position ${i + 1} is not one`);
    }
    out[i] = v;
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
    for (let i = 0; i < challenge.length; i++) {
      const c = challenge.charCodeAt(i);
      if (c < 0x20 || c > 0x7e) badInput(`a QA challenge is printable ASCII: character ${i + 1} is not`);
      data[at + i] = c;
    }
    return;
  }
  let hex: Uint8Array;
  if (format === 'N') {
    if (challenge.length > MAX_QN_DIGITS || !/^[0-9]+$/.test(challenge)) {
      badInput(`a QN challenge is decimal digits 0–9 whose value fits ${Q_BYTES} bytes, got ${describe(challenge)}`);
    }
    // Exact integer conversion: no floating point, so a 64-digit challenge keeps every digit.
    hex = nibbles(BigInt(challenge).toString(16), 'challenge');
  } else {
    if (challenge.length > 2 * Q_BYTES) badInput(`a QH challenge has at most ${2 * Q_BYTES} hex digits (the Q field), got ${challenge.length}`);
    if (!/^[0-9a-fA-F]+$/.test(challenge)) badInput(`a QH challenge is hex digits 0–9, a–f, A–F, got ${describe(challenge)}`);
    hex = nibbles(challenge, 'challenge');
  }
  if (hex.length > 2 * Q_BYTES) badInput(`the QN challenge's value does not fit the ${Q_BYTES}-byte Q field`);
  for (let i = 0; i < hex.length; i++) data[at + (i >> 1)]! |= i & 1 ? hex[i]! : hex[i]! << 4;
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
    for (let i = 0; i < digits.length; i++) bytes[(i + shift) >> 1]! |= (i + shift) & 1 ? digits[i]! : digits[i]! << 4;
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
  const ok =
    typeof value === 'bigint'
      ? value >= 0n && value < 1n << 64n
      : typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
  if (!ok) {
    throw new OtpError(
      'INVALID_TIME',
      `timestamp must be a count of time steps from 0 to 2^64-1 (a number up to 2^53-1, or a bigint), got ${describe(value)}`,
    );
  }
  return counterWords(value, 'timestamp');
}

/**
 * Everything one call needs, built once: the keyed HMAC, the DataInput with every field filled
 * in, and where the counter and time fields sit so a window scan rewrites only those 8 bytes.
 */
interface Prepared {
  suite: OcraSuite;
  /** Computes the HMAC of `data` as it is now into `mac`. */
  run: () => void;
  data: DataView;
  mac: Uint8Array;
  counterAt: number;
  timeAt: number;
  counter: CounterWords;
  time: CounterWords;
}

function prepare(suiteArg: unknown, key: unknown, input: unknown): Prepared {
  const suite = suiteOf(suiteArg);
  const hash = hashOf(suite.algorithm);
  const keyed = hmac.create(hash, keyBytes(key));
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    badInput(`input must be an object such as { challenge: '12345678' }, got ${describe(input)}`);
  }
  const given = input as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (!INPUT_KEYS.has(name)) {
      badInput(`unknown input ${describe(name)}: the parts are challenge, counter, pin or pinHash, session, and now or timestamp`);
    }
  }
  const has = (name: string) => given[name] !== undefined;
  const part = (name: string, letter: string, needed: boolean) => {
    if (needed && !has(name)) badInput(`suite ${suite.suite} has ${letter}: input.${name} is required`);
    if (!needed && has(name)) badInput(`suite ${suite.suite} has no ${letter}: input.${name} must not be given`);
  };

  const suiteBytes = utf8ToBytes(suite.suite); // ASCII: the parser admits nothing else
  const pinLength = suite.pinHash ? hashOf(suite.pinHash).outputLen : 0;
  const counterAt = suite.counter ? suiteBytes.length + 1 : -1;
  const qAt = suiteBytes.length + 1 + (suite.counter ? 8 : 0);
  const pinAt = qAt + Q_BYTES;
  const sessionAt = pinAt + pinLength;
  const timeAt = suite.timeStep ? sessionAt + (suite.sessionLength ?? 0) : -1;
  const data = new Uint8Array(sessionAt + (suite.sessionLength ?? 0) + (suite.timeStep ? 8 : 0));
  data.set(suiteBytes); // then the 0x00 separator, already there

  part('counter', 'C', suite.counter);
  const counter = suite.counter ? counterWords(given.counter) : { hi: 0, lo: 0 };
  writeChallenge(data, qAt, suite, given.challenge);

  if (suite.pinHash) {
    if (has('pin') === has('pinHash')) badInput(`suite ${suite.suite} has P: give exactly one of input.pin and input.pinHash`);
    if (has('pin')) {
      if (typeof given.pin !== 'string' || given.pin === '') badInput(`pin must be a non-empty string, got ${kindOf(given.pin)}`);
      data.set(hashOf(suite.pinHash)(utf8ToBytes(given.pin)), pinAt);
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

  let time: CounterWords = { hi: 0, lo: 0 };
  if (suite.timeStep) {
    if (has('now') && has('timestamp')) badInput('give input.now or input.timestamp, not both');
    time = has('timestamp')
      ? timestampWords(given.timestamp)
      : counterWords(timeStep({ now: given.now as TimeInput, period: suite.timeStep }));
  } else {
    part('now', 'T', false);
    part('timestamp', 'T', false);
  }

  const work = keyed.clone();
  const mac = new Uint8Array(keyed.outputLen);
  return {
    suite,
    run: () => {
      keyed._cloneInto(work);
      work.update(data);
      work.digestInto(mac);
    },
    data: new DataView(data.buffer),
    mac,
    counterAt,
    timeAt,
    counter,
    time,
  };
}

/**
 * Writes the 64-bit value `words + delta` big-endian at `at`; false (nothing written) when it
 * falls outside 0 … 2^64-1. |delta| < 2^32, so one carry or borrow suffices.
 */
function setWords(view: DataView, at: number, { hi, lo }: CounterWords, delta: number): boolean {
  let l = lo + delta;
  let h = hi;
  if (l < 0) {
    l += TWO_32;
    h--;
  } else if (l >= TWO_32) {
    l -= TWO_32;
    h++;
  }
  if (h < 0 || h >= TWO_32) return false;
  view.setUint32(at, h);
  view.setUint32(at + 4, l);
  return true;
}

/** Dynamic truncation (RFC 4226 §5.4, offset from the last byte per errata 6756) to a 31-bit value. */
function truncate(mac: Uint8Array): number {
  const o = mac[mac.length - 1]! & 0x0f;
  return ((mac[o]! & 0x7f) << 24) | (mac[o + 1]! << 16) | (mac[o + 2]! << 8) | mac[o + 3]!;
}

/**
 * Computes an OCRA response (RFC 6287 §5.2). With t = 0 in the suite the response is the whole
 * HMAC in lower-case hex: RFC 6287 allows it but its reference code cannot produce it, so other
 * implementations may not agree on its form.
 * @param suite - the suite text, or an {@link OcraSuite} from {@link parseOcraSuite}
 * @param key - the shared secret (any non-empty length; the RFC uses 20/32/64 bytes for SHA1/256/512)
 * @param input - exactly the parts the suite names: `challenge` always; `counter` for C; `pin` or
 *   `pinHash` for P; `session` for S; `now` or `timestamp` for T (default: now)
 * @returns the response: `digits` decimal digits, zero-padded, or the HMAC in hex for t = 0
 * @throws OtpError `INVALID_OCRA_SUITE`, `INVALID_KEY`, `INVALID_OCRA_INPUT` (a missing, extra or
 *   malformed part), `INVALID_COUNTER`, `INVALID_TIME`, `INVALID_HEX`, `INPUT_TOO_LONG`
 * @example
 * ```ts
 * import { ocra } from 'oathkit/ocra';
 * const key20 = new TextEncoder().encode('12345678901234567890');
 * const key32 = new TextEncoder().encode('12345678901234567890123456789012');
 * ocra('OCRA-1:HOTP-SHA1-6:QN08', key20, { challenge: '00000000' }); // '237653' (RFC 6287 C.1)
 * ocra('OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1', key32, { challenge: '12345678', counter: 1, pin: '1234' }); // '86775851'
 * ocra('OCRA-1:HOTP-SHA1-0:QH08', key20, { challenge: 'c0ffee00' }).length; // 40
 * ```
 */
export function ocra(suite: string | OcraSuite, key: Uint8Array, input: OcraInput): string {
  const p = prepare(suite, key, input);
  if (p.counterAt >= 0) setWords(p.data, p.counterAt, p.counter, 0);
  if (p.timeAt >= 0) setWords(p.data, p.timeAt, p.time, 0);
  p.run();
  const { digits } = p.suite;
  if (digits === 0) return hexEncode(p.mac);
  return String(truncate(p.mac) % POW10[digits]!).padStart(digits, '0');
}

/**
 * The response as the value it is compared by, parsed once before any HMAC: for t > 0 the
 * integer of exactly `digits` ASCII digits, for t = 0 the HMAC bytes from hex (either case);
 * null when malformed.
 */
function responseValue(response: unknown, digits: number, macLength: number): number | Uint8Array | null {
  if (typeof response !== 'string') return null;
  if (digits === 0) {
    if (response.length !== 2 * macLength || !/^[0-9a-fA-F]*$/.test(response)) return null;
    const bytes = new Uint8Array(macLength);
    for (let i = 0; i < macLength; i++) bytes[i] = parseInt(response.slice(2 * i, 2 * i + 2), 16);
    return bytes;
  }
  if (response.length !== digits) return null;
  let value = 0;
  for (let i = 0; i < digits; i++) {
    const d = response.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return null;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Verifies an OCRA response: tries the counters `counter … counter + counterWindow` (never
 * behind) and, for each, the time steps nearest first (T, T − 1, T + 1, …, older first on a tie)
 * within `timeWindow`. The response is compared as an integer (or, for t = 0, every HMAC byte is
 * compared), never stopping at the first differing character.
 * @param response - the response the user gave; anything malformed is `null`
 * @param suite - the suite text, or an {@link OcraSuite}
 * @param key - the shared secret
 * @param input - the inputs as for {@link ocra}; `counter` is the next expected counter and the
 *   time is the server's
 * @param options - `counterWindow` (suites with C) and `timeWindow` (suites with T), 0 … 100000,
 *   default 0
 * @returns `{ counterDelta, timeDelta }` (both 0 for parts the suite lacks), or `null`. Store
 *   `counter + counterDelta + 1` as the next counter.
 * @throws OtpError as {@link ocra}, and `INVALID_WINDOW` for a bad window or one the suite has no
 *   part for (never for a wrong or malformed response)
 * @example
 * ```ts
 * import { verifyOcra } from 'oathkit/ocra';
 * const key = new TextEncoder().encode('1234567890123456789012345678901234567890123456789012345678901234');
 * const suite = 'OCRA-1:HOTP-SHA512-8:C-QN08';
 * verifyOcra('07016083', suite, key, { challenge: '00000000', counter: 0 }); // { counterDelta: 0, timeDelta: 0 }
 * verifyOcra('63947962', suite, key, { challenge: '11111111', counter: 0 }, { counterWindow: 5 }); // { counterDelta: 1, timeDelta: 0 }
 * verifyOcra('00000000', suite, key, { challenge: '00000000', counter: 0 }); // null
 * ```
 */
export function verifyOcra(
  response: string,
  suite: string | OcraSuite,
  key: Uint8Array,
  input: OcraInput,
  options?: VerifyOcraOptions,
): OcraMatch | null {
  const p = prepare(suite, key, input);
  const opts = optionsObject(options);
  const counterWindow = integerIn(opts.counterWindow, 0, 0, MAX_WINDOW, 'counterWindow', 'INVALID_WINDOW');
  const timeWindow = integerIn(opts.timeWindow, 0, 0, MAX_WINDOW, 'timeWindow', 'INVALID_WINDOW');
  if (counterWindow > 0 && p.counterAt < 0) {
    throw new OtpError('INVALID_WINDOW', `counterWindow needs a suite with C; ${p.suite.suite} has none`);
  }
  if (timeWindow > 0 && p.timeAt < 0) {
    throw new OtpError('INVALID_WINDOW', `timeWindow needs a suite with T; ${p.suite.suite} has none`);
  }
  const wanted = responseValue(response, p.suite.digits, p.mac.length);
  if (wanted === null) return null;
  const modulus = POW10[p.suite.digits]!;
  const { data, mac } = p;
  const matches = (): boolean => {
    p.run();
    if (typeof wanted === 'number') return truncate(mac) % modulus === wanted;
    let diff = 0;
    for (let i = 0; i < mac.length; i++) diff |= mac[i]! ^ wanted[i]!;
    return diff === 0;
  };
  for (let c = 0; c <= counterWindow; c++) {
    // The look-ahead stops at 2^64-1: it never wraps to counter 0.
    if (p.counterAt >= 0 && !setWords(data, p.counterAt, p.counter, c)) break;
    if (p.timeAt < 0) {
      if (matches()) return { counterDelta: c, timeDelta: 0 };
      continue;
    }
    // Nearest step first; on a tie the older one (a response typed slowly is the common case).
    for (let k = 0; k <= 2 * timeWindow; k++) {
      const delta = k & 1 ? -((k + 1) >> 1) : k >> 1;
      if (setWords(data, p.timeAt, p.time, delta) && matches()) return { counterDelta: c, timeDelta: delta };
    }
  }
  return null;
}
