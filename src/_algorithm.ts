/**
 * The HMAC hash functions of RFC 4226 §5.2 and RFC 6238 §1.2 by name: SHA-1, SHA-256 and SHA-512,
 * and SHA-224 and SHA-384 (FIPS 180-4), which FreeOTP's URI documentation and FreeIPA list for
 * HOTP and TOTP. OCRA (RFC 6287 §5.1) defines SHA-1, SHA-256 and SHA-512 only.
 * @module
 */
import { OtpError } from './errors.ts';
import { describe } from './_validate.ts';

/** A hash function name as oathkit returns it. */
export type Algorithm = 'SHA1' | 'SHA224' | 'SHA256' | 'SHA384' | 'SHA512';

/**
 * A hash function name as oathkit accepts it: upper or lower case, with or without the one hyphen
 * after `SHA` — exactly these spellings (in any mix of case at run time), nothing looser.
 */
export type AlgorithmInput =
  | Algorithm
  | 'SHA-1'
  | 'SHA-224'
  | 'SHA-256'
  | 'SHA-384'
  | 'SHA-512'
  | 'sha1'
  | 'sha224'
  | 'sha256'
  | 'sha384'
  | 'sha512'
  | 'sha-1'
  | 'sha-224'
  | 'sha-256'
  | 'sha-384'
  | 'sha-512';

/** Every algorithm, in the order messages list them. */
export const ALGORITHMS: readonly Algorithm[] = /* @__PURE__ */ Object.freeze(['SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512'] as const);

/** Digest length in bytes of each hash. */
export const DIGEST_BYTES: Readonly<Record<Algorithm, number>> = /* @__PURE__ */ Object.freeze({
  SHA1: 20,
  SHA224: 28,
  SHA256: 32,
  SHA384: 48,
  SHA512: 64,
});

/**
 * Parses an algorithm name (default SHA1): `SHA` in any case, an optional hyphen, then the digits
 * of one of the five hashes. Only ASCII letters count: a name such as `ſha256` (long s, which
 * upper-cases to S) or `S-HA1` is refused, not guessed at.
 */
export function algorithmName(value: unknown): Algorithm {
  if (value === undefined) return 'SHA1';
  if (
    typeof value === 'string' &&
    // Stryker disable next-line ConditionalExpression: the length check only keeps long text from the regex, whose anchors refuse anything past 7 characters
    value.length <= 7
  ) {
    const m = /^[Ss][Hh][Aa]-?(1|224|256|384|512)$/.exec(value);
    if (m !== null) return `SHA${m[1]}` as Algorithm;
  }
  throw new OtpError(
    'INVALID_ALGORITHM',
    `algorithm must be 'SHA1', 'SHA224', 'SHA256', 'SHA384' or 'SHA512' (any case, 'SHA-256' style accepted), got ${describe(value)}`,
  );
}
