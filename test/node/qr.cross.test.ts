// oathkit/qr against an independent encoder, Nayuki's QR Code generator (npm
// nayuki-qr-code-generator, a devDependency): 2,200 random texts across every version 1–40, every
// level and every mode (numeric, alphanumeric, byte, and UTF-8 behind an ECI header), including
// activation strings and otpauth URIs of random tokens. Nayuki's encoder is given the segments
// oathkit chose (module equality holds only for the same segments) and then chooses the version and
// the mask itself: both must equal oathkit's, module for module; and again with a fixed mask.
// The segmentation itself is held to an exhaustive search over every segmentation of short texts,
// and the Reed–Solomon, capacity and function-pattern arithmetic to Nayuki's own.
import nayukiModule from 'nayuki-qr-code-generator';
import { expect, test } from 'vitest';
import { penalty } from '../../src/_qr-mask.ts';
import { generator, rsRemainder } from '../../src/_qr-rs.ts';
import { shortestSegments, versionGroup } from '../../src/_qr-segments.ts';
import { dataCapacity, dataModules } from '../../src/_qr-symbol.ts';
import { utf8Encode } from '../../src/_utf8.ts';
import { encodeActivation, formatOtpauthUri, qrMatrix, type QrLevel } from '../../src/index.ts';
import { rng, type Rng } from './rng.ts';

// The package is ES module syntax without "type": "module": its types read as CommonJS here.
const qrcodegen = ((nayukiModule as unknown as { default?: unknown }).default ?? nayukiModule) as unknown as typeof import('nayuki-qr-code-generator').default;
const { QrCode, QrSegment } = qrcodegen;
const ECC = { L: QrCode.Ecc.LOW, M: QrCode.Ecc.MEDIUM, Q: QrCode.Ecc.QUARTILE, H: QrCode.Ecc.HIGH };
const LEVELS: QrLevel[] = ['L', 'M', 'Q', 'H'];
// Under Stryker (npm run mutation sets OATHKIT_MUTATION_SLICE) fewer random cases: see PER_PART.
const UNDER_STRYKER = process.env.OATHKIT_MUTATION_SLICE !== undefined;
// Nayuki's private helpers, called for the arithmetic it shares with oathkit.
const nayuki = QrCode as unknown as {
  getNumDataCodewords(version: number, ecl: unknown): number;
  getNumRawDataModules(version: number): number;
  reedSolomonComputeDivisor(degree: number): number[];
  reedSolomonComputeRemainder(data: number[], divisor: number[]): number[];
};

const DIGITS = '0123456789';
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';
const ASCII = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i)).join('');
const UNICODE = ['é', 'ü', 'ß', 'Ω', 'Ж', '中', '文', '☕', '—', '€', '𝄞', '😀', '\u00a0', '\u200b'];

/** A random text of one flavour, `length` characters long (about: astral characters count two). */
function randomText(r: Rng, flavour: string, length: number): string {
  let out = '';
  const run = (pool: string | string[], n: number) => {
    for (let i = 0; i < n; i++) out += typeof pool === 'string' ? pool[r.int(pool.length)] : r.pick(pool);
  };
  while (out.length < length) {
    const n = 1 + r.int(30);
    if (flavour === 'digits') run(DIGITS, n);
    else if (flavour === 'alphanumeric') run(ALNUM, n);
    else if (flavour === 'ascii') run(ASCII, n);
    else if (flavour === 'runs') run(r.pick([DIGITS, ALNUM, ASCII, 'abcdefghijklmnopqrstuvwxyz']), n);
    else run(r.next() < 0.3 ? UNICODE : r.pick([DIGITS, ALNUM, ASCII]), n);
  }
  return out.slice(0, length).replace(/[\ud800-\udbff]$/, 'x'); // never end on half a pair
}

/** A random token's enrolment text: an activation string or an otpauth URI. */
function tokenText(r: Rng): string {
  const key = Uint8Array.from({ length: r.pick([10, 16, 20, 32, 64]) }, () => r.int(256));
  const kind = r.pick(['totp', 'hotp'] as const);
  const issuer = r.pick([undefined, 'ACME', 'Bücher & Co', 'Ωmega']);
  const account = r.pick([undefined, 'alice@example.com', 'jürgen', '用户']);
  if (r.next() < 0.5) {
    return encodeActivation({
      kind,
      key,
      ...(kind === 'hotp' ? { counter: r.int(1000) } : {}),
      ...(issuer ? { issuer } : {}),
      ...(account ? { account } : {}),
    });
  }
  return formatOtpauthUri({
    kind,
    key,
    account: account ?? 'user',
    ...(issuer ? { issuer } : {}),
    algorithm: r.pick(['SHA1', 'SHA256', 'SHA512']),
    digits: r.pick([6, 8]),
    ...(kind === 'totp' ? { period: 30 } : { counter: r.int(1000) }),
  });
}

/** The bits of a text at a version (a prefix cut inside a surrogate pair loses the half). */
const bitsOf = (text: string, version: number) => {
  const whole = text.replace(/[\ud800-\udbff]$/, '');
  return shortestSegments(utf8Encode(whole)!, versionGroup(version))[0] + (/[^\0-\x7f]/.test(whole) ? 12 : 0);
};

/** The longest prefix of `source` whose bits fit version `version` at `level` (binary search). */
function fill(source: string, version: number, level: number): string {
  let lo = 0;
  // No character costs less than 3⅓ bits: nothing longer can fit.
  let hi = Math.min(source.length, Math.ceil((dataCapacity(version, level) * 8 * 3) / 10) + 1);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (bitsOf(source.slice(0, mid), version) <= dataCapacity(version, level) * 8) lo = mid;
    else hi = mid - 1;
  }
  return source.slice(0, lo).replace(/[\ud800-\udbff]$/, '');
}

/** Nayuki's segments for the segmentation oathkit chose at `version`. */
function segmentsFor(text: string, version: number) {
  const bytes = utf8Encode(text)!;
  const segments = bytes.some((b) => b >= 0x80) ? [QrSegment.makeEci(26)] : [];
  for (const [mode, from, to] of shortestSegments(bytes, versionGroup(version))[1]) {
    const part = bytes.subarray(from, to);
    const chars = String.fromCharCode(...part);
    segments.push(mode === 0 ? QrSegment.makeNumeric(chars) : mode === 1 ? QrSegment.makeAlphanumeric(chars) : QrSegment.makeBytes([...part]));
  }
  return segments;
}

/** Module for module (Vitest's deep equality is slow on long typed arrays). */
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((m, i) => m === b[i]);

function modulesOf(code: InstanceType<typeof QrCode>): Uint8Array {
  const out = new Uint8Array(code.size * code.size);
  for (let y = 0; y < code.size; y++) for (let x = 0; x < code.size; x++) out[y * code.size + x] = code.getModule(x, y) ? 1 : 0;
  return out;
}

const covered = { versions: new Set<string>(), modes: new Set<string>(), texts: 0 };

// First: the cheapest test, and the one that fails soonest for a mutant in the arithmetic.
test("capacities, data modules and Reed–Solomon remainders equal Nayuki's arithmetic", () => {
  for (let v = 1; v <= 40; v++) {
    expect(dataModules(v), `version ${v}`).toBe(nayuki.getNumRawDataModules(v));
    for (const [l, name] of LEVELS.entries()) expect(dataCapacity(v, l), `${v}-${name}`).toBe(nayuki.getNumDataCodewords(v, ECC[name]));
  }
  const r = rng(7);
  for (let degree = 7; degree <= 30; degree++) {
    const divisor = nayuki.reedSolomonComputeDivisor(degree);
    expect([...generator(degree)], `generator of degree ${degree}`).toEqual(divisor);
    for (let i = 0; i < 20; i++) {
      const data = Array.from({ length: 1 + r.int(150) }, () => r.int(256));
      expect([...rsRemainder(Uint8Array.from(data), generator(degree))]).toEqual(nayuki.reedSolomonComputeRemainder(data, divisor));
    }
  }
});

/** Nayuki's penalty of a matrix (rows of booleans), through a QrCode holding those modules. */
function nayukiPenalty(rows: boolean[][]): number {
  const symbol = Object.create(QrCode.prototype) as { size: number; modules: boolean[][]; getPenaltyScore(): number };
  Object.defineProperty(symbol, 'size', { value: rows.length });
  Object.defineProperty(symbol, 'modules', { value: rows });
  return symbol.getPenaltyScore();
}

/**
 * A row of `size` modules built from runs: single modules (lines that alternate, so a line holds as
 * many runs as modules), runs of any length, and the finder-like 1:1:3:1:1 pattern at widths 1–3
 * with light of 0–5 widths on either side, so each rule meets its boundaries at both ends of a line.
 */
function runRow(r: Rng, size: number): boolean[] {
  const row: boolean[] = [];
  let dark = r.next() < 0.5;
  const run = (n: number, colour: boolean) => {
    for (let i = 0; i < n; i++) row.push(colour);
  };
  while (row.length < size) {
    const kind = r.int(4);
    if (kind === 0) run(1 + r.int(8), (dark = !dark));
    else if (kind === 1) for (let i = 1 + r.int(2 * size); i > 0; i--) run(1, (dark = !dark));
    else {
      const u = 1 + r.int(3);
      run(r.int(6) * u, false);
      for (const [w, colour] of [
        [1, true],
        [1, false],
        [3, true],
        [1, false],
        [1, true],
      ] as const)
        run(w * u, colour);
      run(r.int(6) * u, false);
      dark = true;
    }
  }
  return row.slice(r.int(Math.max(1, row.length - size)), size + row.length).slice(0, size);
}

// The penalty alone, not only through the mask it chooses: a rule read differently at one boundary
// (the margin, a run at the end of a line, a pattern wider than one module) may not change any
// symbol's mask yet, and a later change of the symbol could make it.
test("the mask penalty of any matrix equals Nayuki's: random modules, alternating lines, finder-like patterns of every width", () => {
  const r = rng(99);
  for (let i = 0; i < (UNDER_STRYKER ? 150 : 600); i++) {
    // Odd sizes, as every QR symbol's: at an even size, exactly half dark gives N4 a k of -1, which Nayuki asserts never happens.
    // Every symbol size too (21 + 4·(version − 1), up to 177): slice qr-mask leaves out the symbols of every version.
    const size = r.pick([1, 3, 5, 11, 21, 25, 21 + 4 * r.int(10), 21 + 4 * r.int(40)]);
    const density = r.pick([0.5, 0.5, 0.1, 0.9]);
    const crafted = r.next() < 0.7;
    let rows = Array.from({ length: size }, () => (crafted ? runRow(r, size) : Array.from({ length: size }, () => r.next() < density)));
    if (r.next() < 0.5) rows = rows.map((_, y) => rows.map((row) => row[y]!)); // the patterns in columns
    const flat = Uint8Array.from(rows.flat(), (dark) => (dark ? 1 : 0));
    expect(penalty(flat, size), `matrix ${i} of size ${size}`).toBe(nayukiPenalty(rows));
  }
});

/** One random case: oathkit and Nayuki, auto mask and a fixed one, must give the same symbols. */
function check(r: Rng) {
  const level = r.int(4);
  // Small versions more often (they cost less time); the test after these fills every version.
  const target = 1 + Math.floor(40 * r.next() ** 3);
  const flavour = r.pick(['digits', 'alphanumeric', 'ascii', 'runs', 'unicode', 'token', 'token']);
  let text = flavour === 'token' ? tokenText(r) : fill(randomText(r, flavour, 7200), target, level);
  // Some texts shortened at random, some placed in a larger version than they need.
  if (flavour !== 'token' && r.next() < 0.25) text = text.slice(0, r.int(text.length + 1)).replace(/[\ud800-\udbff]$/, '');
  const minVersion = r.next() < 0.2 ? target : 1;
  const options = { level: LEVELS[level]!, minVersion };
  const ours = qrMatrix(text, options);
  const what = `${JSON.stringify(text.slice(0, 40))}… (${text.length} chars) ${ours.version}-${ours.level}`;
  const segments = segmentsFor(text, ours.version);
  const theirs = QrCode.encodeSegments(segments, ECC[options.level], minVersion, 40, -1, false);
  expect([theirs.version, theirs.mask], what).toEqual([ours.version, ours.mask]);
  expect(same(modulesOf(theirs), ours.modules), what).toBe(true);
  const mask = r.int(8);
  const fixed = qrMatrix(text, { ...options, mask });
  expect(
    same(modulesOf(QrCode.encodeSegments(segments, ECC[options.level], ours.version, ours.version, mask, false)), fixed.modules),
    `${what} mask ${mask}`,
  ).toBe(true);
  covered.versions.add(`${ours.version}-${ours.level}`);
  for (const s of segments)
    covered.modes.add(
      s.mode === QrSegment.Mode.ECI ? 'eci' : s.mode === QrSegment.Mode.NUMERIC ? 'numeric' : s.mode === QrSegment.Mode.ALPHANUMERIC ? 'alphanumeric' : 'byte',
    );
  covered.texts++;
}

/**
 * Random texts a part: 550 (2,200 in all). Under Stryker (npm run mutation sets
 * OATHKIT_MUTATION_SLICE) 25 a part, and the test after these fills one level of each version the
 * draws missed rather than every level: each surviving mutant runs these tests through the
 * instrumented encoder, where a large symbol costs about thirty times its plain time (the dry run
 * of the QR slices took over eight minutes with 60 a part and every level). Every version, every
 * level and every mode is still compared module for module.
 */
const PER_PART = UNDER_STRYKER ? 25 : 550;

for (const part of [1, 2, 3, 4]) {
  test(`random texts, part ${part} of 4: the same symbols as Nayuki's encoder (auto and fixed mask)`, { timeout: 300_000 }, () => {
    const r = rng(0x51ee_d000 + part);
    for (let i = 0; i < PER_PART; i++) check(r);
  });
}

test('every version at every level, and every mode: the random texts, and a text filling each version-level they missed', { timeout: 300_000 }, () => {
  // Whatever the random draws missed, filled here: a text filling each version at each level (under
  // Stryker, at one level: v mod 4, unless the draws reached the version at some level).
  const r = rng(4242);
  const reached = (v: number) => LEVELS.some((name) => covered.versions.has(`${v}-${name}`));
  for (let v = 1; v <= 40; v++) {
    for (const [level, name] of LEVELS.entries()) {
      if (covered.versions.has(`${v}-${name}`)) continue;
      if (UNDER_STRYKER && (reached(v) || level !== v % 4)) continue;
      const text = fill(randomText(r, 'runs', 7200), v, level);
      const ours = qrMatrix(text, { level: name });
      const theirs = QrCode.encodeSegments(segmentsFor(text, ours.version), ECC[name], 1, 40, -1, false);
      expect([ours.version, theirs.version, theirs.mask]).toEqual([v, v, ours.mask]);
      expect(same(modulesOf(theirs), ours.modules)).toBe(true);
      covered.versions.add(`${v}-${name}`);
      covered.texts++;
    }
  }
  const versions = new Set([...covered.versions].map((vl) => vl.split('-')[0]));
  const levels = new Set([...covered.versions].map((vl) => vl.split('-')[1]));
  expect([versions.size, levels.size]).toEqual([40, 4]);
  if (!UNDER_STRYKER) expect(covered.versions.size).toBe(160);
  expect([...covered.modes].sort()).toEqual(['alphanumeric', 'byte', 'eci', 'numeric']);
  expect(covered.texts).toBeGreaterThanOrEqual(4 * PER_PART);
  console.log(`qr cross: ${covered.texts} texts equal to Nayuki's encoder, ${covered.versions.size} version-levels`);
});

test('the shortest segmentation: an exhaustive search over every segmentation of short texts agrees', () => {
  // Every way to cut a text into segments and give each a mode that can hold it, costed exactly
  // (ISO/IEC 18004 §7.4.3–7.4.5): the least must be what oathkit's linear search finds.
  const count = [
    [10, 9, 8],
    [12, 11, 16],
    [14, 13, 16],
  ];
  const canHold = (mode: number, c: string) => (mode === 0 ? DIGITS.includes(c) : mode === 1 ? ALNUM.includes(c) : true);
  const dataBits = (mode: number, n: number) =>
    mode === 0 ? 10 * Math.floor(n / 3) + [0, 4, 7][n % 3]! : mode === 1 ? 11 * Math.floor(n / 2) + 6 * (n % 2) : 8 * n;
  const exhaustive = (text: string, group: number): number => {
    const best = (start: number): number => {
      if (start === text.length) return 0;
      let least = Infinity;
      for (let end = start + 1; end <= text.length; end++) {
        for (let mode = 0; mode < 3; mode++) {
          if (![...text.slice(start, end)].every((c) => canHold(mode, c))) continue;
          least = Math.min(least, 4 + count[group]![mode]! + dataBits(mode, end - start) + best(end));
        }
      }
      return least;
    };
    return best(0);
  };
  const r = rng(99);
  const alphabet = ['0', '1', '7', 'A', 'Z', ' ', ':', 'a', '~', '0', '9'];
  for (let i = 0; i < 800; i++) {
    const text = Array.from({ length: 1 + r.int(10) }, () => r.pick(alphabet)).join('');
    for (let group = 0; group < 3; group++) {
      const [bits, segments] = shortestSegments(utf8Encode(text)!, group);
      expect(bits, `${JSON.stringify(text)} group ${group}`).toBe(exhaustive(text, group));
      // The segments cover the text in order, each in a mode that holds it.
      expect(segments.map(([, from, to]) => text.slice(from, to)).join('')).toBe(text);
      for (const [mode, from, to] of segments) expect([...text.slice(from, to)].every((c) => canHold(mode, c))).toBe(true);
    }
  }
});
