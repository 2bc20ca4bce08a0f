/**
 * Crockford's base32 symbols (https://www.crockford.com/base32.html): the digits and 22 letters,
 * without I, L, O (look like 1 and 0) and U. Read case-insensitively, with O as 0 and I, L as 1,
 * as Crockford specifies; written upper-case, so the text fits QR alphanumeric mode.
 * @module
 */
import { OtpError } from './errors.ts';

/** The 32 symbols by value. */
export const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Symbol value by ASCII code, -1 for a character that is not a symbol (U among them). */
const VALUES: Readonly<Int8Array> = /* @__PURE__ */ (() => {
  const table = new Int8Array(128).fill(-1);
  // Stryker disable next-line EqualityOperator: v = 32 writes only table[NaN | 0x20], the space: a separator, which every reader skips before asking its value
  for (let v = 0; v < 32; v++) {
    const c = CROCKFORD.charCodeAt(v);
    table[c] = v;
    table[c | 0x20] = v; // lower case; the digits are unchanged by the bit
  }
  for (const [alias, v] of [
    ['O', 0],
    ['I', 1],
    ['L', 1],
  ] as const) {
    table[alias.charCodeAt(0)] = v;
    table[alias.charCodeAt(0) | 0x20] = v;
  }
  return table;
})();

/** The value of the character with code `c` as a symbol (any case; O is 0, I and L are 1), or -1. */
export function symbolValue(c: number): number {
  return c < 128 ? VALUES[c]! : -1;
}

/** Characters people put between symbols when they copy, type or wrap: hyphen, space, tab, line breaks. */
export function isSeparator(c: number): boolean {
  return c === 45 || c === 32 || c === 9 || c === 10 || c === 13;
}

/** How many characters of `text` are not separators: the symbol count, if all are symbols. */
export function countSymbols(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (!isSeparator(text.charCodeAt(i))) n++;
  return n;
}

/**
 * The symbol values of `text`, separators skipped.
 * @throws OtpError `INVALID_ACTIVATION` naming the position (never the text: it carries a key) of
 *   the first character that is not a symbol
 */
export function readSymbols(text: string): Uint8Array {
  const out = new Uint8Array(countSymbols(text));
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isSeparator(c)) continue;
    const v = symbolValue(c);
    if (v < 0) {
      throw new OtpError(
        'INVALID_ACTIVATION',
        `character ${i + 1} of the activation string is not a symbol: expected 0–9 and A–Z without U ` +
          '(any case; O is read as 0, I and L as 1), hyphens, spaces or line breaks',
      );
    }
    out[n++] = v;
  }
  return out;
}

/** Symbol values as upper-case text, in groups of `group` joined by hyphens. */
export function writeSymbols(values: Uint8Array, group: number): string {
  let out = '';
  for (let i = 0; i < values.length; i++) {
    if (i > 0 && i % group === 0) out += '-';
    out += CROCKFORD[values[i]!];
  }
  return out;
}
