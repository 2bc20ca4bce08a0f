/**
 * Steam Guard maFiles (Steam Desktop Authenticator, steamguard-cli) and the Steam app's own
 * `Steamguard-<id>` file: a JSON object with `shared_secret` (base64, the TOTP key), `account_name`,
 * `serial_number`, `steamid` or `Session.SteamID`, and secrets that are not the TOTP key
 * (`identity_secret`, `revocation_code`, `secret_1`, session tokens), which are never copied. The
 * app's file nests accounts: `{ accounts: { name: { shared_secret, … } } }`. Read only.
 * @module
 */
import { base64Decode } from './encoding.ts';
import { bad, collect, extrasOf, invalid, objectEntry, optStr, str, textOf, type BackupContents } from './_backup-common.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './_json.ts';
import type { TokenInput } from './token.ts';

/** Reads a Steam maFile. */
export function readSteam(json: JsonValue): BackupContents {
  if (!isJsonObject(json)) invalid('steam', 'expected an object with shared_secret');
  const accounts: JsonValue[] =
    'shared_secret' in json ? [json] : isJsonObject(json.accounts) ? Object.values(json.accounts) : invalid('steam', 'no shared_secret');
  return collect(
    'steam',
    accounts,
    (a) => readAccount(objectEntry(a)),
    (a) => (isJsonObject(a) && typeof a.account_name === 'string' ? a.account_name : undefined),
  );
}

function readAccount(a: JsonObject): TokenInput {
  const key = base64Decode(str(a, 'shared_secret'));
  if (key.length === 0) bad('shared_secret is empty', 'INVALID_KEY');
  const session = a.Session;
  // An empty or undefined account, serial or extras is no field at all: collect's normalizeToken drops it.
  return {
    kind: 'steam',
    key,
    issuer: 'Steam',
    account: optStr(a, 'account_name'),
    serial: textOf(a.serial_number),
    extras: extrasOf([['steam.steamid', textOf(a.steamid) ?? (isJsonObject(session) ? textOf(session.SteamID) : undefined)]]),
  };
}
