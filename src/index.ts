/**
 * oathkit: one-time passwords as pure, synchronous functions. HOTP (RFC 4226), TOTP (RFC 6238),
 * OCRA (RFC 6287) and the key encodings they travel in. Each part is also its own subpath (`oathkit/hotp`, …).
 * @module
 */
export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Algorithm, AlgorithmInput } from './_algorithm.ts';
export type { Counter } from './_counter.ts';
export { base32Decode, base32Encode, generateKey, hexDecode, hexEncode, MAX_KEY_TEXT } from './encoding.ts';
export { hotp, resyncHotp, verifyHotp, type HotpMatch, type HotpOptions, type VerifyHotpOptions } from './hotp.ts';
export {
  secondsRemaining,
  timeStep,
  totp,
  verifyTotp,
  type TimeInput,
  type TimeStepOptions,
  type TotpMatch,
  type TotpOptions,
  type TotpWindow,
  type VerifyTotpOptions,
} from './totp.ts';
export {
  MAX_OCRA_SUITE,
  ocra,
  parseOcraSuite,
  verifyOcra,
  type OcraChallengeFormat,
  type OcraInput,
  type OcraMatch,
  type OcraSuite,
  type VerifyOcraOptions,
} from './ocra.ts';
export { createVerifier, type Verifier, type VerifierOptions } from './verifier.ts';
