// Minimal assertions for the shared suite: the same file runs under Vitest (Node and Chromium),
// node:test, Deno and Bun, so it depends on none of their assertion libraries.

/** @param {unknown} value */
function show(value) {
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Uint8Array) return `Uint8Array[${Array.from(value).join(',')}]`;
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
  } catch {
    return String(value);
  }
}

/**
 * @param {any} a
 * @param {any} b
 * @returns {boolean}
 */
function same(a, b) {
  if (Object.is(a, b)) return true;
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => same(a[k], b[k]));
  }
  return false;
}

/**
 * Deep equality (plain objects, arrays, Uint8Array, bigint).
 * @param {unknown} actual
 * @param {unknown} expected
 */
export function eq(actual, expected, what = '') {
  if (!same(actual, expected)) {
    throw new Error(`${what ? what + ': ' : ''}expected ${show(expected)}, got ${show(actual)}`);
  }
}

/**
 * `fn` must throw an OtpError (from `lib`) whose code is `code`. Returns the error.
 * @param {typeof import('../../src/errors.ts').OtpError} OtpError
 * @param {() => unknown} fn
 * @param {import('../../src/errors.ts').OtpErrorCode} code
 * @returns {import('../../src/errors.ts').OtpError}
 */
export function throwsCode(OtpError, fn, code, what = '') {
  try {
    fn();
  } catch (caught) {
    const e = /** @type {any} */ (caught);
    if (!(e instanceof OtpError)) throw new Error(`${what}: expected OtpError ${code}, got ${e && e.name}: ${e && e.message}`);
    if (!(e instanceof Error)) throw new Error(`${what}: OtpError must extend Error`);
    if (e.code !== code) throw new Error(`${what}: expected code ${code}, got ${e.code} (${e.message})`);
    if (typeof e.message !== 'string' || e.message.length < 10) throw new Error(`${what}: message too thin: ${e.message}`);
    return e;
  }
  throw new Error(`${what}: expected OtpError ${code}, nothing was thrown`);
}

/** @param {unknown} value */
export function ok(value, what = 'assertion') {
  if (!value) throw new Error(`${what} failed`);
}

/**
 * Freezes an object and everything inside it, so any mutation by the library throws.
 * @template T
 * @param {T} value
 * @returns {T}
 */
export function deepFreeze(value) {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A value as it would come back from storage: through JSON, then frozen. */
/** @type {<T>(value: T) => any} */
export const stored = (value) => deepFreeze(JSON.parse(JSON.stringify(value)));

/**
 * The UTF-8 bytes of `text` (lone surrogates as U+FFFD). The suite's own encoder: Hermes and QuickJS
 * have no TextEncoder, and the suite must not need what oathkit itself does without.
 */
/** @param {string} text */
export function utf8(text) {
  /** @type {number[]} */
  const out = [];
  for (const ch of text) {
    let c = /** @type {number} */ (ch.codePointAt(0));
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

/**
 * A value of a type the API does not take, passed on purpose: the runtime check is what is tested
 * (the types already refuse it at compile time).
 * @param {unknown} value
 * @returns {any}
 */
export const wrong = (value) => value;

/**
 * A vector file's algorithm name (JSON gives a plain string) as the API's type.
 * @param {string} name
 * @returns {import('../../src/index.ts').Algorithm}
 */
export const alg = (name) => /** @type {import('../../src/index.ts').Algorithm} */ (name);

/**
 * Vector counts and their adder: `count(set, n)` adds n (default 1) to `counts[set]`.
 * @returns {{ counts: Record<string, number>; count: (name: string, n?: number) => void }}
 */
export function tally() {
  /** @type {Record<string, number>} */
  const counts = {};
  return { counts, count: (name, n = 1) => void (counts[name] = (counts[name] ?? 0) + n) };
}

/**
 * An error code as a vector file gives it (JSON gives a plain string).
 * @param {string} code
 * @returns {import('../../src/errors.ts').OtpErrorCode}
 */
export const errorCode = (code) => /** @type {import('../../src/errors.ts').OtpErrorCode} */ (code);

/**
 * A module's exports by name, to look them up by a computed name.
 * @param {object} module
 * @returns {Record<string, unknown>}
 */
export const members = (module) => /** @type {Record<string, unknown>} */ (module);

/**
 * `list[i]`, which must be there (an index past the end is a broken test, not undefined).
 * @template T
 * @param {readonly T[]} list
 * @param {number} i
 * @returns {T}
 */
export function nth(list, i) {
  if (!(i >= 0 && i < list.length)) throw new Error(`no element ${i} in a list of ${list.length}`);
  return /** @type {T} */ (list[i]);
}
