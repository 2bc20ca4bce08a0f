// Properties of oathkit/qr on random texts and options (fast-check): the symbol's structure as
// ISO/IEC 18004 fixes it (finders, timing, dark module, both copies of the format information and
// of the version information read back to the level, mask and version); the data codewords parse
// back to the text; the smallest version and the boost; the mask of least penalty; the SVG path and
// the terminal text hold exactly the matrix; and determinism with frozen inputs.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { penalty } from '../../src/_qr-mask.ts';
import { dataCodewords, shortestSegments, versionGroup } from '../../src/_qr-segments.ts';
import { dataCapacity } from '../../src/_qr-symbol.ts';
import { utf8Encode } from '../../src/_utf8.ts';
import { qrMatrix, qrSvg, qrText, type QrLevel, type QrMatrix } from '../../src/index.ts';

const LEVELS: QrLevel[] = ['L', 'M', 'Q', 'H'];
const FORMAT_LEVEL_BITS = { L: 1, M: 0, Q: 3, H: 2 };

/** Texts of every kind: ASCII, alphanumeric-heavy, digits, any Unicode (lone surrogates removed). */
const text = fc.oneof(
  fc.string({ maxLength: 120 }),
  fc.stringMatching(/^[0-9A-Z $%*+\-./:]{0,200}$/),
  fc.stringMatching(/^[0-9]{0,300}$/),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.string({ unit: 'binary', maxLength: 80 }).map((s) => s.replace(/[\ud800-\udfff]/g, '?')),
);
const level = fc.constantFrom(...LEVELS);

/**
 * Under Stryker (npm run mutation sets OATHKIT_MUTATION_SLICE) a fifth of the runs: every surviving
 * mutant runs these properties through the instrumented encoder, where a large symbol costs about
 * thirty times its plain time (each expression of the mask-penalty and Reed–Solomon loops becomes
 * a call), so the dry run took over eight minutes and a looping mutant waited out a timeout scaled
 * by it. qr.cross still compares every version with Nayuki's encoder module for module.
 */
const runs = (n: number) => (process.env.OATHKIT_MUTATION_SLICE ? Math.ceil(n / 5) : n);

/** BCH check of a format or version word: no remainder modulo the generator. */
function bchValid(word: number, poly: number, degree: number): boolean {
  let r = word;
  for (let bit = 31 - Math.clz32(r); bit >= degree; bit--) if ((r >>> bit) & 1) r ^= poly << (bit - degree);
  return r === 0;
}

function checkStructure(m: QrMatrix): void {
  const { size, modules } = m;
  const at = (x: number, y: number) => modules[y * size + x]!;
  expect(size).toBe(4 * m.version + 17);
  expect(modules.length).toBe(size * size);
  expect(modules.every((v) => v === 0 || v === 1)).toBe(true);
  // Finder patterns with separators at three corners (rings 0, 1, 3 dark; 2 and 4 light).
  for (const [cx, cy] of [
    [3, 3],
    [size - 4, 3],
    [3, size - 4],
  ]) {
    for (let dy = -4; dy <= 4; dy++) {
      for (let dx = -4; dx <= 4; dx++) {
        const x = cx! + dx;
        const y = cy! + dy;
        if (x < 0 || y < 0 || x >= size || y >= size) continue;
        const ring = Math.max(Math.abs(dx), Math.abs(dy));
        expect(at(x, y), `finder ring ${ring}`).toBe(ring === 2 || ring === 4 ? 0 : 1);
      }
    }
  }
  // Timing patterns, and the dark module.
  for (let i = 8; i < size - 8; i++) {
    expect(at(i, 6)).toBe(1 - (i % 2));
    expect(at(6, i)).toBe(1 - (i % 2));
  }
  expect(at(8, size - 8)).toBe(1);
  // Both copies of the format information: the same valid BCH word, naming level and mask.
  let first = 0;
  let second = 0;
  for (let i = 0; i < 15; i++) {
    const a = i < 8 ? at(8, i < 6 ? i : i + 1) : at(i < 9 ? 7 : 14 - i, 8);
    const b = i < 8 ? at(size - 1 - i, 8) : at(8, size - 15 + i);
    first |= a << i;
    second |= b << i;
  }
  expect(second).toBe(first);
  const format = first ^ 0x5412;
  expect(bchValid(format, 0x537, 10)).toBe(true);
  expect(format >>> 10).toBe((FORMAT_LEVEL_BITS[m.level] << 3) | m.mask);
  // Both copies of the version information (versions ≥ 7).
  if (m.version >= 7) {
    let top = 0;
    let left = 0;
    for (let i = 0; i < 18; i++) {
      top |= at(size - 11 + (i % 3), Math.floor(i / 3)) << i;
      left |= at(Math.floor(i / 3), size - 11 + (i % 3)) << i;
    }
    expect(left).toBe(top);
    expect(bchValid(top, 0x1f25, 12)).toBe(true);
    expect(top >>> 12).toBe(m.version);
  }
}

/** The bytes the data codewords carry, parsed back (mode, count, data; ECI; terminator; padding). */
function parseData(data: Uint8Array, version: number): Uint8Array {
  let at = 0;
  const read = (n: number) => {
    let v = 0;
    for (let i = 0; i < n; i++, at++) v = (v << 1) | ((data[at >> 3]! >> (7 - (at & 7))) & 1);
    return v;
  };
  const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
  const count = [
    [10, 9, 8],
    [12, 11, 16],
    [14, 13, 16],
  ][versionGroup(version)]!;
  const out: number[] = [];
  while (data.length * 8 - at >= 4) {
    const mode = read(4);
    if (mode === 0) break;
    if (mode === 7) {
      expect(read(8)).toBe(26); // UTF-8
      continue;
    }
    const kind = [1, 2, 4].indexOf(mode);
    expect(kind).toBeGreaterThanOrEqual(0);
    let n = read(count[kind]!);
    while (n > 0) {
      if (kind === 2) out.push(read(8)), n--;
      else if (kind === 1) {
        const k = Math.min(2, n);
        const v = read(k === 2 ? 11 : 6);
        if (k === 2) out.push(ALNUM.charCodeAt(Math.floor(v / 45)), ALNUM.charCodeAt(v % 45));
        else out.push(ALNUM.charCodeAt(v));
        n -= k;
      } else {
        const k = Math.min(3, n);
        const v = read([0, 4, 7, 10][k]!);
        out.push(
          ...String(v)
            .padStart(k, '0')
            .split('')
            .map((c) => c.charCodeAt(0)),
        );
        n -= k;
      }
    }
  }
  // Padding: zero bits to the byte boundary, then 0xEC 0x11 alternately.
  const firstPad = (at + 7) >> 3;
  for (let i = firstPad; i < data.length; i++) expect(data[i]).toBe((i - firstPad) % 2 ? 0x11 : 0xec);
  return Uint8Array.from(out);
}

test('every symbol has the structure ISO/IEC 18004 fixes, format and version information read back', () => {
  fc.assert(
    fc.property(text, level, fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }), fc.integer({ min: 1, max: 40 }), (t, l, mask, minVersion) => {
      const m = qrMatrix(t, { level: l, ...(mask === undefined ? {} : { mask }), minVersion });
      expect(m.level).toBe(l);
      expect(m.version).toBeGreaterThanOrEqual(minVersion);
      if (mask !== undefined) expect(m.mask).toBe(mask);
      checkStructure(m);
    }),
    { numRuns: runs(400) },
  );
});

test('the data codewords parse back to the text, with an ECI header exactly when it is not ASCII', () => {
  fc.assert(
    fc.property(text, level, (t, l) => {
      const bytes = utf8Encode(t)!;
      const { version } = qrMatrix(t, { level: l });
      const levelIndex = LEVELS.indexOf(l);
      const plan = shortestSegments(bytes, versionGroup(version));
      const data = dataCodewords(
        bytes,
        plan,
        bytes.some((b) => b >= 0x80),
        versionGroup(version),
        dataCapacity(version, levelIndex),
      );
      expect(parseData(data, version)).toEqual(bytes);
      expect(data[0]! >> 4 === 7).toBe(bytes.some((b) => b >= 0x80));
    }),
    { numRuns: runs(1000) },
  );
});

test('the smallest version that holds the text; boost raises the level only while the version stays', () => {
  fc.assert(
    fc.property(text, level, (t, l) => {
      const m = qrMatrix(t, { level: l });
      // The same symbol when asked for that version as the minimum; one version less does not hold it.
      expect(qrMatrix(t, { level: l, minVersion: m.version }).modules).toEqual(m.modules);
      if (m.version > 1) {
        const bits = shortestSegments(utf8Encode(t)!, versionGroup(m.version - 1))[0] + (/[^\0-\x7f]/.test(t) ? 12 : 0);
        expect(bits).toBeGreaterThan(dataCapacity(m.version - 1, LEVELS.indexOf(l)) * 8);
      }
      const b = qrMatrix(t, { level: l, boost: true });
      expect(b.version).toBe(m.version);
      expect(LEVELS.indexOf(b.level)).toBeGreaterThanOrEqual(LEVELS.indexOf(l));
      const next = LEVELS[LEVELS.indexOf(b.level) + 1];
      if (next) expect(qrMatrix(t, { level: next }).version).toBeGreaterThan(m.version);
      if (b.level === l) expect(b.modules).toEqual(m.modules);
    }),
    { numRuns: runs(300) },
  );
});

test('the chosen mask has the least penalty of the eight (the first of equals)', () => {
  fc.assert(
    fc.property(text, level, (t, l) => {
      const m = qrMatrix(t, { level: l });
      const scores = [0, 1, 2, 3, 4, 5, 6, 7].map((mask) => penalty(qrMatrix(t, { level: l, mask }).modules, m.size));
      expect(m.mask).toBe(scores.indexOf(Math.min(...scores)));
      // Masks change only data modules and the format information.
      const other = qrMatrix(t, { level: l, mask: (m.mask + 1) % 8 });
      const differ = m.modules.reduce((n, v, i) => n + (v !== other.modules[i] ? 1 : 0), 0);
      expect(differ).toBeGreaterThan(0);
    }),
    { numRuns: runs(150) },
  );
});

test('the SVG path strokes exactly the dark modules; the terminal text inks exactly them', () => {
  fc.assert(
    fc.property(text, level, fc.integer({ min: 0, max: 6 }), fc.boolean(), (t, l, margin, invert) => {
      const m = qrMatrix(t, { level: l });
      const svg = qrSvg(t, { level: l, margin });
      const w = m.size + 2 * margin;
      expect(
        svg.startsWith(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${w}" width="${4 * w}" height="${4 * w}"><title>QR code</title><path `),
      ).toBe(true);
      const d = / d="([^"]*)"/.exec(svg)![1]!;
      expect(d.startsWith(`M-.5-.5h${w + 1}v${w + 1}h${-w - 1}z`)).toBe(true);
      const drawn = new Uint8Array(m.size * m.size);
      let x = -0.5;
      let y = -0.5;
      for (const [, op, a, b] of d.slice(d.indexOf('z') + 1).matchAll(/([mh])(-?[\d.]+)(?: (-?[\d.]+))?/g)) {
        if (op === 'm') [x, y] = [x + Number(a), y + Number(b)];
        else {
          for (let i = 0; i < Number(a); i++) {
            const cell = (y - 0.5 - margin) * m.size + x - margin + i;
            expect(drawn[cell], 'each module stroked once').toBe(0);
            drawn[cell] = 1;
          }
          x += Number(a);
        }
      }
      expect(drawn).toEqual(m.modules);
      const lines = qrText(t, { level: l, margin, invert }).split('\n');
      for (let yy = 0; yy < w; yy++) {
        for (let xx = 0; xx < w; xx++) {
          const ch = [...lines[yy >> 1]!][xx]!;
          const inked = yy & 1 ? ch === '▄' || ch === '█' : ch === '▀' || ch === '█';
          const inside = xx >= margin && yy >= margin && xx < w - margin && yy < w - margin;
          expect(inked).toBe(invert !== (inside && m.modules[(yy - margin) * m.size + xx - margin] === 1));
        }
      }
    }),
    { numRuns: runs(150) },
  );
});

test('pure and deterministic: frozen options, the same answer twice', () => {
  fc.assert(
    fc.property(text, level, fc.boolean(), (t, l, boost) => {
      const options = Object.freeze({ level: l, boost });
      const a = qrMatrix(t, options);
      const b = qrMatrix(t, options);
      expect(a).toEqual(b);
      expect(a.modules).not.toBe(b.modules); // a fresh array each time: the caller may change it
      expect(qrSvg(t, options)).toBe(qrSvg(t, options));
      expect(qrText(t, options)).toBe(qrText(t, options));
    }),
    { numRuns: runs(100) },
  );
});
