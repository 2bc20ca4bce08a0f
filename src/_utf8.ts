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
 * {@link utf8Decode}. A byte-order mark is dropped. With `stream`, the bytes are the start of a
 * longer text (a file's head): a sequence cut at their end is dropped if it can still be completed,
 * as TextDecoder's stream mode does.
 */
export function decodeText(bytes: Uint8Array, stream = false): string | undefined {
  const Decoder = (
    globalThis as { TextDecoder?: new (label: string, options: { fatal: boolean }) => { decode(bytes: Uint8Array, options: { stream: boolean }): string } }
  ).TextDecoder;
  // Stryker disable next-line ConditionalExpression: the fallback gives the same answers as TextDecoder (the UTF-8 tests compare both); true only makes it the path taken where TextDecoder exists
  if (Decoder === undefined) {
    const text = stream ? streamDecode(bytes) : utf8Decode(bytes);
    return text?.replace(/^\uFEFF/, '');
  }
  try {
    return new Decoder('utf-8', { fatal: true }).decode(bytes, { stream });
  } catch {
    // Not UTF-8: the fatal decoder refuses it (the answer is undefined, below).
  }
  return undefined;
}

/**
 * What a fatal TextDecoder in stream mode answers, without one (Hermes, QuickJS): the text of
 * strict UTF-8 bytes ({@link utf8Decode}), a sequence cut at the end dropped if it can still be
 * completed, `undefined` for bytes that are not UTF-8. (Reading other bytes as U+FFFD called
 * an encrypted andOTP file with no control byte in it text, where TextDecoder calls it binary.)
 */
function streamDecode(head: Uint8Array): string | undefined {
  // The last sequence's lead byte and the length it says. Past the start, head[-1] is undefined,
  // and undefined & 0xc0 is 0: the loop ends there (a text of continuation bytes alone is refused).
  let lead = head.length - 1;
  while ((head[lead]! & 0xc0) === 0x80) lead--;
  const b = head[lead] ?? 0;
  // C0 and C1 begin no sequence (RFC 3629 §4: they could only begin overlong ones): the whole is refused.
  const size = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 ? 2 : 1;
  const missing = size - (head.length - lead);
  if (missing <= 0) return utf8Decode(head);
  // Completed with the lowest bytes that may follow it (RFC 3629 §4: after E0 at least A0, after
  // F0 at least 90), decoded, and that last character dropped: a start no character has (E0 80,
  // F4 90, F5…) stays refused, as TextDecoder refuses it at once.
  const whole = new Uint8Array(head.length + missing).fill(0x80);
  whole.set(head);
  if (lead === head.length - 1) whole[lead + 1] = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
  return utf8Decode(whole)?.slice(0, size === 4 ? -2 : -1);
}
