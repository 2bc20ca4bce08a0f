// Fuzzing oathkit/qr: 100,000 random texts and option objects (valid and not: every key, unknown
// keys, values of every type, lone surrogates, texts around every size cap) through qrMatrix,
// qrSvg and qrText. Every call must return its kind of result or throw an OtpError with a known
// code: nothing else may escape. Then the cap: text far beyond any QR code is refused before any
// work (the test's own time limit is the hang guard; how the time grows with the text is measured
// in bench/qr.mjs, not asserted here: a timed assertion fails on a loaded machine).
// A seeded generator: a failure prints the input and reproduces.
import { expect, test } from 'vitest';
import { OtpError, qrMatrix, qrSvg, qrText } from '../../src/index.ts';
import { rng, type Rng } from './rng.ts';

const RUNS = 100_000;
const CODES = new Set(['INVALID_QR_TEXT', 'INVALID_OPTIONS', 'QR_TOO_LONG']);

const POOLS = ['0123456789', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:', 'abcdefghijklmnopqrstuvwxyz?&=', 'éΩЖ中☕', '😀𝄞', '\0\n\t\u007f\u0080\uffff'];

/** Mostly short texts (the fast path), some long, a few at and beyond the caps. */
function randomText(r: Rng): unknown {
  const roll = r.next();
  if (roll < 0.01) return r.pick([undefined, null, 42, {}, [], new Uint8Array(2), Symbol('x'), () => 'x', 7n]);
  if (roll < 0.013) return '7'.repeat(r.pick([7089, 7090, 10_000, 100_000]));
  const length = roll < 0.016 ? r.int(3000) : roll < 0.05 ? r.int(200) : r.int(40);
  let out = '';
  while (out.length < length) {
    const chars = [...r.pick(POOLS)];
    for (let n = 1 + r.int(12); n > 0 && out.length < length; n--) out += r.pick(chars);
    // Now and then a lone surrogate (refused: UTF-8 cannot carry it).
    if (r.next() < 0.01) out += r.pick(['\ud800', '\udbff', '\udc00', '\udfff']);
  }
  return out;
}

const VALUES: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  1,
  2,
  4,
  7,
  8,
  40,
  41,
  64,
  65,
  100,
  101,
  -1,
  2.5,
  NaN,
  Infinity,
  '',
  'L',
  'M',
  'Q',
  'H',
  'm',
  'X',
  '#000',
  'red',
  'rgb(1 2 3)',
  '"<&',
  'a'.repeat(300),
  '\u0001',
  [],
  {},
  5n,
];
const KEYS = ['level', 'minVersion', 'mask', 'boost', 'margin', 'moduleSize', 'dark', 'light', 'title', 'invert', 'levl', 'colour', '__proto__', 'toString'];

/** Valid options half the time, otherwise anything. */
function randomOptions(r: Rng): unknown {
  const roll = r.next();
  if (roll < 0.5) {
    return {
      ...(r.next() < 0.5 ? { level: r.pick(['L', 'M', 'Q', 'H']) } : {}),
      ...(r.next() < 0.2 ? { minVersion: 1 + r.int(r.next() < 0.05 ? 40 : 8) } : {}),
      ...(r.next() < 0.2 ? { mask: r.int(8) } : {}),
      ...(r.next() < 0.2 ? { boost: r.next() < 0.5 } : {}),
    };
  }
  if (roll < 0.55) return r.pick([null, 'M', 5, [], () => ({})]);
  const options: Record<string, unknown> = {};
  for (let n = r.int(4); n > 0; n--) options[r.pick(KEYS)] = r.pick(VALUES);
  return options;
}

test(`${RUNS} random texts and options: a result or an OtpError with a known code, nothing else`, { timeout: 600_000 }, () => {
  const r = rng(0x9e37_79b9);
  const outcomes: Record<string, number> = {};
  const call = [qrMatrix, qrSvg, qrText] as ((text: unknown, options?: unknown) => unknown)[];
  for (let i = 0; i < RUNS; i++) {
    const text = randomText(r);
    const options = randomOptions(r);
    const which = r.next() < 0.8 ? 0 : r.int(2) + 1; // the matrix most often: the other two build on it
    try {
      const result = call[which]!(text, options);
      if (which === 0) expect((result as { modules: Uint8Array }).modules).toBeInstanceOf(Uint8Array);
      else expect(typeof result).toBe('string');
      outcomes.ok = (outcomes.ok ?? 0) + 1;
    } catch (e) {
      if (!(e instanceof OtpError) || !CODES.has(e.code)) {
        throw new Error(`run ${i}: ${['qrMatrix', 'qrSvg', 'qrText'][which]}(${String(text).slice(0, 60)}…, ${JSON.stringify(options)}) threw ${String(e)}`);
      }
      outcomes[e.code] = (outcomes[e.code] ?? 0) + 1;
    }
  }
  console.log(`qr fuzz: ${RUNS} calls: ${JSON.stringify(outcomes)}`);
  for (const outcome of ['ok', ...CODES]) expect(outcomes[outcome], outcome).toBeGreaterThan(100);
});

test('text beyond any QR code is refused before any work; at the cap every script still encodes or is refused', { timeout: 30_000 }, () => {
  // A cap of 7,089 UTF-16 units (the most digits any QR code holds) is checked first: ten million
  // characters cost no more than ten thousand (a walk over them would exceed the time limit).
  for (const n of [7_090, 10_000, 1_000_000, 10_000_000]) {
    const huge = '7'.repeat(n);
    for (const f of [qrMatrix, qrSvg, qrText]) {
      let error: unknown;
      try {
        f(huge);
      } catch (e) {
        error = e;
      }
      expect(error, `${n} digits`).toBeInstanceOf(OtpError);
      expect((error as OtpError).code).toBe('QR_TOO_LONG');
      expect((error as Error).message).toMatch(new RegExp(`^text is ${n} characters long; at level M a QR code holds at most \\d+ bits$`));
    }
  }
  // At the cap, in the slowest characters for the segmentation search (four UTF-8 bytes each).
  expect(() => qrSvg('😀'.repeat(3544))).toThrow(expect.objectContaining({ code: 'QR_TOO_LONG' }));
  expect(qrMatrix('7'.repeat(7089), { level: 'L' }).version).toBe(40);
});
