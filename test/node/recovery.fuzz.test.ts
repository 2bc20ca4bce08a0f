// Bounded fuzzing of what useRecoveryCode reads from outside: the stored set (from a database an
// attacker may have written to) and the typed input. 100,000 sets mutated field by field and
// through their JSON text, and 100,000 random inputs: every call gives an answer or an OtpError,
// nothing else escapes, and an answer's set is itself a valid set. Oversized arrays and inputs are
// refused before they are walked. A seeded generator: a failure prints the case and reproduces.
import { expect, test } from 'vitest';
import { generateRecoveryCodes, MAX_RECOVERY_INPUT, OtpError, remainingRecoveryCodes, useRecoveryCode, type RecoverySet } from '../../src/index.ts';
import { rng } from './rng.ts';

const RUNS = 100_000;

const { codes, set } = generateRecoveryCodes({ count: 6 });
const worn: RecoverySet = { ...set, seq: 12, used: [true, false, true, false, false, false], failures: 6, lockMs: 60_000, lockedUntil: 1_000 };
const KEYS = Object.keys(set);
const hex64 = set.hashes[0]!;
const POOL: unknown[] = [
  undefined,
  null,
  true,
  false,
  0,
  -1,
  1,
  1.5,
  80,
  85,
  81,
  2 ** 53,
  2 ** 53 - 1,
  -(2 ** 53),
  NaN,
  Infinity,
  -0,
  '',
  '0',
  '1',
  'recovery',
  'hotp',
  'x'.repeat(300),
  hex64,
  hex64.toUpperCase(),
  hex64.slice(1),
  hex64 + '0',
  ` ${hex64.slice(1)}`,
  [],
  [true],
  [hex64],
  {},
  { length: 3 },
  [[]],
  1e300,
  315_360_000_000,
  8.64e15,
  8.64e15 + 315_360_000_000 + 1,
];

/** One random change somewhere in a copy of the set. */
function mutateSet(r: ReturnType<typeof rng>, base: RecoverySet): unknown {
  const s = structuredClone(base) as unknown as Record<string, unknown>;
  const edits = 1 + r.int(2);
  for (let e = 0; e < edits; e++) {
    const key = r.pick(KEYS);
    switch (r.int(10)) {
      case 8: {
        // Harmless: another valid set (a code used or not, hashes in another order).
        const used = s.used as boolean[];
        const hashes = s.hashes as string[];
        if (!Array.isArray(used) || !Array.isArray(hashes) || used.length !== hashes.length || used.length === 0) break;
        const [a, b] = [r.int(used.length), r.int(used.length)];
        if (r.next() < 0.5) used[a] = !used[a];
        else [hashes[a], hashes[b], used[a], used[b]] = [hashes[b]!, hashes[a]!, used[b]!, used[a]!];
        break;
      }
      case 9:
        s.seq = r.int(2 ** 53);
        break;
      case 0:
        delete s[key];
        break;
      case 1:
        s[r.pick(['extra', 'codes', 'v2', '__proto__', 'constructor', key.toUpperCase()])] = r.pick(POOL);
        break;
      case 2: {
        const array = r.pick(['hashes', 'used'] as const);
        const a = s[array];
        if (Array.isArray(a) && a.length) a[r.int(a.length)] = r.pick(POOL);
        break;
      }
      case 3: {
        const a = s[r.pick(['hashes', 'used'] as const)];
        if (Array.isArray(a)) r.next() < 0.5 ? a.pop() : a.push(r.next() < 0.5 ? a[0] : r.pick(POOL));
        break;
      }
      case 4:
        if (typeof s[key] === 'number') s[key] = (s[key] as number) + r.pick([-1, 1, 1000, -1000, 0.5]);
        break;
      case 5:
        if (typeof s.salt === 'string') s.salt = s.salt.slice(0, r.int(64)) + r.pick(['g', 'A', ' ', '0', '']) + s.salt.slice(r.int(64));
        break;
      default:
        s[key] = r.pick(POOL);
    }
  }
  return s;
}

/** One random edit of a string. */
function mutateText(r: ReturnType<typeof rng>, text: string): string {
  const i = r.int(text.length + 1);
  const ch = r.next() < 0.8 ? r.pick([...'{}[]",:0123456789abcdeftruenl-. ']) : String.fromCharCode(r.int(0x10000));
  switch (r.int(4)) {
    case 0:
      return text.slice(0, i) + ch + text.slice(i + 1);
    case 1:
      return text.slice(0, i) + ch + text.slice(i);
    case 2:
      return text.slice(0, i) + text.slice(i + 1 + r.int(8));
    default:
      return text.slice(0, i) + text.slice(i, i + 40) + text.slice(i);
  }
}

/** Calls useRecoveryCode; anything but an answer with a valid set or an OtpError fails the test. */
function check(s: unknown, input: unknown, what: () => string): 'answer' | 'refused' {
  let result;
  try {
    result = useRecoveryCode(s as RecoverySet, input as string, { now: 0, policy: { maxFailures: 3 } });
  } catch (e) {
    if (e instanceof OtpError) return 'refused';
    throw new Error(`${what()}: ${String(e)}`);
  }
  expect(remainingRecoveryCodes(result.set), what()).toBeGreaterThanOrEqual(0);
  return 'answer';
}

test(`fuzz the stored set: ${RUNS.toLocaleString('en')} mutated sets give an answer or INVALID_RECOVERY_SET`, { timeout: 120_000 }, () => {
  const r = rng(0x5eed);
  const tally = { answer: 0, refused: 0 };
  const baseText = JSON.stringify(worn);
  for (let i = 0; i < RUNS; i++) {
    let candidate: unknown;
    if (i % 2 === 0) candidate = mutateSet(r, r.next() < 0.5 ? set : worn);
    else {
      let text = baseText;
      for (let k = 1 + r.int(3); k > 0; k--) text = mutateText(r, text);
      try {
        candidate = JSON.parse(text);
      } catch {
        candidate = text; // not JSON: a string is not a set either
      }
    }
    tally[check(candidate, r.pick([codes[1], codes[0], 'nope']), () => `case ${i}: ${JSON.stringify(candidate)?.slice(0, 400)}`)]++;
  }
  // Both outcomes are common: the mutations are neither all fatal nor all harmless.
  expect(Math.min(tally.answer, tally.refused)).toBeGreaterThan(RUNS / 20);
});

test(`fuzz the input: ${RUNS.toLocaleString('en')} random strings are answered (wrong, mostly), or refused as too long past 256 characters`, {
  timeout: 120_000,
}, () => {
  const r = rng(0xc0de);
  const { codes, set } = generateRecoveryCodes({ count: 2 }); // few hashes: the input is under test here
  const symbols = '0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghjkmnpqrstvwxyzOoIiLlUu -';
  let tooLong = 0;
  for (let i = 0; i < RUNS; i++) {
    const base = r.next() < 0.5 ? r.pick(codes) : '';
    let text = base;
    for (let k = r.int(6); k > 0; k--) {
      const at = r.int(text.length + 1);
      const ch = r.next() < 0.85 ? r.pick([...symbols]) : String.fromCharCode(r.int(0x10000));
      text = text.slice(0, at) + ch.repeat(r.next() < 0.02 ? 300 : 1) + text.slice(at);
    }
    let result;
    try {
      result = useRecoveryCode(set, text, { now: 0, policy: { maxFailures: 10 ** 9 } });
    } catch (e) {
      expect(e instanceof OtpError && e.code === 'INPUT_TOO_LONG' && text.length > 256, `case ${i}: ${JSON.stringify(text)}`).toBe(true);
      tooLong++;
      continue;
    }
    expect(text.length).toBeLessThanOrEqual(256);
    expect(['accepted', 'wrong']).toContain(result.reason);
  }
  expect(tooLong).toBeGreaterThan(100);
});

test('oversized arrays are refused before they are walked: not one element is read', () => {
  /** `items` behind a proxy that counts each indexed read. */
  const counted = <T>(items: T[], reads: { n: number }): T[] =>
    new Proxy(items, {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads.n++;
        return Reflect.get(target, key, target);
      },
    });
  for (const [field, value] of [
    ['hashes', new Array(10_000_000)],
    ['hashes', new Array(101).fill(set.hashes[0])],
    ['used', new Array(10_000_000).fill(false)],
  ] as const) {
    const reads = { n: 0 };
    const e = (() => {
      try {
        useRecoveryCode({ ...set, [field]: counted<unknown>(value, reads) }, codes[0]!);
      } catch (x) {
        return x;
      }
    })();
    expect([e instanceof OtpError && e.code, reads.n], `${field}: ${value.length}`).toEqual(['INVALID_RECOVERY_SET', 0]);
  }
  // The proxies do see a walk: a valid set behind them is read element by element.
  const reads = { n: 0 };
  expect(useRecoveryCode({ ...set, hashes: counted(set.hashes.slice(), reads), used: counted(set.used.slice(), reads) }, codes[0]!).reason).toBe('accepted');
  expect(reads.n).toBeGreaterThanOrEqual(2 * set.hashes.length);
});

test('the input is read up to MAX_RECOVERY_INPUT characters and refused past it, whatever it holds', () => {
  // The cap is what bounds the work on an input (one pass over at most 256 characters): the
  // longest input is read and decides by its content; one character more is INPUT_TOO_LONG.
  const padded = (code: string, n: number) => code.padStart(n, '-');
  expect(useRecoveryCode(set, padded(codes[1]!, MAX_RECOVERY_INPUT)).reason).toBe('accepted');
  expect(useRecoveryCode(set, padded('A', MAX_RECOVERY_INPUT), { now: 0 }).reason).toBe('wrong');
  for (const input of [padded(codes[1]!, MAX_RECOVERY_INPUT + 1), codes[1]!.repeat(10_000)]) {
    expect(() => useRecoveryCode(set, input)).toThrow(expect.objectContaining({ code: 'INPUT_TOO_LONG' }));
  }
});
