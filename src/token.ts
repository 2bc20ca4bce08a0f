/**
 * The one token model every format speaks: a {@link Token} is everything needed to make a token's
 * codes (RFC 4226 HOTP, RFC 6238 TOTP, RFC 6287 OCRA, Steam Guard) plus how it is labelled. Every
 * decoder returns a `Token` in one normal form, every encoder takes a {@link TokenInput}, and
 * {@link normalizeToken} is the one place a token is checked.
 * @module
 */
import { algorithmName } from './_algorithm.ts';
import { checkToken, type Token, type TokenInput } from './_token.ts';
import { describe } from './_validate.ts';
import { OtpError } from './errors.ts';
import { parseOcraSuite, type OcraSuite } from './ocra-suite.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Algorithm, AlgorithmInput } from './_algorithm.ts';
export type { Counter } from './_counter.ts';
export { MAX_TOKEN_KEY, MAX_TOKEN_TEXT, MAX_EXTRAS, MAX_EXTRA_TEXT, type Token, type TokenInput, type TokenKind } from './_token.ts';

/**
 * Checks a token and returns its normal form: defaults explicit, the algorithm's canonical name,
 * the counter as a `number` up to 2^53-1 and a `bigint` above, empty text fields and extras left
 * out, the key copied (the result never shares memory with the input). The input is not changed.
 * @param input - the token
 * @returns the token in normal form
 * @throws OtpError `INVALID_TOKEN` (not an object, unknown kind, an unknown field or one the kind
 *   does not use, a missing OCRA suite, a text field that is not a string, too long or not
 *   well-formed, extras that are not strings), `INVALID_KEY` (not a non-empty `Uint8Array` of at most
 *   1024 bytes), `INVALID_ALGORITHM`, `INVALID_DIGITS`, `INVALID_PERIOD`, `INVALID_T0`,
 *   `INVALID_COUNTER`, `INVALID_OCRA_SUITE`
 * @example
 * ```ts
 * import { normalizeToken } from 'oathkit';
 * const key = new TextEncoder().encode('12345678901234567890');
 * normalizeToken({ kind: 'totp', key, algorithm: 'sha-256', account: 'alice' }); // { kind: 'totp', key, algorithm: 'SHA256', digits: 6, period: 30, t0: 0, account: 'alice' }
 * normalizeToken({ kind: 'hotp', key, counter: 2n ** 60n }).counter; // 1152921504606846976n
 * normalizeToken({ kind: 'ocra', key, suite: 'OCRA-1:HOTP-SHA256-8:QN08' }).digits; // 8
 * ```
 */
export function normalizeToken(input: TokenInput): Token {
  return checkToken(input, ocraSuite);
}

/** An OCRA token's suite, parsed; the token's algorithm, digits and counter must agree with it. */
function ocraSuite(t: Partial<TokenInput>): OcraSuite {
  if (t.suite === undefined) throw new OtpError('INVALID_TOKEN', 'token.suite is required for an OCRA token');
  const suite = parseOcraSuite(t.suite);
  if (t.algorithm !== undefined && algorithmName(t.algorithm) !== suite.algorithm) {
    throw new OtpError('INVALID_ALGORITHM', `token.algorithm is ${describe(t.algorithm)} but the suite's hash is ${suite.algorithm}`);
  }
  if (t.digits !== undefined && t.digits !== suite.digits) {
    throw new OtpError('INVALID_DIGITS', `token.digits is ${describe(t.digits)} but the suite's truncation is ${suite.digits}`);
  }
  if (!suite.counter && t.counter !== undefined) {
    throw new OtpError('INVALID_TOKEN', `token.counter is not a field of the OCRA suite ${suite.suite}, which has no C`);
  }
  return suite;
}
