/**
 * The binary encrypted formats. andOTP (BackupHelper, EncryptionHelper, EncryptedRestoreTask):
 * `iterations (4 bytes, big-endian) ‖ salt (12) ‖ nonce (12) ‖ AES-256-GCM`, the key
 * PBKDF2-HMAC-SHA1 of the password; its older files are `nonce (12) ‖ AES-256-GCM` under
 * SHA-256(password). Authenticator Pro / Stratum (Stratum.Core Backup/Encryption):
 * `"AUTHENTICATORPRO" ‖ salt (16) ‖ nonce (12) ‖ AES-256-GCM` under Argon2id (m 64 MiB, t 3, p 4),
 * and the legacy `"AuthenticatorPro" ‖ salt (20) ‖ iv (16) ‖ AES-256-CBC/PKCS#7` under
 * PBKDF2-HMAC-SHA1 (64,000 iterations).
 * @module
 */
import {
  cbcOpen,
  concat,
  encodeUtf8,
  GCM_NONCE_BYTES,
  GCM_TAG_BYTES,
  gcmOpen,
  gcmSeal,
  parseJsonText,
  startsWithAscii,
  type Opened,
} from './_backup-cipher.ts';
import { digest } from './_kernel.ts';
import { pbkdf2Async } from './_pbkdf2.ts';
import { decodeText } from './_utf8.ts';
import { invalid, jsonPayload, wrongPassword, type Input, type KdfProfile, type OpenedBackup } from './_backup-crypto-common.ts';

/** The first 16 bytes of a current Authenticator Pro backup (StrongBackupEncryption.Header). */
export const STRATUM_HEADER = 'AUTHENTICATORPRO';
/** The first 16 bytes of a legacy one (LegacyBackupEncryption.Header). */
export const STRATUM_LEGACY_HEADER = 'AuthenticatorPro';

/**
 * Opens an andOTP backup: the newer PBKDF2 format when the first 4 bytes are a plausible count,
 * then the older SHA-256 one.
 * @throws OtpError `BACKUP_PASSWORD` when neither opens; `INVALID_BACKUP` for a file too short or plain
 */
export async function openAndotp(profile: KdfProfile, input: Input, pw: Uint8Array): Promise<OpenedBackup> {
  const bytes = input.bytes;
  if (bytes === undefined) invalid('andotp', 'the file is binary: pass its bytes as a Uint8Array');
  // New format: iterations (4 bytes, big-endian) ‖ salt (12) ‖ nonce (12) ‖ ciphertext ‖ tag (16).
  // Old format: nonce (12) ‖ ciphertext ‖ tag (16), key = SHA-256(password).
  // Stryker disable next-line StringLiteral: any text that is not JSON does as the fallback
  if (bytes[0] === 0x5b /* [ */ && parseJsonText(decodeText(bytes) ?? '') !== undefined) {
    invalid('andotp', 'the file is a plain andOTP backup (a JSON array), not an encrypted one');
  }
  if (bytes.length < GCM_NONCE_BYTES + GCM_TAG_BYTES) invalid('andotp', `the file has ${bytes.length} bytes, fewer than any andOTP backup`);
  // Shorter than the newer format's head and tag, the file can only be of the older one.
  const newerMin = 4 + 12 + GCM_NONCE_BYTES + GCM_TAG_BYTES;
  const iterations = bytes.length >= newerMin ? new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0) : 0;
  // An old-format file starts with a random nonce, read here as a count above the limit in all but
  // about 1 file in 4,300: then only the old format is tried (a new-format file with such a count
  // would be refused anyway). A count of 0 is not andOTP's either.
  const newFormat = iterations >= 1 && iterations <= profile.limits.pbkdf2Iterations;
  let failure: unknown;
  if (newFormat) {
    const key = await pbkdf2Async('SHA1', pw, bytes.subarray(4, 16), iterations, 32);
    const opened = await gcmOpen(key, bytes.subarray(16, 28), bytes.subarray(28));
    key.fill(0);
    if (opened.ok) return andotpResult(opened, 'andotp');
    failure = opened.error;
  }
  const key = digest('SHA256', pw);
  const opened = await gcmOpen(key, bytes.subarray(0, GCM_NONCE_BYTES), bytes.subarray(GCM_NONCE_BYTES));
  key.fill(0);
  if (opened.ok) return andotpResult(opened, 'andotp-old');
  // GCM cannot tell a wrong password from a damaged file: the answer is BACKUP_PASSWORD.
  wrongPassword(
    'andotp',
    newFormat
      ? 'the password opens the file in neither andOTP format (PBKDF2 or the older SHA-256)'
      : bytes.length < newerMin
        ? `the password does not open the file in andOTP's older format, and at ${bytes.length} bytes it is too short for the newer one`
        : `the password does not open the file in andOTP's older format, and its first 4 bytes (${iterations}) are not an iteration count from 1 to ${profile.limits.pbkdf2Iterations} of the newer one`,
    opened.error ?? failure,
  );
}

function andotpResult(opened: Opened & { ok: true }, variant: 'andotp' | 'andotp-old'): OpenedBackup {
  const plain = jsonPayload(opened.bytes, 'array');
  if (plain === undefined) invalid('andotp', 'the decrypted content is not a JSON array in UTF-8');
  return { format: 'andotp', variant, plain };
}

/**
 * Opens an Authenticator Pro backup, current (Argon2id, GCM) or legacy (PBKDF2, CBC) by its header.
 * @throws OtpError `BACKUP_PASSWORD`, `INVALID_BACKUP`
 */
export async function openStratum(profile: KdfProfile, input: Input, pw: Uint8Array): Promise<OpenedBackup> {
  const bytes = input.bytes;
  if (bytes === undefined) invalid('authenticator-pro', 'the file is binary: pass its bytes as a Uint8Array');
  if (startsWithAscii(bytes, STRATUM_HEADER)) {
    // "AUTHENTICATORPRO" ‖ salt (16) ‖ nonce (12) ‖ ciphertext ‖ tag (16); Argon2id, AES-256-GCM.
    const at = STRATUM_HEADER.length;
    if (bytes.length < at + 16 + GCM_NONCE_BYTES + GCM_TAG_BYTES) invalid('authenticator-pro', 'the file is too short');
    const { t, m, p } = profile.stratumArgon2;
    const key = await profile.argon2id(pw, bytes.subarray(at, at + 16), { t, m, p, dkLen: 32, version: 0x13 });
    const opened = await gcmOpen(key, bytes.subarray(at + 16, at + 28), bytes.subarray(at + 28));
    key.fill(0);
    // GCM: a tag failure is the password, or a damage GCM cannot tell from it.
    if (!opened.ok) wrongPassword('authenticator-pro', 'the password does not open the file', opened.error);
    // Stryker disable next-line StringLiteral: jsonPayload tells only 'array' from the rest
    const plain = jsonPayload(opened.bytes, 'object');
    if (plain === undefined) invalid('authenticator-pro', 'the decrypted content is not a JSON object in UTF-8');
    return { format: 'authenticator-pro', variant: 'authenticator-pro', plain };
  }
  if (startsWithAscii(bytes, STRATUM_LEGACY_HEADER)) {
    // "AuthenticatorPro" ‖ salt (20) ‖ iv (16) ‖ AES-256-CBC, PKCS#7; PBKDF2-HMAC-SHA1. No MAC: a
    // wrong password shows only as bad padding or text that is not JSON, and so does damage.
    const at = STRATUM_LEGACY_HEADER.length;
    const body = bytes.subarray(at + 36);
    if (body.length === 0 || body.length % 16 !== 0) invalid('authenticator-pro', 'the legacy ciphertext is not a whole number of AES blocks');
    const key = await pbkdf2Async('SHA1', pw, bytes.subarray(at, at + 20), profile.stratumLegacyIterations, 32);
    const opened = await cbcOpen(key, bytes.subarray(at + 20, at + 36), body);
    key.fill(0);
    // Stryker disable next-line StringLiteral: jsonPayload tells only 'array' from the rest
    const plain = opened.ok ? jsonPayload(opened.bytes, 'object') : undefined;
    if (plain === undefined) {
      wrongPassword(
        'authenticator-pro',
        'the password does not open the legacy file (or the file is damaged: this format cannot tell)',
        opened.ok ? undefined : opened.error,
      );
    }
    return { format: 'authenticator-pro', variant: 'authenticator-pro-legacy', plain };
  }
  invalid('authenticator-pro', `the file does not start with "${STRATUM_HEADER}" (or the legacy "${STRATUM_LEGACY_HEADER}")`);
}

/**
 * Seals a plain andOTP backup (a JSON array) in the newer format, as andOTP's BackupHelper does.
 * @throws OtpError `INVALID_BACKUP` when `text` is not a JSON array
 */
export async function sealAndotp(profile: KdfProfile, random: (n: number) => Uint8Array, text: string, pw: Uint8Array): Promise<Uint8Array> {
  const parsed = parseJsonText(text);
  if (parsed === undefined || !Array.isArray(parsed.value)) invalid('andotp', 'plain must be an andOTP backup (a JSON array)');
  // As andOTP's BackupHelper: iterations drawn from its range, a 12-byte salt, a 12-byte nonce.
  const [lo, hi] = profile.andotpIterations;
  const r4 = random(4);
  const draw = new DataView(r4.buffer, r4.byteOffset, 4).getUint32(0);
  const iterations = lo + (draw % (hi - lo + 1));
  const salt = random(12);
  const nonce = random(GCM_NONCE_BYTES);
  const key = await pbkdf2Async('SHA1', pw, salt, iterations, 32);
  const sealed = await gcmSeal(key, nonce, encodeUtf8(text));
  key.fill(0);
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint32(0, iterations);
  return concat(head, salt, nonce, sealed);
}
