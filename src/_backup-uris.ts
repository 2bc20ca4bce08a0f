/**
 * Text backups of one URI a line: a list of otpauth URIs (what many apps export as "plain text"),
 * Ente Auth's plain-text export (the same, with Ente's `codeDisplay` parameter, kept as an extra),
 * and Google Authenticator's export (`otpauth-migration://offline?data=…`, one QR code a line). Each
 * line is read by the codec of its kind (`parseOtpauthUri`, `parseMigrationExport`), so a list may
 * mix both kinds whatever its format's name. Blank lines are ignored; any other line that is not a
 * URI is a skipped entry.
 * @module
 */
import { checkCommon, checkCount, checkPortable, displayName, tokenName, tokensToWrite, type BackupContents } from './_backup-common.ts';
import { OtpError } from './errors.ts';
import { formatMigrationUris, parseMigrationExport, type MigrationBatchOptions } from './migration.ts';
import { MAX_TOKEN_TEXT, type Token, type TokenInput } from './token.ts';
import { formatOtpauthUri, parseOtpauthUri } from './uri.ts';

/** The non-blank lines of a text (readBackup has taken off a byte-order mark; trim takes U+FEFF too). */
function linesOf(text: string): string[] {
  return text
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

const OTPAUTH = /^otpauth:\/\//i;
const MIGRATION = /^otpauth-migration:\/\//i;

/** Reads a list of URIs; `format` says what to call it (`uris`, `ente` or `google`). */
export function readUriList(text: string, format: 'uris' | 'ente' | 'google'): BackupContents {
  const lines = linesOf(text);
  checkCount(format, lines.length);
  const out: BackupContents = { format, tokens: [], skipped: [] };
  let index = 0; // entries: one per otpauth line, one per account of an export line
  for (const line of lines) {
    if (MIGRATION.test(line)) {
      try {
        const batch = parseMigrationExport(line);
        const first = index;
        out.tokens.push(...batch.tokens);
        for (const s of batch.skipped) {
          out.skipped.push({ index: first + s.index, reason: s.reason, code: s.code, ...nameOf(displayName(s.issuer, s.account)) });
        }
        index += batch.tokens.length + batch.skipped.length;
      } catch (e) {
        // Stryker disable next-line ConditionalExpression: parseMigrationExport throws OtpError only (a guard should that change)
        if (!(e instanceof OtpError)) throw e;
        out.skipped.push({ index: index++, reason: `an export line cannot be read: ${e.message}`, code: e.code });
      }
    } else {
      try {
        if (!OTPAUTH.test(line)) throw new OtpError('INVALID_URI', 'the line is not an otpauth:// or otpauth-migration:// URI');
        out.tokens.push(parseOtpauthUri(line));
      } catch (e) {
        // Stryker disable next-line ConditionalExpression: parseOtpauthUri throws OtpError only (a guard should that change)
        if (!(e instanceof OtpError)) throw e;
        out.skipped.push({ index, reason: e.message, code: e.code, ...nameOf(labelOf(line)) });
      }
      index++;
    }
    checkCount(format, index);
  }
  return out;
}

function nameOf(name: string | undefined): { name?: string } {
  return name === undefined || name === '' ? {} : { name: name.slice(0, MAX_TOKEN_TEXT) };
}

/** The decoded label of an otpauth URI, for naming a line that cannot be read. */
function labelOf(line: string): string | undefined {
  const m = /^otpauth:\/\/[^/?#]*\/([^?#]*)/i.exec(line);
  if (m === null) return undefined;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return m[1];
  }
}

/** Runs a codec on token `i`, its error naming the token. */
function naming<T>(t: Token, i: number, write: () => T): T {
  try {
    return write();
  } catch (e) {
    // Stryker disable next-line ConditionalExpression: formatOtpauthUri throws OtpError only (a guard should that change)
    if (e instanceof OtpError) throw new OtpError(e.code, `${tokenName(t, i)}: ${e.message}`, { cause: e });
    throw e;
  }
}

/**
 * Writes otpauth URIs, one a line, with `formatOtpauthUri`: each token's extras go into its URI as
 * parameters, except another format's own (`aegis.icon`: a namespaced name). Refused: OCRA (there
 * is no otpauth URI for it) and `t0` ≠ 0 (the URI format has no t0).
 */
export function writeUris(input: readonly TokenInput[]): string {
  const tokens = tokensToWrite(input, 'uris');
  // OCRA and t0 ≠ 0 are refused as every backup refuses them (formatOtpauthUri would call OCRA
  // INVALID_URI), the first such token first; not checkCommon's SHA-224/384 and counter cap, which a
  // URI carries.
  tokens.forEach((t, i) => checkPortable(t, i, 'uris'));
  return tokens.map((t, i) => `${naming(t, i, () => formatOtpauthUri(t))}\n`).join('');
}

/** A 31-bit batch id derived from the tokens, so the same export gets the same id. */
function batchIdOf(tokens: readonly Token[]): number {
  // FNV-1a over the first key bytes: only an id that batches of one export share (4 bytes of a key
  // mixed into 31 bits reveal nothing usable, and the URIs carry the keys anyway). The tokens are
  // normalized, so every key is a Uint8Array of this realm.
  let h = 0x811c9dc5;
  for (const t of tokens) for (const b of t.key.subarray(0, 4)) h = Math.imul(h ^ b, 0x01000193);
  return (h >>> 1) & 0x7fffffff;
}

/**
 * Writes Google Authenticator export URIs, one a line, in batches that each fit one QR code
 * (`formatMigrationUris`). The format has no period, no t0 and no Steam Guard, 6 or 8 digits,
 * SHA1/256/512: other tokens are refused, naming them.
 */
export function writeGoogle(input: readonly TokenInput[], batches: MigrationBatchOptions): string {
  const tokens = tokensToWrite(input, 'google');
  tokens.forEach((t, i) => {
    checkCommon(t, i, 'google');
    if (t.kind === 'steam')
      throw new OtpError('BACKUP_UNSUPPORTED', `${tokenName(t, i)}: a Steam Guard token, which Google Authenticator's export cannot carry`);
    if (t.kind === 'totp' && t.period !== 30)
      throw new OtpError('INVALID_PERIOD', `${tokenName(t, i)}: period ${t.period} s, but Google Authenticator's export has no period (always 30 s)`);
    if (t.digits !== 6 && t.digits !== 8)
      throw new OtpError('INVALID_DIGITS', `${tokenName(t, i)}: ${t.digits} digits, but Google Authenticator's export holds 6 or 8`);
  });
  // No tokens, no QR codes (formatMigrationUris refuses an empty export).
  if (tokens.length === 0) return '';
  return formatMigrationUris(tokens, { ...batches, batchId: batches.batchId ?? batchIdOf(tokens) })
    .map((u) => `${u}\n`)
    .join('');
}
