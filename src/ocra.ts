/**
 * OCRA, RFC 6287 §5 and §7: HMAC over DataInput = suite ‖ 0x00 ‖ [C] ‖ Q ‖ [P] ‖ [S] ‖ [T]
 * (errata 4114 puts the suite and separator first), truncated as HOTP does (RFC 4226 §5.3).
 * @module
 */
import type { Counter } from './_counter.ts';
import { prepare, setWords } from './_ocra-data.ts';
import { formatCode, modulusOf, tokenValue, truncate } from './_otp.ts';
import { checkedObject, integerIn, MAX_WINDOW } from './_validate.ts';
import { hexEncode } from './encoding.ts';
import { OtpError } from './errors.ts';
import type { OcraSuite } from './ocra-suite.ts';
import type { TimeInput } from './_time.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Algorithm } from './_algorithm.ts';
export type { Counter } from './_counter.ts';
export type { TimeInput } from './_time.ts';
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
  /** Counters ahead of the given one (0 when the suite has no C): store `counter + counterDelta + 1`. */
  counterDelta: number;
  /** Time steps from now (0 when the suite has no T). */
  timeDelta: number;
}

/** The most responses verifyOcra computes in one call: as many as the widest time window alone. */
const MAX_OCRA_CANDIDATES = 2 * MAX_WINDOW + 1;

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
  // An absent part's offset is -1 (an offset into DataInput is never 0: the suite text comes first).
  if (p.counterAt !== -1) setWords(p.data, p.counterAt, p.counter, 0);
  if (p.timeAt !== -1) setWords(p.data, p.timeAt, p.time, 0);
  p.run(0);
  const { digits } = p.suite;
  if (digits === 0) return hexEncode(p.mac);
  return formatCode(truncate(p.mac), digits);
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
    // Stryker disable next-line EqualityOperator: bytes[macLength] is past the array's end, a write a typed array ignores
    for (let i = 0; i < macLength; i++) bytes[i] = parseInt(response.slice(2 * i, 2 * i + 2), 16);
    return bytes;
  }
  const value = tokenValue(response, digits); // the same parse as HOTP's and TOTP's codes
  // Stryker disable next-line ConditionalExpression: a malformed code's -1 equals no truncated value, so it would match nothing; this spares the HMACs
  return value < 0 ? null : value;
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
 *   default 0, with (counterWindow + 1) × (2 × timeWindow + 1) at most 200001
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
export function verifyOcra(response: string, suite: string | OcraSuite, key: Uint8Array, input: OcraInput, options?: VerifyOcraOptions): OcraMatch | null {
  const p = prepare(suite, key, input);
  const opts = checkedObject(options, ['counterWindow', 'timeWindow']);
  const counterWindow = integerIn(opts.counterWindow, 0, 0, MAX_WINDOW, 'counterWindow', 'INVALID_WINDOW');
  const timeWindow = integerIn(opts.timeWindow, 0, 0, MAX_WINDOW, 'timeWindow', 'INVALID_WINDOW');
  if (counterWindow > 0 && p.counterAt === -1) {
    throw new OtpError('INVALID_WINDOW', `counterWindow needs a suite with C; ${p.suite.suite} has none`);
  }
  if (timeWindow > 0 && p.timeAt === -1) {
    throw new OtpError('INVALID_WINDOW', `timeWindow needs a suite with T; ${p.suite.suite} has none`);
  }
  // Each window alone is capped; together they multiply, so their product is capped too.
  const candidates = (counterWindow + 1) * (2 * timeWindow + 1);
  if (candidates > MAX_OCRA_CANDIDATES) {
    throw new OtpError(
      'INVALID_WINDOW',
      `counterWindow ${counterWindow} and timeWindow ${timeWindow} ask for ${candidates} HMACs, (counterWindow + 1) × (2 × timeWindow + 1); at most ${MAX_OCRA_CANDIDATES}`,
    );
  }
  const wanted = responseValue(response, p.suite.digits, p.mac.length);
  if (wanted === null) return null;
  const modulus = modulusOf(p.suite.digits);
  const { data, mac } = p;
  // The lowest DataInput offset rewritten since the last HMAC: the kernel recompresses from the
  // block that holds it, so a time step costs the last block or two, not the whole DataInput.
  let dirty = 0;
  const matches = (): boolean => {
    p.run(dirty);
    dirty = data.byteLength;
    if (typeof wanted === 'number') return truncate(mac) % modulus === wanted;
    let diff = 0;
    // Stryker disable next-line EqualityOperator: past both arrays' ends the reads are undefined, and undefined ^ undefined is 0
    for (let i = 0; i < mac.length; i++) diff |= mac[i]! ^ wanted[i]!;
    return diff === 0;
  };
  for (let c = 0; c <= counterWindow; c++) {
    // The look-ahead stops at 2^64-1: it never wraps to counter 0.
    if (p.counterAt !== -1) {
      if (!setWords(data, p.counterAt, p.counter, c)) break;
      dirty = Math.min(dirty, p.counterAt);
    }
    if (p.timeAt === -1) {
      if (matches()) return { counterDelta: c, timeDelta: 0 };
      continue;
    }
    // Nearest step first; on a tie the older one (a response typed slowly is the common case).
    for (let k = 0; k <= 2 * timeWindow; k++) {
      const delta = k & 1 ? -((k + 1) >> 1) : k >> 1;
      if (!setWords(data, p.timeAt, p.time, delta)) continue;
      dirty = Math.min(dirty, p.timeAt);
      if (matches()) return { counterDelta: c, timeDelta: delta };
    }
  }
  return null;
}
