/**
 * Bitwarden's unencrypted exports (bitwarden.com help "Export vault data", "Condition a Bitwarden
 * .csv or .json"): JSON `{ encrypted: false, folders: [{ id, name }], items: [{ type (1 = login),
 * name, notes, favorite, folderId, login: { username, password, totp, uris } }] }`, and CSV with
 * the columns `folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,
 * login_password,login_totp`. `totp` holds an otpauth URI, a bare base32 secret (TOTP, SHA1, 6
 * digits, 30 s) or `steam://SECRET` (Steam Guard, base32). Only logins with a `totp` are tokens;
 * other items are not entries. The password is never copied.
 * @module
 */
import { base32Secret, checkCount, collect, displayName, extrasOf, groupsExtra, invalid, optBool, optStr, type BackupContents } from './_backup-common.ts';
import { isJsonObject, type JsonObject, type JsonValue } from './_json.ts';
import { OtpError } from './errors.ts';
import type { TokenInput } from './token.ts';
import { parseOtpauthUri } from './uri.ts';

/** The token a `totp` field holds, completed with the item's name and username. */
function totpToken(totp: string, name: string | undefined, username: string | undefined): TokenInput {
  const text = totp.trim();
  let token: TokenInput;
  if (/^otpauth:\/\//i.test(text)) {
    token = { ...parseOtpauthUri(text) };
  } else if (/^steam:\/\//i.test(text)) {
    token = { kind: 'steam', key: base32Secret(text.slice(8), 'the steam:// secret') };
  } else {
    token = { kind: 'totp', key: base32Secret(text, 'the totp secret') };
  }
  // An empty name or username stays absent: normalizeToken takes an empty text as none.
  token.issuer ??= name;
  token.account ??= username;
  return token;
}

function withExtras(token: TokenInput, pairs: Parameters<typeof extrasOf>[0]): TokenInput {
  // extrasOf answers undefined for none, which normalizeToken takes as no extras.
  return { ...token, extras: extrasOf([...Object.entries(token.extras ?? {}), ...pairs]) };
}

/** Reads an unencrypted Bitwarden JSON export. */
export function readBitwardenJson(json: JsonValue): BackupContents {
  if (!isJsonObject(json)) invalid('bitwarden-json', 'expected an object with items');
  if (json.encrypted === true) {
    throw new OtpError(
      'BACKUP_UNSUPPORTED',
      "the Bitwarden export is encrypted (a password-protected or account-restricted export): export it again as unencrypted JSON; oathkit does not decrypt Bitwarden's format",
    );
  }
  if (!Array.isArray(json.items)) invalid('bitwarden-json', 'items must be an array');
  // Keyed by the id as it is: an item's folderId is a string, which matches no id of another type.
  const folders = new Map<JsonValue | undefined, string>();
  if (Array.isArray(json.folders)) {
    for (const f of json.folders) if (isJsonObject(f) && typeof f.name === 'string') folders.set(f.id, f.name);
  }
  return collect(
    'bitwarden-json',
    json.items,
    (item) => readItem(item, folders),
    (item) => (isJsonObject(item) ? displayName(item.name, isJsonObject(item.login) ? item.login.username : undefined) : undefined),
  );
}

function readItem(item: JsonValue, folders: Map<JsonValue | undefined, string>): TokenInput | null {
  if (!isJsonObject(item) || !isJsonObject(item.login)) return null;
  const login: JsonObject = item.login;
  const totp = optStr(login, 'totp', 'login.totp');
  if (totp === undefined || totp.trim() === '') return null;
  const name = optStr(item, 'name');
  const folderId = optStr(item, 'folderId');
  return withExtras(totpToken(totp, name, optStr(login, 'username', 'login.username')), [
    ['note', optStr(item, 'notes')],
    ['favorite', optBool(item, 'favorite') === true ? 'true' : undefined],
    // An item outside any folder has no folderId: a folder without an id is not its folder.
    ['groups', groupsExtra(folderId !== undefined && folders.has(folderId) ? [folders.get(folderId)!] : [])],
  ]);
}

/**
 * Splits a Bitwarden CSV export into rows of fields (RFC 4180: quoted fields may hold commas, line
 * breaks and doubled quotes; CRLF, LF or CR between rows). A blank line is no row, as a URI list's
 * blank lines are no entries, so it neither counts towards the cap nor moves the rows' indices (a
 * line `""` is a row: one empty field). Linear; the caller caps the length.
 * @throws OtpError `INVALID_BACKUP` (a quoted field not closed, or followed by more than a
 *   delimiter), `INPUT_TOO_LONG` (more rows than {@link MAX_BACKUP_ENTRIES} after the header)
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false; // a quote opened a field of this row: a line `""` is not blank (only read while the row is empty)
  const endRow = () => {
    if (row.length > 0 || field !== '' || quoted) {
      row.push(field);
      rows.push(row);
      checkCount('bitwarden-csv', rows.length - 1);
    }
    row = [];
    field = '';
    quoted = false;
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i]!;
    // Each field starts here, empty: an unquoted one is read up to its delimiter at once below,
    // and a quoted one must be followed by a delimiter, so a quote here always opens a field.
    if (c === '"') {
      quoted = true;
      i++;
      let start = i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < i) invalid('bitwarden-csv', 'a quoted CSV field is not closed'); // indexOf: -1, or a position from i
        if (text[q + 1] === '"') {
          field += text.slice(start, q + 1);
          i = q + 2;
          start = i;
          continue;
        }
        field += text.slice(start, q);
        i = q + 1;
        break;
      }
      if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') invalid('bitwarden-csv', 'text after a quoted CSV field');
    } else if (c === ',') {
      row.push(field);
      field = '';
      i++;
    } else if (c === '\n' || c === '\r') {
      // CRLF is CR, then an empty line: endRow drops it.
      endRow();
      i++;
    } else {
      const next = text.slice(i).search(/[,\r\n]/);
      field = text.slice(i, next === -1 ? n : i + next);
      i += field.length;
    }
  }
  endRow();
  return rows;
}

/** Reads a Bitwarden CSV export. */
export function readBitwardenCsv(text: string): BackupContents {
  const rows = parseCsv(text);
  const header = rows.shift();
  // A missing column's index is -1, and row[-1] is undefined like a cell past a short row's end.
  const column = (name: string) => header?.indexOf(name) ?? -1;
  const totpAt = column('login_totp');
  if (totpAt < 0) invalid('bitwarden-csv', 'the header row has no login_totp column');
  const at = {
    folder: column('folder'),
    favorite: column('favorite'),
    type: column('type'),
    name: column('name'),
    notes: column('notes'),
    username: column('login_username'),
  };
  return collect(
    'bitwarden-csv',
    rows,
    (row) => {
      const totp = row[totpAt];
      const type = row[at.type];
      if (totp === undefined || totp.trim() === '' || (type !== undefined && type !== '' && type !== 'login')) return null;
      return withExtras(totpToken(totp, row[at.name], row[at.username]), [
        ['note', row[at.notes]],
        ['favorite', row[at.favorite] === '1' ? 'true' : undefined],
        ['groups', groupsExtra([row[at.folder] ?? ''])],
      ]);
    },
    (row) => displayName(row[at.name], row[at.username]),
  );
}
