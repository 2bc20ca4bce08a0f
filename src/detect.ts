/**
 * The one format detector: names the format of a text (or file) that carries tokens, by its form
 * alone, so that one format can never be read as another. Every reader that accepts more than one
 * format asks it (`decodeActivation`, the backup and PSKC readers, the CLI's `import`), and a new
 * format is added here, in {@link FORMATS}, and nowhere else.
 * @module
 */
import { countSymbols, isSeparator } from './_crockford.ts';

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
  | 'pskc';

/** What the detector says of a text that is none of the formats: the closest thing it resembles. */
export type NotATokenFormat =
  /** Bare base32, shorter than any activation string: most likely a bare secret without its parameters. */
  | 'base32-secret'
  /** Nothing oathkit reads. */
  | 'unknown';

/** One format's test: does this trimmed text (at most the first {@link SNIFF_BYTES} characters) look like it? */
interface Sniffer {
  readonly format: TokenFormat;
  readonly test: (head: string, text: string) => boolean;
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
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const limit = Math.min(text.length, 65_536);
  for (;;) {
    while (i < limit && /[ \t\r\n]/.test(text[i]!)) i++;
    const close = text.startsWith('<?xml', i) ? '?>' : text.startsWith('<!--', i) ? '-->' : undefined;
    if (close !== undefined) {
      const end = text.indexOf(close, i);
      if (end === -1 || end > limit) return false;
      i = end + close.length;
      continue;
    }
    break;
  }
  const m = /^<(?:([A-Za-z_][\w.-]*):)?KeyContainer[ \t\r\n>]/.exec(text.slice(i, i + 64));
  if (m === null) return false;
  const end = text.indexOf('>', i);
  const tag = text.slice(i, end === -1 ? Math.min(text.length, i + 4096) : end);
  const ns = m[1] === undefined ? 'xmlns' : `xmlns:${m[1]}`;
  return new RegExp(`[ \\t\\r\\n]${ns.replace(/\./g, '\\.')}[ \\t\\r\\n]*=[ \\t\\r\\n]*(["'])urn:ietf:params:xml:ns:keyprov:pskc\\1`).test(tag);
}

/**
 * The formats in the order they are tried. Each test looks only at the form; the reader of the
 * format then checks everything.
 */
const FORMATS: readonly Sniffer[] = /* @__PURE__ */ Object.freeze([
  { format: 'pskc', test: (_, text) => text.startsWith('<') && pskcRoot(text) },
  { format: 'google', test: (head) => lower(head, 18) === 'otpauth-migration:' },
  {
    format: 'uris',
    test: (head, text) => lower(head, 8) === 'otpauth:' && text.split(/\r?\n/).filter((l) => l.trim() !== '').length > 1,
  },
  { format: 'otpauth', test: (head) => lower(head, 8) === 'otpauth:' },
  { format: 'mobilepass', test: (_, text) => countSymbols(text) === 20 && alphanumericOnly(text) },
  {
    format: 'activation',
    test: (_, text) => text.length <= SNIFF_BYTES && crockfordOnly(text) && countSymbols(text) >= MIN_ACTIVATION_SYMBOLS && !base32Only(text),
  },
]);

/**
 * Names the format of a text that carries tokens, by its form alone (nothing is decoded or
 * checked: the format's reader does that and reports what is wrong):
 * - `google`: starts with `otpauth-migration:`; `otpauth`: one `otpauth:` URI; `uris`: several
 *   lines of them;
 * - `mobilepass`: exactly 20 letters and digits (and separators): no activation string has 20
 *   symbols, so its reader can say which symbol is not base32;
 * - `pskc`: XML whose first element is an RFC 6030 `KeyContainer`;
 * - `activation`: Crockford base32 symbols (and separators), 21 or more of them (the shortest is
 *   22), not all of them RFC 4648 base32 (an activation string begins with its version, `1`);
 * - otherwise what it resembles: `base32-secret` (16 or more symbols of RFC 4648 base32 that are
 *   none of the above: a bare key without its parameters), or `unknown`.
 * Leading and trailing white space and a byte-order mark are ignored.
 * @param text - the text
 * @returns the format's name
 * @example
 * ```ts
 * import { detectFormat } from 'oathkit';
 * detectFormat('otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP'); // 'otpauth'
 * detectFormat('10RK-4CSM-6MV3-EE1S-60RK-4CSM-6MV3-EE1S-60YC-92'); // 'activation'
 * detectFormat('XUU75-RROTT-Y5IP6-U3BMV'); // 'mobilepass'
 * detectFormat('JBSWY3DPEHPK3PXP'); // 'base32-secret'
 * detectFormat('hello'); // 'unknown'
 * ```
 */
export function detectFormat(text: string): TokenFormat | NotATokenFormat {
  if (typeof text !== 'string') return 'unknown';
  const trimmed = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).trim();
  const head = trimmed.slice(0, SNIFF_BYTES);
  for (const { format, test } of FORMATS) if (test(head, trimmed)) return format;
  const bare = trimmed.replace(/=+$/, '');
  if (countSymbols(bare) >= MIN_SECRET_SYMBOLS && bare.length <= SNIFF_BYTES && base32Only(bare)) return 'base32-secret';
  return 'unknown';
}
