// Properties of activation strings: decode(encode(config)) is the config in normal form for random
// configs of every kind (lengths drawn explicitly, up to every cap); every string that decodes is
// the one string of its token; every substitution and neighbour swap in a sample of random strings
// fails the check, and insertions and deletions are measured; the CRC's guarantees are proven at
// the longest string version 1 can produce; anything else is a Token or an OtpError.
import fc from 'fast-check';
import { expect, test, vi } from 'vitest';
import { crc20, CRC20_POLY } from '../../src/_crc.ts';
import {
  decodeActivation,
  decodeMobilePass,
  encodeActivation,
  encodeMobilePass,
  formatOtpauthUri,
  MAX_ACTIVATION_TEXT,
  OtpError,
  parseOtpauthUri,
  type Counter,
  type Token,
  type TokenInput,
} from '../../src/index.ts';

/**
 * While `on`, what decodeActivation hands its costly steps: each detectFormat call's text length,
 * each CRC's symbol count (the module's imports, wrapped; the tests' own calls are not counted).
 */
const steps = { on: false, detect: [] as number[], crc: [] as number[] };
vi.mock('../../src/detect.ts', async (original) => {
  const real = await original<typeof import('../../src/detect.ts')>();
  return {
    ...real,
    detectFormat: (text: Parameters<typeof real.detectFormat>[0]) => {
      if (steps.on) steps.detect.push(text.length);
      return real.detectFormat(text);
    },
  };
});
vi.mock('../../src/_crc.ts', async (original) => {
  const real = await original<typeof import('../../src/_crc.ts')>();
  return {
    ...real,
    crc20: (...args: Parameters<typeof real.crc20>) => {
      if (steps.on) steps.crc.push(args[1]);
      return real.crc20(...args);
    },
  };
});

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MAX_U64 = 2n ** 64n - 1n;
const symbolsOf = (text: string) => text.replaceAll('-', '');

// ---- Arbitraries: every length drawn explicitly (fast-check's default size would keep them ~10) ----

const key = fc.integer({ min: 10, max: 128 }).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
const algorithmInput = fc.constantFrom(undefined, 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512', 'sha1', 'sha-256', 'Sha-512', 'SHA-1', 'sha-224', 'Sha384');
const counter: fc.Arbitrary<Counter | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constantFrom(0, 1, 0n, 127, 128, Number.MAX_SAFE_INTEGER, MAX_SAFE + 1n, MAX_U64),
  fc.maxSafeNat(),
  fc.bigInt({ min: 0n, max: MAX_U64 }),
);
/** One character of 1 to 4 bytes of UTF-8, or a separator-like or control character. */
const char = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
  fc.constantFrom('é', 'ß', 'ı', '喵', '€', '🔑', '👍🏽', '\u0000', '\n', ' ', '-', ':', '\u00a0', '\ufeff'),
  fc
    .integer({ min: 0x80, max: 0x10ffff })
    .filter((c) => c < 0xd800 || c > 0xdfff)
    .map((c) => String.fromCodePoint(c)),
);
/** Text of up to `cap` bytes of UTF-8, the length drawn uniformly (empty included). */
const label = (cap: number) =>
  fc.integer({ min: 0, max: cap }).chain((n) =>
    fc.array(char, { minLength: n, maxLength: n }).map((chars) => {
      let out = '';
      for (const c of chars) if (new TextEncoder().encode(out + c).length <= cap) out += c;
      return out;
    }),
  );
const optionalLabel = (cap: number) => fc.option(label(cap), { nil: undefined, freq: 2 });

/** A valid OCRA suite from the RFC 6287 §6 grammar, every part drawn. */
const suite = fc
  .record({
    hash: fc.constantFrom('SHA1', 'SHA256', 'SHA512'),
    t: fc.constantFrom(0, 4, 5, 6, 7, 8, 9, 10),
    c: fc.boolean(),
    q: fc.constantFrom('A', 'N', 'H'),
    nn: fc.integer({ min: 4, max: 64 }),
    p: fc.constantFrom(undefined, 'P', 'PSHA1', 'PSHA256', 'PSHA512'),
    s: fc.oneof(
      fc.constantFrom(undefined, 'S'),
      fc.integer({ min: 1, max: 512 }).map((n) => `S${String(n).padStart(3, '0')}`),
    ),
    time: fc.oneof(
      fc.constantFrom(undefined, 'T'),
      fc.tuple(fc.constantFrom('S', 'M'), fc.integer({ min: 1, max: 59 })).map(([u, n]) => `T${n}${u}`),
      fc.integer({ min: 1, max: 48 }).map((n) => `T${n}H`),
    ),
  })
  .map(({ hash, t, c, q, nn, p, s, time }) => {
    const parts = [c ? 'C' : undefined, `Q${q}${String(nn).padStart(2, '0')}`, p, s, time].filter((x) => x !== undefined);
    return `OCRA-1:HOTP-${hash}-${t}:${parts.join('-')}`;
  });

const labels = { serial: optionalLabel(32), issuer: optionalLabel(64), account: optionalLabel(128) };
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const totpConfig = fc.record({
  kind: fc.constant('totp' as const),
  key,
  algorithm: algorithmInput,
  digits: maybe(fc.integer({ min: 6, max: 10 })),
  period: maybe(fc.oneof(fc.constantFrom(1, 30, 60, 2 ** 32), fc.integer({ min: 1, max: 2 ** 31 - 1 }))),
  t0: maybe(fc.oneof(fc.constantFrom(0, -1, 1, 8.64e12, -8.64e12), fc.bigInt({ min: -8_640_000_000_000n, max: 8_640_000_000_000n }).map(Number))),
  ...labels,
});
const hotpConfig = fc.record({
  kind: fc.constant('hotp' as const),
  key,
  algorithm: algorithmInput,
  digits: maybe(fc.integer({ min: 6, max: 10 })),
  counter,
  ...labels,
});
const ocraConfig = fc
  .record({ kind: fc.constant('ocra' as const), key, suite, counter, ...labels })
  .map((c) => (c.suite.includes(':C-') ? c : { ...c, counter: undefined }));
const steamConfig = fc.record({
  kind: fc.constant('steam' as const),
  key,
  period: maybe(fc.oneof(fc.constantFrom(1, 30, 60, 2 ** 32), fc.integer({ min: 1, max: 2 ** 31 - 1 }))),
  t0: maybe(fc.oneof(fc.constantFrom(0, -1, 1, 8.64e12, -8.64e12), fc.integer({ min: -1e9, max: 1e9 }))),
  ...labels,
});
const anyConfig = fc.oneof(totpConfig, hotpConfig, ocraConfig, steamConfig) as fc.Arbitrary<TokenInput>;

// ---- The normal form, written independently of src/token.ts ----

const ALGORITHMS: Record<string, Token['algorithm']> = { SHA1: 'SHA1', SHA224: 'SHA224', SHA256: 'SHA256', SHA384: 'SHA384', SHA512: 'SHA512' };
const canonicalCounter = (c: Counter | undefined): Counter => (BigInt(c ?? 0) > MAX_SAFE ? BigInt(c!) : Number(c ?? 0));

/** What decodeActivation(encodeActivation(c)) must give: docs/formats.md's definition of equality. */
function expectedNormal(c: TokenInput): Token {
  const out = { kind: c.kind, key: Uint8Array.from(c.key) } as Token;
  if (c.kind === 'ocra') {
    const m = /^OCRA-1:HOTP-(SHA\d+)-(\d+):/.exec(c.suite!)!;
    Object.assign(out, { suite: c.suite, algorithm: m[1], digits: Number(m[2]) });
    if (c.suite!.includes(':C-')) out.counter = canonicalCounter(c.counter);
  } else if (c.kind === 'steam') {
    Object.assign(out, { algorithm: 'SHA1', digits: 5, period: c.period ?? 30, t0: c.t0 ?? 0 });
  } else {
    out.algorithm = ALGORITHMS[(c.algorithm ?? 'SHA1').toUpperCase().replace('-', '')]!;
    out.digits = c.digits ?? 6;
    if (c.kind === 'totp') Object.assign(out, { period: c.period ?? 30, t0: c.t0 ?? 0 });
    else out.counter = canonicalCounter(c.counter);
  }
  for (const name of ['serial', 'issuer', 'account'] as const) if (c[name]) out[name] = c[name];
  return out;
}

/** Strips keys whose value is undefined (a config may spell "absent" either way). */
const defined = (c: TokenInput) => Object.fromEntries(Object.entries(c).filter(([, v]) => v !== undefined)) as TokenInput;

test('decode(encode(config)) is the config in normal form, for random configs of every kind', () => {
  const seen = { totp: 0, hotp: 0, ocra: 0, steam: 0, labelled: 0, longest: 0 };
  fc.assert(
    fc.property(anyConfig, (config) => {
      const text = encodeActivation(config); // fields given as undefined count as absent
      expect(text).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4})*(-[0-9A-HJKMNP-TV-Z]{1,3})?$/);
      const symbols = symbolsOf(text).length;
      expect(symbols).toBeGreaterThanOrEqual(22);
      expect(symbols).not.toBe(20);
      const decoded = decodeActivation(text);
      expect(decoded).toEqual(expectedNormal(config));
      // The normal form is a fixed point, and case and separators do not matter.
      expect(encodeActivation(decoded)).toBe(text);
      expect(decodeActivation(symbolsOf(text).toLowerCase())).toEqual(decoded);
      seen[config.kind]++;
      if (config.issuer || config.account || config.serial) seen.labelled++;
      seen.longest = Math.max(seen.longest, symbols);
    }),
    { numRuns: 6_000 },
  );
  expect(Math.min(seen.totp, seen.hotp, seen.ocra, seen.steam)).toBeGreaterThan(1_000);
  expect(seen.labelled).toBeGreaterThan(3_000);
  expect(seen.longest).toBeGreaterThan(300); // long keys and labels were drawn, not only short ones
});

test('every valid OCRA suite keeps its exact text (bare P, S, T included)', () => {
  fc.assert(
    fc.property(suite, fc.uint8Array({ minLength: 20, maxLength: 20 }), (s, k) => {
      expect(decodeActivation(encodeActivation({ kind: 'ocra', key: k, suite: s })).suite).toBe(s);
    }),
    { numRuns: 3_000 },
  );
});

test('typing leniency: any case, O/I/L for 0/1 and separators anywhere give the same token', () => {
  const noise = fc.constantFrom('', '', '', '-', ' ', '\n', '\r\n', '\t', '  ');
  fc.assert(
    fc.property(anyConfig, fc.infiniteStream(fc.tuple(fc.boolean(), fc.nat(2), noise)), (config, choices) => {
      const text = encodeActivation(defined(config));
      let typed = '';
      for (const c of symbolsOf(text)) {
        const [lower, alias, sep] = choices.next().value;
        const s = c === '0' && alias > 0 ? 'O' : c === '1' && alias > 0 ? (alias === 1 ? 'I' : 'L') : c;
        typed += (lower ? s.toLowerCase() : s) + sep;
      }
      expect(encodeActivation(decodeActivation(typed))).toBe(text);
    }),
    { numRuns: 1_000 },
  );
});

// ---- Errors a person makes ---------------------------------------------------------------------

/** The code decodeActivation throws for `text`, or 'decoded' when it returns a token. */
function outcome(text: string): string {
  try {
    decodeActivation(text);
    return 'decoded';
  } catch (e) {
    if (!(e instanceof OtpError)) throw e;
    return e.code;
  }
}

// A sample of random strings (lengths from 22 to several hundred symbols), fixed by its seed. Made
// on first use, inside a test: code run while the file is collected counts for every test under
// Stryker (a "static" mutant reruns them all, see test/MUTATION.md).
let sampled: ReturnType<typeof symbolsOf>[] | undefined;
const sample = () => (sampled ??= fc.sample(anyConfig, { numRuns: 100, seed: 20240606 }).map((c) => symbolsOf(encodeActivation(c))));

test('exhaustive: every substitution and every neighbour swap in 100 random strings fails the check', () => {
  let substitutions = 0;
  let swaps = 0;
  let symbols = 0;
  const wrong: string[] = []; // plain checks in the loop: expect() per case would take minutes
  for (const s of sample()) {
    symbols += s.length;
    for (let i = 0; i < s.length; i++) {
      for (const c of CROCKFORD) {
        if (c === s[i]) continue;
        const o = outcome(s.slice(0, i) + c + s.slice(i + 1));
        if (o !== 'ACTIVATION_CHECKSUM') wrong.push(`${s}: symbol ${i} as ${c} gave ${o}`);
        substitutions++;
      }
      if (i + 1 < s.length && s[i] !== s[i + 1]) {
        const o = outcome(s.slice(0, i) + s[i + 1] + s[i] + s.slice(i + 2));
        if (o !== 'ACTIVATION_CHECKSUM') wrong.push(`${s}: swap at ${i} gave ${o}`);
        swaps++;
      }
    }
  }
  expect(wrong).toEqual([]);
  expect(substitutions).toBe(symbols * 31);
  expect(symbols).toBeGreaterThan(15_000);
  console.log(
    `oathkit-activation exhaustive: ${sample().length} random strings (${symbols} symbols): ${substitutions} substitutions and ${swaps} neighbour swaps, all ACTIVATION_CHECKSUM`,
  );
}, 120_000);

test('measured: every distinct single insertion and deletion in 40 random strings', () => {
  const tally: Record<string, number> = {};
  let total = 0;
  for (const s of sample().slice(0, 40)) {
    const variants = new Set<string>();
    for (let i = 0; i <= s.length; i++) {
      if (i < s.length) variants.add(s.slice(0, i) + s.slice(i + 1));
      for (const c of CROCKFORD) variants.add(s.slice(0, i) + c + s.slice(i));
    }
    for (const v of variants) {
      const o = outcome(v);
      tally[o] = (tally[o] ?? 0) + 1;
      total++;
    }
  }
  const passed = total - (tally.ACTIVATION_CHECKSUM ?? 0);
  console.log(
    `oathkit-activation insertions/deletions, exhaustive on 40 strings: ${total} distinct strings, ${passed} passed the check ` +
      `(${((1 - passed / total) * 100).toFixed(4)} % detected by it), ${tally.decoded ?? 0} decoded to a token; ` +
      Object.entries(tally)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
  );
  // A 20-bit check lets about 1 in 2^20 through (0.2 expected here); more than 4 would be a defect
  // like the one the final XOR removes (a valid string plus a trailing 0 was valid).
  expect(total).toBeGreaterThan(200_000);
  expect(passed).toBeLessThanOrEqual(4);
}, 120_000);

test('measured: random insertions and deletions at random places (200,000 trials)', () => {
  let passed = 0;
  const trials = 200_000;
  const rnd = fc.sample(fc.tuple(fc.nat(sample().length - 1), fc.boolean(), fc.nat(1_000_000), fc.nat(31)), { numRuns: trials, seed: 7 });
  for (const [which, insert, at, symbol] of rnd) {
    const s = sample()[which]!;
    const i = at % (s.length + (insert ? 1 : 0));
    const v = insert ? s.slice(0, i) + CROCKFORD[symbol] + s.slice(i) : s.slice(0, i) + s.slice(i + 1);
    if (outcome(v) !== 'ACTIVATION_CHECKSUM') passed++;
  }
  console.log(`oathkit-activation random insertions/deletions: ${trials} trials, ${passed} passed the check`);
  expect(passed).toBeLessThanOrEqual(4);
}, 120_000);

// ---- The CRC's guarantees, proven --------------------------------------------------------------

/** Polynomials over GF(2) as bigints: the remainder of a modulo m. */
function polyMod(a: bigint, m: bigint): bigint {
  const dm = m.toString(2).length;
  for (let da = a.toString(2).length; da >= dm; da = a.toString(2).length) a ^= m << BigInt(da - dm);
  return a;
}
function polyMulMod(a: bigint, b: bigint, m: bigint): bigint {
  let r = 0n;
  for (; b > 0n; b >>= 1n, a = polyMod(a << 1n, m)) if (b & 1n) r ^= a;
  return polyMod(r, m);
}

test('the generator is (x + 1) times a primitive polynomial of degree 19', () => {
  const g = (1n << 20n) | BigInt(CRC20_POLY);
  const p19 = (1n << 19n) | (1n << 5n) | (1n << 2n) | (1n << 1n) | 1n; // x^19 + x^5 + x^2 + x + 1
  expect(p19 ^ (p19 << 1n)).toBe(g); // (x + 1) · p19
  // x^(2^19 - 1) = 1 mod p19, and 2^19 - 1 = 524287 is prime, so x has order exactly 2^19 - 1:
  // p19 is primitive, hence x^k + 1 is a multiple of G only for k a multiple of 524287.
  let power = 1n;
  let base = 2n;
  for (let e = 2 ** 19 - 1; e > 0; e = Math.floor(e / 2), base = polyMulMod(base, base, p19)) if (e % 2) power = polyMulMod(power, base, p19);
  expect(power).toBe(1n);
  for (let d = 2; d * d <= 524287; d++) expect(524287 % d).not.toBe(0);
});

test('the table-driven CRC equals the bit-by-bit definition', () => {
  const bitwise = (symbols: Uint8Array) => {
    let r = 0xfffff;
    for (const v of symbols) {
      for (let i = 4; i >= 0; i--) {
        const feedback = ((r >>> 19) & 1) ^ ((v >>> i) & 1);
        r = (r << 1) & 0xfffff;
        if (feedback) r ^= CRC20_POLY;
      }
    }
    return r ^ 0xfffff;
  };
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 700 }).chain((n) => fc.uint8Array({ minLength: n, maxLength: n, max: 31 })),
      (s) => {
        expect(crc20(s, s.length)).toBe(bitwise(s));
      },
    ),
  );
});

test('at the longest version 1 string, no error of 1, 2 or 3 bits and no burst of up to 10 bits passes', () => {
  // The longest string: every field at its cap.
  const longest = Math.max(
    ...[
      {
        kind: 'totp',
        key: new Uint8Array(128),
        algorithm: 'SHA512',
        digits: 10,
        period: 2 ** 32 - 1,
        t0: -8.64e12,
        serial: 's'.repeat(32),
        issuer: 'i'.repeat(64),
        account: 'a'.repeat(128),
      },
      {
        kind: 'hotp',
        key: new Uint8Array(128),
        algorithm: 'SHA512',
        digits: 10,
        counter: MAX_U64,
        serial: 's'.repeat(32),
        issuer: 'i'.repeat(64),
        account: 'a'.repeat(128),
      },
      {
        kind: 'ocra',
        key: new Uint8Array(128),
        suite: 'OCRA-1:HOTP-SHA512-10:C-QH64-PSHA512-S512-T48H',
        counter: MAX_U64,
        serial: 's'.repeat(32),
        issuer: 'i'.repeat(64),
        account: 'a'.repeat(128),
      },
    ].map((c) => symbolsOf(encodeActivation(c as TokenInput)).length),
  );
  expect(longest).toBeLessThanOrEqual(600);
  // Syndromes of single-bit errors in a 600-symbol string (596 data symbols + 4 check symbols): the
  // CRC is affine in the data, so an error pattern passes iff the XOR of its bits' syndromes is 0.
  const data = new Uint8Array(596);
  const base = crc20(data, data.length);
  const n = 600 * 5;
  const syndrome = new Uint32Array(n);
  for (let bit = 0; bit < 596 * 5; bit++) {
    data[Math.floor(bit / 5)]! ^= 1 << (4 - (bit % 5));
    syndrome[bit] = crc20(data, data.length) ^ base;
    data[Math.floor(bit / 5)]! ^= 1 << (4 - (bit % 5));
  }
  for (let j = 0; j < 20; j++) syndrome[596 * 5 + j] = 1 << (19 - j); // an error in the check itself
  const singles = new Set(syndrome);
  expect(singles.has(0)).toBe(false); // every 1-bit error
  expect(singles.size).toBe(n); // every 2-bit error: no two syndromes are equal
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++, pairs++) {
      const s = syndrome[i]! ^ syndrome[j]!;
      // every 3-bit error: no third syndrome equals the XOR of two
      if (singles.has(s) && s !== syndrome[i] && s !== syndrome[j]) throw new Error(`3-bit error at ${i}, ${j} passes`);
    }
  }
  let bursts = 0;
  for (let start = 0; start < n; start++) {
    for (let pattern = 1; pattern < 1 << 10; pattern += 2) {
      // bursts start with a 1 at `start`; bits past the end do not exist
      if (start + 31 - Math.clz32(pattern) >= n) continue;
      let s = 0;
      for (let k = 0; k < 10; k++) if ((pattern >>> k) & 1) s ^= syndrome[start + k]!;
      if (s === 0) throw new Error(`the burst ${pattern.toString(2)} at bit ${start} passes`);
      bursts++;
    }
  }
  expect(pairs).toBe((n * (n - 1)) / 2);
  console.log(
    `oathkit-activation CRC-20 at ${n} bits: ${n} single-bit, ${pairs} two-bit and three-bit and ${bursts} burst (≤ 10 bits) error patterns, none undetected`,
  );
}, 120_000);

// ---- Anything else is a Token or an OtpError ----------------------------------------------

/** Frames a bit string as a version `version` string with a valid check: reaches the body reader. */
function framed(version: number, bits: number[]): string {
  const all = [...Array.from({ length: 5 }, (_, i) => (version >> (4 - i)) & 1), ...bits];
  while (all.length % 5) all.push(0);
  const symbols = new Uint8Array(all.length / 5 + 4);
  for (let i = 0; i < all.length; i++) symbols[Math.floor(i / 5)]! |= all[i]! << (4 - (i % 5));
  const crc = crc20(symbols, all.length / 5);
  for (let i = 0; i < 4; i++) symbols[all.length / 5 + i] = (crc >>> (15 - 5 * i)) & 31;
  return Array.from(symbols, (v) => CROCKFORD[v]).join('');
}
const bitsOf = (text: string) => [...symbolsOf(text).slice(1, -4)].flatMap((c) => [4, 3, 2, 1, 0].map((i) => (CROCKFORD.indexOf(c) >> i) & 1));

test('bodies with a valid check: random bits and mutated tokens decode to their one string or are INVALID_ACTIVATION', () => {
  const tally: Record<string, number> = {};
  const randomBits = fc.integer({ min: 0, max: 1200 }).chain((n) => fc.array(fc.integer({ min: 0, max: 1 }), { minLength: n, maxLength: n }));
  const mutated = fc.tuple(anyConfig, fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.integer({ min: -12, max: 12 })).map(([c, flips, cut]) => {
    const bits = bitsOf(encodeActivation(defined(c)));
    for (const f of flips) bits[f % bits.length]! ^= 1;
    return cut < 0 ? bits.slice(0, cut) : [...bits, ...Array.from({ length: cut }, (_, i) => (flips[0]! >> i) & 1)];
  });
  fc.assert(
    fc.property(fc.oneof(randomBits, mutated), (bits) => {
      const text = framed(1, bits);
      if (text.length === 20) {
        // 20 symbols are a MobilePASS code by the dispatch rule (the encoder never writes 20)
        let mobilePass = 'decoded';
        try {
          decodeMobilePass(text);
        } catch (e) {
          mobilePass = (e as OtpError).code;
        }
        expect(outcome(text)).toBe(mobilePass);
        return;
      }
      try {
        const config = decodeActivation(text);
        // A string that decodes is the only string of its token.
        expect(symbolsOf(encodeActivation(config))).toBe(text);
        tally.decoded = (tally.decoded ?? 0) + 1;
      } catch (e) {
        expect(e).toBeInstanceOf(OtpError);
        expect((e as OtpError).code).toBe('INVALID_ACTIVATION');
        tally.refused = (tally.refused ?? 0) + 1;
      }
    }),
    { numRuns: 10_000 },
  );
  expect(tally.decoded).toBeGreaterThan(500);
  expect(tally.refused).toBeGreaterThan(500);
  // Any other version with a valid check is ACTIVATION_VERSION, whatever follows.
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 31 }).filter((v) => v !== 1),
      fc.array(fc.integer({ min: 0, max: 1 }), { maxLength: 600 }),
      (v, bits) => {
        const text = framed(v, bits);
        if (text.length !== 20) expect(outcome(text)).toBe('ACTIVATION_VERSION');
      },
    ),
  );
}, 60_000);

test('random text gives a Token or an OtpError, nothing else', () => {
  const symbolText = fc
    .integer({ min: 0, max: 700 })
    .chain((n) => fc.array(fc.constantFrom(...`${CROCKFORD}${CROCKFORD.toLowerCase()}OILoilU-  \n`), { minLength: n, maxLength: n }))
    .map((c) => c.join(''));
  fc.assert(
    fc.property(
      fc.oneof(fc.string(), fc.string({ unit: 'binary', maxLength: 200 }), symbolText, fc.constantFrom('otpauth://', 'otpauth-migration://', ' OTPAUTH:')),
      (s) => {
        try {
          const c = decodeActivation(s);
          expect(['totp', 'hotp', 'ocra']).toContain(c.kind);
        } catch (e) {
          expect(e).toBeInstanceOf(OtpError);
        }
      },
    ),
    { numRuns: 10_000 },
  );
  fc.assert(
    fc.property(fc.anything(), fc.anything(), (a, b) => {
      for (const fn of [
        () => decodeActivation(a as string, b as object),
        () => encodeActivation(a as TokenInput),
        () => encodeActivation({ kind: 'totp', key: new Uint8Array(20), ...(a as object) }),
      ]) {
        try {
          fn();
        } catch (e) {
          expect(e).toBeInstanceOf(OtpError);
        }
      }
    }),
    { numRuns: 3_000 },
  );
});

// ---- One entry point: the three forms cannot be confused ---------------------------------------

test('MobilePASS codes, otpauth URIs and activation strings are each read as what they are', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 10, maxLength: 10 }), (entropy) => {
      const code = encodeMobilePass(entropy);
      expect(decodeActivation(code)).toEqual(decodeMobilePass(code));
      // Its token as an activation string is never 20 symbols and reads back as itself.
      const text = encodeActivation(decodeMobilePass(code));
      expect(symbolsOf(text).length).not.toBe(20);
      expect(decodeActivation(text)).toEqual(decodeMobilePass(code));
    }),
    { numRuns: 500 },
  );
  const uriToken = fc.record({
    kind: fc.constantFrom('totp' as const, 'hotp' as const, 'steam' as const),
    key: fc.integer({ min: 1, max: 64 }).chain((n) => fc.uint8Array({ minLength: n, maxLength: n })),
    account: fc.stringMatching(/^[a-z0-9.@]{0,20}$/),
    issuer: fc.option(fc.stringMatching(/^[A-Za-z0-9 ]{1,12}$/), { nil: undefined }),
    algorithm: fc.constantFrom('SHA1' as const, 'SHA224' as const, 'SHA256' as const, 'SHA384' as const, 'SHA512' as const),
    digits: fc.integer({ min: 6, max: 10 }),
    period: fc.integer({ min: 1, max: 2 ** 32 }),
    counter: fc.bigInt({ min: 0n, max: MAX_U64 }),
  });
  fc.assert(
    fc.property(uriToken, ({ kind, counter: c, period, algorithm, digits, ...rest }) => {
      const token: TokenInput =
        kind === 'hotp'
          ? { kind, counter: c, algorithm, digits, ...rest }
          : kind === 'totp'
            ? { kind, period, algorithm, digits, ...rest }
            : { kind, period, ...rest };
      const uri = formatOtpauthUri(token);
      // A URI read through decodeActivation is exactly what parseOtpauthUri reads (extras included).
      expect(decodeActivation(`\n ${uri}`)).toEqual(parseOtpauthUri(uri));
      expect(decodeActivation(uri)).toEqual(expectedNormal(defined(token)));
    }),
    { numRuns: 1_000 },
  );
});

test('inputs at the cap are read once, by content; past it they are refused before any parsing', () => {
  // What bounds the work is the cap: MAX_ACTIVATION_TEXT characters at most reach the detector,
  // once, and the CRC, at most once, over at most that many symbols (the time is measured, not
  // asserted, in bench/costs.mjs).
  const run = (text: string) => {
    Object.assign(steps, { on: true, detect: [], crc: [] });
    try {
      decodeActivation(text);
      return 'ok';
    } catch (e) {
      expect(e).toBeInstanceOf(OtpError);
      return (e as OtpError).code;
    } finally {
      steps.on = false;
    }
  };
  const pathological = (n: number) => [
    '0'.repeat(n),
    '-'.repeat(n - 1) + '1',
    ' 1'.repeat(n / 2),
    'otpauth:'.padEnd(n, ':'),
    framed(1, Array(n * 5 - 20).fill(1)).slice(0, n),
  ];
  const outcomes = pathological(MAX_ACTIVATION_TEXT).map((text) => {
    expect(text).toHaveLength(MAX_ACTIVATION_TEXT);
    const outcome = run(text);
    expect(steps.detect, outcome).toEqual([MAX_ACTIVATION_TEXT]);
    expect(steps.crc.length, outcome).toBeLessThanOrEqual(1);
    for (const n of steps.crc) expect(n).toBeLessThanOrEqual(MAX_ACTIVATION_TEXT);
    return outcome;
  });
  // Decided by what they hold, each its own way (a wrong check, too few symbols, a bad URI).
  expect(outcomes).not.toContain('INPUT_TOO_LONG');
  expect(new Set(outcomes).size).toBeGreaterThanOrEqual(3);
  for (const text of pathological(MAX_ACTIVATION_TEXT + 2).map((t) => t.slice(0, MAX_ACTIVATION_TEXT + 1))) {
    expect(run(text)).toBe('INPUT_TOO_LONG');
    expect([steps.detect, steps.crc]).toEqual([[], []]);
  }
});
