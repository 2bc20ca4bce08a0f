/**
 * Google Authenticator's export, `otpauth-migration://offline?data=…`: URL-encoded base64 of a
 * protobuf `MigrationPayload` (accounts with secret, name, issuer, algorithm, digit-count and type
 * enums, counter; then version and batch size/index/id, as a large export spans several QR codes).
 * The schema is Google's app's, public through re-implementations; there is no period field (30 s).
 * @module
 */
import type { Algorithm } from './_algorithm.ts';
import { decodeBase64, encodeBase64 } from './_base64.ts';
import { checkKey, joinLabel, splitLabel } from './_label.ts';
import { LEN, readFields, VARINT, writeBytes, writeVarint, type ProtoField } from './_protobuf.ts';
import { utf8Decode, utf8Encode } from './_utf8.ts';
import { describe, integerIn, optionsObject } from './_validate.ts';
import { OtpError, type OtpErrorCode } from './errors.ts';
import type { OtpAuthKey } from './uri.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';

/** The largest payload read or written: 64 KiB, far above what QR codes carry. */
export const MAX_MIGRATION_PAYLOAD = 65_536;
/** The longest export URI read: room for a 64 KiB payload in base64 with its `%2B`, `%2F`, `%3D`. */
export const MAX_MIGRATION_URI = 262_144;

/** The batch fields of a payload: large exports are split over several QR codes. 0 when absent. */
export interface MigrationBatch {
  /** Payload format version (Google's app writes 1). */
  version?: number;
  /** How many QR codes (payloads) the export has. */
  batchSize?: number;
  /** This payload's position in the export, from 0. */
  batchIndex?: number;
  /** The same for every payload of one export, so they can be matched up. */
  batchId?: number;
}

/** An account of the export that could not be read as a key, and why. */
export interface MigrationSkipped {
  /** Its position among the payload's accounts, from 0. */
  index: number;
  /** Its account name, as far as it could be read. */
  account: string;
  issuer?: string;
  /** The error {@link parseMigrationUri} throws for it (e.g. `INVALID_ALGORITHM` for MD5). */
  code: OtpErrorCode;
  reason: string;
}

/** Everything one export payload holds. */
export interface MigrationExport extends Required<MigrationBatch> {
  keys: OtpAuthKey[];
  skipped: MigrationSkipped[];
}

const PREFIX = 'otpauth-migration://';
const PAYLOAD = 'the export payload';
const ACCOUNT = 'an account of the export';

/** The `algorithm` enum; 4 is MD5, which no OTP function here computes. */
const ALGORITHMS: readonly (Algorithm | undefined)[] = /* @__PURE__ */ Object.freeze(['SHA1', 'SHA1', 'SHA256', 'SHA512']);
const ALGORITHM_ENUM: Readonly<Partial<Record<Algorithm, number>>> = /* @__PURE__ */ Object.freeze({ SHA1: 1, SHA256: 2, SHA512: 3 });

function wrongWire(what: string, f: ProtoField): OtpError {
  return new OtpError('INVALID_MIGRATION', `${what} is not valid: field ${f.field} has wire type ${f.wire}, not the schema's`);
}

/** The `data` parameter's bytes. A `+` stays a `+` (base64), and a space is read as one too: a
 * form decoder upstream may have turned `+` into a space, and base64 has no spaces. */
function payloadOf(uri: string): Uint8Array {
  if (typeof uri !== 'string') throw new OtpError('INVALID_URI', `uri must be a string, got ${describe(uri)}`);
  if (uri.length > MAX_MIGRATION_URI) {
    throw new OtpError('INPUT_TOO_LONG', `the export URI is ${uri.length} characters; at most ${MAX_MIGRATION_URI} are read`);
  }
  const text = uri.trim();
  const q = text.indexOf('?');
  const head = (q < 0 ? text : text.slice(0, q)).toLowerCase();
  if (head !== `${PREFIX}offline` && head !== `${PREFIX}offline/`) {
    throw new OtpError('INVALID_URI', 'expected a URI of the form otpauth-migration://offline?data=…');
  }
  const hash = text.indexOf('#');
  const query = q < 0 ? '' : text.slice(q + 1, hash < 0 ? undefined : hash);
  let data: string | undefined;
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    if (part.slice(0, eq < 0 ? part.length : eq).toLowerCase() !== 'data') continue;
    if (data !== undefined) throw new OtpError('INVALID_URI', 'the data parameter appears twice: the export is ambiguous');
    data = eq < 0 ? '' : part.slice(eq + 1);
  }
  if (data === undefined) throw new OtpError('INVALID_URI', 'the export URI has no data parameter');
  let base64: string;
  try {
    base64 = decodeURIComponent(data).replaceAll(' ', '+');
  } catch {
    throw new OtpError('INVALID_URI', 'the data parameter has a malformed percent-escape');
  }
  const payload = decodeBase64(base64);
  if (payload.length > MAX_MIGRATION_PAYLOAD) {
    throw new OtpError('INPUT_TOO_LONG', `the export payload is ${payload.length} bytes; at most ${MAX_MIGRATION_PAYLOAD} are read`);
  }
  return payload;
}

/** A varint field as an int32 (negative values are sign-extended to 10 bytes). */
const int32 = (f: { lo: number }): number => f.lo | 0;

/** One `OtpParameters` message: a key, or the reason it cannot be one. */
function readAccount(bytes: Uint8Array, index: number): OtpAuthKey | MigrationSkipped {
  let secret: Uint8Array = new Uint8Array(0);
  let name: Uint8Array = new Uint8Array(0);
  let issuerBytes: Uint8Array = new Uint8Array(0);
  let algorithm = 0;
  let digits = 0;
  let type = 0;
  let counter = 0n;
  for (const f of readFields(bytes, ACCOUNT)) {
    if (f.field >= 1 && f.field <= 3) {
      if (f.wire !== LEN) throw wrongWire(ACCOUNT, f);
      if (f.field === 1) secret = f.bytes;
      else if (f.field === 2) name = f.bytes;
      else issuerBytes = f.bytes;
    } else if (f.field >= 4 && f.field <= 7) {
      if (f.wire !== VARINT) throw wrongWire(ACCOUNT, f);
      if (f.field === 4) algorithm = int32(f);
      else if (f.field === 5) digits = int32(f);
      else if (f.field === 6) type = int32(f);
      else counter = (BigInt(f.hi) << 32n) | BigInt(f.lo); // int64 read as its unsigned 64 bits
    }
  }
  const nameText = utf8Decode(name);
  const issuerText = utf8Decode(issuerBytes);
  if (nameText === undefined || issuerText === undefined) {
    return { index, account: '', code: 'INVALID_MIGRATION', reason: 'its name or issuer is not UTF-8' };
  }
  const label = splitLabel(nameText, issuerText === '' ? undefined : issuerText);
  const skip = (code: OtpErrorCode, reason: string): MigrationSkipped => ({ index, ...label, code, reason });
  const hash = ALGORITHMS[algorithm];
  if (hash === undefined) {
    return algorithm === 4
      ? skip('INVALID_ALGORITHM', 'it uses MD5, which oathkit does not compute')
      : skip('INVALID_ALGORITHM', `its algorithm enum ${algorithm} is unknown`);
  }
  if (digits < 0 || digits > 2) return skip('INVALID_DIGITS', `its digit-count enum ${digits} is unknown (1 = six, 2 = eight)`);
  if (type < 0 || type > 2) return skip('INVALID_MIGRATION', `its type enum ${type} is unknown (1 = HOTP, 2 = TOTP)`);
  if (secret.length === 0) return skip('INVALID_MIGRATION', 'it has no secret');
  const head = { type: type === 1 ? ('hotp' as const) : ('totp' as const), secret: secret.slice(), ...label };
  const common = { algorithm: hash, digits: digits === 2 ? 8 : 6 };
  if (head.type === 'totp') return { ...head, ...common, period: 30 };
  return { ...head, ...common, counter: counter > BigInt(Number.MAX_SAFE_INTEGER) ? counter : Number(counter) };
}

/**
 * Reads one export URI completely: its keys, the accounts that cannot be keys (MD5, unknown enum
 * values, no secret) with the reason, and the batch fields. For an import that keeps what it can.
 * Accounts are read as {@link parseMigrationUri} reads them.
 * @param uri - `otpauth-migration://offline?data=…`
 * @returns `{ keys, skipped, version, batchSize, batchIndex, batchId }` (batch fields 0 when absent)
 * @throws OtpError as {@link parseMigrationUri}, except for the per-account reasons listed in `skipped`
 * @example
 * ```ts
 * import { parseMigrationExport } from 'oathkit/uri';
 * const batch = parseMigrationExport('otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC');
 * batch.keys.length; // 1
 * batch.skipped; // []
 * [batch.version, batch.batchSize, batch.batchIndex, batch.batchId]; // [0, 0, 0, 0]
 * ```
 */
export function parseMigrationExport(uri: string): MigrationExport {
  const result: MigrationExport = { keys: [], skipped: [], version: 0, batchSize: 0, batchIndex: 0, batchId: 0 };
  let index = 0;
  for (const f of readFields(payloadOf(uri), PAYLOAD)) {
    if (f.field === 1) {
      if (f.wire !== LEN) throw wrongWire(PAYLOAD, f);
      const entry = readAccount(f.bytes, index++);
      if ('code' in entry) result.skipped.push(entry);
      else result.keys.push(entry);
    } else if (f.field >= 2 && f.field <= 5) {
      if (f.wire !== VARINT) throw wrongWire(PAYLOAD, f);
      const field = (['version', 'batchSize', 'batchIndex', 'batchId'] as const)[f.field - 2]!;
      result[field] = int32(f);
    }
  }
  return result;
}

/**
 * Reads a Google Authenticator export (`otpauth-migration://offline?data=…`, one QR code of it)
 * into keys, in the shape {@link parseOtpauthUri} returns: `name` is split like an otpauth label
 * (`Example:alice@google.com` with issuer `Example` is account `alice@google.com`), the algorithm
 * enum (unspecified = SHA1), the digit-count enum (1 = six, 2 = eight, unspecified = six), the type
 * enum (1 = HOTP, 2 = TOTP, unspecified = TOTP), the counter (int64, read as unsigned 64 bits; a
 * `bigint` above 2^53-1), period 30. Unknown fields are skipped. An account that cannot be a key
 * (MD5, an unknown enum value, no secret) is an error here, so nothing is dropped silently;
 * {@link parseMigrationExport} returns the others and lists it, with the batch fields.
 * @param uri - the export URI, at most 262144 characters, its payload at most 65536 bytes
 * @returns the keys, in export order
 * @throws OtpError `INVALID_URI` (not an export URI, no `data`), `INVALID_BASE64`,
 *   `INVALID_MIGRATION` (truncated varint, wrong wire type, a length past the end, an account
 *   without secret, an unknown type), `INVALID_ALGORITHM` (MD5), `INVALID_DIGITS`, `INPUT_TOO_LONG`
 * @example
 * ```ts
 * import { parseMigrationUri } from 'oathkit/uri';
 * const [key] = parseMigrationUri('otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC');
 * [key.type, key.issuer, key.account]; // ['totp', 'Example', 'alice@google.com']
 * key.secret; // Uint8Array [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]
 * ```
 */
export function parseMigrationUri(uri: string): OtpAuthKey[] {
  const { keys, skipped } = parseMigrationExport(uri);
  const first = skipped[0];
  if (first !== undefined) {
    throw new OtpError(
      first.code,
      `account ${first.index + 1} of the export cannot be read: ${first.reason} (parseMigrationExport returns the other accounts)`,
    );
  }
  return keys;
}

function utf8Of(text: string, what: string): Uint8Array {
  const bytes = utf8Encode(text);
  if (bytes === undefined) throw new OtpError('INVALID_URI', `${what} is not well-formed Unicode (it holds a lone surrogate)`);
  return bytes;
}

function batchOption(value: unknown, fallback: number, name: string): number {
  return integerIn(value, fallback, -(2 ** 31), 2 ** 31 - 1, `batch.${name} (an int32)`, 'INVALID_OPTIONS');
}

/**
 * Writes keys as one Google Authenticator export URI. The format has no period and no other
 * parameters: TOTP keys must have period 30 and 6 or 8 digits, Steam Guard keys cannot be written,
 * and `params` (such as `image`) are left out. `parseMigrationUri` reads the keys back.
 * @param keys - the keys (checked as {@link formatOtpauthUri} checks one)
 * @param batch - `version` (default 1), `batchSize` (default 1), `batchIndex` (default 0),
 *   `batchId` (default 0), each an int32; fields that are 0 are not written (protobuf's default)
 * @returns `otpauth-migration://offline?data=…`
 * @throws OtpError as `formatOtpauthUri` for a bad key, `INVALID_PERIOD` (not 30),
 *   `INVALID_DIGITS` (not 6 or 8), `INVALID_URI` (a Steam key, `keys` not an array),
 *   `INVALID_OPTIONS`, `INPUT_TOO_LONG` (a payload past 65536 bytes: split the keys into batches)
 * @example
 * ```ts
 * import { formatMigrationUri, parseMigrationUri } from 'oathkit/uri';
 * const secret = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
 * const uri = formatMigrationUri([{ type: 'hotp', secret, account: 'bob', issuer: 'ACME', algorithm: 'SHA1', digits: 6, counter: 7 }]);
 * parseMigrationUri(uri)[0].counter; // 7
 * ```
 */
export function formatMigrationUri(keys: OtpAuthKey[], batch?: MigrationBatch): string {
  if (!Array.isArray(keys)) throw new OtpError('INVALID_URI', `keys must be an array, got ${describe(keys)}`);
  const opts = optionsObject(batch);
  const out: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const where = `keys[${i}]`;
    const k = checkKey(keys[i]!, where); // a hole in a sparse array is refused here, not skipped
    if (k.steam) throw new OtpError('INVALID_URI', `${where} is a Steam Guard key, which the export format cannot carry`);
    if (k.period !== 30) throw new OtpError('INVALID_PERIOD', `${where}.period must be 30: the export format has no period`);
    if (k.digits !== 6 && k.digits !== 8) {
      throw new OtpError('INVALID_DIGITS', `${where}.digits must be 6 or 8 in the export format, got ${k.digits}`);
    }
    const algorithmEnum = ALGORITHM_ENUM[k.algorithm];
    if (algorithmEnum === undefined) {
      throw new OtpError('INVALID_ALGORITHM', `${where}.algorithm is ${k.algorithm}, which the export format cannot carry (its enum has SHA1, SHA256 and SHA512)`);
    }
    const [prefix, account] = joinLabel(k.issuer, k.account);
    const account_: number[] = [];
    writeBytes(account_, 1, k.secret);
    writeBytes(account_, 2, utf8Of(prefix === undefined ? account : `${prefix}:${account}`, `${where}.account`));
    if (k.issuer !== undefined) writeBytes(account_, 3, utf8Of(k.issuer, `${where}.issuer`));
    writeVarint(account_, 4, algorithmEnum);
    writeVarint(account_, 5, k.digits === 8 ? 2 : 1);
    writeVarint(account_, 6, k.type === 'hotp' ? 1 : 2);
    if (k.type === 'hotp') writeVarint(account_, 7, k.counter);
    writeBytes(out, 1, Uint8Array.from(account_));
    if (out.length > MAX_MIGRATION_PAYLOAD) {
      throw new OtpError('INPUT_TOO_LONG', `the export payload passes ${MAX_MIGRATION_PAYLOAD} bytes at ${where}: split the keys into batches`);
    }
  }
  const fields: [number, number][] = [
    [2, batchOption(opts.version, 1, 'version')],
    [3, batchOption(opts.batchSize, 1, 'batchSize')],
    [4, batchOption(opts.batchIndex, 0, 'batchIndex')],
    [5, batchOption(opts.batchId, 0, 'batchId')],
  ];
  for (const [field, value] of fields) if (value !== 0) writeVarint(out, field, value);
  if (out.length > MAX_MIGRATION_PAYLOAD) {
    throw new OtpError('INPUT_TOO_LONG', `the export payload is ${out.length} bytes; at most ${MAX_MIGRATION_PAYLOAD} are read back`);
  }
  return `${PREFIX}offline?data=${encodeURIComponent(encodeBase64(Uint8Array.from(out)))}`;
}
