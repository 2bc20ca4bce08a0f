/**
 * oathkit: one-time passwords as pure, synchronous functions. HOTP (RFC 4226), TOTP (RFC 6238),
 * OCRA (RFC 6287), and the key encodings and exchange formats they travel in (otpauth URIs,
 * Google Authenticator's export, Steam Guard, MobilePASS codes), and token state with replay refusal,
 * drift, resynchronization and lockout as pure transitions, recovery codes, PSKC containers, and the
 * plain backup files of authenticator apps (Aegis, 2FAS, andOTP, Bitwarden, …; decrypting them is
 * `oathkit/backup`'s). Each part is also its own subpath
 * (`oathkit/hotp`, …).
 * @module
 */
export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Algorithm, AlgorithmInput } from './_algorithm.ts';
export type { Counter } from './_counter.ts';
export {
  normalizeToken,
  MAX_TOKEN_KEY,
  MAX_TOKEN_TEXT,
  type Token,
  type TokenInput,
  type TokenKind,
} from './token.ts';
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
  formatMigrationUris,
  formatOtpauthUri,
  MAX_MIGRATION_PAYLOAD,
  MAX_MIGRATION_URI,
  MAX_URI_LENGTH,
  parseMigrationExport,
  parseMigrationUri,
  parseOtpauthUri,
  steamGuard,
  verifySteamGuard,
  type MigrationBatch,
  type MigrationBatchOptions,
  type MigrationExport,
  type MigrationSkipped,
  type SteamGuardOptions,
  type VerifySteamGuardOptions,
} from './uri.ts';
export {
  decodeActivation,
  decodeMobilePass,
  encodeActivation,
  encodeMobilePass,
  MAX_ACTIVATION_TEXT,
  type MobilePassOptions,
} from './activation.ts';
export { detectFormat, type NotATokenFormat, type TokenFormat } from './detect.ts';
export { generate, verify, type GenerateOptions, type VerifyMatch, type VerifyOptions } from './generate.ts';
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
  generateRecoveryCodes,
  guessingOdds,
  MAX_RECOVERY_BITS,
  MAX_RECOVERY_CODES,
  MAX_RECOVERY_INPUT,
  MIN_RECOVERY_BITS,
  regenerateRecoveryCodes,
  remainingRecoveryCodes,
  useRecoveryCode,
  type GenerateRecoveryOptions,
  type GuessingPolicy,
  type GuessingPolicyBase,
  type HotpGuessingPolicy,
  type OtpGuessingPolicy,
  type RecoveryCodes,
  type RecoveryGuessingPolicy,
  type RecoveryReason,
  type RecoveryResult,
  type RecoverySet,
  type TotpGuessingPolicy,
  type UseRecoveryOptions,
} from './recovery.ts';
// PSKC: only the synchronous reader and writer (and the sniff); decryptPskc and encryptPskc,
// which need WebCrypto's AES, are in oathkit/pskc alone.
export {
  isPskc,
  MAX_PSKC_LENGTH,
  PSKC_EXTRAS,
  readPskc,
  writePskc,
  type PskcContents,
  type PskcSkipped,
  type ReadPskcOptions,
  type WritePskcOptions,
} from './pskc.ts';
// Backups: only the synchronous reader and writer of plain files; decryptBackup and encryptBackup,
// which need WebCrypto's AES and @noble/hashes, are in oathkit/backup alone.
export {
  BACKUP_FORMATS,
  MAX_BACKUP_ENTRIES,
  MAX_BACKUP_SIZE,
  readBackup,
  WRITABLE_FORMATS,
  writeBackup,
  type BackupContents,
  type BackupFormat,
  type ReadBackupOptions,
  type SkippedEntry,
  type WritableBackupFormat,
  type WriteBackupOptions,
} from './backup-plain.ts';
// QR codes for enrolment: pure and synchronous, no hashing.
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
export { useWasmModule, wasmPath, type WasmPath } from './wasm.ts';
