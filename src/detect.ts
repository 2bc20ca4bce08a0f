/**
 * The one format detector: names the format of a text (or file) that carries tokens, by its form
 * alone, so that one format can never be read as another. Every reader that accepts more than one
 * format asks it (`decodeActivation`, the backup and PSKC readers, the CLI's `import`), and a new
 * format is added here, in {@link FORMATS}, and nowhere else.
 * @module
 */
import { countSymbols, isSeparator } from './_crockford.ts';
import { decodeText } from './_utf8.ts';

/** A format oathkit reads tokens from. */
export type TokenFormat =
  /** One `otpauth://` URI (Google's Key Uri Format). */
  | 'otpauth'
  /** Google Authenticator's `otpauth-migration://offline?data=…` export (one or more lines). */
  | 'google'
  /** Several `otpauth://` URIs, one a line (many apps' plain-text export). */
  | 'uris'
  /** An oathkit activation string. */
  | 'activation'
  /** A SafeNet MobilePASS (legacy) activation code. */
  | 'mobilepass'
  /** A PSKC key container (RFC 6030): XML whose first element is a `KeyContainer` in its namespace. */
  | 'pskc'
  /** A plain backup of an authenticator app (`readBackup` reads it; the names are `BackupFormat`'s). */
  | PlainBackupFormat
  /** An encrypted backup of an authenticator app (`decryptBackup` reads it with the password). */
  | EncryptedBackupName;

/**
 * The backup formats that are not also one of the text formats above (`uris` and `google` are
 * both): Aegis, 2FAS, andOTP, Authenticator Pro, FreeOTP+, Bitwarden JSON and CSV, Proton
 * Authenticator, Ente Auth's text export, a Steam maFile.
 */
export type PlainBackupFormat =
  | 'aegis'
  | '2fas'
  | 'andotp'
  | 'authenticator-pro'
  | 'freeotp-plus'
  | 'bitwarden-json'
  | 'bitwarden-csv'
  | 'proton'
  | 'ente'
  | 'steam';

/** The encrypted variant of a backup format, as the detector names it: `<format>-encrypted`. */
export type EncryptedBackupName = 'aegis-encrypted' | '2fas-encrypted' | 'andotp-encrypted' | 'authenticator-pro-encrypted';

/** What the detector says of a text that is none of the formats: the closest thing it resembles. */
export type NotATokenFormat =
  /** Bare base32, shorter than any activation string: most likely a bare secret without its parameters. */
  | 'base32-secret'
  /** Nothing oathkit reads. */
  | 'unknown';

/** One format's test: does this trimmed text (`head` is at most its first {@link SNIFF_BYTES} characters) look like it? */
interface Sniffer {
  readonly format: TokenFormat;
  readonly test: (head: string, text: string, paths: () => JsonPaths) => boolean;
}

/** The fewest base32 symbols taken for a bare secret: 80 bits, the shortest secret in common use. */
const MIN_SECRET_SYMBOLS = 16;

/** Characters the detector looks at from the start of a text. */
export const SNIFF_BYTES = 4096;

const lower = (s: string, n: number) => s.slice(0, n).toLowerCase();

/** True when every character of `text` is a Crockford symbol (or alias) or a separator. */
function crockfordOnly(text: string): boolean {
  return every(text, (c, u) => (c >= 48 && c <= 57) || (u >= 65 && u <= 90 && u !== 85)); // A–Z without U
}

/** True when every character of `text` is RFC 4648 base32 (any case) or a separator. */
function base32Only(text: string): boolean {
  return every(text, (c, u) => (u >= 65 && u <= 90) || (c >= 50 && c <= 55));
}

/** True when every character of `text` is an ASCII letter or digit, or a separator. */
function alphanumericOnly(text: string): boolean {
  return every(text, (c, u) => (u >= 65 && u <= 90) || (c >= 48 && c <= 57));
}

/** Whether `test(code, upper-cased code)` holds for every character that is not a separator. */
function every(text: string, test: (c: number, u: number) => boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isSeparator(c) && !test(c, c & ~0x20)) return false;
  }
  return true;
}

/**
 * The shortest activation string (version 1) is 22 symbols, and no version has exactly 20
 * (MobilePASS's count); 21 is one left out, which its reader reports as a typo.
 */
const MIN_ACTIVATION_SYMBOLS = 21;

/**
 * Whether the first element (after an XML declaration, comments and white space) is a
 * `KeyContainer` whose prefix, or the default namespace, is bound to RFC 6030's on that element.
 */
function pskcRoot(text: string): boolean {
  // The text is trimmed, byte-order mark and all, and begins with '<' (FORMATS' pskc test).
  let i = 0;
  const limit = Math.min(text.length, 65_536);
  for (;;) {
    while (i < limit && /[ \t\r\n]/.test(text[i]!)) i++;
    const close = text.startsWith('<?xml', i) ? '?>' : text.startsWith('<!--', i) ? '-->' : undefined;
    if (close !== undefined) {
      const end = text.indexOf(close, i);
      // Stryker disable next-line ConditionalExpression,UnaryOperator: unclosed, i = -1 + close.length (1 or 2) lands inside the '<?' or '<!' the text opens with, where no element begins: false below all the same
      if (end === -1) return false;
      if (end > limit) return false;
      i = end + close.length;
      continue;
    }
    break;
  }
  const m = /^<(?:([A-Za-z_][\w.-]*):)?KeyContainer[ \t\r\n>]/.exec(text.slice(i, i + 64));
  if (m === null) return false;
  const end = text.indexOf('>', i);
  const tag = text.slice(i, end === -1 ? i + 4096 : end); // an unclosed start tag: as far as a long one goes
  const ns = m[1] === undefined ? 'xmlns' : `xmlns:${m[1]}`;
  return new RegExp(`[ \\t\\r\\n]${ns.replace(/\./g, '\\.')}[ \\t\\r\\n]*=[ \\t\\r\\n]*(["'])urn:ietf:params:xml:ns:keyprov:pskc\\1`).test(tag);
}

/** Characters of a JSON text whose member names the detector reads. */
export const SNIFF_JSON = 65_536;
/** The deepest member path recorded (`entries[].content.uri` is 4). */
const JSON_DEPTH = 4;
/**
 * The longest member path recorded, in characters: the tests ask for paths of at most 17
 * (`passwordProtected`), a Steam maFile's `accounts.<Steam ID>.shared_secret` is 40. A longer one
 * (a long member name) is passed over with what is inside it: hashing every path whole made each
 * value under a long name cost its length (0.6 s for 64 KiB of one 16,000-character name and an
 * array of 24,000 numbers), quadratic within the window.
 */
const JSON_PATH = 256;

/**
 * The member paths of a JSON text's first {@link SNIFF_JSON} characters, each with the first
 * character of its value: `header.slots` → `[`, `services[].otp` → `{`, `[].secret` → `"` (an array's
 * elements are `[]`; the root is `''`), to depth {@link JSON_DEPTH}, the first occurrence of each.
 * Nothing is validated or decoded (a name with escapes stays escaped): this is a look at the
 * form, linear in the window, and the format's reader checks everything.
 */
type JsonPaths = ReadonlyMap<string, string>;

/** A container whose members are recorded: its path, and an array's element path, made once. */
interface Open {
  readonly path: string;
  readonly array: boolean;
  element?: string;
}

/**
 * The path of the value that comes next in `top` (under `name` in an object). The root's members
 * are known by the root's place, not by its path '': a member named '' has that path too, and its
 * own members are not the root's.
 */
function memberPath(top: Open | undefined, name: string, root: boolean): string {
  // An array's element path is made once, so that its elements hash one string, not one each.
  return top === undefined ? '' : top.array ? (top.element ??= `${top.path}[]`) : root ? name : `${top.path}.${name}`;
}

function jsonPaths(text: string): JsonPaths {
  const paths = new Map<string, string>();
  const open: Open[] = [];
  let deeper = 0; // containers open past JSON_DEPTH or JSON_PATH, only counted
  // Stryker disable next-line StringLiteral: read only for a value before any member name (not JSON), whose path no format asks for
  let name = ''; // the member name whose value comes next
  // Stryker disable next-line BooleanLiteral: the text begins with '{' or '[' (the JSON tests ask), which sets it before it is read
  let expectName = false;
  const end = Math.min(text.length, SNIFF_JSON);
  for (let i = 0; i < end; i++) {
    const c = text[i]!;
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === ':') continue;
    const top = open[open.length - 1];
    if (c === '}' || c === ']') {
      if (deeper > 0) deeper--;
      else open.pop();
      continue;
    }
    if (c === ',') {
      expectName = top?.array === false;
      continue;
    }
    let j = i;
    if (c === '"') {
      // Stryker disable next-line EqualityOperator: j = end only ends a string cut by the window one character later, and nothing after it is read
      for (j++; j < end && text[j] !== '"'; j++) if (text[j] === '\\') j++;
      if (deeper === 0 && expectName) {
        name = text.slice(i + 1, j);
        expectName = false;
        i = j;
        continue;
      }
    } else if (c !== '{' && c !== '[') {
      // A bare word (a number, true, false, null) runs to the next delimiter.
      // Stryker disable next-line EqualityOperator,ArithmeticOperator: j = end - 1 or end, either ends the loop at the window's edge; nothing after it is read
      while (j + 1 < end && !/[\s,\]}]/.test(text[j + 1]!)) j++;
    }
    i = j;
    // Stryker disable next-line ConditionalExpression,StringLiteral: the next line passes over every value while deeper > 0, whatever its path: '' only spares building it
    const path = deeper > 0 ? '' : memberPath(top, name, open.length === 1);
    if (deeper > 0 || path.length > JSON_PATH) {
      if (c === '{' || c === '[') deeper++;
      continue;
    }
    if (!paths.has(path)) paths.set(path, c);
    if (c === '{' || c === '[') {
      if (open.length < JSON_DEPTH) open.push({ path, array: c === '[' });
      else deeper++;
      expectName = c === '{';
    }
  }
  return paths;
}

/** The first line of a CSV file names Bitwarden's `login_totp` column. */
const bitwardenCsv = (head: string) => /(^|,)login_totp(,|\r?$)/.test(head.split('\n', 1)[0]!);

/** Whether a JSON text's member `path` was seen (with a value beginning with `first`, if given). */
type Has = (path: string, first?: string) => boolean;

/** A JSON backup format's test, on the member paths near the top of the file. */
const json = (format: TokenFormat, test: (has: Has, paths: JsonPaths) => boolean): Sniffer => ({
  format,
  test: (head, _, paths) =>
    (head[0] === '{' || head[0] === '[') && test((p, first) => paths().has(p) && (first === undefined || paths().get(p) === first), paths()),
});

/** Authenticator Pro's encrypted files begin with one of these (current, legacy). */
const STRATUM_HEADERS = ['AUTHENTICATORPRO', 'AuthenticatorPro'];

/**
 * The formats in the order they are tried. Each test looks only at the form; the reader of the
 * format then checks everything.
 */
const FORMATS: readonly Sniffer[] = /* @__PURE__ */ Object.freeze([
  { format: 'pskc', test: (_, text) => pskcRoot(text) },
  { format: 'google', test: (head) => lower(head, 18) === 'otpauth-migration:' },
  // Several otpauth URIs, one a line: Ente Auth's export when they carry its codeDisplay parameter.
  { format: 'ente', test: (head, text) => lower(head, 8) === 'otpauth:' && multiline(text) && /[?&]codeDisplay=/.test(head) },
  { format: 'uris', test: (head, text) => lower(head, 8) === 'otpauth:' && multiline(text) },
  { format: 'otpauth', test: (head) => lower(head, 8) === 'otpauth:' },
  // The backups stored as JSON, by member names near the top of the file.
  // Aegis vault: header and db; encrypted when the header has slots or db is a (base64) string.
  json('aegis-encrypted', (has) => has('header', '{') && (has('header.slots', '[') || has('db', '"'))),
  json('aegis', (has) => has('header', '{') && (has('db') || has('header.slots'))),
  // 2FAS: services with its schema version (or services' otp objects); encrypted: servicesEncrypted.
  json('2fas-encrypted', (has) => has('servicesEncrypted', '"')),
  json('2fas', (has) => has('services', '[') && (has('schemaVersion') || has('services[].otp'))),
  json('authenticator-pro', (has) => has('Authenticators', '[')),
  json('freeotp-plus', (has) => has('tokens', '[') && (has('tokenOrder') || has('tokens[].secret', '['))),
  // Bitwarden: `encrypted` true or false; an encrypted export is read only to be refused by name.
  json(
    'bitwarden-json',
    (has) => (has('encrypted', 't') || has('encrypted', 'f')) && (has('items') || has('passwordProtected') || has('data') || has('folders')),
  ),
  json('proton', (has) => has('entries', '[') && has('version') && (has('entries[].content', '{') || !has('entries[]'))),
  // A Steam maFile, or the Steam app's file of several (`accounts` by Steam ID).
  json('steam', (has, paths) => has('shared_secret') || [...paths.keys()].some((p) => /^accounts\.[^.]+\.shared_secret$/.test(p))),
  json('andotp', (has) => has('', '[') && has('[].secret', '"') && has('[].label')),
  { format: 'authenticator-pro-encrypted', test: (head) => STRATUM_HEADERS.some((h) => head.startsWith(h)) },
  { format: 'bitwarden-csv', test: bitwardenCsv },
  // Within the window, as activation strings: a code padded past it with separators is not one.
  { format: 'mobilepass', test: (_, text) => text.length <= SNIFF_BYTES && countSymbols(text) === 20 && alphanumericOnly(text) },
  {
    format: 'activation',
    test: (_, text) => text.length <= SNIFF_BYTES && crockfordOnly(text) && countSymbols(text) >= MIN_ACTIVATION_SYMBOLS && !base32Only(text),
  },
]);

/**
 * Whether a trimmed text has more than one non-blank line: its first and last lines are not blank,
 * so any line break will do. (Counting the non-blank lines among the first 64 called two URIs
 * with 64 blank lines between them one URI.)
 */
const multiline = (text: string) => text.includes('\n');

/** The fewest bytes of an encrypted andOTP file: a GCM nonce and tag (the old format's layout). */
const MIN_ANDOTP_BYTES = 28;

/**
 * The text of a file's first {@link SNIFF_JSON} bytes (UTF-8; a sequence cut at the end is
 * dropped), or `undefined` when they are binary: a control character no text file holds (other
 * than tab, line breaks and form feed), or bytes that are not UTF-8.
 */
function headText(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, SNIFF_JSON);
  for (const b of head) if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) return undefined;
  return decodeText(head, true);
}

/**
 * Names the format of a text (or a file's bytes) that carries tokens, by its form alone (nothing
 * is decoded or checked: the format's reader does that and reports what is wrong):
 * - `google`: starts with `otpauth-migration:`; `otpauth`: one `otpauth:` URI; `uris`: several
 *   lines of them; `ente`: several, with Ente Auth's `codeDisplay` parameter;
 * - `mobilepass`: exactly 20 letters and digits (and separators): no activation string has 20
 *   symbols, so its reader can say which symbol is not base32;
 * - `pskc`: XML whose first element is an RFC 6030 `KeyContainer`;
 * - `activation`: Crockford base32 symbols (and separators), 21 or more of them (the shortest is
 *   22), not all of them RFC 4648 base32 (an activation string begins with its version, `1`);
 * - the backups of authenticator apps (`readBackup`'s formats): JSON by the member names in its
 *   first 64 KiB — `aegis` (`header`, `db`), `2fas` (`services`, `schemaVersion`),
 *   `authenticator-pro` (`Authenticators`), `freeotp-plus` (`tokens`, `tokenOrder`),
 *   `bitwarden-json` (`encrypted`, `items`), `proton` (`version`, `entries[].content`), `steam`
 *   (`shared_secret`), `andotp` (an array of objects with `secret` and `label`); `bitwarden-csv` by
 *   its header row (`login_totp`);
 * - encrypted backups (`decryptBackup`'s): `aegis-encrypted` (password slots, or `db` a string),
 *   `2fas-encrypted` (`servicesEncrypted`), `authenticator-pro-encrypted` (its header
 *   `AUTHENTICATORPRO` or the legacy `AuthenticatorPro`), and `andotp-encrypted`: bytes that are
 *   binary (not UTF-8 text), since andOTP's encrypted files have no header at all;
 * - otherwise what it resembles: `base32-secret` (16 or more symbols of RFC 4648 base32 that are
 *   none of the above: a bare key without its parameters), or `unknown`.
 * Leading and trailing white space and a byte-order mark are ignored. The cost is bounded by the
 * first 64 KiB of the text (a key scan, no parse) and a trim.
 * @param text - the text, or a file's bytes (UTF-8; binary bytes are an encrypted backup's)
 * @returns the format's name
 * @example
 * ```ts
 * import { detectFormat } from 'oathkit';
 * detectFormat('otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP'); // 'otpauth'
 * detectFormat('10RK-4CSM-6MV3-EE1S-60RK-4CSM-6MV3-EE1S-60YC-92'); // 'activation'
 * detectFormat('XUU75-RROTT-Y5IP6-U3BMV'); // 'mobilepass'
 * detectFormat('{"version":1,"header":{"slots":null,"params":null},"db":{"version":3,"entries":[]}}'); // 'aegis'
 * detectFormat('{"services":[],"schemaVersion":4,"servicesEncrypted":"…"}'); // '2fas-encrypted'
 * detectFormat(new Uint8Array([0, 2, 34, 224, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7])); // 'andotp-encrypted'
 * detectFormat('JBSWY3DPEHPK3PXP'); // 'base32-secret'
 * detectFormat('hello'); // 'unknown'
 * ```
 */
export function detectFormat(text: string | Uint8Array): TokenFormat | NotATokenFormat {
  let source: string;
  if (typeof text === 'string') source = text;
  else if (text instanceof Uint8Array) {
    const decoded = headText(text);
    if (decoded === undefined) {
      const stratum = STRATUM_HEADERS.some((h) => Array.from(h).every((c, i) => text[i] === c.charCodeAt(0)));
      return stratum ? 'authenticator-pro-encrypted' : text.length >= MIN_ANDOTP_BYTES ? 'andotp-encrypted' : 'unknown';
    }
    source = decoded;
  } else return 'unknown';
  // trim() drops a byte-order mark too: U+FEFF is white space to ECMAScript (§12.2).
  const trimmed = source.trim();
  const head = trimmed.slice(0, SNIFF_BYTES);
  let paths: JsonPaths | undefined;
  const json = () => (paths ??= jsonPaths(trimmed));
  for (const { format, test } of FORMATS) if (test(head, trimmed, json)) return format;
  // Padding is cut by a loop: /=+$/ retries at every '=' of a long run, quadratic in its length.
  let end = trimmed.length;
  // At 0, charCodeAt(-1) is NaN, which ends it.
  while (trimmed.charCodeAt(end - 1) === 0x3d) end--;
  const bare = trimmed.slice(0, end);
  if (bare.length <= SNIFF_BYTES && countSymbols(bare) >= MIN_SECRET_SYMBOLS && base32Only(bare)) return 'base32-secret';
  return 'unknown';
}
