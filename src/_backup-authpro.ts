/**
 * Authenticator Pro (now Stratum, jamie-mh/AuthenticatorPro `Backup.cs`, `Entity/Authenticator`):
 * `{ Authenticators, Categories, AuthenticatorCategories, CustomIcons }`. An authenticator:
 * `Type` (1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex), `Icon`, `Issuer`, `Username`, `Secret`
 * (base32), `Pin` (mOTP and Yandex only), `Algorithm` (0 SHA1, 1 SHA256, 2 SHA512), `Digits`,
 * `Period`, `Counter`, `Ranking`. Categories `{ Id, Name }` bind to authenticators by secret.
 * Encrypted backups are binary with the header `AUTHENTICATORPRO` (Argon2id, AES-GCM) or, legacy,
 * `AuthenticatorPro` (PBKDF2-SHA1, AES-CBC). `Counter` is taken as the counter of the next code, as
 * Aegis's importer takes it. Read only.
 * @module
 */
import {
  bad,
  base32Secret,
  collect,
  displayName,
  extrasOf,
  groupsExtra,
  inRange,
  invalid,
  objectEntry,
  optInt,
  optStr,
  counterOf,
  smallInt,
  str,
  textOf,
  type BackupContents,
} from './_backup-common.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './_json.ts';
import type { TokenInput } from './token.ts';

const KINDS = { 1: 'hotp', 2: 'totp', 4: 'steam' } as const;
const ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;

/** Reads a plain Authenticator Pro backup. */
export function readAuthPro(json: JsonValue): BackupContents {
  if (!isJsonObject(json) || !Array.isArray(json.Authenticators)) invalid('authenticator-pro', 'expected an object with Authenticators');
  // Category names by id. Only string ids are kept, so a link's CategoryId of any other type (or
  // none) finds no category.
  const categories = new Map<JsonValue | undefined, string>();
  // Stryker disable next-line ArrayDeclaration: an entry that is not an object is passed over below
  for (const c of Array.isArray(json.Categories) ? json.Categories : []) {
    if (isJsonObject(c) && typeof c.Id === 'string' && typeof c.Name === 'string') categories.set(c.Id, c.Name);
  }
  // Category names by secret, in file order. Appended to, not copied (a copy per record was
  // quadratic in the records of one secret: 2.4 s for 20,000). Entries look secrets up as strings,
  // so a link under a secret of another type is kept but never found.
  const bySecret = new Map<JsonValue | undefined, string[]>();
  // Stryker disable next-line ArrayDeclaration: an entry that is not an object is passed over below
  for (const b of Array.isArray(json.AuthenticatorCategories) ? json.AuthenticatorCategories : []) {
    if (!isJsonObject(b)) continue;
    const name = categories.get(b.CategoryId);
    if (name === undefined) continue;
    const names = bySecret.get(b.AuthenticatorSecret);
    if (names === undefined) bySecret.set(b.AuthenticatorSecret, [name]);
    else names.push(name);
  }
  // Each secret's `groups` extra is made once, however many entries share the secret.
  const groups = new Map([...bySecret].map(([secret, names]) => [secret, groupsExtra(names)]));
  return collect(
    'authenticator-pro',
    json.Authenticators,
    (a) => readEntry(objectEntry(a), (secret) => groups.get(secret)),
    (a) => (isJsonObject(a) ? displayName(a.Issuer, a.Username) : undefined),
  );
}

function readEntry(a: JsonObject, groupsOf: (secret: string) => string | undefined): TokenInput {
  const type = smallInt(a, 'Type', 0, 255);
  if (type === 3 || type === 5) bad(`the entry is a${type === 3 ? 'n mOTP' : ' Yandex'} token, which the token model does not have`, 'BACKUP_UNSUPPORTED');
  const kind = type === 1 || type === 2 || type === 4 ? KINDS[type] : bad(`Type must be 1 (HOTP), 2 (TOTP) or 4 (Steam), got ${type}`, 'BACKUP_UNSUPPORTED');
  const algorithm = ALGORITHMS[inRange(optInt(a, 'Algorithm', 0), 0, 2, 'Algorithm', 'INVALID_ALGORITHM')]!;
  const secret = str(a, 'Secret');
  const token: TokenInput = {
    kind,
    key: base32Secret(secret, 'Secret'),
    algorithm,
    digits: inRange(optInt(a, 'Digits', kind === 'steam' ? 5 : 6), 1, 10, 'Digits', 'INVALID_DIGITS'),
  };
  if (kind === 'hotp') token.counter = counterOf(optInt(a, 'Counter', 0), 'Counter');
  else token.period = inRange(optInt(a, 'Period', 30), 1, 2 ** 32, 'Period', 'INVALID_PERIOD');
  // An empty or undefined issuer, account or extras is no field at all: collect's normalizeToken drops it.
  token.issuer = optStr(a, 'Issuer');
  token.account = optStr(a, 'Username');
  token.extras = extrasOf([
    ['groups', groupsOf(secret)],
    ['authenticator-pro.icon', optStr(a, 'Icon')],
    ['authenticator-pro.ranking', textOf(a.Ranking) === '0' ? undefined : textOf(a.Ranking)],
  ]);
  return token;
}
