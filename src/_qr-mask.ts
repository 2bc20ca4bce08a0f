/**
 * QR code data masks and the penalty that chooses one (ISO/IEC 18004:2015 §7.8.2 Table 10, and
 * §7.8.3 Table 11 with N1 = 3, N2 = 3, N3 = 40, N4 = 10).
 * @module
 */

/** Table 10's conditions by mask: row `i`, column `j`; the mask inverts a module where it gives 0. */
export const MASKS: readonly ((i: number, j: number) => number)[] = [
  // Stryker disable next-line ArithmeticOperator: only whether it is 0 matters, and a − b has the parity of a + b
  (i, j) => (i + j) % 2,
  (i, _j) => i % 2,
  (_i, j) => j % 3,
  (i, j) => (i + j) % 3,
  // Stryker disable next-line ArithmeticOperator: only whether it is 0 matters, and a − b has the parity of a + b
  (i, j) => ((i >> 1) + ((j / 3) | 0)) % 2,
  (i, j) => ((i * j) % 2) + ((i * j) % 3),
  // Stryker disable next-line ArithmeticOperator: only whether it is 0 matters, and a − b has the parity of a + b
  (i, j) => (((i * j) % 2) + ((i * j) % 3)) % 2,
  // Stryker disable next-line ArithmeticOperator: only whether it is 0 matters, and a − b has the parity of a + b
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
  const runs = new Int32Array(size + 2);
  for (let line = 0; line < 2 * size; line++) {
    // Run lengths of a row (then of a column): runs[0] is light, the colours alternate, and the
    // light area around the symbol is joined to the first and last runs (so dark runs are odd).
    let last = 0;
    let colour = 0;
    runs[0] = size;
    for (let k = 0; k < size; k++) {
      const i = line < size ? line * size + k : k * size + line - size;
      const m = modules[i]!;
      if (m !== colour) {
        runs[++last] = 0;
        colour = m;
      }
      runs[last]!++;
      if (line < size) {
        dark += m;
        if (k && line && m === modules[i - 1] && m === modules[i - size] && m === modules[i - size - 1]) score += 3;
      }
    }
    if (colour) runs[++last] = 0;
    runs[last]! += size;
    for (let r = 0; r <= last; r++) {
      const inside = runs[r]! - (r ? 0 : size) - (r < last ? 0 : size);
      if (inside >= 5) score += inside - 2;
    }
    // Each dark run r (odd) with two runs on each side, as the middle of d l D l d with widths
    // u u 3u u u. The last such run is at last − 3: the run after r = last − 1 is the last one, which
    // holds the margin (size or more, never u), and runs past last hold an earlier line's values.
    // Stryker disable next-line EqualityOperator,ArithmeticOperator: r is odd and last even, so ≤ is <; runs past last − 3 never match (see above)
    for (let r = 3; r < last - 2; r += 2) {
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
