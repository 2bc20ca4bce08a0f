// OCRA properties, and ocra() against an independent reference: OpenSSL's HMAC and hashes through
// node:crypto over a DataInput assembled here from a structured suite description (never from
// parseOcraSuite), with BigInt/Buffer arithmetic that shares no code with src/. Seeded, so a
// failure is reproducible.
import { createHash, createHmac } from 'node:crypto';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { ocra, OtpError, parseOcraSuite, verifyOcra, type OcraInput } from '../../src/index.ts';

type Alg = 'SHA1' | 'SHA256' | 'SHA512';
type Format = 'A' | 'N' | 'H';

/** A suite as its parts; `render` writes the text. Bare P/S/T use the §6.3 defaults. */
interface Spec {
  alg: Alg;
  digits: number;
  counter: boolean;
  format: Format;
  length: number;
  pin: { alg: Alg; bare: boolean } | null;
  session: { length: number; bare: boolean } | null;
  time: { count: number; unit: 'S' | 'M' | 'H'; bare: boolean } | null;
}

/** Reference inputs: counter and timestamp as bigint, session as hex (maybe shorter than S). */
interface RefInput {
  challenge: string;
  counter: bigint;
  pin: string;
  session: string;
  timestamp: bigint;
}

const render = (s: Spec): string =>
  [
    `OCRA-1:HOTP-${s.alg}-${s.digits}:`,
    s.counter ? 'C-' : '',
    `Q${s.format}${String(s.length).padStart(2, '0')}`,
    s.pin ? (s.pin.bare ? '-P' : `-P${s.pin.alg}`) : '',
    s.session ? (s.session.bare ? '-S' : `-S${String(s.session.length).padStart(3, '0')}`) : '',
    s.time ? (s.time.bare ? '-T' : `-T${s.time.count}${s.time.unit}`) : '',
  ].join('');

const UNIT_SECONDS = { S: 1, M: 60, H: 3600 } as const;

function refOcra(spec: Spec, key: Uint8Array, input: RefInput): string {
  const parts: Buffer[] = [Buffer.from(render(spec), 'ascii'), Buffer.from([0])];
  if (spec.counter) {
    const c = Buffer.alloc(8);
    c.writeBigUInt64BE(input.counter);
    parts.push(c);
  }
  const q = Buffer.alloc(128);
  if (spec.format === 'A') {
    q.write(input.challenge, 'ascii');
  } else {
    let hex = spec.format === 'N' ? BigInt(input.challenge).toString(16) : input.challenge;
    if (hex.length % 2) hex += '0';
    Buffer.from(hex, 'hex').copy(q);
  }
  parts.push(q);
  if (spec.pin) parts.push(createHash(spec.pin.alg.toLowerCase()).update(input.pin, 'utf8').digest());
  if (spec.session) parts.push(Buffer.from(input.session.padStart(2 * spec.session.length, '0'), 'hex'));
  if (spec.time) {
    const t = Buffer.alloc(8);
    t.writeBigUInt64BE(input.timestamp);
    parts.push(t);
  }
  const mac = createHmac(spec.alg.toLowerCase(), key).update(Buffer.concat(parts)).digest();
  if (spec.digits === 0) return mac.toString('hex');
  const value = mac.readUInt32BE(mac[mac.length - 1]! & 0x0f) & 0x7fffffff;
  return String(value % 10 ** spec.digits).padStart(spec.digits, '0');
}

// ---- Arbitraries ---------------------------------------------------------------------------
const alg = fc.constantFrom<Alg>('SHA1', 'SHA256', 'SHA512');
const specArb: fc.Arbitrary<Spec> = fc.record({
  alg,
  digits: fc.constantFrom(0, 4, 5, 6, 7, 8, 9, 10),
  counter: fc.boolean(),
  format: fc.constantFrom<Format>('A', 'N', 'H'),
  length: fc.integer({ min: 4, max: 64 }),
  pin: fc.option(fc.record({ alg, bare: fc.boolean() }).map((p) => (p.bare ? { alg: 'SHA1' as Alg, bare: true } : p))),
  session: fc.option(fc.record({ length: fc.integer({ min: 1, max: 512 }), bare: fc.boolean() }).map((s) => (s.bare ? { length: 64, bare: true } : s))),
  time: fc.option(
    fc
      .record({ unit: fc.constantFrom<'S' | 'M' | 'H'>('S', 'M', 'H'), count: fc.integer({ min: 1, max: 59 }), bare: fc.boolean() })
      .map((t) => (t.bare ? { count: 1, unit: 'M' as const, bare: true } : { ...t, count: t.unit === 'H' ? Math.min(t.count, 48) : t.count })),
  ),
});

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
/**
 * Lengths spread over the whole range: fast-check's default size keeps generated strings and
 * arrays to about 10 elements whatever maxLength says, which would never reach a 64-digit challenge.
 */
const anyLength = (min: number, max: number) => fc.oneof(fc.integer({ min, max: Math.min(max, min + 10) }), fc.integer({ min, max }));
const text = (alphabet: readonly string[], min: number, max: number) =>
  anyLength(min, max).chain((n) => fc.string({ unit: fc.constantFrom(...alphabet), minLength: n, maxLength: n }));
const bytes = (min: number, max: number) => anyLength(min, max).chain((n) => fc.uint8Array({ minLength: n, maxLength: n }));
const challengeArb = (format: Format): fc.Arbitrary<string> =>
  format === 'A'
    ? text(PRINTABLE, 1, 128)
    : format === 'H'
      ? text([...'0123456789abcdefABCDEF'], 1, 256)
      : // Up to 308 digits: 10^308 - 1 < 2^1024, the most the 128-byte Q field holds.
        fc.oneof(text([...'0123456789'], 1, 64), text([...'0123456789'], 1, 308));
const u64 = fc.oneof(
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  fc.bigInt({ min: 0n, max: 2n ** 33n }),
  fc.constantFrom(0n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n - 1n, 2n ** 64n - 1n),
);

/** A spec with a key and reference inputs that fit it. */
const caseArb = specArb.chain((spec) =>
  fc.record({
    spec: fc.constant(spec),
    key: bytes(1, 130),
    challenge: challengeArb(spec.format),
    counter: u64,
    pin: fc.string({ minLength: 1, maxLength: 20 }),
    session: bytes(0, spec.session?.length ?? 0).chain((b) =>
      fc.constantFrom(Buffer.from(b).toString('hex'), Buffer.from(b).toString('hex').replace(/^0/, '')),
    ),
    timestamp: u64,
    // How to hand the inputs to ocra(): number or bigint, pin or pinHash, hex or bytes.
    forms: fc.record({ counterNumber: fc.boolean(), pinHash: fc.boolean(), sessionBytes: fc.boolean(), timestampNumber: fc.boolean(), parsed: fc.boolean() }),
  }),
);
type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

/** The OcraInput for a case, in the forms it picked. */
function inputOf(c: Case, ref: RefInput): OcraInput {
  const { spec, forms } = c;
  const input: OcraInput = { challenge: ref.challenge };
  if (spec.counter) input.counter = forms.counterNumber && ref.counter <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(ref.counter) : ref.counter;
  if (spec.pin) {
    if (forms.pinHash) input.pinHash = createHash(spec.pin.alg.toLowerCase()).update(ref.pin, 'utf8').digest('hex');
    else input.pin = ref.pin;
  }
  if (spec.session) {
    const even = ref.session.length % 2 ? `0${ref.session}` : ref.session;
    input.session = forms.sessionBytes ? new Uint8Array(Buffer.from(even, 'hex')) : ref.session;
  }
  if (spec.time) {
    input.timestamp = forms.timestampNumber && ref.timestamp <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(ref.timestamp) : ref.timestamp;
  }
  return input;
}
const refOf = (c: Case): RefInput => ({ challenge: c.challenge, counter: c.counter, pin: c.pin, session: c.session, timestamp: c.timestamp });

// ---- Differential --------------------------------------------------------------------------
test('ocra() equals the node:crypto reference on 5,000 random suites, keys and inputs', () => {
  let n = 0;
  const seen = new Set<string>();
  fc.assert(
    fc.property(caseArb, (c) => {
      const suite = render(c.spec);
      const ref = refOf(c);
      const expected = refOcra(c.spec, c.key, ref);
      expect(ocra(c.forms.parsed ? parseOcraSuite(suite) : suite, c.key, inputOf(c, ref)), suite).toBe(expected);
      seen.add(`${c.spec.format}${c.spec.digits}${!!c.spec.pin}${!!c.spec.session}${!!c.spec.time}${c.spec.counter}`);
      n++;
    }),
    { numRuns: 5_000, seed: 6287 },
  );
  expect(n).toBe(5_000);
  expect(seen.size).toBeGreaterThan(300); // most of the 3 × 8 × 2^4 = 384 shapes were drawn
});

test('time from `now`: steps = floor(ms / step) for every step size, against BigInt arithmetic', () => {
  fc.assert(
    fc.property(specArb, fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.integer({ min: 0, max: 8.64e15 }), (s, key, ms) => {
      const spec: Spec = { ...s, time: s.time ?? { count: 1, unit: 'M', bare: true } };
      const step = BigInt(spec.time!.count * UNIT_SECONDS[spec.time!.unit] * 1000);
      const ref: RefInput = { challenge: '1234', counter: 7n, pin: '1234', session: 'ab', timestamp: BigInt(ms) / step };
      const input: OcraInput = { challenge: '1234', now: ms };
      if (spec.counter) input.counter = 7;
      if (spec.pin) input.pin = '1234';
      if (spec.session) input.session = 'ab';
      expect(ocra(render(spec), key, input)).toBe(refOcra(spec, key, ref));
    }),
    { numRuns: 2_000, seed: 3729 },
  );
});

// ---- Properties ----------------------------------------------------------------------------
test('a response for any valid suite and input verifies, at the right deltas inside windows', () => {
  fc.assert(
    fc.property(caseArb, fc.integer({ min: 0, max: 4 }), fc.integer({ min: -3, max: 3 }), (c, back, shift) => {
      const suite = render(c.spec);
      const ref = refOf(c);
      const input = inputOf(c, ref);
      const response = ocra(suite, c.key, input);
      expect(verifyOcra(response, suite, c.key, input)).toEqual({ counterDelta: 0, timeDelta: 0 });
      if (c.spec.digits === 0) expect(verifyOcra(response.toUpperCase(), suite, c.key, input)).toEqual({ counterDelta: 0, timeDelta: 0 });
      // The server is `back` counters behind and `shift` steps off; the windows reach the response.
      const options: { counterWindow?: number; timeWindow?: number } = {};
      const moved: OcraInput = { ...input };
      let counterDelta = 0;
      let timeDelta = 0;
      if (c.spec.counter && c.counter >= BigInt(back)) {
        moved.counter = c.counter - BigInt(back);
        options.counterWindow = back;
        counterDelta = back;
      }
      const t = c.timestamp - BigInt(shift);
      if (c.spec.time && t >= 0n && t < 2n ** 64n) {
        moved.timestamp = t;
        options.timeWindow = Math.abs(shift);
        timeDelta = shift;
      }
      const found = verifyOcra(response, suite, c.key, moved, options);
      // Another candidate of the window may match first by chance (likely only with few digits);
      // then it must be a genuine match, which the reference confirms.
      if (found && (found.counterDelta !== counterDelta || found.timeDelta !== timeDelta)) {
        const at = {
          ...ref,
          counter: BigInt(moved.counter ?? 0) + BigInt(found.counterDelta),
          timestamp: BigInt(moved.timestamp ?? 0) + BigInt(found.timeDelta),
        };
        expect(refOcra(c.spec, c.key, at)).toBe(response);
      } else {
        expect(found).toEqual({ counterDelta, timeDelta });
      }
    }),
    { numRuns: 2_000, seed: 4114 },
  );
});

/** Changes one input part, or returns null when the suite has no such part. */
function mutate(c: Case, part: string, rnd: number): RefInput | null {
  const ref = refOf(c);
  const { spec } = c;
  switch (part) {
    case 'challenge': {
      const alphabet = spec.format === 'A' ? PRINTABLE.join('') : spec.format === 'N' ? '0123456789' : '0123456789abcdef';
      const i = rnd % ref.challenge.length;
      const old = spec.format === 'H' ? ref.challenge[i]!.toLowerCase() : ref.challenge[i]!;
      const next = alphabet[(alphabet.indexOf(old) + 1 + (rnd % (alphabet.length - 1))) % alphabet.length]!;
      return { ...ref, challenge: ref.challenge.slice(0, i) + next + ref.challenge.slice(i + 1) };
    }
    case 'counter':
      return spec.counter ? { ...ref, counter: ref.counter ^ (1n << BigInt(rnd % 64)) } : null;
    case 'pin':
      return spec.pin ? { ...ref, pin: ref.pin + String.fromCharCode(33 + (rnd % 90)) } : null;
    case 'session': {
      if (!spec.session) return null;
      const bytes = Buffer.from(ref.session.padStart(2 * spec.session.length, '0'), 'hex');
      bytes[rnd % bytes.length]! ^= 1 << (rnd % 8);
      return { ...ref, session: bytes.toString('hex') };
    }
    default: // time step
      return spec.time ? { ...ref, timestamp: ref.timestamp === 0n ? 1n : ref.timestamp - 1n } : null;
  }
}

test('changing any one input (challenge, counter, PIN, session, time step) makes the response fail', () => {
  let mutations = 0;
  let collisions = 0;
  fc.assert(
    fc.property(caseArb, fc.constantFrom('challenge', 'counter', 'pin', 'session', 'time'), fc.nat(), (c, part, rnd) => {
      const suite = render(c.spec);
      const ref = refOf(c);
      const response = ocra(suite, c.key, inputOf(c, ref));
      const changed = mutate(c, part, rnd);
      if (!changed) return;
      mutations++;
      const got = verifyOcra(response, suite, c.key, inputOf(c, changed));
      // The only way to pass is a genuine collision, which the reference must confirm: a truncated
      // response repeats by chance (1 in 10^digits), and a QN/QH challenge whose digits differ
      // only by a trailing zero nibble fills the same Q field (RFC 6287's right padding).
      if (refOcra(c.spec, c.key, changed) === response) {
        collisions++;
        expect(got).toEqual({ counterDelta: 0, timeDelta: 0 });
      } else {
        expect(got).toBeNull();
      }
    }),
    { numRuns: 5_000, seed: 3730 },
  );
  expect(mutations).toBeGreaterThan(2_500);
  expect(collisions).toBeLessThan(mutations / 100);
});

test('QN and QH challenges that differ by a trailing zero nibble collide, as the RFC pads them', () => {
  const key = new Uint8Array(20).fill(1);
  expect(ocra('OCRA-1:HOTP-SHA1-8:QN08', key, { challenge: '1' })).toBe(ocra('OCRA-1:HOTP-SHA1-8:QN08', key, { challenge: '16' }));
  expect(ocra('OCRA-1:HOTP-SHA1-8:QH08', key, { challenge: 'ab' })).toBe(ocra('OCRA-1:HOTP-SHA1-8:QH08', key, { challenge: 'ab00' }));
});

// ---- Nothing but OtpError escapes ----------------------------------------------------------
const onlyOtpError = (fn: () => unknown): unknown => {
  try {
    return fn();
  } catch (e) {
    expect(e).toBeInstanceOf(OtpError);
    expect([
      'INVALID_OCRA_SUITE',
      'INVALID_OCRA_INPUT',
      'INPUT_TOO_LONG',
      'INVALID_KEY',
      'INVALID_COUNTER',
      'INVALID_TIME',
      'INVALID_HEX',
      'INVALID_WINDOW',
      'INVALID_OPTIONS',
    ]).toContain((e as OtpError).code);
    return e;
  }
};

/** Near-valid suite text: a valid suite with a few characters inserted, deleted or replaced. */
const nearSuite = fc
  .tuple(specArb, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 2 }), fc.constantFrom(...'OCRA-1:HOTPSHA256QNAH0123456789CPSTMX-: ')), { maxLength: 3 }))
  .map(([spec, edits]) => {
    let s = render(spec);
    for (const [at, kind, ch] of edits) {
      const i = at % (s.length + 1);
      s = kind === 0 ? s.slice(0, i) + ch + s.slice(i) : kind === 1 ? s.slice(0, i) + s.slice(i + 1) : s.slice(0, i) + ch + s.slice(i + 1);
    }
    return s;
  });

/**
 * An independent reading of the grammar (RFC 6287 §6 with errata 3729 and the §6.3 defaults), as
 * one regular expression plus range checks: the parsed fields, or null for anything invalid.
 */
function refParse(text: string): Record<string, unknown> | null {
  const m = /^OCRA-1:HOTP-(SHA1|SHA256|SHA512)-(0|[4-9]|10):(C-)?Q([ANH])(\d\d)(-P(SHA1|SHA256|SHA512)?)?(-S(\d{3})?)?(-T(?:([1-9]\d?)([SMH]))?)?$/.exec(text);
  if (!m) return null;
  const [, hash, t, c, format, nn, p, pHash, sPart, sLen, tPart, tCount, tUnit] = m;
  const length = Number(nn);
  if (length < 4 || length > 64) return null;
  const session = sLen === undefined ? 64 : Number(sLen);
  if (sPart && (session < 1 || session > 512)) return null;
  const count = Number(tCount ?? 1);
  const unit = (tUnit ?? 'M') as 'S' | 'M' | 'H';
  if (tPart && count > (unit === 'H' ? 48 : 59)) return null;
  const parsed: Record<string, unknown> = {
    suite: text,
    algorithm: hash,
    digits: Number(t),
    counter: c !== undefined,
    challengeFormat: format,
    challengeLength: length,
  };
  if (p) parsed.pinHash = pHash ?? 'SHA1';
  if (sPart) parsed.sessionLength = session;
  if (tPart) parsed.period = count * UNIT_SECONDS[unit];
  return parsed;
}

test('parseOcraSuite on any string gives an OcraSuite or an OtpError, agreeing with a regex reading of the grammar', () => {
  let parsed = 0;
  const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), text(PRINTABLE, 100, 200), nearSuite, nearSuite, specArb.map(render));
  fc.assert(
    fc.property(anyText, (suiteText) => {
      const result = onlyOtpError(() => parseOcraSuite(suiteText));
      const expected = refParse(suiteText);
      if (expected === null) {
        expect(result).toBeInstanceOf(OtpError);
        expect(['INVALID_OCRA_SUITE', 'INPUT_TOO_LONG']).toContain((result as OtpError).code);
        return;
      }
      parsed++;
      expect(result).toEqual(expected);
      expect(Object.keys(result as object)).toEqual(Object.keys(expected));
      expect(Object.isFrozen(result)).toBe(true);
    }),
    { numRuns: 20_000, seed: 6 },
  );
  expect(parsed).toBeGreaterThan(4_000);
});

test('every valid rendered suite parses to exactly its parts', () => {
  fc.assert(
    fc.property(specArb, (spec) => {
      const s = parseOcraSuite(render(spec));
      expect(s.algorithm).toBe(spec.alg);
      expect(s.digits).toBe(spec.digits);
      expect(s.counter).toBe(spec.counter);
      expect(s.challengeFormat).toBe(spec.format);
      expect(s.challengeLength).toBe(spec.length);
      expect(s.pinHash).toBe(spec.pin?.alg);
      expect(s.sessionLength).toBe(spec.session?.length);
      expect(s.period).toBe(spec.time ? spec.time.count * UNIT_SECONDS[spec.time.unit] : undefined);
    }),
    { numRuns: 3_000, seed: 7 },
  );
});

test('ocra/verifyOcra throw only OtpError on any input value, and verifyOcra never on any response', () => {
  const key = new Uint8Array(32).fill(9);
  const full = 'OCRA-1:HOTP-SHA256-8:C-QN08-PSHA1-S016-T30S';
  fc.assert(
    fc.property(
      fc.record(
        {
          challenge: fc.anything(),
          counter: fc.anything(),
          pin: fc.anything(),
          pinHash: fc.anything(),
          session: fc.anything(),
          now: fc.anything(),
          timestamp: fc.anything(),
        },
        { requiredKeys: [] },
      ),
      fc.anything(),
      fc.anything(),
      (input, response, options) => {
        for (const suite of [full, 'OCRA-1:HOTP-SHA1-0:QA08', 'OCRA-1:HOTP-SHA1-6:QH10-T']) {
          onlyOtpError(() => ocra(suite, key, input as OcraInput));
          onlyOtpError(() => verifyOcra(response as string, suite, key, input as OcraInput, options as object));
        }
      },
    ),
    { numRuns: 3_000, seed: 8 },
  );
  const input = { challenge: '12345678', counter: 1, pin: '1234', session: 'ab', timestamp: 5 };
  fc.assert(
    fc.property(fc.oneof(fc.anything(), fc.string(), fc.stringMatching(/^[0-9]{7,9}$/)), (response) => {
      const got = verifyOcra(response as string, full, key, input);
      if (got) expect(response).toBe(ocra(full, key, input));
    }),
    { numRuns: 3_000, seed: 9 },
  );
});
