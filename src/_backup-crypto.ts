/**
 * Encrypted backups of authenticator apps: {@link openBackup} turns an encrypted export and its
 * password into the text of the same app's plain export, {@link sealBackup} does the reverse the way
 * the app would. The formats (facts and sources in vectors/README.md, "Encrypted backups"):
 * - Aegis vault v1 (Aegis docs/vault.md): AES-256-GCM under a master key that each slot wraps;
 *   password slots derive their key with scrypt (N, r, p and salt in the slot);
 * - 2FAS (schema 2–4): PBKDF2-HMAC-SHA256, 10,000 iterations, AES-256-GCM; `reference`, a fixed
 *   text under the same key, tells a wrong password from a damaged file;
 * - andOTP: PBKDF2-HMAC-SHA1 (iterations and salt in the file) + AES-256-GCM, and the older
 *   SHA-256(password) + AES-256-GCM;
 * - Authenticator Pro / Stratum: Argon2id (64 MiB, 3 passes, 4 lanes) + AES-256-GCM, and its legacy
 *   PBKDF2-HMAC-SHA1 (64,000 iterations) + AES-256-CBC.
 * Key-derivation parameters read from a file are bounded before anything is derived
 * ({@link KDF_LIMITS}). This is the one module that imports `@noble/hashes` (scrypt, Argon2id).
 * @module
 */
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { OtpError } from './errors.ts';
import { decodeBase64, encodeBase64 } from './_base64.ts';
import { isBytes, randomBytes } from './_bytes.ts';
import {
  cbcOpen, concat, decodeUtf8, encodeUtf8, field, GCM_NONCE_BYTES, GCM_TAG_BYTES, gcmOpen, gcmSeal, hexBytes, isRecord,
  joinMembers, parseJsonText, passwordBytes, pbkdf2, sha256, startsWithAscii, toHex, topMembers,
  type JsonRecord, type Member, type Opened,
} from './_backup-cipher.ts';
import { describe } from './_validate.ts';

/** The formats {@link openBackup} opens. */
export type EncryptedBackupFormat = 'aegis' | '2fas' | 'andotp' | 'authenticator-pro';
/** The formats {@link sealBackup} writes. */
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

const ENCRYPTED_FORMATS: readonly EncryptedBackupFormat[] = ['aegis', '2fas', 'andotp', 'authenticator-pro'];
const SEALABLE_FORMATS: readonly SealableBackupFormat[] = ['aegis', '2fas', 'andotp'];
const NAMES: Readonly<Record<EncryptedBackupFormat, string>> = { aegis: 'Aegis', '2fas': '2FAS', andotp: 'andOTP', 'authenticator-pro': 'Authenticator Pro' };

/** The largest file read or plain text sealed: 32 MiB (of text, or bytes). */
export const MAX_ENCRYPTED_BACKUP = 32 * 1024 * 1024;

/**
 * Bounds on key-derivation parameters read from a file, checked before deriving: a file cannot make
 * oathkit spend minutes or gigabytes. Each admits the app's own values with room to spare.
 */
export const KDF_LIMITS = /* @__PURE__ */ Object.freeze({
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
}

/** The apps' own parameters. */
export const APP_PROFILE: KdfProfile = /* @__PURE__ */ Object.freeze({
  twofasIterations: 10_000,
  stratumArgon2: Object.freeze({ t: 3, m: 65_536, p: 4 }),
  stratumLegacyIterations: 64_000,
  aegisScrypt: Object.freeze({ N: 2 ** 15, r: 8, p: 1 }),
  andotpIterations: Object.freeze([140_000, 160_000] as const),
});

/** 2FAS's `reference` text (2fas-android `BackupContent.Reference`), encrypted beside the services. */
export const TWOFAS_REFERENCE =
  'tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd';

const STRATUM_HEADER = 'AUTHENTICATORPRO';
const STRATUM_LEGACY_HEADER = 'AuthenticatorPro';

function invalid(format: EncryptedBackupFormat, message: string, cause?: unknown): never {
  throw new OtpError('INVALID_BACKUP', `${NAMES[format]} backup: ${message}`, cause === undefined ? undefined : { cause });
}

function wrongPassword(format: EncryptedBackupFormat, message: string, cause?: unknown): never {
  throw new OtpError('BACKUP_PASSWORD', `${NAMES[format]} backup: ${message}`, cause === undefined ? undefined : { cause });
}

// ---- Input -------------------------------------------------------------------------------------

interface Input {
  bytes?: Uint8Array;
  /** The text, for JSON formats (a string given, or bytes that are UTF-8), BOM removed. */
  text?: string;
}

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

function tooLong(n: number, unit: string): never {
  throw new OtpError('INPUT_TOO_LONG', `the backup has ${n} ${unit}; at most ${MAX_ENCRYPTED_BACKUP} are read`);
}

/** The text of a JSON file, or undefined when the input is not text that starts like a JSON object. */
function jsonTextOf(input: Input): string | undefined {
  const text = input.text ?? (input.bytes !== undefined && input.bytes.length > 0 ? decodeUtf8(input.bytes) : undefined);
  return text !== undefined && /^\s*\{/.test(text) ? text : undefined;
}

/** A JSON object file: its text and parsed value, or undefined. */
function jsonObjectOf(input: Input): { text: string; value: JsonRecord } | undefined {
  const text = jsonTextOf(input);
  const parsed = text === undefined ? undefined : parseJsonText(text);
  return parsed !== undefined && isRecord(parsed.value) ? { text: text!, value: parsed.value } : undefined;
}

/** Which encrypted format `input` is, from its header or its JSON keys. */
function detect(input: Input): EncryptedBackupFormat {
  const { bytes } = input;
  if (bytes !== undefined && (startsWithAscii(bytes, STRATUM_HEADER) || startsWithAscii(bytes, STRATUM_LEGACY_HEADER))) {
    return 'authenticator-pro';
  }
  const json = jsonObjectOf(input);
  if (json !== undefined) {
    if (field(json.value, 'servicesEncrypted') !== undefined) return '2fas';
    if (field(json.value, 'header') !== undefined && field(json.value, 'db') !== undefined) return 'aegis';
    throw new OtpError(
      'INVALID_BACKUP',
      'the file is JSON but neither an encrypted Aegis vault (header, db) nor an encrypted 2FAS backup (servicesEncrypted)',
    );
  }
  if (bytes === undefined) {
    throw new OtpError(
      'INVALID_BACKUP',
      'the text is not an encrypted Aegis or 2FAS backup (JSON); andOTP and Authenticator Pro backups are binary: pass their bytes as a Uint8Array',
    );
  }
  return 'andotp'; // andOTP's files have no header: what is left is tried as andOTP
}

// ---- Opening -----------------------------------------------------------------------------------

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
export async function openBackupWith(
  profile: KdfProfile,
  data: string | Uint8Array,
  password: string,
  format?: EncryptedBackupFormat,
): Promise<OpenedBackup> {
  if (format !== undefined && !ENCRYPTED_FORMATS.includes(format)) {
    throw new OtpError('INVALID_OPTIONS', `format must be one of ${ENCRYPTED_FORMATS.join(', ')}, got ${describe(format)}`);
  }
  const input = inputOf(data);
  const pw = passwordBytes(password);
  const f = format ?? detect(input);
  try {
    if (f === 'aegis') return await openAegis(input, pw);
    if (f === '2fas') return await openTwofas(profile, input, pw);
    if (f === 'andotp') return await openAndotp(input, pw);
    return await openStratum(profile, input, pw);
  } finally {
    pw.fill(0);
  }
}

/** The file as a JSON object, or INVALID_BACKUP naming what the format expected. */
function jsonFile(format: EncryptedBackupFormat, input: Input, what: string): { text: string; value: JsonRecord } {
  const json = jsonObjectOf(input);
  if (json === undefined) invalid(format, `the file is not a JSON object (${what})`);
  return json;
}

/** Decrypted bytes as JSON text of the expected kind, or undefined. */
function jsonPayload(bytes: Uint8Array, kind: 'object' | 'array'): string | undefined {
  const text = decodeUtf8(bytes);
  const parsed = text === undefined ? undefined : parseJsonText(text);
  if (parsed === undefined) return undefined;
  return (kind === 'array' ? Array.isArray(parsed.value) : isRecord(parsed.value)) ? text : undefined;
}

/** Replaces (or, with undefined, removes) members by key; `first` members missing are put first. */
function withMembers(members: readonly Member[], replace: Readonly<Record<string, string | undefined>>, first: readonly string[] = []): string {
  const out: Member[] = [];
  for (const key of first) if (!members.some((m) => m.key === key) && replace[key] !== undefined) out.push({ key, value: replace[key] });
  for (const m of members) {
    if (!Object.prototype.hasOwnProperty.call(replace, m.key)) out.push(m);
    else if (replace[m.key] !== undefined) out.push({ key: m.key, value: replace[m.key]! });
  }
  return joinMembers(out);
}

/** A GCM parameter pair from hex: 12-byte nonce and 16-byte tag. */
function gcmParams(format: EncryptedBackupFormat, value: unknown, where: string): { nonce: Uint8Array; tag: Uint8Array } {
  if (!isRecord(value)) invalid(format, `${where} must be an object with nonce and tag, got ${describe(value)}`);
  const nonce = hexBytes(field(value, 'nonce'), GCM_NONCE_BYTES);
  const tag = hexBytes(field(value, 'tag'), GCM_TAG_BYTES);
  if (nonce === undefined) invalid(format, `${where}.nonce must be ${GCM_NONCE_BYTES} bytes of hex`);
  if (tag === undefined) invalid(format, `${where}.tag must be ${GCM_TAG_BYTES} bytes of hex`);
  return { nonce, tag };
}

interface PasswordSlot {
  index: number;
  N: number;
  r: number;
  p: number;
  salt: Uint8Array;
  key: Uint8Array;
  nonce: Uint8Array;
  tag: Uint8Array;
}

/** Reads and bounds one Aegis password slot (type 1). */
function passwordSlot(slot: JsonRecord, index: number): PasswordSlot {
  const where = `header.slots[${index}]`;
  const int = (name: string, min: number, max: number): number => {
    const v = field(slot, name);
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      invalid('aegis', `${where}.${name} must be an integer from ${min} to ${max}, got ${describe(v)}`);
    }
    return v;
  };
  const N = int('n', 2, 2 ** 30);
  if ((N & (N - 1)) !== 0) invalid('aegis', `${where}.n must be a power of 2, got ${N}`);
  const r = int('r', 1, 2 ** 20);
  const p = int('p', 1, 2 ** 20);
  if (128 * N * r > KDF_LIMITS.scryptMemory) {
    invalid('aegis', `${where}: scrypt memory 128·n·r = ${128 * N * r} bytes exceeds the limit of ${KDF_LIMITS.scryptMemory} (Aegis uses n = 32768, r = 8: 33554432)`);
  }
  const salt = hexBytes(field(slot, 'salt'), 1, KDF_LIMITS.scryptSalt);
  if (salt === undefined) invalid('aegis', `${where}.salt must be 1 to ${KDF_LIMITS.scryptSalt} bytes of hex`);
  // The master key is 32 bytes (AES-256), so its wrapped form is too.
  const key = hexBytes(field(slot, 'key'), 32);
  if (key === undefined) invalid('aegis', `${where}.key must be 32 bytes of hex`);
  return { index, N, r, p, salt, key, ...gcmParams('aegis', field(slot, 'key_params'), `${where}.key_params`) };
}

async function openAegis(input: Input, pw: Uint8Array): Promise<OpenedBackup> {
  const { text, value } = jsonFile('aegis', input, 'an Aegis vault');
  const header = field(value, 'header');
  if (!isRecord(header)) invalid('aegis', `header must be an object, got ${describe(header)}`);
  const slots = field(header, 'slots');
  if (slots === null && field(header, 'params') === null) {
    invalid('aegis', 'the vault is not encrypted (header.slots and header.params are null): read it as a plain backup');
  }
  if (!Array.isArray(slots)) invalid('aegis', `header.slots must be an array, got ${describe(slots)}`);
  const params = gcmParams('aegis', field(header, 'params'), 'header.params');
  const db = field(value, 'db');
  if (typeof db !== 'string') invalid('aegis', `db must be a base64 string in an encrypted vault, got ${describe(db)}`);
  let content: Uint8Array;
  try {
    content = decodeBase64(db);
  } catch (e) {
    invalid('aegis', 'db is not base64', e);
  }

  // Only password slots (type 1) can be opened with a password: raw (0) and biometric (2) slots
  // wrap the master key under a key that lives in the phone's keystore. All are bounded first.
  const candidates: PasswordSlot[] = [];
  slots.forEach((slot, i) => {
    if (!isRecord(slot)) invalid('aegis', `header.slots[${i}] must be an object, got ${describe(slot)}`);
    if (field(slot, 'type') === 1) candidates.push(passwordSlot(slot, i));
  });
  if (candidates.length === 0) {
    invalid('aegis', 'the vault has no password slot (its slots are biometric or raw, whose keys stay on the device)');
  }
  if (candidates.length > KDF_LIMITS.passwordSlots) {
    invalid('aegis', `the vault has ${candidates.length} password slots; at most ${KDF_LIMITS.passwordSlots} are tried`);
  }
  const work = candidates.reduce((sum, s) => sum + s.N * s.r * s.p, 0);
  if (work > KDF_LIMITS.scryptWork) {
    invalid('aegis', `scrypt work n·r·p summed over the password slots is ${work}, above the limit of ${KDF_LIMITS.scryptWork} (Aegis: 262144 a slot)`);
  }

  let master: Uint8Array | undefined;
  let failure: unknown;
  for (const slot of candidates) {
    const derived = await scryptAsync(pw, slot.salt, { N: slot.N, r: slot.r, p: slot.p, dkLen: 32, maxmem: 2 * KDF_LIMITS.scryptMemory });
    const opened = await gcmOpen(derived, slot.nonce, concat(slot.key, slot.tag));
    derived.fill(0);
    if (opened.ok) {
      master = opened.bytes;
      break;
    }
    failure = opened.error;
  }
  if (master === undefined) {
    wrongPassword('aegis', `the password opens none of the vault's ${candidates.length} password slot(s)`, failure);
  }
  const opened = await gcmOpen(master, params.nonce, concat(content, params.tag));
  master.fill(0);
  if (!opened.ok) invalid('aegis', 'the password opened a slot, but the vault content fails its integrity check: the file is damaged', opened.error);
  const dbText = jsonPayload(opened.bytes, 'object');
  if (dbText === undefined) invalid('aegis', 'the decrypted db is not a JSON object in UTF-8');
  const plain = withMembers(topMembers(text), { header: '{"slots":null,"params":null}', db: dbText });
  return { format: 'aegis', variant: 'aegis', plain };
}

/** One `data:salt:iv` field of a 2FAS file (standard base64 each). */
function twofasField(value: unknown, where: string): { data: Uint8Array; salt: Uint8Array; iv: Uint8Array } {
  if (typeof value !== 'string') invalid('2fas', `${where} must be a string, got ${describe(value)}`);
  const parts = value.split(':');
  if (parts.length !== 3) invalid('2fas', `${where} must be three base64 parts separated by ':' (data, salt, iv), got ${parts.length}`);
  let data: Uint8Array, salt: Uint8Array, iv: Uint8Array;
  try {
    [data, salt, iv] = parts.map((p) => decodeBase64(p)) as [Uint8Array, Uint8Array, Uint8Array];
  } catch (e) {
    invalid('2fas', `${where} is not base64`, e);
  }
  if (data.length < GCM_TAG_BYTES) invalid('2fas', `${where}: the data is shorter than a GCM tag`);
  if (salt.length < 1 || salt.length > KDF_LIMITS.pbkdf2Salt) invalid('2fas', `${where}: the salt must be 1 to ${KDF_LIMITS.pbkdf2Salt} bytes, got ${salt.length}`);
  if (iv.length !== GCM_NONCE_BYTES) invalid('2fas', `${where}: the iv must be ${GCM_NONCE_BYTES} bytes, got ${iv.length}`);
  return { data, salt, iv };
}

async function openTwofas(profile: KdfProfile, input: Input, pw: Uint8Array): Promise<OpenedBackup> {
  const { text, value } = jsonFile('2fas', input, 'a 2FAS backup');
  const services = twofasField(field(value, 'servicesEncrypted'), 'servicesEncrypted');
  // `reference` (2FAS since schema 2): absent, null or empty in files that lack it.
  const ref = field(value, 'reference');
  if (ref !== undefined && ref !== null && typeof ref !== 'string') invalid('2fas', `reference must be a string, got ${describe(ref)}`);
  const reference = typeof ref === 'string' && ref !== '' ? twofasField(ref, 'reference') : undefined;

  const derive = (salt: Uint8Array) => pbkdf2('SHA-256', pw, salt, profile.twofasIterations, 32);
  const key = await derive(services.salt);
  if (reference !== undefined) {
    // 2FAS writes both fields with one salt; a file whose salts differ gets a key for each.
    const same = reference.salt.length === services.salt.length && reference.salt.every((b, i) => b === services.salt[i]);
    const refKey = same ? key : await derive(reference.salt);
    const opened = await gcmOpen(refKey, reference.iv, reference.data);
    if (refKey !== key) refKey.fill(0);
    if (!opened.ok) {
      key.fill(0);
      wrongPassword('2fas', 'the password does not open the file (its reference field fails the check)', opened.error);
    }
  }
  const opened = await gcmOpen(key, services.iv, services.data);
  key.fill(0);
  if (!opened.ok) {
    if (reference !== undefined) {
      invalid('2fas', 'the password opened the reference field, but servicesEncrypted fails its integrity check: the file is damaged', opened.error);
    }
    wrongPassword('2fas', 'the password does not open servicesEncrypted', opened.error);
  }
  const servicesText = jsonPayload(opened.bytes, 'array');
  if (servicesText === undefined) invalid('2fas', 'the decrypted services are not a JSON array in UTF-8');
  const plain = withMembers(topMembers(text), { services: servicesText, servicesEncrypted: undefined, reference: undefined }, ['services']);
  return { format: '2fas', variant: '2fas', plain };
}

async function openAndotp(input: Input, pw: Uint8Array): Promise<OpenedBackup> {
  const bytes = input.bytes;
  if (bytes === undefined) invalid('andotp', 'the file is binary: pass its bytes as a Uint8Array');
  // New format: iterations (4 bytes, big-endian) ‖ salt (12) ‖ nonce (12) ‖ ciphertext ‖ tag (16).
  // Old format: nonce (12) ‖ ciphertext ‖ tag (16), key = SHA-256(password).
  if (bytes.length < GCM_NONCE_BYTES + GCM_TAG_BYTES) invalid('andotp', `the file has ${bytes.length} bytes, fewer than any andOTP backup`);
  const iterations = bytes.length >= 4 + 12 + GCM_NONCE_BYTES + GCM_TAG_BYTES ? new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0) : 0;
  // An old-format file starts with a random nonce, read here as a count above the limit in all but
  // about 1 file in 4,000: then only the old format is tried (a new-format file with such a count
  // would be refused anyway). A count of 0 is not andOTP's either.
  const newFormat = iterations >= 1 && iterations <= KDF_LIMITS.pbkdf2Iterations;
  let failure: unknown;
  if (newFormat) {
    const key = await pbkdf2('SHA-1', pw, bytes.subarray(4, 16), iterations, 32);
    const opened = await gcmOpen(key, bytes.subarray(16, 28), bytes.subarray(28));
    key.fill(0);
    if (opened.ok) return andotpResult(opened, 'andotp');
    failure = opened.error;
  }
  const key = await sha256(pw);
  const opened = await gcmOpen(key, bytes.subarray(0, GCM_NONCE_BYTES), bytes.subarray(GCM_NONCE_BYTES));
  key.fill(0);
  if (opened.ok) return andotpResult(opened, 'andotp-old');
  // GCM cannot tell a wrong password from a damaged file: the answer is BACKUP_PASSWORD.
  wrongPassword(
    'andotp',
    newFormat
      ? 'the password opens the file in neither andOTP format (PBKDF2 or the older SHA-256)'
      : `the password does not open the file in andOTP's older format, and its first 4 bytes (${iterations}) are not an iteration count from 1 to ${KDF_LIMITS.pbkdf2Iterations} of the newer one`,
    opened.error ?? failure,
  );
}

function andotpResult(opened: Opened & { ok: true }, variant: 'andotp' | 'andotp-old'): OpenedBackup {
  const plain = jsonPayload(opened.bytes, 'array');
  if (plain === undefined) invalid('andotp', 'the decrypted content is not a JSON array in UTF-8');
  return { format: 'andotp', variant, plain };
}

async function openStratum(profile: KdfProfile, input: Input, pw: Uint8Array): Promise<OpenedBackup> {
  const bytes = input.bytes;
  if (bytes === undefined) invalid('authenticator-pro', 'the file is binary: pass its bytes as a Uint8Array');
  if (startsWithAscii(bytes, STRATUM_HEADER)) {
    // "AUTHENTICATORPRO" ‖ salt (16) ‖ nonce (12) ‖ ciphertext ‖ tag (16); Argon2id, AES-256-GCM.
    const at = STRATUM_HEADER.length;
    if (bytes.length < at + 16 + GCM_NONCE_BYTES + GCM_TAG_BYTES) invalid('authenticator-pro', 'the file is too short');
    const { t, m, p } = profile.stratumArgon2;
    const key = await argon2idAsync(pw, bytes.subarray(at, at + 16), { t, m, p, dkLen: 32, version: 0x13 });
    const opened = await gcmOpen(key, bytes.subarray(at + 16, at + 28), bytes.subarray(at + 28));
    key.fill(0);
    // GCM: a tag failure is the password, or a damage GCM cannot tell from it.
    if (!opened.ok) wrongPassword('authenticator-pro', 'the password does not open the file', opened.error);
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
    const key = await pbkdf2('SHA-1', pw, bytes.subarray(at, at + 20), profile.stratumLegacyIterations, 32);
    const opened = await cbcOpen(key, bytes.subarray(at + 20, at + 36), body);
    key.fill(0);
    const plain = opened.ok ? jsonPayload(opened.bytes, 'object') : undefined;
    if (plain === undefined) {
      wrongPassword('authenticator-pro', 'the password does not open the legacy file (or the file is damaged: this format cannot tell)', opened.ok ? undefined : opened.error);
    }
    return { format: 'authenticator-pro', variant: 'authenticator-pro-legacy', plain };
  }
  invalid('authenticator-pro', `the file does not start with "${STRATUM_HEADER}" (or the legacy "${STRATUM_LEGACY_HEADER}")`);
}

// ---- Sealing -----------------------------------------------------------------------------------

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
    if (format === 'aegis') return await sealAegis(profile, random, text, pw);
    if (format === '2fas') return await sealTwofas(profile, random, text, pw);
    return await sealAndotp(profile, random, text, pw);
  } finally {
    pw.fill(0);
  }
}

/** The plain file as a JSON object with its members, or INVALID_BACKUP. */
function plainObject(format: SealableBackupFormat, text: string, what: string): { value: JsonRecord; members: Member[] } {
  const parsed = parseJsonText(text);
  if (parsed === undefined || !isRecord(parsed.value)) invalid(format, `plain must be ${what} (a JSON object)`);
  const members = topMembers(text);
  const keys = new Set(members.map((m) => m.key));
  if (keys.size !== members.length) invalid(format, 'plain has a top-level key twice');
  return { value: parsed.value, members };
}

function uuid4(random: (n: number) => Uint8Array): string {
  const b = random(16);
  b[6] = (b[6]! & 0x0f) | 0x40; // RFC 9562 §5.4: version 4
  b[8] = (b[8]! & 0x3f) | 0x80; // variant 10
  const h = toHex(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

async function sealAegis(profile: KdfProfile, random: (n: number) => Uint8Array, text: string, pw: Uint8Array): Promise<string> {
  const { value, members } = plainObject('aegis', text, 'an Aegis vault');
  const header = field(value, 'header');
  if (header !== undefined && !(isRecord(header) && field(header, 'slots') === null && field(header, 'params') === null)) {
    invalid('aegis', 'plain must be a plain vault (header.slots and header.params null)');
  }
  const db = members.find((m) => m.key === 'db');
  if (db === undefined || !isRecord(field(value, 'db'))) invalid('aegis', 'plain must have db, the vault content, as a JSON object');

  const { N, r, p } = profile.aegisScrypt;
  const salt = random(32);
  const master = random(32);
  const slotNonce = random(GCM_NONCE_BYTES);
  const dbNonce = random(GCM_NONCE_BYTES);
  const slotUuid = uuid4(random);
  const derived = await scryptAsync(pw, salt, { N, r, p, dkLen: 32, maxmem: 2 * KDF_LIMITS.scryptMemory });
  const wrapped = await gcmSeal(derived, slotNonce, master);
  derived.fill(0);
  const sealed = await gcmSeal(master, dbNonce, encodeUtf8(db.value));
  master.fill(0);
  const cut = (b: Uint8Array) => ({ body: b.subarray(0, b.length - GCM_TAG_BYTES), tag: b.subarray(b.length - GCM_TAG_BYTES) });
  const w = cut(wrapped);
  const s = cut(sealed);
  // The slot as Aegis writes it (PasswordSlot.toJson): repaired, since the key is derived from the
  // password's exact UTF-8 (Aegis issue #95); not a backup-only password.
  const slot = {
    type: 1,
    uuid: slotUuid,
    key: toHex(w.body),
    key_params: { nonce: toHex(slotNonce), tag: toHex(w.tag) },
    n: N,
    r,
    p,
    salt: toHex(salt),
    repaired: true,
    is_backup: false,
  };
  const headerText = JSON.stringify({ slots: [slot], params: { nonce: toHex(dbNonce), tag: toHex(s.tag) } });
  // The vault keeps its members and their order; a missing version (the vault format's 1) or
  // header is put first, as Aegis orders them.
  const out = members.filter((m) => m.key !== 'header');
  const at = out.findIndex((m) => m.key === 'version');
  if (at < 0) out.unshift({ key: 'version', value: '1' });
  out.splice(at < 0 ? 1 : at + 1, 0, { key: 'header', value: headerText });
  return withMembers(out, { db: JSON.stringify(encodeBase64(s.body)) });
}

async function sealTwofas(profile: KdfProfile, random: (n: number) => Uint8Array, text: string, pw: Uint8Array): Promise<string> {
  const { value, members } = plainObject('2fas', text, 'a 2FAS backup');
  const services = members.find((m) => m.key === 'services');
  if (services === undefined || !Array.isArray(field(value, 'services'))) invalid('2fas', 'plain must have services, a JSON array');
  const enc = field(value, 'servicesEncrypted');
  if (enc !== undefined && enc !== null) invalid('2fas', 'plain is already encrypted (it has servicesEncrypted)');

  // As 2fas-android's BackupCipherImpl: one 256-byte salt and key, a fresh nonce per field.
  const salt = random(256);
  const key = await pbkdf2('SHA-256', pw, salt, profile.twofasIterations, 32);
  const field3 = async (plainText: string) => {
    const iv = random(GCM_NONCE_BYTES);
    const sealed = await gcmSeal(key, iv, encodeUtf8(plainText));
    return JSON.stringify(`${encodeBase64(sealed)}:${encodeBase64(salt)}:${encodeBase64(iv)}`);
  };
  const servicesEncrypted = await field3(services.value);
  const reference = await field3(TWOFAS_REFERENCE);
  key.fill(0);
  // `services` becomes empty; the two encrypted fields go last, where 2FAS's serializer puts them.
  const kept = members.filter((m) => m.key !== 'servicesEncrypted' && m.key !== 'reference');
  return withMembers([...kept, { key: 'servicesEncrypted', value: servicesEncrypted }, { key: 'reference', value: reference }], { services: '[]' });
}

async function sealAndotp(profile: KdfProfile, random: (n: number) => Uint8Array, text: string, pw: Uint8Array): Promise<Uint8Array> {
  const parsed = parseJsonText(text);
  if (parsed === undefined || !Array.isArray(parsed.value)) invalid('andotp', 'plain must be an andOTP backup (a JSON array)');
  // As andOTP's BackupHelper: iterations drawn from its range, a 12-byte salt, a 12-byte nonce.
  const [lo, hi] = profile.andotpIterations;
  const r4 = random(4);
  const draw = new DataView(r4.buffer, r4.byteOffset, 4).getUint32(0);
  const iterations = lo + (draw % (hi - lo + 1));
  const salt = random(12);
  const nonce = random(GCM_NONCE_BYTES);
  const key = await pbkdf2('SHA-1', pw, salt, iterations, 32);
  const sealed = await gcmSeal(key, nonce, encodeUtf8(text));
  key.fill(0);
  const head = new Uint8Array(4);
  new DataView(head.buffer).setUint32(0, iterations);
  return concat(head, salt, nonce, sealed);
}
