/**
 * oathkit: one-time passwords as pure, synchronous functions. HOTP (RFC 4226), TOTP (RFC 6238),
 * OCRA (RFC 6287), and the key encodings and exchange formats they travel in (otpauth URIs,
 * Google Authenticator's export, Steam Guard, MobilePASS codes), and token state with replay refusal,
 * drift, resynchronization and lockout as pure transitions, and QR codes for enrolment. Each part is also its own subpath
 * (`oathkit/hotp`, …).
 * @module
 */
export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Algorithm, AlgorithmInput } from './_algorithm.ts';
export type { Counter } from './_counter.ts';
export {
  base32Decode,
  base32Encode,
  base64Decode,
  base64Encode,
  generateKey,
  hexDecode,
  hexEncode,
  MAX_KEY_TEXT,
} from './encoding.ts';
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
export {
  formatMigrationUri,
  formatOtpauthUri,
  MAX_MIGRATION_PAYLOAD,
  MAX_MIGRATION_URI,
  MAX_URI_LENGTH,
  parseMigrationExport,
  parseMigrationUri,
  parseOtpauthUri,
  steamGuard,
  type MigrationBatch,
  type MigrationExport,
  type MigrationSkipped,
  type OtpAuthKey,
  type SteamGuardOptions,
} from './uri.ts';
export {
  decodeActivation,
  decodeMobilePass,
  encodeActivation,
  encodeMobilePass,
  MAX_ACTIVATION_TEXT,
  type MobilePassOptions,
  type TokenConfig,
} from './activation.ts';
export {
  authenticate,
  createTokenState,
  resynchronize,
  type AuthenticateOptions,
  type AuthenticateReason,
  type AuthenticateResult,
  type CreateTokenStateOptions,
  type HotpTokenState,
  type ResynchronizeOptions,
  type ResynchronizeResult,
  type SameKindState,
  type StateOfKind,
  type TokenStateOptions,
  type ThrottlePolicy,
  type TokenState,
  type TokenStateBase,
  type TotpTokenState,
} from './state.ts';
export {
  MAX_QR_TEXT,
  qrMatrix,
  qrSvg,
  qrText,
  type QrLevel,
  type QrMatrix,
  type QrOptions,
  type QrSvgOptions,
  type QrTextOptions,
} from './qr.ts';
