/**
 * What the encrypted-backup modules share: the format names and result shape, the size cap, the
 * bounds on key-derivation parameters read from files ({@link KDF_LIMITS}), the parameters formats
 * fix rather than write ({@link KdfProfile}), the two errors (INVALID_BACKUP, BACKUP_PASSWORD), and
 * reading a JSON file and a decrypted JSON payload. Facts and sources: vectors/README.md,
 * "Encrypted backups".
 * @module
 */
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { OtpError } from './errors.ts';
import { decodeText } from './_utf8.ts';
import { isRecord, joinMembers, parseJsonText, type JsonRecord, type Member } from './_backup-cipher.ts';

/** The formats {@link decryptBackup} reads (it derives the key and decrypts with the apps' own parameters). */
export type EncryptedBackupFormat = 'aegis' | '2fas' | 'andotp' | 'authenticator-pro';

/** The formats {@link encryptBackup} writes. */
export type SealableBackupFormat = 'aegis' | '2fas' | 'andotp';

/** Which encryption of its format a file used. */
export type BackupVariant = 'aegis' | '2fas' | 'andotp' | 'andotp-old' | 'authenticator-pro' | 'authenticator-pro-legacy';

/** What {@link openBackup} returns: the format, its variant, and the text of the plain export. */
export interface OpenedBackup {
  format: EncryptedBackupFormat;
  variant: BackupVariant;
  /**
   * The equivalent plain file: Aegis, the vault with `header.slots` and `header.params` null and
   * `db` the decrypted object; 2FAS, the file with `services` restored and `servicesEncrypted` and
   * `reference` removed; andOTP, its JSON array; Authenticator Pro, its JSON backup. Decrypted parts
   * are exactly the bytes the app encrypted; the other members keep their exact text.
   */
  plain: string;
}

/** Every {@link EncryptedBackupFormat}. */
export const ENCRYPTED_FORMATS: readonly EncryptedBackupFormat[] = /* @__PURE__ */ Object.freeze(['aegis', '2fas', 'andotp', 'authenticator-pro'] as const);
/** Every {@link SealableBackupFormat}. */
export const SEALABLE_FORMATS: readonly SealableBackupFormat[] = /* @__PURE__ */ Object.freeze(['aegis', '2fas', 'andotp'] as const);
/** Display names, for messages. */
export const NAMES: Readonly<Record<EncryptedBackupFormat, string>> = {
  aegis: 'Aegis',
  '2fas': '2FAS',
  andotp: 'andOTP',
  'authenticator-pro': 'Authenticator Pro',
};

/** The largest file read or plain text sealed: 32 MiB (of text, or bytes). */
export const MAX_ENCRYPTED_BACKUP = 32 * 1024 * 1024;

/** The shape of {@link KDF_LIMITS}. */
export interface KdfLimits {
  /** scrypt memory, 128·N·r bytes, at most. */
  readonly scryptMemory: number;
  /** scrypt work, N·r·p summed over the password slots tried, at most. */
  readonly scryptWork: number;
  /** scrypt salt bytes, at most. */
  readonly scryptSalt: number;
  /** Password slots in one Aegis vault, at most. */
  readonly passwordSlots: number;
  /** PBKDF2 iterations, at most. */
  readonly pbkdf2Iterations: number;
  /** PBKDF2 salt bytes, at most. */
  readonly pbkdf2Salt: number;
}

/**
 * Bounds on key-derivation parameters read from a file, checked before deriving: a file cannot make
 * oathkit spend minutes or gigabytes. Each admits the app's own values with room to spare.
 */
export const KDF_LIMITS: KdfLimits = /* @__PURE__ */ Object.freeze({
  /** scrypt memory, 128·N·r bytes: at most 256 MiB (Aegis writes N = 2^15, r = 8: 32 MiB). */
  scryptMemory: 256 * 1024 * 1024,
  /** scrypt work, N·r·p summed over the password slots tried: 2^22 (Aegis: 2^18 a slot, one or two slots). */
  scryptWork: 2 ** 22,
  /** scrypt salt: at most 1,024 bytes (Aegis: 32). */
  scryptSalt: 1024,
  /** Password slots in one Aegis vault: at most 16 (Aegis: one, and one more for a backup password). */
  passwordSlots: 16,
  /** PBKDF2 iterations in an andOTP file: at most 1,000,000 (andOTP picks 140,000–160,000). */
  pbkdf2Iterations: 1_000_000,
  /** 2FAS salt: at most 1,024 bytes (2FAS: 256). */
  pbkdf2Salt: 1024,
});

/**
 * The parameters fixed by a format rather than written in its files, and those the apps choose
 * when writing. Only tests use other values (tiny ones, so that fuzzing does not spend its time in
 * key derivation); {@link APP_PROFILE} holds the apps' own.
 */
export interface KdfProfile {
  /** 2FAS: PBKDF2-HMAC-SHA256 iterations (10,000). */
  twofasIterations: number;
  /** Authenticator Pro: Argon2id passes, memory in KiB and lanes (3, 65,536, 4). */
  stratumArgon2: { t: number; m: number; p: number };
  /** Authenticator Pro legacy: PBKDF2-HMAC-SHA1 iterations (64,000). */
  stratumLegacyIterations: number;
  /** Aegis, when sealing: scrypt N, r, p (2^15, 8, 1). */
  aegisScrypt: { N: number; r: number; p: number };
  /** andOTP, when sealing: the range its random iteration count is drawn from (140,000–160,000). */
  andotpIterations: readonly [number, number];
  /** The bounds on parameters read from files ({@link KDF_LIMITS}). */
  limits: KdfLimits;
  /**
   * Argon2id (RFC 9106): noble's. The fuzz tests pass noble's behind a cache, so that 100,000
   * mutated files cost parsing and AES rather than noble's fixed 2–3 ms a derivation.
   */
  argon2id: (password: Uint8Array, salt: Uint8Array, options: { t: number; m: number; p: number; dkLen: number; version: number }) => Promise<Uint8Array>;
  /** scrypt (RFC 7914): noble's; the fuzz tests cache it too. */
  scrypt: (password: Uint8Array, salt: Uint8Array, options: { N: number; r: number; p: number; dkLen: number; maxmem: number }) => Promise<Uint8Array>;
}

/** The apps' own parameters. */
export const APP_PROFILE: KdfProfile = /* @__PURE__ */ Object.freeze({
  twofasIterations: 10_000,
  stratumArgon2: Object.freeze({ t: 3, m: 65_536, p: 4 }),
  stratumLegacyIterations: 64_000,
  aegisScrypt: Object.freeze({ N: 2 ** 15, r: 8, p: 1 }),
  andotpIterations: Object.freeze([140_000, 160_000] as const),
  limits: KDF_LIMITS,
  argon2id: argon2idAsync,
  scrypt: scryptAsync,
});

/** INVALID_BACKUP: the file is not of the format, is damaged, or asks too much of the KDF. */
export function invalid(format: EncryptedBackupFormat, message: string, cause?: unknown): never {
  throw new OtpError('INVALID_BACKUP', `${NAMES[format]} backup: ${message}`, cause === undefined ? undefined : { cause });
}

/** BACKUP_PASSWORD: the password does not open the file (or damage the format cannot tell from it). */
export function wrongPassword(format: EncryptedBackupFormat, message: string, cause?: unknown): never {
  throw new OtpError('BACKUP_PASSWORD', `${NAMES[format]} backup: ${message}`, cause === undefined ? undefined : { cause });
}

/** The file as given: a string (BOM removed) or bytes, never both (openBackupWith's inputOf). */
export interface Input {
  bytes?: Uint8Array;
  text?: string;
}

/** INPUT_TOO_LONG past {@link MAX_ENCRYPTED_BACKUP}. */
export function tooLong(n: number, unit: string): never {
  throw new OtpError('INPUT_TOO_LONG', `the backup has ${n} ${unit}; at most ${MAX_ENCRYPTED_BACKUP} are read`);
}

/**
 * The file as a JSON object (its text, and the parsed value), or INVALID_BACKUP naming what the
 * format expected. Bytes are read as UTF-8 (a BOM removed, as from a string).
 */
export function jsonFile(format: EncryptedBackupFormat, input: Input, what: string): { text: string; value: JsonRecord } {
  const text = input.bytes === undefined ? input.text : decodeText(input.bytes);
  // Stryker disable next-line ConditionalExpression: JSON.parse refuses undefined too (as the text "undefined"), so parseJsonText gives undefined either way
  const parsed = text === undefined ? undefined : parseJsonText(text);
  if (parsed === undefined || !isRecord(parsed.value)) invalid(format, `the file is not a JSON object (${what})`);
  return { text: text!, value: parsed.value };
}

/** Decrypted bytes as JSON text of the expected kind, or undefined. */
export function jsonPayload(bytes: Uint8Array, kind: 'object' | 'array'): string | undefined {
  const text = decodeText(bytes);
  // Stryker disable next-line ConditionalExpression: JSON.parse refuses undefined too (as the text "undefined"), so parseJsonText gives undefined either way
  const parsed = text === undefined ? undefined : parseJsonText(text);
  if (parsed === undefined) return undefined;
  return (kind === 'array' ? Array.isArray(parsed.value) : isRecord(parsed.value)) ? text : undefined;
}

/** Replaces (or, with undefined, removes) members by key; `first` members missing are put first. */
// Stryker disable next-line ArrayDeclaration: a key of first that replace lacks adds nothing, so another default list acts as none
export function withMembers(members: readonly Member[], replace: Readonly<Record<string, string | undefined>>, first: readonly string[] = []): string {
  const out: Member[] = [];
  for (const key of first) if (!members.some((m) => m.key === key) && replace[key] !== undefined) out.push({ key, value: replace[key] });
  for (const m of members) {
    if (!Object.prototype.hasOwnProperty.call(replace, m.key)) out.push(m);
    else if (replace[m.key] !== undefined) out.push({ key: m.key, value: replace[m.key]! });
  }
  return joinMembers(out);
}
