/**
 * The otpauth URI and Google-export codecs as the backup codecs use them: tokens in, tokens out.
 * Many backups carry otpauth URIs (Bitwarden's `totp`, Proton's `uri`, 2FAS's `link`, Ente's
 * lines), so this is the one place they meet `uri.ts` and `migration.ts`.
 * @module
 */
import { OWN_PARAMS } from './_label.ts';
import { OtpError } from './errors.ts';
import { formatMigrationUri, parseMigrationExport, type MigrationExport } from './migration.ts';
import type { Token } from './token.ts';
import { formatOtpauthUri, parseOtpauthUri, type OtpAuthKey } from './uri.ts';

/** Reads an otpauth URI (`otpauth://totp|hotp|steam/…`) into a token input. */
export function uriToken(uri: string): Token {
  return keyToken(parseOtpauthUri(uri));
}

function keyToken(key: OtpAuthKey): Token {
  const params = { ...(key.params ?? {}) };
  const steam = typeof params.encoder === 'string' && params.encoder.toLowerCase() === 'steam';
  if (steam) delete params.encoder;
  const serial = params.serial;
  delete params.serial;
  const token: Token = {
    kind: steam ? 'steam' : key.type,
    key: key.secret,
    algorithm: key.algorithm,
    digits: key.digits,
  };
  if (key.type === 'totp') Object.assign(token, { period: key.period ?? 30, t0: 0 });
  else token.counter = key.counter ?? 0;
  if (key.issuer !== undefined && key.issuer !== '') token.issuer = key.issuer;
  if (key.account !== '') token.account = key.account;
  if (serial !== undefined && serial !== '') token.serial = serial;
  if (Object.keys(params).length > 0) token.extras = params;
  return token;
}

/**
 * Writes a token as an otpauth URI. `params` are extra query parameters (names the URI writes
 * itself are left out).
 * @throws OtpError as `formatOtpauthUri`
 */
export function tokenUri(token: Token, params: Record<string, string> = {}): string {
  if (token.kind === 'ocra') throw new OtpError('BACKUP_UNSUPPORTED', 'an OCRA token has no otpauth URI');
  const type = token.kind === 'hotp' ? 'hotp' : 'totp';
  const own = [...OWN_PARAMS[type], 'encoder', 'period', 'counter', 'serial'];
  const kept = Object.entries(params).filter(([name]) => !own.includes(name.toLowerCase()));
  if (token.kind === 'steam') kept.push(['encoder', 'steam']);
  if (token.serial !== undefined) kept.push(['serial', token.serial]);
  const key: OtpAuthKey = {
    type,
    secret: token.key,
    account: token.account ?? '',
    algorithm: token.algorithm,
    digits: token.digits,
    params: Object.fromEntries(kept),
  };
  if (token.issuer !== undefined) key.issuer = token.issuer;
  if (type === 'totp') key.period = token.period ?? 30;
  else key.counter = token.counter ?? 0;
  return formatOtpauthUri(key);
}

/** Reads one Google export URI: its tokens, and the accounts it could not read. */
export function migrationTokens(uri: string): { tokens: Token[]; skipped: MigrationExport['skipped'] } {
  const batch = parseMigrationExport(uri);
  return { tokens: batch.keys.map(keyToken), skipped: batch.skipped };
}

/**
 * The longest export URI written: a QR code of version 40 at level L holds 2953 bytes (ISO/IEC
 * 18004 Table 7); Google's own exports stay far below, at about ten accounts a code.
 */
export const MAX_GOOGLE_URI = 2953;

/**
 * Writes tokens as Google export URIs, each small enough for one QR code (at most
 * {@link MAX_GOOGLE_URI} characters), with the batch fields set so that Google's app joins them.
 * @throws OtpError as `formatMigrationUri` (period not 30, digits not 6 or 8, Steam, SHA-224/384)
 */
export function migrationUris(tokens: readonly Token[], batchId: number): string[] {
  const keys = tokens.map((t) => {
    if (t.kind === 'ocra') throw new OtpError('BACKUP_UNSUPPORTED', 'an OCRA token has no place in the export');
    if (t.t0 !== undefined && t.t0 !== 0) throw new OtpError('INVALID_T0', `t0 = ${t.t0}: the export format has no t0`);
    const key: OtpAuthKey = { type: t.kind === 'hotp' ? 'hotp' : 'totp', secret: t.key, account: t.account ?? '', algorithm: t.algorithm, digits: t.digits };
    if (t.issuer !== undefined) key.issuer = t.issuer;
    if (t.kind === 'steam') key.params = { encoder: 'steam' };
    if (t.kind === 'hotp') key.counter = t.counter ?? 0;
    else key.period = t.period ?? 30;
    return key;
  });
  // Greedy batches: add accounts while the URI still fits one QR code.
  const groups: OtpAuthKey[][] = [];
  let current: OtpAuthKey[] = [];
  for (const key of keys) {
    const trial = [...current, key];
    if (current.length > 0 && formatMigrationUri(trial, { batchSize: 99, batchIndex: 99, batchId }).length > MAX_GOOGLE_URI) {
      groups.push(current);
      current = [key];
    } else current = trial;
  }
  if (current.length > 0 || groups.length === 0) groups.push(current);
  return groups.map((group, i) => {
    const uri = formatMigrationUri(group, { version: 1, batchSize: groups.length, batchIndex: i, batchId });
    if (uri.length > MAX_GOOGLE_URI) {
      throw new OtpError('INPUT_TOO_LONG', `an account's export URI is ${uri.length} characters, more than one QR code holds (${MAX_GOOGLE_URI})`);
    }
    return uri;
  });
}
