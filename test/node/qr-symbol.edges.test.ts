// Edges of the QR symbol and segment internals (src/_qr-symbol.ts, src/_qr-segments.ts) that
// mutation testing (test/MUTATION.md, slice `qr`) found unpinned, called directly on small
// symbols: the function patterns against ISO/IEC 18004:2015 (§6.3.3 finders and separators,
// Annex E Table E.1 alignment centres), the mask chosen among equal penalties, the segmentation
// chosen among equal lengths, and the padding (§7.4.9).
import { expect, test } from 'vitest';
import { penalty } from '../../src/_qr-mask.ts';
import { dataCodewords, shortestSegments } from '../../src/_qr-segments.ts';
import { buildSymbol, dataCapacity } from '../../src/_qr-symbol.ts';
import { utf8Encode } from '../../src/_utf8.ts';
import { rng } from './rng.ts';

/** Table E.1 rows: the alignment centre coordinates of some versions (32's step is the exception). */
const ALIGNMENT: Record<number, number[]> = {
  1: [],
  2: [6, 18],
  6: [6, 34],
  7: [6, 22, 38],
  14: [6, 26, 46, 66],
  32: [6, 34, 60, 86, 112, 138],
  36: [6, 24, 50, 76, 102, 128, 154],
  40: [6, 30, 58, 86, 114, 142, 170],
};

test('finders with their separators at three corners, timing patterns, and the alignment patterns of Table E.1 but those over the finders', () => {
  // Random data under a mask of every kind: no data or mask can pass for a function pattern.
  const r = rng(18004);
  for (const [v, centres] of Object.entries(ALIGNMENT)) {
    const version = Number(v);
    const data = Uint8Array.from({ length: dataCapacity(version, 0) }, () => r.int(256));
    const { size, modules } = buildSymbol(version, 0, data, version % 8);
    const at = (x: number, y: number) => modules[y * size + x];
    // Finder rings 0, 1, 3 dark and 2 light, the separator (ring 4, inside the symbol) light.
    for (const [cx, cy] of [
      [3, 3],
      [size - 4, 3],
      [3, size - 4],
    ] as const) {
      for (let y = Math.max(cy - 4, 0); y <= Math.min(cy + 4, size - 1); y++) {
        for (let x = Math.max(cx - 4, 0); x <= Math.min(cx + 4, size - 1); x++) {
          const ring = Math.max(Math.abs(x - cx), Math.abs(y - cy));
          expect(at(x, y), `version ${version} finder (${cx}, ${cy}) ring ${ring}`).toBe(ring === 2 || ring === 4 ? 0 : 1);
        }
      }
    }
    // Timing patterns between the finders, dark at even coordinates.
    for (let i = 8; i < size - 8; i++) {
      expect(at(i, 6), `version ${version} timing row`).toBe(1 - (i % 2));
      expect(at(6, i), `version ${version} timing column`).toBe(1 - (i % 2));
    }
    // Every pair of centres but the three that fall on a finder: ring 0 and 2 dark, ring 1 light.
    let drawn = 0;
    for (const cy of centres) {
      for (const cx of centres) {
        const overFinder = (cx === 6 && cy === 6) || (cx === 6 && cy === size - 7) || (cx === size - 7 && cy === 6);
        if (overFinder) continue;
        drawn++;
        for (let dy = -2; dy <= 2; dy++) {
          for (let dx = -2; dx <= 2; dx++) {
            const ring = Math.max(Math.abs(dx), Math.abs(dy));
            expect(at(cx + dx, cy + dy), `version ${version} alignment (${cx}, ${cy})`).toBe(ring === 1 ? 0 : 1);
          }
        }
      }
    }
    expect(drawn).toBe(centres.length ? centres.length ** 2 - 3 : 0);
  }
});

test('the mask of least penalty is the first of equal ones (as Nayuki: a later mask must score strictly less)', () => {
  // About 1.5 % of random version-1 symbols have two masks of the least penalty: 400 draws find several.
  const r = rng(2026);
  let ties = 0;
  for (let draw = 0; draw < 400; draw++) {
    const level = draw % 4;
    const data = Uint8Array.from({ length: dataCapacity(1, level) }, () => r.int(256));
    const scores = [0, 1, 2, 3, 4, 5, 6, 7].map((m) => penalty(buildSymbol(1, level, data, m).modules, 21));
    const least = Math.min(...scores);
    if (scores.filter((p) => p === least).length > 1) ties++;
    expect(buildSymbol(1, level, data, -1).mask, `draw ${draw}: penalties ${scores.join(' ')}`).toBe(scores.indexOf(least));
  }
  expect(ties).toBeGreaterThanOrEqual(2);
});

test('segments: where going on and opening a new segment cost the same bits, the segment goes on', () => {
  // Each text costs as much in one byte segment as split (e.g. "000~0" in group 0: 4 + 8 + 40 = 52 bits,
  // or numeric 000 in 24 and bytes ~0 in 28): the one segment is kept.
  for (const [text, group, bits] of [
    ['000~0', 0, 52],
    ['0ZZZZ0~', 1, 76],
    ['0000~', 2, 60],
  ] as const) {
    expect(shortestSegments(utf8Encode(text)!, group), `${text} group ${group}`).toEqual([bits, [[2, 0, text.length]]]);
  }
});

test('data codewords: the terminator and zeros to a byte, then pad bytes 0xEC and 0x11 alternately to the capacity', () => {
  // "1" in version 1-L (19 codewords): mode 0001, count 0000000001, digit 0001 (18 bits), then the
  // terminator and zeros to byte 3, where the padding begins (ISO/IEC 18004:2015 §7.4.9).
  const bytes = utf8Encode('1')!;
  const out = dataCodewords(bytes, shortestSegments(bytes, 0), false, 0, 19);
  expect([...out]).toEqual([0x10, 0x04, 0x40, ...Array.from({ length: 16 }, (_, i) => (i % 2 ? 0x11 : 0xec))]);
});
