/**
 * QR code data: the shortest sequence of numeric, alphanumeric and byte segments for a text
 * (ISO/IEC 18004:2015 §7.4.3–7.4.5, character count bits Table 3), an ECI designator 26 (UTF-8,
 * §7.4.2) before text that is not ASCII, and the data codewords with terminator and padding (§7.4.9).
 * @module
 */

/** Character count bits by version group (1–9, 10–26, 27–40) and mode (Table 3). */
const COUNT_BITS = [
  [10, 9, 8],
  [12, 11, 16],
  [14, 13, 16],
];

/** The 45 characters of alphanumeric mode, by value (Table 5). */
const ALPHANUMERIC = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

/** ECI mode indicator 0111 then designator 000026 in one byte: 12 bits (§7.4.2.2). */
export const ECI_BITS = 12;

/** 0 for a digit, 1 for another alphanumeric character, 2 for a byte only byte mode carries. */
function classOf(byte: number): number {
  const v = ALPHANUMERIC.indexOf(String.fromCharCode(byte));
  return v < 0 ? 2 : v < 10 ? 0 : 1;
}

/** The version group (index into {@link COUNT_BITS}) of a version. */
export function versionGroup(version: number): number {
  return version < 10 ? 0 : version < 27 ? 1 : 2;
}

/** Segments as `[mode, from, to]` byte ranges of the UTF-8 text, and their length in bits. */
export type QrSegments = [bits: number, segments: [mode: number, from: number, to: number][]];

// The search runs over the UTF-8 bytes: a byte ≥ 0x80 only fits byte mode, so a split inside a
// character would separate two byte segments, which is never shortest (merging saves a header).
// A segment's cost is the sum of what each character adds to it, which depends only on its count
// modulo the group size: a digit adds 4, 3, 3 bits (a group of three is 10 bits, Table 3 of
// §7.4.3), an alphanumeric 6, 5 (a pair is 11 bits), a byte 8. So six states per position
// (numeric with count ≡ 1, 2, 0 mod 3; alphanumeric ≡ 1, 0 mod 2; byte) make an exact shortest-path
// search in linear time, where costing characters by fractions of bits is only approximate.
const STATE_MODE = [0, 0, 0, 1, 1, 2];
/** The state each state continues from, and the bits a byte adds there. */
const FROM = [2, 0, 1, 4, 3, 5];
const ADD = [4, 3, 3, 6, 5, 8];
/** States a byte can open a new segment in: a segment's first character (count ≡ 1, or byte). */
const OPENS = 0b101001;

/**
 * The shortest segmentation of `bytes` for a version group: fewest bits, headers included.
 * @param bytes - the text in UTF-8
 * @param group - 0, 1 or 2 (versions 1–9, 10–26, 27–40)
 */
export function shortestSegments(bytes: Uint8Array, group: number): QrSegments {
  const n = bytes.length;
  // back[i * 6 + s]: the state before byte i on the best path into state s, plus 8 when byte i
  // opens a new segment there (6 stands for the start of the text).
  const back = new Uint8Array(n * 6);
  let cost = [Infinity, Infinity, Infinity, Infinity, Infinity, Infinity];
  let best = 6; // the cheapest state before byte i (6: the start), and its cost
  let bestCost = 0;
  for (let i = 0; i < n; i++) {
    const cls = classOf(bytes[i]!);
    const next = cost.map((_, s) => {
      const mode = STATE_MODE[s]!;
      if (mode < cls) return Infinity; // a letter cannot be numeric, a byte ≥ 0x80 only byte
      // Byte i continues the segment of state FROM[s], or opens a new one (after the cheapest state).
      const kept = cost[FROM[s]!]! + ADD[s]!;
      const fresh = (OPENS >> s) & 1 ? bestCost + 4 + COUNT_BITS[group]![mode]! + ADD[s]! : Infinity;
      back[i * 6 + s] = kept <= fresh ? FROM[s]! : best | 8;
      return Math.min(kept, fresh);
    });
    cost = next;
    bestCost = Math.min(...cost);
    best = cost.indexOf(bestCost);
  }
  const segments: QrSegments[1] = [];
  let to = n;
  for (let i = n - 1, s = best; i >= 0; i--) {
    const b = back[i * 6 + s]!;
    if (b & 8) {
      segments.unshift([STATE_MODE[s]!, i, to]);
      to = i;
    }
    s = b & 7;
  }
  return [bestCost, segments];
}

/**
 * The data codewords: the ECI header when asked, each segment's mode, count and data, then the
 * terminator, zero bits to a byte boundary, and the pad bytes 0xEC 0x11 alternately (§7.4.9).
 * @param capacity - data codewords of the version and level; the segments must fit
 */
export function dataCodewords(bytes: Uint8Array, plan: QrSegments, eci: boolean, group: number, capacity: number): Uint8Array {
  const out = new Uint8Array(capacity);
  let at = 0;
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i--, at++) if ((value >>> i) & 1) out[at >>> 3]! |= 0x80 >>> (at & 7);
  };
  if (eci) put(0b0111_00011010, ECI_BITS);
  for (const [mode, from, to] of plan[1]) {
    // Mode indicator (Table 2: 0001 numeric, 0010 alphanumeric, 0100 byte) and character count.
    put(1 << mode, 4);
    put(to - from, COUNT_BITS[group]![mode]!);
    // Digits in groups of three as a decimal number (10 bits; 7 or 4 for a shorter last group),
    // alphanumerics in pairs as 45·first + second (11 bits; 6 for a single last one), bytes alone.
    const size = 3 - mode;
    for (let i = from; i < to; i += size) {
      const k = Math.min(size, to - i);
      let v = 0;
      for (let j = i; j < i + k; j++) v = v * [10, 45, 256][mode]! + (mode > 1 ? bytes[j]! : ALPHANUMERIC.indexOf(String.fromCharCode(bytes[j]!)));
      put(v, [3 * k + 1, 5 * k + 1, 8][mode]!);
    }
  }
  // The terminator (4 zero bits, fewer where the capacity ends) and the zeros to the byte boundary
  // are in place already: pad bytes start at the first byte after them.
  // Stryker disable next-line EqualityOperator: i = capacity writes past the array's end, which a typed array drops
  for (let i = (at + 4 + 7) >>> 3, pad = 0xec; i < capacity; i++, pad ^= 0xec ^ 0x11) out[i] = pad;
  return out;
}
