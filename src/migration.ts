/**
 * Google Authenticator's export, `otpauth-migration://offline?data=…`: URL-encoded base64 of a
 * protobuf `MigrationPayload` (accounts with secret, name, issuer, algorithm, digit-count and type
 * enums, counter; then version and batch size/index/id, as a large export spans several QR codes).
 * The schema is Google's app's, public through re-implementations; there is no period field (30 s).
 * @module
 */
import type { Algorithm } from './_algorithm.ts';
import { decodeBase64, encodeBase64 } from './_base64.ts';
import { normalCounter } from './_counter.ts';
import { joinLabel, splitLabel } from './_label.ts';
import { LEN, readFields, VARINT, writeBytes, writeVarint, type ProtoField } from './_protobuf.ts';
import { utf8Decode, utf8Encode } from './_utf8.ts';
import { checkedObject, describe, integerIn } from './_validate.ts';
import { OtpError, type OtpErrorCode } from './errors.ts';
import { checkToken, type Token, type TokenInput } from './_token.ts';

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
  /** Its issuer, if it had one. */
  issuer?: string;
  /** The error {@link parseMigrationUri} throws for it (e.g. `INVALID_ALGORITHM` for MD5). */
  code: OtpErrorCode;
  /** Why, in words (the message the error would carry). */
  reason: string;
}

/** Everything one export payload holds. */
export interface MigrationExport extends Required<MigrationBatch> {
  /** Every account that is a token, in the payload's order. */
  tokens: Token[];
  /** Every account that could not be read as a token, and why. */
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
  // The path runs to the first '?' (all of the text without one); the query from there to the
  // fragment's '#' (a '#' before the '?' is in the path, which is then refused).
  const path = text.split('?', 1)[0]!;
  const head = path.toLowerCase();
  if (head !== `${PREFIX}offline` && head !== `${PREFIX}offline/`) {
    throw new OtpError('INVALID_URI', 'expected a URI of the form otpauth-migration://offline?data=…');
  }
  const query = text.slice(path.length + 1).split('#', 1)[0]!;
  let data: string | undefined;
  for (const part of query.split('&')) {
    const name = part.split('=', 1)[0]!;
    if (name.toLowerCase() !== 'data') continue;
    if (data !== undefined) throw new OtpError('INVALID_URI', 'the data parameter appears twice: the export is ambiguous');
    data = part.slice(name.length + 1); // '' for a bare `data`
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

/** One `OtpParameters` message: a token, or the reason it cannot be one. */
function readAccount(bytes: Uint8Array, index: number): Token | MigrationSkipped {
  let secret: Uint8Array = new Uint8Array(0);
  let name: Uint8Array = new Uint8Array(0);
  let issuerBytes: Uint8Array = new Uint8Array(0);
  let algorithm = 0;
  let digits = 0;
  let type = 0;
  let counter = 0n;
  for (const f of readFields(bytes, ACCOUNT)) {
    // Field numbers start at 1 (readFields refuses 0).
    if (f.field <= 3) {
      if (f.wire !== LEN) throw wrongWire(ACCOUNT, f);
      if (f.field === 1) secret = f.bytes;
      else if (f.field === 2) name = f.bytes;
      else issuerBytes = f.bytes;
    } else if (f.field <= 7) {
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
  const label = splitLabel(nameText, issuerText); // an empty issuer is absent
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
  const common = { key: secret, ...label, algorithm: hash, digits: digits === 2 ? 8 : 6 };
  const token: TokenInput = type === 1 ? { kind: 'hotp', ...common, counter: normalCounter(counter) } : { kind: 'totp', ...common };
  // Stryker disable next-line ArrowFunction: the account is HOTP or TOTP, so checkToken never asks for an OCRA suite
  return checkToken(token, () => noOcra(ACCOUNT));
}

/**
 * Reads one export URI completely: its tokens, the accounts that cannot be tokens (MD5, unknown
 * enum values, no secret) with the reason, and the batch fields. For an import that keeps what it
 * can. Accounts are read as {@link parseMigrationUri} reads them.
 * @param uri - `otpauth-migration://offline?data=…`
 * @returns `{ tokens, skipped, version, batchSize, batchIndex, batchId }` (batch fields 0 when absent)
 * @throws OtpError as {@link parseMigrationUri}, except for the per-account reasons listed in `skipped`
 * @example
 * ```ts
 * import { parseMigrationExport } from 'oathkit/uri';
 * const batch = parseMigrationExport('otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC');
 * batch.tokens.length; // 1
 * batch.skipped; // []
 * [batch.version, batch.batchSize, batch.batchIndex, batch.batchId]; // [0, 0, 0, 0]
 * ```
 */
export function parseMigrationExport(uri: string): MigrationExport {
  const result: MigrationExport = { tokens: [], skipped: [], version: 0, batchSize: 0, batchIndex: 0, batchId: 0 };
  let index = 0;
  for (const f of readFields(payloadOf(uri), PAYLOAD)) {
    if (f.field === 1) {
      if (f.wire !== LEN) throw wrongWire(PAYLOAD, f);
      const entry = readAccount(f.bytes, index++);
      if ('code' in entry) result.skipped.push(entry);
      else result.tokens.push(entry);
    } else if (f.field <= 5) {
      // 2 … 5 (readFields refuses field 0)
      if (f.wire !== VARINT) throw wrongWire(PAYLOAD, f);
      const field = (['version', 'batchSize', 'batchIndex', 'batchId'] as const)[f.field - 2]!;
      result[field] = int32(f);
    }
  }
  return result;
}

/**
 * Reads a Google Authenticator export (`otpauth-migration://offline?data=…`, one QR code of it)
 * into tokens, as {@link parseOtpauthUri} returns them: `name` is split like an otpauth label
 * (`Example:alice@google.com` with issuer `Example` is account `alice@google.com`), the algorithm
 * enum (unspecified = SHA1), the digit-count enum (1 = six, 2 = eight, unspecified = six), the type
 * enum (1 = HOTP, 2 = TOTP, unspecified = TOTP), the counter (int64, read as unsigned 64 bits; a
 * `bigint` above 2^53-1), period 30. Unknown fields are skipped. An account that cannot be a token
 * (MD5, an unknown enum value, no secret) is an error here, so nothing is dropped silently;
 * {@link parseMigrationExport} returns the others and lists it, with the batch fields.
 * @param uri - the export URI, at most 262144 characters, its payload at most 65536 bytes
 * @returns the tokens, in export order
 * @throws OtpError `INVALID_URI` (not an export URI, no `data`), `INVALID_BASE64`,
 *   `INVALID_MIGRATION` (truncated varint, wrong wire type, a length past the end, an account
 *   without secret, an unknown type), `INVALID_ALGORITHM` (MD5), `INVALID_DIGITS`, `INPUT_TOO_LONG`
 * @example
 * ```ts
 * import { parseMigrationUri } from 'oathkit/uri';
 * const [token] = parseMigrationUri('otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC');
 * [token.kind, token.issuer, token.account]; // ['totp', 'Example', 'alice@google.com']
 * token.key; // Uint8Array [0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]
 * ```
 */
export function parseMigrationUri(uri: string): Token[] {
  const { tokens, skipped } = parseMigrationExport(uri);
  const first = skipped[0];
  if (first !== undefined) {
    throw new OtpError(
      first.code,
      `account ${first.index + 1} of the export cannot be read: ${first.reason} (parseMigrationExport returns the other accounts)`,
    );
  }
  return tokens;
}

function batchOption(value: unknown, fallback: number, name: string): number {
  return integerIn(value, fallback, -(2 ** 31), 2 ** 31 - 1, `batch.${name} (an int32)`, 'INVALID_OPTIONS');
}

const BATCH_FIELDS = ['version', 'batchSize', 'batchIndex', 'batchId'] as const;

/** One account's `OtpParameters` message, or the error that says why the export cannot carry it. */
function writeAccount(input: TokenInput, where: string): Uint8Array {
  const t = checkToken(input, () => noOcra(where));
  if (t.kind === 'steam') throw new OtpError('INVALID_URI', `${where} is a Steam Guard token, which the export format cannot carry`);
  if (t.kind === 'totp' && t.period !== 30) throw new OtpError('INVALID_PERIOD', `${where}.period must be 30: the export format has no period`);
  if (t.kind === 'totp' && t.t0 !== 0) throw new OtpError('INVALID_T0', `${where}.t0 must be 0: the export format has no t0`);
  if (t.digits !== 6 && t.digits !== 8) {
    throw new OtpError('INVALID_DIGITS', `${where}.digits must be 6 or 8 in the export format, got ${t.digits}`);
  }
  const algorithmEnum = ALGORITHM_ENUM[t.algorithm];
  if (algorithmEnum === undefined) {
    throw new OtpError(
      'INVALID_ALGORITHM',
      `${where}.algorithm is ${t.algorithm}, which the export format cannot carry (its enum has SHA1, SHA256 and SHA512)`,
    );
  }
  const [prefix, account] = joinLabel(t.issuer, t.account ?? '');
  const out: number[] = [];
  writeBytes(out, 1, t.key);
  // checkToken refused lone surrogates, so the texts encode.
  writeBytes(out, 2, utf8Encode(prefix === undefined ? account : `${prefix}:${account}`)!);
  if (t.issuer !== undefined) writeBytes(out, 3, utf8Encode(t.issuer)!);
  writeVarint(out, 4, algorithmEnum);
  writeVarint(out, 5, t.digits === 8 ? 2 : 1);
  writeVarint(out, 6, t.kind === 'hotp' ? 1 : 2);
  if (t.kind === 'hotp') writeVarint(out, 7, t.counter!);
  return Uint8Array.from(out);
}

/** The export carries no OCRA token; refusing it here keeps the suite grammar out of the bundle. */
function noOcra(where: string): never {
  throw new OtpError('INVALID_URI', `${where} is an OCRA token, which the export format cannot carry`);
}

/** The export URI of accounts already written, with the batch fields that are not 0. */
function exportUri(accounts: readonly Uint8Array[], batch: Record<(typeof BATCH_FIELDS)[number], number>): string {
  const out: number[] = [];
  for (const account of accounts) writeBytes(out, 1, account);
  BATCH_FIELDS.forEach((name, i) => {
    if (batch[name] !== 0) writeVarint(out, i + 2, batch[name]);
  });
  if (out.length > MAX_MIGRATION_PAYLOAD) {
    throw new OtpError(
      'INPUT_TOO_LONG',
      `the export payload is ${out.length} bytes; at most ${MAX_MIGRATION_PAYLOAD} are read back: split the tokens into batches (formatMigrationUris)`,
    );
  }
  return `${PREFIX}offline?data=${encodeURIComponent(encodeBase64(Uint8Array.from(out)))}`;
}

function tokenList(tokens: unknown): readonly TokenInput[] {
  if (!Array.isArray(tokens)) throw new OtpError('INVALID_TOKEN', `tokens must be an array of tokens, got ${describe(tokens)}`);
  return tokens;
}

/**
 * Writes tokens as one Google Authenticator export URI. The format has no period, no t0 and no
 * other fields: TOTP tokens must have period 30 and t0 0, every token 6 or 8 digits and SHA1, SHA256
 * or SHA512; Steam Guard and OCRA tokens cannot be written, and `serial` and `extras` (such as
 * `image`) are left out. `parseMigrationUri` reads the tokens back.
 * @param tokens - the tokens
 * @param batch - `version` (default 1), `batchSize` (default 1), `batchIndex` (default 0),
 *   `batchId` (default 0), each an int32; fields that are 0 are not written (protobuf's default)
 * @returns `otpauth-migration://offline?data=…`
 * @throws OtpError as `normalizeToken` for a bad token, `INVALID_PERIOD` (not 30),
 *   `INVALID_T0` (not 0), `INVALID_DIGITS` (not 6 or 8), `INVALID_ALGORITHM` (SHA224, SHA384),
 *   `INVALID_URI` (a Steam Guard or OCRA token), `INVALID_TOKEN` (`tokens` not an array), `INVALID_OPTIONS`,
 *   `INPUT_TOO_LONG` (a payload past 65536 bytes: use {@link formatMigrationUris})
 * @example
 * ```ts
 * import { formatMigrationUri, parseMigrationUri } from 'oathkit/uri';
 * const key = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
 * const uri = formatMigrationUri([{ kind: 'hotp', key, account: 'bob', issuer: 'ACME', counter: 7 }]);
 * parseMigrationUri(uri)[0].counter; // 7
 * ```
 */
export function formatMigrationUri(tokens: TokenInput[], batch?: MigrationBatch): string {
  const list = tokenList(tokens);
  const opts = checkedObject(batch, BATCH_FIELDS, 'batch');
  const accounts = Array.from(list, (t, i) => writeAccount(t, `tokens[${i}]`)); // holes too: refused, not skipped
  return exportUri(accounts, {
    version: batchOption(opts.version, 1, 'version'),
    batchSize: batchOption(opts.batchSize, 1, 'batchSize'),
    batchIndex: batchOption(opts.batchIndex, 0, 'batchIndex'),
    batchId: batchOption(opts.batchId, 0, 'batchId'),
  });
}

/** Options of {@link formatMigrationUris}. */
export interface MigrationBatchOptions {
  /** The most accounts in one URI (default 10, as Google Authenticator's own export). */
  maxTokens?: number;
  /**
   * The longest URI, in characters (default 1000: a QR code of version 25 at level M or smaller,
   * which phone cameras read easily; 2953 is the most any QR code holds).
   */
  maxLength?: number;
  /** The export's `batchId`, shared by its URIs (default: a random int32, as Google's app makes). */
  batchId?: number;
}

/** The smallest `maxLength` accepted: room for one short account. */
const MIN_BATCH_LENGTH = 200;
/** Characters of maxLength kept for the batch fields' effect on the URI (see formatMigrationUris). */
const BATCH_SLACK = 64;

/**
 * Writes tokens as a Google Authenticator export split into batches that each fit one QR code,
 * in order: every URI holds at most `maxTokens` accounts and `maxLength` characters, and carries
 * `version` 1, `batchSize`, its `batchIndex` and the shared `batchId`, so Google Authenticator
 * imports them as one export by scanning each QR code in turn. Tokens are checked as
 * {@link formatMigrationUri} checks them, all before anything is written.
 * @param tokens - the tokens (at least one)
 * @param options - `maxTokens` (1 … 1000, default 10), `maxLength` (200 … 262144, default 1000),
 *   `batchId` (an int32, default random)
 * @returns the URIs, one per QR code
 * @throws OtpError as {@link formatMigrationUri}; `INVALID_OPTIONS`; `INPUT_TOO_LONG` for a token
 *   whose URI alone is longer than `maxLength`
 * @example
 * ```ts
 * import { formatMigrationUris, parseMigrationExport } from 'oathkit/uri';
 * const tokens = Array.from({ length: 25 }, (_, i) => ({ kind: 'totp' as const, key: new Uint8Array(20).fill(i + 1), account: `user${i}` }));
 * const uris = formatMigrationUris(tokens, { batchId: 7 });
 * uris.length; // 3
 * parseMigrationExport(uris[2]).batchIndex; // 2
 * parseMigrationExport(uris[2]).tokens.length; // 5
 * ```
 */
export function formatMigrationUris(tokens: TokenInput[], options?: MigrationBatchOptions): string[] {
  const list = tokenList(tokens);
  const opts = checkedObject(options, ['maxTokens', 'maxLength', 'batchId']);
  const maxTokens = integerIn(opts.maxTokens, 10, 1, 1000, 'maxTokens', 'INVALID_OPTIONS');
  const maxLength = integerIn(opts.maxLength, 1000, MIN_BATCH_LENGTH, MAX_MIGRATION_URI, 'maxLength', 'INVALID_OPTIONS');
  const batchId = opts.batchId === undefined ? randomInt32() : batchOption(opts.batchId, 0, 'batchId');
  if (list.length === 0) throw new OtpError('INVALID_URI', 'tokens is empty: an export holds at least one account');
  const accounts = Array.from(list, (t, i) => writeAccount(t, `tokens[${i}]`)); // holes too: refused, not skipped
  // Greedy packing. The batch fields are written last and are not known while packing (batchSize
  // is the number of groups), so each group is measured with every field set (version 1, batchSize
  // and batchIndex the number of tokens, the batchId) and against maxLength less a slack: the final
  // fields change at most the last 20 payload bytes and the 2 before them, so at most the last 32
  // base64 characters, each of which percent-encoding writes as 1 or 3 characters.
  const worst = { version: 1, batchSize: list.length, batchIndex: list.length, batchId };
  const limit = maxLength - BATCH_SLACK;
  const groups: Uint8Array[][] = [];
  let group: Uint8Array[] = [];
  accounts.forEach((account, i) => {
    const next = [...group, account];
    if (next.length <= maxTokens && exportUri(next, worst).length <= limit) {
      group = next;
      return;
    }
    // The account starts a new group. The group it closes is not empty: with an empty group,
    // next is the account alone, and an account too long alone is refused here.
    if (exportUri([account], worst).length > limit) {
      throw new OtpError(
        'INPUT_TOO_LONG',
        `tokens[${i}] alone needs an export URI longer than maxLength (${maxLength} characters, ${BATCH_SLACK} of them kept for the batch fields)`,
      );
    }
    groups.push(group);
    group = [account];
  });
  groups.push(group);
  return groups.map((g, batchIndex) => exportUri(g, { version: 1, batchSize: groups.length, batchIndex, batchId }));
}

/** A random int32 from the platform's CSPRNG (only an identifier: it matches batches up). */
function randomInt32(): number {
  const c = (globalThis as { crypto?: { getRandomValues?: (a: Int32Array) => Int32Array } }).crypto;
  if (typeof c?.getRandomValues !== 'function') {
    throw new OtpError('INVALID_OPTIONS', 'this platform has no crypto.getRandomValues: pass options.batchId');
  }
  return c.getRandomValues(new Int32Array(1))[0]!;
}
