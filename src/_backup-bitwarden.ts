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
import { bad, base32Secret, checkCount, collect, displayName, extrasOf, groupsExtra, invalid, optBool, optStr, type BackupContents } from './_backup-common.ts';
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
  if (token.issuer === undefined && name !== undefined && name !== '') token.issuer = name;
  if (token.account === undefined && username !== undefined && username !== '') token.account = username;
  return token;
}

function withExtras(token: TokenInput, pairs: Parameters<typeof extrasOf>[0]): TokenInput {
  const extras = extrasOf([...Object.entries(token.extras ?? {}), ...pairs]);
  const out = { ...token };
  delete out.extras;
  if (extras !== undefined) out.extras = extras;
  return out;
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
  const folders = new Map<string, string>();
  for (const f of Array.isArray(json.folders) ? json.folders : []) {
    if (isJsonObject(f) && typeof f.id === 'string' && typeof f.name === 'string') folders.set(f.id, f.name);
  }
  return collect(
    'bitwarden-json',
    json.items,
    (item) => readItem(item, folders),
    (item) => (isJsonObject(item) ? displayName(item.name, isJsonObject(item.login) ? item.login.username : undefined) : undefined),
  );
}

function readItem(item: JsonValue, folders: Map<string, string>): TokenInput | null {
  if (!isJsonObject(item) || !isJsonObject(item.login)) return null;
  const login: JsonObject = item.login;
  const totp = optStr(login, 'totp', 'login.totp');
  if (totp === undefined || totp.trim() === '') return null;
  const name = optStr(item, 'name');
  const folderId = optStr(item, 'folderId');
  return withExtras(totpToken(totp, name, optStr(login, 'username', 'login.username')), [
    ['note', optStr(item, 'notes')],
    ['favorite', optBool(item, 'favorite') === true ? 'true' : undefined],
    ['groups', groupsExtra(folderId !== undefined && folders.has(folderId) ? [folders.get(folderId)!] : [])],
  ]);
}

/**
 * Splits CSV text into rows of fields (RFC 4180: quoted fields may hold commas, line breaks and
 * doubled quotes; CRLF or LF between rows). Linear; the caller caps the length.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const n = text.length;
  let quotedField = false;
  while (i < n) {
    const c = text[i]!;
    if (c === '"' && field === '' && !quotedField) {
      // A quoted field: up to the closing quote; "" is a quote.
      quotedField = true;
      i++;
      let start = i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) bad('a quoted CSV field is not closed');
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
      if (i < n && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') bad('text after a quoted CSV field');
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      quotedField = false;
      i++;
    } else if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      checkCount('bitwarden-csv', rows.length - 1);
      row = [];
      field = '';
      quotedField = false;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
    } else {
      const next = text.slice(i).search(/[,\r\n]/);
      const end = next < 0 ? n : i + next;
      if (quotedField) bad('text after a quoted CSV field');
      field += text.slice(i, end);
      i = end;
    }
  }
  if (field !== '' || row.length > 0 || quotedField) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** Reads a Bitwarden CSV export. */
export function readBitwardenCsv(text: string): BackupContents {
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (e) {
    if (e instanceof OtpError && e.code === 'INVALID_BACKUP') invalid('bitwarden-csv', e.message);
    throw e;
  }
  const header = rows.shift();
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
  const cell = (row: string[], i: number) => (i < 0 ? undefined : row[i]);
  const data = rows.filter((r) => !(r.length === 1 && r[0] === ''));
  return collect(
    'bitwarden-csv',
    data,
    (row) => {
      const totp = cell(row, totpAt);
      const type = cell(row, at.type);
      if (totp === undefined || totp.trim() === '' || (type !== undefined && type !== '' && type !== 'login')) return null;
      return withExtras(totpToken(totp, cell(row, at.name), cell(row, at.username)), [
        ['note', cell(row, at.notes)],
        ['favorite', cell(row, at.favorite) === '1' ? 'true' : undefined],
        ['groups', groupsExtra([cell(row, at.folder) ?? ''])],
      ]);
    },
    (row) => displayName(cell(row, at.name), cell(row, at.username)),
  );
}
