/**
 * The QR code symbol (ISO/IEC 18004:2015 §6.3 and §7): function patterns (finders §6.3.3, timing
 * §6.3.5, alignment §6.3.6 and Annex E), codeword counts and block structure (Table 9), error
 * correction and interleaving (§7.5–7.6), codeword placement (§7.7.3), masking (§7.8), format
 * information (§7.9) and version information (§7.10).
 * @module
 */
import { MASKS, penalty } from './_qr-mask.ts';
import { generator, rsRemainder } from './_qr-rs.ts';

// Table 9: for levels L, M, Q, H in turn, versions 1–40 in order, one character each (its code
// minus 40): the error correction codewords per block, then the number of blocks.
const ECC =
  '/27<B:<@F:<@BF>@DFDDDDFFBDFFFFFFFFFFFFFF28B:@8:>>BF>>@@DDBBBBDDDDDDDDDDDDDDDDDDD5>:B:@:><@DB@<F@DDBFDFFFFDFFFFFFFFFFFFFF9D>8>DBB@D@D>@@FDDBDF@FFFFFFFFFFFFFFFFFF';
const BLOCKS =
  ')))))****,,,,,..../0011244456789:;;<=>@A)))**,,,---01122356899:<=?ABDEGIKMNPSUWY))**,,..000248498:=<??ACEJJKNPSUX[]`cfil))*,,,-.003388:8;=AAAJFHKMPRUX[^adgjnruy';

/** Error correction codewords per block and block count of a version (1–40) and level (0–3: L, M, Q, H). */
function blocks(version: number, level: number): [ecc: number, count: number] {
  const i = level * 40 + version - 1;
  return [ECC.charCodeAt(i) - 40, BLOCKS.charCodeAt(i) - 40];
}

/**
 * Modules left for codewords (and remainder bits) in a version: all (4v + 17)² minus the finders
 * with their separators (3 × 64), both copies of the format information and the dark module
 * (31), the timing patterns outside the finders, the alignment patterns (25 each, but the 5
 * modules where one crosses a timing pattern are counted already) and the version information.
 */
export function dataModules(version: number): number {
  const size = 4 * version + 17;
  const a = version < 2 ? 0 : ((version / 7) | 0) + 2; // alignment coordinates per axis
  const alignment = a ? 25 * (a * a - 3) - 10 * (a - 2) : 0;
  // size² − 192 − 31 − 2 (size − 16) = size (size − 2) − 191
  return size * (size - 2) - 191 - alignment - (version < 7 ? 0 : 36);
}

/** Data codewords of a version and level: all codewords less the error correction ones. */
export function dataCapacity(version: number, level: number): number {
  const [ecc, count] = blocks(version, level);
  return (dataModules(version) >>> 3) - ecc * count;
}

/** BCH code word: `data` followed by the remainder of data·x^degree modulo `poly` (degree = its top bit). */
function bch(data: number, poly: number, degree: number): number {
  let r = data << degree;
  for (let bit = 31 - Math.clz32(r); bit >= degree; bit--) if ((r >>> bit) & 1) r ^= poly << (bit - degree);
  return (data << degree) | r;
}

/** A symbol: `modules[y * size + x]`, 1 dark. */
export interface QrSymbol {
  size: number;
  mask: number;
  modules: Uint8Array;
}

/**
 * The symbol of a version and level holding `data` (the data codewords), masked with `mask`,
 * or with the mask of least penalty when `mask` is -1.
 */
export function buildSymbol(version: number, level: number, data: Uint8Array, mask: number): QrSymbol {
  const size = 4 * version + 17;
  // A function module (pattern, format or version information) holds 2 + its colour; the
  // codewords go into the modules still 0.
  const modules = new Uint8Array(size * size);
  const set = (x: number, y: number, dark: number | boolean) => (modules[y * size + x] = dark ? 3 : 2);
  // A square pattern centred on (cx, cy), wholly inside the symbol: the ring at Chebyshev distance d
  // is dark where bit d of `rings` is set.
  const pattern = (cx: number, cy: number, radius: number, rings: number) => {
    for (let y = cy - radius; y <= cy + radius; y++) {
      for (let x = cx - radius; x <= cx + radius; x++) set(x, y, (rings >> Math.max(Math.abs(x - cx), Math.abs(y - cy))) & 1);
    }
  };
  // Timing patterns along row 6 and column 6 (dark at even coordinates), then the finders (rings
  // 0, 1 and 3 dark) over their ends, and their separators (§6.3.3): the light row and column
  // between each finder and the rest of the symbol.
  // Stryker disable next-line EqualityOperator: i = size writes (0, 7), a separator set below, and past the array's end
  for (let i = 0; i < size; i++) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  for (const [cx, cy] of [
    [3, 3],
    [size - 4, 3],
    [3, size - 4],
  ] as const)
    pattern(cx, cy, 3, 0b1011);
  for (let i = 0; i < 8; i++) {
    set(7, i, 0);
    set(i, 7, 0);
    set(size - 8, i, 0);
    set(size - 1 - i, 7, 0);
    set(7, size - 1 - i, 0);
    set(i, size - 8, 0);
  }
  // Alignment patterns (rings 0 and 2 dark) at every pair of centre coordinates but the three
  // over the finders. The coordinates (Annex E, Table E.1): 6, then a − 1 more evenly spaced by an
  // even step up to size − 7, the uneven remainder falling into the first gap; version 32 is the
  // one exception to that step rule (26, not 28).
  const a = version < 2 ? 0 : ((version / 7) | 0) + 2;
  const step = version === 32 ? 26 : Math.ceil((size - 13) / (a - 1) / 2) * 2;
  const centres = Array.from({ length: a }, (_, i) => (i ? size - 7 - (a - 1 - i) * step : 6));
  centres.forEach((cy, j) =>
    centres.forEach((cx, i) => {
      // Not (0, 0), (0, a − 1) or (a − 1, 0): one index 0 and the other 0 or the last.
      // Stryker disable next-line ArithmeticOperator: one of i, j is 0 here, so i − j is ±(i + j), as much a multiple of a − 1
      if (i * j || (i + j) % (a - 1)) pattern(cx, cy, 2, 0b101);
    }),
  );
  // Version information (versions ≥ 7): 18 bits, bit i at (size − 11 + i mod 3, ⌊i / 3⌋) and mirrored.
  if (version >= 7) {
    const bits = bch(version, 0x1f25, 12);
    for (let i = 0; i < 18; i++) {
      const bit = (bits >>> i) & 1;
      set(size - 11 + (i % 3), (i / 3) | 0, bit);
      set((i / 3) | 0, size - 11 + (i % 3), bit);
    }
  }
  // Format information: bits 0–7 down column 8 and leftwards along row 8 from the right edge,
  // bits 8–14 leftwards along row 8 and down column 8 to the bottom edge (skipping the timing
  // patterns), plus the dark module beside the bottom-left finder.
  const format = (m: number) => {
    // The level's 2 bits (L 01, M 00, Q 11, H 10: its index 0–3 with the low bit flipped), the mask's 3.
    const bits = bch(((level ^ 1) << 3) | m, 0x537, 10) ^ 0x5412;
    // Stryker disable next-line EqualityOperator: bit 15 is 0, set at (size − 1, 7), a light separator already, and past the array's end
    for (let i = 0; i < 15; i++) {
      const bit = (bits >>> i) & 1;
      if (i < 8) {
        set(8, i < 6 ? i : i + 1, bit);
        set(size - 1 - i, 8, bit);
      } else {
        set(i < 9 ? 7 : 14 - i, 8, bit);
        set(8, size - 15 + i, bit);
      }
    }
    set(8, size - 8, 1);
  };
  format(0); // reserves the area before the codewords are placed

  // Blocks (§7.5.1): the short ones first; a long block has one more data codeword.
  const [ecc, count] = blocks(version, level);
  const total = dataModules(version) >>> 3;
  const shortBlocks = count - (total % count);
  const shortData = ((total / count) | 0) - ecc;
  const parts: Uint8Array[] = [];
  for (let b = 0, at = 0; b < count; b++) parts.push(data.subarray(at, (at += shortData + (b < shortBlocks ? 0 : 1))));
  // Interleaving (§7.6): codeword i of every block in turn, the data, then the error correction.
  const g = generator(ecc);
  const codewords: number[] = [];
  for (const blocks of [parts, parts.map((part) => rsRemainder(part, g))]) {
    // Stryker disable next-line EqualityOperator: one more pass finds every block shorter than i + 1, and pushes nothing
    for (let i = 0; i < shortData + ecc; i++) for (const block of blocks) if (i < block.length) codewords.push(block[i]!);
  }

  // Placement (§7.7.3): two-module columns from the right, upwards then downwards in turn,
  // skipping column 6; the right module of a pair first; remainder bits stay light.
  let bit = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    const upwards = !((right + 1) & 2);
    for (let v = 0; v < size; v++) {
      const y = upwards ? size - 1 - v : v;
      for (let x = right; x > right - 2; x--) {
        if (modules[y * size + x]) continue;
        modules[y * size + x] = (codewords[bit >>> 3]! >>> (7 - (bit & 7))) & 1;
        bit++;
      }
    }
  }

  // Masking (§7.8): the data modules only (the function modules hold 2 or 3); each candidate
  // with its own format information, as 0/1 modules.
  const masked = (m: number) => {
    format(m);
    return modules.map((v, k) => (v < 2 && !MASKS[m]!((k / size) | 0, k % size) ? v ^ 1 : v) & 1);
  };
  let chosen = mask;
  for (let m = 0, least = Infinity; mask < 0 && m < 8; m++) {
    const p = penalty(masked(m), size);
    if (p < least) [least, chosen] = [p, m];
  }
  return { size, mask: chosen, modules: masked(chosen) };
}
