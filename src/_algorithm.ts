/**
 * The HMAC hash functions of RFC 4226 §5.2 and RFC 6238 §1.2 (SHA-1, SHA-256, SHA-512), by name.
 * @module
 */
import { OtpError } from './errors.ts';
import { describe } from './_validate.ts';

/** A hash function name as oathkit returns it. */
export type Algorithm = 'SHA1' | 'SHA256' | 'SHA512';

/**
 * A hash function name as oathkit accepts it: upper or lower case, with or without the hyphen.
 * At run time any mix of case is accepted too (a name read from a file is checked, not trusted).
 */
export type AlgorithmInput =
  | Algorithm
  | 'SHA-1'
  | 'SHA-256'
  | 'SHA-512'
  | 'sha1'
  | 'sha256'
  | 'sha512'
  | 'sha-1'
  | 'sha-256'
  | 'sha-512';

/** Digest length in bytes of each hash. */
export const DIGEST_BYTES: Readonly<Record<Algorithm, number>> = /* @__PURE__ */ Object.freeze({
  SHA1: 20,
  SHA256: 32,
  SHA512: 64,
});

/** Parses an algorithm name (default SHA1). */
export function algorithmName(value: unknown): Algorithm {
  if (value === undefined) return 'SHA1';
  if (typeof value === 'string' && value.length <= 8) {
    const name = value.toUpperCase().replace('-', '');
    if (name === 'SHA1' || name === 'SHA256' || name === 'SHA512') return name;
  }
  throw new OtpError(
    'INVALID_ALGORITHM',
    `algorithm must be 'SHA1', 'SHA256' or 'SHA512' (any case, 'SHA-256' style accepted), got ${describe(value)}`,
  );
}
