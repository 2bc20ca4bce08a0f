/**
 * QR code data masks and the penalty that chooses one (ISO/IEC 18004:2015 §7.8.2 Table 10, and
 * §7.8.3 Table 11 with N1 = 3, N2 = 3, N3 = 40, N4 = 10).
 * @module
 */

/** Table 10's conditions by mask: row `i`, column `j`; the mask inverts a module where it gives 0. */
export const MASKS: readonly ((i: number, j: number) => number)[] = [
  (i, j) => (i + j) % 2,
  (i) => i % 2,
  (_, j) => j % 3,
  (i, j) => (i + j) % 3,
  (i, j) => ((i >> 1) + ((j / 3) | 0)) % 2,
  (i, j) => ((i * j) % 2) + ((i * j) % 3),
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2,
  (i, j) => (((i + j) % 2) + ((i * j) % 3)) % 2,
];

/**
 * The penalty of a masked symbol (`modules[y * size + x]`, 1 dark), lower is better:
 * - N1 + (k − 5) for each run of k ≥ 5 modules of one colour in a row or column;
 * - N2 for each 2 × 2 block of one colour (blocks may overlap);
 * - N3 for each dark-light-dark-light-dark run sequence in the ratio 1:1:3:1:1 (of any module
 *   width) in a row or column with light 4 widths long on one side, counted once per side that
 *   has it, the area outside the symbol counting as light (it is the quiet zone);
 * - N4 · k where the dark share lies more than 5k % and at most 5(k + 1) % away from 50 %.
 * The reading of the N3 and N4 rules follows Nayuki's QR Code generator, so both choose the same
 * mask (checked in test/node/qr.cross.test.ts); other encoders read them slightly differently.
 */
export function penalty(modules: Uint8Array, size: number): number {
  let score = 0;
  let dark = 0;
  let above = '';
  const edge = '0'.repeat(size);
  for (let line = 0; line < 2 * size; line++) {
    let text = '';
    for (let k = 0; k < size; k++) text += modules[line < size ? line * size + k : k * size + line - size];
    for (const run of text.match(/(.)\1{4,}/g) ?? []) score += run.length - 2;
    if (line < size) {
      // Rows only: the dark count, and 2 × 2 blocks with the row above.
      for (let k = 0; k < size; k++) {
        dark += +text[k]!;
        if (k && line && text[k] === text[k - 1] && text[k] === above[k] && text[k] === above[k - 1]) score += 3;
      }
      above = text;
    }
    // Run lengths with the light area around the symbol joined to the first and last light runs:
    // runs[0] is light, so the dark runs have odd indexes.
    const runs = (edge + text + edge).match(/0+|1+/g)!.map((run) => run.length);
    for (let r = 3; r + 3 < runs.length; r += 2) {
      // The dark run r in the middle of d l D l d with widths u u 3u u u.
      const u = runs[r - 1]!;
      if (runs[r - 2] === u && runs[r] === 3 * u && runs[r + 1] === u && runs[r + 2] === u) {
        const before = runs[r - 3]!;
        const after = runs[r + 3]!;
        if (before >= 4 * u && after >= u) score += 40;
        if (after >= 4 * u && before >= u) score += 40;
      }
    }
  }
  const total = size * size;
  return score + 10 * (Math.ceil(Math.abs(dark * 20 - total * 10) / total) - 1);
}
