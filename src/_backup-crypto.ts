/**
 * Encrypted backups of authenticator apps: {@link openBackup} turns an encrypted export and its
 * password into the text of the same app's plain export, {@link sealBackup} does the reverse the way
 * the app would. Formats: Aegis (scrypt password slots, AES-256-GCM), 2FAS (PBKDF2-SHA256,
 * AES-256-GCM), andOTP (PBKDF2-SHA1 or SHA-256, AES-256-GCM), Authenticator Pro (Argon2id and
 * AES-256-GCM, or the legacy PBKDF2-SHA1 and AES-256-CBC); facts and sources in vectors/README.md,
 * "Encrypted backups". Key-derivation parameters read from a file are bounded before anything is
 * derived ({@link KDF_LIMITS}). scrypt and Argon2id come from `@noble/hashes`, which only these
 * `_backup-crypto*` modules import; the AES is WebCrypto's (`_aes.ts`, shared with PSKC), hence
 * asynchronous; PBKDF2 is oathkit's own (`_pbkdf2.ts`, PSKC's too). `decryptBackup` and
 * `encryptBackup` (src/backup.ts) are {@link decryptWith} and {@link encryptWith} with the apps'
 * parameters; the encrypted format of a file is what `detectFormat` names.
 * @module
 */
import { OtpError } from './errors.ts';
import { isBytes, randomBytes } from './_bytes.ts';
import { passwordBytes } from './_backup-cipher.ts';
import { subtle } from './_aes.ts';
import { openStratum, openAndotp, sealAndotp } from './_backup-crypto-binary.ts';
import { detectFormat } from './detect.ts';
import {
  APP_PROFILE,
  ENCRYPTED_FORMATS,
  MAX_ENCRYPTED_BACKUP,
  NAMES,
  SEALABLE_FORMATS,
  tooLong,
  type EncryptedBackupFormat,
  type Input,
  type KdfProfile,
  type OpenedBackup,
  type SealableBackupFormat,
} from './_backup-crypto-common.ts';
import { openAegis, openTwofas, sealAegis, sealTwofas } from './_backup-crypto-json.ts';
import { checkedObject, describe } from './_validate.ts';
import { WRITABLE_FORMATS, type BackupContents, type BackupFormat, type WritableBackupFormat } from './_backup-common.ts';
import { checkBackupInput } from './_backup-format.ts';
import { readBackup, writeBackup } from './backup-plain.ts';
import type { TokenInput } from './token.ts';

/** Options of `decryptBackup`. */
export interface DecryptBackupOptions {
  /**
   * The file's format; without it the format is recognised from the content (`detectFormat`). With
   * it, a file that is not that format's plain file is opened as its encrypted form.
   */
  format?: BackupFormat;
}

/** Options of `encryptBackup`. */
export interface EncryptBackupOptions {
  /** 2FAS: the `updatedAt` time written (a Date or epoch milliseconds; default now). */
  now?: number | Date;
}

export {
  APP_PROFILE,
  ENCRYPTED_FORMATS,
  KDF_LIMITS,
  MAX_ENCRYPTED_BACKUP,
  SEALABLE_FORMATS,
  type BackupVariant,
  type EncryptedBackupFormat,
  type KdfLimits,
  type KdfProfile,
  type OpenedBackup,
  type SealableBackupFormat,
} from './_backup-crypto-common.ts';
export { TWOFAS_REFERENCE } from './_backup-crypto-json.ts';

function inputOf(data: unknown): Input {
  if (typeof data === 'string') {
    if (data.length > MAX_ENCRYPTED_BACKUP) tooLong(data.length, 'characters');
    return { text: data.charCodeAt(0) === 0xfeff ? data.slice(1) : data };
  }
  if (isBytes(data)) {
    if (data.length > MAX_ENCRYPTED_BACKUP) tooLong(data.length, 'bytes');
    return { bytes: data };
  }
  throw new OtpError('INVALID_BACKUP', `data must be the file as a string or a Uint8Array, got ${describe(data)}`);
}

/**
 * Which encrypted format `data` is, as `detectFormat` names it (Authenticator Pro by its header,
 * Aegis and 2FAS by their JSON members, andOTP as binary bytes without either).
 */
function detect(data: string | Uint8Array): EncryptedBackupFormat {
  const detected = detectFormat(data);
  const format = ENCRYPTED_FORMATS.find((f) => detected === `${f}-encrypted`);
  if (format !== undefined) return format;
  if (ENCRYPTED_FORMATS.includes(detected as EncryptedBackupFormat)) {
    throw new OtpError(
      'INVALID_BACKUP',
      `the file is a plain ${NAMES[detected as EncryptedBackupFormat]} backup, not an encrypted one: read it as a plain backup`,
    );
  }
  throw new OtpError(
    'INVALID_BACKUP',
    typeof data === 'string'
      ? 'the text is not an encrypted Aegis or 2FAS backup (JSON); andOTP and Authenticator Pro backups are binary: pass their bytes as a Uint8Array'
      : 'the file is not an encrypted backup of Aegis, 2FAS, andOTP or Authenticator Pro',
  );
}

/**
 * Opens an encrypted backup with its password: the text of the equivalent plain export. Without
 * `format` the format is recognized (Authenticator Pro by its header, Aegis and 2FAS by their JSON
 * keys, andOTP as binary without either); every variant of the format is tried (andOTP's PBKDF2 and
 * older SHA-256 encryptions, each Aegis password slot). Asynchronous: the AES is WebCrypto's.
 * @param data - the file: text (Aegis, 2FAS) or bytes (any format)
 * @param password - the backup's password
 * @param format - the format, when known
 * @returns the format, the variant used, and the plain file's text
 * @throws OtpError `BACKUP_PASSWORD` when the password does not open the file (also a corrupt file
 *   where the format cannot tell, which has no integrity check: Authenticator Pro's legacy CBC);
 *   `INVALID_BACKUP` for a file that is not such a backup, is damaged, or asks for key-derivation
 *   parameters beyond {@link KDF_LIMITS}; `INPUT_TOO_LONG` past {@link MAX_ENCRYPTED_BACKUP};
 *   `INVALID_OPTIONS` for an unknown format
 * @example
 * ```ts
 * const sealed = await sealBackup('{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[],"groups":[]}}', 'aegis', 'correct horse');
 * (await openBackup(sealed, 'correct horse')).plain; // '{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[],"groups":[]}}'
 * ```
 */
export function openBackup(data: string | Uint8Array, password: string, format?: EncryptedBackupFormat): Promise<OpenedBackup> {
  return openBackupWith(APP_PROFILE, data, password, format);
}

/** {@link openBackup} with other fixed parameters (tests). */
export async function openBackupWith(profile: KdfProfile, data: string | Uint8Array, password: string, format?: EncryptedBackupFormat): Promise<OpenedBackup> {
  if (format !== undefined && !ENCRYPTED_FORMATS.includes(format)) {
    throw new OtpError('INVALID_OPTIONS', `format must be one of ${ENCRYPTED_FORMATS.join(', ')}, got ${describe(format)}`);
  }
  const input = inputOf(data);
  const pw = passwordBytes(password);
  const f = format ?? detect(data);
  try {
    subtle('BACKUP_UNSUPPORTED'); // before any key derivation
    if (f === 'aegis') return await openAegis(profile, input, pw);
    if (f === '2fas') return await openTwofas(profile, input, pw);
    if (f === 'andotp') return await openAndotp(profile, input, pw);
    return await openStratum(profile, input, pw);
  } finally {
    pw.fill(0);
  }
}

/**
 * Encrypts a plain export the way its app does, with the app's own parameters and fresh random
 * salts and nonces: Aegis, one password slot (scrypt 2^15/8/1) wrapping a fresh master key; 2FAS,
 * PBKDF2-SHA256 with a 256-byte salt and the `reference` field; andOTP, its newer PBKDF2 format.
 * @param plain - the plain file's text (as {@link openBackup} gives it, or as the app exports it)
 * @param format - `'aegis'`, `'2fas'` or `'andotp'`
 * @param password - the password (not empty)
 * @returns the encrypted file: text for Aegis and 2FAS, bytes for andOTP
 * @throws OtpError `INVALID_BACKUP` when `plain` is not that format's plain file; `BACKUP_PASSWORD`
 *   for an empty or malformed password; `INVALID_OPTIONS` for another format; `INPUT_TOO_LONG`
 * @example
 * ```ts
 * const file = await sealBackup('[]', 'andotp', 'correct horse');
 * file instanceof Uint8Array; // true
 * (await openBackup(file, 'correct horse')).variant; // 'andotp'
 * ```
 */
export function sealBackup(plain: string, format: SealableBackupFormat, password: string): Promise<string | Uint8Array> {
  return sealBackupWith(APP_PROFILE, randomBytes, plain, format, password);
}

/** {@link sealBackup} with other parameters and random source (tests). */
export async function sealBackupWith(
  profile: KdfProfile,
  random: (n: number) => Uint8Array,
  plain: string,
  format: SealableBackupFormat,
  password: string,
): Promise<string | Uint8Array> {
  if (!SEALABLE_FORMATS.includes(format)) {
    throw new OtpError('INVALID_OPTIONS', `format must be one of ${SEALABLE_FORMATS.join(', ')}, got ${describe(format)}`);
  }
  if (typeof plain !== 'string') throw new OtpError('INVALID_BACKUP', `plain must be the plain file's text, got ${describe(plain)}`);
  if (plain.length > MAX_ENCRYPTED_BACKUP) tooLong(plain.length, 'characters');
  const pw = passwordBytes(password);
  if (pw.length === 0) throw new OtpError('BACKUP_PASSWORD', 'password must not be empty');
  const text = plain.charCodeAt(0) === 0xfeff ? plain.slice(1) : plain;
  try {
    subtle('BACKUP_UNSUPPORTED'); // before any key derivation
    if (format === 'aegis') return await sealAegis(profile, random, text, pw);
    if (format === '2fas') return await sealTwofas(profile, random, text, pw);
    return await sealAndotp(profile, random, text, pw);
  } finally {
    pw.fill(0);
  }
}

// ---- decryptBackup and encryptBackup (oathkit/backup), with the profile as a parameter for tests ----

/**
 * The encrypted format to open `data` as, or `undefined` to read it as a plain backup: what the
 * detector names (`<format>-encrypted`); with a format given that has an encrypted form, that
 * format when the detector names any encrypted one (the opener then says what is wrong).
 */
function encryptedFormatOf(data: string | Uint8Array, given: BackupFormat | undefined): EncryptedBackupFormat | undefined {
  const detected = detectFormat(data);
  const named = ENCRYPTED_FORMATS.find((f) => detected === `${f}-encrypted`);
  // Nothing given: what the detector names. Nothing named: a plain file, whatever was given.
  if (given === undefined || named === undefined) return named;
  return ENCRYPTED_FORMATS.includes(given as EncryptedBackupFormat) ? (given as EncryptedBackupFormat) : undefined;
}

/** decryptBackup with `profile`'s parameters. */
export async function decryptWith(profile: KdfProfile, data: string | Uint8Array, password: string, options?: DecryptBackupOptions): Promise<BackupContents> {
  const { format: given } = checkedObject(options, ['format']);
  const format = checkBackupInput(data, given);
  passwordBytes(password).fill(0); // misuse is reported for plain files too
  const encrypted = encryptedFormatOf(data, format);
  if (encrypted === undefined) return readBackup(data, { format }); // readBackup takes format: undefined as none
  const { plain } = await openBackupWith(profile, data, password, encrypted);
  return readBackup(plain, { format: encrypted });
}

/** encryptBackup with `profile`'s parameters and `random`'s bytes. */
export async function encryptWith(
  profile: KdfProfile,
  random: (n: number) => Uint8Array,
  tokens: TokenInput[],
  format: SealableBackupFormat,
  password: string,
  options?: EncryptBackupOptions,
): Promise<string | Uint8Array> {
  const { now } = checkedObject(options, ['now']);
  if (!SEALABLE_FORMATS.includes(format)) {
    if (WRITABLE_FORMATS.includes(format as WritableBackupFormat)) {
      throw new OtpError('BACKUP_UNSUPPORTED', `the ${format} format has no encrypted form (aegis, 2fas and andotp have): write it with writeBackup`);
    }
    throw new OtpError('INVALID_OPTIONS', `format must be one of ${SEALABLE_FORMATS.join(', ')}, got ${describe(format)}`);
  }
  const pw = passwordBytes(password);
  pw.fill(0);
  if (pw.length === 0) throw new OtpError('BACKUP_PASSWORD', 'password must not be empty');
  return sealBackupWith(profile, random, writeBackup(tokens, format, { now }), format, password);
}
