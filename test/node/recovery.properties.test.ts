// Properties of recovery sets (src/recovery.ts): over random sets, policies and sequences of
// attempts (codes in random spellings, codes with one symbol changed, codes spoiled by a character
// that must not be corrected, random text, non-strings, time moving on), every answer equals that
// of a naive model written here from the rules of docs/recovery-codes.md (the codes kept in clear and compared
// with ===), the input is never mutated, each code is accepted exactly once, a used code stays
// used, the lock follows token state's arithmetic, and regeneration kills every old code.
// Sequence lengths are drawn explicitly: fast-check's default size would keep arrays near 10.
import fc from 'fast-check';
import { expect, test } from 'vitest';
import {
  generateRecoveryCodes,
  regenerateRecoveryCodes,
  remainingRecoveryCodes,
  useRecoveryCode,
  type RecoverySet,
  type ThrottlePolicy,
} from '../../src/index.ts';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
const stored = <T>(value: T): T => deepFreeze(JSON.parse(JSON.stringify(value)) as T);

// ---- The model ----------------------------------------------------------------------------------
interface Model {
  codes: string[]; // bare upper-case symbols, in clear
  used: boolean[];
  seq: number;
  failures: number;
  lockMs: number;
  lockedUntil: number;
}
type Reason = 'accepted' | 'wrong' | 'used' | 'locked';

/** The reading (docs/recovery-codes.md) of an input: drop spaces and hyphens; ASCII letters and digits, any case; O is 0, I and L are 1. */
function modelRead(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const bare = input.replaceAll(' ', '').replaceAll('-', '');
  if (!/^[0-9A-Za-z]*$/.test(bare)) return null;
  const text = bare.toUpperCase().replaceAll('O', '0').replaceAll('I', '1').replaceAll('L', '1');
  return text.includes('U') ? null : text;
}

function modelUse(m: Model, input: unknown, now: number, p: Required<ThrottlePolicy>): { reason: Reason; next: Model } {
  if (m.lockMs > 0 && now < m.lockedUntil) return { reason: 'locked', next: m };
  const text = modelRead(input);
  const i = text === null ? -1 : m.codes.indexOf(text);
  if (i < 0) {
    const failures = m.failures + 1;
    if (failures < p.maxFailures) return { reason: 'wrong', next: { ...m, seq: m.seq + 1, failures } };
    const lockMs = m.lockMs === 0 ? p.lockMs : Math.min(Math.max(2 * m.lockMs, p.lockMs), p.maxLockMs);
    return { reason: 'wrong', next: { ...m, seq: m.seq + 1, failures, lockMs, lockedUntil: now + lockMs } };
  }
  if (m.used[i]) return { reason: 'used', next: m };
  const used = m.used.slice();
  used[i] = true;
  return { reason: 'accepted', next: { ...m, used, seq: m.seq + 1, failures: 0, lockMs: 0, lockedUntil: 0 } };
}

/** What the stored set must be, given the model: the hashes, salt and bits never change. */
const expectedSet = (start: RecoverySet, m: Model): RecoverySet => ({
  ...start,
  seq: m.seq,
  used: m.used,
  failures: m.failures,
  lockMs: m.lockMs,
  lockedUntil: m.lockedUntil,
});

// ---- Generators ---------------------------------------------------------------------------------
const policyArb = fc
  .record({ maxFailures: fc.integer({ min: 1, max: 6 }), lockMs: fc.integer({ min: 1, max: 5_000 }), extra: fc.integer({ min: 0, max: 20_000 }) })
  .map(({ maxFailures, lockMs, extra }) => ({ maxFailures, lockMs, maxLockMs: lockMs + extra }));

/** A way to type a code: per symbol a case and a reading (0 as O, 1 as I or L), separators between. */
const spellingArb = fc.record({
  lower: fc.array(fc.boolean(), { minLength: 32, maxLength: 32 }),
  readings: fc.array(fc.constantFrom('', 'O', 'o', 'I', 'i', 'L', 'l'), { minLength: 32, maxLength: 32 }),
  separators: fc.array(fc.constantFrom('', '', '', '-', ' ', '--', ' - '), { minLength: 33, maxLength: 33 }),
});

const attemptArb = fc.record({
  dt: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3_000 }), fc.integer({ min: 0, max: 60_000 })),
  what: fc.oneof(
    { weight: 5, arbitrary: fc.record({ type: fc.constant('code' as const), index: fc.nat(), spelling: spellingArb }) },
    { weight: 2, arbitrary: fc.record({ type: fc.constant('changed' as const), index: fc.nat(), at: fc.nat(), to: fc.integer({ min: 1, max: 31 }) }) },
    {
      weight: 2,
      arbitrary: fc.record({
        type: fc.constant('spoiled' as const),
        index: fc.nat(),
        at: fc.nat(),
        ch: fc.constantFrom('U', 'u', '\t', '\n', '_', '.', '\u2013', '\u00a0', '\u0131', '\u017f', '\u212a', '\uff10', '\u0391', '\u00ad'),
      }),
    },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('short' as const), index: fc.nat(), drop: fc.integer({ min: 1, max: 3 }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('text' as const), text: fc.string({ maxLength: 40 }) }) },
    { weight: 1, arbitrary: fc.record({ type: fc.constant('other' as const), value: fc.constantFrom(undefined, null, 0, 1234567890123456, true, [], {}) }) },
  ),
});
const attemptsArb = fc.integer({ min: 1, max: 70 }).chain((n) => fc.array(attemptArb, { minLength: n, maxLength: n }));
const shapeArb = fc.record({ count: fc.integer({ min: 1, max: 12 }), bits: fc.integer({ min: 80, max: 110 }) });

function spell(code: string, s: { lower: boolean[]; readings: string[]; separators: string[] }): string {
  let out = s.separators[0]!;
  for (let i = 0; i < code.length; i++) {
    let ch = code[i]!;
    const r = s.readings[i]!;
    if (ch === '0' && /^[Oo]$/.test(r)) ch = r;
    else if (ch === '1' && /^[IiLl]$/.test(r)) ch = r;
    else if (s.lower[i]) ch = ch.toLowerCase();
    out += ch + s.separators[i + 1]!;
  }
  return out;
}

test('every answer equals the model; input never mutated; each code accepted exactly once; used stays used', () => {
  const seen: Record<Reason, number> = { accepted: 0, wrong: 0, used: 0, locked: 0 };
  let spelled = 0;
  fc.assert(
    fc.property(shapeArb, policyArb, attemptsArb, ({ count, bits }, policy, attempts) => {
      const { codes, set } = generateRecoveryCodes({ count, bits });
      const bare = codes.map((c) => c.replaceAll('-', ''));
      let model: Model = { codes: bare, used: bare.map(() => false), seq: 0, failures: 0, lockMs: 0, lockedUntil: 0 };
      let current: RecoverySet = set;
      let now = 1_700_000_000_000;
      const acceptedAt = new Map<number, number>(); // code index → step of its one acceptance
      attempts.forEach(({ dt, what }, step) => {
        now += dt;
        let input: unknown;
        switch (what.type) {
          case 'code':
            input = spell(bare[what.index % count]!, what.spelling);
            spelled += input !== codes[what.index % count] ? 1 : 0;
            break;
          case 'changed': {
            const c = bare[what.index % count]!;
            const at = what.at % c.length;
            input = c.slice(0, at) + ALPHABET[(ALPHABET.indexOf(c[at]!) + what.to) % 32] + c.slice(at + 1);
            break;
          }
          case 'spoiled': {
            const c = codes[what.index % count]!;
            const at = what.at % (c.length + 1);
            input = c.slice(0, at) + what.ch + c.slice(at);
            break;
          }
          case 'short':
            input = codes[what.index % count]!.slice(0, -what.drop);
            break;
          case 'text':
            input = what.text;
            break;
          default:
            input = what.value;
        }
        const frozen = stored(current);
        const before = JSON.stringify(frozen);
        const result = useRecoveryCode(frozen, input as string, { now, policy });
        const expected = modelUse(model, input, now, policy);
        expect(JSON.stringify(frozen)).toBe(before);
        expect(result).toEqual({ ok: expected.reason === 'accepted', reason: expected.reason, set: expectedSet(set, expected.next) });
        // Unchanged exactly when seq is unchanged: the compare-and-set contract.
        expect(result.set.seq === frozen.seq).toBe(JSON.stringify(result.set) === before);
        // Used stays used; at most one code becomes used per call, and only by an acceptance.
        const newly = result.set.used.flatMap((u, i) => (u && !frozen.used[i] ? [i] : []));
        for (let i = 0; i < count; i++) if (frozen.used[i]) expect(result.set.used[i]).toBe(true);
        expect(newly.length).toBe(result.reason === 'accepted' ? 1 : 0);
        for (const i of newly) {
          expect(acceptedAt.has(i)).toBe(false);
          acceptedAt.set(i, step);
        }
        expect(remainingRecoveryCodes(result.set)).toBe(count - acceptedAt.size);
        seen[result.reason]++;
        model = expected.next;
        current = result.set;
      });
    }),
    { numRuns: 300 },
  );
  // The generators reach every outcome often (not a property that passes on nothing).
  expect(Math.min(seen.accepted, seen.used, seen.locked, seen.wrong)).toBeGreaterThan(300);
  expect(spelled).toBeGreaterThan(500);
}, 60_000);

test('regeneration: every old code is wrong on the new set, every new code right once; seq continues, the throttle carries over', () => {
  fc.assert(
    fc.property(shapeArb, fc.option(shapeArb, { nil: undefined }), fc.integer({ min: 0, max: 20 }), (shape, next, failures) => {
      const first = generateRecoveryCodes(shape);
      const worn = stored({
        ...first.set,
        seq: 7,
        used: first.set.used.map((_, i) => i % 2 === 0),
        failures,
        lockMs: failures ? 1000 : 0,
        lockedUntil: failures ? 5000 : 0,
      });
      const before = JSON.stringify(worn);
      const { codes, set } = regenerateRecoveryCodes(worn, next);
      expect(JSON.stringify(worn)).toBe(before);
      expect(codes).toHaveLength(next?.count ?? shape.count);
      expect(set.bits).toBe(Math.ceil((next?.bits ?? shape.bits) / 5) * 5);
      expect([set.seq, set.failures, set.lockMs, set.lockedUntil]).toEqual([8, worn.failures, worn.lockMs, worn.lockedUntil]);
      expect(set.salt).not.toBe(worn.salt);
      const lenient = { now: 5000, policy: { maxFailures: 1_000 } };
      for (const old of first.codes) expect(useRecoveryCode(set, old, lenient).reason).toBe('wrong');
      let s = set;
      for (const c of codes) {
        const r = useRecoveryCode(s, c, lenient);
        expect(r.reason).toBe('accepted');
        expect(useRecoveryCode(r.set, c, lenient).reason).toBe('used');
        s = r.set;
      }
      expect(remainingRecoveryCodes(s)).toBe(0);
    }),
    { numRuns: 60 },
  );
});

test('the lock: at maxFailures and after, every failure locks, doubling up to maxLockMs, until a success clears it', () => {
  fc.assert(
    fc.property(policyArb, fc.integer({ min: 1, max: 30 }), (policy, wrongs) => {
      const { codes, set } = generateRecoveryCodes({ count: 2 });
      let s = set;
      let now = 0;
      let lastLock = 0;
      for (let k = 1; k <= wrongs; k++) {
        if (s.lockMs > 0) {
          expect(useRecoveryCode(s, codes[0]!, { now: s.lockedUntil - 1, policy }).reason).toBe('locked');
          now = s.lockedUntil;
        }
        const r = useRecoveryCode(s, '0000-0000-0000-0000', { now, policy });
        expect(r.reason).toBe('wrong');
        expect(r.set.failures).toBe(k);
        const lock = k < policy.maxFailures ? 0 : lastLock === 0 ? policy.lockMs : Math.min(2 * lastLock, policy.maxLockMs);
        expect([r.set.lockMs, r.set.lockedUntil]).toEqual([lock, lock ? now + lock : 0]);
        lastLock = lock;
        s = r.set;
      }
      const ok = useRecoveryCode(s, codes[1]!, { now: Math.max(now, s.lockedUntil), policy });
      expect([ok.reason, ok.set.failures, ok.set.lockMs, ok.set.lockedUntil]).toEqual(['accepted', 0, 0, 0]);
    }),
    { numRuns: 200 },
  );
});

test('a set with a changed byte anywhere in a hash or the salt no longer accepts that code (no silent pass)', () => {
  const { codes, set } = generateRecoveryCodes({ count: 3 });
  for (let i = 0; i < 64; i++) {
    const flip = (hex: string) => hex.slice(0, i) + (hex[i] === '0' ? '1' : '0') + hex.slice(i + 1);
    const hashes = [flip(set.hashes[0]!), ...set.hashes.slice(1)];
    expect(useRecoveryCode({ ...set, hashes }, codes[0]!, { now: 0 }).reason).toBe('wrong');
    expect(useRecoveryCode({ ...set, hashes }, codes[1]!, { now: 0 }).reason).toBe('accepted');
    expect(useRecoveryCode({ ...set, salt: flip(set.salt) }, codes[2]!, { now: 0 }).reason).toBe('wrong');
  }
});
