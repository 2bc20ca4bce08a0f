/**
 * The plain (unencrypted) backup files of authenticator apps, read into the one token model and
 * written from it: Aegis (`docs/vault.md`), 2FAS (`BackupContent`, schema 1–4), andOTP, Authenticator
 * Pro / Stratum, FreeOTP+, Bitwarden JSON and CSV, Proton Authenticator, Ente Auth's text export,
 * lists of otpauth URIs, Steam maFiles and Google Authenticator's export URIs. The file layouts are
 * summarized in each `_backup-*.ts` module and their sources in `vectors/README.md`. This module
 * never imports the key-derivation code that encrypted backups need: `oathkit` re-exports it, and
 * `oathkit/backup` adds `decryptBackup` and `encryptBackup`.
 * @module
 */
import { readAuthPro } from './_backup-authpro.ts';
import { read2fas, write2fas } from './_backup-2fas.ts';
import { readAegis, writeAegis } from './_backup-aegis.ts';
import { readAndOtp, writeAndOtp } from './_backup-andotp.ts';
import { readBitwardenCsv, readBitwardenJson } from './_backup-bitwarden.ts';
import { FORMAT_NAMES, invalid, WRITABLE_FORMATS, type BackupContents, type BackupFormat, type WritableBackupFormat } from './_backup-common.ts';
import { readFreeOtpPlus } from './_backup-freeotp.ts';
import { readProton } from './_backup-proton.ts';
import { readSteam } from './_backup-steam.ts';
import { readUriList, writeGoogle, writeUris } from './_backup-uris.ts';
import { parseJson, type JsonValue } from './_json.ts';
import { decodeText } from './_utf8.ts';
import { checkedObject, describe, timeMs } from './_validate.ts';
import { detectFormat } from './detect.ts';
import { backupFormatOf, checkBackupInput, encrypted, ENCRYPTABLE, WHY } from './_backup-format.ts';
import { OtpError } from './errors.ts';
import type { TokenInput } from './token.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';
export type { Token, TokenInput } from './token.ts';
export {
  BACKUP_FORMATS,
  MAX_BACKUP_ENTRIES,
  MAX_BACKUP_SIZE,
  WRITABLE_FORMATS,
  type BackupContents,
  type BackupFormat,
  type SkippedEntry,
  type WritableBackupFormat,
} from './_backup-common.ts';
export { MAX_JSON_DEPTH, MAX_JSON_NUMBER } from './_json.ts';

/** Options of {@link readBackup}. */
export interface ReadBackupOptions {
  /** The file's format; without it the format is recognised from the content (`detectFormat`). */
  format?: BackupFormat;
}

/** Options of {@link writeBackup}. */
export interface WriteBackupOptions {
  /** 2FAS: the `updatedAt` time written (a Date or epoch milliseconds; default now). */
  now?: number | Date;
  /** Google: the `batch_id` shared by the export's URIs (an int32; default derived from the tokens). */
  batchId?: number;
  /** Google: the most accounts in one URI (default 10, as Google Authenticator's own export). */
  maxTokens?: number;
  /** Google: the longest URI in characters (default 1000, a QR code phone cameras read easily). */
  maxLength?: number;
}

/** The formats stored as JSON, read from the parsed file. */
const JSON_FORMATS: readonly BackupFormat[] = /* @__PURE__ */ Object.freeze([
  'aegis',
  '2fas',
  'andotp',
  'authenticator-pro',
  'freeotp-plus',
  'bitwarden-json',
  'proton',
  'steam',
] as const);

/** The text of a backup in `format`, or the encryption its bytes show. */
function textOf(data: string | Uint8Array, format: BackupFormat): string {
  if (ENCRYPTABLE.includes(format) && detectFormat(data) === `${format}-encrypted`) encrypted(format, WHY[format]!);
  if (typeof data === 'string') return data.replace(/^\uFEFF/, '');
  const text = decodeText(data);
  if (text === undefined || /\u0000/.test(text.slice(0, 4096))) throw new OtpError('INVALID_BACKUP', `the ${FORMAT_NAMES[format]} file is not UTF-8 text`);
  // decodeText has dropped a byte-order mark, as the line above does for text: one, not two.
  return text;
}

/**
 * Reads a plain backup of an authenticator app into tokens. The format is recognised from the
 * content by `detectFormat`, the one detector (or given as `options.format`): Aegis, 2FAS, andOTP, Authenticator Pro, FreeOTP+,
 * Bitwarden JSON or CSV, Proton Authenticator, Ente Auth text, a list of otpauth URIs, a Steam
 * maFile, Google Authenticator export URIs. Every entry that cannot be a token (an mOTP or Yandex
 * entry, a broken secret, digits out of range) is listed in `skipped` with its index, name and
 * reason; the others are still read. Counters always mean the counter of the next code (FreeOTP+'s
 * stored counter is one less and is converted). What a format carries beyond the model lands in
 * `extras`: `note`, `favorite` (`'true'`), `groups` (a JSON array of group, folder, tag or category
 * names), and app-specific fields named `<format>.<field>` (`aegis.uuid`, `aegis.icon`,
 * `andotp.thumbnail`, `2fas.icon` …). Secrets other than the key (a Bitwarden password, a maFile's
 * `identity_secret` or `revocation_code`) are never copied.
 *
 * Caps: {@link MAX_BACKUP_SIZE} (32 MiB) of text or bytes, {@link MAX_BACKUP_ENTRIES} (10,000)
 * entries, JSON nested at most 32 levels with number literals of at most 64 characters, text fields
 * as the token model caps them (1024 characters; a longer name skips the entry), extras at most
 * 16,384 characters (a longer one, such as a large embedded icon, is left out).
 * @param data - the file: its text, or its bytes (UTF-8; binary means encrypted)
 * @param options - `format` to skip recognition (needed only for a file whose form is not near its
 *   top; it makes errors precise)
 * @returns `{ format, tokens, skipped }`
 * @throws OtpError `BACKUP_ENCRYPTED` (an encrypted backup; the message names the app: Aegis with
 *   password slots, 2FAS with `servicesEncrypted`, binary andOTP or Authenticator Pro files),
 *   `INVALID_BACKUP` (not a backup oathkit reads, malformed JSON or CSV, a required field missing),
 *   `BACKUP_UNSUPPORTED` (a newer schema version, an encrypted Bitwarden export), `INPUT_TOO_LONG`,
 *   `INVALID_OPTIONS`
 * @example
 * ```ts
 * import { readBackup } from 'oathkit/backup';
 * const aegis = '{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[' +
 *   '{"type":"totp","name":"alice","issuer":"ACME","note":"work phone","icon":null,"info":{"secret":"JBSWY3DPEHPK3PXP","algo":"SHA1","digits":6,"period":30}},' +
 *   '{"type":"motp","name":"bob","issuer":"Old VPN","icon":null,"info":{"secret":"JBSWY3DP","algo":"MD5","digits":6,"period":10,"pin":"1234"}}' +
 *   '],"groups":[]}}';
 * const { format, tokens, skipped } = readBackup(aegis);
 * format; // 'aegis'
 * [tokens[0].kind, tokens[0].issuer, tokens[0].account, tokens[0].digits, tokens[0].period]; // ['totp', 'ACME', 'alice', 6, 30]
 * tokens[0].extras; // { note: 'work phone' }
 * [skipped[0].index, skipped[0].name, skipped[0].code]; // [1, 'Old VPN: bob', 'BACKUP_UNSUPPORTED']
 * readBackup('otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP\n').format; // 'uris'
 * ```
 */
export function readBackup(data: string | Uint8Array, options?: ReadBackupOptions): BackupContents {
  const { format: given } = checkedObject(options, ['format']);
  const format = backupFormatOf(data, checkBackupInput(data, given));
  const text = textOf(data, format);
  let json: JsonValue | undefined;
  if (JSON_FORMATS.includes(format)) {
    try {
      json = parseJson(text);
    } catch (e) {
      // parseJson refuses with INVALID_BACKUP only; the message gains the format's name.
      // Stryker disable next-line ConditionalExpression: parseJson throws OtpError only (a guard should that change)
      if (e instanceof OtpError) invalid(format, e.message);
      throw e;
    }
  }
  switch (format) {
    case 'aegis':
      return readAegis(json!);
    case '2fas':
      return read2fas(json!);
    case 'andotp':
      return readAndOtp(json!);
    case 'authenticator-pro':
      return readAuthPro(json!);
    case 'freeotp-plus':
      return readFreeOtpPlus(json!);
    case 'bitwarden-json':
      return readBitwardenJson(json!);
    case 'proton':
      return readProton(json!);
    case 'steam':
      return readSteam(json!);
    case 'bitwarden-csv':
      return readBitwardenCsv(text);
    default:
      return readUriList(text, format);
  }
}

/**
 * Writes tokens as the backup file of an app, plain (use `encryptBackup` for a password): `aegis`
 * (an Aegis vault, db version 3), `2fas` (schema 4), `andotp`, `uris` (otpauth URIs, one a line),
 * `google` (Google Authenticator export URIs, one a line, in batches that each fit one QR code, as
 * `formatMigrationUris` splits them: pair it with a QR encoder and moving tokens into Google
 * Authenticator is a loop over QR codes). A token
 * the format cannot carry is refused with an OtpError naming it, never dropped: OCRA everywhere,
 * `t0` ≠ 0 everywhere, SHA-224/384 in the app formats and Google's, Steam Guard and periods other
 * than 30 s and digits other than 6 or 8 in Google's, a Steam period other than 30 s in andOTP, HOTP
 * counters past 2^31-1 in 2FAS and past 2^63-1 in Aegis and andOTP. Extras shared by the formats
 * (`note`, `favorite`, `groups`) and the target's own (`aegis.*`, `2fas.*`, `andotp.*`) are written;
 * another app's are not. Group ids are name-based UUIDs (version 5), so writing is deterministic.
 * Counters are written as the next code's counter, which is what these formats store. A token's
 * `serial` has a place only in otpauth URIs (the `serial` parameter); the app formats leave it out.
 * @param tokens - the tokens (each checked as `normalizeToken` checks it)
 * @param format - `'aegis'`, `'2fas'`, `'andotp'`, `'uris'` or `'google'`
 * @param options - `now` (2FAS `updatedAt`, default now); for Google `batchId` (default derived from
 *   the tokens, so the same tokens give the same text), `maxTokens` (accounts a QR code, default
 *   10) and `maxLength` (characters a URI, default 1000)
 * @returns the file's text (JSON ends with a line break; URI lists have one URI a line)
 * @throws OtpError `BACKUP_UNSUPPORTED` (a kind the format cannot carry), `INVALID_PERIOD`,
 *   `INVALID_DIGITS`, `INVALID_ALGORITHM`, `INVALID_COUNTER`, `INVALID_T0` (a value it cannot carry),
 *   the codes of `normalizeToken` for an invalid token, `INVALID_OPTIONS`, `INPUT_TOO_LONG`
 * @example
 * ```ts
 * import { readBackup, writeBackup } from 'oathkit/backup';
 * const key = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
 * const tokens = [{ kind: 'totp', key, issuer: 'ACME', account: 'alice', extras: { groups: '["Work"]' } }] as const;
 * const file = writeBackup([...tokens], '2fas', { now: 0 });
 * readBackup(file).tokens[0].extras; // { groups: '["Work"]' }
 * writeBackup([{ kind: 'hotp', key, counter: 7 }], 'uris'); // 'otpauth://hotp/?secret=JBSWY3DPEHPK3PXP&counter=7\n'
 * ```
 */
export function writeBackup(tokens: TokenInput[], format: WritableBackupFormat, options?: WriteBackupOptions): string {
  const { now, batchId, maxTokens, maxLength } = checkedObject(options, ['now', 'batchId', 'maxTokens', 'maxLength']);
  if (!WRITABLE_FORMATS.includes(format)) {
    throw new OtpError('INVALID_OPTIONS', `format must be one of ${WRITABLE_FORMATS.join(', ')}, got ${describe(format)}`);
  }
  switch (format) {
    case 'aegis':
      return writeAegis(tokens);
    case '2fas':
      return write2fas(tokens, timeMs(now));
    case 'andotp':
      return writeAndOtp(tokens);
    case 'uris':
      return writeUris(tokens);
    default: {
      if (batchId !== undefined && (!Number.isInteger(batchId) || batchId < -(2 ** 31) || batchId > 2 ** 31 - 1)) {
        throw new OtpError('INVALID_OPTIONS', `options.batchId must be an int32, got ${describe(batchId)}`);
      }
      return writeGoogle(tokens, { batchId, maxTokens, maxLength });
    }
  }
}
