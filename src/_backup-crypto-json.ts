/**
 * The JSON encrypted formats. Aegis vault v1 (Aegis docs/vault.md, vault/slots/*.java): the vault
 * content `db` is AES-256-GCM under a random master key, which every slot wraps with AES-256-GCM;
 * a password slot (type 1) derives its key with scrypt (n, r, p, salt in the slot). 2FAS (schema
 * 2–4; 2fas-android core/cipher/backup, data/services BackupContent): `servicesEncrypted` and
 * `reference` are `base64(ciphertext ‖ tag):base64(salt):base64(iv)`, AES-256-GCM under
 * PBKDF2-HMAC-SHA256 (10,000 iterations) with one salt; `reference` holds a fixed text.
 * @module
 */
import { decodeBase64, encodeBase64 } from './_base64.ts';
import {
  concat,
  encodeUtf8,
  field,
  GCM_NONCE_BYTES,
  GCM_TAG_BYTES,
  gcmOpen,
  gcmSeal,
  hexBytes,
  isRecord,
  parseJsonText,
  topMembers,
  type JsonRecord,
  type Member,
} from './_backup-cipher.ts';
import { pbkdf2Async } from './_pbkdf2.ts';
import { hexEncode } from './encoding.ts';
import {
  invalid,
  jsonFile,
  jsonPayload,
  withMembers,
  wrongPassword,
  type EncryptedBackupFormat,
  type Input,
  type KdfLimits,
  type KdfProfile,
  type OpenedBackup,
  type SealableBackupFormat,
} from './_backup-crypto-common.ts';
import { describe } from './_validate.ts';

/** 2FAS's `reference` text (2fas-android `BackupContent.Reference`), encrypted beside the services. */
export const TWOFAS_REFERENCE =
  'tRViSsLKzd86Hprh4ceC2OP7xazn4rrt4xhfEUbOjxLX8Rc3mkISXE0lWbmnWfggogbBJhtYgpK6fMl1D6mtsy92R3HkdGfwuXbzLebqVFJsR7IZ2w58t938iymwG4824igYy1wi6n2WDpO1Q1P69zwJGs2F5a1qP4MyIiDSD7NCV2OvidXQCBnDlGfmz0f1BQySRkkt4ryiJeCjD2o4QsveJ9uDBUn8ELyOrESv5R5DMDkD4iAF8TXU7KyoJujd';

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

/** `Number.isInteger` (false for every non-number) as the type guard TypeScript does not make it. */
const isInteger = (v: unknown): v is number => Number.isInteger(v);

/** Reads and bounds one Aegis password slot (type 1). */
function passwordSlot(slot: JsonRecord, index: number, limits: KdfLimits): PasswordSlot {
  const where = `header.slots[${index}]`;
  const int = (name: string, min: number, max: number): number => {
    const v = field(slot, name);
    if (!isInteger(v) || v < min || v > max) {
      invalid('aegis', `${where}.${name} must be an integer from ${min} to ${max}, got ${describe(v)}`);
    }
    return v;
  };
  const N = int('n', 2, 2 ** 30);
  if ((N & (N - 1)) !== 0) invalid('aegis', `${where}.n must be a power of 2, got ${N}`);
  const r = int('r', 1, 2 ** 20);
  const p = int('p', 1, 2 ** 20);
  if (128 * N * r > limits.scryptMemory) {
    invalid(
      'aegis',
      `${where}: scrypt memory 128·n·r = ${128 * N * r} bytes exceeds the limit of ${limits.scryptMemory} (Aegis uses n = 32768, r = 8: 33554432)`,
    );
  }
  const salt = hexBytes(field(slot, 'salt'), 1, limits.scryptSalt);
  if (salt === undefined) invalid('aegis', `${where}.salt must be 1 to ${limits.scryptSalt} bytes of hex`);
  // The master key is 32 bytes (AES-256), so its wrapped form is too.
  const key = hexBytes(field(slot, 'key'), 32);
  if (key === undefined) invalid('aegis', `${where}.key must be 32 bytes of hex`);
  return { index, N, r, p, salt, key, ...gcmParams('aegis', field(slot, 'key_params'), `${where}.key_params`) };
}

/**
 * Opens an encrypted Aegis vault: bounds every password slot, tries each with scrypt, then opens
 * `db` with the master key.
 * @throws OtpError `BACKUP_PASSWORD` when no password slot opens; `INVALID_BACKUP` otherwise
 */
export async function openAegis(profile: KdfProfile, input: Input, pw: Uint8Array): Promise<OpenedBackup> {
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
    if (field(slot, 'type') === 1) candidates.push(passwordSlot(slot, i, profile.limits));
  });
  if (candidates.length === 0) {
    invalid('aegis', 'the vault has no password slot (its slots are biometric or raw, whose keys stay on the device)');
  }
  if (candidates.length > profile.limits.passwordSlots) {
    invalid('aegis', `the vault has ${candidates.length} password slots; at most ${profile.limits.passwordSlots} are tried`);
  }
  const work = candidates.reduce((sum, s) => sum + s.N * s.r * s.p, 0);
  if (work > profile.limits.scryptWork) {
    invalid('aegis', `scrypt work n·r·p summed over the password slots is ${work}, above the limit of ${profile.limits.scryptWork} (Aegis: 262144 a slot)`);
  }

  let master: Uint8Array | undefined;
  let failure: unknown;
  for (const slot of candidates) {
    const { N, r, p } = slot;
    // noble's own memory check, set to exactly what these bounded parameters need: 128·r·(N + p + 1).
    const derived = await profile.scrypt(pw, slot.salt, { N, r, p, dkLen: 32, maxmem: 128 * r * (N + p + 1) });
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
  // Stryker disable next-line StringLiteral: jsonPayload reads every kind but 'array' as an object
  const dbText = jsonPayload(opened.bytes, 'object');
  if (dbText === undefined) invalid('aegis', 'the decrypted db is not a JSON object in UTF-8');
  const plain = withMembers(topMembers(text), { header: '{"slots":null,"params":null}', db: dbText });
  return { format: 'aegis', variant: 'aegis', plain };
}

/** One `data:salt:iv` field of a 2FAS file (standard base64 each). */
function twofasField(value: unknown, where: string, limits: KdfLimits): { data: Uint8Array; salt: Uint8Array; iv: Uint8Array } {
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
  if (salt.length < 1 || salt.length > limits.pbkdf2Salt) invalid('2fas', `${where}: the salt must be 1 to ${limits.pbkdf2Salt} bytes, got ${salt.length}`);
  if (iv.length !== GCM_NONCE_BYTES) invalid('2fas', `${where}: the iv must be ${GCM_NONCE_BYTES} bytes, got ${iv.length}`);
  return { data, salt, iv };
}

/**
 * Opens an encrypted 2FAS backup: `reference` first (when present) to tell a wrong password from
 * damage, then `servicesEncrypted`.
 * @throws OtpError `BACKUP_PASSWORD`, `INVALID_BACKUP`
 */
export async function openTwofas(profile: KdfProfile, input: Input, pw: Uint8Array): Promise<OpenedBackup> {
  const { text, value } = jsonFile('2fas', input, 'a 2FAS backup');
  const services = twofasField(field(value, 'servicesEncrypted'), 'servicesEncrypted', profile.limits);
  // `reference` (2FAS since schema 2): absent, null or empty in files that lack it.
  const ref = field(value, 'reference');
  if (ref !== undefined && ref !== null && typeof ref !== 'string') invalid('2fas', `reference must be a string, got ${describe(ref)}`);
  const reference = typeof ref === 'string' && ref !== '' ? twofasField(ref, 'reference', profile.limits) : undefined;

  const derive = (salt: Uint8Array) => pbkdf2Async('SHA256', pw, salt, profile.twofasIterations, 32);
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

/** The plain file as a JSON object with its members, or INVALID_BACKUP. */
function plainObject(format: SealableBackupFormat, text: string, what: string): { value: JsonRecord; members: Member[] } {
  const parsed = parseJsonText(text);
  if (parsed === undefined || !isRecord(parsed.value)) invalid(format, `plain must be ${what} (a JSON object)`);
  const members = topMembers(text);
  const keys = new Set(members.map((m) => m.key));
  if (keys.size !== members.length) invalid(format, 'plain has a top-level key twice');
  return { value: parsed.value, members };
}

/** A random UUID, version 4 (RFC 9562 §5.4), as Aegis gives each slot. */
function uuid4(random: (n: number) => Uint8Array): string {
  const b = random(16);
  b[6] = (b[6]! & 0x0f) | 0x40; // RFC 9562 §5.4: version 4
  b[8] = (b[8]! & 0x3f) | 0x80; // variant 10
  const h = hexEncode(b);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Seals a plain Aegis vault: a fresh master key, one password slot (the profile's scrypt), `db`
 * encrypted; the vault's other members kept.
 * @throws OtpError `INVALID_BACKUP` when `text` is not a plain vault
 */
export async function sealAegis(profile: KdfProfile, random: (n: number) => Uint8Array, text: string, pw: Uint8Array): Promise<string> {
  const { value, members } = plainObject('aegis', text, 'an Aegis vault');
  const header = field(value, 'header');
  if (header !== undefined && !(isRecord(header) && field(header, 'slots') === null && field(header, 'params') === null)) {
    invalid('aegis', 'plain must be a plain vault (header.slots and header.params null)');
  }
  if (!isRecord(field(value, 'db'))) invalid('aegis', 'plain must have db, the vault content, as a JSON object');
  // value.db is an object, so its member is there (plainObject refused a key given twice).
  const db = members.find((m) => m.key === 'db')!;

  const { N, r, p } = profile.aegisScrypt;
  const salt = random(32);
  const master = random(32);
  const slotNonce = random(GCM_NONCE_BYTES);
  const dbNonce = random(GCM_NONCE_BYTES);
  const slotUuid = uuid4(random);
  const derived = await profile.scrypt(pw, salt, { N, r, p, dkLen: 32, maxmem: 128 * r * (N + p + 1) });
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
    key: hexEncode(w.body),
    key_params: { nonce: hexEncode(slotNonce), tag: hexEncode(w.tag) },
    n: N,
    r,
    p,
    salt: hexEncode(salt),
    repaired: true,
    is_backup: false,
  };
  const headerText = JSON.stringify({ slots: [slot], params: { nonce: hexEncode(dbNonce), tag: hexEncode(s.tag) } });
  // The vault keeps its members and their order; a missing version (the vault format's 1) or
  // header is put first, as Aegis orders them.
  const out = members.filter((m) => m.key !== 'header');
  let at = out.findIndex((m) => m.key === 'version');
  if (at < 0) {
    out.unshift({ key: 'version', value: '1' });
    at = 0;
  }
  out.splice(at + 1, 0, { key: 'header', value: headerText });
  return withMembers(out, { db: JSON.stringify(encodeBase64(s.body)) });
}

/**
 * Seals a plain 2FAS backup: `services` emptied, `servicesEncrypted` and `reference` added.
 * @throws OtpError `INVALID_BACKUP` when `text` is not a plain 2FAS backup
 */
export async function sealTwofas(profile: KdfProfile, random: (n: number) => Uint8Array, text: string, pw: Uint8Array): Promise<string> {
  const { value, members } = plainObject('2fas', text, 'a 2FAS backup');
  if (!Array.isArray(field(value, 'services'))) invalid('2fas', 'plain must have services, a JSON array');
  // value.services is an array, so its member is there (plainObject refused a key given twice).
  const services = members.find((m) => m.key === 'services')!;
  const enc = field(value, 'servicesEncrypted');
  if (enc !== undefined && enc !== null) invalid('2fas', 'plain is already encrypted (it has servicesEncrypted)');

  // As 2fas-android's BackupCipherImpl: one 256-byte salt and key, a fresh nonce per field.
  const salt = random(256);
  const key = await pbkdf2Async('SHA256', pw, salt, profile.twofasIterations, 32);
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
