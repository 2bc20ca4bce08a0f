/**
 * Which backup format a file is, for `readBackup` and `decryptBackup`: the format given, or what
 * the one detector (`detectFormat`, src/detect.ts) names; an encrypted file is BACKUP_ENCRYPTED
 * naming its app, anything else that is not a backup INVALID_BACKUP saying what it is.
 * @module
 */
import { BACKUP_FORMATS, FORMAT_NAMES, MAX_BACKUP_SIZE, type BackupFormat } from './_backup-common.ts';
import { describe } from './_validate.ts';
import { detectFormat } from './detect.ts';
import { OtpError } from './errors.ts';

/** The formats a backup may also be encrypted in (`decryptBackup` opens them). */
export const ENCRYPTABLE: readonly BackupFormat[] = /* @__PURE__ */ Object.freeze(['aegis', '2fas', 'andotp', 'authenticator-pro'] as const);

/** How the detector tells each encrypted format, for the message. */
export const WHY: Readonly<Partial<Record<BackupFormat, string>>> = /* @__PURE__ */ Object.freeze({
  aegis: 'its header has password slots',
  '2fas': 'it has servicesEncrypted',
  andotp: 'it is binary, not JSON; andOTP encrypted backups have no header',
  'authenticator-pro': 'it begins with its encrypted header',
});

export function encrypted(format: BackupFormat, why: string): never {
  throw new OtpError('BACKUP_ENCRYPTED', `the ${FORMAT_NAMES[format]} backup is encrypted (${why}): read it with decryptBackup and the password`);
}

/** What a text that is not a backup is, for the refusal's message. */
const NOT_A_BACKUP: Readonly<Record<string, string>> = /* @__PURE__ */ Object.freeze({
  pskc: 'a PSKC key container: read it with readPskc',
  activation: 'an activation string: read it with decodeActivation',
  mobilepass: 'a MobilePASS code: read it with decodeMobilePass',
  'base32-secret': 'a bare base32 key, which says nothing else of the token',
});

/**
 * The format of a backup: `given`, or what `detectFormat` names (one otpauth URI is a list of
 * one). An encrypted file is BACKUP_ENCRYPTED naming its app; anything else is INVALID_BACKUP.
 */
export function backupFormatOf(data: string | Uint8Array, given: BackupFormat | undefined): BackupFormat {
  if (given !== undefined) return given;
  const detected = detectFormat(data);
  if (detected === 'otpauth') return 'uris';
  if (BACKUP_FORMATS.includes(detected as BackupFormat)) return detected as BackupFormat;
  if (detected.endsWith('-encrypted')) {
    const format = detected.slice(0, -'-encrypted'.length) as BackupFormat;
    encrypted(format, WHY[format]!);
  }
  const what = NOT_A_BACKUP[detected];
  throw new OtpError(
    'INVALID_BACKUP',
    `the file is not a backup oathkit reads (${BACKUP_FORMATS.join(', ')})${what === undefined ? ': no format matches its content' : `: it is ${what}`}`,
  );
}

/** Checks `data` and `options.format`; the format given, if any. */
export function checkBackupInput(data: unknown, format: unknown): BackupFormat | undefined {
  if (format !== undefined && !BACKUP_FORMATS.includes(format as BackupFormat)) {
    throw new OtpError('INVALID_OPTIONS', `options.format must be one of ${BACKUP_FORMATS.join(', ')}, got ${describe(format)}`);
  }
  if (typeof data === 'string') {
    if (data.length > MAX_BACKUP_SIZE) throw new OtpError('INPUT_TOO_LONG', `the backup is ${data.length} characters; at most ${MAX_BACKUP_SIZE} are read`);
  } else if (data instanceof Uint8Array) {
    if (data.length > MAX_BACKUP_SIZE) throw new OtpError('INPUT_TOO_LONG', `the backup is ${data.length} bytes; at most ${MAX_BACKUP_SIZE} are read`);
  } else throw new OtpError('INVALID_BACKUP', `data must be the file's text or bytes (a string or Uint8Array), got ${describe(data)}`);
  return format as BackupFormat | undefined;
}
