/**
 * Strict UTF-8 (RFC 3629) for the export's string fields, through the URI functions every runtime
 * has (ECMA-262 §19.2.6): they refuse lone surrogates, overlong forms and encoded surrogates, where
 * a lenient coder would silently substitute U+FFFD and change a name.
 * @module
 */
/** The UTF-8 bytes of `text`, or `undefined` when it holds a lone surrogate. */
export function utf8Encode(text: string): Uint8Array | undefined {
  let escaped: string;
  try {
    escaped = encodeURIComponent(text);
  } catch {
    return undefined;
  }
  const out = new Uint8Array(escaped.length);
  let n = 0;
  for (let i = 0; i < escaped.length; i++) {
    if (escaped.charCodeAt(i) === 37 /* % */) {
      out[n++] = parseInt(escaped.slice(i + 1, i + 3), 16);
      i += 2;
    } else out[n++] = escaped.charCodeAt(i);
  }
  return out.slice(0, n);
}

/** The text of UTF-8 bytes, or `undefined` when they are not valid UTF-8. */
export function utf8Decode(bytes: Uint8Array): string | undefined {
  let escaped = '';
  for (const b of bytes) escaped += (b < 16 ? '%0' : '%') + b.toString(16);
  try {
    return decodeURIComponent(escaped);
  } catch {
    // Not UTF-8: decodeURIComponent refuses it (the answer is undefined, below).
  }
  return undefined;
}

/**
 * The text of UTF-8 bytes of any size, or `undefined` when they are not valid UTF-8: the platform's
 * strict `TextDecoder` (in every runtime oathkit targets but Hermes and QuickJS), else
 * {@link utf8Decode}. A byte-order mark is dropped.
 */
export function decodeText(bytes: Uint8Array): string | undefined {
  const Decoder = (globalThis as { TextDecoder?: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array): string } }).TextDecoder;
  // Stryker disable next-line ConditionalExpression: the fallback gives the same answers as TextDecoder (the UTF-8 tests compare both); true only makes it the path taken where TextDecoder exists
  if (Decoder === undefined) return utf8Decode(bytes)?.replace(/^\uFEFF/, '');
  try {
    return new Decoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: the fatal decoder refuses it (the answer is undefined, below).
  }
  return undefined;
}
