/**
 * Argument checks shared by every module: options objects, bounded integers, keys.
 * Each failure is an OtpError whose message names the argument and the allowed range.
 * @module
 */
import { isBytes } from './_bytes.ts';
import { OtpError, type OtpErrorCode } from './errors.ts';

/**
 * The largest verification window (candidates on one side) any verifier accepts. A window is a
 * server setting, not user input, but a typo such as 1e9 must fail loudly instead of hanging.
 */
export const MAX_WINDOW = 100_000;

/** Short, key-free description of a value for error messages. */
export function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'string') return value.length > 24 ? 'a long string' : JSON.stringify(value);
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** The kind of a value, never its content: for arguments that may hold key material. */
export function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * `value` must be absent or a plain object whose every own key is one of `known`: a misspelt
 * option (`{ digit: 8 }`) is misuse, never silently ignored. The message names the nearest known
 * key. Cost: one `for…in` over the few keys given, no allocation (this runs on verify paths).
 * @param value - the options (or input) object
 * @param known - every key the function reads
 * @param name - how the message names the object (`'options'`, `'token'`, …)
 * @param code - the error code (default `INVALID_OPTIONS`)
 */
export function checkedObject<T extends object>(
  value: T | undefined,
  known: readonly string[],
  name = 'options',
  code: OtpErrorCode = 'INVALID_OPTIONS',
): Partial<T> {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new OtpError(code, `${name} must be an object, got ${describe(value)}`);
  }
  for (const key in value) {
    if (!known.includes(key) && Object.prototype.hasOwnProperty.call(value, key)) unknownKey(key, known, name, code);
  }
  return value;
}

function unknownKey(key: string, known: readonly string[], name: string, code: OtpErrorCode): never {
  const near = nearest(key, known);
  const hint = near === undefined ? '' : `; did you mean ${JSON.stringify(near)}?`;
  throw new OtpError(code, `${name} has an unknown key ${describe(key)}${hint} (known: ${known.length ? known.join(', ') : 'none'})`);
}

/**
 * The known key nearest to `key`: the same letters in another case, or at most two edits away
 * (Levenshtein distance over lower case; a swap of neighbours is two edits).
 */
export function nearest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  // Stryker disable next-line MethodExpression: the cut only bounds the work for a huge key; no known key is within two edits of 63 or more characters
  const a = key.toLowerCase().slice(0, 64);
  for (const candidate of known) {
    const b = candidate.toLowerCase();
    // One row of the edit-distance table at a time; names are short.
    let row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const next = [i];
      for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      row = next;
    }
    if (row[b.length]! < bestDistance) [best, bestDistance] = [candidate, row[b.length]!];
  }
  return best;
}

/** An integer in `min … max` (both inclusive), or `fallback` when `value` is undefined. */
export function integerIn(value: unknown, fallback: number, min: number, max: number, name: string, code: OtpErrorCode): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new OtpError(code, `${name} must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

/** A non-empty byte array. Any length is accepted: 10-byte legacy secrets are common in the wild. */
export function keyBytes(key: unknown): Uint8Array {
  if (!isBytes(key)) {
    throw new OtpError('INVALID_KEY', `key must be a Uint8Array, got ${kindOf(key)}: decode text keys with base32Decode or hexDecode`);
  }
  if (key.length === 0) throw new OtpError('INVALID_KEY', 'key must not be empty');
  return key;
}

/**
 * A TOTP window (RFC 6238 §5.2): a number of steps each side (default 1), or `{ past, future }`,
 * each 0 … MAX_WINDOW. Shared by verifyTotp and the token state, which splits the window.
 */
export function windowOption(value: unknown): { past: number; future: number } {
  if (value === undefined) return { past: 1, future: 1 };
  if (typeof value === 'number') {
    const w = integerIn(value, 1, 0, MAX_WINDOW, 'window', 'INVALID_WINDOW');
    return { past: w, future: w };
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const { past, future } = value as { past?: unknown; future?: unknown };
    return {
      past: integerIn(past, 0, 0, MAX_WINDOW, 'window.past', 'INVALID_WINDOW'),
      future: integerIn(future, 0, 0, MAX_WINDOW, 'window.future', 'INVALID_WINDOW'),
    };
  }
  throw new OtpError('INVALID_WINDOW', `window must be a number of steps or { past, future }, got ${describe(value)}`);
}

/** The most milliseconds a `Date` can hold either side of the epoch (ECMA-262 §21.4.1.22). */
export const MAX_TIME_MS = 8.64e15;

/**
 * The time of a real Date, from any realm (an iframe's or a `vm` context's Date is no `instanceof
 * Date` here): getTime checks the Date's internal slot, which no other object has. NaN for an
 * invalid Date; undefined for anything that is not a Date.
 */
function dateTime(value: unknown): number | undefined {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: getTime throws for every non-object too, and the catch answers undefined the same
  if (value === null || typeof value !== 'object') return undefined;
  try {
    return Date.prototype.getTime.call(value);
  } catch {
    // Not a Date: getTime refuses it (the answer is undefined, below).
  }
  return undefined;
}

/** Milliseconds, as the integer part of `now` (a Date or epoch milliseconds; default: the current time). */
export function timeMs(now: unknown): number {
  const date = dateTime(now);
  const ms = now === undefined ? Date.now() : (date ?? now);
  if (
    // Stryker disable next-line ConditionalExpression: Number.isFinite is false for every non-number
    typeof ms !== 'number' ||
    !Number.isFinite(ms) ||
    Math.abs(ms) > MAX_TIME_MS
  ) {
    throw new OtpError(
      'INVALID_TIME',
      `now must be a Date or milliseconds since the Unix epoch within ±8.64e15, got ${date === undefined ? describe(now) : 'an invalid Date'}`,
    );
  }
  return Math.floor(ms);
}
