/**
 * Text backups of one URI a line: a list of otpauth URIs (what many apps export as "plain text"),
 * Ente Auth's plain-text export (the same, with Ente's `codeDisplay` parameter, kept as an extra),
 * and Google Authenticator's export (`otpauth-migration://offline?data=…`, one QR code a line). A
 * list may mix both kinds of URI. Blank lines are ignored; any other line that is not a URI is a
 * skipped entry.
 * @module
 */
import { migrationTokens, migrationUris, tokenUri, uriToken } from './_backup-uri.ts';
import { checkCommon, checkCount, displayName, type BackupContents, type BackupFormat } from './_backup-common.ts';
import { OtpError } from './errors.ts';
import { normalizeToken, type TokenInput } from './token.ts';
import { tokensToWrite } from './_backup-common.ts';

/** The non-blank lines of a text. */
function linesOf(text: string): string[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

const OTPAUTH = /^otpauth:\/\//i;
const MIGRATION = /^otpauth-migration:\/\//i;

/**
 * The URI-list format a text is in, if its first line is an otpauth or export URI (a later line that
 * is not one becomes a skipped entry): `google` when every line is an export URI, `ente` when a line
 * carries Ente's `codeDisplay`, else `uris`.
 */
export function sniffUriList(text: string): 'uris' | 'ente' | 'google' | undefined {
  const lines = linesOf(text.slice(0, 65_536));
  const first = lines[0];
  if (first === undefined || !(OTPAUTH.test(first) || MIGRATION.test(first))) return undefined;
  if (lines.every((l) => MIGRATION.test(l))) return 'google';
  return lines.some((l) => OTPAUTH.test(l) && /[?&]codeDisplay=/.test(l)) ? 'ente' : 'uris';
}

/** Reads a list of URIs; `format` says what to call it (`uris`, `ente` or `google`). */
export function readUriList(text: string, format: 'uris' | 'ente' | 'google'): BackupContents {
  const lines = linesOf(text);
  checkCount(format, lines.length);
  const out: BackupContents = { format, tokens: [], skipped: [] };
  let index = 0; // entries: one per otpauth line, one per account of an export line
  for (const line of lines) {
    if (MIGRATION.test(line)) {
      try {
        const batch = migrationTokens(line);
        const first = index;
        for (const t of batch.tokens) out.tokens.push(normalizeToken(t));
        for (const s of batch.skipped) {
          out.skipped.push({ index: first + s.index, reason: s.reason, code: s.code, ...nameOf(displayName(s.issuer, s.account)) });
        }
        index += batch.tokens.length + batch.skipped.length;
      } catch (e) {
        if (!(e instanceof OtpError)) throw e;
        out.skipped.push({ index: index++, reason: `an export line cannot be read: ${e.message}`, code: e.code });
      }
    } else {
      try {
        if (format === 'google') throw new OtpError('INVALID_URI', 'expected an otpauth-migration:// URI');
        if (!OTPAUTH.test(line)) throw new OtpError('INVALID_URI', 'the line is not an otpauth:// URI');
        out.tokens.push(normalizeToken(uriToken(line)));
      } catch (e) {
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
  return name === undefined || name === '' ? {} : { name: name.slice(0, 1024) };
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

/**
 * Writes otpauth URIs, one a line. Each token's extras go into its URI as parameters, except the
 * app-specific ones of other formats (names with a dot, such as `aegis.icon`). Refused: OCRA
 * (there is no otpauth URI for it) and `t0` ≠ 0 (the URI format has no t0).
 */
export function writeUris(input: readonly TokenInput[]): string {
  const tokens = tokensToWrite(input, 'uris');
  return tokens
    .map((t, i) => {
      checkCommonUri(t, i, 'uris');
      const params = Object.fromEntries(Object.entries(t.extras ?? {}).filter(([name]) => !name.includes('.')));
      return `${tokenUri(t, params)}\n`;
    })
    .join('');
}

function checkCommonUri(t: ReturnType<typeof normalizeToken>, i: number, format: BackupFormat): void {
  if (t.kind === 'ocra' || (t.t0 !== undefined && t.t0 !== 0)) checkCommon(t, i, format);
}

/**
 * Writes Google Authenticator export URIs, one a line, each small enough for one QR code. The
 * format has no period, no t0 and no Steam Guard, 6 or 8 digits, SHA1/256/512: other tokens are
 * refused, naming them.
 */
export function writeGoogle(input: readonly TokenInput[], batchId: number): string {
  const tokens = tokensToWrite(input, 'google');
  tokens.forEach((t, i) => {
    checkCommon(t, i, 'google');
    if (t.kind === 'steam') throw new OtpError('BACKUP_UNSUPPORTED', `${where(t, i)}: a Steam Guard token, which Google Authenticator's export cannot carry`);
    if (t.kind === 'totp' && t.period !== 30) throw new OtpError('INVALID_PERIOD', `${where(t, i)}: period ${t.period} s, but Google Authenticator's export has no period (always 30 s)`);
    if (t.digits !== 6 && t.digits !== 8) throw new OtpError('INVALID_DIGITS', `${where(t, i)}: ${t.digits} digits, but Google Authenticator's export holds 6 or 8`);
  });
  return migrationUris(tokens, batchId).map((u) => `${u}\n`).join('');
}

function where(t: { issuer?: string; account?: string }, i: number): string {
  const name = displayName(t.issuer, t.account);
  return name === undefined ? `tokens[${i}]` : `tokens[${i}] (${JSON.stringify(name.slice(0, 64))})`;
}

