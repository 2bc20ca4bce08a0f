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

/** `options` must be absent or a plain object; returns it (or an empty one). */
export function optionsObject<T extends object>(options: T | undefined): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new OtpError('INVALID_OPTIONS', `options must be an object, got ${describe(options)}`);
  }
  return options;
}

/** An integer in `min … max` (both inclusive), or `fallback` when `value` is undefined. */
export function integerIn(
  value: unknown,
  fallback: number,
  min: number,
  max: number,
  name: string,
  code: OtpErrorCode,
): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new OtpError(code, `${name} must be an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

/** A non-empty byte array. Any length is accepted: 10-byte legacy secrets are common in the wild. */
export function keyBytes(key: unknown): Uint8Array {
  if (!isBytes(key)) {
    throw new OtpError(
      'INVALID_KEY',
      `key must be a Uint8Array, got ${kindOf(key)}: decode text keys with base32Decode or hexDecode`,
    );
  }
  if (key.length === 0) throw new OtpError('INVALID_KEY', 'key must not be empty');
  return key;
}
