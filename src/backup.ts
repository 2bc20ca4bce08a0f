/**
 * `oathkit/backup`: the backup files of authenticator apps (Aegis, 2FAS, andOTP, Authenticator Pro,
 * FreeOTP+, Bitwarden, Proton Authenticator, Ente Auth, Steam maFiles, otpauth URI lists, Google
 * Authenticator's export) read into the one token model and written from it, plain and encrypted.
 * The plain codecs live in `backup-plain.ts` (the package root re-exports them); this entry is the
 * only one that adds the encrypted formats, whose key derivation (scrypt for Aegis, Argon2id for
 * Authenticator Pro) comes from `@noble/hashes`, the package's one runtime dependency; the AES is
 * WebCrypto's (`_aes.ts`) and PBKDF2 oathkit's own (`_pbkdf2.ts`). Formats, sources and limits:
 * vectors/README.md ("Backups", "Encrypted backups") and the README.
 * @module
 */
import { randomBytes } from './_bytes.ts';
import {
  APP_PROFILE,
  decryptWith,
  encryptWith,
  type DecryptBackupOptions,
  type EncryptBackupOptions,
  type SealableBackupFormat as EncryptableBackupFormat,
} from './_backup-crypto.ts';
import type { BackupContents } from './_backup-common.ts';
import type { TokenInput } from './token.ts';

export * from './backup-plain.ts';
export {
  ENCRYPTED_FORMATS,
  KDF_LIMITS,
  MAX_ENCRYPTED_BACKUP,
  SEALABLE_FORMATS as ENCRYPTABLE_FORMATS,
  type DecryptBackupOptions,
  type EncryptBackupOptions,
  type EncryptedBackupFormat,
  type KdfLimits,
  type SealableBackupFormat as EncryptableBackupFormat,
} from './_backup-crypto.ts';

/**
 * Reads an encrypted backup of an authenticator app with its password: the same result as
 * {@link readBackup} gives for the app's plain file. Formats: Aegis (scrypt password slots,
 * AES-256-GCM; each password slot is tried), 2FAS (PBKDF2-SHA256, AES-GCM; its `reference` field
 * tells a wrong password from a damaged file), andOTP (the newer PBKDF2-SHA1 format, then the older
 * SHA-256-of-the-password one), Authenticator Pro / Stratum (Argon2id and AES-GCM, or the legacy
 * PBKDF2 and AES-CBC). The format is recognised by `detectFormat` (or given as `options.format`);
 * a plain backup is read as `readBackup` reads it (the password is then not used).
 * Key-derivation parameters read from a file are checked against {@link KDF_LIMITS} before
 * anything is derived: scrypt memory 128·N·r at most 256 MiB and work N·r·p (over the slots
 * tried) at most 2^22, PBKDF2 iterations at most 1,000,000; every app's own values are far below.
 * Asynchronous: the AES is WebCrypto's (`crypto.subtle`, in Node ≥ 20, Deno, Bun, browsers in
 * secure contexts and workers). Where a format cannot tell a wrong password from a damaged file (no
 * MAC: Authenticator Pro's legacy files; GCM without 2FAS's reference) the answer is
 * `BACKUP_PASSWORD`; a wrong password never gives tokens.
 * @param data - the file: its text (Aegis, 2FAS) or its bytes (any format; andOTP and
 *   Authenticator Pro files are binary), at most 32 MiB
 * @param password - the backup's password
 * @param options - `format` (one of {@link BACKUP_FORMATS}) to skip recognition
 * @returns a Promise of `{ format, tokens, skipped }`, as {@link readBackup}
 * @throws OtpError (the Promise rejects) `BACKUP_PASSWORD` (the password does not open the file, or
 *   is not a string of well-formed Unicode), `INVALID_BACKUP` (not a backup, damaged although the
 *   password was right, or key-derivation parameters past the limits), `BACKUP_UNSUPPORTED`
 *   (WebCrypto is missing, as on a page served over plain http), `INPUT_TOO_LONG`,
 *   `INVALID_OPTIONS`, and those of {@link readBackup} for the decrypted file
 * @example
 * ```ts
 * import { decryptBackup, encryptBackup } from 'oathkit/backup';
 * const key = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
 * const file = await encryptBackup([{ kind: 'totp', key, issuer: 'ACME', account: 'alice' }], '2fas', 'correct horse', { now: 0 });
 * const { format, tokens } = await decryptBackup(file, 'correct horse');
 * format; // '2fas'
 * [tokens[0].issuer, tokens[0].account]; // ['ACME', 'alice']
 * ```
 */
export function decryptBackup(data: string | Uint8Array, password: string, options?: DecryptBackupOptions): Promise<BackupContents> {
  return decryptWith(APP_PROFILE, data, password, options);
}

/**
 * Writes tokens as an app's encrypted backup, as the app itself encrypts it, with fresh random
 * salts and nonces: `aegis` (one password slot, scrypt N = 2^15, r = 8, p = 1, wrapping a fresh
 * master key; AES-256-GCM), `2fas` (PBKDF2-SHA256 with 10,000 iterations and a 256-byte salt,
 * AES-GCM, with the `reference` check field 2FAS writes), `andotp` (the newer format: PBKDF2-SHA1
 * with 140,000–160,000 iterations, AES-256-GCM). The tokens are first written as
 * {@link writeBackup} writes them (the same refusals). `uris` and `google` have no encrypted form.
 * @param tokens - the tokens
 * @param format - `'aegis'`, `'2fas'` or `'andotp'`
 * @param password - the password (not empty; the apps encode it as UTF-8)
 * @param options - `now` (2FAS `updatedAt`, default now)
 * @returns a Promise of the file: text for Aegis and 2FAS, bytes (`Uint8Array`) for andOTP
 * @throws OtpError (the Promise rejects) `BACKUP_PASSWORD` (an empty or malformed password),
 *   `BACKUP_UNSUPPORTED` (`uris` or `google`; WebCrypto missing), `INVALID_OPTIONS`, and those of
 *   {@link writeBackup} for a token the format cannot carry
 * @example
 * ```ts
 * import { decryptBackup, encryptBackup } from 'oathkit/backup';
 * const key = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
 * const file = await encryptBackup([{ kind: 'hotp', key, account: 'bob', counter: 7 }], 'andotp', 'correct horse');
 * file instanceof Uint8Array; // true
 * (await decryptBackup(file, 'correct horse')).tokens[0].counter; // 7
 * ```
 */
export function encryptBackup(
  tokens: TokenInput[],
  format: EncryptableBackupFormat,
  password: string,
  options?: EncryptBackupOptions,
): Promise<string | Uint8Array> {
  return encryptWith(APP_PROFILE, randomBytes, tokens, format, password, options);
}
