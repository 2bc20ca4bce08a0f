// Boundaries of the Bitwarden readers (src/_backup-bitwarden.ts) that mutation testing
// (test/MUTATION.md, slice `backup-apps-b`) found unpinned: what a JSON file that is not an export
// and an encrypted export are told, the forms of the `totp` field (URI, base32, steam://, blank,
// surrounded by spaces), which name and username complete a token, folders and their ids, and the
// CSV reader: quoting, the three line ends, blank lines and the rows' indices, a last line without
// a line break, the header and its columns, the `type` column, and the row cap.
import { describe, expect, test } from 'vitest';
import { MAX_BACKUP_ENTRIES, readBackup } from '../../src/backup.ts';
import { otpError } from './otp-error.ts';

const enc = (s: string) => new TextEncoder().encode(s);
const SECRET = 'JBSWY3DPEHPK3PXP'; // the bytes 'Hello!' and DE AD BE EF
const KEY = Uint8Array.from([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
const STEAM = 'GVMCQF3L3BKFTTHYQUIZ2OK7IDUTZUD4';

/** An unencrypted Bitwarden JSON export of these items. */
const bwJson = (items: unknown[], more: Record<string, unknown> = {}) => JSON.stringify({ encrypted: false, ...more, items });
/** A login item with this `totp`. */
const login = (totp: unknown, more: Record<string, unknown> = {}, username: unknown = 'user') => ({
  type: 1,
  name: 'Item',
  login: { username, totp },
  ...more,
});
const readJson = (items: unknown[], more?: Record<string, unknown>) => readBackup(bwJson(items, more), { format: 'bitwarden-json' });
const readCsv = (data: string | Uint8Array) => readBackup(data, { format: 'bitwarden-csv' });

describe('Bitwarden JSON: the file', () => {
  test('a file that is not an object with an items array is INVALID_BACKUP naming the format and what was expected', () => {
    for (const text of ['[]', 'null', '"items"']) {
      const e = otpError(() => readBackup(text, { format: 'bitwarden-json' }));
      expect([e.code, e.message]).toEqual(['INVALID_BACKUP', expect.stringContaining('Bitwarden (JSON)')]);
      expect(e.message).toContain('an object with items');
    }
    for (const text of ['{"encrypted":false}', '{"encrypted":false,"items":{}}', '{"encrypted":false,"items":"none"}']) {
      const e = otpError(() => readBackup(text, { format: 'bitwarden-json' }));
      expect([e.code, e.message]).toEqual(['INVALID_BACKUP', expect.stringContaining('Bitwarden (JSON)')]);
      expect(e.message).toContain('items must be an array');
    }
  });

  test('an encrypted export (password-protected or account-restricted) is BACKUP_UNSUPPORTED, saying to export it unencrypted', () => {
    const password =
      '{"encrypted":true,"passwordProtected":true,"salt":"c2FsdA==","kdfType":0,"kdfIterations":600000,"encKeyValidation_DO_NOT_EDIT":"2.x|y","data":"2.abc|def"}';
    // An account-restricted export keeps the layout, every string encrypted.
    const account = bwJson([login('2.cipher|text|mac')], { encrypted: true, encKeyValidation_DO_NOT_EDIT: '2.x|y', folders: [] });
    for (const text of [password, account]) {
      for (const options of [undefined, { format: 'bitwarden-json' as const }]) {
        const e = otpError(() => readBackup(text, options));
        expect(e.code).toBe('BACKUP_UNSUPPORTED');
        expect(e.message).toContain('encrypted');
        expect(e.message).toContain('unencrypted JSON');
      }
    }
  });
});

describe('Bitwarden: the totp field', () => {
  test('an otpauth URI or steam:// secret surrounded by spaces or a line break is read as one', () => {
    const { tokens, skipped } = readJson([login(` otpauth://totp/ACME:alice?secret=${SECRET}&digits=8 \n`), login(`\tsteam://${STEAM}  `)]);
    expect(skipped).toEqual([]);
    expect(tokens.map((t) => [t.kind, t.digits, t.issuer, t.account])).toEqual([
      ['totp', 8, 'ACME', 'alice'],
      ['steam', 5, 'Item', 'user'],
    ]);
    expect(tokens[0]!.key).toEqual(KEY);
  });

  test('otpauth:// and steam:// count only at the start: elsewhere the text is a (bad) base32 secret, refused where it is bad', () => {
    const { tokens, skipped } = readJson([login(`xotpauth://totp/A:b?secret=${SECRET}`), login(`mysteam://${STEAM}`)]);
    expect(tokens).toEqual([]);
    expect(skipped.map((s) => s.code)).toEqual(['INVALID_BASE32', 'INVALID_BASE32']);
    // The position is in the whole field: its ':' is the 8th character.
    expect(skipped[1]!.reason).toContain('position 8');
  });

  test('an empty secret is INVALID_KEY naming which secret', () => {
    const { skipped } = readJson([login('steam://'), login('-')]);
    expect(skipped.map((s) => s.code)).toEqual(['INVALID_KEY', 'INVALID_KEY']);
    expect(skipped[0]!.reason).toContain('steam:// secret');
    expect(skipped[1]!.reason).toContain('totp secret');
  });

  test('a login whose totp is empty or blank is no entry (neither a token nor skipped), in JSON and CSV', () => {
    const json = readJson([login(''), login(' \t '), login(null), login(SECRET)]);
    expect([json.tokens.length, json.skipped]).toEqual([1, []]);
    const csv = readCsv(`type,name,login_totp\nlogin,a,\nlogin,b,"  "\nlogin,c,${SECRET}\n`);
    expect([csv.tokens.length, csv.skipped]).toEqual([1, []]);
  });

  test('a totp or username that is not a string skips the item, naming the field', () => {
    const { skipped } = readJson([login(5), login(SECRET, {}, 7)]);
    expect(skipped.map((s) => [s.index, s.code])).toEqual([
      [0, 'INVALID_BACKUP'],
      [1, 'INVALID_BACKUP'],
    ]);
    expect(skipped[0]!.reason).toContain('login.totp');
    expect(skipped[1]!.reason).toContain('login.username');
  });

  test("the URI's issuer and account win; the item's name and username fill only what the URI lacks", () => {
    const items = [
      login(`otpauth://totp/ACME:alice?secret=${SECRET}&issuer=ACME`, { name: 'ACME login' }, 'bob'),
      login(`otpauth://totp/?secret=${SECRET}`, { name: 'Named' }, 'carol'),
      login(SECRET, { name: '' }, ''),
    ];
    const { tokens } = readJson(items);
    expect(tokens.map((t) => [t.issuer, t.account])).toEqual([
      ['ACME', 'alice'],
      ['Named', 'carol'],
      [undefined, undefined],
    ]);
    const csv = readCsv(`name,login_username,login_totp\nACME login,bob,otpauth://totp/ACME:alice?secret=${SECRET}\n`);
    expect([csv.tokens[0]!.issuer, csv.tokens[0]!.account]).toEqual(['ACME', 'alice']);
  });
});

describe('Bitwarden JSON: folders', () => {
  test("an item's folder is the one whose id is its folderId: a folder without a string id or a name is nobody's", () => {
    const folders = [null, 5, { id: 'n', name: 7 }, { name: 'No id' }, { id: 3, name: 'Number id' }, { id: 'f1', name: 'Work' }];
    const items = [
      login(SECRET, { folderId: 'f1' }),
      login(SECRET, { folderId: 'n' }),
      login(SECRET),
      login(SECRET, { folderId: null }),
      login(SECRET, { folderId: '3' }),
    ];
    const { tokens, skipped } = readJson(items, { folders });
    expect(skipped).toEqual([]);
    expect(tokens.map((t) => t.extras?.groups)).toEqual(['["Work"]', undefined, undefined, undefined, undefined]);
  });

  test('folders that are not an array are no folders: the items are read all the same', () => {
    for (const folders of [null, 5, {}, 'Work']) {
      const { tokens } = readJson([login(SECRET, { folderId: 'f1' })], { folders });
      expect(tokens.map((t) => [t.issuer, t.extras])).toEqual([['Item', undefined]]);
    }
  });
});

describe('Bitwarden CSV: fields and rows', () => {
  const HEADER = 'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';

  test('quoted fields: commas, doubled quotes, line breaks, an empty quoted field, a quoted last field before LF, CRLF, CR or the end', () => {
    const note = '"a, ""quoted""\r\nnote"';
    for (const end of ['\n', '\r\n', '\r', '']) {
      const text = `${HEADER}\nWork,1,login,ACME,${note},"",0,,alice,,"${SECRET}"${end}`;
      const { tokens, skipped } = readCsv(text);
      expect(skipped, JSON.stringify(end)).toEqual([]);
      expect(tokens.map((t) => [t.issuer, t.account, t.extras])).toEqual([
        ['ACME', 'alice', { note: 'a, "quoted"\r\nnote', favorite: 'true', groups: '["Work"]' }],
      ]);
      expect(tokens[0]!.key).toEqual(KEY);
    }
  });

  test('rows end with LF, CRLF or CR alike, and the last row needs no line break (a single column, or an empty last field)', () => {
    const rows = ['Work,1,login,A,,,0,,a,,JBSWY3DPEHPK3PXP', ',,login,B,,,0,,b,,', ',,login,C,,,0,,c,,steam://JBSWY3DPEHPK3PXP'];
    const expected = readCsv(`${HEADER}\n${rows.join('\n')}\n`);
    expect(expected.tokens.map((t) => t.issuer)).toEqual(['A', 'C']);
    for (const eol of ['\r\n', '\r']) expect(readCsv(`${HEADER}${eol}${rows.join(eol)}${eol}`)).toEqual(expected);
    expect(readCsv(`${HEADER}\n${rows.join('\n')}`)).toEqual(expected);
    expect(readCsv(`login_totp\n${SECRET}`).tokens.map((t) => t.key)).toEqual([KEY]);
    // The login_totp column first, the row ending with an empty field.
    expect(readCsv(`login_totp,name\n${SECRET},`).tokens.map((t) => [t.key, t.issuer])).toEqual([[KEY, undefined]]);
    // The file's first field quoted, and blank lines before the header: the header is read as it is.
    expect(readCsv(`"login_totp",name\n${SECRET},`).tokens.map((t) => t.key)).toEqual([KEY]);
    expect(readCsv(`\n\r\n${HEADER}\n${rows.join('\n')}\n`)).toEqual(expected);
  });

  test("blank lines are no rows: a skipped row's index counts the rows above it, a row of one empty quoted field among them", () => {
    const text = `${HEADER}\n\n,,login,NoTotp,,,0,,x,,\r\n\r\n""\n\n\n,,login,Broken,,,0,,z,,not base32!\n\n`;
    const { tokens, skipped } = readCsv(text);
    expect(tokens).toEqual([]);
    expect(skipped.map((s) => [s.index, s.name, s.code])).toEqual([[2, 'Broken: z', 'INVALID_BASE32']]);
    // A row of one non-empty field is a row too.
    expect(readCsv(`${HEADER}\nx\n,,login,Broken,,,0,,z,,!\n`).skipped.map((s) => s.index)).toEqual([1]);
  });

  test('a quoted field not closed, or followed by more than a delimiter, is INVALID_BACKUP naming the format', () => {
    const cases: [string, string][] = [
      [`${HEADER}\nWork,1,login,"ACME,,0,,alice,,${SECRET}\n`, 'not closed'],
      [`${HEADER}\nWork,1,login,"AC"ME,,,0,,alice,,${SECRET}\n`, 'text after a quoted CSV field'],
      [`${HEADER}\nWork,1,login,ACME,,,0,,alice,,"${SECRET}" \n`, 'text after a quoted CSV field'],
    ];
    for (const [text, says] of cases) {
      const e = otpError(() => readCsv(text));
      expect([e.code, e.message]).toEqual(['INVALID_BACKUP', expect.stringContaining('Bitwarden (CSV)')]);
      expect(e.message).toContain(says);
    }
  });

  test('a file without a login_totp column (or no header at all) is INVALID_BACKUP naming the column', () => {
    for (const text of ['folder,name,totp\n,ACME,JBSWY3DPEHPK3PXP\n', '', '\n\r\n\n']) {
      const e = otpError(() => readCsv(text));
      expect([e.code, e.message]).toEqual(['INVALID_BACKUP', expect.stringContaining('Bitwarden (CSV)')]);
      expect(e.message).toContain('login_totp');
    }
  });

  test('the type column: only logins (or rows without a type) are tokens; a row shorter than the header is no entry', () => {
    const text = `type,name,login_totp\nnote,N,${SECRET}\ncard,C,${SECRET}\n,Untyped,${SECRET}\nlogin,L,${SECRET}\nlogin,Short\n`;
    const { tokens, skipped } = readCsv(text);
    expect([tokens.map((t) => t.issuer), skipped]).toEqual([['Untyped', 'L'], []]);
    expect(readCsv(`name,login_totp\nNo type column,${SECRET}\n`).tokens.map((t) => t.issuer)).toEqual(['No type column']);
  });

  test('without a folder or favorite column there are no groups and no favorite', () => {
    const { tokens } = readCsv(`name,notes,login_totp\nA,a note,${SECRET}\n`);
    expect(tokens[0]!.extras).toEqual({ note: 'a note' });
  });

  test('one byte-order mark is dropped, as text and as bytes; a second is the first column name', () => {
    const text = `folder,name,login_totp\nWork,A,${SECRET}\n`;
    for (const data of [`\uFEFF${text}`, enc(`\uFEFF${text}`)]) expect(readCsv(data).tokens[0]!.extras).toEqual({ groups: '["Work"]' });
    expect(readCsv(`\uFEFF\uFEFF${text}`).tokens[0]!.extras).toBeUndefined();
  });

  test(`at most ${MAX_BACKUP_ENTRIES} rows after the header (blank lines not counted); one more is INPUT_TOO_LONG naming the format`, () => {
    const row = ',,note,N,,,0,,,,\n';
    const full = `${HEADER}\n${row.repeat(MAX_BACKUP_ENTRIES / 2)}\n\n\n${row.repeat(MAX_BACKUP_ENTRIES / 2)}\n`;
    expect(readCsv(full)).toEqual({ format: 'bitwarden-csv', tokens: [], skipped: [] });
    const e = otpError(() => readCsv(`${full}${row}`));
    expect(e.code).toBe('INPUT_TOO_LONG');
    expect(e.message).toContain('Bitwarden (CSV)');
    expect(e.message).toContain(String(MAX_BACKUP_ENTRIES + 1));
  });
});
