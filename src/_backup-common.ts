/**
 * What every backup codec shares: the format names, the result shape, the size caps, reading one
 * entry at a time so that a broken entry is listed in `skipped` instead of losing the others, typed
 * field access on parsed JSON with messages that name the field, and the shared extras (`note`,
 * `groups`, `favorite`). App-specific extras are named `<format>.<field>` (`aegis.uuid`,
 * `andotp.thumbnail`): a writer carries its own and the shared ones, never another app's.
 * @module
 */
import { base32Decode } from './encoding.ts';
import { OtpError, type OtpErrorCode } from './errors.ts';
import { isJsonObject, parseJson, type JsonObject, type JsonValue } from './_json.ts';
import { normalizeToken, MAX_EXTRA_TEXT, MAX_EXTRAS, MAX_TOKEN_TEXT, type Token, type TokenInput } from './token.ts';
import { describe } from './_validate.ts';
import type { PlainBackupFormat } from './detect.ts';
import { sha1Compress, SHA1_IV } from './_sha1.ts';
import { utf8Encode } from './_utf8.ts';

/**
 * The backup formats {@link readBackup} reads: the detector's names for them (src/detect.ts), and
 * the two text formats that are also backups, a list of otpauth URIs and Google's export.
 */
export type BackupFormat = PlainBackupFormat | 'uris' | 'google';

/** The formats {@link writeBackup} writes. */
export type WritableBackupFormat = 'aegis' | '2fas' | 'andotp' | 'uris' | 'google';

/** Every format {@link readBackup} reads, by the name `format` gives. */
export const BACKUP_FORMATS: readonly BackupFormat[] = /* @__PURE__ */ Object.freeze([
  'aegis',
  '2fas',
  'andotp',
  'authenticator-pro',
  'freeotp-plus',
  'bitwarden-json',
  'bitwarden-csv',
  'proton',
  'ente',
  'uris',
  'google',
  'steam',
] as const);

/** Every format {@link writeBackup} writes. */
export const WRITABLE_FORMATS: readonly WritableBackupFormat[] = /* @__PURE__ */ Object.freeze(['aegis', '2fas', 'andotp', 'uris', 'google'] as const);

/** An entry of a backup that could not be read as a token, and why. */
export interface SkippedEntry {
  /** Its position among the file's entries (items, services, rows, lines), from 0. */
  index: number;
  /** Its name (issuer and account, or the entry's title) as far as it could be read. */
  name?: string;
  /** Why it was skipped: an unsupported kind (mOTP, Yandex), a broken secret, digits out of range… */
  reason: string;
  /** The error it would have been: `BACKUP_UNSUPPORTED` for a kind the model lacks, else the field's code. */
  code: OtpErrorCode;
}

/** What {@link readBackup} returns. */
export interface BackupContents {
  /** The format the file was read as (detected, or as named). */
  format: BackupFormat;
  /** Every entry that is a token, in the file's order. */
  tokens: Token[];
  /** Every entry that could not be read as a token, and why. */
  skipped: SkippedEntry[];
}

/** The largest backup read: 32 MiB of text (or bytes). Aegis files with many embedded icons stay below. */
export const MAX_BACKUP_SIZE = 32 * 1024 * 1024;
/** The most entries (tokens, rows, lines) one backup may hold. */
export const MAX_BACKUP_ENTRIES = 10_000;

/** Display names, for messages. */
export const FORMAT_NAMES: Readonly<Record<BackupFormat, string>> = /* @__PURE__ */ Object.freeze({
  aegis: 'Aegis',
  '2fas': '2FAS',
  andotp: 'andOTP',
  'authenticator-pro': 'Authenticator Pro',
  'freeotp-plus': 'FreeOTP+',
  'bitwarden-json': 'Bitwarden (JSON)',
  'bitwarden-csv': 'Bitwarden (CSV)',
  proton: 'Proton Authenticator',
  ente: 'Ente Auth',
  uris: 'otpauth URI list',
  google: 'Google Authenticator export',
  steam: 'Steam maFile',
});

/** A file-level error: the whole file cannot be read. */
export function invalid(format: BackupFormat, message: string): never {
  throw new OtpError('INVALID_BACKUP', `${FORMAT_NAMES[format]} file: ${message}`);
}

/** An entry-level error: this entry cannot be read (it goes to `skipped`). */
export function bad(message: string, code: OtpErrorCode = 'INVALID_BACKUP'): never {
  throw new OtpError(code, message);
}

/** Refuses more entries than {@link MAX_BACKUP_ENTRIES}. */
export function checkCount(format: BackupFormat, count: number): void {
  if (count > MAX_BACKUP_ENTRIES) {
    throw new OtpError('INPUT_TOO_LONG', `${FORMAT_NAMES[format]} file has ${count} entries; at most ${MAX_BACKUP_ENTRIES} are read`);
  }
}

/**
 * Reads entries one by one: `read` returns a token input or throws an OtpError, which lists the
 * entry in `skipped` (with the name `nameOf` finds). Any other error is a bug and propagates.
 */
export function collect<E>(
  format: BackupFormat,
  entries: readonly E[],
  read: (entry: E, index: number) => TokenInput | TokenInput[] | null,
  nameOf: (entry: E) => string | undefined,
): BackupContents {
  checkCount(format, entries.length);
  const out: BackupContents = { format, tokens: [], skipped: [] };
  entries.forEach((entry, index) => {
    try {
      const input = read(entry, index);
      if (input === null) return; // not a token entry at all (a Bitwarden login without TOTP)
      for (const one of Array.isArray(input) ? input : [input]) out.tokens.push(normalizeToken(one));
    } catch (e) {
      if (!(e instanceof OtpError)) throw e;
      let name: string | undefined;
      try {
        name = nameOf(entry);
      } catch {
        // No name, then: the entry is listed by its index alone.
      }
      const skipped: SkippedEntry = { index, reason: e.message, code: e.code };
      if (name !== undefined && name !== '') skipped.name = name.slice(0, MAX_TOKEN_TEXT);
      out.skipped.push(skipped);
    }
  });
  return out;
}

/** `issuer: account`, `issuer` or `account`, for a skipped entry's name. */
export function displayName(issuer: unknown, account: unknown): string | undefined {
  const i = typeof issuer === 'string' && issuer !== '' ? issuer : undefined;
  const a = typeof account === 'string' && account !== '' ? account : undefined;
  return i !== undefined && a !== undefined ? `${i}: ${a}` : (i ?? a);
}

// ---- Typed access to parsed JSON ---------------------------------------------------------------

/** The entry as an object, or an entry-level error. */
export function objectEntry(value: JsonValue | undefined, what = 'the entry'): JsonObject {
  if (!isJsonObject(value)) bad(`${what} must be an object, got ${describe(value)}`);
  return value;
}

/** A field that must be a string. */
export function str(o: JsonObject, key: string, where = key): string {
  const v = o[key];
  if (typeof v !== 'string') bad(`${where} must be a string, got ${describe(v)}`);
  return v;
}

/** A string field that may be absent or null. */
export function optStr(o: JsonObject, key: string, where = key): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') bad(`${where} must be a string, got ${describe(v)}`);
  return v;
}

/** An integer field (`number` or, past 2^53, `bigint`); absent or null gives `fallback`. */
export function optInt<F extends number | bigint | undefined>(o: JsonObject, key: string, fallback: F, where = key): number | bigint | F {
  const v = o[key];
  if (v === undefined || v === null) return fallback;
  // Number.isInteger is false for every non-number.
  if (typeof v === 'bigint' || Number.isInteger(v)) return v as number | bigint;
  return bad(`${where} must be an integer, got ${describe(v)}`);
}

/** An integer field that must be present, as a `number` in `min … max`. */
export function smallInt(o: JsonObject, key: string, min: number, max: number, where = key, code: OtpErrorCode = 'INVALID_BACKUP'): number {
  const v = optInt(o, key, undefined, where);
  if (v === undefined) bad(`${where} is missing`);
  return inRange(v, min, max, where, code);
}

/** `v` as a number in `min … max`. */
export function inRange(v: number | bigint, min: number, max: number, where: string, code: OtpErrorCode = 'INVALID_BACKUP'): number {
  if (typeof v === 'bigint' || v < min || v > max) bad(`${where} must be from ${min} to ${max}, got ${describe(v)}`, code);
  return v;
}

/** A counter read from a file: a non-negative integer, exact. */
export function counterOf(v: number | bigint, where: string): number | bigint {
  if (v < 0) bad(`${where} must not be negative, got ${describe(v)}`, 'INVALID_COUNTER');
  return v;
}

/** A boolean field that may be absent or null. */
export function optBool(o: JsonObject, key: string, where = key): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') bad(`${where} must be true or false, got ${describe(v)}`);
  return v;
}

/** An array field that may be absent or null (then empty). */
export function optArray(o: JsonObject, key: string, where = key): JsonValue[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) bad(`${where} must be an array, got ${describe(v)}`);
  return v;
}

/** A base32 secret (any case, padding and spaces allowed); an empty one is refused. */
export function base32Secret(text: string, where = 'the secret'): Uint8Array {
  const key = base32Decode(text);
  if (key.length === 0) bad(`${where} is empty`, 'INVALID_KEY');
  return key;
}

// ---- Extras -------------------------------------------------------------------------------------

/**
 * Builds `extras` from name/value pairs, leaving out absent and empty values and any value longer
 * than the model's cap (an app's embedded icon past 16 KiB): such an extra is lost, the token is not.
 */
export function extrasOf(pairs: readonly (readonly [string, string | undefined])[]): Record<string, string> | undefined {
  const out: [string, string][] = [];
  for (const [name, value] of pairs) {
    if (value !== undefined && value !== '' && value.length <= MAX_EXTRA_TEXT && out.length < MAX_EXTRAS) out.push([name, value]);
  }
  return out.length === 0 ? undefined : Object.fromEntries(out);
}

/**
 * The `groups` extra: group, tag or category names as a JSON array of strings; undefined when none,
 * or when the names alone are longer than an extra may be ({@link extrasOf} would leave it out).
 * That is checked before the JSON is made: a group's name is written once in a file and may be
 * named by every entry, and making its JSON for each entry was quadratic (an Aegis vault of one
 * 1 MB group name and 1,000 entries took 1.5 s).
 */
export function groupsExtra(names: readonly string[]): string | undefined {
  const unique = [...new Set(names.filter((n) => n !== ''))];
  let length = 0;
  for (const name of unique) length += name.length;
  // Stryker disable next-line EqualityOperator: at exactly the cap the JSON (quotes, brackets) is longer still, and extrasOf leaves it out the same
  return unique.length === 0 || length > MAX_EXTRA_TEXT ? undefined : JSON.stringify(unique);
}

/** The group names a token's `groups` extra holds (nothing if it is absent or not a JSON array of strings). */
export function groupNames(token: Token): string[] {
  const text = token.extras?.groups;
  // Stryker disable next-line ConditionalExpression: parseJson(undefined) throws, and the catch below answers [] the same
  if (text === undefined) return [];
  try {
    const v = parseJson(text);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x !== '') : [];
  } catch {
    return [];
  }
}

/** A shared or own extra of a token. */
export function extra(token: Token, name: string): string | undefined {
  const v = token.extras?.[name];
  return v === undefined || !Object.prototype.hasOwnProperty.call(token.extras, name) ? undefined : v;
}

/** The text of a JSON value for an extra (numbers exactly, strings as they are). */
export function textOf(v: JsonValue | undefined): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return undefined; // absent, null, an object or an array
}

// ---- Writing -----------------------------------------------------------------------------------

/** `tokens[i] ("issuer: account")`, how a refusal names a token. */
export function tokenName(token: Pick<TokenInput, 'issuer' | 'account'> | null | undefined, index: number): string {
  // A token that is not one may be null: `?.` names it by its index alone.
  const name = displayName(token?.issuer, token?.account);
  return name === undefined ? `tokens[${index}]` : `tokens[${index}] (${JSON.stringify(name.slice(0, 64))})`;
}

/**
 * Checks the tokens to write: an array of valid tokens; each is normalized. An invalid token is
 * refused with its own error code, the message naming it.
 */
export function tokensToWrite(tokens: readonly TokenInput[], format: BackupFormat): Token[] {
  if (!Array.isArray(tokens)) throw new OtpError('INVALID_TOKEN', `tokens must be an array of tokens, got ${describe(tokens)}`);
  checkCount(format, tokens.length);
  return tokens.map((t, i) => {
    try {
      return normalizeToken(t);
    } catch (e) {
      if (e instanceof OtpError) throw new OtpError(e.code, `${tokenName(t, i)}: ${e.message}`, { cause: e });
      throw e;
    }
  });
}

/** Refuses a token the format cannot carry, naming it. */
export function refuse(token: Token, index: number, format: BackupFormat, what: string, code: OtpErrorCode = 'BACKUP_UNSUPPORTED'): never {
  throw new OtpError(code, `${tokenName(token, index)}: ${what}, which ${FORMAT_NAMES[format]} cannot carry`);
}

/**
 * Refuses what no backup format holds, an otpauth URI list included: an OCRA token, and a t0
 * other than 0 (an HOTP token has none).
 */
export function checkPortable(token: Token, index: number, format: BackupFormat): void {
  if (token.kind === 'ocra') refuse(token, index, format, 'an OCRA token');
  if (token.t0 !== undefined && token.t0 !== 0) refuse(token, index, format, `t0 = ${token.t0}`, 'INVALID_T0');
}

/**
 * The checks most app formats share: HOTP, TOTP or Steam (no OCRA), `t0` 0, SHA1/256/512, and a
 * counter that fits a signed 64-bit integer (Java's `long`).
 */
export function checkCommon(token: Token, index: number, format: BackupFormat): void {
  checkPortable(token, index, format);
  if (token.algorithm === 'SHA224' || token.algorithm === 'SHA384') refuse(token, index, format, token.algorithm, 'INVALID_ALGORITHM');
  if (token.counter !== undefined && BigInt(token.counter) > 2n ** 63n - 1n) {
    refuse(token, index, format, `counter ${token.counter} (above 2^63-1)`, 'INVALID_COUNTER');
  }
}

/** A value {@link jsonText} writes. */
export type JsonOut = null | boolean | number | bigint | string | undefined | JsonOut[] | { [key: string]: JsonOut };

/**
 * JSON text of `value`, pretty-printed with `indent` spaces; `bigint`s (counters past 2^53) are
 * written as exact integers, keys whose value is `undefined` are left out.
 */
export function jsonText(value: JsonOut, indent = 0, depth = 0): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return JSON.stringify(value);
  const pad = indent > 0 ? `\n${' '.repeat(indent * (depth + 1))}` : '';
  const end = indent > 0 ? `\n${' '.repeat(indent * depth)}` : '';
  const colon = indent > 0 ? ': ' : ':';
  const items = Array.isArray(value)
    ? value.map((v) => jsonText(v, indent, depth + 1))
    : Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${JSON.stringify(k)}${colon}${jsonText(v, indent, depth + 1)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return items.length === 0 ? open + close : `${open}${pad}${items.join(`,${pad}`)}${end}${close}`;
}

/** SHA-1 of a short message (FIPS 180-4 §5.1.1 padding around the kernel's compression). */
function sha1(message: Uint8Array): Uint8Array {
  const blocks = Math.ceil((message.length + 9) / 64);
  const buffer = new Uint8Array(blocks * 64);
  buffer.set(message);
  buffer[message.length] = 0x80;
  const view = new DataView(buffer.buffer);
  view.setBigUint64(buffer.length - 8, BigInt(message.length) * 8n); // the length in bits
  const state = Int32Array.from(SHA1_IV);
  const w = new Int32Array(80);
  for (let b = 0; b < blocks; b++) {
    for (let i = 0; i < 16; i++) w[i] = view.getInt32(b * 64 + i * 4);
    sha1Compress(state, w, state, 0);
  }
  const out = new Uint8Array(20);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 5; i++) outView.setInt32(i * 4, state[i]!);
  return out;
}

/** RFC 4122 §4.3's URL namespace, under which {@link nameUuid} names groups. */
const URL_NAMESPACE = /* @__PURE__ */ Uint8Array.from([0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8]);

/**
 * A name-based UUID (RFC 4122 §4.3, version 5, SHA-1) for `name`: group ids that writers need,
 * the same for the same name in every file, and no randomness (writing stays pure).
 */
export function nameUuid(name: string): string {
  const bytes = utf8Encode(name) ?? new Uint8Array();
  const hash = sha1(Uint8Array.from([...URL_NAMESPACE, ...bytes])).subarray(0, 16);
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Whether `text` is a UUID in its usual text form. */
export function isUuid(text: string | undefined): text is string {
  // test(undefined) tests the text 'undefined', which is no UUID.
  return /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(text as string);
}
