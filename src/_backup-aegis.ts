/**
 * Aegis Authenticator's vault (beemdevelopment/Aegis `docs/vault.md`): `{ version: 1, header:
 * { slots, params }, db }`; plain when `slots` and `params` are null and `db` is an object
 * `{ version: 1…3, entries, groups }`. Entries: `type` (totp, hotp, steam; yandex and motp are not
 * tokens here), `uuid`, `name` (the account), `issuer`, `note`, `favorite`, `icon` (base64 image or
 * null) with `icon_mime` and `icon_hash`, `info` `{ secret (base32), algo, digits, period | counter }`,
 * and since db version 3 `groups` (uuids of `db.groups` `{ uuid, name }`; version 2 had a `group`
 * name). An HOTP `counter` is the counter of the next code, as in the model.
 * @module
 */
import {
  bad,
  base32Secret,
  checkCommon,
  collect,
  displayName,
  extra,
  extrasOf,
  groupNames,
  groupsExtra,
  inRange,
  invalid,
  isUuid,
  jsonText,
  nameUuid,
  objectEntry,
  optArray,
  optBool,
  optInt,
  optStr,
  counterOf,
  str,
  tokensToWrite,
  type BackupContents,
  type JsonOut,
} from './_backup-common.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './_json.ts';
import { base32Encode } from './encoding.ts';
import { OtpError } from './errors.ts';
import { describe } from './_validate.ts';
import type { AlgorithmInput, TokenInput } from './token.ts';

/** Whether an Aegis vault is encrypted: password slots in the header, or `db` a base64 string. */
export function isAegisEncrypted(json: JsonObject): boolean {
  const header = json.header;
  return typeof json.db === 'string' || (isJsonObject(header) && header.slots !== null && header.slots !== undefined);
}

/** Reads a plain Aegis vault. */
export function readAegis(json: JsonValue): BackupContents {
  if (!isJsonObject(json) || !isJsonObject(json.header)) invalid('aegis', 'expected an object with a header and a db');
  const version = json.version;
  // A newer version is refused as one this release cannot read, any other as malformed.
  if (typeof version === 'number' && version > 1)
    throw new OtpError('BACKUP_UNSUPPORTED', `Aegis file: vault version ${version} is newer than the version 1 this release reads`);
  if (version !== 1) invalid('aegis', `version must be 1, got ${describe(version)}`);
  if (isAegisEncrypted(json))
    throw new OtpError(
      'BACKUP_ENCRYPTED',
      'the Aegis vault is encrypted (password slots in its header, or a db that is a string): read it with decryptBackup and the password',
    );
  const db = json.db;
  if (!isJsonObject(db)) invalid('aegis', 'db must be an object');
  const dbVersion = db.version;
  if (typeof dbVersion === 'number' && dbVersion > 3)
    throw new OtpError('BACKUP_UNSUPPORTED', `Aegis file: db version ${dbVersion} is newer than the versions 1 to 3 this release reads`);
  if (dbVersion !== 1 && dbVersion !== 2 && dbVersion !== 3) invalid('aegis', `db.version must be 1, 2 or 3, got ${describe(dbVersion)}`);
  if (!Array.isArray(db.entries)) invalid('aegis', 'db.entries must be an array');
  // Group names by uuid (db version 3); a group that is not an object with both is ignored, as
  // Aegis drops an entry's reference to a group the vault does not have.
  const groups = new Map<string, string>();
  if (Array.isArray(db.groups)) {
    for (const g of db.groups) if (isJsonObject(g) && typeof g.uuid === 'string' && typeof g.name === 'string') groups.set(g.uuid.toLowerCase(), g.name);
  }
  return collect(
    'aegis',
    db.entries,
    (entry) => readEntry(objectEntry(entry), groups),
    (entry) => (isJsonObject(entry) ? displayName(entry.issuer, entry.name) : undefined),
  );
}

function readEntry(e: JsonObject, groups: Map<string, string>): TokenInput {
  const type = str(e, 'type');
  if (type === 'yandex' || type === 'motp')
    bad(`the entry is a ${type === 'motp' ? 'mOTP' : 'Yandex'} token, which the token model does not have`, 'BACKUP_UNSUPPORTED');
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') bad(`type must be totp, hotp or steam, got ${JSON.stringify(type.slice(0, 16))}`);
  const info = objectEntry(e.info, 'info');
  const token: TokenInput = {
    kind: type,
    key: base32Secret(str(info, 'secret', 'info.secret'), 'info.secret'),
    algorithm: (optStr(info, 'algo', 'info.algo') ?? 'SHA1') as AlgorithmInput,
    digits: inRange(optInt(info, 'digits', 6, 'info.digits'), 1, 10, 'info.digits', 'INVALID_DIGITS'),
  };
  if (type === 'hotp') token.counter = counterOf(optInt(info, 'counter', 0, 'info.counter'), 'info.counter');
  else token.period = inRange(optInt(info, 'period', 30, 'info.period'), 1, 2 ** 32, 'info.period', 'INVALID_PERIOD');
  // Absent (undefined) fields and extras are left out by normalizeToken, which collect applies.
  token.issuer = optStr(e, 'issuer');
  token.account = optStr(e, 'name');
  const names: string[] = [];
  for (const uuid of optArray(e, 'groups')) if (typeof uuid === 'string' && groups.has(uuid.toLowerCase())) names.push(groups.get(uuid.toLowerCase())!);
  const oldGroup = optStr(e, 'group');
  if (names.length === 0 && oldGroup !== undefined) names.push(oldGroup);
  const icon = optStr(e, 'icon');
  token.extras = extrasOf([
    ['note', optStr(e, 'note')],
    ['favorite', optBool(e, 'favorite') === true ? 'true' : undefined],
    ['groups', groupsExtra(names)],
    ['aegis.uuid', optStr(e, 'uuid')],
    ['aegis.archived', optBool(e, 'archived') === true ? 'true' : undefined],
    ['aegis.icon', icon],
    ['aegis.icon_mime', icon === undefined ? undefined : optStr(e, 'icon_mime')],
    ['aegis.icon_hash', icon === undefined ? undefined : optStr(e, 'icon_hash')],
  ]);
  return token;
}

/**
 * Writes a plain Aegis vault (db version 3). Entries keep their `aegis.uuid` when they have one
 * (Aegis makes one up for an entry without); group uuids are name-based, so the same group name
 * always has the same uuid. Refused: OCRA, `t0` ≠ 0, SHA-224/384, counters past 2^63-1.
 */
export function writeAegis(input: readonly TokenInput[]): string {
  const tokens = tokensToWrite(input, 'aegis');
  const groups = new Map<string, string>();
  const entries = tokens.map((t, i): JsonOut => {
    checkCommon(t, i, 'aegis');
    const names = groupNames(t);
    for (const name of names) groups.set(name, nameUuid(name));
    const uuid = extra(t, 'aegis.uuid');
    const icon = extra(t, 'aegis.icon');
    const info: Record<string, JsonOut> = {
      secret: base32Encode(t.key),
      algo: t.algorithm,
      digits: t.digits,
    };
    if (t.kind === 'hotp') info.counter = t.counter ?? 0;
    else info.period = t.period ?? 30;
    return {
      type: t.kind,
      uuid: isUuid(uuid) ? uuid.toLowerCase() : undefined,
      name: t.account ?? '',
      issuer: t.issuer ?? '',
      note: extra(t, 'note') ?? '',
      favorite: extra(t, 'favorite') === 'true',
      // Aegis reads `icon` as required (null when there is none).
      icon: icon ?? null,
      icon_mime: icon === undefined ? undefined : (extra(t, 'aegis.icon_mime') ?? 'image/jpeg'),
      icon_hash: icon === undefined ? undefined : extra(t, 'aegis.icon_hash'),
      info,
      groups: names.map((n) => groups.get(n)!),
      archived: extra(t, 'aegis.archived') === 'true' ? true : undefined,
    };
  });
  const vault: JsonOut = {
    version: 1,
    header: { slots: null, params: null },
    db: { version: 3, entries, groups: [...groups].map(([name, uuid]) => ({ uuid, name })) },
  };
  return `${jsonText(vault, 4)}\n`;
}
