/**
 * QR codes (ISO/IEC 18004:2015, Model 2, versions 1–40, levels L/M/Q/H) for enrolment: an otpauth
 * URI or an activation string as a module matrix, an SVG image or terminal text, made here so
 * that the secret inside never goes to a third-party package or a remote chart service.
 * The text is split into the shortest mix of numeric, alphanumeric and byte (UTF-8, with an ECI
 * designator when not ASCII) segments; the smallest version that holds it at the level is used.
 * @module
 */
import { ECI_BITS, dataCodewords, shortestSegments, versionGroup, type QrSegments } from './_qr-segments.ts';
import { buildSymbol, dataCapacity } from './_qr-symbol.ts';
import { utf8Encode } from './_utf8.ts';
import { checkedObject, describe, integerIn } from './_validate.ts';
import { OtpError } from './errors.ts';

export { OtpError, type OtpErrorCode } from './errors.ts';

/** Error correction level: about 7 % (L), 15 % (M), 25 % (Q) or 30 % (H) of the codewords recoverable. */
export type QrLevel = 'L' | 'M' | 'Q' | 'H';

/** Options of {@link qrMatrix} (and of {@link qrSvg} and {@link qrText}). */
export interface QrOptions {
  /** Error correction level (default `'M'`). */
  level?: QrLevel;
  /** The smallest version to use, 1–40 (default 1): a larger one when the text needs it. */
  minVersion?: number;
  /** The data mask, 0–7 (default: the one of least penalty, ISO/IEC 18004 §7.8.3). */
  mask?: number;
  /** Raise the level as far as the chosen version still holds the text (default false). */
  boost?: boolean;
}

/** A QR code symbol: `modules[y * size + x]` is 1 for a dark module; no quiet zone around. */
export interface QrMatrix {
  /** Modules per side: 4 · version + 17. */
  size: number;
  /** 1–40. */
  version: number;
  /** The level used (above the one asked for only with `boost`). */
  level: QrLevel;
  /** The data mask used, 0–7. */
  mask: number;
  /** `size * size` modules, row by row, 1 dark and 0 light. */
  modules: Uint8Array;
}

/** Options of {@link qrSvg}. */
export interface QrSvgOptions extends QrOptions {
  /** Quiet zone in modules, 0–64 (default 4, the minimum ISO/IEC 18004 asks for). */
  margin?: number;
  /** Width and height of a module in pixels, 1–100 (default 4); the image scales (`viewBox`). */
  moduleSize?: number;
  /** Colour of the dark modules, as CSS/SVG writes it (default `'#000'`). */
  dark?: string;
  /** Colour of the light modules and the quiet zone (default `'#fff'`). */
  light?: string;
  /** The image's accessible name, its `<title>` (default `'QR code'`). */
  title?: string;
}

/** Options of {@link qrText}. */
export interface QrTextOptions extends QrOptions {
  /** Quiet zone in modules, 0–64 (default 4). */
  margin?: number;
  /** Draw the light modules (and the quiet zone) instead of the dark ones: for light text on a dark terminal. */
  invert?: boolean;
}

/** The longest text any QR code holds: 7,089 digits (version 40, level L). Longer is refused at once. */
export const MAX_QR_TEXT = 7089;

const LEVELS: readonly unknown[] = ['L', 'M', 'Q', 'H'];
const MATRIX_KEYS = ['level', 'minVersion', 'mask', 'boost'];

/**
 * The QR code of a text: the smallest version (from `minVersion`) that holds it at the level,
 * the shortest segmentation, and the mask of least penalty unless one is given.
 * @param text - what the code holds, such as an `otpauth://` URI or an activation string (it
 *   carries the secret: never send it to a remote service, never log it)
 * @param options - `level` (`'L'`, `'M'` default, `'Q'`, `'H'`), `minVersion` (1–40), `mask`
 *   (0–7), `boost` (raise the level while the version stays the same)
 * @returns `{ size, version, level, mask, modules }`, `modules[y * size + x]` 1 for dark
 * @throws OtpError `QR_TOO_LONG` (the message gives the text's size and the maximum),
 *   `INVALID_QR_TEXT` (not a string, or a lone surrogate), `INVALID_OPTIONS`
 * @example
 * ```ts
 * import { qrMatrix } from 'oathkit/qr';
 * const qr = qrMatrix('HELLO WORLD', { level: 'Q' });
 * [qr.version, qr.size, qr.level, qr.mask]; // [1, 21, 'Q', 0]
 * qr.modules.slice(0, 8); // Uint8Array [1, 1, 1, 1, 1, 1, 1, 0]
 * qrMatrix('HELLO WORLD', { boost: true }).level; // 'Q'
 * ```
 */
export function qrMatrix(text: string, options?: QrOptions): QrMatrix {
  return encode(text, checkedObject(options, MATRIX_KEYS));
}

function encode(text: unknown, opts: QrOptions): QrMatrix {
  let level = LEVELS.indexOf(opts.level === undefined ? 'M' : opts.level);
  if (level < 0) bad(`level must be 'L', 'M', 'Q' or 'H', got ${describe(opts.level)}`);
  const minVersion = integerIn(opts.minVersion, 1, 1, 40, 'minVersion', 'INVALID_OPTIONS');
  const mask = integerIn(opts.mask, -1, 0, 7, 'mask', 'INVALID_OPTIONS'); // -1: the least penalty
  const boost = flag(opts.boost, 'boost');
  if (typeof text === 'string' && text.length > MAX_QR_TEXT) tooLong(text.length, level);
  const bytes = typeof text === 'string' && utf8Encode(text);
  if (!bytes) throw new OtpError('INVALID_QR_TEXT', 'text must be a string without lone surrogates');
  // Text that is not ASCII is UTF-8 in byte mode, announced by ECI 26 (byte mode defaults to ISO 8859-1).
  const eci = bytes.length > text.length;
  const plans: QrSegments[] = [];
  const bits = (v: number) => (plans[versionGroup(v)] ??= shortestSegments(bytes, versionGroup(v)))[0] + (eci ? ECI_BITS : 0);
  let version = minVersion;
  while (bits(version) > dataCapacity(version, level) * 8) if (++version > 40) tooLong(text.length, level, bits(40));
  // Stryker disable next-line ConditionalExpression,EqualityOperator: past H, dataCapacity is NaN, which no count is ≤
  while (boost && level < 3 && bits(version) <= dataCapacity(version, level + 1) * 8) level++;
  const group = versionGroup(version);
  const data = dataCodewords(bytes, plans[group]!, eci, group, dataCapacity(version, level));
  const { size, modules, mask: chosen } = buildSymbol(version, level, data, mask);
  return { size, version, level: LEVELS[level] as QrLevel, mask: chosen, modules };
}

function bad(message: string): never {
  throw new OtpError('INVALID_OPTIONS', message);
}

function flag(value: unknown, name: string): boolean {
  if (value !== undefined && typeof value !== 'boolean') bad(`${name} must be true or false, got ${describe(value)}`);
  return value === true;
}

/** Refuses text too long for version 40 at `level`, saying how long it is and what fits there. */
function tooLong(length: number, level: number, bits = 0): never {
  const cap = dataCapacity(40, level) * 8;
  // Text longer than MAX_QR_TEXT is refused before its bits are counted (no QR code holds it). The
  // bits are the shortest segmentation's, headers included; docs/qr-codes.md tabulates them as characters.
  throw new OtpError(
    'QR_TOO_LONG',
    `text is ${length} characters long${bits ? ` (${bits} bits)` : ''}; at level ${LEVELS[level]} a QR code holds at most ${cap} bits`,
  );
}

/** Text for an attribute or element of the SVG, if it matches `pattern` (`fallback` if absent). */
function svgText(value: unknown, fallback: string, name: string, pattern: RegExp): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !pattern.test(value)) bad(`${name} must match ${pattern}, got ${describe(value)}`);
  return value;
}

/** The options, and the symbol with its quiet zone: `dark(x, y)` for 0 ≤ x, y < w. */
function bordered(text: string, options: object | undefined, keys: readonly string[]) {
  const opts: QrSvgOptions & QrTextOptions = checkedObject(options, keys);
  const margin = integerIn(opts.margin, 4, 0, 64, 'margin', 'INVALID_OPTIONS');
  const { size, modules } = encode(text, opts);
  const w = size + 2 * margin;
  // Only x needs bounds: past them the index would wrap into a neighbouring row. A row above or
  // below the symbol indexes before 0 or from size² on, where the Uint8Array reads undefined.
  const dark = (x: number, y: number) => x >= margin && x < w - margin && modules[(y - margin) * size + x - margin] === 1;
  return [opts, w, dark] as const;
}

const SVG_KEYS = [...MATRIX_KEYS, 'margin', 'moduleSize', 'dark', 'light', 'title'];

/**
 * The QR code as an SVG image: one `<path>` (the dark modules as horizontal strokes over the light
 * background), a `viewBox` so it scales, a `<title>` as its accessible name, nothing else.
 * @param text - what the code holds (it carries the secret: serve it to the enrolling user only,
 *   with `Cache-Control: no-store`, never from a remote chart service, never logged)
 * @param options - the {@link qrMatrix} options, and `margin` (modules, default 4), `moduleSize`
 *   (pixels, default 4), `dark` and `light` colours (`'#000'`, `'#fff'`), `title` (`'QR code'`)
 * @returns the SVG document, `<svg xmlns=…>…</svg>`, without an XML declaration
 * @throws OtpError as {@link qrMatrix}; `INVALID_OPTIONS` for a margin, size, colour or
 *   title out of range
 * @example
 * ```ts
 * import { qrSvg } from 'oathkit/qr';
 * const svg = qrSvg('otpauth://totp/ACME:alice?secret=JBSWY3DPEHPK3PXP&issuer=ACME', { title: 'ACME sign-in' });
 * svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 41 41" width="164" height="164">'); // true
 * svg.includes('<title>ACME sign-in</title>'); // true
 * svg.match(/<path /g).length; // 1
 * ```
 */
export function qrSvg(text: string, options?: QrSvgOptions): string {
  const [opts, w, dark] = bordered(text, options, SVG_KEYS);
  const scale = integerIn(opts.moduleSize, 4, 1, 100, 'moduleSize', 'INVALID_OPTIONS');
  // A colour in CSS syntax (no quotes, `<` or `&`); a title XML 1.0 can hold (no C0 controls but
  // tab and line breaks, no U+FFFE/U+FFFF, no lone surrogates: the `u` flag reads code points).
  // VT and FF are spelt \x0b\x0c, not \v\f: Stryker's regex mutants turn \v into \V, which the
  // `u` flag refuses when the module is parsed, so no QR test could run under it.
  const colour = /^[\w#(),.%/ -]{1,64}$/;
  const stroke = svgText(opts.dark, '#000', 'dark', colour);
  const fill = svgText(opts.light, '#fff', 'light', colour);
  const title = svgText(opts.title, 'QR code', 'title', /^[^\0-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]{0,256}$/u);
  // The background: a square half a module beyond the view box on every side, so its fill covers
  // the view box and its stroke (the path has one stroke colour) falls outside it. Then one
  // stroke per run of dark modules in a row, each started by a move relative to the last run's end.
  let d = `M-.5-.5h${w + 1}v${w + 1}h${-w - 1}z`;
  // After the square's `z` the pen is back at (−0.5, −0.5): as if a run had ended at x0 = −0.5 in
  // the row y0 = −1 (strokes run along y + 0.5).
  let x0 = -0.5;
  let y0 = -1;
  // Stryker disable next-line EqualityOperator: a row y = w, past the square, has no dark module
  for (let y = 0; y < w; y++) {
    // Stryker disable next-line EqualityOperator: x = w, past the square, is no dark module
    for (let x = 0; x < w; x++) {
      if (!dark(x, y)) continue;
      let end = x + 1;
      while (dark(end, y)) end++;
      d += `m${x - x0} ${y - y0}h${end - x}`;
      [x0, y0, x] = [end, y, end];
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${w}" width="${w * scale}" height="${w * scale}"><title>` +
    `${title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</title>` +
    `<path fill="${fill}" stroke="${stroke}" shape-rendering="crispEdges" d="${d}"/></svg>`
  );
}

const TEXT_KEYS = [...MATRIX_KEYS, 'margin', 'invert'];

/**
 * The QR code as terminal text: UTF-8 half blocks (`█ ▀ ▄` and space), two module rows per line,
 * with a quiet zone. By default the glyphs draw the dark modules (dark text on a light terminal);
 * `invert` draws the light ones and the quiet zone instead, for light text on a dark terminal.
 * @param text - what the code holds (it carries the secret: print it to the enrolling user's
 *   terminal only, never into a log)
 * @param options - the {@link qrMatrix} options, and `margin` (modules, default 4), `invert`
 * @returns `(size + 2 · margin + 1) / 2` lines of `size + 2 · margin` characters, joined by `\n`
 * @throws OtpError as {@link qrMatrix}; `INVALID_OPTIONS` for a margin out of range or an
 *   `invert` that is not a boolean
 * @example
 * ```ts
 * import { qrText } from 'oathkit/qr';
 * const lines = qrText('1CM1-8485-1MTH-9H68', { margin: 1 }).split('\n');
 * lines.length; // 12
 * lines[1]; // ' █ ▄▄▄ █  ▄▀ █ █ ▄▄▄ █ '
 * ```
 */
export function qrText(text: string, options?: QrTextOptions): string {
  const [opts, w, dark] = bordered(text, options, TEXT_KEYS);
  const invert = flag(opts.invert, 'invert');
  // Ink where a module is dark (light with `invert`); none below the square (the odd last row's lower half).
  const ink = (x: number, y: number) => y < w && invert !== dark(x, y);
  const lines: string[] = [];
  // Stryker disable next-line EqualityOperator: w (size 4v + 17 plus twice the margin) is odd, so even y never equals it
  for (let y = 0; y < w; y += 2) {
    let line = '';
    for (let x = 0; x < w; x++) line += ' ▀▄█'[+ink(x, y) + 2 * +ink(x, y + 1)];
    lines.push(line);
  }
  return lines.join('\n');
}
