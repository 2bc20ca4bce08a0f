/**
 * Proton Authenticator's export (protonpass authenticator `ExportedAuthenticatorEntry`): `{ version:
 * 1, entries: [{ id, content: { uri, entry_type (Totp, Steam), name }, note }] }`. `uri` is an
 * otpauth URI, or for Steam entries `steam://SECRET` (base32) or an otpauth URI. The account is the
 * URI's, else `name`. Read only.
 * @module
 */
import { bad, base32Secret, collect, displayName, extrasOf, invalid, objectEntry, optStr, str, type BackupContents } from './_backup-common.ts';
import { isJsonObject, type JsonValue } from './_json.ts';
import { OtpError } from './errors.ts';
import { describe } from './_validate.ts';
import type { TokenInput } from './token.ts';
import { parseOtpauthUri } from './uri.ts';

/** Reads a Proton Authenticator export. */
export function readProton(json: JsonValue): BackupContents {
  if (!isJsonObject(json) || !Array.isArray(json.entries)) invalid('proton', 'expected an object with entries');
  // Proton writes the number 1. A version past 2^53 is parsed as a bigint: newer all the same.
  const version = json.version ?? 1;
  if (typeof version !== 'number' && typeof version !== 'bigint') invalid('proton', `version must be a number, got ${describe(version)}`);
  if (version > 1) throw new OtpError('BACKUP_UNSUPPORTED', `Proton Authenticator file: version ${version} is newer than the version 1 this release reads`);
  return collect(
    'proton',
    json.entries,
    (entry) => {
      const e = objectEntry(entry);
      const content = objectEntry(e.content, 'content');
      const uri = str(content, 'uri', 'content.uri').trim();
      const type = optStr(content, 'entry_type', 'content.entry_type') ?? 'Totp';
      if (type !== 'Totp' && type !== 'Steam') bad(`content.entry_type must be Totp or Steam, got ${JSON.stringify(type.slice(0, 16))}`, 'BACKUP_UNSUPPORTED');
      let token: TokenInput;
      if (/^steam:\/\//i.test(uri)) token = { kind: 'steam', key: base32Secret(uri.slice(8), 'the steam:// secret') };
      else {
        token = { ...parseOtpauthUri(uri) };
        // A Steam entry's URI may be an otpauth TOTP URI: its key and names make a Steam Guard
        // token (its algorithm, digits and period are not Steam's and are not kept).
        if (type === 'Steam' && token.kind === 'totp')
          token = { kind: 'steam', key: token.key, issuer: token.issuer, account: token.account, extras: token.extras };
      }
      // The URI's account, else the entry's name (an empty or undefined one is no account:
      // collect's normalizeToken drops it, as it drops undefined extras).
      const name = optStr(content, 'name', 'content.name'); // checked even when the URI names the account
      token.account ??= name;
      token.extras = extrasOf([...Object.entries(token.extras ?? {}), ['note', optStr(e, 'note')], ['proton.id', optStr(e, 'id')]]);
      return token;
    },
    // Stryker disable next-line ConditionalExpression,LogicalOperator: collect catches nameOf's TypeError for a missing object, and displayName passes over a non-string: no name all the same
    (entry) => (isJsonObject(entry) && isJsonObject(entry.content) ? displayName(undefined, entry.content.name) : undefined),
  );
}
